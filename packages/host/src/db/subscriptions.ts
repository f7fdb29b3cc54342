import type { Address, Plan, Subscription, Vm } from '@blockhost/core';
import { activeJobSubscriptions, yieldingJobs } from './jobs.js';
import type { Db } from './open.js';
import type { SubscriptionState } from './projection.js';
import { latestVms } from './vms.js';

/** A subscription as the chain's events fold it, with what the host keeps beside it. */
export interface SubscriptionRow extends SubscriptionState {
  tokenId: string | null;
  tokenOwner: string | null;
  keyError: string | null;
  /** Operator-supplied userEncrypted replacing a bad one (`blockhost sub set-key`). */
  keyOverride: string | null;
  attention: string | null;
  attentionDetail: string | null;
}

interface Raw {
  id: string;
  plan_id: string;
  subscriber: string;
  expires_at: number;
  cancelled: number;
  user_encrypted: string;
  created_block: number;
  created_key: string;
  token_id: string | null;
  token_owner: string | null;
  key_error: string | null;
  key_override: string | null;
  attention: string | null;
  attention_detail: string | null;
}

const byId = (a: { id: string }, b: { id: string }) => {
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x < y ? -1 : x > y ? 1 : 0;
};

const SELECT_SUBSCRIPTIONS = `SELECT s.*, t.token_id, t.owner AS token_owner, st.key_error, st.key_override, st.attention, st.attention_detail
       FROM subscriptions s
       LEFT JOIN tokens t ON t.subscription_id = s.id
       LEFT JOIN subscription_status st ON st.subscription_id = s.id`;

const toRow = (r: Raw): SubscriptionRow => ({
  id: r.id,
  planId: r.plan_id,
  subscriber: r.subscriber,
  expiresAt: r.expires_at,
  cancelled: r.cancelled === 1,
  userEncrypted: r.user_encrypted,
  createdBlock: r.created_block,
  createdKey: r.created_key,
  tokenId: r.token_id,
  tokenOwner: r.token_owner,
  keyError: r.key_error,
  keyOverride: r.key_override,
  attention: r.attention,
  attentionDetail: r.attention_detail,
});

export function listSubscriptions(db: Db): SubscriptionRow[] {
  return (db.prepare(SELECT_SUBSCRIPTIONS).all() as Raw[]).map(toRow).sort(byId);
}

export function getSubscription(db: Db, id: string): SubscriptionRow | null {
  // One row by its key (the jobs ask per step; a full list per call grew with every customer).
  const r = db.prepare(`${SELECT_SUBSCRIPTIONS} WHERE s.id = ?`).get(id) as Raw | undefined;
  return r ? toRow(r) : null;
}

/** A plan as the journal keeps it (`Plan` of @blockhost/core, ids and prices as decimal text). */
export interface PlanRow extends Omit<Plan, 'id' | 'pricePerDayUsdCents'> {
  id: string;
  priceCents: string;
}

export function listPlans(db: Db): PlanRow[] {
  const rows = db.prepare('SELECT * FROM plans').all() as {
    id: string;
    name: string;
    price_cents: string;
    cores: number;
    memory_mib: number;
    disk_gib: number;
    active: number;
  }[];
  return rows
    .map((r) => ({
      id: r.id,
      name: r.name,
      priceCents: r.price_cents,
      cores: r.cores,
      memoryMiB: r.memory_mib,
      diskGiB: r.disk_gib,
      active: r.active === 1,
    }))
    .sort(byId);
}

export function setKeyError(
  db: Db,
  subscriptionId: string,
  error: string | null,
  now: number,
): void {
  db.prepare(
    `INSERT INTO subscription_status (subscription_id, key_error, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (subscription_id) DO UPDATE SET key_error = excluded.key_error, updated_at = excluded.updated_at`,
  ).run(subscriptionId, error, now);
}

/** Stores an operator-supplied `userEncrypted` for the subscription and clears its key error. */
export function setKeyOverride(
  db: Db,
  subscriptionId: string,
  userEncrypted: string,
  now: number,
): void {
  db.prepare(
    `INSERT INTO subscription_status (subscription_id, key_override, key_error, updated_at) VALUES (?, ?, NULL, ?)
     ON CONFLICT (subscription_id) DO UPDATE SET key_override = excluded.key_override, key_error = NULL,
       updated_at = excluded.updated_at`,
  ).run(subscriptionId, userEncrypted, now);
}

/** Replaces the whole set of "needs attention" flags with the latest reconcile's. */
/**
 * A subscription an operator must look at: reconcile or recovery flagged it, or its
 * `userEncrypted` could not be used. (`blockhost sub list --attention`, the metric.)
 */
export function needsAttention(s: Pick<SubscriptionRow, 'attention' | 'keyError'>): boolean {
  return s.attention !== null || s.keyError !== null;
}

/** How many subscriptions `needsAttention` holds for. */
export function countNeedingAttention(db: Db): number {
  return (
    db
      .prepare(
        'SELECT COUNT(*) AS n FROM subscription_status WHERE attention IS NOT NULL OR key_error IS NOT NULL',
      )
      .get() as { n: number }
  ).n;
}

export function setAttention(
  db: Db,
  flags: ReadonlyMap<string, { reason: string; detail?: string | undefined }>,
  now: number,
): void {
  db.prepare(
    'UPDATE subscription_status SET attention = NULL, attention_detail = NULL WHERE attention IS NOT NULL',
  ).run();
  const upsert = db.prepare(
    `INSERT INTO subscription_status (subscription_id, attention, attention_detail, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (subscription_id) DO UPDATE SET attention = excluded.attention,
       attention_detail = excluded.attention_detail, updated_at = excluded.updated_at`,
  );
  for (const [id, f] of flags) upsert.run(id, f.reason, f.detail ?? null, now);
}

/** Everything `reconcile` needs, read in one transaction so it is consistent. */
export function loadLifecycleInput(db: Db): {
  subscriptions: Subscription[];
  vms: Vm[];
  plans: Map<bigint, Plan>;
} {
  return db.transaction(() => {
    const busy = activeJobSubscriptions(db);
    const yielding = yieldingJobs(db);
    const subscriptions: Subscription[] = listSubscriptions(db).map((s) => ({
      id: BigInt(s.id),
      planId: BigInt(s.planId),
      subscriber: s.subscriber as Address,
      expiresAt: s.expiresAt,
      cancelled: s.cancelled,
      token:
        s.tokenId && s.tokenOwner
          ? { id: BigInt(s.tokenId), owner: s.tokenOwner as Address }
          : null,
      instance: s.createdKey,
    }));
    const vms: Vm[] = latestVms(db).map((v) => ({
      subscriptionId: BigInt(v.subscriptionId),
      vmid: v.vmid,
      state: v.state,
      busy: busy.has(v.subscriptionId),
      yielding: yielding.has(v.subscriptionId),
      suspendedAt: v.suspendedAt,
      allowedWallet: v.allowedWallet as Address | null,
      failure: v.failure ?? undefined,
      hold: v.hold,
      instance: v.subscriptionKey,
    }));
    const plans = new Map<bigint, Plan>(
      listPlans(db).map((p) => [
        BigInt(p.id),
        {
          id: BigInt(p.id),
          name: p.name,
          pricePerDayUsdCents: BigInt(p.priceCents),
          cores: p.cores,
          memoryMiB: p.memoryMiB,
          diskGiB: p.diskGiB,
          active: p.active,
        },
      ]),
    );
    return { subscriptions, vms, plans };
  })();
}
