/**
 * Fast EOA check for the verify helper: is this `personal_sign` signature by
 * this address? Standard ECDSA public-key recovery, Q = r⁻¹(s·R − e·G), with
 * the two scalar multiplications done natively by OpenSSL (node:crypto ECDH
 * on secp256k1) instead of in JavaScript: in a freshly started process a
 * pure-JS recovery costs ~25 ms of BigInt work, this ~2 ms.
 *
 * ECDH yields only the x-coordinate of u₂·R, so the result is the pair
 * {u₁·G + u₂·R, u₁·G − u₂·R} = {recover(r,s,v=0), recover(r,s,v=1)}; the
 * signature is accepted when either is the wallet. That is exactly standard
 * ECDSA verification, which never uses v (a forger could flip v anyway).
 * The tests check this against viem/noble recovery on random keys.
 */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { err, ok, type Result } from 'neverthrow';
import { AnswerMalformedError } from '../errors.js';
import { bytesToHex, hexToBytes } from '../internal/hex.js';
import { hashPersonalMessage } from './hash-message.js';

/** secp256k1 field prime and group order. */
const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

const mod = (a: bigint, m: bigint) => {
  const r = a % m;
  return r < 0n ? r + m : r;
};

function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return result;
}

/** Inverse modulo a prime (Fermat). */
const inv = (a: bigint, m: bigint) => modPow(a, m - 2n, m);

const toBig = (bytes: Uint8Array) => BigInt(`0x${bytesToHex(bytes) || '0'}`);
const to32 = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');

function addressOf(x: bigint, y: bigint): string {
  const pub = new Uint8Array(64);
  pub.set(to32(x), 0);
  pub.set(to32(y), 32);
  return `0x${bytesToHex(keccak_256(pub).subarray(12))}`;
}

/** r and s of a 65-byte (r‖s‖v) or 64-byte EIP-2098 (r‖yParity·s) signature. */
function splitSignature(signature: `0x${string}`): Result<[bigint, bigint], AnswerMalformedError> {
  const bytes = hexToBytes(signature);
  if (bytes.length !== 65 && bytes.length !== 64)
    return err(new AnswerMalformedError('an EOA signature is 65 (or 64) bytes'));
  const r = toBig(bytes.subarray(0, 32));
  const sBytes = bytes.slice(32, 64);
  if (bytes.length === 64) sBytes[0] = (sBytes[0] as number) & 0x7f;
  else {
    const v = bytes[64] as number;
    if (v !== 0 && v !== 1 && v !== 27 && v !== 28)
      return err(new AnswerMalformedError('v must be 27, 28, 0 or 1'));
  }
  const s = toBig(sBytes);
  if (r <= 0n || r >= N || s <= 0n || s >= N)
    return err(new AnswerMalformedError('r and s must lie in 1 … n−1'));
  return ok([r, s]);
}

/** The two candidate public keys (affine x, y) of a signature, see personalSignSigners. */
function candidateKeys(
  message: string,
  signature: `0x${string}`,
): Result<[[bigint, bigint], [bigint, bigint]], AnswerMalformedError> {
  const split = splitSignature(signature);
  if (split.isErr()) return err(split.error);
  const [r, s] = split.value;
  const e = mod(toBig(hashPersonalMessage(message)), N);
  const rInv = inv(r, N);
  const u1 = mod(-e * rInv, N);
  const u2 = mod(s * rInv, N);
  const ecdh = process.getBuiltinModule('node:crypto').createECDH('secp256k1');
  let x2: bigint;
  try {
    ecdh.setPrivateKey(to32(u2));
    // R = (r, either y): which one only swaps the two results.
    x2 = toBig(ecdh.computeSecret(Buffer.concat([Buffer.of(2), to32(r)])));
  } catch {
    return err(new AnswerMalformedError('r is not the x-coordinate of a curve point'));
  }
  const y2 = modPow(mod(x2 * x2 * x2 + 7n, P), (P + 1n) / 4n, P);
  const candidates: [bigint, bigint][] = [
    [x2, y2],
    [x2, P - y2],
  ];
  // e ≡ 0 (mod n): Q = ±u₂·R.
  if (u1 === 0n) return ok(candidates as [[bigint, bigint], [bigint, bigint]]);
  ecdh.setPrivateKey(to32(u1));
  const g = ecdh.getPublicKey();
  const x1 = toBig(g.subarray(1, 33));
  const y1 = toBig(g.subarray(33, 65));
  // u₁·G = ±u₂·R happens with negligible probability; no valid login depends on it.
  if (x1 === x2) return err(new AnswerMalformedError('degenerate signature'));
  const dxInv = inv(mod(x2 - x1, P), P);
  const out = candidates.map(([x, y]) => {
    const l = mod((y - y1) * dxInv, P);
    const x3 = mod(l * l - x1 - x, P);
    const y3 = mod(l * (x1 - x3) - y1, P);
    return [x3, y3] as [bigint, bigint];
  });
  return ok(out as [[bigint, bigint], [bigint, bigint]]);
}

/**
 * The two addresses (lower case) that (r, s) of this signature recovers to
 * for the two possible parities of R. Err when it is not a signature at all.
 */
export function personalSignSigners(
  message: string,
  signature: `0x${string}`,
): Result<[string, string], AnswerMalformedError> {
  return candidateKeys(message, signature).map(([a, b]) => [addressOf(...a), addressOf(...b)]);
}

/** True when `signature` over `message` (EIP-191) is by `address` (any case). */
export function isPersonalSignBy(
  message: string,
  signature: `0x${string}`,
  address: string,
): Result<boolean, AnswerMalformedError> {
  const want = address.toLowerCase();
  // The second address is hashed only when the first does not match.
  return candidateKeys(message, signature).map(
    ([a, b]) => addressOf(...a) === want || addressOf(...b) === want,
  );
}
