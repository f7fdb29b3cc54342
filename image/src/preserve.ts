/**
 * The check that the ISO step left the stock image as it was. Adding files
 * the prepare-iso way appends a new session after the image and rewrites
 * only the volume descriptors (blocks 16–31); the system area (MBR/GPT, the
 * hybrid boot code), the El Torito boot images, the installer and any
 * partition appended after the ISO 9660 tree must keep every byte.
 * A stock image with a partition appended after its tree would be
 * overwritten by the new session: this check refuses that output.
 */
import { open } from 'node:fs/promises';
import { err, ok, type Result } from 'neverthrow';
import { BuildError } from './errors.js';

const BLOCK = 2048;
/** Bytes xorriso may rewrite in place: the volume descriptor set, blocks 16–31. */
export const DESCRIPTOR_AREA = { start: 16 * BLOCK, end: 32 * BLOCK } as const;

/** First byte offset where `output` differs from `input` outside the descriptor area, or -1. */
export async function firstChangedByte(input: string, output: string): Promise<number> {
  const a = await open(input, 'r');
  const b = await open(output, 'r');
  try {
    const size = (await a.stat()).size;
    if ((await b.stat()).size < size) return size;
    const chunk = 4 * 1024 * 1024;
    const bufA = Buffer.alloc(chunk);
    const bufB = Buffer.alloc(chunk);
    for (let pos = 0; pos < size; pos += chunk) {
      const n = Math.min(chunk, size - pos);
      await a.read(bufA, 0, n, pos);
      await b.read(bufB, 0, n, pos);
      if (bufA.compare(bufB, 0, n, 0, n) === 0) continue;
      for (let i = 0; i < n; i++) {
        const at = pos + i;
        if (at >= DESCRIPTOR_AREA.start && at < DESCRIPTOR_AREA.end) continue;
        if (bufA[i] !== bufB[i]) return at;
      }
    }
    return -1;
  } finally {
    await a.close();
    await b.close();
  }
}

export async function checkPreserved(
  input: string,
  output: string,
): Promise<Result<void, BuildError>> {
  const at = await firstChangedByte(input, output);
  if (at < 0) return ok(undefined);
  return err(
    new BuildError(
      'input',
      `adding files changed the stock image at byte ${at} (block ${Math.floor(at / BLOCK)}): its boot records would not survive`,
      {
        hint: 'this happens with images that carry a partition appended after the ISO 9660 tree; use a stock Proxmox VE ISO',
      },
    ),
  );
}
