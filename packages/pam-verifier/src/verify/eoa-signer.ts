/**
 * EOA check for the verify helper: is this `personal_sign` signature by this
 * address? Standard ECDSA public-key recovery (secp256k1-recover.ts), then
 * address = last 20 bytes of keccak256(x ‖ y).
 *
 * Acceptance is exactly ECDSA verification: the signature is accepted when
 * either parity of R recovers the wallet, since v carries no security (a
 * forger could flip it). v only decides which parity is tried first, so a
 * valid login costs one recovery. The tests check this against viem/noble
 * recovery on random keys.
 */
import { err, ok, type Result } from 'neverthrow';
import { AnswerMalformedError } from '../errors.js';
import { bytesToHex, hexToBytes } from '../internal/hex.js';
import { hashPersonalMessage } from './hash-message.js';
import { keccak256 } from './keccak.js';
import { type AffinePoint, recoverPublicKey, SECP256K1_N } from './secp256k1-recover.js';

interface SplitSignature {
  r: bigint;
  s: bigint;
  /** The parity of R's y the signer stated (v, or the EIP-2098 bit). */
  yOdd: boolean;
}

const toBig = (bytes: Uint8Array) => BigInt(`0x${bytesToHex(bytes) || '0'}`);
const hex32 = (n: bigint) => n.toString(16).padStart(64, '0');

/** Lower-case address of an affine public key. */
function addressOf([x, y]: AffinePoint): string {
  const pub = Buffer.from(`${hex32(x)}${hex32(y)}`, 'hex');
  return `0x${bytesToHex(keccak256(pub).subarray(12))}`;
}

/** r, s and stated parity of a 65-byte (r‖s‖v) or 64-byte EIP-2098 (r‖yParity·s) signature. */
function splitSignature(signature: `0x${string}`): Result<SplitSignature, AnswerMalformedError> {
  const bytes = hexToBytes(signature);
  if (bytes.length !== 65 && bytes.length !== 64)
    return err(new AnswerMalformedError('an EOA signature is 65 (or 64) bytes'));
  const r = toBig(bytes.subarray(0, 32));
  const sBytes = bytes.slice(32, 64);
  let yOdd: boolean;
  if (bytes.length === 64) {
    yOdd = ((sBytes[0] as number) & 0x80) !== 0;
    sBytes[0] = (sBytes[0] as number) & 0x7f;
  } else {
    const v = bytes[64] as number;
    if (v !== 0 && v !== 1 && v !== 27 && v !== 28)
      return err(new AnswerMalformedError('v must be 27, 28, 0 or 1'));
    yOdd = v === 1 || v === 28;
  }
  const s = toBig(sBytes);
  if (r <= 0n || r >= SECP256K1_N || s <= 0n || s >= SECP256K1_N)
    return err(new AnswerMalformedError('r and s must lie in 1 … n−1'));
  return ok({ r, s, yOdd });
}

/** Recovers lazily: the stated parity first, the other only when asked. */
function signersOf(
  message: string,
  signature: `0x${string}`,
): Result<(which: 0 | 1) => string | undefined, AnswerMalformedError> {
  const split = splitSignature(signature);
  if (split.isErr()) return err(split.error);
  const { r, s, yOdd } = split.value;
  const e = toBig(hashPersonalMessage(message)) % SECP256K1_N;
  const R = recoverPublicKey(e, r, s, yOdd);
  // r must be the x of a curve point (then both parities exist).
  if (R === undefined && recoverPublicKey(e, r, s, !yOdd) === undefined)
    return err(new AnswerMalformedError('r is not the x-coordinate of a curve point'));
  const found: (string | undefined)[] = [R && addressOf(R)];
  return ok((which) => {
    if (which === 1 && found.length === 1) {
      const other = recoverPublicKey(e, r, s, !yOdd);
      found.push(other && addressOf(other));
    }
    return found[which];
  });
}

/** One-entry memo: the helper asks for the signers again after a mismatch, for the log. */
let last: { key: string; pair: [string, string] } | undefined;

/**
 * The two addresses (lower case) that (r, s) of this signature recovers to
 * for the two possible parities of R, the stated one first. Err when it is
 * not a signature at all.
 */
export function personalSignSigners(
  message: string,
  signature: `0x${string}`,
): Result<[string, string], AnswerMalformedError> {
  const key = `${signature}\n${message}`;
  if (last?.key === key) return ok(last.pair);
  return signersOf(message, signature).map((get) => {
    const pair: [string, string] = [get(0) ?? '', get(1) ?? ''];
    last = { key, pair };
    return pair;
  });
}

/** True when `signature` over `message` (EIP-191) is by `address` (any case). */
export function isPersonalSignBy(
  message: string,
  signature: `0x${string}`,
  address: string,
): Result<boolean, AnswerMalformedError> {
  const want = address.toLowerCase();
  return signersOf(message, signature).map((get) => {
    if (get(0) === want) return true;
    const matched = get(1) === want;
    last = { key: `${signature}\n${message}`, pair: [get(0) ?? '', get(1) ?? ''] };
    return matched;
  });
}
