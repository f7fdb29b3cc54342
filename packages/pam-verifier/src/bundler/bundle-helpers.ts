/**
 * Bundles the programs into single CommonJS files (no node_modules at run
 * time; extensionless files run by `node` as CommonJS). Minified: the
 * helpers start on every SSH login and parse time counts.
 *
 * The two login helpers are split in two files each: `<name>.js`, the
 * bundle wrapped as one function expression, and `<name>`, a small loader
 * that runs it through V8's code cache (pam/code-cache.ts).
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';
import { HELPER_CODE_SUFFIX } from '../pam/code-cache.js';

/** Run on every login through the code-cache loader. */
export const LOGIN_HELPER_ENTRIES = {
  'pam-challenge': 'bin/pam-challenge.ts',
  'pam-verify': 'bin/pam-verify.ts',
} as const;

/** Plain single-file programs. */
export const PROGRAM_ENTRIES = {
  // viem's ERC-6492 check, loaded by pam-verify (and the signing service) only
  // for a well-formed ERC-6492 wrapper (a smart-contract wallet not deployed yet).
  'pam-verify-rpc': 'verify/erc6492-rpc.ts',
  'blockhost-login-signer': 'bin/blockhost-login-signer.ts',
  'blockhost-vm-login': 'bin/blockhost-vm-login.ts',
} as const;

/** What `pam-challenge` prints when its code cannot load (as its own "not available" line). */
const LOAD_FAILURE: Record<keyof typeof LOGIN_HELPER_ENTRIES, string> = {
  'pam-challenge': 'Wallet login is not available right now.\n',
  'pam-verify': '',
};

/**
 * Turns the lazy `import('./erc6492-rpc.js')` into
 * `require('./pam-verify-rpc')`: the code runs in a vm.Script, where a
 * dynamic import() has no module loader behind it.
 */
const splitRpcClient: Plugin = {
  name: 'split-rpc-client',
  setup(b) {
    b.onResolve({ filter: /\/erc6492-rpc\.js$/ }, (args) =>
      args.kind === 'dynamic-import'
        ? { path: 'rpc-client-shim', namespace: 'blockhost' }
        : undefined,
    );
    b.onResolve({ filter: /^\.\/pam-verify-rpc$/ }, (args) => ({
      path: args.path,
      external: true,
    }));
    b.onLoad({ filter: /^rpc-client-shim$/, namespace: 'blockhost' }, () => ({
      contents: "module.exports = require('./pam-verify-rpc');",
      loader: 'js',
    }));
  },
};

/** Marks the bundle directory CommonJS (the files have no extension). */
export const BIN_PACKAGE_JSON = '{ "type": "commonjs" }\n';

export interface BundleResult {
  outDir: string;
  metafiles: Record<string, Metafile>;
}

const COMMON: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  conditions: ['@blockhost/source'],
  metafile: true,
  logLevel: 'error',
};

/** The helper's code as `(function (exports, require, module, __filename, __dirname) {…})`. */
async function bundleLoginHelperCode(
  srcDir: string,
  name: keyof typeof LOGIN_HELPER_ENTRIES,
): Promise<{ code: string; metafile: Metafile }> {
  const r = await build({
    ...COMMON,
    entryPoints: [join(srcDir, LOGIN_HELPER_ENTRIES[name])],
    write: false,
    outfile: `${name}${HELPER_CODE_SUFFIX}`,
    plugins: [splitRpcClient],
  });
  const text = (r.outputFiles?.[0]?.text ?? '').replace(/^#!.*\n/, '');
  // vm.Script gives import() no loader: the bundle must not contain one.
  if (/\bimport\(/.test(text)) throw new Error(`${name}: dynamic import() left in the bundle`);
  return {
    code: `(function (exports, require, module, __filename, __dirname) {${text}\n})`,
    metafile: r.metafile as Metafile,
  };
}

export async function bundleHelpers(outDir: string): Promise<BundleResult> {
  mkdirSync(outDir, { recursive: true });
  const srcDir = join(import.meta.dirname, '..');
  const metafiles: Record<string, Metafile> = {};
  const loginHelpers = Object.keys(LOGIN_HELPER_ENTRIES) as (keyof typeof LOGIN_HELPER_ENTRIES)[];
  await Promise.all([
    ...loginHelpers.map(async (name) => {
      const { code, metafile } = await bundleLoginHelperCode(srcDir, name);
      writeFileSync(join(outDir, `${name}${HELPER_CODE_SUFFIX}`), code, { mode: 0o644 });
      metafiles[`${name}${HELPER_CODE_SUFFIX}`] = metafile;
      const outfile = join(outDir, name);
      const r = await build({
        ...COMMON,
        entryPoints: [join(srcDir, 'bin/cached-helper.ts')],
        outfile,
        define: {
          BLOCKHOST_HELPER: JSON.stringify(name),
          BLOCKHOST_BUILD: JSON.stringify(
            createHash('sha256').update(code).digest('hex').slice(0, 32),
          ),
          BLOCKHOST_LOAD_FAILURE: JSON.stringify(LOAD_FAILURE[name]),
        },
      });
      metafiles[name] = r.metafile as Metafile;
      chmodSync(outfile, 0o755);
    }),
    ...Object.entries(PROGRAM_ENTRIES).map(async ([name, entry]) => {
      const outfile = join(outDir, name);
      // The signing service verifies signatures too: it shares pam-verify-rpc.
      const r = await build({
        ...COMMON,
        entryPoints: [join(srcDir, entry)],
        outfile,
        plugins: name === 'blockhost-login-signer' ? [splitRpcClient] : [],
      });
      metafiles[name] = r.metafile as Metafile;
      chmodSync(outfile, 0o755);
    }),
  ]);
  // The bundles are CommonJS; inside this "type": "module" package they need their own marker.
  writeFileSync(join(outDir, 'package.json'), BIN_PACKAGE_JSON);
  return { outDir, metafiles };
}
