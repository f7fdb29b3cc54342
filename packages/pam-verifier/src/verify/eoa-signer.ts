/**
 * EOA check for the verify helper: is this `personal_sign` signature by this
 * address? Standard ECDSA public-key recovery (secp256k1-recover.ts), then
 * address = last 20 bytes of keccak256(x ‖ y).
 *
 * Acceptance is exactly ECDSA verification: the signature is accepted when
 * some R with x(R) ≡ r (mod n), i.e. x = r or x = r + n, of either parity
 * recovers the wallet, since v carries no security (a forger could flip it).
 * v only decides which is tried first, so a valid login costs one recovery.
 * A differential test checks this against noble's recovery ids 0–3 on the
 * edge cases, and viem/noble on random keys.
 */
import { err, ok, type Result } from 'neverthrow';
import { AnswerMalformedError } from '../errors.js';
import { bytesToHex, hexToBytes } from '../internal/hex.js';
import { hashPersonalMessage } from './hash-message.js';
import { keccak256 } from './keccak.js';
import {
  type AffinePoint,
  curveY,
  recoverPublicKey,
  SECP256K1_N,
  SECP256K1_P_MINUS_N,
} from './secp256k1-recover.js';
import { type EcdsaSignature, parseEcdsaSignature } from './signature-forms.js';

const toBig = (bytes: Uint8Array) => BigInt(`0x${bytesToHex(bytes) || '0'}`);
const hex32 = (n: bigint) => n.toString(16).padStart(64, '0');

/** Lower-case address of an affine public key. */
function addressOf([x, y]: AffinePoint): string {
  const pub = Buffer.from(`${hex32(x)}${hex32(y)}`, 'hex');
  return `0x${bytesToHex(keccak256(pub).subarray(12))}`;
}

/** The signers of one signature, recovered lazily in the order v suggests. */
interface Signers {
  /** How many candidates there are (2, or 4 when x = r + n is possible). */
  count: number;
  /** Candidate `i`'s address, or `undefined` when that R does not exist or gives infinity. */
  at: (i: number) => string | undefined;
}

/** The candidate signers of (r, s) over hash `e`; Err when no R has x ≡ r (mod n). */
function signersOf(e: bigint, sig: EcdsaSignature): Result<Signers, AnswerMalformedError> {
  const { r, s, yOdd } = sig;
  // [x = r + n?, y odd?]: the stated parity with x = r first (what a wallet produces).
  const tries: [boolean, boolean][] = [
    [false, yOdd],
    [false, !yOdd],
  ];
  if (r < SECP256K1_P_MINUS_N) tries.push([true, yOdd], [true, !yOdd]);
  const found: (string | undefined)[] = [];
  const at = (i: number) => {
    while (found.length <= i && found.length < tries.length) {
      const [xPlusN, odd] = tries[found.length] as [boolean, boolean];
      const q = recoverPublicKey(e, r, s, odd, xPlusN);
      found.push(q && addressOf(q));
    }
    return found[i];
  };
  // A signature at all only if r (or r + n) is the x of a curve point. Checked only
  // when the first candidate fails: a valid login never pays for it.
  if (
    at(0) === undefined &&
    curveY(r, false) === undefined &&
    (r >= SECP256K1_P_MINUS_N || curveY(r + SECP256K1_N, false) === undefined)
  )
    return err(new AnswerMalformedError('r is not the x-coordinate of a curve point'));
  return ok({ count: tries.length, at });
}

function signersOfMessage(
  message: string,
  signature: `0x${string}`,
): Result<Signers, AnswerMalformedError> {
  return parseEcdsaSignature(hexToBytes(signature)).andThen((sig) =>
    signersOf(toBig(hashPersonalMessage(message)) % SECP256K1_N, sig),
  );
}

/** One-entry memo: the helper asks for the signers again after a mismatch, for the log. */
let last: { key: string; signers: Signers } | undefined;

function memoSigners(message: string, signature: `0x${string}`) {
  const key = `${signature}\n${message}`;
  if (last?.key === key) return ok(last.signers);
  return signersOfMessage(message, signature).map((signers) => {
    last = { key, signers };
    return signers;
  });
}

/**
 * Every address (lower case) the (r, s) of this signature is valid for over
 * `message`, the stated parity first. Err when it is not a signature at all.
 */
export function personalSignSigners(
  message: string,
  signature: `0x${string}`,
): Result<string[], AnswerMalformedError> {
  return memoSigners(message, signature).map((sg) => {
    const out: string[] = [];
    for (let i = 0; i < sg.count; i++) {
      const a = sg.at(i);
      if (a !== undefined && !out.includes(a)) out.push(a);
    }
    return out;
  });
}

/** True when `signature` over `message` (EIP-191) is by `address` (any case). */
export function isPersonalSignBy(
  message: string,
  signature: `0x${string}`,
  address: string,
): Result<boolean, AnswerMalformedError> {
  const want = address.toLowerCase();
  return memoSigners(message, signature).map((sg) => {
    for (let i = 0; i < sg.count; i++) if (sg.at(i) === want) return true;
    return false;
  });
}
