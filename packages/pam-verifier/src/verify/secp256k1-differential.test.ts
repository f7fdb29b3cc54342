/**
 * Differential test of the login path's own secp256k1 recovery and Keccak
 * against @noble/curves and @noble/hashes, on the edge cases random keys never
 * reach: r or s = 0 or ≥ n, high s, R.x = r + n (recovery ids 2/3), a
 * recovered point at infinity, r off the curve, additions that hit a doubling
 * inside the Straus chain, hashes ≥ n, and every v byte.
 *
 * The reference acceptance rule is ECDSA verification with v only as a hint:
 * a signature (r, s) is the wallet's when some R with x(R) ≡ r (mod n), i.e.
 * x ∈ {r, r + n}, of either parity recovers the wallet's key (noble's
 * recovery ids 0–3); the accepted encodings are 65 bytes with v ∈ {0, 1, 27,
 * 28} and the 64-byte EIP-2098 form.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import fc from 'fast-check';
import { hashMessage, keccak256 as viemKeccak } from 'viem';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../internal/hex.js';
import { isPersonalSignBy, personalSignSigners } from './eoa-signer.js';
import { hashPersonalMessage } from './hash-message.js';
import { keccak256 } from './keccak.js';
import { recoverPublicKey } from './secp256k1-recover.js';

const Point = secp256k1.Point;
const { n, p } = Point.CURVE();
const mod = (a: bigint, m: bigint) => ((a % m) + m) % m;
const hex32 = (v: bigint) => v.toString(16).padStart(64, '0');
const bytes32 = (v: bigint) => hexToBytes(hex32(v));
const addressOfPoint = (q: { x: bigint; y: bigint }) =>
  `0x${bytesToHex(keccak_256(hexToBytes(hex32(q.x) + hex32(q.y))).subarray(12))}`;
const eOf = (message: string) => BigInt(`0x${bytesToHex(hashPersonalMessage(message))}`);

/** x ↦ a y with y² = x³ + 7, or undefined when x is not on the curve. */
function liftX(x: bigint): bigint | undefined {
  const y2 = mod(x * x * x + 7n, p);
  let y = 1n;
  let b = y2;
  for (let e = (p + 1n) / 4n; e > 0n; e >>= 1n) {
    if (e & 1n) y = mod(y * b, p);
    b = mod(b * b, p);
  }
  return mod(y * y, p) === y2 ? y : undefined;
}

/** Noble's recovery for ids 0–3 (undefined where noble refuses). */
function nobleRecover(e: bigint, r: bigint, s: bigint, rec: number) {
  try {
    const q = new secp256k1.Signature(r, s)
      .addRecoveryBit(rec)
      .recoverPublicKey(bytes32(mod(e, 1n << 256n)));
    return { x: q.x, y: q.y };
  } catch {
    return undefined;
  }
}

/** The reference: the addresses a 64/65-byte signature is valid for over `message`, or null when refused. */
function referenceSigners(message: string, sig: Uint8Array): Set<string> | null {
  let r: bigint;
  let s: bigint;
  if (sig.length === 65) {
    const v = sig[64] as number;
    if (![0, 1, 27, 28].includes(v)) return null;
    r = BigInt(`0x${bytesToHex(sig.subarray(0, 32))}`);
    s = BigInt(`0x${bytesToHex(sig.subarray(32, 64))}`);
  } else if (sig.length === 64) {
    r = BigInt(`0x${bytesToHex(sig.subarray(0, 32))}`);
    s = BigInt(`0x${bytesToHex(sig.subarray(32, 64))}`) & ((1n << 255n) - 1n);
  } else return null;
  if (r <= 0n || r >= n || s <= 0n || s >= n) return null;
  const e = eOf(message);
  const out = new Set<string>();
  for (const rec of [0, 1, 2, 3]) {
    const q = nobleRecover(e, r, s, rec);
    if (q) out.add(addressOfPoint(q));
  }
  return out;
}

const sig65 = (r: bigint, s: bigint, v: number) =>
  `0x${hex32(r)}${hex32(s)}${v.toString(16).padStart(2, '0')}` as `0x${string}`;

/** Ours agrees with the reference for each address in `candidates` (and refuses the same signatures). */
function expectAgreement(message: string, signature: `0x${string}`, candidates: string[]) {
  const ref = referenceSigners(message, hexToBytes(signature));
  for (const address of candidates) {
    const ours = isPersonalSignBy(message, signature, address);
    const oursAccepts = ours.isOk() && ours.value;
    expect(
      oursAccepts,
      `${signature} by ${address}: reference ${ref ? [...ref].join(',') : 'refuses'}`,
    ).toBe(ref?.has(address.toLowerCase()) ?? false);
  }
  if (ref === null)
    expect(isPersonalSignBy(message, signature, candidates[0] ?? '0x').isErr()).toBe(true);
}

/** A key for which (r, s) signs `message` with R = (x, y) where x = r + n: Q = r⁻¹(s·R − e·G). */
function overflowVector(message: string, x: bigint, s: bigint) {
  const y = liftX(x);
  if (y === undefined) return undefined;
  const r = x - n;
  const e = eOf(message);
  const R = Point.fromAffine({ x, y });
  const ri = invert(r, n);
  const q = R.multiply(mod(s * ri, n)).add(Point.BASE.multiply(mod(-e * ri, n)));
  return { r, s, y, q: q.toAffine() };
}

function invert(a: bigint, m: bigint): bigint {
  let [r0, r1, t0, t1] = [m, mod(a, m), 0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return mod(t0, m);
}

describe('secp256k1 recovery vs noble: edge cases random keys never reach', () => {
  const message = 'vm wants you to sign in with your Ethereum account:\nedge';
  const key = 0x5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eedn;
  const signer = addressOfPoint(Point.BASE.multiply(key).toAffine());
  const good = secp256k1.sign(hashPersonalMessage(message), bytes32(key), {
    prehash: false,
    format: 'recovered',
  });
  const goodR = BigInt(`0x${bytesToHex(good.subarray(1, 33))}`);
  const goodS = BigInt(`0x${bytesToHex(good.subarray(33, 65))}`);
  const goodV = 27 + (good[0] as number);

  it('r or s = 0, = n, > n, = 2²⁵⁶ − 1: refused by both, never a throw', () => {
    const values = [0n, n, n + 1n, (1n << 256n) - 1n];
    for (const bad of values) {
      for (const sig of [sig65(bad, goodS, goodV), sig65(goodR, bad, goodV)]) {
        expect(referenceSigners(message, hexToBytes(sig))).toBeNull();
        expect(isPersonalSignBy(message, sig, signer).isErr()).toBe(true);
        expect(personalSignSigners(message, sig).isErr()).toBe(true);
      }
    }
  });

  it('high s (n − s) is still the signer’s for both (ECDSA allows it; replay records normalise it)', () => {
    const high = sig65(goodR, n - goodS, goodV);
    expectAgreement(message, high, [signer]);
    expect(isPersonalSignBy(message, high, signer)._unsafeUnwrap()).toBe(true);
  });

  it('R.x = r + n (recovery ids 2/3): the key noble recovers is accepted, for both parities and forms', () => {
    // x ∈ [n, p) on the curve, so r = x − n < p − n; s arbitrary; Q follows.
    let found = 0;
    for (let x = n + 1n; found < 6 && x < p; x += 1n) {
      const v = overflowVector(message, x, 0x1234567n + (x - n) * 977n);
      if (!v) continue;
      found++;
      const addr = addressOfPoint(v.q);
      // noble recovers it with id 2 or 3, never with 0 or 1.
      const rec = (v.y & 1n) === 1n ? 3 : 2;
      expect(nobleRecover(eOf(message), v.r, v.s, rec)).toEqual(v.q);
      expect(
        secp256k1.verify(
          new secp256k1.Signature(v.r, v.s).toBytes(),
          hashPersonalMessage(message),
          Point.fromAffine(v.q).toBytes(),
          { prehash: false, lowS: false },
        ),
      ).toBe(true);
      const compact = hexToBytes(sig65(v.r, v.s, 27)).slice(0, 64);
      if ((v.y & 1n) === 1n) compact[32] = (compact[32] as number) | 0x80;
      for (const sig of [
        sig65(v.r, v.s, 27),
        sig65(v.r, v.s, 28),
        sig65(v.r, v.s, 0),
        sig65(v.r, v.s, 1),
        sig65(v.r, n - v.s, 27),
        `0x${bytesToHex(compact)}` as `0x${string}`,
      ])
        expectAgreement(message, sig, [addr, signer]);
      // r itself may or may not be an x on the curve: both kinds are among the vectors.
    }
    expect(found).toBe(6);
  });

  it('r off the curve (no R with x = r) but r + n on it: recovered through x = r + n', () => {
    let checked = 0;
    for (let x = n + 1n; checked < 3 && x < p; x += 1n) {
      if (liftX(x - n) !== undefined) continue;
      const v = overflowVector(message, x, 0xabcdefn);
      if (!v) continue;
      checked++;
      expectAgreement(message, sig65(v.r, v.s, 27), [addressOfPoint(v.q), signer]);
    }
    expect(checked).toBe(3);
  });

  it('r off the curve with r + n ≥ p (or off it too): refused by both', () => {
    let checked = 0;
    for (let r = n - 1n; checked < 4; r -= 1n) {
      if (liftX(r) !== undefined) continue;
      checked++;
      expectAgreement(message, sig65(r, goodS, 27), [signer]);
      expect(isPersonalSignBy(message, sig65(r, goodS, 27), signer).isErr()).toBe(true);
    }
    for (let r = 1n; checked < 8; r += 1n) {
      if (liftX(r) !== undefined || liftX(r + n) !== undefined) continue;
      checked++;
      expect(isPersonalSignBy(message, sig65(r, goodS, 27), signer).isErr()).toBe(true);
      expect(referenceSigners(message, hexToBytes(sig65(r, goodS, 27)))?.size ?? 0).toBe(0);
    }
  });

  it('every v byte: 0, 1, 27, 28 accepted (either parity), everything else refused', () => {
    for (let v = 0; v < 256; v++) {
      const sig = sig65(goodR, goodS, v);
      expectAgreement(message, sig, [signer]);
      expect(isPersonalSignBy(message, sig, signer).unwrapOr(false)).toBe(
        [0, 1, 27, 28].includes(v),
      );
    }
    // 64-byte EIP-2098, both values of the parity bit.
    for (const bit of [0, 0x80]) {
      const compact = good.slice(1, 65);
      compact[32] = ((compact[32] as number) & 0x7f) | bit;
      const sig = `0x${bytesToHex(compact)}` as `0x${string}`;
      expectAgreement(message, sig, [signer]);
      expect(isPersonalSignBy(message, sig, signer)._unsafeUnwrap()).toBe(true);
    }
  });

  it('r, s at the ends of their range (1, n − 1) with keys made for them agree', () => {
    for (const [r0, s0] of [
      [1n, 1n],
      [1n, n - 1n],
      [n - 1n, 1n],
      [n - 1n, n - 1n],
    ] as const) {
      // The smallest x ≥ r0 on the curve gives some r; keys come from recovering it.
      for (let r = r0; ; r += r0 === 1n ? 1n : -1n) {
        if (liftX(r) === undefined) continue;
        const ref = referenceSigners(message, hexToBytes(sig65(r, s0, 27)));
        expect(ref?.size).toBeGreaterThan(0);
        expectAgreement(message, sig65(r, s0, 27), [...(ref ?? []), signer]);
        break;
      }
    }
  });

  it('recovery: point at infinity, doublings and cancellations inside the chain, hashes ≥ n', () => {
    const G = Point.BASE.toAffine();
    const cases: [bigint, bigint, bigint][] = [];
    // R = G and s = e: Q = r⁻¹(e·G − e·G) = O, the tables of G and R coincide.
    cases.push([0x1234n, G.x, 0x1234n]);
    // R = G and s = −e: u₁ = u₂, so every addition of the chain meets its own point (doubling).
    cases.push([0x777n, G.x, n - 0x777n]);
    // R = k·G, s·k = e: Q = O for a random-looking R.
    const k = 0xfeedbeefn;
    const Rk = Point.BASE.multiply(k).toAffine();
    cases.push([mod(0x99n * k, n), Rk.x, 0x99n]);
    // e = 0 (u₁ = 0), e = n, e ≥ n, e = 2²⁵⁶ − 1.
    for (const e of [0n, n, n + 5n, (1n << 256n) - 1n]) cases.push([e, goodR, goodS]);
    for (const [e, r, s] of cases) {
      for (const yOdd of [false, true]) {
        const expected = nobleRecover(e, mod(r, n), s, yOdd ? 1 : 0);
        const ours = recoverPublicKey(mod(e, n), mod(r, n), s, yOdd);
        expect(ours === undefined ? undefined : { x: ours[0], y: ours[1] }).toEqual(expected);
      }
    }
  });

  it('recovery: random (e, r, s), both parities, equals noble', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
        fc.bigInt({ min: 1n, max: n - 1n }),
        fc.bigInt({ min: 1n, max: n - 1n }),
        fc.boolean(),
        (e, r, s, yOdd) => {
          const expected = nobleRecover(e, r, s, yOdd ? 1 : 0);
          const ours = recoverPublicKey(mod(e, n), r, s, yOdd);
          expect(ours === undefined ? undefined : { x: ours[0], y: ours[1] }).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('recovery with x = r + n: random small r, both parities, equals noble ids 2/3', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 256n) - 1n }),
        fc.bigInt({ min: 1n, max: p - n - 1n }),
        fc.bigInt({ min: 1n, max: n - 1n }),
        fc.boolean(),
        (e, r, s, yOdd) => {
          const expected = nobleRecover(e, r, s, yOdd ? 3 : 2);
          const ours = recoverPublicKey(mod(e, n), r, s, yOdd, true);
          expect(ours === undefined ? undefined : { x: ours[0], y: ours[1] }).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('Keccak-256 vs noble: inputs random lengths rarely hit', () => {
  it('constant bytes at every block boundary (0x00, 0x01, 0x80, 0xff) and long inputs', () => {
    const lengths = [0, 1, 134, 135, 136, 137, 271, 272, 273, 543, 544, 545, 1087, 1088, 1089];
    for (const len of lengths)
      for (const fill of [0x00, 0x01, 0x80, 0xff]) {
        const data = new Uint8Array(len).fill(fill);
        expect(bytesToHex(keccak256(data))).toBe(bytesToHex(keccak_256(data)));
      }
    const big = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 7919) >>> 3);
    expect(bytesToHex(keccak256(big))).toBe(bytesToHex(keccak_256(big)));
  });

  it('single set bits: every bit of the first two blocks flipped alone', () => {
    for (let bit = 0; bit < 2 * 136 * 8; bit += 7) {
      const data = new Uint8Array(2 * 136);
      data[bit >> 3] = 1 << (bit & 7);
      expect(bytesToHex(keccak256(data))).toBe(bytesToHex(keccak_256(data)));
    }
  });

  it('the EIP-191 hash of messages with multi-byte, astral, NUL and lone-surrogate characters equals viem', () => {
    for (const m of [
      '',
      '\0',
      'é',
      '✓'.repeat(50),
      '😀\n😀',
      'a\ud800b',
      '\udfff',
      'x'.repeat(200),
    ]) {
      expect(`0x${bytesToHex(hashPersonalMessage(m))}`).toBe(hashMessage(m));
    }
    expect(`0x${bytesToHex(keccak256(new Uint8Array(0)))}`).toBe(viemKeccak('0x'));
  });
});
