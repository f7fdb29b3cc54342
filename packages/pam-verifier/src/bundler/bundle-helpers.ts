/**
 * Bundles the four programs into single CommonJS files (no node_modules at
 * run time; extensionless files run by `node` as CommonJS). Minified: the
 * helpers start on every SSH login and parse time counts.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';

export const HELPER_ENTRIES = {
  'pam-challenge': 'bin/pam-challenge.ts',
  'pam-verify': 'bin/pam-verify.ts',
  // viem's RPC client and ERC-1271/6492 check, loaded by pam-verify only for
  // a signature that does not recover offline (smart-contract wallets).
  'pam-verify-rpc': 'verify/contract-verifier.ts',
  'blockhost-login-signer': 'bin/blockhost-login-signer.ts',
  'blockhost-vm-login': 'bin/blockhost-vm-login.ts',
} as const;

/** Turns pam-verify's lazy `import('../verify/contract-verifier.js')` into `require('./pam-verify-rpc')`. */
const splitRpcClient: Plugin = {
  name: 'split-rpc-client',
  setup(b) {
    b.onResolve({ filter: /\/contract-verifier\.js$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: './pam-verify-rpc', external: true } : undefined,
    );
  },
};

/** Marks the bundle directory CommonJS (the files have no extension). */
export const BIN_PACKAGE_JSON = '{ "type": "commonjs" }\n';

export interface BundleResult {
  outDir: string;
  metafiles: Record<string, Metafile>;
}

export async function bundleHelpers(outDir: string): Promise<BundleResult> {
  mkdirSync(outDir, { recursive: true });
  const srcDir = join(import.meta.dirname, '..');
  const metafiles: Record<string, Metafile> = {};
  await Promise.all(
    Object.entries(HELPER_ENTRIES).map(async ([name, entry]) => {
      const outfile = join(outDir, name);
      const r = await build({
        entryPoints: [join(srcDir, entry)],
        outfile,
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node20',
        minify: true,
        legalComments: 'none',
        conditions: ['@blockhost/source'],
        metafile: true,
        logLevel: 'error',
        plugins: name === 'pam-verify' ? [splitRpcClient] : [],
      });
      metafiles[name] = r.metafile;
      chmodSync(outfile, 0o755);
    }),
  );
  // The bundles are CommonJS; inside this "type": "module" package they need their own marker.
  writeFileSync(join(outDir, 'package.json'), BIN_PACKAGE_JSON);
  return { outDir, metafiles };
}
