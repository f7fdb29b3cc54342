/**
 * A zero-touch season: anvil + the Proxmox simulator + blockhostd as its own process (the shipped
 * bundle), a seeded population of customers living through `days` of chain time, faults all
 * along, and nobody touching it. After every step the season waits for the daemon to catch up and
 * checks the invariants against the chain and the simulator; what does not hold within the
 * catch-up bound is a violation.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  createPlan,
  type ExtendSubscriptionParameters,
  extendSubscription,
  LIMITS,
  NATIVE_TOKEN,
  updatePlan,
} from '@blockhost/chain';
import { type RpcProxy, setTestPrice, startRpcProxy } from '@blockhost/chain/testkit';
import { deploymentTag, seededRandom } from '@blockhost/core';
import { createPveClient } from '@blockhost/proxmox';
import type { Address } from 'viem';
import { bundleDaemon } from '../bundle.js';
import type { Customer } from '../customer.js';
import { type DaemonProcess, freePort, spawnDaemon } from '../daemon-process.js';
import { type DevStack, startDevStack } from '../stack.js';
import { checkInvariants, type Problem } from './invariants.js';
import { type CustomerPlan, population } from './population.js';
import { type ChainTruth, emptyTruth, foldChain } from './truth.js';

export interface SeasonOptions {
  customers: number;
  days: number;
  /** Chain hours per step (default 6). */
  stepHours?: number;
  seed?: number;
  /** Give up waiting for the daemon to catch up after this long (default 120 s). */
  catchUpTimeoutMs?: number;
  /** Fault injection on (default true). */
  faults?: boolean;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Stops the season (everything it started is stopped; the promise rejects). */
  signal?: AbortSignal;
  parentDir?: string;
  /** Where the daemon's logs are copied when an invariant is violated (default: not kept). */
  artifactsDir?: string;
}

export interface SeasonReport {
  customers: number;
  days: number;
  steps: number;
  wallSeconds: number;
  events: Record<string, number>;
  vms: { created: number; suspended: number; resumed: number; destroyed: number; maxAlive: number };
  faults: Record<string, number>;
  violations: { count: number; first: string[] };
  catchUp: { worstMs: number; medianMs: number; worstStep: number };
  daemon: {
    cpuSeconds: number;
    peakRssMiB: number;
    rssAfterFirstCatchUpMiB: number;
    rssAtEndMiB: number;
    processes: number;
  };
}

const DAY = 86_400;
const GRACE_DAYS = 3;
const feedAbiAnswer = 2000_00000000n;

/** utime+stime in seconds and the peak resident set (VmHWM) of a process, from /proc. */
function procUsage(pid: number): { cpu: number; hwmKiB: number; rssKiB: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { cpu: ticks / 100, hwmKiB: kib('VmHWM'), rssKiB: kib('VmRSS') };
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runSeason(o: SeasonOptions): Promise<SeasonReport> {
  const started = performance.now();
  const log = o.log ?? (() => {});
  const seed = o.seed ?? 20261206;
  const stepSeconds = (o.stepHours ?? 6) * 3600;
  const steps = Math.ceil((o.days * DAY) / stepSeconds);
  const catchUpTimeout = o.catchUpTimeoutMs ?? 120_000;
  const faultsOn = o.faults ?? true;
  const random = seededRandom(seed ^ 0x5eed);
  const people = population({ customers: o.customers, days: o.days, seed });
  const faults: Record<string, number> = {};
  // The step now running, for the progress lines of faults and kept logs.
  let atStep = -1;
  const count = (k: string, n = 1) => {
    faults[k] = (faults[k] ?? 0) + n;
    if (atStep >= 0) log(`step ${atStep}: ${k}${n === 1 ? '' : ` ${n}`}`);
  };

  const listen = `127.0.0.1:${await freePort()}`;
  const stack: DevStack = await startDevStack({
    listen,
    parentDir: o.parentDir,
    nativeUsdPrice: 2000_00000000n,
    // 30 days of chain time move in steps of hours: the feed may be as old as the contracts allow.
    nativeFeedMaxStalenessSeconds: LIMITS.MAX_STALENESS_SECONDS,
    anvil: { accounts: o.customers + 12 },
    sim: {
      seed,
      nodes: [
        {
          name: 'pve1',
          memoryMiB: 4 * 1024 * 1024,
          cores: 512,
          storageGiB: { local: 500, 'local-lvm': 200_000 },
        },
      ],
    },
    vmidRange: { start: 10000, end: 12999 },
    ipv4: { cidr: '10.80.0.0/20', gateway: '10.80.0.1', start: '10.80.0.10', end: '10.80.15.250' },
    db: `grace_days: ${GRACE_DAYS}`,
    blockhost:
      'daemon: { reconcile_interval_ms: 500, retry_base_ms: 100, retry_max_ms: 2000, max_attempts: 40, sweep_interval_ms: 15000 }\n' +
      'concurrency: { max_parallel_provisions: 8, clones_per_storage: 4 }',
  });
  let proxy: RpcProxy | null = null;
  let daemon: DaemonProcess | null = null;
  // Set when the season ends: a daemon exiting after it is no crash, and none is started again.
  let finished = false;
  const usage = { cpu: 0, peakKiB: 0, processes: 0, firstKiB: 0, lastKiB: 0 };
  let current = { pid: 0, cpu: 0 };
  const sample = () => {
    if (!daemon?.child.pid) return;
    const u = procUsage(daemon.child.pid);
    // A process being killed is a zombie for a moment: no memory lines, nothing to record.
    if (!u || u.rssKiB === 0) return;
    current = { pid: daemon.child.pid, cpu: u.cpu };
    usage.peakKiB = Math.max(usage.peakKiB, u.hwmKiB);
    usage.lastKiB = u.rssKiB;
  };
  const sampler = setInterval(sample, 250);
  sampler.unref();
  try {
    proxy = await startRpcProxy({ target: stack.anvil.rpcUrl, seed });
    let dbPath = stack.dbPath;
    const writeConfig = () => stack.writeConfig({ rpcUrl: proxy!.url, databasePath: dbPath });
    writeConfig();
    const entry = await bundleDaemon();
    let daemonLog = 0;
    const killed = new WeakSet<DaemonProcess>();
    const crashes: string[] = [];
    // The evidence of a violation: the daemon's logs as they were when it was found.
    const keepLogs = (step: number) => {
      if (!o.artifactsDir) return;
      const to = join(o.artifactsDir, `step-${step}`);
      mkdirSync(to, { recursive: true });
      for (let i = 0; i < 4; i++) {
        const f = join(stack.dir, `blockhostd-${i}.log`);
        if (existsSync(f)) cpSync(f, join(to, `blockhostd-${i}.log`));
      }
      log(`step ${step}: daemon logs kept in ${to}`);
    };
    const startDaemon = async (): Promise<void> => {
      const d = await spawnDaemon({
        configDir: stack.configDir,
        listen,
        logFile: join(stack.dir, `blockhostd-${daemonLog++ % 4}.log`),
        entry,
        readyTimeoutMs: 60_000,
      });
      if (finished) {
        // A restart after a crash that ended after the season did.
        killed.add(d);
        d.kill('SIGKILL');
        await d.exited;
        return;
      }
      daemon = d;
      usage.processes++;
      // An exit the season did not cause is a crash: a violation, with the logs kept; then it is
      // started again, as systemd's Restart=on-failure would.
      void d.exited.then((code) => {
        if (killed.has(d) || finished || daemon !== d) return;
        crashes.push(`step ${atStep}: blockhostd exited on its own (${code})`);
        log(crashes.at(-1)!);
        keepLogs(atStep);
        daemon = null;
        void startDaemon();
      });
    };
    const killDaemon = async () => {
      if (!daemon) return;
      sample();
      usage.cpu += current.cpu;
      current = { pid: 0, cpu: 0 };
      killed.add(daemon);
      daemon.kill('SIGKILL');
      await daemon.exited;
      daemon = null;
    };

    // Plans: small (the stack's), medium, large; the operator is the server key.
    const subsAddr = stack.contracts.subscriptions;
    const medium = (
      await createPlan(stack.server, {
        address: subsAddr,
        plan: { name: 'medium', pricePerDayUsdCents: 200n, cores: 2, memoryMiB: 2048, diskGiB: 20 },
      })
    )._unsafeUnwrap().planId;
    const large = (
      await createPlan(stack.server, {
        address: subsAddr,
        plan: { name: 'large', pricePerDayUsdCents: 400n, cores: 4, memoryMiB: 4096, diskGiB: 40 },
      })
    )._unsafeUnwrap().planId;
    const planIds = [stack.planId, medium, large] as const;
    const tag = deploymentTag({ chainId: stack.anvil.chainId, contract: subsAddr })._unsafeUnwrap();

    await startDaemon();
    const root = createPveClient({
      url: stack.sim.url,
      tokenId: stack.sim.rootToken.id,
      tokenSecret: stack.sim.rootToken.secret,
      fingerprint: stack.sim.tls!.fingerprint256,
    })._unsafeUnwrap();

    // Customers: anvil dev accounts from 10 on, set up at their first purchase.
    const customers = new Map<number, Customer>();
    const customerOf = async (index: number) => {
      let c = customers.get(index);
      if (!c) {
        c = await stack.customer(10 + index);
        await c.approve(10n ** 30n);
        customers.set(index, c);
      }
      return c;
    };
    const subsOf = new Map<number, bigint>();
    const truth: { t: ChainTruth } = { t: emptyTruth() };
    const refold = async (full = false) => {
      if (full) truth.t = emptyTruth();
      await foldChain(stack.anvil.publicClient, stack.contracts, truth.t, stack.deployBlock);
    };
    let feedFreshAt = -1;
    const refreshFeed = async () => {
      if (feedFreshAt === truth.t.headTime) return;
      // The operator's feed update is retried: in the full season one reverted once (1 in ~10⁴),
      // which is the harness's matter, not the daemon's.
      for (let attempt = 1; ; attempt++) {
        const r = await setTestPrice(stack.server, {
          feed: stack.priceFeed!,
          answer: feedAbiAnswer,
        });
        if (r.isOk()) break;
        if (attempt >= 3) throw r.error;
        log(`price feed update failed (${r.error.shortMessage}); again`);
      }
      feedFreshAt = truth.t.headTime;
    };
    const payment = (native: boolean) => (native ? NATIVE_TOKEN : stack.stablecoin);
    const extend = async (payer: Customer, sub: bigint, days: number, native: boolean) => {
      if (native) await refreshFeed();
      const p: ExtendSubscriptionParameters = {
        address: subsAddr,
        subscriptionId: sub,
        days,
        token: payment(native),
      };
      (await extendSubscription(payer.o.clients, p))._unsafeUnwrap();
    };

    // Each customer's next move, in chain time.
    interface Pending {
      who: CustomerPlan;
      at: number;
      what: 'buy' | 'renew' | 'cancel' | 'transfer' | 'gift';
      left: number;
    }
    let pending: Pending[] = [];
    await refold();
    const t0 = truth.t.headTime;
    for (const who of people)
      pending.push({ who, at: t0 + who.arrival, what: 'buy', left: who.renewals });
    const events: Record<string, number> = {};
    const ev = (k: string) => {
      events[k] = (events[k] ?? 0) + 1;
    };
    let planPriceChanged = false;
    let largeWithdrawn = false;

    /** What a customer does next after `after` happened (times from the chain's expiry). */
    const plan = (p: Pending, sub: bigint): Pending | null => {
      const s = truth.t.subscriptions.get(sub);
      if (!s || s.cancelled) return null;
      const who = p.who;
      const exp = s.expiresAt;
      switch (who.behaviour) {
        case 'renew-before':
          return p.left > 0
            ? { who, at: exp - DAY * (0.2 + who.timing * 0.7), what: 'renew', left: p.left - 1 }
            : null;
        case 'renew-in-grace':
          return p.left > 0
            ? { who, at: exp + DAY * (0.3 + who.timing * (GRACE_DAYS - 1)), what: 'renew', left: 0 }
            : null;
        case 'renew-after-destroy':
          return p.left > 0
            ? { who, at: exp + DAY * (GRACE_DAYS + 1 + who.timing * 2), what: 'renew', left: 0 }
            : null;
        case 'cancel':
          return p.what === 'buy'
            ? {
                who,
                at: exp - (exp - truth.t.headTime) * (0.2 + who.timing * 0.6),
                what: 'cancel',
                left: 0,
              }
            : null;
        case 'transfer':
          return p.what === 'buy'
            ? { who, at: truth.t.headTime + DAY * (0.5 + who.timing), what: 'transfer', left: 1 }
            : p.what === 'transfer'
              ? { who, at: exp - DAY * 0.5, what: 'renew', left: 0 }
              : null;
        case 'gifted':
          return p.what === 'buy'
            ? { who, at: exp - DAY * (0.3 + who.timing * 0.5), what: 'gift', left: 0 }
            : null;
        default:
          return null;
      }
    };

    const act = async (p: Pending): Promise<Pending | null> => {
      const who = p.who;
      const me = await customerOf(who.index);
      if (p.what === 'buy') {
        let slot = who.planSlot;
        if (slot === 2 && largeWithdrawn) slot = 0;
        if (who.native) await refreshFeed();
        const r = await me.buyWith(planIds[slot], who.days, payment(who.native));
        subsOf.set(who.index, r.subscriptionId);
        ev(`buy (${who.native ? 'native' : 'stablecoin'})`);
        await refold();
        return plan(p, r.subscriptionId);
      }
      const sub = subsOf.get(who.index)!;
      const s = truth.t.subscriptions.get(sub);
      if (!s || s.cancelled) return null;
      const now = truth.t.headTime;
      if (p.what === 'renew') {
        const kind =
          s.expiresAt > now
            ? 'renew before expiry'
            : now < s.expiresAt + GRACE_DAYS * DAY
              ? 'renew in grace'
              : 'renew after destroy';
        // The NFT's holder pays (after a transfer that is the new owner).
        const holder = s.tokens[0] !== undefined ? truth.t.owners.get(s.tokens[0]) : s.subscriber;
        const payer = [...customers.values()].find((c) => c.address === holder) ?? me;
        await extend(payer, sub, 2 + Math.floor(who.timing * 8), who.native);
        ev(kind);
      } else if (p.what === 'gift') {
        await extend(await customerOf(who.other), sub, 3, false);
        ev('gift a renewal');
      } else if (p.what === 'cancel') {
        const holder = s.tokens[0] !== undefined ? truth.t.owners.get(s.tokens[0]) : s.subscriber;
        const c = [...customers.values()].find((x) => x.address === holder);
        if (!c) return null;
        await c.cancel(sub);
        ev('cancel');
      } else if (p.what === 'transfer') {
        const token = s.tokens[0];
        // Not minted yet: try again next step.
        if (token === undefined) return { ...p, at: now + stepSeconds };
        const holder = truth.t.owners.get(token);
        const from = [...customers.values()].find((c) => c.address === holder);
        const to = await customerOf(
          who.other === who.index ? (who.index + 1) % o.customers : who.other,
        );
        if (!from || to.address === holder) return null;
        await from.transferToken(token, to.address as Address);
        ev('transfer the NFT');
      }
      await refold();
      return plan(p, sub);
    };

    // Fault windows: how many steps each still lasts.
    const windows = { rpcDrop: 0, rpcError: 0, pveTasks: 0, pve5xx: 0, capacity: 0 };
    let hog: number | null = null;
    // Task counts of the simulators so far (a restarted one keeps its state, counted once).
    const taskCounts: Record<string, number> = {};
    const countTasks = () => {
      const out: Record<string, number> = {};
      for (const t of stack.sim.tasks()) {
        const k = t.exitstatus === 'OK' ? t.type : t.exitstatus ? 'failed' : 'running';
        out[k] = (out[k] ?? 0) + 1;
      }
      return out;
    };
    // The operator makes sure their VM is gone: a delete can fail (the task-failure window) or be
    // cut off by a simulator restart, and a node still full is not the daemon's fault.
    const removeHog = async (vmid: number) => {
      for (let i = 0; i < 200 && stack.sim.vm(vmid); i++) {
        if (i % 10 === 0)
          await root.api.nodes
            .$('pve1')
            .qemu.$(vmid)
            .$delete()
            .catch(() => {});
        await sleep(100);
      }
      if (stack.sim.vm(vmid))
        throw new Error(`season: the operator's VM ${vmid} cannot be removed`);
    };
    // Every kind of fault happens at least once, whatever the dice say (a short season too).
    const forced = (step: number, at: number) => faultsOn && step === Math.floor(steps * at);
    const applyFaults = async (step: number) => {
      const start = (k: keyof typeof windows, p: number, at: number) => {
        if (windows[k] > 0) windows[k]--;
        else if (forced(step, at) || (faultsOn && random() < p)) {
          windows[k] = 2 + Math.floor(random() * 4);
          count(`${k} windows`);
        }
      };
      start('rpcDrop', 0.06, 0.15);
      start('rpcError', 0.06, 0.2);
      start('pveTasks', 0.06, 0.25);
      start('pve5xx', 0.06, 0.3);
      start('capacity', 0.025, 0.35);
      proxy!.setDropRate(windows.rpcDrop > 0 ? 0.1 : 0);
      proxy!.setErrorRate(windows.rpcError > 0 ? 0.1 : 0);
      stack.sim.faults.taskFailureRate(windows.pveTasks > 0 ? { rate: 0.15 } : null);
      // The harness acts as the operator here, not as the daemon: its own calls get no injected
      // 5xx (a season once died on one); the window is set again right after.
      stack.sim.faults.errorRate(null);
      // A node at capacity: the operator's own VM takes all the memory left, for a while.
      if (windows.capacity > 0 && hog === null) {
        const committed = stack.sim
          .vms()
          .filter((v) => !v.template)
          .reduce((s, v) => s + Number(v.config.memory ?? 512), 0);
        const vmid = 900 + (step % 90);
        const memory = Math.max(16, 4 * 1024 * 1024 - committed - 256);
        await root.api.nodes
          .$('pve1')
          .qemu.$post({ vmid, memory: String(memory) as never, name: 'operator-hog' } as never);
        hog = vmid;
      } else if (windows.capacity === 0 && hog !== null) {
        await removeHog(hog);
        hog = null;
      }
      stack.sim.faults.errorRate(
        windows.pve5xx > 0 ? { rate: 0.1, statuses: [500, 503, 595] } : null,
      );
    };
    const clearFaults = async () => {
      for (const k of Object.keys(windows) as (keyof typeof windows)[]) windows[k] = 0;
      proxy!.setDropRate(0);
      proxy!.setErrorRate(0);
      stack.sim.faults.taskFailureRate(null);
      stack.sim.faults.errorRate(null);
      if (hog !== null) {
        await removeHog(hog);
        hog = null;
      }
    };

    const hadVm = new Set<bigint>();
    const violations = new Map<string, string>();
    const catchUps: number[] = [];
    let worst = { ms: 0, step: -1 };
    const vmStats = { maxAlive: 0 };
    const deploymentVms = () => stack.sim.vms().filter((v) => !v.template && v.tags.includes(tag));

    /** Polls the invariants until they hold (or the bound passes); returns the time it took. */
    const catchUp = async (step: number, background: Promise<unknown>[]): Promise<void> => {
      const t = performance.now();
      let problems: Problem[] = [];
      let settled = false;
      void Promise.all(background).then(() => {
        settled = true;
      });
      for (;;) {
        await refold();
        const vms = deploymentVms();
        problems = checkInvariants({
          truth: truth.t,
          vms,
          dbPath,
          graceSeconds: GRACE_DAYS * DAY,
          toleranceSeconds: stepSeconds + 3600,
          hadVm,
          capacityShort: hog !== null,
        });
        vmStats.maxAlive = Math.max(vmStats.maxAlive, vms.length);
        // A violation already counted does not hold up later steps (it is in the report).
        const fresh = problems.filter((p) => !violations.has(p.key));
        if (fresh.length === 0 && settled) break;
        o.signal?.throwIfAborted();
        if (performance.now() - t > catchUpTimeout) {
          for (const p of fresh) violations.set(p.key, `step ${step}: ${p.detail}`);
          keepLogs(step);
          log(
            `step ${step}: ${fresh.length} invariants still broken after ${catchUpTimeout} ms: ${fresh
              .slice(0, 5)
              .map((p) => p.detail)
              .join('; ')}`,
          );
          await Promise.all(background);
          break;
        }
        await sleep(100);
      }
      const ms = performance.now() - t;
      catchUps.push(ms);
      if (ms > worst.ms) worst = { ms, step };
    };

    // The season's special moments.
    const journalLossStep = Math.floor(steps * 0.4);
    const hostReplacedStep = Math.floor(steps * 0.7);
    const priceChangeStep = Math.floor(steps * 0.3);
    const withdrawStep = Math.floor(steps * 0.6);

    await catchUp(-1, []);
    sample();
    usage.firstKiB = usage.lastKiB;
    for (let step = 0; step < steps; step++) {
      atStep = step;
      o.signal?.throwIfAborted();
      await applyFaults(step);
      await stack.anvil.increaseTime(stepSeconds);
      await stack.anvil.mine(1);
      await refold();
      const now = truth.t.headTime;

      if (step === priceChangeStep && !planPriceChanged) {
        (
          await updatePlan(stack.server, {
            address: subsAddr,
            planId: medium,
            plan: {
              name: 'medium',
              pricePerDayUsdCents: 250n,
              cores: 2,
              memoryMiB: 2048,
              diskGiB: 20,
              active: true,
            },
          })
        )._unsafeUnwrap();
        planPriceChanged = true;
        ev('operator changes a price');
      }
      if (step === withdrawStep && !largeWithdrawn) {
        (
          await updatePlan(stack.server, {
            address: subsAddr,
            planId: large,
            plan: {
              name: 'large',
              pricePerDayUsdCents: 400n,
              cores: 4,
              memoryMiB: 4096,
              diskGiB: 40,
              active: false,
            },
          })
        )._unsafeUnwrap();
        largeWithdrawn = true;
        ev('operator withdraws a plan');
      }

      const due = pending.filter((p) => p.at <= now);
      pending = pending.filter((p) => p.at > now);
      for (const p of due) {
        const next = await act(p);
        if (next) pending.push(next);
      }
      await stack.anvil.mine(1);

      const background: Promise<unknown>[] = [];
      // A small reorg: a purchase seen by the daemon, then undone by a longer chain without it.
      if (forced(step, 0.45) || (faultsOn && random() < 0.03)) {
        // The victim is set up (funded, approved) before the snapshot: the revert must undo
        // only the purchase, or a first-time customer is left cached with nothing to pay with.
        const victim = await customerOf(Math.floor(random() * o.customers));
        const snap = await stack.anvil.snapshot();
        await victim.buyWith(stack.planId, 5, stack.stablecoin);
        await stack.anvil.mine(1);
        await sleep(Math.floor(random() * 1500));
        await stack.anvil.revert(snap);
        const depth = 3 + Math.floor(random() * 2);
        await stack.anvil.mine(depth);
        // The history without the purchase becomes final (anvil: 64 blocks behind its head);
        // only then may the purchase's VM be destroyed (docs/security.md).
        await stack.anvil.mine(64);
        feedFreshAt = -1;
        await refold(true);
        count('reorgs');
      }
      if (step === journalLossStep) {
        await killDaemon();
        for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
        await startDaemon();
        count('journal deleted');
      } else if (step === hostReplacedStep) {
        await killDaemon();
        dbPath = join(stack.dir, 'new-host', 'blockhost.db');
        writeConfig();
        await startDaemon();
        count('host replaced');
      } else if (forced(step, 0.1) || (faultsOn && random() < 0.1)) {
        const delay = Math.floor(random() * 2000);
        background.push(
          (async () => {
            await sleep(delay);
            await killDaemon();
            await startDaemon();
            count('daemon SIGKILLs');
          })(),
        );
      }
      if (forced(step, 0.55) || (faultsOn && random() < 0.03)) {
        const before = countTasks();
        await stack.restartSim();
        // What the restarted simulator no longer lists was counted before it stopped.
        const after = countTasks();
        for (const [k, n] of Object.entries(before))
          taskCounts[k] = (taskCounts[k] ?? 0) + n - (after[k] ?? 0);
        count('simulator restarts');
      }
      await catchUp(step, background);
      if (step % 10 === 0) {
        log(
          `step ${step}/${steps} day ${((now - t0) / DAY).toFixed(1)}: ${truth.t.subscriptions.size} subscriptions, ${deploymentVms().length} VMs, ${violations.size} violations, catch-up ${Math.round(catchUps.at(-1)!)} ms`,
        );
      }
    }
    // The end: faults off, one last catch-up (the hog gone, windows closed).
    await clearFaults();
    await catchUp(steps, []);
    sample();

    for (const [k, n] of Object.entries(countTasks())) taskCounts[k] = (taskCounts[k] ?? 0) + n;
    count('PVE tasks failed', taskCounts.failed ?? 0);
    count('RPC requests dropped', proxy.stats.dropped);
    count('RPC requests answered with an error', proxy.stats.errored);

    // VM lifecycle counts from the simulator's task history (all restarts included: state persists).
    const ok = (type: string) => taskCounts[type] ?? 0;
    const sorted = [...catchUps].sort((a, b) => a - b);
    await killDaemon();
    return {
      customers: o.customers,
      days: o.days,
      steps,
      wallSeconds: Math.round((performance.now() - started) / 1000),
      events,
      vms: {
        created: ok('qmclone'),
        suspended: ok('qmshutdown') + ok('qmsuspend'),
        resumed: Math.max(0, ok('qmstart') - ok('qmclone')),
        destroyed: ok('qmdestroy'),
        maxAlive: vmStats.maxAlive,
      },
      faults,
      violations: {
        count: violations.size + crashes.length,
        first: [...crashes, ...violations.values()].slice(0, 30),
      },
      catchUp: {
        worstMs: Math.round(worst.ms),
        medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
        worstStep: worst.step,
      },
      daemon: {
        cpuSeconds: Math.round(usage.cpu * 10) / 10,
        peakRssMiB: Math.round(usage.peakKiB / 102.4) / 10,
        rssAfterFirstCatchUpMiB: Math.round(usage.firstKiB / 102.4) / 10,
        rssAtEndMiB: Math.round(usage.lastKiB / 102.4) / 10,
        processes: usage.processes,
      },
    };
  } finally {
    finished = true;
    clearInterval(sampler);
    if (daemon) {
      (daemon as DaemonProcess).kill('SIGKILL');
      await (daemon as DaemonProcess).exited;
    }
    await proxy?.stop();
    await stack.stop();
  }
}
