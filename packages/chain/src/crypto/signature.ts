import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { err, ok, type Result } from 'neverthrow';
import { bytesToHex, type Hex } from 'viem';
import { CryptoError } from '../errors.js';
import { toBytes } from '../internal/bytes.js';

const N = secp256k1.Point.CURVE().n;

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(bytesToHex(bytes));
}

/**
 * Validates a 65-byte `r ‖ s ‖ v` signature and returns it with `v` normalised to 27/28
 * (wallets emit 0/1 or 27/28 for the same signature).
 */
export function normalizeSignature(signature: Hex | Uint8Array): Result<Uint8Array, CryptoError> {
  const bytes = toBytes(signature);
  if (!bytes) return err(new CryptoError('not-hex', 'signature: expected hex or bytes'));
  if (bytes.length !== 65) {
    return err(
      new CryptoError('not-a-signature', `signature: expected 65 bytes, got ${bytes.length}`),
    );
  }
  const r = toBigInt(bytes.subarray(0, 32));
  const s = toBigInt(bytes.subarray(32, 64));
  if (r === 0n || r >= N || s === 0n || s >= N) {
    return err(new CryptoError('not-a-signature', 'signature: r and s must be in 1..n-1'));
  }
  const v = bytes[64]!;
  const normalized = v < 27 ? v + 27 : v;
  if (normalized !== 27 && normalized !== 28) {
    return err(new CryptoError('not-a-signature', `signature: expected v 0/1/27/28, got ${v}`));
  }
  const out = new Uint8Array(bytes);
  out[64] = normalized;
  return ok(out);
}

/** Credential key = keccak256 of the 65 signature bytes with v normalised to 27/28. */
export function credentialKeyFromSignature(
  signature: Hex | Uint8Array,
): Result<Uint8Array, CryptoError> {
  return normalizeSignature(signature).map((sig) => keccak_256(sig));
}
