/**
 * Recovery: brings the journal back to the Proxmox cluster's truth before any
 * lifecycle decision is taken — after a lost journal, a replaced host, a
 * journal restored from an old backup, or (run periodically) anything else
 * that made the two disagree. The decision is core's `planRecovery`; this
 * reads both sides and applies the plan in one transaction.
 */
import { eventKeyTransaction } from '@blockhost/chain';
import {
  type ClusterVm,
  type Deployment,
  type JournalVmRecord,
  planRecovery,
  type RecoveryAction,
  type RecoverySubscription,
  vmName,
} from '@blockhost/core';
import { adoptedPurchaseKey } from '../db/adopted-purchase.js';
import { allocationsOf, recordAllocation, releaseAllocations } from '../db/allocations.js';
import { activeJobSubscriptions } from '../db/jobs.js';
import type { Db } from '../db/open.js';
import { listSubscriptions } from '../db/subscriptions.js';
import { listVms, updateVm } from '../db/vms.js';
import type { ClusterInventory, PortError } from '../jobs/ports.js';

export interface RecoveryReport {
  /** VMs the journal had no record of, now adopted with their VMID and addresses. */
  adopted: {
    subscriptionId: string;
    vmid: number;
    node: string;
    state: string;
    ipv4: string | null;
    ipv6: string | null;
  }[];
  /** Records that now follow their VM's VMID, node or addresses. */
  relocated: { subscriptionId: string; vmid: number; why: string }[];
  /** Records whose state now follows their VM (suspended or resumed since the journal knew). */
  restated: { subscriptionId: string; state: string }[];
  /** Records whose VM is no longer in the cluster (their allocations released). */
  gone: { subscriptionId: string; vmid: number | null }[];
  /** What needs a person; nothing was changed for these. */
  conflicts: { subscriptionId: string; vmid: number; reason: string; detail: string }[];
}

export interface RecoverParameters {
  db: Db;
  deployment: Deployment;
  inspect: () => Promise<{ ok: true; value: ClusterInventory } | { ok: false; error: PortError }>;
  /** Chain time of a block (dates a cancellation the journal knows by block number). */
  blockTime: (blockNumber: bigint) => Promise<number | null>;
  /**
   * The chain's head now: bounds the purchase of a VM adopted for a subscription the journal
   * does not have (its purchase was on chain before the VM, so at or before this block).
   */
  headBlock?: () => Promise<bigint | null>;
  /** Compute the plan only (`blockhost recover` without `--execute`). */
  dryRun?: boolean;
  now?: () => number;
}

export type RecoverResult =
  | { ok: true; report: RecoveryReport; plan: RecoveryAction[] }
  | { ok: false; error: PortError };

/** The journal's view of its VM records, for `planRecovery`. */
function journalRecords(db: Db): JournalVmRecord[] {
  const busy = activeJobSubscriptions(db);
  return listVms(db, { includeDestroyed: true }).map((v) => {
    const held = allocationsOf(db, v.id);
    return {
      id: v.id,
      subscriptionId: BigInt(v.subscriptionId),
      state: v.state,
      vmid: held.vmid === undefined ? v.vmid : Number(held.vmid),
      ipv4: held.ipv4 ?? null,
      ipv6: held.ipv6 ?? null,
      busy: busy.has(v.subscriptionId),
    };
  });
}

/** When each cancelled subscription was cancelled (chain time of its event's block). */
async function cancellations(
  db: Db,
  ids: readonly string[],
  blockTime: RecoverParameters['blockTime'],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const id of ids) {
    const row = db
      .prepare(
        `SELECT block_number FROM events WHERE name = 'SubscriptionCancelled' AND subscription_id = ?
           AND removed = 0 ORDER BY block_number DESC LIMIT 1`,
      )
      .get(id) as { block_number: number } | undefined;
    if (!row) continue;
    const t = await blockTime(BigInt(row.block_number));
    if (t !== null) out.set(id, t);
  }
  return out;
}

/**
 * Compares the journal with the deployment's VMs in the cluster and applies
 * what core's `planRecovery` says. Records a job is working on are never
 * touched (the plan leaves them, and the transaction checks again).
 */
export async function recoverFromCluster(p: RecoverParameters): Promise<RecoverResult> {
  const now = p.now ?? Date.now;
  // The cluster is read over seconds while jobs go on: what changes in the journal meanwhile is
  // newer than this picture of the cluster and is left to the next pass.
  const inspectedFrom = now();
  const inv = await p.inspect();
  if (!inv.ok) return inv;
  const { db } = p;
  const subs = listSubscriptions(db);
  const subById = new Map(subs.map((s) => [s.id, s]));
  // Only suspended VMs of cancelled subscriptions need the date of the cancellation.
  const suspendedSubs = new Set(
    inv.value.deployment.filter((v) => v.suspended).map((v) => v.subscriptionId.toString()),
  );
  const cancelledAt = await cancellations(
    db,
    subs.filter((s) => s.cancelled && suspendedSubs.has(s.id)).map((s) => s.id),
    p.blockTime,
  );
  const chain = new Map<bigint, RecoverySubscription>(
    subs.map((s) => [
      BigInt(s.id),
      { id: BigInt(s.id), expiresAt: s.expiresAt, cancelledAt: cancelledAt.get(s.id) ?? null },
    ]),
  );
  const plan = planRecovery({
    journal: journalRecords(db),
    cluster: inv.value.deployment,
    subscriptions: chain,
  });
  const report = reportOf(plan);
  if (p.dryRun || plan.length === 0) return { ok: true, report, plan };
  // The subscription's current purchase, if it is the one the VM was made for (as far as its
  // description tells): a reorg may have put another buyer's purchase under the same id, and
  // their VM must not be handed over with the customer's data on it.
  const purchaseOfVm = (vm: ClusterVm) => {
    const sub = subById.get(vm.subscriptionId.toString());
    if (!sub) return null;
    const tx = eventKeyTransaction(sub.createdKey);
    return !vm.purchase || !tx || tx === vm.purchase.toLowerCase() ? sub.createdKey : null;
  };
  const unknownPurchase = plan.some((a) => a.kind === 'adopt' && purchaseOfVm(a.vm) === null);
  const head = unknownPurchase && p.headBlock ? await p.headBlock() : null;

  db.transaction(() => {
    // A job may have started since the plan was made: its subscription is its job's.
    const busy = activeJobSubscriptions(db);
    // …or has ended since the cluster was read (its VM may be newer than the picture): left too.
    const changed = changedSince(db, inspectedFrom);
    const idle = (sub: bigint) => !busy.has(sub.toString()) && !changed.has(sub.toString());
    const t = now();
    const rows = new Map(listVms(db, { includeDestroyed: true }).map((v) => [v.id, v]));
    for (const a of plan) {
      if (a.kind !== 'gone' || !idle(a.subscriptionId)) continue;
      releaseAllocations(db, a.id);
      updateVm(db, a.id, { state: 'destroyed' }, t);
    }
    const moves = plan.filter(
      (a): a is Extract<RecoveryAction, { kind: 'relocate' }> =>
        a.kind === 'relocate' && idle(a.vm.subscriptionId),
    );
    // Release first, then assign: two records may swap VMIDs or addresses.
    for (const m of moves) releaseAllocations(db, m.id);
    for (const m of moves) {
      hold(db, m.id, m.vm.vmid, m.vm.ipv4, m.vm.ipv6);
      updateVm(db, m.id, { node: m.vm.node, vmid: m.vm.vmid, ipv4: m.vm.ipv4, ipv6: m.vm.ipv6 }, t);
    }
    for (const a of plan) {
      if (a.kind !== 'restate' || !idle(a.subscriptionId)) continue;
      const keepDate = a.state === 'suspended' && rows.get(a.id)?.suspendedAt;
      updateVm(
        db,
        a.id,
        keepDate ? { state: a.state } : { state: a.state, suspendedAt: a.suspendedAt },
        t,
      );
    }
    for (const a of plan) {
      if (a.kind !== 'adopt' || !idle(a.vm.subscriptionId)) continue;
      const sub = subById.get(a.vm.subscriptionId.toString());
      const name = vmName(p.deployment, a.vm.subscriptionId);
      const prev = [...rows.values()]
        .filter((r) => r.subscriptionId === a.vm.subscriptionId.toString())
        .reduce((g, r) => Math.max(g, r.generation), 0);
      const inserted = db
        .prepare(
          `INSERT INTO vms (subscription_id, subscription_key, generation, state, node, vmid, name, ipv4, ipv6,
             suspended_at, allowed_wallet, adopted_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(
          a.vm.subscriptionId.toString(),
          // The purchase it serves: the subscription's current one (a VM of a purchase the
          // chain no longer has is then destroyed by reconcile, as any such VM).
          purchaseOfVm(a.vm) ?? adoptedPurchaseKey(a.vm.vmid, head),
          prev + 1,
          a.state,
          a.vm.node,
          a.vm.vmid,
          name.isOk() ? name.value : null,
          a.vm.ipv4,
          a.vm.ipv6,
          a.suspendedAt,
          a.vm.owner ?? sub?.tokenOwner ?? sub?.subscriber ?? null,
          t,
          t,
          t,
        ) as { id: number };
      hold(db, inserted.id, a.vm.vmid, a.vm.ipv4, a.vm.ipv6);
    }
    db.prepare('DELETE FROM recovery_issues').run();
    const issue = db.prepare(
      'INSERT OR REPLACE INTO recovery_issues (subscription_id, vmid, reason, detail, seen_at) VALUES (?, ?, ?, ?, ?)',
    );
    for (const c of report.conflicts) issue.run(c.subscriptionId, c.vmid, c.reason, c.detail, t);
  }).immediate();
  return { ok: true, report, plan };
}

function hold(db: Db, vmId: number, vmid: number, ipv4: string | null, ipv6: string | null) {
  recordAllocation(db, vmId, 'vmid', String(vmid));
  if (ipv4 !== null) recordAllocation(db, vmId, 'ipv4', ipv4);
  if (ipv6 !== null) recordAllocation(db, vmId, 'ipv6', ipv6);
}

function reportOf(plan: RecoveryAction[]): RecoveryReport {
  const r: RecoveryReport = { adopted: [], relocated: [], restated: [], gone: [], conflicts: [] };
  for (const a of plan) {
    if (a.kind === 'adopt') {
      r.adopted.push({
        subscriptionId: a.vm.subscriptionId.toString(),
        vmid: a.vm.vmid,
        node: a.vm.node,
        state: a.state,
        ipv4: a.vm.ipv4,
        ipv6: a.vm.ipv6,
      });
    } else if (a.kind === 'relocate') {
      r.relocated.push({
        subscriptionId: a.vm.subscriptionId.toString(),
        vmid: a.vm.vmid,
        why: a.why,
      });
    } else if (a.kind === 'restate') {
      r.restated.push({ subscriptionId: a.subscriptionId.toString(), state: a.state });
    } else if (a.kind === 'gone') {
      r.gone.push({ subscriptionId: a.subscriptionId.toString(), vmid: a.vmid });
    } else {
      r.conflicts.push({
        subscriptionId: a.subscriptionId.toString(),
        vmid: a.vmid,
        reason: a.reason,
        detail: a.detail,
      });
    }
  }
  return r;
}

/** The conflicts the last recovery left (for `blockhost doctor`, attention and metrics). */
export function recoveryIssues(db: Db): RecoveryReport['conflicts'] {
  return (
    db.prepare('SELECT * FROM recovery_issues ORDER BY subscription_id, vmid').all() as {
      subscription_id: string;
      vmid: number;
      reason: string;
      detail: string;
    }[]
  ).map((r) => ({
    subscriptionId: r.subscription_id,
    vmid: r.vmid,
    reason: r.reason,
    detail: r.detail,
  }));
}

/** A one-line summary for logs, or null when there was nothing to do. */
export function summarizeRecovery(r: RecoveryReport): string | null {
  const parts = [
    r.adopted.length && `adopted ${r.adopted.length} VM${r.adopted.length === 1 ? '' : 's'}`,
    r.relocated.length && `relocated ${r.relocated.length}`,
    r.restated.length && `${r.restated.length} state${r.restated.length === 1 ? '' : 's'} followed`,
    r.gone.length && `${r.gone.length} gone`,
    r.conflicts.length && `${r.conflicts.length} conflict${r.conflicts.length === 1 ? '' : 's'}`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

/** Subscriptions whose VM records or jobs changed after `t` (ms, the journal's clock). */
function changedSince(db: Db, t: number): Set<string> {
  const rows = db
    .prepare(
      `SELECT subscription_id FROM vms WHERE updated_at > @t
       UNION SELECT subscription_id FROM jobs WHERE updated_at > @t`,
    )
    .all({ t }) as { subscription_id: string }[];
  return new Set(rows.map((r) => r.subscription_id));
}
