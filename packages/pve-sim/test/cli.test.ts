import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { cloneVm, createPveClient, findVm, getClusterResources } from '@blockhost/proxmox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = new URL('../src/bin/pve-sim.ts', import.meta.url).pathname;
const ROOT = new URL('../../../', import.meta.url).pathname;
const NODE_ARGS = ['--conditions=@blockhost/source', '--import', 'tsx', BIN];

interface Info {
  url: string;
  protocol: string;
  fingerprint: string | null;
  tokenId: string;
  tokenFile?: string;
  tokenSecret?: string;
  nodes: string[];
}

async function start(args: string[]): Promise<{ proc: ChildProcess; info: Info }> {
  const proc = spawn(process.execPath, [...NODE_ARGS, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = createInterface({ input: proc.stdout! });
  const [line] = (await Promise.race([
    once(lines, 'line'),
    once(proc, 'exit').then(([code]) => {
      throw new Error(`blockhost-pve-sim exited with ${code}`);
    }),
  ])) as [string];
  return { proc, info: JSON.parse(line) as Info };
}

async function stop(proc: ChildProcess): Promise<number | null> {
  if (proc.exitCode !== null) return proc.exitCode;
  proc.kill('SIGTERM');
  const [code, signal] = await once(proc, 'exit');
  if (signal) throw new Error(`blockhost-pve-sim died of ${signal}`);
  return code as number | null;
}

describe('blockhost-pve-sim (the command)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pve-sim-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves HTTPS, writes the token secret to a 0600 file (never argv), keeps state across restarts', async () => {
    const tokenFile = join(dir, 'token');
    const state = join(dir, 'state.json');
    const args = [
      '--port',
      '0',
      '--nodes',
      'pve1,pve2',
      '--task-ms',
      '0',
      '--template',
      '9000',
      '--token-file',
      tokenFile,
      '--state',
      state,
    ];
    const a = await start(args);
    try {
      expect(a.info).toMatchObject({
        protocol: 'https',
        tokenId: 'root@pam!bootstrap',
        tokenFile,
        nodes: ['pve1', 'pve2'],
      });
      expect(a.info.tokenSecret).toBeUndefined();
      expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
      const secret = readFileSync(tokenFile, 'utf8').trim();
      expect(readFileSync(`/proc/${a.proc.pid}/cmdline`, 'utf8')).not.toContain(secret);
      const made = createPveClient({
        url: a.info.url,
        tokenId: a.info.tokenId,
        tokenSecret: secret,
        fingerprint: a.info.fingerprint!,
      });
      if (made.isErr()) throw made.error;
      const client = made.value;
      const res = await getClusterResources(client, { type: 'node' });
      if (res.isErr()) throw res.error;
      const nodes = res.value.map((r) => r.node);
      expect(nodes).toEqual(['pve1', 'pve2']);
      const fv = await findVm(client, 9000);
      if (fv.isErr()) throw fv.error;
      expect(fv.value).toMatchObject({ vmid: 9000, node: 'pve1', template: true });
      await client.close();
    } finally {
      expect(await stop(a.proc)).toBe(0);
    }
    expect(statSync(state).mode & 0o777).toBe(0o600);
    const b = await start(
      args.filter((x, i) => !(x === '--template' || args[i - 1] === '--template')),
    );
    try {
      const secret = readFileSync(tokenFile, 'utf8').trim();
      const client = createPveClient({
        url: b.info.url,
        tokenId: b.info.tokenId,
        tokenSecret: secret,
        fingerprint: b.info.fingerprint!,
      })._unsafeUnwrap({ withStackTrace: true });
      expect((await findVm(client, 9000))._unsafeUnwrap({ withStackTrace: true })?.template).toBe(
        true,
      );
      await client.close();
    } finally {
      expect(await stop(b.proc)).toBe(0);
    }
  }, 30_000);

  it('prints the secret on stdout when there is no token file, and plain HTTP on --http', async () => {
    const a = await start(['--port', '0', '--http']);
    try {
      expect(a.info.protocol).toBe('http');
      expect(a.info.fingerprint).toBeNull();
      expect(a.info.tokenSecret).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      expect(await stop(a.proc)).toBe(0);
    }
  }, 30_000);

  it('injects the seeded faults named on the command line', async () => {
    const failing = await start([
      '--port',
      '0',
      '--http',
      '--task-ms',
      '0',
      '--template',
      '9000',
      '--fail-tasks',
      '1',
    ]);
    try {
      expect(failing.info).toMatchObject({ faults: { failTasks: 1, errorRate: 0 } });
      const client = createPveClient({
        url: failing.info.url,
        tokenId: failing.info.tokenId,
        tokenSecret: failing.info.tokenSecret!,
      })._unsafeUnwrap({ withStackTrace: true });
      const clone = { node: 'pve1', templateVmid: 9000, newid: 200, name: 'vm-a' };
      const first = await cloneVm(client, clone);
      expect(first.isErr() && first.error.message).toMatch(/simulated task failure/);
      const second = await cloneVm(client, { ...clone, newid: 201, name: 'vm-b' });
      expect(second._unsafeUnwrap({ withStackTrace: true })).toMatchObject({ vmid: 201 });
      await client.close();
    } finally {
      expect(await stop(failing.proc)).toBe(0);
    }

    const erring = await start([
      '--port',
      '0',
      '--http',
      '--error-rate',
      '1',
      '--error-statuses',
      '503',
      '--latency-ms',
      '1-3',
    ]);
    try {
      expect(erring.info).toMatchObject({
        faults: { errorRate: 1, errorStatuses: [503], latencyMs: { minMs: 1, maxMs: 3 } },
      });
      const res = await fetch(`${erring.info.url}/api2/json/version`, {
        headers: {
          authorization: `PVEAPIToken=${erring.info.tokenId}=${erring.info.tokenSecret}`,
        },
      });
      expect(res.status).toBe(503);
    } finally {
      expect(await stop(erring.proc)).toBe(0);
    }
  }, 30_000);

  it('rejects bad arguments with exit code 2 and usage', () => {
    const r = spawnSync(process.execPath, [...NODE_ARGS, '--port', 'abc'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--port: expected an integer/);
    expect(r.stderr).toMatch(/usage: blockhost-pve-sim/);
    const n = spawnSync(process.execPath, [...NODE_ARGS, '--port', '0', '--nodes', 'pve_1'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(n.status).toBe(2);
    expect(n.stderr).toMatch(/'pve_1' is not a node name/);
    for (const [args, message] of [
      [['--error-rate', '1.5'], /--error-rate: expected a share 0..1, got '1.5'/],
      [['--error-rate', '0.1', '--error-statuses', '404'], /--error-statuses: expected some of/],
      [['--error-statuses', '503'], /--error-statuses needs --error-rate/],
      [['--latency-ms', '50-10'], /--latency-ms: expected <ms> or <min>-<max>/],
      [['--fail-tasks', '-1'], /--fail-tasks/],
    ] as const) {
      const r = spawnSync(process.execPath, [...NODE_ARGS, '--port', '0', ...args], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  }, 30_000);
});
