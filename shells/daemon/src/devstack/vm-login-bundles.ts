/**
 * The wallet-login programs every VM receives, built from the current
 * @blockhost/pam-verifier sources (as its `npm run build` does), so the demo
 * and the tests need no prior build. Once per process, in a private temp dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleHelpers } from '../../../../packages/pam-verifier/src/bundler/bundle-helpers.js';

let pending: Promise<string> | null = null;

export function vmLoginBundleDir(): Promise<string> {
  pending ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blockhost-vm-login-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    await bundleHelpers(dir);
    return dir;
  })();
  return pending;
}
