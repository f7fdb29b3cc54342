import { JOB_STATES, type JobRow, type JobState, listJobs, OPEN_JOB_STATES } from '@blockhost/host';
import type { Context } from '../context.js';
import type { CommandSpec } from '../framework/command.js';
import { CliError, EXIT, UsageError } from '../framework/errors.js';
import { cancelJob, requeueJob, requireJob } from '../job-control.js';
import { jobHint, runJobs } from '../run-jobs.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The stable JSON shape of a job (documented in the CLI README). */
export function jobView(j: JobRow) {
  return {
    id: j.id,
    subscriptionId: j.subscriptionId,
    kind: j.kind,
    state: j.state,
    step: j.step,
    attempts: j.attempts,
    lastError: j.lastError,
    node: j.node,
    runAfter: iso(j.runAfter),
    createdAt: iso(j.createdAt),
    updatedAt: iso(j.updatedAt),
    finishedAt: iso(j.finishedAt),
  };
}

function jobId(arg: string | undefined): number {
  if (!arg || !/^[0-9]+$/.test(arg) || !Number.isSafeInteger(Number(arg)))
    throw new UsageError(`expected a job id (a number), got ${JSON.stringify(arg ?? '')}`);
  return Number(arg);
}

function age(ms: number): string {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172_800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86_400)}d`;
}

const short = (s: string | null, n = 60) => (s && s.length > n ? `${s.slice(0, n - 1)}…` : s);

export const jobList: CommandSpec = {
  path: ['job', 'list'],
  summary: 'list jobs (default: queued, running, waiting for an operator, failed)',
  options: {
    state: {
      type: 'string',
      multiple: true,
      description: `only jobs in this state (${JOB_STATES.join(', ')}); repeatable`,
    },
    all: { type: 'boolean', description: 'every state, finished ones included' },
    subscription: { type: 'string', description: "only this subscription's jobs" },
    limit: { type: 'string', description: 'at most this many, newest first (default 100)' },
  },
  examples: [
    'blockhost job list',
    'blockhost job list --state needs_operator --json',
    'blockhost job list --all --subscription 7',
  ],
  json: true,
  async run(ctx, _p, v) {
    const wanted = (v.state as string[] | undefined) ?? [];
    for (const s of wanted)
      if (!JOB_STATES.includes(s as JobState))
        throw new UsageError(
          `--state: unknown state ${JSON.stringify(s)}; one of ${JOB_STATES.join(', ')}`,
        );
    if (wanted.length && v.all) throw new UsageError('--state and --all exclude each other');
    const limit = v.limit === undefined ? 100 : Number(v.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError('--limit: expected a positive integer');
    const sub = v.subscription as string | undefined;
    if (sub !== undefined && !/^[0-9]+$/.test(sub))
      throw new UsageError('--subscription: expected a subscription id (a number)');
    const states = wanted.length ? (wanted as JobState[]) : v.all ? JOB_STATES : OPEN_JOB_STATES;
    const rows = listJobs(ctx.db(), { states, limit: sub ? 100_000 : limit })
      .filter((j) => !sub || j.subscriptionId === BigInt(sub).toString())
      .slice(0, limit);
    ctx.out.data(rows.map(jobView));
    ctx.out.table(
      rows.map((j) => ({
        id: j.id,
        sub: j.subscriptionId,
        kind: j.kind,
        state: j.state,
        step: j.step,
        tries: j.attempts,
        age: age(j.createdAt),
        error: short(j.lastError),
      })),
      ['id', 'sub', 'kind', 'state', 'step', 'tries', 'age', 'error'],
    );
    return EXIT.ok;
  },
};

export const jobShow: CommandSpec = {
  path: ['job', 'show'],
  summary: 'show one job with its payload and last error',
  args: '<job-id>',
  positionals: [1, 1],
  examples: ['blockhost job show 12', 'blockhost job show 12 --json'],
  json: true,
  async run(ctx, [arg]) {
    const job = requireJob(ctx.db(), jobId(arg));
    const view = { ...jobView(job), payload: job.payload };
    ctx.out.data(view);
    ctx.out.fields({ ...view, payload: job.payload });
    if (job.state === 'needs_operator' || job.state === 'failed') ctx.out.line(`\n${jobHint(job)}`);
    return EXIT.ok;
  },
};

async function runAgain(ctx: Context, job: JobRow): Promise<number> {
  const r = await runJobs(ctx, [job.id]);
  const what = `job ${job.id} (${job.kind} of subscription ${job.subscriptionId})`;
  if (r.by === 'daemon') {
    ctx.out.data({ job: job.id, queued: true, runBy: 'daemon', state: 'queued', error: null });
    ctx.out.line(`${what} queued again; blockhostd runs it`);
    return EXIT.ok;
  }
  const done = r.jobs[0]!;
  ctx.out.data({
    job: done.id,
    queued: false,
    runBy: 'cli',
    state: done.state,
    error: done.lastError,
  });
  if (done.state !== 'done')
    throw new CliError(
      `${what} did not complete (${done.state.replace('_', ' ')}): ${done.lastError}`,
      EXIT.failed,
      jobHint(done),
    );
  ctx.out.line(`${what} done`);
  return EXIT.ok;
}

export const jobRetry: CommandSpec = {
  path: ['job', 'retry'],
  summary:
    'run a job that waits for an operator (or failed, or was cancelled) again, from its step',
  description:
    'Fix the cause first (`blockhost job show <id>` has the last error). The job gets a fresh retry\n' +
    'budget and runs now: by blockhostd if it is running, else in this process.',
  args: '<job-id>',
  positionals: [1, 1],
  examples: ['blockhost job retry 12'],
  json: true,
  async run(ctx, [arg]) {
    const job = requeueJob(ctx.db(), jobId(arg), Date.now());
    return runAgain(ctx, job);
  },
};

export const jobCancel: CommandSpec = {
  path: ['job', 'cancel'],
  summary: 'drop a queued job or one waiting for an operator; the lifecycle decides again',
  description:
    'The subscription is free for new work afterwards: the next lifecycle pass (blockhostd, or\n' +
    '`blockhost gc`) decides again what it needs, which may be the same job. To keep a VM as it is,\n' +
    'hold it with `blockhost vm suspend`. A cancelled provisioning marks its VM failed.',
  args: '<job-id>',
  positionals: [1, 1],
  examples: ['blockhost job cancel 12'],
  json: true,
  async run(ctx, [arg]) {
    const job = cancelJob(ctx.db(), jobId(arg), Date.now());
    ctx.out.data({
      job: job.id,
      subscriptionId: job.subscriptionId,
      kind: job.kind,
      state: job.state,
    });
    ctx.out.line(
      `job ${job.id} (${job.kind} of subscription ${job.subscriptionId}) cancelled; ` +
        'the lifecycle decides again on its next pass (`blockhost gc` shows what it would do)',
    );
    return EXIT.ok;
  },
};
