/**
 * Exact EOA signer recovery (with v) in JavaScript, with noble: the library
 * API. The verify helper uses the start-up-lean check in eoa-signer.ts.
 */
import type { Address } from '@blockhost/core';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { err, ok, type Result } from 'neverthrow';
import { AnswerMalformedError } from '../errors.js';
import { bytesToHex, hexToBytes } from '../internal/hex.js';
import { toChecksumAddress } from '../siwe/address.js';
import { hashPersonalMessage } from './hash-message.js';

export { hashPersonalMessage };

/** The address (lower case) of an uncompressed (65-byte) or compressed (33-byte) public key. */
function publicKeyToLowerAddress(publicKey: Uint8Array): Address {
  const raw = secp256k1.Point.fromBytes(publicKey).toBytes(false).subarray(1);
  return `0x${bytesToHex(keccak_256(raw).subarray(12))}`;
}

/** The checksummed address of an uncompressed (65-byte) or compressed (33-byte) public key. */
export function publicKeyToAddress(publicKey: Uint8Array): Address {
  return toChecksumAddress(publicKeyToLowerAddress(publicKey)) as Address;
}

/**
 * Recovers the signer of a `personal_sign` signature: 65 bytes `r‖s‖v`
 * (v = 27/28 or 0/1) or 64 bytes EIP-2098 compact (`r‖yParity·s`).
 */
export function recoverMessageSigner(
  message: string,
  signature: `0x${string}`,
): Result<Address, AnswerMalformedError> {
  return recoverSignerLowerCase(message, signature).map((a) => toChecksumAddress(a) as Address);
}

/** As `recoverMessageSigner`, in lower case: the login path only compares, and skips a hash. */
export function recoverSignerLowerCase(
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
    return ok(publicKeyToLowerAddress(point.toBytes(false)));
  } catch {
    return err(new AnswerMalformedError('r, s do not form a recoverable secp256k1 signature'));
  }
}
