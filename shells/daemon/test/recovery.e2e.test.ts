/**
 * Recovery, end to end on anvil + the Proxmox simulator with the real daemon
 * engine: a lost journal, a replaced host, an old journal restored from a
 * backup — the service goes on with the same VMs, VMIDs, addresses and NFTs,
 * and the lifecycle (suspend, destroy after grace) continues on them.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tokenOfSubscription } from '@blockhost/chain';
import {
  type Customer,
  type Daemon,
  type DevStack,
  settledRunning,
  startDevStack,
  startStackDaemon,
  vmState,
  waitFor,
} from '@blockhost/devstack';
import { cloneVm, configureVm, createPveClient, setOnboot, stopVm } from '@blockhost/proxmox';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';

const DAY = 86_400;
let stack: DevStack | undefined;
let daemon: Daemon | undefined;

afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
  await stack?.stop();
  stack = undefined;
});

async function start(o: { db?: string } = {}) {
  stack = await startDevStack({
    db: ['grace_days: 3', o.db ?? ''].join('\n'),
    blockhost: 'daemon: { reconcile_interval_ms: 200, retry_base_ms: 50, sweep_interval_ms: 1000 }',
  });
  daemon = await startStackDaemon(stack);
  return stack;
}

/** The truth about a subscription's VM, from the simulator (not the journal). */
function clusterVm(s: DevStack, sub: bigint) {
  const vms = s.sim.vms().filter((v) => v.tags.includes(`sub-${sub}`));
  if (vms.length > 1) throw new Error(`subscription ${sub} has ${vms.length} VMs`);
  const vm = vms[0];
  if (!vm) return null;
  const ip = /ip=([0-9.]+)\//.exec(String(vm.config.ipconfig0 ?? ''))?.[1] ?? null;
  return { vmid: vm.vmid, ip, status: vm.status, onboot: vm.config.onboot };
}

/** The simulator's root@pam API, as an operator (or a crash mid-operation) acts on it. */
function rootClient(s: DevStack) {
  return createPveClient({
    url: s.sim.url,
    tokenId: s.sim.rootToken.id,
    tokenSecret: s.sim.rootToken.secret,
    fingerprint: s.sim.tls?.fingerprint256,
  })._unsafeUnwrap();
}

async function buyRunning(s: DevStack, customer: Customer, days: number) {
  const { subscriptionId } = await customer.buy(s.planId, days);
  await waitFor('the VM to run', () => settledRunning(daemon!.db, subscriptionId));
  return subscriptionId;
}

/** Log lines of the daemon, as JSON objects. */
function captureLog() {
  const lines: Record<string, unknown>[] = [];
  const log = pino(
    { level: 'info' },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { log, lines };
}

/** Stops the daemon, deletes its journal, starts it again on the same (or another) database. */
async function loseJournal(
  s: DevStack,
  o: { newPath?: string; log?: ReturnType<typeof captureLog>['log'] } = {},
) {
  await daemon!.stop();
  daemon = undefined;
  for (const f of [s.dbPath, `${s.dbPath}-wal`, `${s.dbPath}-shm`]) rmSync(f, { force: true });
  if (o.newPath) {
    mkdirSync(join(o.newPath, '..'), { recursive: true });
    s.writeConfig({ databasePath: o.newPath });
  }
  daemon = await startStackDaemon(s, o.log);
}

const cloneCount = (s: DevStack) => s.sim.tasks({ type: 'qmclone' }).length;
const destroyCount = (s: DevStack) => s.sim.tasks({ type: 'qmdestroy' }).length;

async function tokenCount(s: DevStack, subs: bigint[]) {
  const ids = [];
  for (const id of subs) {
    const t = await tokenOfSubscription(s.anvil.publicClient, {
      address: s.contracts.nft,
      subscriptionId: id,
    });
    ids.push(t._unsafeUnwrap());
  }
  return ids;
}

describe('recovery: a lost journal never re-addresses, orphans or duplicates a VM', () => {
  it('lost journal with 5 running VMs: same VMIDs, same addresses, same NFTs, details that name each VM', async () => {
    const s = await start();
    const customers = await Promise.all([3, 4, 5, 6, 7].map((i) => s.customer(i)));
    const subs: bigint[] = [];
    for (const c of customers) subs.push(await buyRunning(s, c, 30));
    const before = subs.map((id) => clusterVm(s, id)!);
    const tokens = await tokenCount(s, subs);
    const clones = cloneCount(s);

    const captured = captureLog();
    await loseJournal(s, { log: captured.log });
    await waitFor('recovery', async () => (await fetch(`${daemon!.url}/readyz`)).ok, 30_000);
    // The operator is told, at warning level, what was adopted.
    const warning = captured.lines.find(
      (l) => l.level === 40 && /adopted 5 VMs/.test(String(l.msg)),
    );
    expect(warning?.msg).toMatch(/the journal has no VM records but the cluster holds/);
    // A few lifecycle passes: nothing may happen to any VM.
    await new Promise((r) => setTimeout(r, 1500));

    expect(subs.map((id) => clusterVm(s, id))).toEqual(before);
    expect(cloneCount(s)).toBe(clones);
    expect(await tokenCount(s, subs)).toEqual(tokens);
    for (const [i, id] of subs.entries()) {
      const row = vmState(daemon!.db, id)!;
      expect(row).toMatchObject({ state: 'running', vmid: before[i]!.vmid, ipv4: before[i]!.ip });
      // The NFT's decrypted details name the VM that holds that address.
      const details = await customers[i]!.connectionDetails(tokens[i]!);
      expect(details.hostname).toBe(before[i]!.ip);
    }
    // No address or VMID is held twice, and every one the journal holds is the cluster's.
    const held = daemon!.db
      .prepare('SELECT kind, value FROM allocations ORDER BY kind, value')
      .all() as { kind: string; value: string }[];
    expect(held.filter((a) => a.kind === 'ipv4').map((a) => a.value)).toEqual(
      before.map((b) => b.ip!).sort(),
    );
    // The operator sees it: the metric, and the journal marks the adopted records.
    const metrics = await (await fetch(`${daemon!.url}/metrics`)).text();
    expect(metrics).toMatch(/^blockhost_recovery_actions_total\{action="adopt"\} 5$/m);
    expect(
      daemon!.db.prepare('SELECT COUNT(*) AS n FROM vms WHERE adopted_at IS NOT NULL').get(),
    ).toEqual({ n: 5 });
  }, 180_000);

  it('lost journal while one subscription expires and another passes its grace: suspended, destroyed, addresses freed only then', async () => {
    const s = await start();
    const [a, b] = [await s.customer(3), await s.customer(4)];
    const subA = await buyRunning(s, a, 10);
    const subB = await buyRunning(s, b, 2);
    const vmA = clusterVm(s, subA)!;
    const vmB = clusterVm(s, subB)!;
    // B expires and is suspended while the journal is still there.
    await s.anvil.increaseTime(2 * DAY + 60);
    await s.anvil.mine(1);
    await waitFor('B suspended', () => vmState(daemon!.db, subB)?.state === 'suspended');

    // The journal is lost; meanwhile A expires and B's grace passes.
    await daemon!.stop();
    daemon = undefined;
    for (const f of [s.dbPath, `${s.dbPath}-wal`, `${s.dbPath}-shm`]) rmSync(f, { force: true });
    await s.anvil.increaseTime(8 * DAY);
    await s.anvil.mine(1);
    daemon = await startStackDaemon(s);

    // Until each VM is gone, its address stays held: sample while the lifecycle plays out.
    const freedEarly: string[] = [];
    await waitFor(
      'A suspended and B destroyed',
      () => {
        const held = new Set(
          (
            daemon!.db.prepare("SELECT value FROM allocations WHERE kind = 'ipv4'").all() as {
              value: string;
            }[]
          ).map((r) => r.value),
        );
        for (const [vm, sub] of [
          [vmA, subA],
          [vmB, subB],
        ] as const) {
          const alive = clusterVm(s, sub) !== null;
          const recovered = vmState(daemon!.db, sub) !== null;
          if (alive && recovered && !held.has(vm.ip!)) freedEarly.push(`${sub}`);
        }
        return (
          vmState(daemon!.db, subA)?.state === 'suspended' &&
          vmState(daemon!.db, subB)?.state === 'destroyed'
        );
      },
      60_000,
    );
    expect(freedEarly).toEqual([]);
    expect(clusterVm(s, subA)).toMatchObject({ vmid: vmA.vmid, ip: vmA.ip, status: 'stopped' });
    expect(clusterVm(s, subB)).toBeNull();
    const held = (
      daemon!.db.prepare("SELECT value FROM allocations WHERE kind = 'ipv4'").all() as {
        value: string;
      }[]
    ).map((r) => r.value);
    expect(held).toEqual([vmA.ip]);
  }, 180_000);

  it('lost journal with a VM suspended before the loss: destroyed after grace, not before', async () => {
    const s = await start();
    const c = await s.customer(3);
    const sub = await buyRunning(s, c, 2);
    const vm = clusterVm(s, sub)!;
    await s.anvil.increaseTime(2 * DAY + 60);
    await s.anvil.mine(1);
    await waitFor('suspended', () => vmState(daemon!.db, sub)?.state === 'suspended');

    await loseJournal(s);
    await waitFor('adopted', () => vmState(daemon!.db, sub)?.state === 'suspended');
    // One day into a three-day grace: still there.
    await s.anvil.increaseTime(DAY);
    await s.anvil.mine(1);
    await new Promise((r) => setTimeout(r, 1500));
    expect(clusterVm(s, sub)).toMatchObject({ vmid: vm.vmid, status: 'stopped' });
    // Past the grace counted from the expiry: destroyed.
    await s.anvil.increaseTime(2 * DAY + 60);
    await s.anvil.mine(1);
    await waitFor('destroyed', () => vmState(daemon!.db, sub)?.state === 'destroyed');
    expect(clusterVm(s, sub)).toBeNull();
  }, 180_000);

  it('lost journal after a suspend was cut short (onboot cleared, still running, unpaid): the suspend is driven again', async () => {
    const s = await start();
    const sub = await buyRunning(s, await s.customer(3), 2);
    const vm = clusterVm(s, sub)!;
    // A suspend is onboot=0 and then the shutdown; a daemon killed between the two leaves this.
    const root = rootClient(s);
    await daemon!.stop();
    daemon = undefined;
    (await setOnboot(root, { node: 'pve1', vmid: vm.vmid, onboot: false }))._unsafeUnwrap();
    expect(clusterVm(s, sub)).toMatchObject({ status: 'running', onboot: '0' });
    // …and the journal is lost while the subscription is unpaid.
    for (const f of [s.dbPath, `${s.dbPath}-wal`, `${s.dbPath}-shm`]) rmSync(f, { force: true });
    await s.anvil.increaseTime(2 * DAY + 60);
    await s.anvil.mine(1);
    daemon = await startStackDaemon(s);
    // Running is what it is: the VM is stopped, not merely recorded as suspended.
    await waitFor(
      'the VM stopped and recorded suspended',
      () =>
        clusterVm(s, sub)?.status === 'stopped' && vmState(daemon!.db, sub)?.state === 'suspended',
      30_000,
    );
    expect(vmState(daemon!.db, sub)).toMatchObject({ state: 'suspended', vmid: vm.vmid });
    expect(clusterVm(s, sub)).toMatchObject({ vmid: vm.vmid, ip: vm.ip, onboot: '0' });
  }, 180_000);

  it('lost journal while a VM was being made (configured, onboot set, never started): adopted and started', async () => {
    const s = await start();
    const sub = await buyRunning(s, await s.customer(3), 30);
    const vm = clusterVm(s, sub)!;
    const root = rootClient(s);
    await daemon!.stop();
    daemon = undefined;
    // What a provision leaves between its configure and start steps: stopped, onboot=1.
    (await stopVm(root, { node: 'pve1', vmid: vm.vmid }))._unsafeUnwrap();
    expect(clusterVm(s, sub)).toMatchObject({ status: 'stopped', onboot: '1' });
    for (const f of [s.dbPath, `${s.dbPath}-wal`, `${s.dbPath}-shm`]) rmSync(f, { force: true });
    daemon = await startStackDaemon(s);
    await waitFor(
      'the VM started and recorded running',
      () =>
        clusterVm(s, sub)?.status === 'running' && vmState(daemon!.db, sub)?.state === 'running',
      30_000,
    );
    expect(clusterVm(s, sub)).toMatchObject({ vmid: vm.vmid, ip: vm.ip, onboot: '1' });
  }, 180_000);

  it('a replaced host (same config and key, empty data directory elsewhere) goes on with the same VMs', async () => {
    const s = await start();
    // A's VM comes and goes (its address is free again); B keeps the second address.
    const subA = await buyRunning(s, await s.customer(3), 2);
    const subB = await buyRunning(s, await s.customer(4), 30);
    await s.anvil.increaseTime(2 * DAY + 60);
    await s.anvil.mine(1);
    await waitFor('A suspended', () => vmState(daemon!.db, subA)?.state === 'suspended');
    await s.anvil.increaseTime(3 * DAY + 60);
    await s.anvil.mine(1);
    await waitFor('A destroyed', () => vmState(daemon!.db, subA)?.state === 'destroyed');
    const b = clusterVm(s, subB)!;
    const clones = cloneCount(s);

    const newPath = join(s.dir, 'new-host', 'var', 'lib', 'blockhost', 'blockhost.db');
    await loseJournal(s, { newPath });
    expect(existsSync(newPath)).toBe(true);
    await waitFor('recovery', async () => (await fetch(`${daemon!.url}/readyz`)).ok, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(clusterVm(s, subB)).toEqual(b);
    expect(cloneCount(s)).toBe(clones);
    expect(vmState(daemon!.db, subB)).toMatchObject({ state: 'running', ipv4: b.ip, vmid: b.vmid });
    // And it serves a new customer without touching anyone's address.
    const subC = await buyRunning(s, await s.customer(5), 30);
    expect(clusterVm(s, subC)!.ip).not.toBe(b.ip);
  }, 180_000);

  it('an old journal restored from a backup converges to the truth without acting twice', async () => {
    const s = await start();
    const [a, b, c, d] = [
      await s.customer(3),
      await s.customer(4),
      await s.customer(5),
      await s.customer(6),
    ];
    const subA = await buyRunning(s, a, 2);
    const backup = join(s.dir, 'backup.db');
    await daemon!.db.backup(backup);
    // Restored later, its lease is one a long-gone daemon held: stale (no heartbeat for long).
    const { default: Database } = await import('better-sqlite3');
    const copy = new Database(backup);
    copy.prepare('UPDATE runner_lease SET heartbeat_at = 0').run();
    copy.close();
    // After the backup: B comes and goes (its address is free again), C stays; A is suspended.
    const subB = await buyRunning(s, b, 1);
    const subC = await buyRunning(s, c, 30);
    await s.anvil.increaseTime(2 * DAY + 60);
    await s.anvil.mine(1);
    await waitFor('A suspended', () => vmState(daemon!.db, subA)?.state === 'suspended');
    await s.anvil.increaseTime(3 * DAY + 60);
    await s.anvil.mine(1);
    await waitFor('A and B destroyed', () =>
      [subA, subB].every((x) => vmState(daemon!.db, x)?.state === 'destroyed'),
    );
    const truthC = clusterVm(s, subC)!;
    const clones = cloneCount(s);
    const destroys = destroyCount(s);
    const tokens = await tokenCount(s, [subA, subB, subC]);

    // Restore the old journal: it knows only A, running at its old address.
    await daemon!.stop();
    daemon = undefined;
    for (const f of [s.dbPath, `${s.dbPath}-wal`, `${s.dbPath}-shm`]) rmSync(f, { force: true });
    const { copyFileSync } = await import('node:fs');
    copyFileSync(backup, s.dbPath);
    daemon = await startStackDaemon(s);
    await waitFor('recovery', async () => (await fetch(`${daemon!.url}/readyz`)).ok, 30_000);
    await waitFor('A known as gone', () => vmState(daemon!.db, subA)?.state === 'destroyed');
    await waitFor('C known as running', () => vmState(daemon!.db, subC)?.state === 'running');
    await new Promise((r) => setTimeout(r, 1500));

    expect(clusterVm(s, subC)).toEqual(truthC);
    expect(vmState(daemon!.db, subC)).toMatchObject({ vmid: truthC.vmid, ipv4: truthC.ip });
    expect(clusterVm(s, subA)).toBeNull();
    expect(cloneCount(s)).toBe(clones);
    expect(destroyCount(s)).toBe(destroys);
    expect(await tokenCount(s, [subA, subB, subC])).toEqual(tokens);
    // Life goes on: a new purchase gets a fresh address.
    const subD = await buyRunning(s, d, 30);
    expect(clusterVm(s, subD)!.ip).not.toBe(truthC.ip);
  }, 180_000);

  it("never hands out an address another VM in the cluster is configured with (the operator's own)", async () => {
    const s = await start();
    // The operator's own VM on the bridge, with the first address of BlockHost's pool.
    const root = rootClient(s);
    // Cloned and configured by hand: no BlockHost tags, only an address in ipconfig0.
    const cloned = await cloneVm(root, {
      node: 'pve1',
      templateVmid: s.templateVmid,
      newid: 900,
      name: 'operators-own-vm',
      full: true,
      storage: 'local-lvm',
    });
    expect(cloned.isOk()).toBe(true);
    const own = await configureVm(root, {
      node: 'pve1',
      vmid: 900,
      cores: 1,
      memoryMiB: 512,
      network: { bridge: 'vmbr0', ipv4: { address: '10.77.0.10/24', gateway: '10.77.0.1' } },
      tags: [],
      description: "the operator's own VM",
    });
    expect(own.isOk()).toBe(true);
    const sub = await buyRunning(s, await s.customer(3), 30);
    expect(clusterVm(s, sub)!.ip).not.toBe('10.77.0.10');
    await root.close();
  }, 120_000);
});
