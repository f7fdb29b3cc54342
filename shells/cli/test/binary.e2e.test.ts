/**
 * The real `blockhost` entry as a child process (what the Debian package's
 * wrapper runs): argv, exit codes, stdout/stderr, and a secret on a real pipe.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PveSimulator, startPveSimulator } from '@blockhost/pve-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConfigDir, removeTempDirs } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const MAIN = 'shells/cli/src/main.ts';

function blockhost(
  args: string[],
  o: { stdin?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@blockhost/source', '--import', 'tsx', MAIN, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, BLOCKHOST_CONFIG_DIR: '' },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(o.stdin ?? '');
  });
}

let sim: PveSimulator;
let dir: string;

beforeAll(async () => {
  sim = await startPveSimulator({ https: true, nodes: [{ name: 'pve1' }] });
  dir = makeConfigDir({
    pveUrl: sim.url,
    extraBlockhost: `  tls_fingerprint: "${sim.tls!.fingerprint256}"\n`,
  });
}, 60_000);

afterAll(async () => {
  await sim?.close();
  removeTempDirs();
});

describe('the blockhost binary', () => {
  it('prints the overview with --help and exits 0', async () => {
    const r = await blockhost(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: blockhost <command> \[options\]/);
    for (const c of ['doctor', 'pve setup-token', 'template build', 'job retry', 'sub set-key'])
      expect(r.stdout).toContain(c);
  });

  it('exits 2 on a missing database, with the message as JSON', async () => {
    const db = await blockhost(['vm', 'list', '--json', '--config-dir', dir]);
    expect(db.code).toBe(2);
    expect(JSON.parse(db.stdout).error.message).toMatch(/^no BlockHost database at /);
  });

  it('takes the admin token on a piped stdin and sets Proxmox up (pve setup-token)', async () => {
    const tokenFile = join(dir, 'secrets', 'pve-token');
    const before = readFileSync(tokenFile, 'utf8');
    const r = await blockhost(['pve', 'setup-token', '--json', '--config-dir', dir], {
      stdin: `${sim.rootToken.id}=${sim.rootToken.secret}\n`,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ changed: true, token: { secretWritten: true } });
    const secret = readFileSync(tokenFile, 'utf8');
    expect(secret).not.toBe(before);
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(r.stdout).not.toContain(secret.trim());
    expect(r.stdout).not.toContain(sim.rootToken.secret);
  });

  it('shows the configuration with secrets hidden (config show)', async () => {
    const r = await blockhost(['config', 'show', '--config-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# secrets (values never shown)');
    expect(r.stdout).not.toContain(readFileSync(join(dir, 'secrets', 'pve-token'), 'utf8').trim());
  });
});
