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

/** Enables native payment with a native/USD feed, or disables it with the zero address (admin). */
export function setPriceFeed(
  clients: WriteClients,
  p: { readonly address: Address; readonly feed: Address; readonly maxStalenessSeconds: number },
): ResultAsync<WriteReturnType, WriteErrorType> {
  return sendContract(clients, {
    abi: subsAbi,
    address: p.address,
    functionName: 'setPriceFeed',
    args: [p.feed, BigInt(p.maxStalenessSeconds)],
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
