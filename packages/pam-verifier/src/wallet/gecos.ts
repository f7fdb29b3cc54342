/**
 * The wallet entry in a user's GECOS field: `wallet=<address>[,nft=<tokenId>]`
 * (other comma-separated GECOS parts are ignored).
 */
import type { Address } from '@blockhost/core';
import { toChecksumAddress } from '../siwe/address.js';

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

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
    // As written (shape-checked): the challenge checksums it once, into the message.
    if (key === 'wallet' && out.wallet === undefined && ADDRESS_RE.test(value))
      out.wallet = value as Address;
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
