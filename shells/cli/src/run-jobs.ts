import { createJobRunner, getCursor, getJob, type JobRow, RunnerLease } from '@blockhost/daemon';
import type { Context } from './context.js';
import { startProgress } from './framework/progress.js';

export type RunOutcome = { by: 'daemon' } | { by: 'cli'; jobs: JobRow[] };

/**
 * Runs the given jobs to their end in this process, unless blockhostd is
 * running: then it already holds the job lease and will run them itself.
 */
export async function runJobs(ctx: Context, jobIds: readonly number[]): Promise<RunOutcome> {
  const db = ctx.db();
  const lease = new RunnerLease(db, 'cli');
  if (!lease.tryAcquire()) return { by: 'daemon' };
  try {
    if (jobIds.length === 0) return { by: 'cli', jobs: [] };
    const ports = await ctx.proxmox();
    const chain = ctx.chain();
    const runner = createJobRunner({
      db,
      config: ctx.config(),
      log: ctx.log,
      ports,
      clients: { publicClient: chain.publicClient, walletClient: chain.walletClient! },
      chainNow: () => getCursor(db)?.blockTimestamp ?? null,
    });
    const progress = startProgress(`running ${jobIds.length} job${jobIds.length === 1 ? '' : 's'}`);
    runner.start();
    const finished = () =>
      jobIds.map((id) => getJob(db, id)!).filter((j) => !['queued', 'running'].includes(j.state));
    for (;;) {
      const done = finished();
      progress.update(`running jobs: ${done.length}/${jobIds.length} finished`);
      if (done.length === jobIds.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await runner.stop();
    const jobs = jobIds.map((id) => getJob(db, id)!);
    const failed = jobs.filter((j) => j.state !== 'done').length;
    if (failed) progress.fail(`${failed} of ${jobs.length} jobs did not complete`);
    else progress.done(`${jobs.length} job${jobs.length === 1 ? '' : 's'} done`);
    return { by: 'cli', jobs };
  } finally {
    lease.release();
  }
}
