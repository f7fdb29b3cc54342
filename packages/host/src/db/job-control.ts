/**
 * An operator's hand on the job journal: run a stuck job again, or drop it.
 *
 * Each change is conditional on the state it expects and runs in an
 * IMMEDIATE transaction, so a runner claiming the job at the same moment
 * wins cleanly and the caller gets a `JobControlError` saying so instead of
 * trampling it. Used by `blockhost job retry|cancel`.
 */
import { ACTIVE_JOB_STATES, getJob, type JobRow, listJobs } from './jobs.js';
import type { Db } from './open.js';
import { latestVmOf, updateVm } from './vms.js';

/** Why a job could not be retried or cancelled. */
export type JobControlReason =
  | 'unknown-job'
  | 'running'
  | 'not-retryable'
  | 'not-cancellable'
  | 'other-active-job'
  | 'outdated'
  | 'vm-gone'
  | 'changed';

export class JobControlError extends Error {
  override readonly name = 'JobControlError';
  constructor(
    readonly reason: JobControlReason,
    message: string,
    /** What the operator can do about it. */
    readonly hint?: string | undefined,
  ) {
    super(message);
  }
}

const RETRYABLE: readonly JobRow['state'][] = ['needs_operator', 'failed', 'cancelled', 'queued'];
const CANCELLABLE: readonly JobRow['state'][] = ['queued', 'needs_operator'];

/** The job `id`; a `JobControlError` ('unknown-job') when the journal has none. */
export function requireJob(db: Db, id: number): JobRow {
  const job = getJob(db, id);
  if (!job)
    throw new JobControlError(
      'unknown-job',
      `no job ${id} in the journal`,
      'see `blockhost job list --all`',
    );
  return job;
}

function describe(job: JobRow): string {
  return `job ${job.id} (${job.kind} of subscription ${job.subscriptionId})`;
}

/**
 * Puts a job back in the queue at the step it stopped at, with a fresh
 * retry budget, to run now. A failed or cancelled job must still be the
 * subscription's newest, on its newest VM; a failed provisioning puts its
 * VM back to `provisioning` (its allocations were kept).
 */
export function requeueJob(db: Db, id: number, now: number): JobRow {
  return db
    .transaction(() => {
      const job = requireJob(db, id);
      if (job.state === 'running')
        throw new JobControlError(
          'running',
          `${describe(job)} is running right now`,
          'a running step cannot be interrupted; wait for it (`blockhost job show`)',
        );
      if (!RETRYABLE.includes(job.state))
        throw new JobControlError(
          'not-retryable',
          `${describe(job)} is ${job.state}; nothing to retry`,
        );
      if (job.state === 'failed' || job.state === 'cancelled') {
        const other = listJobs(db, { states: ACTIVE_JOB_STATES }).find(
          (j) => j.subscriptionId === job.subscriptionId,
        );
        if (other)
          throw new JobControlError(
            'other-active-job',
            `subscription ${job.subscriptionId} already has job ${other.id} (${other.kind}, ${other.state.replace('_', ' ')})`,
            `retry or cancel that one: \`blockhost job show ${other.id}\``,
          );
        const newer = db
          .prepare('SELECT id FROM jobs WHERE subscription_id = ? AND id > ? LIMIT 1')
          .get(job.subscriptionId, job.id) as { id: number } | undefined;
        if (newer)
          throw new JobControlError(
            'outdated',
            `${describe(job)} is outdated: job ${newer.id} came after it`,
            'the lifecycle moved on; see `blockhost gc` for what it would do now',
          );
        const vm = latestVmOf(db, job.subscriptionId);
        if (!vm || vm.id !== job.vmId || vm.state === 'destroyed')
          throw new JobControlError(
            'vm-gone',
            `${describe(job)} belongs to a VM that is gone or replaced`,
            'the lifecycle moved on; see `blockhost gc` for what it would do now',
          );
        if (job.kind === 'provision' && vm.state === 'failed')
          updateVm(db, vm.id, { state: 'provisioning', failure: null }, now);
      }
      const changed = db
        .prepare(
          `UPDATE jobs SET state = 'queued', attempts = 0, run_after = ?, updated_at = ?, finished_at = NULL
           WHERE id = ? AND state = ?`,
        )
        .run(now, now, id, job.state).changes;
      if (changed !== 1)
        throw new JobControlError('changed', `${describe(job)} changed meanwhile; try again`);
      return getJob(db, id)!;
    })
    .immediate();
}

/**
 * Drops a queued or waiting job. A cancelled provisioning leaves its VM
 * `failed` (the lifecycle then flags it, or removes it when unpaid), since a
 * VM record stuck in `provisioning` would never be looked at again.
 */
export function cancelJob(db: Db, id: number, now: number): JobRow {
  return db
    .transaction(() => {
      const job = requireJob(db, id);
      if (!CANCELLABLE.includes(job.state))
        throw new JobControlError(
          'not-cancellable',
          `${describe(job)} is ${job.state.replace('_', ' ')}; only queued or waiting jobs can be cancelled`,
          job.state === 'running' ? 'a running step cannot be interrupted; wait for it' : undefined,
        );
      const changed = db
        .prepare(
          `UPDATE jobs SET state = 'cancelled', updated_at = ?, finished_at = ? WHERE id = ? AND state = ?`,
        )
        .run(now, now, id, job.state).changes;
      if (changed !== 1)
        throw new JobControlError('changed', `${describe(job)} changed meanwhile; try again`);
      if (job.kind === 'provision' && job.vmId !== null) {
        const vm = latestVmOf(db, job.subscriptionId);
        if (vm && vm.id === job.vmId && vm.state === 'provisioning')
          updateVm(
            db,
            vm.id,
            { state: 'failed', failure: 'provisioning cancelled by the operator' },
            now,
          );
      }
      return getJob(db, id)!;
    })
    .immediate();
}
