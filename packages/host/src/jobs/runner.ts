import {
  advanceJob,
  claimJob,
  getJob,
  type JobKind,
  type JobRow,
  nextRunAfter,
  retryJob,
  runnableJobs,
  setJobState,
  waitJob,
} from '../db/jobs.js';
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';

/** What one step of a job reports back. `apply` runs in the same transaction as the job's progress. */
export type StepOutcome =
  | {
      kind: 'next';
      step: string;
      patch?: Record<string, unknown>;
      node?: string;
      apply?: (db: Db) => void;
    }
  | { kind: 'done'; apply?: (db: Db) => void }
  | { kind: 'retry'; error: string }
  /**
   * Not a failure: something the step needs is not there yet (a final block, room in the
   * cluster, an API that answers). Try again in `ms` (default: the longest retry delay, or the
   * second retry delay when it is expected `soon`); no attempt is used up.
   */
  | { kind: 'wait'; reason: string; ms?: number; soon?: boolean }
  | { kind: 'fail'; error: string };

export interface JobDefinition {
  /** Runs `job.step`. Must be idempotent: after a crash the same step runs again. */
  run(job: JobRow, signal: AbortSignal): Promise<StepOutcome>;
  /** Out of attempts, or a permanent failure: what state the job and its VM land in. */
  giveUp(
    job: JobRow,
    error: string,
  ): { state: 'failed' | 'needs_operator' | 'cancelled'; apply?: (db: Db) => void };
}

export interface JobRunnerOptions {
  db: Db;
  definitions: Record<JobKind, JobDefinition>;
  log: Logger;
  /** Wall clock in ms (for backoff only; lifecycle decisions use chain time). */
  clock?: () => number;
  maxConcurrent: number;
  /** Provisioning jobs allowed at once per Proxmox node. */
  maxProvisionsPerNode: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  onFinished?: (job: JobRow, state: 'done' | 'failed' | 'needs_operator' | 'cancelled') => void;
  onStep?: (job: JobRow, step: string, outcome: StepOutcome['kind']) => void;
}

/**
 * Runs durable jobs from the journal: each step's result is committed before
 * the next starts, so SIGKILL at any instant loses at most the step in flight,
 * which simply runs again. Retries back off exponentially with jitter.
 */
export class JobRunner {
  readonly #o: JobRunnerOptions;
  readonly #clock: () => number;
  readonly #inFlight = new Map<number, { job: JobRow; done: Promise<void> }>();
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | null = null;
  #stopping = false;
  #started = false;

  constructor(options: JobRunnerOptions) {
    this.#o = options;
    this.#clock = options.clock ?? Date.now;
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  start(): void {
    this.#started = true;
    this.wake();
  }

  /** Look for work now (new jobs were queued). */
  wake(): void {
    if (!this.#started || this.#stopping) return;
    queueMicrotask(() => this.#pump());
  }

  /** Stops taking work; waits for steps in flight (up to `timeoutMs`), which leave their job queued. */
  async stop(timeoutMs = 30_000): Promise<void> {
    this.#stopping = true;
    if (this.#timer) clearTimeout(this.#timer);
    const all = Promise.all([...this.#inFlight.values()].map((f) => f.done));
    let t: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => {
      t = setTimeout(() => {
        this.#abort.abort();
        resolve();
      }, timeoutMs);
    });
    await Promise.race([all, deadline]);
    clearTimeout(t);
  }

  #nodeLoad(): Map<string, number> {
    const load = new Map<string, number>();
    for (const { job } of this.#inFlight.values()) {
      if (job.kind === 'provision' && job.node) load.set(job.node, (load.get(job.node) ?? 0) + 1);
    }
    return load;
  }

  #pump(): void {
    if (this.#stopping) return;
    const { db, maxConcurrent, maxProvisionsPerNode } = this.#o;
    const free = maxConcurrent - this.#inFlight.size;
    if (free > 0) {
      const load = this.#nodeLoad();
      for (const job of runnableJobs(db, this.#clock(), free * 4)) {
        if (this.#inFlight.size >= maxConcurrent) break;
        if (this.#inFlight.has(job.id)) continue;
        if (
          job.kind === 'provision' &&
          job.node &&
          (load.get(job.node) ?? 0) >= maxProvisionsPerNode
        )
          continue;
        if (!claimJob(db, job.id, this.#clock())) continue;
        if (job.kind === 'provision' && job.node) load.set(job.node, (load.get(job.node) ?? 0) + 1);
        const entry = { job: { ...job, state: 'running' as const }, done: Promise.resolve() };
        entry.done = this.#execute(entry).finally(() => {
          this.#inFlight.delete(job.id);
          this.wake();
        });
        this.#inFlight.set(job.id, entry);
      }
    }
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#stopping) return;
    const next = nextRunAfter(this.#o.db);
    if (next === null) return;
    const delay = Math.max(5, Math.min(next - this.#clock(), 60_000));
    this.#timer = setTimeout(() => this.#pump(), delay);
    this.#timer.unref?.();
  }

  #backoff(attempt: number): number {
    const { retryBaseMs, retryMaxMs } = this.#o;
    const exp = Math.min(retryMaxMs, retryBaseMs * 2 ** attempt);
    return Math.round(exp * (0.5 + Math.random() * 0.5));
  }

  async #execute(entry: { job: JobRow }): Promise<void> {
    const { db, definitions, log } = this.#o;
    for (;;) {
      const job = entry.job;
      const def = definitions[job.kind];
      let outcome: StepOutcome;
      try {
        outcome = await def.run(job, this.#abort.signal);
      } catch (e) {
        outcome = { kind: 'retry', error: `unexpected: ${(e as Error)?.message ?? String(e)}` };
      }
      this.#o.onStep?.(job, job.step, outcome.kind);
      const now = this.#clock();
      if (outcome.kind === 'next' || outcome.kind === 'done') {
        const o = outcome;
        try {
          db.transaction(() => {
            o.apply?.(db);
            if (o.kind === 'next') advanceJob(db, job.id, o.step, o.patch ?? {}, now, o.node);
            else setJobState(db, job.id, 'done', now, null);
          }).immediate();
        } catch (e) {
          // The journal refused the step's result (a constraint: another record holds what this
          // one claims). Rolled back whole; the step runs again and, after its attempts, is given
          // up like any failure. It never stops the daemon.
          outcome = {
            kind: 'retry',
            error: `recording step ${job.step}: ${(e as Error)?.message ?? String(e)}`,
          };
        }
      }
      switch (outcome.kind) {
        case 'next': {
          const fresh = getJob(db, job.id)!;
          const load = this.#nodeLoad();
          const nodeFull =
            fresh.kind === 'provision' &&
            fresh.node !== null &&
            job.node === null &&
            (load.get(fresh.node) ?? 0) >= this.#o.maxProvisionsPerNode;
          if (this.#stopping || nodeFull) {
            // Leave the rest for later: after shutdown, or once the node has room.
            setJobState(db, job.id, 'queued', now);
            return;
          }
          entry.job = fresh;
          continue;
        }
        case 'done':
          log.info({ job: job.id, kind: job.kind, subscription: job.subscriptionId }, 'job done');
          this.#o.onFinished?.(job, 'done');
          return;
        case 'wait': {
          const ms = outcome.ms ?? (outcome.soon ? this.#backoff(1) : this.#o.retryMaxMs);
          waitJob(db, job.id, outcome.reason, now + ms, now);
          // Logged when the reason changes, not at every look (a full cluster can last hours).
          if (job.lastError !== outcome.reason) {
            log.info(
              {
                job: job.id,
                kind: job.kind,
                step: job.step,
                subscription: job.subscriptionId,
                retryInMs: ms,
                reason: outcome.reason,
              },
              'job step waits',
            );
          }
          return;
        }
        case 'retry':
        case 'fail': {
          const attempts = job.attempts + 1;
          if (outcome.kind === 'retry' && attempts < this.#o.maxAttempts && !this.#stopping) {
            const delay = this.#backoff(job.attempts);
            retryJob(db, job.id, outcome.error, now + delay, now);
            log.warn(
              {
                job: job.id,
                kind: job.kind,
                step: job.step,
                attempt: attempts,
                retryInMs: delay,
                error: outcome.error,
              },
              'job step failed; will retry',
            );
            return;
          }
          if (outcome.kind === 'retry' && this.#stopping) {
            retryJob(db, job.id, outcome.error, now, now);
            return;
          }
          const verdict = def.giveUp(job, outcome.error);
          db.transaction(() => {
            verdict.apply?.(db);
            setJobState(db, job.id, verdict.state, now, outcome.error);
          }).immediate();
          // Cancelled: nothing is left to do (the subscription is gone); not an operator's matter.
          (verdict.state === 'cancelled' ? log.info : log.error).call(
            log,
            {
              job: job.id,
              kind: job.kind,
              step: job.step,
              subscription: job.subscriptionId,
              error: outcome.error,
            },
            verdict.state === 'failed'
              ? 'job failed'
              : verdict.state === 'cancelled'
                ? 'job cancelled: its subscription is no longer on chain'
                : 'job needs an operator',
          );
          this.#o.onFinished?.(job, verdict.state);
          return;
        }
      }
    }
  }
}
