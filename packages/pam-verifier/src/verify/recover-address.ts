/**
 * Offline EOA verification: EIP-191 (`personal_sign`) hash of the exact
 * message, then secp256k1 public-key recovery with noble.
 */
import type { Address } from '@blockhost/core';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { err, ok, type Result } from 'neverthrow';
import { AnswerMalformedError } from '../errors.js';
import { bytesToHex, hexToBytes } from '../internal/hex.js';
import { toChecksumAddress } from '../siwe/address.js';

/** keccak256("\x19Ethereum Signed Message:\n" + byteLength + message) */
export function hashPersonalMessage(message: string): Uint8Array {
  const body = new TextEncoder().encode(message);
  const prefix = new TextEncoder().encode(`\x19Ethereum Signed Message:\n${body.length}`);
  const all = new Uint8Array(prefix.length + body.length);
  all.set(prefix);
  all.set(body, prefix.length);
  return keccak_256(all);
}

/** The address of an uncompressed (65-byte) or compressed (33-byte) public key. */
export function publicKeyToAddress(publicKey: Uint8Array): Address {
  const point = secp256k1.Point.fromBytes(publicKey);
  const raw = point.toBytes(false).subarray(1);
  return toChecksumAddress(`0x${bytesToHex(keccak_256(raw).subarray(12))}`) as Address;
}

/**
 * Recovers the signer of a `personal_sign` signature: 65 bytes `r‖s‖v`
 * (v = 27/28 or 0/1) or 64 bytes EIP-2098 compact (`r‖yParity·s`).
 */
export function recoverMessageSigner(
  message: string,
  signature: `0x${string}`,
): Result<Address, AnswerMalformedError> {
  const bytes = hexToBytes(signature);
  let rs: Uint8Array;
  let bit: number;
  if (bytes.length === 65) {
    const v = bytes[64] as number;
    bit = v >= 27 ? v - 27 : v;
    if (bit !== 0 && bit !== 1) return err(new AnswerMalformedError('v must be 27, 28, 0 or 1'));
    rs = bytes.slice(0, 64);
  } else if (bytes.length === 64) {
    rs = bytes.slice();
    bit = ((rs[32] as number) & 0x80) >> 7;
    rs[32] = (rs[32] as number) & 0x7f;
  } else {
    return err(new AnswerMalformedError('an EOA signature is 65 (or 64) bytes'));
  }
  try {
    const sig = secp256k1.Signature.fromBytes(rs, 'compact').addRecoveryBit(bit);
    const point = sig.recoverPublicKey(hashPersonalMessage(message));
    return ok(publicKeyToAddress(point.toBytes(false)));
  } catch {
    return err(new AnswerMalformedError('r, s do not form a recoverable secp256k1 signature'));
  }
}
