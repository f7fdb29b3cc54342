import {
  type BlockhostContracts,
  closeBlockhostTransport,
  createBlockhostClients,
  createScanner,
  type Scanner,
  watchNewHeads,
} from '@blockhost/chain';
import { defaultConfirmations, maskUrl, policyFromConfig } from '@blockhost/core';
import {
  chainViews,
  countVmsByState,
  createIpv6Service,
  createJobRunner,
  createJournalScanStore,
  createLogger,
  type Db,
  getCursor,
  type HostConfig,
  HostConfigError,
  type HostPorts,
  type Logger,
  loadHostConfig,
  maskUrlsInLogs,
  openDb,
  RunnerLease,
  recoverFromCluster,
  requeueInterrupted,
  rpcFetch,
  scheduleLifecycle,
  summarizeRecovery,
  sweepSubscriptions,
  sweepTokens,
  trustSettings,
} from '@blockhost/host';
import { genericChainDetail, genericProxmoxDetail } from './http/readiness.js';
import { startHttpServer } from './http/server.js';
import { createDaemonMetrics } from './metrics.js';

export interface StartDaemonOptions {
  configDir: string;
  log?: Logger;
  /** Builds the Proxmox side from the loaded config (the shell's wiring, or a test's). */
  ports: (config: HostConfig, log: Logger) => HostPorts | Promise<HostPorts>;
  /** Override the HTTP listen address from the config (tests use port 0). */
  listen?: string;
}

export interface Daemon {
  readonly config: HostConfig;
  readonly db: Db;
  readonly url: string;
  /** Runs one lifecycle pass now (also runs on every new block and on a timer). */
  reconcileNow(): void;
  stop(): Promise<void>;
}

export class AnotherRunnerError extends Error {
  readonly code = 'RUNNER_BUSY';
}

/**
 * Starts blockhostd: journal, chain scanner, lifecycle passes, job runner and
 * HTTP surface. Throws `HostConfigError` (with every problem) before doing
 * anything when the configuration is invalid.
 */
export async function startDaemon(options: StartDaemonOptions): Promise<Daemon> {
  const log = options.log ?? createLogger();
  const config = loadHostConfig(options.configDir);
  const { web3, blockhost } = config;
  // RPC errors name their URL; RPC URLs often carry a provider key.
  maskUrlsInLogs(log, [...web3.rpc_url, ...blockhost.vm.rpc_urls]);
  const db = openDb(config.db.database_path);
  const lease = new RunnerLease(db, 'daemon');
  // Wait for a CLI run (gc --execute) to finish; refuse to run beside another daemon.
  for (let i = 0; !lease.tryAcquire(); i++) {
    const h = lease.holder();
    if (h?.owner.startsWith('daemon:') || i > 600) {
      db.close();
      throw new AnotherRunnerError(
        `another process runs BlockHost jobs (${h?.owner ?? 'unknown'}); not starting twice`,
      );
    }
    if (i === 0)
      log.info({ holder: h?.owner }, 'waiting for another BlockHost process to finish its jobs');
    await new Promise((r) => setTimeout(r, 500));
  }
  const requeued = requeueInterrupted(db, Date.now());
  if (requeued > 0) log.info({ jobs: requeued }, 'resuming jobs interrupted by the last stop');

  const contracts: BlockhostContracts = {
    subscriptions: web3.contracts.subscriptions,
    nft: web3.contracts.nft,
  };
  const policy = policyFromConfig(config.db);
  const clients = createBlockhostClients({
    chainId: web3.chain_id,
    rpcUrls: web3.rpc_url,
    privateKey: config.serverKey.reveal(),
    pollingIntervalMs: Math.min(1000, web3.poll_interval_ms),
    fetchFn: rpcFetch,
  });
  if (clients.isErr()) throw clients.error;
  const { publicClient, walletClient } = clients.value;
  // An RPC for another chain is a configuration error, not a transient one: refuse to start.
  // (An unreachable RPC is transient: the daemon starts and /readyz says what is wrong.)
  const served = await publicClient.getChainId().catch(() => null);
  if (served !== null && served !== web3.chain_id) {
    lease.release();
    db.close();
    throw new HostConfigError([
      {
        file: `${options.configDir}/web3-defaults.yaml`,
        path: ['chain_id'],
        message: `is ${web3.chain_id}, but the RPC (${maskUrl(web3.rpc_url[0]!)}) serves chain ${served}`,
      },
    ]);
  }
  const ports = await options.ports(config, log);

  const progress = { head: null as bigint | null, cursor: getCursor(db)?.blockNumber ?? null };
  // IPv6 (docs/ipv6.md): the broker client and network.json; never stops IPv4 service.
  const ipv6 = createIpv6Service({
    db,
    config,
    log,
    clients: { publicClient, walletClient: walletClient! },
  });
  const metrics = createDaemonMetrics(
    db,
    () => progress,
    () => {
      try {
        return ipv6.status();
      } catch {
        return null;
      }
    },
  );
  const health = {
    lastScanOkAt: 0,
    lastPveOkAt: 0,
    pveError: 'not checked yet',
    chainError: 'not scanned yet',
  };

  // Chain time is trusted only within this much of the host clock (web3.max_clock_skew_seconds).
  const guard = { maxClockSkewSeconds: trustSettings(config).maxClockSkewSeconds };
  const trust = { clock: '', clockLoggedAt: 0 };
  let reconcileTimer: NodeJS.Timeout | null = null;
  let pending: NodeJS.Timeout | null = null;
  let stopped = false;
  /** How long the last lifecycle pass took (ms): a pass reads every subscription and VM. */
  let passMs = 0;
  const reconcileNow = () => {
    // Nothing is decided before the journal agrees with the cluster (see `recover` below).
    if (stopped || !recovery.done) return;
    const cursor = getCursor(db);
    if (!cursor || cursor.blockNumber < 0n) return;
    const started = performance.now();
    try {
      const r = scheduleLifecycle(db, cursor.blockTimestamp, policy, Date.now(), guard);
      trust.clock = r.refused?.detail ?? '';
      if (r.refused) {
        metrics.refusals.inc({ reason: r.refused.reason });
        // Once a minute is enough to be seen; every pass would flood the journal.
        if (Date.now() - trust.clockLoggedAt > 60_000) {
          trust.clockLoggedAt = Date.now();
          log.error(
            { reason: r.refused.reason },
            `lifecycle decisions refused: ${r.refused.detail}`,
          );
        }
      }
      if (r.queued.length > 0) {
        log.info(
          {
            chainTime: cursor.blockTimestamp,
            queued: r.queued.map((q) => `${q.kind}:${q.subscriptionId}`),
          },
          'lifecycle pass queued jobs',
        );
      }
      if (r.superseded.length > 0) {
        log.warn(
          { superseded: r.superseded },
          "jobs waiting on a customer's VM gave way to suspend, resume or destroy",
        );
      }
      // Also picks up jobs another process queued (the CLI's vm suspend, job retry, gc --execute).
      runner.wake();
    } catch (e) {
      log.error({ error: (e as Error).message }, 'lifecycle pass failed');
    } finally {
      passMs = performance.now() - started;
    }
  };
  // Coalesce the many commits of a backfill, and the job ends of a busy host, into one pass: at
  // least 50 ms apart and at most a tenth of the time (a pass grows with the subscriptions, and
  // a backlog of provisions triggers one per VM). A live commit (caught up with the head) is
  // decided at once: that is a purchase waiting for its VM.
  const reconcileSoon = (now = false) => {
    if (pending && !now) return;
    if (pending) clearTimeout(pending);
    pending = setTimeout(
      () => {
        pending = null;
        reconcileNow();
      },
      now ? 0 : Math.max(50, 9 * passMs),
    );
    pending.unref();
  };

  const store = createJournalScanStore(db, Date.now, (c) => {
    for (const [name, n] of Object.entries(c.addedByName)) metrics.events.inc({ name }, n);
    if (c.removed) metrics.removed.inc({}, c.removed);
    if (c.reorgDepth) {
      metrics.reorgs.inc();
      log.warn({ depth: c.reorgDepth, removed: c.removed }, 'chain reorg undone');
    }
    if (c.undecodable) {
      metrics.undecodable.inc({}, c.undecodable);
      log.warn({ count: c.undecodable }, 'logs from the contracts did not decode');
    }
    progress.head = c.headBlock;
    progress.cursor = c.cursorBlock;
    if (c.added || c.removed || c.cursorBlock !== null) reconcileSoon(c.caughtUp && c.added > 0);
  });
  const scanner: Scanner = createScanner({
    client: publicClient,
    contracts,
    store,
    fromBlock: BigInt(web3.contracts.deploy_block),
    confirmations: web3.confirmations ?? defaultConfirmations(web3.chain_id),
    finalized: web3.use_finalized,
    maxLogRange: web3.max_log_range,
  });

  // Recovery: before the first lifecycle decision (and again with every sweep) the journal is
  // brought back to what the cluster holds, so a lost or old journal never re-addresses,
  // orphans or duplicates a VM. Until it has succeeded once, no job runs and nothing is decided.
  const recovery = { done: false, running: false, error: 'not run yet' };
  const deployment = { chainId: web3.chain_id, contract: web3.contracts.subscriptions };
  const recover = async (why: 'start' | 'sweep') => {
    if (recovery.running || stopped) return;
    recovery.running = true;
    try {
      const hadRecords = countVmsByState(db);
      const r = await recoverFromCluster({
        db,
        deployment,
        inspect: () => ports.proxmox.inspectCluster(),
        blockTime: async (blockNumber) => {
          const b = await publicClient.getBlock({ blockNumber }).catch(() => null);
          return b ? Number(b.timestamp) : null;
        },
        headBlock: () => publicClient.getBlockNumber({ cacheTime: 0 }).catch(() => null),
      });
      if (!r.ok) {
        recovery.error = r.error.message;
        log.warn({ error: r.error.message, why }, 'recovery could not read the cluster; retrying');
        return;
      }
      recovery.error = '';
      for (const a of r.plan) metrics.recovery.inc({ action: a.kind });
      metrics.recoveryConflicts.set(r.report.conflicts.length);
      const summary = summarizeRecovery(r.report);
      if (summary) {
        const empty = Object.values(hadRecords).every((n) => n === 0);
        log.warn(
          { why, ...r.report },
          empty && r.report.adopted.length
            ? `the journal has no VM records but the cluster holds this deployment's VMs: ${summary}`
            : `recovery: the journal disagreed with the cluster: ${summary}`,
        );
      }
      for (const c of r.report.conflicts) {
        log.error({ subscription: c.subscriptionId, vmid: c.vmid, reason: c.reason }, c.detail);
      }
      if (!recovery.done) {
        recovery.done = true;
        runner.start();
        log.info('recovery done: lifecycle and jobs running');
      }
      reconcileSoon();
    } catch (e) {
      recovery.error = (e as Error).message;
      log.error({ error: (e as Error).message, why }, 'recovery failed');
    } finally {
      recovery.running = false;
    }
  };

  const runner = createJobRunner({
    db,
    config,
    log,
    ports,
    clients: { publicClient, walletClient: walletClient! },
    chainNow: () => getCursor(db)?.blockTimestamp ?? null,
    onProvisioned: (_job, ms) => metrics.provisionSeconds.observe(ms / 1000),
    onStep: (job, step, outcome) => metrics.steps.inc({ kind: job.kind, step, outcome }),
    onFinished: () => {
      ipv6.refresh();
      reconcileSoon();
    },
    onRefusal: (r) => {
      metrics.refusals.inc({ reason: r.reason });
      log.warn({ subscription: r.subscriptionId, reason: r.reason }, `refused: ${r.detail}`);
      // The journal may hold what a lying RPC told it: compare it with the chain now.
      void sweep();
    },
  });

  // Every configured RPC on its own, for repairs and confirmations that need a quorum.
  const views = chainViews(config);
  // The state sweep: repairs what the event stream could have missed (never overlapping).
  let sweeping = false;
  const sweep = async () => {
    if (sweeping || stopped) return;
    sweeping = true;
    try {
      const r = await sweepSubscriptions({
        db,
        client: publicClient,
        contracts,
        deployBlock: BigInt(web3.contracts.deploy_block),
        maxLogRange: web3.max_log_range,
        reorgWindow: 256,
      });
      metrics.sweeps.inc();
      if (r.suspects.length) {
        metrics.sweepRepairs.inc({}, r.repairedEvents);
        log.warn(
          { differing: r.suspects.slice(0, 20), repairedEvents: r.repairedEvents },
          'state sweep found subscriptions the journal had wrong; repaired from their events',
        );
        if (r.repairedEvents) reconcileSoon();
      }
    } catch (e) {
      metrics.rpcErrors.inc({ source: 'sweep' });
      log.warn({ error: (e as Error).message.split('\n')[0] }, 'state sweep failed; next time');
    }
    // Token holders, on their own (an RPC refusing subscription reads must not stop this): a
    // forged or missed Transfer is repaired from what a quorum of RPCs return.
    try {
      const cursor = getCursor(db);
      if (cursor && cursor.blockNumber >= 0n) {
        const t = await sweepTokens({
          db,
          views,
          contracts,
          deployBlock: BigInt(web3.contracts.deploy_block),
          atBlock: cursor.blockNumber,
          maxLogRange: web3.max_log_range,
        });
        const changed = t.removedEvents + t.insertedEvents + t.cancelledJobs.length;
        if (changed) {
          metrics.sweepRepairs.inc({}, t.removedEvents + t.insertedEvents);
          log.warn(
            { tokens: t.suspects.slice(0, 20), ...t, suspects: undefined },
            'state sweep found token holders the journal had wrong; repaired from a quorum of RPCs',
          );
          reconcileSoon();
        } else if (t.suspects.length) {
          log.warn(
            { tokens: t.suspects.slice(0, 20) },
            'an RPC names other token holders than the journal; a quorum of RPCs agrees with the journal',
          );
        }
      }
    } catch (e) {
      metrics.rpcErrors.inc({ source: 'sweep' });
      log.warn({ error: (e as Error).message.split('\n')[0] }, 'state sweep failed; next time');
    } finally {
      sweeping = false;
    }
    if (recovery.done) await recover('sweep');
  };
  const sweepTimer = setInterval(sweep, blockhost.daemon.sweep_interval_ms);
  sweepTimer.unref();

  // New heads by subscription where the RPC offers it (a ws:// URL): each wakes the scanner at
  // once; polling stays the fallback and the only source of truth.
  const heads = watchNewHeads({
    client: publicClient,
    rpcUrls: web3.rpc_url,
    onHead: () => scanner.wake(),
    onError: (e) => log.debug({ error: e.message.split('\n')[0] }, 'new-heads subscription error'),
  });
  if (heads.subscribed) log.info('following new heads by subscription');

  const abort = new AbortController();
  let sweptOnce = false;
  const scanning = scanner.run({
    signal: abort.signal,
    pollIntervalMs: web3.poll_interval_ms,
    onStep: (r) => {
      health.lastScanOkAt = Date.now();
      health.chainError = '';
      if (r.kind === 'idle') {
        // Caught up for the first time since start: check the journal against chain state.
        if (!sweptOnce) {
          sweptOnce = true;
          void sweep();
        }
        // Caught up: the journal knows the chain; now make it agree with the cluster.
        if (!recovery.done) void recover('start');
        progress.head = r.head.number;
        progress.cursor = r.cursor?.number ?? null;
      }
    },
    onError: (e, n) => {
      metrics.rpcErrors.inc({ source: 'scanner' });
      health.chainError = e.shortMessage;
      if (n === 1 || n % 10 === 0)
        log.warn({ error: e.shortMessage, consecutive: n }, 'chain scan failed; retrying');
    },
  });

  const pvePing = async () => {
    const r = await ports.proxmox.ping();
    if (r.ok) {
      health.lastPveOkAt = Date.now();
      health.pveError = '';
    } else {
      // The raw text goes to the log (and `blockhost doctor`); /readyz shows a generic detail.
      if (health.pveError !== r.error.message)
        log.warn({ error: r.error.message }, 'Proxmox API check failed');
      health.pveError = r.error.message;
    }
  };
  log.debug('checking Proxmox');
  await pvePing();
  log.debug({ ok: health.pveError === '' }, 'Proxmox checked');
  // As often as the lifecycle runs, between 1 s and 15 s.
  const pveTimer = setInterval(
    pvePing,
    Math.min(15_000, Math.max(1000, blockhost.daemon.reconcile_interval_ms)),
  );
  pveTimer.unref();

  let ipv6Tick: Promise<void> | null = null;
  const ipv6Timer = setInterval(
    () => {
      if (ipv6Tick || stopped) return;
      ipv6Tick = ipv6.tick().finally(() => {
        ipv6Tick = null;
      });
    },
    Math.max(500, web3.poll_interval_ms),
  );
  ipv6Timer.unref();
  ipv6.refresh();

  reconcileTimer = setInterval(reconcileNow, blockhost.daemon.reconcile_interval_ms);
  reconcileTimer.unref();

  const staleMs = Math.max(30_000, 3 * web3.poll_interval_ms);
  const http = await startHttpServer({
    listen: options.listen ?? blockhost.http.listen,
    log,
    portalDir: blockhost.http.portal_dir,
    handlers: {
      health: () => ({ ok: true, detail: 'ok' }),
      ready: () => {
        const now = Date.now();
        const lag =
          progress.head !== null && progress.cursor !== null
            ? progress.head - progress.cursor
            : null;
        return [
          {
            name: 'chain',
            ok: now - health.lastScanOkAt < staleMs,
            detail: health.chainError
              ? genericChainDetail(health.chainError)
              : `last scan ${Math.round((now - health.lastScanOkAt) / 1000)} s ago`,
          },
          {
            name: 'proxmox',
            ok: health.pveError === '' && now - health.lastPveOkAt < 60_000,
            detail: health.pveError
              ? genericProxmoxDetail(health.pveError)
              : `reachable ${Math.round((now - health.lastPveOkAt) / 1000)} s ago`,
          },
          {
            name: 'clock',
            ok: trust.clock === '',
            detail: trust.clock
              ? 'chain time and the host clock disagree (see the log)'
              : 'chain time agrees with the host clock',
          },
          {
            name: 'recovery',
            ok: recovery.done,
            detail: recovery.done
              ? 'the journal agrees with the cluster'
              : 'waiting for the journal to agree with the cluster (see the log)',
          },
          {
            name: 'cursor',
            ok: lag !== null && lag <= BigInt(blockhost.daemon.max_cursor_lag_blocks),
            detail:
              lag === null ? 'no block scanned yet' : `${lag} blocks behind the confirmed head`,
          },
        ];
      },
      metrics: async () => ({
        contentType: metrics.registry.contentType,
        text: await metrics.registry.metrics(),
      }),
    },
  });
  log.info(
    { http: http.url, chainId: web3.chain_id, contracts, database: config.db.database_path },
    'blockhostd started',
  );

  return {
    config,
    db,
    url: http.url,
    reconcileNow,
    async stop() {
      if (stopped) return;
      stopped = true;
      log.info('stopping: no new work; finishing steps in flight');
      abort.abort();
      heads.stop();
      if (reconcileTimer) clearInterval(reconcileTimer);
      clearInterval(pveTimer);
      clearInterval(sweepTimer);
      clearInterval(ipv6Timer);
      await ipv6Tick;
      await scanning;
      await runner.stop();
      await http.close();
      lease.release();
      await ports.close?.();
      await closeBlockhostTransport(publicClient);
      db.close();
      log.info('stopped');
    },
  };
}
