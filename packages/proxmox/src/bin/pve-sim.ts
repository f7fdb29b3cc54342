#!/usr/bin/env node
/**
 * blockhost-pve-sim: the Proxmox VE API simulator as a command.
 *
 *   blockhost-pve-sim --port 8006 [--host 127.0.0.1] [--state sim.json]
 *     [--nodes pve1,pve2] [--task-ms 200] [--boot-ms 2000] [--http]
 *     [--token-file /run/sim-token] [--snippets-dir DIR] [--template 9000] [--seed 1]
 *
 * Prints one JSON line with the URL, the certificate fingerprint and the
 * bootstrap token id. The token secret goes to the 0600 file named by
 * --token-file, or, without it, into that JSON line on stdout — never argv.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startPveSimulator } from '../simulator/server.js';

const USAGE = `usage: blockhost-pve-sim --port <p> [--host <addr>] [--state <file>] [--nodes pve1,pve2]
  [--task-ms <n>] [--boot-ms <n>] [--lock-timeout-ms <n>] [--http] [--token-file <path>]
  [--snippets-dir <dir>] [--template <vmid>] [--seed <n>]`;

function fail(message: string): never {
  process.stderr.write(`blockhost-pve-sim: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function int(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (!/^[0-9]+$/.test(v) || Number(v) < min || Number(v) > max)
    fail(`--${name}: expected an integer ${min}..${max}, got '${v}'`);
  return Number(v);
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        state: { type: 'string' },
        nodes: { type: 'string' },
        'task-ms': { type: 'string' },
        'boot-ms': { type: 'string' },
        'lock-timeout-ms': { type: 'string' },
        http: { type: 'boolean' },
        'token-file': { type: 'string' },
        'snippets-dir': { type: 'string' },
        template: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const str = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const port = int('port', str('port'), 0, 65535);
  if (port === undefined) fail('--port is required');
  const nodes = str('nodes')
    ?.split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  for (const n of nodes ?? [])
    if (!/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/.test(n))
      fail(`--nodes: '${n}' is not a node name`);
  const template = int('template', str('template'), 100, 999_999_999);
  // Handlers first: a SIGTERM right after the URL is printed must still close cleanly.
  let sim: Awaited<ReturnType<typeof startPveSimulator>> | undefined;
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await sim?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  sim = await startPveSimulator({
    port,
    host: str('host') ?? '127.0.0.1',
    https: !values.http,
    statePath: str('state'),
    nodes,
    taskMs: int('task-ms', str('task-ms'), 0, 3_600_000),
    bootMs: int('boot-ms', str('boot-ms'), 0, 3_600_000),
    lockTimeoutMs: int('lock-timeout-ms', str('lock-timeout-ms'), 1, 3_600_000),
    snippetsDir: str('snippets-dir'),
    seed: int('seed', str('seed'), 0, 2 ** 31),
    ...(template !== undefined ? { template: { vmid: template } } : {}),
  });
  const tokenFile = str('token-file');
  if (tokenFile) {
    const tmp = `${tokenFile}.${process.pid}.tmp`;
    writeFileSync(tmp, `${sim.rootToken.secret}\n`, { mode: 0o600 });
    renameSync(tmp, tokenFile);
  }
  const info = {
    url: sim.url,
    protocol: sim.protocol,
    fingerprint: sim.tls?.fingerprint256 ?? null,
    tokenId: sim.rootToken.id,
    ...(tokenFile ? { tokenFile } : { tokenSecret: sim.rootToken.secret }),
    nodes: sim.nodes,
    snippetsDirs: Object.fromEntries(sim.nodes.map((n) => [n, sim.snippetsDir(n)])),
  };
  if (stopping) return;
  process.stdout.write(`${JSON.stringify(info)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`blockhost-pve-sim: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
