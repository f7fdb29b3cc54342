import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Need } from '@blockhost/proxmox/schema';
import { deniedMessage, evaluateNeed } from './access.js';
import { pruneBlobs } from './guest.js';
import type { ResolvedOptions } from './options.js';
import { createRng } from './rng.js';
import { fail, SimHttpError } from './sim-error.js';
import type { SimState, SimTask, SimVm } from './state.js';

/** A worker of an async task: applies the task's effects; throwing fails the task. */
export interface TaskWork {
  node: string;
  type: string;
  /** The task's object id (the VMID for VM tasks, the storage for downloads). */
  id: string;
  user: string;
  /** Hold this VM's config lock while the task runs. */
  lockVmid?: number | undefined;
  run: (log: (line: string) => void) => void | Promise<void>;
  /** Clean up after a failure (e.g. remove a half-created clone). */
  onFail?: (message: string) => void;
}

/** A failure of a task's worker: becomes the task's exit status. */
export class TaskFailure extends Error {}

export interface RequestRecord {
  seq: number;
  at: number;
  method: string;
  path: string;
  /** The schema path that matched, if any. */
  template: string | null;
  authid: string | null;
  status: number;
  ms: number;
  /** Request parameters, secrets redacted. */
  params: Record<string, unknown>;
  /** Set when a fault answered instead of the handler. */
  fault?: string;
  /** Latency the fault injection added before answering. */
  delayedMs?: number;
}

export interface TaskFault {
  remaining: number;
  type?: string | undefined;
  message: string;
}

export interface ErrorRateFault {
  rate: number;
  statuses: number[];
  /** Only requests whose path matches. */
  path?: RegExp | undefined;
  methods?: string[] | undefined;
}

export interface DropFault {
  remaining: number;
  method: string;
  path: RegExp;
}

interface LockState {
  holder: string;
  waiters: Array<(granted: boolean) => void>;
}

const SECRET_KEYS = /password|secret|^value$/i;

export function lockFile(vmid: number): string {
  return `/var/lock/qemu-server/lock-${vmid}.conf`;
}

export function lockTimeoutMessage(vmid: number): string {
  return `can't lock file '${lockFile(vmid)}' - got timeout`;
}

/** The simulator's state machine, shared by the HTTP layer and the handlers. */
export class SimCore {
  readonly state: SimState;
  readonly opts: ResolvedOptions;
  readonly rng: () => number;
  readonly snippetsDirs: Record<string, string>;
  /** The HTTPS certificate's fingerprint, reported as the nodes' `ssl_fingerprint`. */
  tlsFingerprint: string | undefined = undefined;
  readonly requestLog: RequestRecord[] = [];
  readonly faults = {
    tasks: [] as TaskFault[],
    /** A seeded share of tasks (of `types`, if given) that fail, on top of `tasks`. */
    taskFailureRate: null as { rate: number; types?: string[] | undefined; message: string } | null,
    errorRate: null as ErrorRateFault | null,
    latency: null as { minMs: number; maxMs: number } | null,
    drops: [] as DropFault[],
    /** Status/log reads of a task younger than this answer 404/400 (a task not yet visible). */
    newTaskInvisibleMs: 0,
    offlineNodes: new Set<string>(),
  };
  /** Highest number of clones seen running at once, per `node/storage`. */
  readonly cloneConcurrency = new Map<string, { current: number; max: number }>();
  private readonly locks = new Map<number, LockState>();
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Resolvers of pending `delay()`s, so `close()` can wake running tasks. */
  private readonly sleepers = new Map<NodeJS.Timeout, () => void>();
  private readonly pending = new Set<Promise<unknown>>();
  private readonly taskCreated = new Map<string, number>();
  private readonly statePath: string | undefined;
  private saveTimer: NodeJS.Timeout | null = null;
  /** How long the last state save took (sets the pause before the next). */
  private lastSaveMs = 0;
  private closed = false;
  private reqSeq = 0;

  constructor(
    state: SimState,
    opts: ResolvedOptions,
    snippetsDirs: Record<string, string>,
    statePath?: string,
  ) {
    this.state = state;
    this.opts = opts;
    this.rng = createRng(opts.seed);
    this.snippetsDirs = snippetsDirs;
    this.statePath = statePath;
  }

  now(): number {
    return this.opts.now();
  }

  /** A deterministic id from the seeded RNG (MACs, secrets in tests with a seed). */
  randomHex(bytes: number): string {
    let s = '';
    for (let i = 0; i < bytes; i++) {
      s += Math.floor(this.rng() * 256)
        .toString(16)
        .padStart(2, '0');
    }
    return s;
  }

  newSecret(): string {
    return randomUUID();
  }

  // ---- permissions -------------------------------------------------------

  /** Throws PVE's 403 when `authid` does not meet `need`. */
  require(authid: string, need: Need): void {
    const denied = evaluateNeed(this.state.access, authid, need);
    if (denied) throw new SimHttpError(403, deniedMessage(denied));
  }

  requireAll(authid: string, needs: readonly Need[]): void {
    for (const n of needs) this.require(authid, n);
  }

  // ---- nodes and VMs -------------------------------------------------------

  node(name: string) {
    const n = this.state.nodes[name];
    if (!n) throw fail(`no such cluster node '${name}'`);
    if (this.faults.offlineNodes.has(name)) {
      throw new SimHttpError(595, `Connection refused (node '${name}' is offline)`);
    }
    return n;
  }

  /** The VM `vmid` on `node`, with PVE's error when its config is not there. */
  vm(node: string, vmid: number): SimVm {
    const vm = this.state.vms[String(vmid)];
    if (!vm || vm.node !== node) {
      throw fail(`Configuration file 'nodes/${node}/qemu-server/${vmid}.conf' does not exist`);
    }
    return vm;
  }

  /** PVE refuses most changes to a VM whose config carries a `lock`. */
  checkConfigLock(vm: SimVm, skiplock?: unknown): void {
    const lock = vm.config.lock;
    if (lock && !skiplock) throw fail(`VM is locked (${lock})`);
  }

  static digest(config: Record<string, string>): string {
    const text = Object.keys(config)
      .filter((k) => k !== 'digest')
      .sort()
      .map((k) => `${k}: ${config[k]}`)
      .join('\n');
    return createHash('sha1').update(text).digest('hex');
  }

  // ---- locks -------------------------------------------------------------

  /** Waits up to `timeoutMs` for the VM's config lock; false on timeout. */
  acquireLock(vmid: number, holder: string, timeoutMs = this.opts.lockTimeoutMs): Promise<boolean> {
    const l = this.locks.get(vmid);
    if (!l) {
      this.locks.set(vmid, { holder, waiters: [] });
      return Promise.resolve(true);
    }
    return new Promise<boolean>((resolve) => {
      const waiter = (granted: boolean) => {
        clearTimeout(timer);
        this.timers.delete(timer);
        if (granted) l.holder = holder;
        resolve(granted);
      };
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        const i = l.waiters.indexOf(waiter);
        if (i >= 0) l.waiters.splice(i, 1);
        resolve(false);
      }, timeoutMs);
      this.timers.add(timer);
      l.waiters.push(waiter);
    });
  }

  releaseLock(vmid: number): void {
    const l = this.locks.get(vmid);
    if (!l) return;
    const next = l.waiters.shift();
    if (next) next(true);
    else this.locks.delete(vmid);
  }

  lockHolder(vmid: number): string | undefined {
    return this.locks.get(vmid)?.holder;
  }

  /** Runs `fn` holding the VM's config lock, or answers PVE's lock timeout (500). */
  async withLock<T>(vmid: number, holder: string, fn: () => T | Promise<T>): Promise<T> {
    if (!(await this.acquireLock(vmid, holder))) throw fail(lockTimeoutMessage(vmid));
    try {
      return await fn();
    } finally {
      this.releaseLock(vmid);
    }
  }

  // ---- tasks -------------------------------------------------------------

  private taskDuration(type: string): number {
    const t = this.opts.taskMs;
    if (typeof t === 'number') return t;
    return t[type] ?? t.default ?? 0;
  }

  /**
   * Starts an async task and returns its UPID at once, like PVE's fork_worker:
   * `UPID:node:pid:pstart:starttime:type:id:user:` (hex fields).
   */
  startTask(work: TaskWork): string {
    const pid = 0x1000 + this.state.seq++;
    const starttime = Math.floor(this.now() / 1000);
    const pstart = (starttime % 0x1000000) * 100;
    const hex = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');
    const upid = `UPID:${work.node}:${hex(pid)}:${hex(pstart)}:${hex(starttime)}:${work.type}:${work.id}:${work.user}:`;
    const task: SimTask = {
      upid,
      node: work.node,
      type: work.type,
      id: work.id,
      user: work.user,
      pid,
      pstart,
      starttime,
      status: 'running',
      log: [],
      vmid: work.lockVmid,
    };
    this.state.tasks.push(task);
    if (this.state.tasks.length > 5000) this.state.tasks.splice(0, this.state.tasks.length - 5000);
    this.taskCreated.set(upid, this.now());
    const fault = this.takeTaskFault(work.type);
    this.track(this.runTask(task, work, fault));
    this.markDirty();
    return upid;
  }

  private takeTaskFault(type: string): TaskFault | undefined {
    const f = this.faults.tasks.find((t) => t.remaining > 0 && (!t.type || t.type === type));
    if (f) {
      f.remaining--;
      return f;
    }
    const r = this.faults.taskFailureRate;
    if (r && (!r.types || r.types.includes(type)) && this.rng() < r.rate) {
      return { remaining: 0, type, message: r.message };
    }
    return undefined;
  }

  private async runTask(
    task: SimTask,
    work: TaskWork,
    fault: TaskFault | undefined,
  ): Promise<void> {
    const log = (line: string) => task.log.push(line);
    let locked = false;
    try {
      if (work.lockVmid !== undefined) {
        locked = await this.acquireLock(work.lockVmid, task.upid);
        if (!locked) throw new TaskFailure(lockTimeoutMessage(work.lockVmid));
      }
      await this.delay(this.taskDuration(work.type));
      if (this.closed) throw new TaskFailure('interrupted by simulator shutdown');
      if (fault) throw new TaskFailure(fault.message);
      await work.run(log);
      task.exitstatus = 'OK';
      log('TASK OK');
    } catch (e) {
      const message = e instanceof Error ? e.message.replace(/\n$/, '') : String(e);
      if (!(e instanceof TaskFailure) && !(e instanceof SimHttpError)) {
        log(`simulator error: ${e instanceof Error ? e.stack : String(e)}`);
      }
      try {
        work.onFail?.(message);
      } catch {
        // cleanup is best effort, like PVE's
      }
      task.exitstatus = message;
      log(`TASK ERROR: ${message}`);
    } finally {
      if (locked && work.lockVmid !== undefined) this.releaseLock(work.lockVmid);
      task.status = 'stopped';
      task.endtime = Math.floor(this.now() / 1000);
      this.markDirty();
    }
  }

  task(upid: string): SimTask | undefined {
    return this.state.tasks.find((t) => t.upid === upid);
  }

  /** True while a just-created task should still look unknown (fault). */
  taskInvisible(upid: string): boolean {
    const created = this.taskCreated.get(upid);
    return created !== undefined && this.now() - created < this.faults.newTaskInvisibleMs;
  }

  // ---- timers, persistence -------------------------------------------------

  delay(ms: number): Promise<void> {
    if (ms <= 0 || this.closed) return new Promise((r) => setImmediate(r));
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.sleepers.delete(t);
        resolve();
      }, ms);
      this.sleepers.set(t, resolve);
    });
  }

  /** Schedules `fn` after `ms` (cancelled on close). */
  later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  track<T>(p: Promise<T>): Promise<T> {
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
    return p;
  }

  markDirty(): void {
    if (!this.statePath || this.closed || this.saveTimer) return;
    // Saving at most a twentieth of the time: a big state (hundreds of VMs) is not rewritten
    // back to back; it shared the machine with the daemon under test. `close` saves at once.
    this.saveTimer = setTimeout(
      () => {
        this.saveTimer = null;
        this.saveNow();
      },
      Math.max(50, 19 * this.lastSaveMs),
    );
  }

  /** Writes the state file atomically, mode 0600 (it holds token secrets). */
  saveNow(): void {
    if (!this.statePath) return;
    const started = performance.now();
    pruneBlobs(this.state);
    mkdirSync(dirname(this.statePath), { recursive: true });
    const tmp = `${this.statePath}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state), { mode: 0o600 });
    renameSync(tmp, this.statePath);
    this.lastSaveMs = performance.now() - started;
  }

  redact(params: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(params)) out[k] = SECRET_KEYS.test(k) ? '<redacted>' : v;
    return out;
  }

  nextRequestSeq(): number {
    return ++this.reqSeq;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    // Wake sleeping tasks: they see `closed` and end as interrupted.
    for (const [t, wake] of this.sleepers) {
      clearTimeout(t);
      wake();
    }
    this.sleepers.clear();
    for (const l of this.locks.values()) for (const w of l.waiters.splice(0)) w(false);
    await Promise.allSettled([...this.pending]);
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
    }
    this.saveNow();
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
