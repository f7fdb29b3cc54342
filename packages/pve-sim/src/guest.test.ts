import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { applyUserData, type BlobStore, guestFileBytes } from './guest.js';
import { newGuest } from './state.js';

const guest = () => newGuest('localhost');
const userData = (files: Record<string, unknown>[]) =>
  `#cloud-config\n${stringify({ write_files: files })}`;

describe('cloud-init write_files in the simulated guest', () => {
  it('decodes gzipped content (gz+b64 and its spellings) as cloud-init does', () => {
    const program = Buffer.from(`#!/usr/bin/env node\n${'console.log("é");\n'.repeat(500)}`);
    const packed = gzipSync(program).toString('base64');
    for (const encoding of ['gz+b64', 'gzip+base64', 'GZ+BASE64', 'gzip+b64']) {
      const g = guest();
      const blobs: BlobStore = {};
      const r = applyUserData(g, userData([{ path: '/p', encoding, content: packed }]), 'h', blobs);
      expect(r).toEqual({ applied: true, problems: [] });
      expect(guestFileBytes(blobs, g.files['/p']!).equals(program)).toBe(true);
    }
  });

  it('reports gzipped content that does not inflate and writes nothing for it', () => {
    const g = guest();
    const r = applyUserData(
      g,
      userData([
        { path: '/bad', encoding: 'gz+b64', content: Buffer.from('not gzip').toString('base64') },
        { path: '/good', content: 'ok\n' },
      ]),
      'h',
      {},
    );
    expect(r.problems).toEqual([
      expect.stringMatching(/^write_files: \/bad: gz\+b64 content does not inflate/),
    ]);
    expect(Object.keys(g.files)).toEqual(['/good']);
  });

  it('the same large content written as base64 and as gz+b64 decodes each its own way', () => {
    const program = randomBytes(20_000); // large enough to be cached once decoded
    const packed = gzipSync(program).toString('base64');
    const blobs: BlobStore = {};
    const a = guest();
    const b = guest();
    applyUserData(a, userData([{ path: '/z', encoding: 'gz+b64', content: packed }]), 'h', blobs);
    applyUserData(b, userData([{ path: '/z', encoding: 'b64', content: packed }]), 'h', blobs);
    expect(guestFileBytes(blobs, a.files['/z']!).equals(program)).toBe(true);
    expect(guestFileBytes(blobs, b.files['/z']!).equals(program)).toBe(false);
    expect(guestFileBytes(blobs, b.files['/z']!).equals(Buffer.from(packed, 'base64'))).toBe(true);
  });
});
