/**
 * secp256k1 public-key recovery for the verify helper, in plain BigInt:
 * Q = r⁻¹(s·R − e·G) = u₁·G + u₂·R with u₁ = −e·r⁻¹, u₂ = s·r⁻¹ (mod n).
 *
 * Why not a library or node:crypto: the helper is a fresh process per login.
 * Loading node:crypto there costs more than this whole computation (it pulls
 * in the stream stack), and general-purpose curve libraries build
 * precomputed tables on first use that a single recovery never pays back.
 * Here: GLV split of both scalars, one Straus doubling chain of ~130 steps
 * with width-5 NAF digits from small affine tables, Jacobian coordinates
 * reduced lazily: ~2k BigInt multiplications, a few ms in a cold process.
 * Nothing here is secret (signature and message are public), so
 * variable-time arithmetic is fine.
 *
 * The tests check it against noble/viem recovery on random keys.
 */

import { G_ENDO_ODD_MULTIPLES, G_ODD_MULTIPLES } from './generated/secp256k1-g-tables.js';

/** Field prime p, group order n, generator G. */
const P = 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2fn;
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const GX = 0x79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798n;
const GY = 0x483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8n;
/** (p + 1) / 4: p ≡ 3 (mod 4), so a square root of a is a^((p+1)/4). */
const SQRT_EXP = (P + 1n) / 4n;

export const SECP256K1_N = N;

/** a mod m in [0, m). */
function norm(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

/** a⁻¹ mod m for a ≢ 0 (extended Euclid: far fewer BigInt operations than Fermat). */
function inverse(a: bigint, m: bigint): bigint {
  let r0 = m;
  let r1 = norm(a, m);
  let t0 = 0n;
  let t1 = 1n;
  while (r1 !== 0n) {
    const q = r0 / r1;
    const r2 = r0 - q * r1;
    r0 = r1;
    r1 = r2;
    const t2 = t0 - q * t1;
    t0 = t1;
    t1 = t2;
  }
  return norm(t0, m);
}

/** a^e mod m, 4-bit fixed window (e > 0). */
function power(a: bigint, e: bigint, m: bigint): bigint {
  const table = [1n, norm(a, m)];
  for (let i = 2; i < 16; i++) table.push(((table[i - 1] as bigint) * (table[1] as bigint)) % m);
  const digits = e.toString(16);
  let r = table[Number.parseInt(digits[0] as string, 16)] as bigint;
  for (let i = 1; i < digits.length; i++) {
    r = (r * r) % m;
    r = (r * r) % m;
    r = (r * r) % m;
    r = (r * r) % m;
    const d = Number.parseInt(digits[i] as string, 16);
    if (d !== 0) r = (r * (table[d] as bigint)) % m;
  }
  return r;
}

/** An affine point; `undefined` stands for the point at infinity. */
export type AffinePoint = readonly [x: bigint, y: bigint];

/**
 * The GLV endomorphism φ(x, y) = (β·x, y) = λ·(x, y): it lets each 256-bit
 * scalar become two of ~128 bits, so the doubling chain is half as long.
 * The basis (a₁, b₁), (a₂, b₂) satisfies aᵢ + bᵢ·λ ≡ 0 (mod n).
 */
const BETA = 0x7ae96a2b657c07106e64479eac3434e99cf0497512f58995c1396c28719501een;
export const SECP256K1_LAMBDA = 0x5363ad4cc05c30e0a5261c028812645a122e22ea20816678df02967c1b23bd72n;
const A1 = 0x3086d221a7d46bcde86c90e49284eb15n;
const B1 = -0xe4437ed6010e88286f547fa90abfe4c3n;
const A2 = 0x114ca50f7a8e2f3f657c1108d9d44cfd8n;
const B2 = A1;

/** a / b rounded to the nearest integer (b > 0). */
const divRound = (a: bigint, b: bigint) => (a >= 0n ? (a + b / 2n) / b : -((-a + b / 2n) / b));

/** k ≡ k₁ + k₂·λ (mod n), |k₁|, |k₂| < 2¹²⁹, for 0 ≤ k < n. */
export function splitScalar(k: bigint): [bigint, bigint] {
  const c1 = divRound(B2 * k, N);
  const c2 = divRound(-B1 * k, N);
  return [k - c1 * A1 - c2 * A2, -c1 * B1 - c2 * B2];
}

/** Window width of the signed digits: odd digits ±1 … ±15, tables of 8 points. */
const W = 5;
const DIGITS = 132;

/**
 * Width-5 NAF of 0 ≤ k < 2¹³⁰, least significant digit first: digits are 0
 * or odd in [−15, 15], and any nonzero digit is followed by ≥ 4 zeros, so
 * about one position in six needs an addition.
 */
export function wnaf(k: bigint): Int8Array {
  const bits = new Uint8Array(DIGITS + W);
  const text = k.toString(2);
  for (let i = 0; i < text.length; i++) bits[i] = text.charCodeAt(text.length - 1 - i) - 48;
  const out = new Int8Array(DIGITS);
  for (let i = 0; i < DIGITS; ) {
    if (bits[i] === 0) {
      i++;
      continue;
    }
    let v = 0;
    for (let j = 0; j < W; j++) v |= (bits[i + j] as number) << j;
    for (let j = 0; j < W; j++) bits[i + j] = 0;
    if (v > 16) {
      v -= 32;
      // Borrowed 2^W: carry one into position i + W.
      let j = i + W;
      while (bits[j] === 1) bits[j++] = 0;
      bits[j] = 1;
    }
    out[i] = v;
    i += W;
  }
  return out;
}

/**
 * Jacobian accumulator over Fp. Between steps coordinates are remainders in
 * (−p, p), normalised only when leaving: fewer BigInt operations.
 */
class Jacobian {
  X = 0n;
  Y = 1n;
  Z = 0n;

  /** dbl-2009-l (a = 0): 2M + 5S. */
  double(): void {
    const { X, Y, Z } = this;
    if (Z === 0n) return;
    const A = (X * X) % P;
    const B = (Y * Y) % P;
    const C = (B * B) % P;
    const t = X + B;
    const D = (2n * (((t * t) % P) - A - C)) % P;
    const E = 3n * A;
    const X3 = (((E * E) % P) - 2n * D) % P;
    this.Z = (2n * Y * Z) % P;
    this.Y = (E * (D - X3) - 8n * C) % P;
    this.X = X3;
  }

  /** + (x₂, y₂) affine; madd-2007-bl: 7M + 4S. */
  add(x2: bigint, y2: bigint): void {
    const { X, Y, Z } = this;
    if (Z === 0n) {
      this.X = x2;
      this.Y = y2;
      this.Z = 1n;
      return;
    }
    const ZZ = (Z * Z) % P;
    const H = (((x2 * ZZ) % P) - X) % P;
    const R = (((((y2 * Z) % P) * ZZ) % P) - Y) % P;
    if (H === 0n) {
      if (R === 0n) this.double();
      else this.Z = 0n;
      return;
    }
    const HH = (H * H) % P;
    const HHH = (H * HH) % P;
    const V = (X * HH) % P;
    const X3 = (R * R - HHH - 2n * V) % P;
    this.Y = (R * (V - X3) - Y * HHH) % P;
    this.Z = (Z * H) % P;
    this.X = X3;
  }

  toAffine(): AffinePoint | undefined {
    if (norm(this.Z, P) === 0n) return undefined;
    const zi = inverse(this.Z, P);
    const zi2 = (zi * zi) % P;
    return [norm(this.X * zi2, P), norm(((this.Y * zi2) % P) * zi, P)];
  }
}

/**
 * 1·Q, 3·Q, …, 15·Q affine, as [x₁, y₁, x₃, y₃, …]: the table for width-5
 * digits, with one field inversion in all. 2Q = (X, Y, Z) stays Jacobian:
 * the odd multiples are summed on the isomorphic curve y² = x³ + 7·Z⁶, where
 * 2Q is the affine (X, Y) and Q is (x·Z², y·Z³), so every step is a cheap
 * mixed addition (the a = 0 formulas do not use the constant b); a point
 * (X′, Y′, Z′) there is (X′, Y′, Z′·Z) here. Then Montgomery's trick
 * inverts all eight Z at once. (Q has prime order n: no multiple below 16
 * is infinity.)
 */
export function oddMultiples(x: bigint, y: bigint): bigint[] {
  const two = new Jacobian();
  two.add(x, y);
  two.double();
  const zz = (two.Z * two.Z) % P;
  const acc = new Jacobian();
  acc.add((x * zz) % P, (((y * zz) % P) * two.Z) % P);
  const jac: [bigint, bigint, bigint][] = [[acc.X, acc.Y, two.Z]];
  for (let i = 1; i < 8; i++) {
    acc.add(two.X, two.Y);
    jac.push([acc.X, acc.Y, (acc.Z * two.Z) % P]);
  }
  const prefix: bigint[] = [];
  let run = 1n;
  for (const [, , Z] of jac) {
    prefix.push(run);
    run = (run * Z) % P;
  }
  let inv = inverse(run, P);
  const out = new Array<bigint>(16);
  for (let i = 7; i >= 0; i--) {
    const [X, Y, Z] = jac[i] as [bigint, bigint, bigint];
    const zi = (inv * (prefix[i] as bigint)) % P;
    inv = (inv * Z) % P;
    const zi2 = (zi * zi) % P;
    out[2 * i] = norm(X * zi2, P);
    out[2 * i + 1] = norm(((Y * zi2) % P) * zi, P);
  }
  return out;
}

/** φ applied to every point of a table. */
export const endoTable = (t: readonly bigint[]) =>
  t.map((v, i) => (i % 2 === 0 ? (v * BETA) % P : v));

export const SECP256K1_G: AffinePoint = [GX, GY];

/**
 * u₁·G + u₂·Q, both scalars in [0, n): each split by GLV into two ~128-bit
 * scalars on G, φ(G), Q, φ(Q); one shared doubling chain (Straus) adds the
 * four width-5 NAF digits from affine tables of odd multiples.
 */
function mulAdd(u1: bigint, u2: bigint, x: bigint, y: bigint): AffinePoint | undefined {
  const qTable = oddMultiples(x, y);
  const terms: { digits: Int8Array; table: readonly bigint[]; negate: boolean }[] = [];
  for (const [k, base, endo] of [
    [u1, G_ODD_MULTIPLES, G_ENDO_ODD_MULTIPLES],
    [u2, qTable, endoTable(qTable)],
  ] as const) {
    const [k1, k2] = splitScalar(k);
    terms.push({ digits: wnaf(k1 < 0n ? -k1 : k1), table: base, negate: k1 < 0n });
    terms.push({ digits: wnaf(k2 < 0n ? -k2 : k2), table: endo, negate: k2 < 0n });
  }
  const acc = new Jacobian();
  for (let i = DIGITS - 1; i >= 0; i--) {
    acc.double();
    for (const t of terms) {
      const d = t.digits[i] as number;
      if (d === 0) continue;
      const at = (d < 0 ? -d : d) - 1; // index of |d|·Q's x: (|d| − 1) / 2 · 2
      const py = t.table[at + 1] as bigint;
      acc.add(t.table[at] as bigint, d < 0 !== t.negate ? -py : py);
    }
  }
  return acc.toAffine();
}

/** p − n: an x-coordinate x ≥ n exists only for r = x − n below this. */
export const SECP256K1_P_MINUS_N = P - N;

/**
 * The public key that signed hash `e` with (r, s), for R = (x, y) with
 * x = r (or x = r + n when `xPlusN`: recovery ids 2/3, possible only for
 * r < p − n) and y of parity `yOdd`. `undefined` when x is not the
 * x-coordinate of a curve point or the result is the point at infinity.
 * Requires 0 < r, s < n.
 */
export function recoverPublicKey(
  e: bigint,
  r: bigint,
  s: bigint,
  yOdd: boolean,
  xPlusN = false,
): AffinePoint | undefined {
  const x = xPlusN ? r + N : r;
  const y = curveY(x, yOdd);
  if (y === undefined) return undefined;
  const rInv = inverse(r, N);
  return mulAdd(norm(-e * rInv, N), norm(s * rInv, N), x, y);
}

/** The y of parity `yOdd` with y² = x³ + 7, or `undefined` when x (< p) is not on the curve. */
export function curveY(x: bigint, yOdd: boolean): bigint | undefined {
  if (x >= P) return undefined;
  const y2 = (((x * x) % P) * x + 7n) % P;
  const y = power(y2, SQRT_EXP, P);
  if ((y * y) % P !== y2) return undefined;
  return ((y & 1n) === 1n) === yOdd ? y : P - y;
}
