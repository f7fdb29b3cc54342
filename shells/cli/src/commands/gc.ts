import { isEffect, policyFromConfig, reconcile } from '@blockhost/core';
import { getCursor, loadLifecycleInput, scheduleLifecycle, trustSettings } from '@blockhost/host';
import type { CommandSpec } from '../framework/command.js';
import { CliError, EXIT } from '../framework/errors.js';
import { confirm } from '../framework/prompt.js';
import { recoverBeforeJobs } from '../recovery.js';
import { jobHint, runJobs } from '../run-jobs.js';

export const gc: CommandSpec = {
  path: ['gc'],
  summary:
    'show what the lifecycle rules would do now (suspend, resume, destroy…); --execute does it',
  description:
    'Runs the same reconcile as blockhostd, at the time of the newest scanned block. Without --execute it\n' +
    'changes nothing. With --execute the jobs are queued; blockhostd runs them if it is running, else\n' +
    'this command runs them to completion. blockhost-gc.timer runs `gc --execute --yes` daily.',
  options: { execute: { type: 'boolean', description: 'queue and run the actions' } },
  examples: ['blockhost gc', 'blockhost gc --execute --yes'],
  json: true,
  async run(ctx, _p, values) {
    const config = ctx.config();
    const db = ctx.db();
    const cursor = getCursor(db);
    if (!cursor || cursor.blockNumber < 0n) {
      throw new CliError(
        'the chain has not been scanned yet',
        EXIT.failed,
        'start blockhostd and let it catch up',
      );
    }
    const policy = policyFromConfig(config.db);
    const now = cursor.blockTimestamp;
    if (!values.execute) {
      const actions = reconcile({ ...loadLifecycleInput(db), now, policy });
      ctx.out.data({ chainTime: now, executed: false, actions });
      ctx.out.line(
        `at chain time ${new Date(now * 1000).toISOString()} (block ${cursor.blockNumber}):`,
      );
      ctx.out.table(
        actions.map((a) => ({
          sub: a.subscriptionId,
          action: a.kind,
          detail:
            'reason' in a
              ? a.reason
              : 'to' in a
                ? `to ${a.to}`
                : 'wallet' in a
                  ? `wallet ${a.wallet}`
                  : null,
        })),
      );
      ctx.out.line(
        actions.some(isEffect)
          ? '\ndry run: nothing changed; run with --execute to do it'
          : '\nnothing to do',
      );
      return EXIT.ok;
    }
    const preview = reconcile({ ...loadLifecycleInput(db), now, policy }).filter(isEffect);
    if (preview.some((a) => a.kind === 'destroy')) {
      const n = preview.filter((a) => a.kind === 'destroy').length;
      await confirm(`gc will destroy ${n} VM${n === 1 ? '' : 's'} past their grace period`, {
        yes: ctx.yes,
        stdin: ctx.stdin,
        stderr: ctx.stderr,
      });
    }
    // The journal must agree with the cluster before lifecycle jobs are queued.
    await recoverBeforeJobs(ctx);
    const guard = { maxClockSkewSeconds: trustSettings(config).maxClockSkewSeconds };
    const scheduled = scheduleLifecycle(db, now, policy, Date.now(), guard);
    if (scheduled.refused) {
      throw new CliError(
        `lifecycle decisions refused: ${scheduled.refused.detail}`,
        EXIT.failed,
        'check the RPC and the host clock (`blockhost doctor`); web3.max_clock_skew_seconds sets the tolerance',
      );
    }
    const r = await runJobs(
      ctx,
      scheduled.queued.map((q) => q.jobId),
    );
    const jobs =
      r.by === 'cli'
        ? r.jobs.map((j) => ({
            id: j.id,
            subscriptionId: j.subscriptionId,
            kind: j.kind,
            state: j.state,
            error: j.lastError,
          }))
        : [];
    ctx.out.data({ chainTime: now, executed: true, runBy: r.by, actions: scheduled.actions, jobs });
    if (r.by === 'daemon')
      ctx.out.line(`${scheduled.queued.length} job(s) queued; blockhostd runs them`);
    else
      ctx.out.table(
        jobs.map((j) => ({
          job: j.id,
          sub: j.subscriptionId,
          kind: j.kind,
          state: j.state,
          error: j.error,
        })),
      );
    const incomplete = r.by === 'cli' ? r.jobs.filter((j) => j.state !== 'done') : [];
    if (incomplete.length > 0) {
      throw new CliError(
        `${incomplete.length} of ${jobs.length} job${jobs.length === 1 ? '' : 's'} did not complete`,
        EXIT.failed,
        incomplete.length === 1
          ? jobHint(incomplete[0]!)
          : 'see `blockhost job list`; fix the cause, then `blockhost job retry <id>`',
      );
    }
    if (r.by === 'cli' && jobs.length === 0) ctx.out.line('nothing to do');
    return EXIT.ok;
  },
};
