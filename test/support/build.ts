/**
 * Repository-level tests look at what is shipped (each library's `dist`).
 * `npm run test:all` builds first; run alone, a test builds a package whose
 * `dist` is missing or older than its sources.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** The public libraries, in build order (each may import the ones before it). */
export const LIBRARIES = ['core', 'chain', 'proxmox', 'pve-sim', 'pam-verifier'] as const;
export type Library = (typeof LIBRARIES)[number];

function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Builds each library whose dist is missing or stale (in order). */
export function ensureBuilt(libs: readonly Library[] = LIBRARIES): void {
  for (const lib of LIBRARIES) {
    if (!libs.includes(lib)) continue;
    const dir = join(REPO, 'packages', lib);
    const entry = join(dir, 'dist', 'index.js');
    if (existsSync(entry) && statSync(entry).mtimeMs >= newest(join(dir, 'src'))) continue;
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: dir, stdio: 'pipe' });
  }
}
