import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureSnippetsDir } from './snippets-dir.js';

const root = mkdtempSync(join(tmpdir(), 'bh-snippets-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('ensureSnippetsDir', () => {
  it.skipIf(process.getuid?.() !== 0)(
    "gives Proxmox's root-owned directory to the daemon's group, group-writable",
    () => {
      const dir = join(root, 'vz', 'snippets');
      const nogroup = 65534;
      expect(ensureSnippetsDir(dir, { uid: 0, gid: nogroup }).isOk()).toBe(true);
      const st = statSync(dir);
      expect(st.uid).toBe(0); // the owner stays root
      expect(st.gid).toBe(nogroup);
      expect(st.mode & 0o7777).toBe(0o775);
      // Again: nothing changes, nothing fails.
      expect(ensureSnippetsDir(dir, { uid: 0, gid: nogroup }).isOk()).toBe(true);
      expect(statSync(dir).mode & 0o7777).toBe(0o775);
    },
  );

  it('names the path when it is not a directory', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const r = ensureSnippetsDir(join(file, 'snippets'));
    expect(r.isErr()).toBe(true);
    expect(r._unsafeUnwrapErr().message).toContain(
      `cannot prepare the snippets directory ${file}/snippets`,
    );
  });
});
