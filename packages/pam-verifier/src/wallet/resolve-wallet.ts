/**
 * The wallet allowed to log in as a user: from the GECOS field, or in NFT
 * mode the access NFT's current owner. When the chain cannot be asked, the
 * GECOS wallet is used (the daemon rewrites it after each transfer, so a
 * login works offline).
 */
import type { Address } from '@blockhost/core';
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { NftNotOwnedError, NoWalletError, type RpcRequestError } from '../errors.js';
import { parseGecosWallet } from './gecos.js';
import { type ReadNftOwnerParameters, readNftOwner } from './nft-owner.js';

export interface NftLookup {
  contract: Address;
  rpcUrls: readonly string[];
  /** The configured chain: only a node of this chain is believed. */
  chainId: number;
  timeoutMs: number;
}

export interface ResolveAllowedWalletParameters {
  user: string;
  gecos: string;
  /** NFT mode is on when this is given and the GECOS names a token. */
  nft?: NftLookup | undefined;
  /** Injected for tests; `readNftOwner` by default. */
  readOwner?:
    | ((p: ReadNftOwnerParameters) => ResultAsync<Address | null, RpcRequestError>)
    | undefined;
}

export interface AllowedWallet {
  wallet: Address;
  source: 'gecos' | 'nft';
  nftTokenId?: string | undefined;
  /** Set when NFT mode fell back to the GECOS wallet: why the chain was not used. */
  fallback?: string | undefined;
}

export type ResolveAllowedWalletErrorType = NoWalletError | NftNotOwnedError;

export function resolveAllowedWallet(
  p: ResolveAllowedWalletParameters,
): ResultAsync<AllowedWallet, ResolveAllowedWalletErrorType> {
  const g = parseGecosWallet(p.gecos);
  const fromGecos = (
    fallback?: string,
  ): ResultAsync<AllowedWallet, ResolveAllowedWalletErrorType> =>
    g.wallet
      ? okAsync({ wallet: g.wallet, source: 'gecos', nftTokenId: g.nftTokenId, fallback })
      : errAsync(
          new NoWalletError(p.user, fallback ? { details: `no GECOS wallet; ${fallback}` } : {}),
        );
  if (!p.nft || g.nftTokenId === undefined || p.nft.rpcUrls.length === 0) return fromGecos();
  const tokenId = g.nftTokenId;
  const read = p.readOwner ?? readNftOwner;
  return read({ ...p.nft, tokenId })
    .orElse((e) => okAsync<Address | null | RpcRequestError, never>(e))
    .andThen((owner) => {
      if (owner === null) return errAsync(new NftNotOwnedError(tokenId));
      if (typeof owner === 'string')
        return okAsync<AllowedWallet, ResolveAllowedWalletErrorType>({
          wallet: owner,
          source: 'nft',
          nftTokenId: tokenId,
        });
      return fromGecos(`ownerOf failed: ${owner.details ?? owner.shortMessage}`);
    });
}
