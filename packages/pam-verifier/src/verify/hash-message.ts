import { utf8 } from '../internal/hex.js';
import { keccak256 } from './keccak.js';

/** EIP-191 `personal_sign` hash: keccak256("\x19Ethereum Signed Message:\n" + byteLength + message). */
export function hashPersonalMessage(message: string): Uint8Array {
  const body = utf8(message);
  const prefix = utf8(`\x19Ethereum Signed Message:\n${body.length}`);
  const all = new Uint8Array(prefix.length + body.length);
  all.set(prefix);
  all.set(body, prefix.length);
  return keccak256(all);
}
