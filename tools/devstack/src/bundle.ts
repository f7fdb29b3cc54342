/**
 * Bundles blockhostd from the current sources into one file (esbuild), the
 * way the Debian package ships it, so tests that start and kill the daemon
 * many times pay a bundle's start-up, not a TypeScript loader's.
 */
import { mkdirSync, renameSync } from 'node:fs';
import { build } from 'esbuild';
import { CACHE_DIR, DAEMON_MAIN } from './paths.js';

let pending: Promise<string> | null = null;

/** Builds once per process; returns the path of the bundle. */
export function bundleDaemon(): Promise<string> {
  pending ??= (async () => {
    const outdir = CACHE_DIR;
    mkdirSync(outdir, { recursive: true });
    const outfile = `${outdir}blockhostd.mjs`;
    // Built aside and renamed into place: another process may be starting the previous bundle.
    const building = `${outdir}blockhostd.${process.pid}.building.mjs`;
    await build({
      entryPoints: [DAEMON_MAIN],
      outfile: building,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      conditions: ['@blockhost/source'],
      // Native addons stay outside; node resolves them from the workspace's node_modules.
      external: ['better-sqlite3', 'ssh2', 'cpu-features'],
      banner: {
        js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
      },
      // As the shipped bundle (image/src/deb/bundle-host.ts): no comments and ASCII only, so
      // V8 keeps the source as one-byte text (any other character doubles it in memory).
      minifyWhitespace: true,
      legalComments: 'none',
      charset: 'ascii',
      logLevel: 'warning',
    });
    renameSync(building, outfile);
    return outfile;
  })();
  return pending;
}
