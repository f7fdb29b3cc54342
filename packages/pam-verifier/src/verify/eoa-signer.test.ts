import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import fc from 'fast-check';
import { recoverMessageAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../internal/hex.js';
import { isPersonalSignBy, personalSignSigners } from './eoa-signer.js';
import { recoverMessageSigner } from './recover-address.js';
import {
  oddMultiples,
  recoverPublicKey,
  SECP256K1_LAMBDA,
  SECP256K1_N,
  splitScalar,
  wnaf,
} from './secp256k1-recover.js';
import { renderSecp256k1GTables } from './secp256k1-tables.js';

const key = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .filter((b) => b.some((x) => x !== 0) && b[0] !== 0xff)
  .map((b) => `0x${bytesToHex(b)}` as `0x${string}`);

describe('EOA signer check (BigInt recovery)', () => {
  it('accepts exactly the signer that viem and noble recover (random keys and messages)', async () => {
    await fc.assert(
      fc.asyncProperty(key, fc.string({ maxLength: 300 }), async (pk, message) => {
        const account = privateKeyToAccount(pk);
        const signature = await account.signMessage({ message });
        const viemSigner = await recoverMessageAddress({ message, signature });
        expect(viemSigner).toBe(account.address);
        expect(recoverMessageSigner(message, signature)._unsafeUnwrap()).toBe(account.address);
        const pair = personalSignSigners(message, signature)._unsafeUnwrap();
        expect(pair).toContain(account.address.toLowerCase());
        // The other candidate is the recovery with the other parity of v.
        const flipped = hexToBytes(signature);
        flipped[64] = (flipped[64] as number) === 27 ? 28 : 27;
        const other = await recoverMessageAddress({
          message,
          signature: `0x${bytesToHex(flipped)}`,
        });
        expect(pair).toContain(other.toLowerCase());
        expect(isPersonalSignBy(message, signature, account.address)._unsafeUnwrap()).toBe(true);
        expect(isPersonalSignBy(`${message}!`, signature, account.address)._unsafeUnwrap()).toBe(
          false,
        );
      }),
      { numRuns: 60 },
    );
  });

  it('takes v as 0/1 and the 64-byte EIP-2098 form, and either parity (v carries no security)', async () => {
    await fc.assert(
      fc.asyncProperty(key, fc.string({ maxLength: 200 }), async (pk, message) => {
        const account = privateKeyToAccount(pk);
        const sig = hexToBytes(await account.signMessage({ message }));
        const v = sig[64] as number;
        const v01 = sig.slice();
        v01[64] = v - 27;
        const compact = sig.slice(0, 64);
        if (v === 28) compact[32] = (compact[32] as number) | 0x80;
        const flipped = sig.slice();
        flipped[64] = v === 27 ? 28 : 27;
        for (const form of [v01, compact, flipped])
          expect(
            isPersonalSignBy(message, `0x${bytesToHex(form)}`, account.address)._unsafeUnwrap(),
          ).toBe(true);
        // The stated parity's signer comes first.
        expect(personalSignSigners(message, `0x${bytesToHex(sig)}`)._unsafeUnwrap()[0]).toBe(
          account.address.toLowerCase(),
        );
      }),
      { numRuns: 20 },
    );
  });

  it('refuses r or s out of range, r off the curve and bad lengths, without throwing', () => {
    const n = 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141';
    const bad: `0x${string}`[] = [
      `0x${'00'.repeat(32)}${'11'.repeat(32)}1b`,
      `0x${n}${'11'.repeat(32)}1b`,
      `0x${'11'.repeat(32)}${n}1b`,
      `0x${'11'.repeat(32)}${'00'.repeat(32)}1c`,
      `0x${'11'.repeat(70)}`,
      `0x${'11'.repeat(64)}05`,
    ];
    for (const sig of bad) expect(personalSignSigners('m', sig).isErr()).toBe(true);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 65 }), (b) => {
        personalSignSigners('m', `0x${bytesToHex(b)}`);
      }),
      { numRuns: 300 },
    );
  });
});

describe('secp256k1 recovery internals', () => {
  const n = SECP256K1_N;
  const scalar = fc.bigInt({ min: 0n, max: n - 1n });

  it('GLV: k ≡ k₁ + k₂·λ (mod n) with both halves below 2¹²⁹, and λ·G = (β·Gx, Gy)', () => {
    fc.assert(
      fc.property(scalar, (k) => {
        const [k1, k2] = splitScalar(k);
        expect((((k1 + k2 * SECP256K1_LAMBDA) % n) + n) % n).toBe(k);
        for (const h of [k1, k2]) expect(h < 0n ? -h : h).toBeLessThan(1n << 129n);
      }),
      { numRuns: 500 },
    );
    for (const k of [0n, 1n, n - 1n, n / 2n]) {
      const [k1, k2] = splitScalar(k);
      expect((((k1 + k2 * SECP256K1_LAMBDA) % n) + n) % n).toBe(k);
    }
    const g = secp256k1.Point.BASE;
    const lg = g.multiply(SECP256K1_LAMBDA);
    const p = secp256k1.Point.CURVE().p;
    expect(lg.x).toBe(
      (g.x * 0x7ae96a2b657c07106e64479eac3434e99cf0497512f58995c1396c28719501een) % p,
    );
    expect(lg.y).toBe(g.y);
  });

  it('width-5 NAF digits are odd in ±15, sparse, and sum back to k', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 129n) - 1n }), (k) => {
        const digits = wnaf(k);
        let sum = 0n;
        let lastNonzero = -10;
        digits.forEach((d, i) => {
          if (d === 0) return;
          expect(Math.abs(d) % 2).toBe(1);
          expect(Math.abs(d)).toBeLessThanOrEqual(15);
          expect(i - lastNonzero).toBeGreaterThanOrEqual(5);
          lastNonzero = i;
          sum += BigInt(d) << BigInt(i);
        });
        expect(sum).toBe(k);
      }),
      { numRuns: 500 },
    );
  });

  it('odd-multiple tables hold 1Q … 15Q; the committed G tables are the generator output', () => {
    const q = secp256k1.Point.BASE.multiply(0x1234567890abcdefn);
    const table = oddMultiples(q.x, q.y);
    for (let i = 0; i < 8; i++) {
      const m = q.multiply(BigInt(2 * i + 1));
      expect([table[2 * i], table[2 * i + 1]]).toEqual([m.x, m.y]);
    }
    const committed = readFileSync(
      join(import.meta.dirname, 'generated', 'secp256k1-g-tables.ts'),
      'utf8',
    );
    expect(committed).toBe(renderSecp256k1GTables());
  });

  it('recovers the public key noble recovers, for both parities', () => {
    fc.assert(
      fc.property(
        scalar.filter((k) => k > 0n),
        scalar,
        (d, e) => {
          const sig = secp256k1.sign(
            Uint8Array.from(Buffer.from(e.toString(16).padStart(64, '0'), 'hex')),
            Uint8Array.from(Buffer.from(d.toString(16).padStart(64, '0'), 'hex')),
            { prehash: false, format: 'recovered' },
          );
          const r = BigInt(`0x${bytesToHex(sig.subarray(1, 33))}`);
          const s = BigInt(`0x${bytesToHex(sig.subarray(33, 65))}`);
          const q = recoverPublicKey(e, r, s, (sig[0] as number) === 1);
          const pub = secp256k1.Point.BASE.multiply(d);
          expect(q).toEqual([pub.x, pub.y]);
        },
      ),
      { numRuns: 40 },
    );
  });
});
