/**
 * The host's programs as self-contained ES modules for the Debian package:
 * blockhostd, blockhost and blockhost-wizard, each one file with every
 * dependency inside, so the host runs them with Debian's `nodejs` and no
 * `node_modules`. The shells' own tsup builds leave their npm dependencies
 * external (they run inside the repository); these do not.
 *
 * Left outside, on purpose:
 * - `better-sqlite3`: a native addon; the package ships it beside the bundles
 *   (`node_modules/better-sqlite3` with its compiled `.node`).
 * - `*.node` files and optional native helpers (`cpu-features`, `bufferutil`,
 *   `utf-8-validate`): their importers load them inside try/catch and fall back
 *   to JavaScript when they are absent, as they are on the host.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { bundleHelpers } from '@blockhost/pam-verifier/bundler';
import { build, type Metafile, type Plugin } from 'esbuild';
import { BUNDLED_PACKAGES_FILES, HOST_PROGRAMS, type HostProgram } from './layout.js';

export {
  BUNDLED_PACKAGES_FILES,
  HOST_BUNDLE_DIR,
  HOST_PROGRAMS,
  type HostProgram,
} from './layout.js';

/** Native or optional modules that stay outside the bundles (see above). */
export const HOST_EXTERNAL = ['better-sqlite3', 'cpu-features', 'bufferutil', 'utf-8-validate'];

const nativeExternal: Plugin = {
  name: 'native-addons-external',
  setup(b) {
    b.onResolve({ filter: /\.node$/ }, (a) => ({ path: a.path, external: true }));
  },
};

// Bundled CommonJS dependencies call require() and read __dirname (ssh2 at load time): give the
// ES module both.
const BANNER = [
  "import { createRequire as __bhRequire } from 'node:module';",
  "import { fileURLToPath as __bhPath } from 'node:url';",
  'const require = __bhRequire(import.meta.url);',
  'const __filename = __bhPath(import.meta.url);',
  "const __dirname = __bhPath(new URL('.', import.meta.url));",
].join(' ');

export interface HostBundle {
  readonly program: HostProgram;
  readonly file: string;
  readonly bytes: number;
  /** Directories of the npm packages inside the bundle (esbuild's metafile), for the copyright file. */
  readonly packages: readonly string[];
}

/**
 * The npm packages inside a bundle: each input under `node_modules/` gives
 * its package's directory (nested copies of other versions included),
 * relative to `repo`. `base` is the directory the metafile's paths are
 * relative to (esbuild's absWorkingDir).
 */
export function npmPackagesOf(meta: Metafile, base: string, repo: string): string[] {
  const dirs = new Set<string>();
  for (const input of Object.keys(meta.inputs)) {
    const i = input.lastIndexOf('node_modules/');
    if (i < 0) continue;
    const parts = input.slice(i + 'node_modules/'.length).split('/');
    const name = parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    if (name) dirs.add(relative(repo, resolve(base, input.slice(0, i), 'node_modules', name)));
  }
  return [...dirs].sort();
}

/**
 * Bundles one program into `file` as the Debian package ships it (devstack's `bundleDaemon`
 * uses this too, so tests and benchmarks run what ships); `repo` is the repository root.
 */
export async function bundleHostProgram(
  repo: string,
  program: HostProgram,
  file: string,
): Promise<HostBundle> {
  const r = await build({
    absWorkingDir: repo,
    entryPoints: [join(repo, HOST_PROGRAMS[program])],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // The workspace's own packages from their sources, as in the shells' builds.
    conditions: ['@blockhost/source'],
    mainFields: ['module', 'main'],
    external: HOST_EXTERNAL,
    plugins: [nativeExternal],
    banner: { js: BANNER },
    legalComments: 'eof',
    metafile: true,
    logLevel: 'warning',
    // No comments and ASCII only: V8 keeps the source as one-byte text (a single other
    // character anywhere doubles it), ~8 MiB less for the daemon at idle.
    minifyWhitespace: true,
    charset: 'ascii',
  });
  // The entry's shebang goes: the units and /usr/bin/blockhost run `node <file>`, and a
  // shebang on a non-executable file is a packaging error.
  const text = readFileSync(file, 'utf8').replace(/^#!.*\n/, '');
  writeFileSync(file, text, { mode: 0o644 });
  const bytes = Buffer.byteLength(text);
  return { program, file, bytes, packages: npmPackagesOf(r.metafile, repo, repo) };
}

/** Bundles the three programs into `outDir` (`<name>.mjs` each); `repo` is the repository root. */
export async function bundleHostPrograms(repo: string, outDir: string): Promise<HostBundle[]> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const out: HostBundle[] = [];
  for (const program of Object.keys(HOST_PROGRAMS) as HostProgram[])
    out.push(await bundleHostProgram(repo, program, join(outDir, `${program}.mjs`)));
  return out;
}

/**
 * What `npm run build -w @blockhost/image` leaves in `outDir` (dist/host): the
 * three bundles and the lists of npm packages inside them and inside the VM
 * login helpers (made by the same bundling pam-verifier's build does, for its
 * metafiles), which the packages' copyright files name.
 */
export async function prepareHostBundles(repo: string, outDir: string): Promise<HostBundle[]> {
  const bundles = await bundleHostPrograms(repo, outDir);
  const host = [...new Set(bundles.flatMap((b) => b.packages))].sort();
  writeFileSync(join(outDir, BUNDLED_PACKAGES_FILES.host), `${JSON.stringify(host, null, 2)}\n`);
  const scratch = mkdtempSync(join(tmpdir(), 'blockhost-vm-login-meta-'));
  try {
    const { metafiles } = await bundleHelpers(scratch);
    const merged: Metafile = { inputs: {}, outputs: {} };
    for (const m of Object.values(metafiles)) Object.assign(merged.inputs, m.inputs);
    writeFileSync(
      join(outDir, BUNDLED_PACKAGES_FILES['vm-login']),
      `${JSON.stringify(npmPackagesOf(merged, process.cwd(), repo), null, 2)}\n`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return bundles;
}
