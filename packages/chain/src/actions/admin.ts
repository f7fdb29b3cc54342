import type { ResultAsync } from 'neverthrow';
import type { Address, Hex } from 'viem';
import {
  accessCredentialNftAbi,
  blockhostSubscriptionsAbi,
  ROLES,
  type RoleName,
} from '../contracts.js';
import type { ReadClient, WriteClients } from '../internal/clients.js';
import { readContract, sendContract, type WriteErrorType } from '../internal/send.js';
import type { ReadErrorType } from './plans.js';

const subsAbi = blockhostSubscriptionsAbi;

export interface WriteReturnType {
  readonly transactionHash: Hex;
  readonly blockNumber: bigint;
}

const txResult = (tx: WriteReturnType): WriteReturnType => ({
  transactionHash: tx.transactionHash,
  blockNumber: tx.blockNumber,
});

/** Accepts or stops accepting an ERC-20 USD stablecoin (admin role). */
export function setPaymentToken(
  clients: WriteClients,
  p: { readonly address: Address; readonly token: Address; readonly accepted: boolean },
): ResultAsync<WriteReturnType, WriteErrorType> {
  return sendContract(clients, {
    abi: subsAbi,
    address: p.address,
    functionName: 'setPaymentToken',
    args: [p.token, p.accepted],
  }).map(txResult);
}

/**
 * Enables native payment with a native/USD feed, or disables it with the zero address (admin).
 * `maxStalenessSeconds` (1 s .. 2 days): the feed's heartbeat plus a margin, e.g.
 * `feedMaxStaleness(3600)`.
 */
export function setPriceFeed(
  clients: WriteClients,
  p: {
    readonly address: Address;
    readonly feed: Address;
    readonly maxStalenessSeconds: number | bigint;
  },
): ResultAsync<WriteReturnType, WriteErrorType> {
  return sendContract(clients, {
    abi: subsAbi,
    address: p.address,
    functionName: 'setPriceFeed',
    args: [p.feed, BigInt(p.maxStalenessSeconds)],
  }).map(txResult);
}

/**
 * On an L2: a Chainlink sequencer-uptime feed; native payments stop while the sequencer is down
 * and for `gracePeriodSeconds` (at most 1 day; Chainlink suggests 3600) after it is back. The
 * zero address removes it (admin).
 */
export function setSequencerUptimeFeed(
  clients: WriteClients,
  p: {
    readonly address: Address;
    readonly feed: Address;
    readonly gracePeriodSeconds: number | bigint;
  },
): ResultAsync<WriteReturnType, WriteErrorType> {
  return sendContract(clients, {
    abi: subsAbi,
    address: p.address,
    functionName: 'setSequencerUptimeFeed',
    args: [p.feed, BigInt(p.gracePeriodSeconds)],
  }).map(txResult);
}

/**
 * Undoes an operator's cancellation (e.g. by a leaked server key): the subscription is live
 * again, its expiry unchanged (admin). A holder's own cancellation cannot be undone.
 */
export function restoreSubscription(
  clients: WriteClients,
  p: { readonly address: Address; readonly subscriptionId: bigint },
): ResultAsync<WriteReturnType, WriteErrorType> {
  return sendContract(clients, {
    abi: subsAbi,
    address: p.address,
    functionName: 'restoreSubscription',
    args: [p.subscriptionId],
  }).map(txResult);
}

/**
 * Repairs an access token: moves it to `to` whoever holds it (admin of the NFT contract; the
 * server key cannot). The new holder then controls the subscription and may log in.
 */
export function reassignAccessToken(
  clients: WriteClients,
  p: { readonly address: Address; readonly tokenId: bigint; readonly to: Address },
): ResultAsync<WriteReturnType, WriteErrorType> {
  return sendContract(clients, {
    abi: accessCredentialNftAbi,
    address: p.address,
    functionName: 'reassignToken',
    args: [p.tokenId, p.to],
  }).map(txResult);
}

/**
 * Links the subscriptions contract to its access NFT, whose holders then control their
 * subscriptions: once, by the deploying account or the admin (`deployBlockhost` does it).
 */
export function linkAccessCredential(
  clients: WriteClients,
  p: { readonly address: Address; readonly nft: Address },
): ResultAsync<WriteReturnType, WriteErrorType> {
  return sendContract(clients, {
    abi: subsAbi,
    address: p.address,
    functionName: 'linkAccessCredential',
    args: [p.nft],
  }).map(txResult);
}

/** Moves collected funds out (admin role); `token` zero address = native coin. */
export function withdraw(
  clients: WriteClients,
  p: {
    readonly address: Address;
    readonly token: Address;
    readonly to: Address;
    readonly amount: bigint;
  },
): ResultAsync<WriteReturnType, WriteErrorType> {
  return sendContract(clients, {
    abi: subsAbi,
    address: p.address,
    functionName: 'withdraw',
    args: [p.token, p.to, p.amount],
  }).map(txResult);
}

export interface RoleParameters {
  /** Either contract (both use OpenZeppelin AccessControl). */
  readonly address: Address;
  readonly role: RoleName;
  readonly account: Address;
}

/** Whether `account` holds `role` on the contract at `address`. */
export function hasRole(
  client: ReadClient,
  p: RoleParameters,
): ResultAsync<boolean, ReadErrorType> {
  return readContract(client, {
    abi: subsAbi,
    address: p.address,
    functionName: 'hasRole',
    args: [ROLES[p.role], p.account],
  });
}

/** Grants a role (the role's admin, i.e. the admin wallet). */
export function grantRole(
  clients: WriteClients,
  p: RoleParameters,
): ResultAsync<WriteReturnType, WriteErrorType> {
  return sendContract(clients, {
    abi: accessCredentialNftAbi,
    address: p.address,
    functionName: 'grantRole',
    args: [ROLES[p.role], p.account],
  }).map(txResult);
}

/** Revokes a role (the role's admin, i.e. the admin wallet). */
export function revokeRole(
  clients: WriteClients,
  p: RoleParameters,
): ResultAsync<WriteReturnType, WriteErrorType> {
  return sendContract(clients, {
    abi: accessCredentialNftAbi,
    address: p.address,
    functionName: 'revokeRole',
    args: [ROLES[p.role], p.account],
  }).map(txResult);
}
