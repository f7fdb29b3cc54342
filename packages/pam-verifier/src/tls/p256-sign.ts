/**
 * Deterministic ECDSA over P-256 with SHA-256 (RFC 6979 nonces, low S), DER-encoded: the
 * signature a VM's signing-page certificate carries. The one scalar multiplication runs in
 * OpenSSL (the ECDH object's public key of the nonce); the rest is a few HMACs and modular
 * arithmetic on 256-bit integers. Byte for byte what noble's `p256.sign(msg, d, { format: 'der' })`
 * gives (tested against it): a JS multiplication cost a millisecond per VM, and its precomputed
 * table a tenth of a second at every daemon start.
 *
 * Host side only: the secrets it signs with are derived per VM on the host.
 */
import { createECDH, createHash, createHmac } from 'node:crypto';
import { sequence, unsignedInteger } from './der.js';

/** The order of P-256's base point. */
export const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const N = P256_ORDER;

const toInt = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
const toBytes = (n: bigint) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');

/** `a`⁻¹ mod N (extended Euclid; `a` in [1, N−1]). */
function invert(a: bigint): bigint {
  let [r0, r1] = [N, a];
  let [t0, t1] = [0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return t0 < 0n ? t0 + N : t0;
}

/** The x coordinate of `k`·G, by OpenSSL. */
function baseMultipleX(k: Uint8Array): bigint {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(k);
  return toInt(ecdh.getPublicKey().subarray(1, 33));
}

/** Signs SHA-256(`message`) with the secret scalar `d` (32 bytes, in [1, N−1]); DER. */
export function signP256(message: Uint8Array, d: Uint8Array): Uint8Array {
  if (d.length !== 32) throw new RangeError('signP256: the secret key must be 32 bytes');
  const x = toInt(d);
  if (x < 1n || x >= N) throw new RangeError('signP256: the secret key is out of range');
  // The hash is as long as the order: bits2int is the plain integer, bits2octets its residue.
  const z = toInt(createHash('sha256').update(message).digest());
  const h1 = toBytes(z % N);
  const hmac = (key: Uint8Array, ...parts: Uint8Array[]) => {
    const h = createHmac('sha256', key);
    for (const p of parts) h.update(p);
    return h.digest();
  };
  // RFC 6979 §3.2 steps b–f, then g–h until a nonce gives a signature.
  let v: Uint8Array = Buffer.alloc(32, 1);
  let k: Uint8Array = Buffer.alloc(32, 0);
  k = hmac(k, v, Uint8Array.of(0), d, h1);
  v = hmac(k, v);
  k = hmac(k, v, Uint8Array.of(1), d, h1);
  v = hmac(k, v);
  for (;;) {
    v = hmac(k, v);
    const nonce = toInt(v);
    if (nonce >= 1n && nonce < N) {
      const r = baseMultipleX(v) % N;
      if (r !== 0n) {
        let s = (invert(nonce) * ((z + r * x) % N)) % N;
        if (s !== 0n) {
          if (s > N >> 1n) s = N - s;
          return sequence(unsignedInteger(toBytes(r)), unsignedInteger(toBytes(s)));
        }
      }
    }
    k = hmac(k, v, Uint8Array.of(0));
    v = hmac(k, v);
  }
}
