/**
 * secp256k1 public-key recovery for the verify helper, in plain BigInt:
 * Q = r⁻¹(s·R − e·G) = u₁·G + u₂·R with u₁ = −e·r⁻¹, u₂ = s·r⁻¹ (mod n).
 *
 * Why not a library or node:crypto: the helper is a fresh process per login.
 * Loading node:crypto there costs more than this whole computation (it pulls
 * in the stream stack), and general-purpose curve libraries build
 * precomputed tables on first use that a single recovery never pays back.
 * One Shamir double-scalar multiplication in Jacobian coordinates with
 * values kept unreduced-but-bounded between multiplications is ~4k BigInt
 * multiplications. Nothing here is secret (signature and message are
 * public), so variable-time arithmetic is fine.
 *
 * The tests check it against noble/viem recovery on random keys.
 */

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
 * u₁·G + u₂·(x, y), both scalars in [0, n). Jacobian accumulator; between
 * steps coordinates are remainders in (−p, p), normalised only at the end.
 */
function mulAdd(u1: bigint, u2: bigint, x: bigint, y: bigint): AffinePoint | undefined {
  let X = 0n;
  let Y = 1n;
  let Z = 0n;
  // dbl-2009-l (a = 0): 2M + 5S.
  const double = () => {
    if (Z === 0n) return;
    const A = (X * X) % P;
    const B = (Y * Y) % P;
    const C = (B * B) % P;
    const t = X + B;
    const D = (2n * (((t * t) % P) - A - C)) % P;
    const E = 3n * A;
    const X3 = (((E * E) % P) - 2n * D) % P;
    Z = (2n * Y * Z) % P;
    Y = (E * (D - X3) - 8n * C) % P;
    X = X3;
  };
  // madd-2007-bl (second point affine): 7M + 4S.
  const add = (x2: bigint, y2: bigint) => {
    if (Z === 0n) {
      X = x2;
      Y = y2;
      Z = 1n;
      return;
    }
    const ZZ = (Z * Z) % P;
    const H = (((x2 * ZZ) % P) - X) % P;
    const R = (((((y2 * Z) % P) * ZZ) % P) - Y) % P;
    if (H === 0n) {
      if (R === 0n) double();
      else Z = 0n;
      return;
    }
    const HH = (H * H) % P;
    const HHH = (H * HH) % P;
    const V = (X * HH) % P;
    const X3 = (R * R - HHH - 2n * V) % P;
    Y = (R * (V - X3) - Y * HHH) % P;
    Z = (Z * H) % P;
    X = X3;
  };
  const toAffine = (): AffinePoint | undefined => {
    if (norm(Z, P) === 0n) return undefined;
    const zi = inverse(Z, P);
    const zi2 = (zi * zi) % P;
    return [norm(X * zi2, P), norm(((Y * zi2) % P) * zi, P)];
  };

  // Shamir's trick: one doubling chain, adding G, R or G + R per bit pair.
  add(GX, GY);
  add(x, y);
  const both = toAffine();
  X = 0n;
  Y = 1n;
  Z = 0n;
  const bits1 = u1.toString(2).padStart(256, '0');
  const bits2 = u2.toString(2).padStart(256, '0');
  for (let i = 0; i < 256; i++) {
    double();
    const b1 = bits1.charCodeAt(i) === 49;
    const b2 = bits2.charCodeAt(i) === 49;
    if (b1 && b2) {
      // G + R at infinity (R = −G): adding it is adding nothing.
      if (both) add(both[0], both[1]);
    } else if (b1) add(GX, GY);
    else if (b2) add(x, y);
  }
  return toAffine();
}

/**
 * The public key that signed hash `e` with (r, s), for the R whose y has
 * parity `yOdd`. `undefined` when r is not the x-coordinate of a curve point
 * or the result is the point at infinity. Requires 0 < r, s < n.
 */
export function recoverPublicKey(
  e: bigint,
  r: bigint,
  s: bigint,
  yOdd: boolean,
): AffinePoint | undefined {
  // R = (r, y) with y² = r³ + 7. (r < n < p, so r is a valid x; the rare
  // x = r + n, which the signer's v ≥ 2 would mark, is not supported.)
  const y2 = (((r * r) % P) * r + 7n) % P;
  let y = power(y2, SQRT_EXP, P);
  if ((y * y) % P !== y2) return undefined;
  if (((y & 1n) === 1n) !== yOdd) y = P - y;
  const rInv = inverse(r, N);
  return mulAdd(norm(-e * rInv, N), norm(s * rInv, N), r, y);
}
