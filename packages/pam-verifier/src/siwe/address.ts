import type { Address } from '@blockhost/core';
import { bytesToHex, utf8 } from '../internal/hex.js';
import { keccak256 } from '../verify/keccak.js';

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

/** EIP-55 checksummed form of an address; `undefined` for anything that is not one. */
export function toChecksumAddress(address: string): Address | undefined {
  if (!ADDRESS_RE.test(address)) return undefined;
  const lower = address.slice(2).toLowerCase();
  const hash = bytesToHex(keccak256(utf8(lower)));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const c = lower[i] as string;
    out += Number.parseInt(hash[i] as string, 16) >= 8 ? c.toUpperCase() : c;
  }
  return out as Address;
}
