import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { keccak_256 } from '@noble/hashes/sha3.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToHex, utf8 } from '../internal/hex.js';
import { keccak256 } from './keccak.js';
import { renderKeccakF1600 } from './keccak-unroll.js';

describe('keccak256', () => {
  it('matches the known vectors', () => {
    expect(bytesToHex(keccak256(new Uint8Array(0)))).toBe(
      'c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
    );
    expect(bytesToHex(keccak256(utf8('hello')))).toBe(
      '1c8aff950685c2ed4bc3174f3472287b56d9517b9c948127319a09a7a36deac8',
    );
  });

  it('equals noble keccak_256 on every length around the block boundaries', () => {
    for (let len = 0; len <= 3 * 136 + 2; len++) {
      const data = Uint8Array.from({ length: len }, (_, i) => (i * 131 + len) & 0xff);
      expect(bytesToHex(keccak256(data))).toBe(bytesToHex(keccak_256(data)));
    }
  });

  it('equals noble keccak_256 on random inputs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (data) => {
        expect(bytesToHex(keccak256(data))).toBe(bytesToHex(keccak_256(data)));
      }),
      { numRuns: 300 },
    );
  });

  it('runs the committed permutation the generator writes', () => {
    const committed = readFileSync(
      join(import.meta.dirname, 'generated', 'keccak-f1600.ts'),
      'utf8',
    );
    expect(committed).toBe(renderKeccakF1600());
  });
});
