#!/usr/bin/env node
/**
 * blockhost-pve-sim: the Proxmox VE API simulator as a command.
 *
 *   blockhost-pve-sim --port 8006 [--host 127.0.0.1] [--state sim.json]
 *     [--nodes pve1,pve2] [--task-ms 200] [--boot-ms 2000] [--http]
 *     [--token-file /run/sim-token] [--snippets-dir DIR] [--template 9000] [--seed 1]
 *     [--fail-tasks 3] [--task-failure-rate 0.2] [--error-rate 0.1] [--latency-ms 5-50]
 *
 * The fault flags are the simulator's fault injection, for trying the daemon
 * or the CLI against an unreliable Proxmox by hand; the seed makes them
 * repeatable.
 *
 * Prints one JSON line with the URL, the certificate fingerprint and the
 * bootstrap token id. The token secret goes to the 0600 file named by
 * --token-file, or, without it, into that JSON line on stdout — never argv.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startPveSimulator } from '../server.js';

const USAGE = `usage: blockhost-pve-sim --port <p> [--host <addr>] [--state <file>] [--nodes pve1,pve2]
  [--task-ms <n>] [--boot-ms <n>] [--lock-timeout-ms <n>] [--http] [--token-file <path>]
  [--snippets-dir <dir>] [--template <vmid>] [--seed <n>]
faults (seeded): [--fail-tasks <n>] [--task-failure-rate <0..1>]
  [--error-rate <0..1>] [--error-statuses 500,503,595] [--latency-ms <n>|<min>-<max>]`;

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

function rate(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^(0(\.[0-9]+)?|1(\.0+)?)$/.test(v)) fail(`--${name}: expected a share 0..1, got '${v}'`);
  return Number(v);
}

const FAULT_STATUSES = [500, 503, 595];

function statuses(v: string | undefined): number[] | undefined {
  if (v === undefined) return undefined;
  const list = v.split(',').map((x) => x.trim());
  for (const x of list)
    if (!FAULT_STATUSES.includes(Number(x)))
      fail(`--error-statuses: expected some of ${FAULT_STATUSES.join(',')}, got '${x}'`);
  return list.map(Number);
}

function latency(v: string | undefined): { minMs: number; maxMs: number } | undefined {
  if (v === undefined) return undefined;
  const m = /^([0-9]+)(?:-([0-9]+))?$/.exec(v);
  const min = Number(m?.[1]);
  const max = m?.[2] === undefined ? min : Number(m[2]);
  if (!m || min > max || max > 600_000)
    fail(`--latency-ms: expected <ms> or <min>-<max> (up to 600000), got '${v}'`);
  return { minMs: min, maxMs: max };
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
        'fail-tasks': { type: 'string' },
        'task-failure-rate': { type: 'string' },
        'error-rate': { type: 'string' },
        'error-statuses': { type: 'string' },
        'latency-ms': { type: 'string' },
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
  const failTasks = int('fail-tasks', str('fail-tasks'), 0, 1_000_000);
  const taskFailureRate = rate('task-failure-rate', str('task-failure-rate'));
  const errorRate = rate('error-rate', str('error-rate'));
  const errorStatuses = statuses(str('error-statuses'));
  if (errorStatuses && errorRate === undefined) fail('--error-statuses needs --error-rate');
  const delay = latency(str('latency-ms'));
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
  if (failTasks) sim.faults.failNextTasks(failTasks);
  if (taskFailureRate) sim.faults.taskFailureRate({ rate: taskFailureRate });
  if (errorRate) sim.faults.errorRate({ rate: errorRate, statuses: errorStatuses });
  if (delay) sim.faults.latency(delay);
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
    faults: {
      failTasks: failTasks ?? 0,
      taskFailureRate: taskFailureRate ?? 0,
      errorRate: errorRate ?? 0,
      errorStatuses: errorRate ? (errorStatuses ?? FAULT_STATUSES) : [],
      latencyMs: delay ?? null,
    },
  };
  if (stopping) return;
  process.stdout.write(`${JSON.stringify(info)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`blockhost-pve-sim: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
