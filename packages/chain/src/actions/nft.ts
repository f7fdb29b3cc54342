import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { type Address, getAddress, type Hex } from 'viem';
import { accessCredentialNftAbi } from '../contracts.js';
import {
  AccessTokenConflictError,
  type ChainInputError,
  type MissingEventError,
} from '../errors.js';
import { toHexData } from '../internal/bytes.js';
import type { ReadClient, WriteClients } from '../internal/clients.js';
import { eventFromReceipt } from '../internal/receipt.js';
import { readContract, sendContract, type WriteErrorType } from '../internal/send.js';
import type { ReadErrorType } from './plans.js';

const abi = accessCredentialNftAbi;

/** The token of a subscription, or null when none was minted. */
export function tokenOfSubscription(
  client: ReadClient,
  p: { readonly address: Address; readonly subscriptionId: bigint },
): ResultAsync<bigint | null, ReadErrorType> {
  return readContract(client, {
    abi,
    address: p.address,
    functionName: 'tokenOfSubscription',
    args: [p.subscriptionId],
  }).map((id) => (id === 0n ? null : id));
}

/** Current owner (who may log in); a missing token is `ERC721NonexistentToken`. */
export function ownerOf(
  client: ReadClient,
  p: {
    readonly address: Address;
    readonly tokenId: bigint;
    /** As of this block (default: the latest). */
    readonly blockNumber?: bigint | undefined;
  },
): ResultAsync<Address, ReadErrorType> {
  return readContract(client, {
    abi,
    address: p.address,
    functionName: 'ownerOf',
    args: [p.tokenId],
    blockNumber: p.blockNumber,
  });
}

/** The subscription a token belongs to. */
export function subscriptionOf(
  client: ReadClient,
  p: { readonly address: Address; readonly tokenId: bigint },
): ResultAsync<bigint, ReadErrorType> {
  return readContract(client, {
    abi,
    address: p.address,
    functionName: 'subscriptionOf',
    args: [p.tokenId],
  });
}

/** The token's encrypted connection details (`0x` when none were stored). */
export function getUserEncrypted(
  client: ReadClient,
  p: { readonly address: Address; readonly tokenId: bigint },
): ResultAsync<Hex, ReadErrorType> {
  return readContract(client, {
    abi,
    address: p.address,
    functionName: 'getUserEncrypted',
    args: [p.tokenId],
  });
}

/** The on-chain `data:application/json;base64,…` metadata URI. */
export function tokenURI(
  client: ReadClient,
  p: { readonly address: Address; readonly tokenId: bigint },
): ResultAsync<string, ReadErrorType> {
  return readContract(client, {
    abi,
    address: p.address,
    functionName: 'tokenURI',
    args: [p.tokenId],
  });
}

/** Number of tokens minted so far (ids are 1..totalSupply). */
export function getTokenCount(
  client: ReadClient,
  p: { readonly address: Address },
): ResultAsync<bigint, ReadErrorType> {
  return readContract(client, {
    abi,
    address: p.address,
    functionName: 'totalSupply',
    args: [],
  });
}

export interface MintAccessTokenParameters {
  /** The NFT contract. */
  readonly address: Address;
  readonly to: Address;
  readonly subscriptionId: bigint;
  /** Connection details encrypted with the customer's credential key (or empty). */
  readonly userEncrypted: Hex | Uint8Array;
}

/** Whom a token was minted to (its subscription's buyer). */
export function mintedTo(
  client: ReadClient,
  p: { readonly address: Address; readonly tokenId: bigint },
): ResultAsync<Address, ReadErrorType> {
  return readContract(client, {
    abi,
    address: p.address,
    functionName: 'mintedTo',
    args: [p.tokenId],
  });
}

export interface MintAccessTokenReturnType {
  readonly tokenId: bigint;
  /**
   * True when the subscription already had its token, minted to `to` (found, not minted now).
   * A token of the subscription minted to anyone else is an `AccessTokenConflictError`.
   */
  readonly alreadyMinted: boolean;
  /** Who holds the token now: `to`, unless an existing token has changed hands since. */
  readonly owner: Address;
  /** The mint transaction; null when the token already existed. */
  readonly transactionHash: Hex | null;
}

export type MintAccessTokenErrorType =
  | WriteErrorType
  | MissingEventError
  | ChainInputError
  | AccessTokenConflictError;
/**
 * Mints the access token of a subscription to its buyer `to`, idempotently: the contract refuses
 * a second mint, and then (or when another mint won a race) the existing token is returned
 * instead — only if it was minted to `to` (it may have changed hands since: see `owner`).
 */
export function mintAccessToken(
  clients: WriteClients,
  p: MintAccessTokenParameters,
): ResultAsync<MintAccessTokenReturnType, MintAccessTokenErrorType> {
  const client = clients.publicClient;
  const existing = () =>
    tokenOfSubscription(client, { address: p.address, subscriptionId: p.subscriptionId });
  // The existing token is ours to report only when it went to `to`: its owner, or else the
  // contract's record of whom it was minted to (null if this deployment cannot tell).
  const verify = (tokenId: bigint) =>
    ownerOf(client, { address: p.address, tokenId }).andThen((owner) =>
      sameAddress(owner, p.to)
        ? okAsync({ owner, minted: owner as Address | null })
        : mintedTo(client, { address: p.address, tokenId })
            .map((minted): Address | null => minted)
            .orElse((e) => (e.code === 'CONTRACT_REVERT' ? okAsync(null) : errAsync(e)))
            .map((minted) => ({ owner, minted })),
    );
  const recover = <E>(error: E) =>
    existing().andThen((tokenId) =>
      tokenId === null
        ? errAsync(error)
        : verify(tokenId).andThen(({ owner, minted }) =>
            minted !== null && sameAddress(minted, p.to)
              ? okAsync<MintAccessTokenReturnType, E | AccessTokenConflictError>({
                  tokenId,
                  alreadyMinted: true,
                  owner,
                  transactionHash: null,
                })
              : errAsync(
                  new AccessTokenConflictError({
                    subscriptionId: p.subscriptionId,
                    tokenId,
                    owner,
                    mintedTo: minted,
                    expected: p.to,
                  }),
                ),
          ),
    );
  return toHexData(p.userEncrypted, 'userEncrypted')
    .asyncAndThen((data) =>
      sendContract(clients, {
        abi,
        address: p.address,
        functionName: 'mint',
        args: [p.to, p.subscriptionId, data],
      }),
    )
    .andThen((tx) =>
      eventFromReceipt<{ tokenId: bigint }>(tx.receipt, abi, p.address, 'AccessTokenMinted').map(
        (e): MintAccessTokenReturnType => ({
          tokenId: e.tokenId,
          alreadyMinted: false,
          owner: getAddress(p.to),
          transactionHash: tx.transactionHash,
        }),
      ),
    )
    .orElse((error) => {
      // Any revert may mean "already minted" (a concurrent or earlier mint won): the chain's
      // answer decides, so a crashed-and-restarted minter gets the existing token back.
      const reverted = error.code === 'TRANSACTION_REVERTED' || error.code === 'CONTRACT_REVERT';
      return reverted ? recover(error) : errAsync(error);
    });
}

function sameAddress(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Replaces a token's encrypted connection details (minter role). */
export function updateUserEncrypted(
  clients: WriteClients,
  p: {
    readonly address: Address;
    readonly tokenId: bigint;
    readonly userEncrypted: Hex | Uint8Array;
  },
): ResultAsync<{ transactionHash: Hex; blockNumber: bigint }, WriteErrorType | ChainInputError> {
  return toHexData(p.userEncrypted, 'userEncrypted')
    .asyncAndThen((data) =>
      sendContract(clients, {
        abi,
        address: p.address,
        functionName: 'updateUserEncrypted',
        args: [p.tokenId, data],
      }),
    )
    .map((tx) => ({ transactionHash: tx.transactionHash, blockNumber: tx.blockNumber }));
}
