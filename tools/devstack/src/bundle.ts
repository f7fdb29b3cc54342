/**
 * Bundles blockhostd from the current sources into one file, with the Debian
 * package's own bundler (@blockhost/image), so tests and benchmarks run and
 * measure what ships, and tests that start and kill the daemon many times pay a
 * bundle's start-up, not a TypeScript loader's.
 */
import { mkdirSync, renameSync } from 'node:fs';
import { bundleHostProgram } from '@blockhost/image/bundle';
import { CACHE_DIR, REPO } from './paths.js';

let pending: Promise<string> | null = null;

/**
 * Builds once per process; returns the path of the bundle. It lives in the repository, so the
 * native addons it leaves outside (better-sqlite3) resolve from the workspace's node_modules.
 */
export function bundleDaemon(): Promise<string> {
  pending ??= (async () => {
    const outdir = CACHE_DIR;
    mkdirSync(outdir, { recursive: true });
    const outfile = `${outdir}blockhostd.mjs`;
    // Built aside and renamed into place: another process may be starting the previous bundle.
    const building = `${outdir}blockhostd.${process.pid}.building.mjs`;
    await bundleHostProgram(REPO, 'blockhostd', building);
    renameSync(building, outfile);
    return outfile;
  })();
  return pending;
}
