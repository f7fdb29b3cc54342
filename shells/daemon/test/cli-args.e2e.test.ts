/** blockhostd as a process: usage, and refusing to start on a bad configuration. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleDaemon } from '@blockhost/devstack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let entry: string;
const dirs: string[] = [];
beforeAll(async () => {
  entry = await bundleDaemon();
}, 60_000);
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const run = (...args: string[]) =>
  spawnSync(process.execPath, [entry, ...args], { encoding: 'utf8', timeout: 30_000 });

describe('blockhostd command line', () => {
  it('prints usage with --help and exits 0', () => {
    const r = run('--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('usage: blockhostd [--config-dir DIR]');
  });

  it('rejects an unknown option with exit 2', () => {
    const r = run('--frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Unknown option '--frobnicate'/);
  });

  it('refuses to start with every problem of a bad configuration listed, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bh-badconf-'));
    dirs.push(dir);
    writeFileSync(
      join(dir, 'db.yaml'),
      'grace_days: 0\nipv4_pool: { cidr: 10.0.0.0/24, gateway: 10.9.9.9 }\n',
    );
    writeFileSync(
      join(dir, 'web3-defaults.yaml'),
      'chain_id: 31337\nrpc_url: http://127.0.0.1:1\n',
    );
    const key = join(dir, 'server.key');
    writeFileSync(key, '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d\n');
    chmodSync(key, 0o644);
    writeFileSync(
      join(dir, 'blockhost.yaml'),
      `server_key_file: ${key}\nproxmox: { api_url: "https://127.0.0.1:8006", token_id: "root", token_file: ${join(dir, 'nope')}, nodes: [pve], template_vmid: 9000, storage: local-lvm }\n`,
    );
    const r = run('--config-dir', dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('refusing to start');
    expect(r.stderr).toMatch(/db\.yaml:1: grace_days: /);
    expect(r.stderr).toMatch(/db\.yaml:2: ipv4_pool\.gateway: not inside 10\.0\.0\.0\/24/);
    expect(r.stderr).toMatch(/web3-defaults\.yaml: contracts: required key is missing/);
    expect(r.stderr).toMatch(/blockhost\.yaml:2: proxmox\.token_id: expected a Proxmox token id/);
    // Nothing started: no database was created.
    expect(r.stdout).not.toContain('blockhostd started');
  });

  it('names a missing configuration directory', () => {
    const r = run('--config-dir', '/nonexistent/blockhost');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\/nonexistent\/blockhost\/db\.yaml: file not found/);
  });
});
