/** Builds the helper bundles once per test process into a temporary directory. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleHelpers } from '../../src/bundler/bundle-helpers.js';

let built: Promise<string> | undefined;
let dir: string | undefined;

export function buildBundles(): Promise<string> {
  if (!built) {
    dir = mkdtempSync(join(tmpdir(), 'bh-bundles-'));
    built = bundleHelpers(dir).then((r) => r.outDir);
  }
  return built;
}

export function removeBundles(): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
  built = undefined;
  dir = undefined;
}
