/**
 * Keccak-256 (Ethereum's hash: the original Keccak padding, not SHA3-256's),
 * one-shot. Our own because the helpers hash a few hundred bytes once per
 * process: see keccak-unroll.ts for why the permutation is written out.
 * The tests compare it with noble's keccak_256 on random inputs.
 */
import { keccakF1600 } from './generated/keccak-f1600.js';

/** Bytes absorbed per permutation (1600 − 2·256 bits). */
const RATE = 136;

export function keccak256(data: Uint8Array): Uint8Array {
  const state = new Int32Array(50);
  // Padding 0x01 … 0x80 (pad10*1 with Keccak's domain byte), to whole blocks.
  const padded = new Uint8Array((Math.floor(data.length / RATE) + 1) * RATE);
  padded.set(data);
  padded[data.length] = 0x01;
  padded[padded.length - 1] = (padded[padded.length - 1] as number) | 0x80;
  for (let off = 0; off < padded.length; off += RATE) {
    // Little-endian 32-bit words; word w of the block is state word w.
    for (let w = 0; w < RATE / 4; w++) {
      const i = off + w * 4;
      state[w] =
        (state[w] as number) ^
        ((padded[i] as number) |
          ((padded[i + 1] as number) << 8) |
          ((padded[i + 2] as number) << 16) |
          ((padded[i + 3] as number) << 24));
    }
    keccakF1600(state);
  }
  const out = new Uint8Array(32);
  for (let w = 0; w < 8; w++) {
    const v = state[w] as number;
    out[w * 4] = v & 0xff;
    out[w * 4 + 1] = (v >>> 8) & 0xff;
    out[w * 4 + 2] = (v >>> 16) & 0xff;
    out[w * 4 + 3] = (v >>> 24) & 0xff;
  }
  return out;
}
