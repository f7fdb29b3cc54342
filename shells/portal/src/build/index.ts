/**
 * Builds the customer site into plain files: index.html, app.js (one ES module bundled by
 * esbuild from the TypeScript sources, @blockhost/chain's crypto and viem included), styles.css.
 * The operator adds config.json (`writePortalConfig`, `blockhost portal config`).
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { PortalConfig } from '@blockhost/core';
import { build } from 'esbuild';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface BuiltFile {
  readonly name: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

export interface PortalBuild {
  readonly dir: string;
  readonly files: readonly BuiltFile[];
  /** Every source file with bytes in app.js (relative paths, as esbuild names them). */
  readonly inputs: readonly string[];
}

export async function buildPortal(o: { outDir: string; minify?: boolean }): Promise<PortalBuild> {
  mkdirSync(o.outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(SRC, 'app/main.ts')],
    outfile: join(o.outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome109', 'firefox115', 'safari16'],
    minify: o.minify ?? true,
    sourcemap: false,
    legalComments: 'none',
    conditions: ['@blockhost/source'],
    metafile: true,
    logLevel: 'warning',
  });
  copyFileSync(join(SRC, 'site/index.html'), join(o.outDir, 'index.html'));
  copyFileSync(join(SRC, 'site/styles.css'), join(o.outDir, 'styles.css'));
  const files = ['index.html', 'app.js', 'styles.css'].map((name) => {
    const data = readFileSync(join(o.outDir, name));
    return { name, bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
  });
  // What ended up in app.js: esbuild lists every module it read, tree-shaken ones with 0 bytes.
  const out = Object.values(result.metafile.outputs).find((x) => x.entryPoint);
  const inputs = Object.entries(out?.inputs ?? {})
    .filter(([, v]) => v.bytesInOutput > 0)
    .map(([k]) => k);
  return { dir: o.outDir, files, inputs };
}

/** Writes config.json into a built site (mode 0644: it is public by nature). */
export function writePortalConfig(dir: string, config: PortalConfig): void {
  writeFileSync(join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`, { mode: 0o644 });
}
