import { createJobRunner, getCursor, getJob, type JobRow, RunnerLease } from '@blockhost/host';
import type { Context } from './context.js';

export type RunOutcome = { by: 'daemon' } | { by: 'cli'; jobs: JobRow[] };

/**
 * A job the CLI stopped waiting for: done, given up, or back in the queue after a failed attempt
 * or to wait for something outside (an API that does not answer, a final block, room).
 */
function settled(job: JobRow, attemptsBefore: number, putBack: ReadonlySet<number>): boolean {
  if (job.state !== 'queued' && job.state !== 'running') return true;
  return putBack.has(job.id) || (job.state === 'queued' && job.attempts > attemptsBefore);
}

/**
 * Runs the given jobs in this process, unless blockhostd is running: then it
 * already holds the job lease and will run them itself.
 *
 * The CLI waits for each job to finish, or for its first failed attempt or
 * wait: the daemon backs off for minutes between retries and waits out what
 * is outside its control, which nobody at a terminal wants to sit through. Such a job stays queued (blockhostd retries it, or
 * `blockhost job retry` runs it again now) and is returned in state `queued`
 * with its `lastError`.
 */
export async function runJobs(ctx: Context, jobIds: readonly number[]): Promise<RunOutcome> {
  const db = ctx.db();
  const lease = new RunnerLease(db, 'cli');
  if (!lease.tryAcquire()) return { by: 'daemon' };
  try {
    if (jobIds.length === 0) return { by: 'cli', jobs: [] };
    const ports = await ctx.proxmox();
    const chain = ctx.chain();
    const before = new Map(jobIds.map((id) => [id, getJob(db, id)?.attempts ?? 0]));
    const putBack = new Set<number>();
    const runner = createJobRunner({
      db,
      config: ctx.config(),
      log: ctx.log,
      ports,
      clients: { publicClient: chain.publicClient, walletClient: chain.walletClient! },
      chainNow: () => getCursor(db)?.blockTimestamp ?? null,
      // The job's state is written after this call; `runner.stop()` waits for that.
      onStep: (job, _step, outcome) => {
        if (outcome !== 'next' && outcome !== 'done') putBack.add(job.id);
      },
    });
    const n = jobIds.length;
    const progress = ctx.progress(`running ${n} job${n === 1 ? '' : 's'}`);
    runner.start();
    const current = () => jobIds.map((id) => getJob(db, id)!);
    for (;;) {
      const done = current().filter((j) => settled(j, before.get(j.id) ?? 0, putBack)).length;
      progress.update(`running jobs: ${done}/${n} finished`);
      if (done === n) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await runner.stop();
    const jobs = current();
    const failed = jobs.filter((j) => j.state !== 'done').length;
    if (failed) progress.fail(`${failed} of ${n} job${n === 1 ? '' : 's'} did not complete`);
    else progress.done(`${n} job${n === 1 ? '' : 's'} done`);
    return { by: 'cli', jobs };
  } finally {
    lease.release();
  }
}

/** The operator's next move for a job that did not complete. */
export function jobHint(job: JobRow): string {
  if (job.state === 'queued')
    return `job ${job.id} stays queued: blockhostd retries it, or fix the cause and run \`blockhost job retry ${job.id}\`; \`blockhost job cancel ${job.id}\` drops it`;
  if (job.state === 'needs_operator' || job.state === 'failed')
    return `fix the cause, then \`blockhost job retry ${job.id}\`, or \`blockhost job cancel ${job.id}\``;
  return `see \`blockhost job show ${job.id}\``;
}
