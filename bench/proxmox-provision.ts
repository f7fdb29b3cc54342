/**
 * Provision and destroy 100 VMs on the PVE simulator (0 ms tasks, 0 ms boot)
 * at concurrency 1 and 8: API calls per VM and the SDK's own overhead per VM.
 * The simulator runs as its own process (`blockhost-pve-sim`), so this
 * process runs only the SDK: overhead = wall time − time waiting for HTTP
 * answers − backoff/poll sleeps, and the process's CPU time per VM.
 *
 *   npm run bench -- proxmox-provision
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { vmName } from '@blockhost/core';
import {
  createPveClient,
  createSnippetStore,
  destroyVm,
  getVmidsInUse,
  nextFreeVmid,
  placeVm,
  provisionVm,
  renderUserData,
  snippetFilename,
} from '@blockhost/proxmox';
import { fmt, report, stats } from './lib/measure.js';

const DEPLOYMENT = {
  chainId: 31337,
  contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
} as const;
const OWNER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;
const VMS = 100;

interface VmSample {
  wallMs: number;
  cpuMs: number;
  httpMs: number;
  sleepMs: number;
  provisionCalls: number;
  destroyCalls: number;
  phase: 'provision' | 'destroy';
}

const als = new AsyncLocalStorage<VmSample>();

const snippetsDir = mkdtempSync(join(tmpdir(), 'bench-pve-snippets-'));
const simProc = spawn(
  process.execPath,
  [
    '--conditions=@blockhost/source',
    '--import',
    'tsx',
    new URL('../packages/pve-sim/src/bin/pve-sim.ts', import.meta.url).pathname,
    ...[
      '--port',
      '0',
      '--http',
      '--task-ms',
      '0',
      '--boot-ms',
      '0',
      '--template',
      '9000',
      '--snippets-dir',
      snippetsDir,
    ],
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const [line] = (await once(createInterface({ input: simProc.stdout! }), 'line')) as [string];
const sim = JSON.parse(line) as { url: string; tokenId: string; tokenSecret: string };
const client = createPveClient({
  url: sim.url,
  tokenId: sim.tokenId,
  tokenSecret: sim.tokenSecret,
  onRequest: (e) => {
    const s = als.getStore();
    if (!s) return;
    s.httpMs += e.ms;
    if (s.phase === 'provision') s.provisionCalls++;
    else s.destroyCalls++;
  },
  sleep: async (ms) => {
    const s = als.getStore();
    const t = performance.now();
    await sleep(ms);
    if (s) s.sleepMs += performance.now() - t;
  },
})._unsafeUnwrap();
const snippets = createSnippetStore({ dir: snippetsDir, localNode: 'pve1' })._unsafeUnwrap();

// The daemon allocates VMIDs under its own lock; a promise chain is that lock here.
let vmidLock: Promise<unknown> = Promise.resolve();
const reserved = new Set<number>();
function allocate(): Promise<number> {
  const next = vmidLock.then(async () => {
    const id = (
      await nextFreeVmid(client, { range: { start: 10_000, end: 19_999 }, reserved })
    )._unsafeUnwrap();
    reserved.add(id);
    return id;
  });
  vmidLock = next.catch(() => {});
  return next;
}

async function oneVm(sub: bigint): Promise<VmSample> {
  const s: VmSample = {
    wallMs: 0,
    cpuMs: 0,
    httpMs: 0,
    sleepMs: 0,
    provisionCalls: 0,
    destroyCalls: 0,
    phase: 'provision',
  };
  await als.run(s, async () => {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const needs = { cores: 1, memoryMiB: 1024, diskGiB: 10, storage: 'local-lvm' };
    const { node } = (await placeVm(client, { nodes: ['pve1'], needs }))._unsafeUnwrap();
    const vmid = await allocate();
    const name = vmName(DEPLOYMENT, sub)._unsafeUnwrap();
    const userData = renderUserData({
      hostname: name,
      user: { name: 'user', wallet: OWNER },
    })._unsafeUnwrap();
    const r = await provisionVm(client, {
      deployment: DEPLOYMENT,
      subscriptionId: sub,
      owner: OWNER,
      vmid,
      node,
      template: { vmid: 9000, node: 'pve1' },
      storage: 'local-lvm',
      resources: { cores: 1, memoryMiB: 1024, diskGiB: 10 },
      network: {
        bridge: 'vmbr0',
        ipv4: {
          address: `10.${(Number(sub) >> 8) & 255}.${Number(sub) & 255}.10/24`,
          gateway: '10.0.0.1',
        },
      },
      cloudInit: { userData, snippetStorage: 'local', snippets },
    });
    if (r.isErr()) throw r.error;
    s.phase = 'destroy';
    const d = await destroyVm(client, {
      vmid: r.value.vmid,
      node: r.value.node,
      expect: { deployment: DEPLOYMENT, subscriptionId: sub },
      snippet: { store: snippets, filename: snippetFilename(name) },
    });
    if (d.isErr()) throw d.error;
    reserved.delete(vmid);
    s.wallMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    s.cpuMs = (used.user + used.system) / 1000;
  });
  return s;
}

async function run(
  concurrency: number,
  count: number,
  firstSub: bigint,
): Promise<{ samples: VmSample[]; totalMs: number; cpuMs: number }> {
  const samples: VmSample[] = [];
  let next = 0;
  const t = performance.now();
  const cpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        samples.push(await oneVm(firstSub + BigInt(i)));
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { samples, totalMs: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
}

await run(2, 40, 900_000n); // warm-up: JIT in both processes, connections
const rows: Record<string, string | number>[] = [];
let sub = 1n;
for (const concurrency of [1, 8]) {
  const { samples, totalMs, cpuMs } = await run(concurrency, VMS, sub);
  sub += BigInt(VMS);
  const left = (await getVmidsInUse(client))._unsafeUnwrap();
  if (left.size !== 1)
    throw new Error(`expected only the template to remain, found ${left.size} VMs`);
  const med = (f: (s: VmSample) => number) => stats(samples.map(f)).median;
  const overhead = stats(samples.map((s) => s.wallMs - s.httpMs - s.sleepMs));
  rows.push({
    concurrency,
    vms: samples.length,
    'total wall': fmt(totalMs),
    'VMs/s': (samples.length / (totalMs / 1000)).toFixed(1),
    'API calls/VM': med((s) => s.provisionCalls + s.destroyCalls),
    'provision calls': med((s) => s.provisionCalls),
    'destroy calls': med((s) => s.destroyCalls),
    'wall/VM (median)': fmt(med((s) => s.wallMs)),
    'HTTP wait/VM': fmt(med((s) => s.httpMs)),
    'sleep/VM': fmt(med((s) => s.sleepMs)),
    'SDK overhead/VM (median)': fmt(overhead.median),
    'SDK overhead p95': fmt(overhead.p95),
    // At concurrency 1 each VM's CPU is measured alone; at 8 flows overlap, so the mean.
    'SDK CPU/VM':
      concurrency === 1 ? fmt(med((s) => s.cpuMs)) : `${fmt(cpuMs / samples.length)} (mean)`,
  });
}
report('proxmox-provision', rows);
await snippets.close();
await client.close();
simProc.kill('SIGTERM');
await once(simProc, 'exit');
rmSync(snippetsDir, { recursive: true, force: true });
