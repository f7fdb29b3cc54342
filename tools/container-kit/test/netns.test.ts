/**
 * (root) Network namespaces joined by a veth pair, a wireguard-go interface in each, and a real
 * WireGuard handshake and ping across; afterwards no namespace, interface, socket or process is
 * left. Also: a program whose test process dies outright is ended by its watchdog.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createNetns,
  linkNetns,
  type Netns,
  run,
  startSupervised,
  startWireguardGo,
  type WireguardGo,
} from '../src/index.js';

const root = process.getuid?.() === 0;
const started: { stop(): Promise<void> }[] = [];
const namespaces: Netns[] = [];
const keys = mkdtempSync(join(tmpdir(), 'bhk-keys-'));
afterAll(async () => {
  rmSync(keys, { recursive: true, force: true });
  for (const s of started.reverse()) await s.stop().catch(() => {});
  for (const n of namespaces) await n.remove().catch(() => {});
});

const wg = async (args: string[], input?: string) => {
  const r = await run('wg', args, { input, timeoutMs: 10_000 });
  if (r.status !== 0) throw new Error(`wg ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
};

beforeAll(() => {
  if (!root)
    throw new Error('these tests make network namespaces and run wireguard-go: run them as root');
});

describe('network namespaces and wireguard-go (root)', () => {
  it('carries a ping through a real WireGuard tunnel, then leaves nothing behind', async () => {
    const a = (await createNetns())._unsafeUnwrap();
    const b = (await createNetns())._unsafeUnwrap();
    namespaces.push(a, b);
    (await linkNetns(a, 'ul0', b, 'ul0'))._unsafeUnwrap();
    await a.ip(['addr', 'add', '192.0.2.1/30', 'dev', 'ul0']);
    await b.ip(['addr', 'add', '192.0.2.2/30', 'dev', 'ul0']);
    const wa: WireguardGo = (await startWireguardGo(a))._unsafeUnwrap();
    started.push(wa);
    const wb: WireguardGo = (await startWireguardGo(b))._unsafeUnwrap();
    started.push(wb);
    expect(wa.name).toMatch(new RegExp(`^bk${process.pid}w\\d+$`));

    // Private keys in 0600 files, never in argv.
    const ka = join(keys, 'a.key');
    const kb = join(keys, 'b.key');
    writeFileSync(ka, `${await wg(['genkey'])}\n`, { mode: 0o600 });
    writeFileSync(kb, `${await wg(['genkey'])}\n`, { mode: 0o600 });
    const pa = await wg(['pubkey'], readFileSync(ka, 'utf8'));
    const pb = await wg(['pubkey'], readFileSync(kb, 'utf8'));
    await wg(['set', wa.name, 'listen-port', '51820', 'private-key', ka]);
    await wg(['set', wa.name, 'peer', pb, 'allowed-ips', 'fd00:b::2/128']);
    await wg(['set', wb.name, 'private-key', kb, 'peer', pa, 'allowed-ips', '::/0']);
    await wg([
      'set',
      wb.name,
      'peer',
      pa,
      'endpoint',
      '192.0.2.1:51820',
      'persistent-keepalive',
      '25',
    ]);
    await a.ip(['addr', 'add', 'fd00:b::1/64', 'dev', wa.name]);
    await b.ip(['addr', 'add', 'fd00:b::2/64', 'dev', wb.name]);
    await a.ip(['link', 'set', wa.name, 'up']);
    await b.ip(['link', 'set', wb.name, 'up']);

    const ping = await a.run('ping', ['-6', '-c', '2', '-W', '2', 'fd00:b::2']);
    expect(ping.stdout).toMatch(/2 received/);
    const hs = await wg(['show', wb.name, 'latest-handshakes']);
    expect(Number(hs.split(/\s+/)[1])).toBeGreaterThan(0);

    const pids = [wa.pid, wb.pid];
    await wa.stop();
    await wb.stop();
    await a.remove();
    await b.remove();
    for (const pid of pids) expect(existsSync(`/proc/${pid}`)).toBe(false);
    expect(existsSync(`/var/run/wireguard/${wa.name}.sock`)).toBe(false);
    expect(existsSync(`/run/netns/${a.name}`)).toBe(false);
    expect(readdirSync('/sys/class/net').filter((n) => n.startsWith(`bk${process.pid}`))).toEqual(
      [],
    );
  });

  it('a supervised program is ended when its test process dies outright', async () => {
    // A separate node process starts `sleep` under the watchdog, prints its PID, then is killed.
    const child = spawn(
      process.execPath,
      ['--conditions=@blockhost/source', '--import', 'tsx', '-e', CHILD],
      { stdio: ['ignore', 'pipe', 'inherit'], cwd: new URL('..', import.meta.url).pathname },
    );
    const pid = await new Promise<number>((resolve) =>
      child.stdout.setEncoding('utf8').once('data', (d: string) => resolve(Number(d.trim()))),
    );
    expect(existsSync(`/proc/${pid}`)).toBe(true);
    child.kill('SIGKILL');
    const end = Date.now() + 10_000;
    while (existsSync(`/proc/${pid}`) && Date.now() < end)
      await new Promise((r) => setTimeout(r, 50));
    expect(existsSync(`/proc/${pid}`)).toBe(false);
  });

  it('stop() ends the program by its PID', async () => {
    const p = await startSupervised(['sleep', '600']);
    expect(spawnSync('cat', [`/proc/${p.pid}/comm`], { encoding: 'utf8' }).stdout.trim()).toBe(
      'sleep',
    );
    await p.stop();
    expect(existsSync(`/proc/${p.pid}`)).toBe(false);
  });
});

const CHILD = `
import { startSupervised } from './src/process/supervised.ts';
const p = await startSupervised(['sleep', '600']);
process.stdout.write(p.pid + '\\n');
setInterval(() => {}, 1000);
`;
