/**
 * The wallet entry in a user's GECOS field: `wallet=<address>[,nft=<tokenId>]`
 * (other comma-separated GECOS parts are ignored).
 */
import type { Address } from '@blockhost/core';
import { toChecksumAddress } from '../siwe/address.js';

export interface GecosWallet {
  wallet?: Address | undefined;
  /** Decimal token id of the access NFT (NFT mode). */
  nftTokenId?: string | undefined;
}

const TOKEN_ID_RE = /^(0|[1-9]\d{0,77})$/;

export function parseGecosWallet(gecos: string): GecosWallet {
  const out: GecosWallet = {};
  for (const part of gecos.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (key === 'wallet' && out.wallet === undefined) out.wallet = toChecksumAddress(value);
    if (key === 'nft' && out.nftTokenId === undefined && TOKEN_ID_RE.test(value))
      out.nftTokenId = value;
  }
  return out;
}

/** `wallet=<address>[,nft=<id>]`, what the provisioner writes (`usermod -c`). */
export function formatGecosWallet(wallet: Address, nftTokenId?: bigint | number | string): string {
  const w = toChecksumAddress(wallet) ?? wallet;
  return nftTokenId === undefined ? `wallet=${w}` : `wallet=${w},nft=${String(nftTokenId)}`;
}
