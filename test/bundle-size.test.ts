/**
 * Embedders pay only for what they import: typical imports of each public
 * library, bundled by esbuild from the built `dist` (dependencies outside the
 * workspace left external, as an app's bundler would share them), stay within
 * budget. Numbers and why in the README ("Bundle sizes").
 */
import { build, type Plugin } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, REPO } from './support/build.js';

/** [package, export, budget in KiB]. Measured at about half of each budget. */
const BUDGETS: readonly [string, string, number][] = [
  ['@blockhost/core', 'reconcile', 8],
  ['@blockhost/core', 'parseConfig', 20],
  ['@blockhost/chain', 'decodeBlockhostLog', 40],
  ['@blockhost/chain', 'encryptUserSignature', 8],
  ['@blockhost/chain', 'decryptConnectionDetails', 8],
  ['@blockhost/chain', 'buySubscription', 32],
  ['@blockhost/chain', 'createScanner', 50],
  ['@blockhost/proxmox', 'cloneVm', 15],
  ['@blockhost/proxmox', 'createPveClient', 15],
  ['@blockhost/proxmox', 'provisionVm', 40],
  ['@blockhost/proxmox', 'setupAccess', 15],
  ['@blockhost/pam-verifier', 'vmLoginCloudInit', 15],
  ['@blockhost/pam-verifier', 'verifyLoginSignature', 20],
];

/** Dependencies outside the workspace stay external: an app's bundler shares them. */
const thirdPartyExternal: Plugin = {
  name: 'third-party-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (a) =>
      a.path.startsWith('@blockhost/') || a.path.startsWith('node:')
        ? undefined
        : { path: a.path, external: true },
    );
  },
};

/** Minified bytes of `import { name } from pkg` bundled from dist. */
async function bundledBytes(pkg: string, name: string): Promise<number> {
  const r = await build({
    stdin: {
      contents: `import { ${name} } from '${pkg}'; globalThis.x = ${name};`,
      resolveDir: REPO,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    plugins: [thirdPartyExternal],
  });
  const out = r.outputFiles[0];
  if (!out) throw new Error(`no output bundling ${name} from ${pkg}`);
  return out.contents.length;
}

beforeAll(() => ensureBuilt(), 300_000);

describe('bundle sizes from dist', () => {
  it.each(BUDGETS)('%s %s stays under %i KiB', async (pkg, name, kib) => {
    const bytes = await bundledBytes(pkg, name);
    expect(bytes / 1024, `${name} from ${pkg}: ${(bytes / 1024).toFixed(1)} KiB`).toBeLessThan(kib);
  });

  it('the whole SDK entry pulls in neither the PVE schema nor the simulator', async () => {
    // The 600 KB schema: a byte budget alone would hide it behind a generous number.
    const r = await build({
      entryPoints: [`${REPO}packages/proxmox/dist/index.js`],
      bundle: true,
      platform: 'node',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [thirdPartyExternal],
    });
    const inputs = Object.keys(r.metafile.inputs);
    expect(inputs.some((f) => f.endsWith('packages/proxmox/dist/index.js'))).toBe(true);
    expect(inputs.filter((f) => /schema\/generated|pve-api|pve-sim/.test(f))).toEqual([]);
  });
});
