import { capStoredText } from './cap.js';
import type { Db } from './open.js';

export type JobKind = 'provision' | 'suspend' | 'resume' | 'destroy' | 'mint' | 'syncOwner';
/** Every job state, in the order an operator reads them (the CLI lists them so). */
export const JOB_STATES = [
  'queued',
  'running',
  'needs_operator',
  'failed',
  'done',
  'cancelled',
] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States that hold a subscription: no other job may start for it. */
export const ACTIVE_JOB_STATES: readonly JobState[] = ['queued', 'running', 'needs_operator'];

/** States that want an operator's eye: the active ones and the failed. */
export const OPEN_JOB_STATES: readonly JobState[] = [...ACTIVE_JOB_STATES, 'failed'];

const inList = (states: readonly JobState[]) => states.map((s) => `'${s}'`).join(', ');

export interface JobRow {
  id: number;
  subscriptionId: string;
  vmId: number | null;
  kind: JobKind;
  state: JobState;
  step: string;
  attempts: number;
  runAfter: number;
  payload: Record<string, unknown>;
  lastError: string | null;
  node: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

interface Raw {
  id: number;
  subscription_id: string;
  vm_id: number | null;
  kind: JobKind;
  state: JobState;
  step: string;
  attempts: number;
  run_after: number;
  payload: string;
  last_error: string | null;
  node: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

const toRow = (r: Raw): JobRow => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  vmId: r.vm_id,
  kind: r.kind,
  state: r.state,
  step: r.step,
  attempts: r.attempts,
  runAfter: r.run_after,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  lastError: r.last_error,
  node: r.node,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  finishedAt: r.finished_at,
});

const json = (v: unknown) =>
  JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));

export interface NewJob {
  subscriptionId: string;
  vmId: number | null;
  kind: JobKind;
  step: string;
  payload: Record<string, unknown>;
  node?: string | null;
}

/** Queues a job unless the subscription already has an active one (returns null then). */
export function enqueueJob(db: Db, job: NewJob, now: number): JobRow | null {
  const r = db
    .prepare(
      `INSERT INTO jobs (subscription_id, vm_id, kind, state, step, run_after, payload, node, created_at, updated_at)
       VALUES (?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING RETURNING *`,
    )
    .get(
      job.subscriptionId,
      job.vmId,
      job.kind,
      job.step,
      now,
      json(job.payload),
      job.node ?? null,
      now,
      now,
    ) as Raw | undefined;
  return r ? toRow(r) : null;
}

export function getJob(db: Db, id: number): JobRow | null {
  const r = db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as Raw | undefined;
  return r ? toRow(r) : null;
}

export function activeJobSubscriptions(db: Db): Set<string> {
  const rows = db
    .prepare(`SELECT subscription_id FROM jobs WHERE state IN (${inList(ACTIVE_JOB_STATES)})`)
    .all() as { subscription_id: string }[];
  return new Set(rows.map((r) => r.subscription_id));
}

/** Queued jobs whose backoff has passed, oldest first. */
export function runnableJobs(db: Db, now: number, limit: number): JobRow[] {
  return (
    db
      .prepare(
        `SELECT * FROM jobs WHERE state = 'queued' AND run_after <= ? ORDER BY run_after, id LIMIT ?`,
      )
      .all(now, limit) as Raw[]
  ).map(toRow);
}

export function nextRunAfter(db: Db): number | null {
  const r = db.prepare(`SELECT MIN(run_after) AS t FROM jobs WHERE state = 'queued'`).get() as {
    t: number | null;
  };
  return r.t;
}

export function setJobState(
  db: Db,
  id: number,
  state: JobState,
  now: number,
  error?: string | null,
): void {
  const finished = state === 'done' || state === 'failed' || state === 'cancelled' ? now : null;
  db.prepare(
    `UPDATE jobs SET state = ?, updated_at = ?, finished_at = ?, last_error = COALESCE(?, last_error) WHERE id = ?`,
  ).run(state, now, finished, capStoredText(error ?? null), id);
}

/** Marks a queued job running; false when another runner got it first. */
export function claimJob(db: Db, id: number, now: number): boolean {
  return (
    db
      .prepare(
        `UPDATE jobs SET state = 'running', updated_at = ? WHERE id = ? AND state = 'queued'`,
      )
      .run(now, id).changes === 1
  );
}

/** Records a completed step: the next step, merged outputs, attempts reset. */
export function advanceJob(
  db: Db,
  id: number,
  step: string,
  payloadPatch: Record<string, unknown>,
  now: number,
  node?: string | null,
): void {
  const job = getJob(db, id);
  if (!job) return;
  const payload = { ...job.payload, ...payloadPatch };
  db.prepare(
    `UPDATE jobs SET step = ?, payload = ?, attempts = 0, updated_at = ?, node = COALESCE(?, node) WHERE id = ?`,
  ).run(step, json(payload), now, node ?? null, id);
}

/** A failed attempt: back to the queue after `runAfter`. */
/** Queues a job again after a failed step; `countAttempt: false` for waiting (no attempt spent). */
export function retryJob(
  db: Db,
  id: number,
  error: string,
  runAfter: number,
  now: number,
  countAttempt = true,
): void {
  db.prepare(
    `UPDATE jobs SET state = 'queued', attempts = attempts + ?, last_error = ?, run_after = ?, updated_at = ? WHERE id = ?`,
  ).run(countAttempt ? 1 : 0, capStoredText(error), runAfter, now, id);
}

/** After a crash, jobs that were running are simply run again: every step is idempotent. */
export function requeueInterrupted(db: Db, now: number): number {
  return db
    .prepare(
      `UPDATE jobs SET state = 'queued', run_after = ?, updated_at = ? WHERE state = 'running'`,
    )
    .run(now, now).changes;
}

export function listJobs(
  db: Db,
  options: { states?: readonly JobState[]; limit?: number } = {},
): JobRow[] {
  const states = options.states ?? JOB_STATES;
  const marks = states.map(() => '?').join(', ');
  return (
    db
      .prepare(`SELECT * FROM jobs WHERE state IN (${marks}) ORDER BY id DESC LIMIT ?`)
      .all(...states, options.limit ?? 1000) as Raw[]
  ).map(toRow);
}

export function countJobsByState(db: Db): Record<JobState, number> {
  const out: Record<JobState, number> = {
    queued: 0,
    running: 0,
    done: 0,
    failed: 0,
    needs_operator: 0,
    cancelled: 0,
  };
  for (const r of db.prepare('SELECT state, COUNT(*) AS n FROM jobs GROUP BY state').all() as {
    state: JobState;
    n: number;
  }[]) {
    out[r.state] = r.n;
  }
  return out;
}

export function runningCountByNode(db: Db, kind: JobKind): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of db
    .prepare(
      `SELECT node, COUNT(*) AS n FROM jobs WHERE state = 'running' AND kind = ? AND node IS NOT NULL GROUP BY node`,
    )
    .all(kind) as { node: string; n: number }[]) {
    out.set(r.node, r.n);
  }
  return out;
}
