/**
 * The built site is small and browser-only: app.js within its budget (minified and gzip), no
 * Node built-in and none of the SDK's server-side parts (scanner, deployment, test kit,
 * contract bytecode, config schemas) bundled, and nothing loaded from another origin.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessCredentialNftBytecode, blockhostSubscriptionsBytecode } from '@blockhost/chain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal, type PortalBuild } from '../src/build/index.js';

/** KiB. Measured 2025-12: app.js 289 minified / 86 gzip (viem ≈ 125, noble ≈ 60, ABIs ≈ 33). */
const BUDGET = { appJs: 320, appJsGzip: 100, total: 340 };

let dir: string;
let built: PortalBuild;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bh-portal-build-'));
  built = await buildPortal({ outDir: dir });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const kib = (n: number) => n / 1024;

describe('the built customer site', () => {
  it('stays within its size budget', () => {
    const app = built.files.find((f) => f.name === 'app.js')!;
    const sizes = built.files.map(
      (f) => `${f.name} ${kib(f.bytes).toFixed(1)} KiB (gzip ${kib(f.gzipBytes).toFixed(1)})`,
    );
    console.log(`portal bundle: ${sizes.join(', ')}`);
    expect(kib(app.bytes), sizes.join('; ')).toBeLessThan(BUDGET.appJs);
    expect(kib(app.gzipBytes), sizes.join('; ')).toBeLessThan(BUDGET.appJsGzip);
    expect(kib(built.files.reduce((n, f) => n + f.bytes, 0))).toBeLessThan(BUDGET.total);
  });

  it('bundles nothing Node-only or server-side', () => {
    const bad = built.inputs.filter((f) =>
      /^node:|chain\/src\/(testkit|scanner|deploy|build)\/|core\/src\/(config\/(parse|blockhost|db|web3)|lifecycle\/|alloc\/)|node_modules\/(zod|yaml|pino|undici)\//.test(
        f,
      ),
    );
    expect(bad).toEqual([]);
    // The chain SDK's crypto and actions are in (what the page needs), from sources.
    expect(built.inputs.some((f) => f.endsWith('chain/src/crypto/user-encrypted.ts'))).toBe(true);
    expect(built.inputs.some((f) => f.endsWith('chain/src/crypto/credential.ts'))).toBe(true);
    const js = readFileSync(join(dir, 'app.js'), 'utf8');
    // No contract bytecode (deployment code is for the operator's tools, not the page).
    for (const code of [blockhostSubscriptionsBytecode, accessCredentialNftBytecode])
      expect(js.includes(code.slice(2, 200))).toBe(false);
    expect(/\brequire\(/.test(js)).toBe(false);
  });

  it('loads nothing from another origin', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.filter((r) => /^(https?:)?\/\//.test(r!))).toEqual([]);
    expect(html).toContain("script-src 'self'");
    const css = readFileSync(join(dir, 'styles.css'), 'utf8');
    expect(css).not.toMatch(/url\(|@import/);
  });
});
