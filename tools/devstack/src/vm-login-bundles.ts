/**
 * The wallet-login programs every VM receives, built from the current
 * @blockhost/pam-verifier sources (as its `npm run build` does), so the demo
 * and the tests need no prior build. Cached in the workspace's `.tmp/` under a
 * hash of those sources: rebuilt when they change, shared by concurrent test
 * processes (each builds into its own directory and renames it into place).
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { join } from 'node:path';
import { bundleHelpers } from '@blockhost/pam-verifier/bundler';
import { CACHE_DIR, REPO } from './paths.js';

const SRC = `${REPO}packages/pam-verifier/src/`;
const CACHE = CACHE_DIR;

function sourceHash(dir: string, h = createHash('sha256')): ReturnType<typeof createHash> {
  for (const name of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = join(dir, name.name);
    if (name.isDirectory()) sourceHash(path, h);
    else if (name.name.endsWith('.ts')) h.update(name.name).update(readFileSync(path));
  }
  return h;
}

let pending: Promise<string> | null = null;

export function vmLoginBundleDir(): Promise<string> {
  pending ??= (async () => {
    const target = join(CACHE, `vm-login-${sourceHash(SRC).digest('hex').slice(0, 16)}`);
    if (existsSync(target)) return target;
    mkdirSync(CACHE, { recursive: true });
    const work = mkdtempSync(join(CACHE, 'vm-login-build-'));
    try {
      await bundleHelpers(work);
      renameSync(work, target);
    } catch (e) {
      rmSync(work, { recursive: true, force: true });
      // Another process renamed its build into place first: use that one.
      if (!existsSync(target)) throw e;
    }
    return target;
  })();
  return pending;
}
