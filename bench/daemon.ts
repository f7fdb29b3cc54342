/**
 * blockhostd's own cost, on anvil + the Proxmox simulator with 0 ms tasks:
 *  1. overhead from a confirmed purchase to the clone request (median, p95),
 *     with the chain polled every 100 ms;
 *  2. time to provision a backlog of 200 subscriptions bought while it was down;
 *  3. resident memory of an idle daemon process (the esbuild bundle, as shipped).
 * Run: npm run bench -- daemon   (BLOCKHOST_BENCH_BACKLOG=n changes the backlog)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDaemon } from '@blockhost/daemon';
import { bundleDaemon, freePort, spawnDaemon, startDevStack } from '@blockhost/devstack';
import { activeJobSubscriptions, createDefaultPorts, latestVmOf, openDb } from '@blockhost/host';
import pino from 'pino';
import { fmt, report, stats } from './lib/measure.js';

const BACKLOG = Number(process.env.BLOCKHOST_BENCH_BACKLOG ?? 200);
const LATENCY_RUNS = 30;
const log = pino({ level: 'silent' });
const rows: Record<string, string | number>[] = [];
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

// 1. Event → clone request.
{
  const stack = await startDevStack({ pollIntervalMs: 100 });
  const daemon = await startDaemon({ configDir: stack.configDir, log, ports: createDefaultPorts });
  const alice = await stack.customer(3);
  const samples: number[] = [];
  for (let i = 0; i < LATENCY_RUNS; i++) {
    const before = stack.sim.requests().length;
    const { subscriptionId } = await alice.buy(stack.planId, 30);
    const mined = Date.now();
    let clone: { at: number } | undefined;
    while (!clone) {
      clone = stack.sim
        .requests()
        .slice(before)
        .find((r) => r.method === 'POST' && r.path.endsWith('/clone'));
      if (!clone) await wait(2);
    }
    samples.push(clone.at - mined);
    while (latestVmOf(daemon.db, subscriptionId.toString())?.state !== 'running') await wait(5);
  }
  await daemon.stop();
  await stack.stop();
  const s = stats(samples);
  rows.push({
    measure: 'confirmed purchase → clone request (poll 100 ms)',
    runs: s.runs,
    median: fmt(s.median),
    p95: fmt(s.p95),
    min: fmt(s.min),
  });
}

// 2. Backlog: the daemon as its own process (the shipped bundle), the simulator here.
{
  const listen = `127.0.0.1:${await freePort()}`;
  const stack = await startDevStack({
    listen,
    blockhost:
      'daemon: { max_concurrent_jobs: 16 }\nconcurrency: { max_parallel_provisions: 16, clones_per_storage: 4 }',
  });
  const buyers = await Promise.all([3, 4, 5, 6, 7, 8, 9].map((i) => stack.customer(i)));
  const subs: bigint[] = [];
  for (let i = 0; i < BACKLOG; i++)
    subs.push((await buyers[i % buyers.length]!.buy(stack.planId, 30)).subscriptionId);
  const entry = await bundleDaemon();
  const t0 = performance.now();
  const d = await spawnDaemon({
    configDir: stack.configDir,
    listen,
    logFile: join(stack.dir, 'd.log'),
    entry,
  });
  const db = openDb(stack.dbPath, { readonly: true });
  for (;;) {
    const busy = activeJobSubscriptions(db);
    const done = subs.every(
      (id) => !busy.has(id.toString()) && latestVmOf(db, id.toString())?.state === 'running',
    );
    if (done) break;
    await wait(50);
  }
  const ms = performance.now() - t0;
  db.close();
  const calls = stack.sim.requests().length;
  d.kill('SIGTERM');
  await d.exited;
  await stack.stop();
  rows.push({
    measure: `backlog of ${BACKLOG} purchases → all running with NFTs (from process start)`,
    runs: 1,
    median: fmt(ms),
    p95: '-',
    min: `${fmt(ms / BACKLOG)} per VM, ${Math.round(calls / BACKLOG)} PVE calls per VM`,
  });
}

// 3. Idle RSS of the shipped bundle.
{
  const listen = `127.0.0.1:${await freePort()}`;
  const stack = await startDevStack({ listen });
  const entry = await bundleDaemon();
  const d = await spawnDaemon({
    configDir: stack.configDir,
    listen,
    logFile: join(stack.dir, 'd.log'),
    entry,
  });
  await wait(5000);
  const rssKiB = Number(
    /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${d.child.pid}/status`, 'utf8'))?.[1],
  );
  d.kill('SIGTERM');
  await d.exited;
  await stack.stop();
  rows.push({
    measure: 'idle daemon resident memory (bundle, after 5 s)',
    runs: 1,
    median: `${(rssKiB / 1024).toFixed(1)} MiB`,
    p95: '-',
    min: '-',
  });
}

report('daemon', rows);
process.exit(0);
