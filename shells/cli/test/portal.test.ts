/** `blockhost portal config`: the customer site's config.json from the host's configuration. */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publicKeyFromSecretKey } from '@blockhost/chain';
import { parsePortalConfig } from '@blockhost/core';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, makeConfigDir, removeTempDirs } from './helpers.js';

const site = mkdtempSync(join(tmpdir(), 'bh-cli-portal-'));
afterAll(() => {
  removeTempDirs();
  rmSync(site, { recursive: true, force: true });
});

const KEY = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const args = (dir: string) => [
  'portal',
  'config',
  '--config-dir',
  dir,
  '--out',
  site,
  '--rpc-url',
  'https://rpc.example.net',
  '--rpc-url',
  'https://rpc2.example.net',
  '--operator-name',
  'Example Hosting',
  '--support',
  'mailto:help@example.net',
  '--chain-name',
  'Example Chain',
];

describe('blockhost portal config', () => {
  it('writes a config.json the site accepts, from the config files and the server key', async () => {
    const dir = makeConfigDir({ serverKey: KEY, extraDb: 'grace_days: 5\n' });
    const r = await cli([...args(dir), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const file = join(site, 'config.json');
    expect(r.json<{ file: string }>().file).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o644);
    const written = JSON.parse(readFileSync(file, 'utf8'));
    const c = parsePortalConfig(written)._unsafeUnwrap();
    expect(c).toMatchObject({
      chainId: 31337,
      chainName: 'Example Chain',
      rpcUrls: ['https://rpc.example.net', 'https://rpc2.example.net'],
      contracts: {
        subscriptions: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
        nft: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
      },
      graceDays: 5,
      operator: { name: 'Example Hosting', support: 'mailto:help@example.net' },
    });
    expect(c.serverPublicKey).toBe(publicKeyFromSecretKey(KEY)._unsafeUnwrap());
    // Nothing secret in it: not the private key, not the daemon's RPC URL.
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(KEY.slice(2));
    expect(text).not.toContain('127.0.0.1:9');
  });

  it('refuses missing options and bad values, writing nothing', async () => {
    const dir = makeConfigDir();
    const out = join(site, 'other.json');
    const missing = await cli(['portal', 'config', '--config-dir', dir, '--out', out]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      '--out, --rpc-url, --operator-name and --support are required',
    );
    const bad = await cli([
      ...args(dir).map((a) =>
        a === site ? out : a === 'mailto:help@example.net' ? 'javascript:x' : a,
      ),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('operator.support: expected an https:// or mailto: URL');
    expect(existsSync(out)).toBe(false);
  });
});
