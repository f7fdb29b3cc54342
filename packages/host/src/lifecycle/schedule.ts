import { type Action, type Policy, reconcile } from '@blockhost/core';
import { enqueueJob, type JobKind, setJobState, yieldingJobs } from '../db/jobs.js';
import type { Db } from '../db/open.js';
import { loadLifecycleInput, setAttention } from '../db/subscriptions.js';
import { createVm, latestVmOf } from '../db/vms.js';
import { recoveryIssues } from '../recovery/recover.js';

export interface ScheduleResult {
  /** Every action reconcile returned, attention included. */
  actions: Action[];
  /** Jobs created by this pass. */
  queued: { subscriptionId: string; kind: JobKind; jobId: number }[];
  /** Waiting jobs a customer's VM could fail, cancelled for a lifecycle action. */
  superseded: { subscriptionId: string; jobId: number; by: string }[];
  /** Set when the pass decided nothing, and why. */
  refused?: { reason: 'clock-skew'; detail: string };
}

export interface ScheduleGuard {
  /**
   * Refuse to decide when chain time and the host clock differ by more than this
   * (seconds): an RPC shifting block timestamps must not get a paid VM
   * suspended or destroyed. `null`: no check.
   */
  maxClockSkewSeconds: number | null;
}

/** Why chain time can not be trusted right now, or null. */
export function clockSkewRefusal(
  chainNow: number,
  wallNowMs: number,
  guard: ScheduleGuard | undefined,
): string | null {
  const max = guard?.maxClockSkewSeconds;
  if (max === null || max === undefined) return null;
  const skew = chainNow - Math.floor(wallNowMs / 1000);
  if (Math.abs(skew) <= max) return null;
  const at = new Date(chainNow * 1000).toISOString();
  return skew > 0
    ? `chain time (${at}) is ${skew} s ahead of the host clock (more than ${max} s): the RPC may be lying about block times, or the host clock is wrong`
    : `chain time (${at}) is ${-skew} s behind the host clock (more than ${max} s): the RPC is stuck or lagging, or the host clock is wrong`;
}

/** The first step each job kind starts with. */
export const FIRST_STEP: Record<JobKind, string> = {
  provision: 'allocate',
  suspend: 'suspend',
  resume: 'resume',
  destroy: 'destroy',
  mint: 'mint',
  syncOwner: 'sync',
};

/**
 * One lifecycle pass: read the journal, ask core's `reconcile` what to do at
 * chain time `now`, and turn each action into a durable job. Reading and
 * queueing happen in one write transaction, so two passes (the daemon and a
 * `blockhost gc --execute`) cannot queue the same work twice.
 */
export function scheduleLifecycle(
  db: Db,
  chainNow: number,
  policy: Policy,
  wallNow: number,
  guard?: ScheduleGuard,
): ScheduleResult {
  const skew = clockSkewRefusal(chainNow, wallNow, guard);
  if (skew)
    return {
      actions: [],
      queued: [],
      superseded: [],
      refused: { reason: 'clock-skew', detail: skew },
    };
  return db
    .transaction((): ScheduleResult => {
      const input = loadLifecycleInput(db);
      const actions = reconcile({ ...input, now: chainNow, policy });
      const queued: ScheduleResult['queued'] = [];
      const superseded: ScheduleResult['superseded'] = [];
      const yielding = yieldingJobs(db);
      const attention = new Map<string, { reason: string; detail?: string | undefined }>();
      for (const a of actions) {
        const sub = a.subscriptionId.toString();
        if (a.kind === 'attention') {
          attention.set(sub, { reason: a.reason, detail: a.detail });
          continue;
        }
        // A job the customer's VM can fail gives way to suspend, resume and destroy.
        const waiting = yielding.get(sub);
        if (waiting) {
          setJobState(db, waiting.id, 'cancelled', wallNow, `superseded by ${a.kind}`);
          superseded.push({ subscriptionId: sub, jobId: waiting.id, by: a.kind });
        }
        let vmId: number | null;
        let payload: Record<string, unknown>;
        if (a.kind === 'provision') {
          const key = input.subscriptions.find((s) => s.id === a.subscriptionId)?.instance;
          if (!key) throw new Error(`subscription ${sub} has no purchase key`);
          vmId = createVm(db, sub, key, a.owner, wallNow).id;
          payload = { planId: a.planId.toString(), owner: a.owner, reason: a.reason };
        } else {
          vmId = latestVmOf(db, sub)?.id ?? null;
          payload = actionPayload(a);
        }
        const job = enqueueJob(
          db,
          { subscriptionId: sub, vmId, kind: a.kind, step: FIRST_STEP[a.kind], payload },
          wallNow,
        );
        if (!job)
          throw new Error(
            `subscription ${sub} already has an active job; reconcile saw it as idle`,
          );
        queued.push({ subscriptionId: sub, kind: a.kind, jobId: job.id });
      }
      // What recovery could not settle needs a person too (a second VM, an address in use).
      for (const issue of recoveryIssues(db)) {
        if (!attention.has(issue.subscriptionId)) {
          attention.set(issue.subscriptionId, { reason: issue.reason, detail: issue.detail });
        }
      }
      setAttention(db, attention, wallNow);
      return { actions, queued, superseded };
    })
    .immediate();
}

function actionPayload(
  a: Exclude<Action, { kind: 'attention' | 'provision' }>,
): Record<string, unknown> {
  switch (a.kind) {
    case 'suspend':
      return { reason: a.reason, mode: a.mode, at: a.at };
    case 'resume':
      return {};
    case 'destroy':
      return { reason: a.reason };
    case 'mint':
      return { to: a.to };
    case 'syncOwner':
      return { tokenId: a.tokenId.toString(), wallet: a.wallet };
  }
}
