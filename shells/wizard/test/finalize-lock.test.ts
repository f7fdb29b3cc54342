/**
 * The finalize runs as root and holds its lock in root's directory; the web process (another
 * user) must still see that a run is live, or its guard against a second run does nothing.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockHeld, takeLock } from '../src/finalize/state.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** `lockHeld(file)` asked by another user (nobody), as the web process asks. */
function heldAsNobody(file: string): boolean {
  const src = join(import.meta.dirname, '../src/finalize/state.ts');
  const r = spawnSync(
    process.execPath,
    [
      '--conditions=@blockhost/source',
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { lockHeld } from ${JSON.stringify(src)}; process.stdout.write(String(lockHeld(${JSON.stringify(file)})));`,
    ],
    { uid: 65534, gid: 65534, encoding: 'utf8', cwd: join(import.meta.dirname, '..') },
  );
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return r.stdout === 'true';
}

describe('the finalize lock, seen from the web process', () => {
  it.skipIf(process.getuid?.() !== 0)(
    'a live run is seen by another user through the published holder; released, it is gone',
    () => {
      const root = mkdtempSync(join(tmpdir(), 'bh-lock-'));
      dirs.push(root);
      chmodSync(root, 0o755);
      const lockFile = join(root, 'finalize', 'finalize.lock');
      const published = join(root, 'finalize.pid');
      const lock = takeLock(lockFile, published);
      if ('heldBy' in lock) throw new Error('lock not taken');
      expect(statSync(published).mode & 0o777).toBe(0o644);
      expect(readFileSync(published, 'utf8')).toBe(readFileSync(lockFile, 'utf8'));
      // The lock itself is out of reach for another user; the published holder is not.
      expect(heldAsNobody(lockFile)).toBe(false);
      expect(heldAsNobody(published)).toBe(true);
      expect(lockHeld(published)).toBe(true);
      lock.release();
      expect(existsSync(published)).toBe(false);
      expect(existsSync(lockFile)).toBe(false);
      expect(heldAsNobody(published)).toBe(false);
    },
  );
});
