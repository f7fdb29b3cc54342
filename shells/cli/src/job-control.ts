/**
 * An operator's hand on the job journal: run a stuck job again, or drop it.
 *
 * The daemon library has no requeue/cancel functions yet, so the two
 * statements below write its `jobs` and `vms` tables directly. Each is
 * conditional on the state it expects and runs in an IMMEDIATE transaction,
 * so a runner claiming the job at the same moment wins cleanly and the CLI
 * reports that instead of trampling it. (Asked for in the CLI's report:
 * `requeueJob`/`cancelJob` in @blockhost/daemon.)
 */
import {
  ACTIVE_JOB_STATES,
  type Db,
  getJob,
  type JobRow,
  latestVmOf,
  listJobs,
  updateVm,
} from '@blockhost/daemon';
import { CliError, EXIT } from './framework/errors.js';

const RETRYABLE: readonly JobRow['state'][] = ['needs_operator', 'failed', 'cancelled', 'queued'];
const CANCELLABLE: readonly JobRow['state'][] = ['queued', 'needs_operator'];

export function requireJob(db: Db, id: number): JobRow {
  const job = getJob(db, id);
  if (!job)
    throw new CliError(
      `no job ${id} in the journal`,
      EXIT.failed,
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
        throw new CliError(
          `${describe(job)} is running right now`,
          EXIT.failed,
          'a running step cannot be interrupted; wait for it (`blockhost job show`)',
        );
      if (!RETRYABLE.includes(job.state))
        throw new CliError(`${describe(job)} is ${job.state}; nothing to retry`, EXIT.failed);
      if (job.state === 'failed' || job.state === 'cancelled') {
        const other = listJobs(db, { states: ACTIVE_JOB_STATES }).find(
          (j) => j.subscriptionId === job.subscriptionId,
        );
        if (other)
          throw new CliError(
            `subscription ${job.subscriptionId} already has job ${other.id} (${other.kind}, ${other.state.replace('_', ' ')})`,
            EXIT.failed,
            `retry or cancel that one: \`blockhost job show ${other.id}\``,
          );
        const newer = db
          .prepare('SELECT id FROM jobs WHERE subscription_id = ? AND id > ? LIMIT 1')
          .get(job.subscriptionId, job.id) as { id: number } | undefined;
        if (newer)
          throw new CliError(
            `${describe(job)} is outdated: job ${newer.id} came after it`,
            EXIT.failed,
            'the lifecycle moved on; see `blockhost gc` for what it would do now',
          );
        const vm = latestVmOf(db, job.subscriptionId);
        if (!vm || vm.id !== job.vmId || vm.state === 'destroyed')
          throw new CliError(
            `${describe(job)} belongs to a VM that is gone or replaced`,
            EXIT.failed,
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
        throw new CliError(`${describe(job)} changed meanwhile; try again`, EXIT.failed);
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
        throw new CliError(
          `${describe(job)} is ${job.state.replace('_', ' ')}; only queued or waiting jobs can be cancelled`,
          EXIT.failed,
          job.state === 'running' ? 'a running step cannot be interrupted; wait for it' : undefined,
        );
      const changed = db
        .prepare(
          `UPDATE jobs SET state = 'cancelled', updated_at = ?, finished_at = ? WHERE id = ? AND state = ?`,
        )
        .run(now, now, id, job.state).changes;
      if (changed !== 1)
        throw new CliError(`${describe(job)} changed meanwhile; try again`, EXIT.failed);
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
