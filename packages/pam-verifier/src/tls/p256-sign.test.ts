import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { P256_ORDER, signP256 } from './p256-sign.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const scalar = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((b) => (BigInt(`0x${hex(b)}`) % (P256_ORDER - 1n)) + 1n)
  .map((n) => Buffer.from(n.toString(16).padStart(64, '0'), 'hex'));

describe('signP256', () => {
  it('gives byte for byte the RFC 6979 signature noble gives', () => {
    fc.assert(
      fc.property(scalar, fc.uint8Array({ maxLength: 600 }), (d, message) => {
        expect(hex(signP256(message, d))).toBe(hex(p256.sign(message, d, { format: 'der' })));
      }),
      { numRuns: 300 },
    );
    // The edges of the key range.
    for (const d of [1n, 2n, P256_ORDER - 1n]) {
      const key = Buffer.from(d.toString(16).padStart(64, '0'), 'hex');
      const m = randomBytes(100);
      expect(hex(signP256(m, key))).toBe(hex(p256.sign(m, key, { format: 'der' })));
    }
  });

  it('makes signatures OpenSSL verifies', () => {
    for (let i = 0; i < 20; i++) {
      const d = Buffer.from(p256.utils.randomSecretKey());
      const m = randomBytes(64);
      const pub = p256.getPublicKey(d, false);
      const key = createPublicKey({
        key: {
          kty: 'EC',
          crv: 'P-256',
          x: Buffer.from(pub.subarray(1, 33)).toString('base64url'),
          y: Buffer.from(pub.subarray(33)).toString('base64url'),
        },
        format: 'jwk',
      });
      expect(verify('sha256', m, key, signP256(m, d))).toBe(true);
    }
  });

  it('refuses a key that is not a scalar of the curve', () => {
    expect(() => signP256(Uint8Array.of(1), Buffer.alloc(31, 1))).toThrow(/32 bytes/);
    expect(() => signP256(Uint8Array.of(1), Buffer.alloc(32, 0))).toThrow(/out of range/);
    expect(() => signP256(Uint8Array.of(1), Buffer.alloc(32, 0xff))).toThrow(/out of range/);
  });
});
