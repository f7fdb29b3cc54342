/**
 * Chain state as folds over the journal's live events. After any insert or
 * removal (a reorg), the touched ids are refolded from scratch, so a removed
 * event can never leave a trace: this is the only place reorgs change state.
 */
import { type AffectedIds, liveEventsBy, type StoredEvent } from './journal.js';
import type { Db } from './open.js';

const ZERO = '0x0000000000000000000000000000000000000000';

const str = (v: unknown) => String(v);
const num = (v: unknown) => Number(v);

export function foldSubscription(events: readonly StoredEvent[]) {
  const created = events.find((e) => e.name === 'SubscriptionCreated');
  if (!created) return null; // reorged away, or only orphan extensions seen
  let expiresAt = num(created.args.expiresAt);
  let cancelled = false;
  for (const e of events) {
    if (e.name === 'SubscriptionExtended') expiresAt = num(e.args.newExpiresAt);
    if (e.name === 'SubscriptionCancelled') cancelled = true;
    // The admin undid an operator's cancel: the subscription is live again (chain order).
    if (e.name === 'SubscriptionRestored') cancelled = false;
  }
  return {
    id: str(created.args.subscriptionId),
    planId: str(created.args.planId),
    subscriber: str(created.args.subscriber),
    expiresAt,
    cancelled,
    userEncrypted: str(created.args.userEncrypted ?? '0x'),
    createdBlock: Number(created.blockNumber),
    createdKey: created.key,
  };
}

export function foldPlan(events: readonly StoredEvent[]) {
  let plan: {
    id: string;
    name: string;
    priceCents: string;
    cores: number;
    memoryMiB: number;
    diskGiB: number;
    active: boolean;
  } | null = null;
  for (const e of events) {
    if (e.name !== 'PlanCreated' && e.name !== 'PlanUpdated') continue;
    plan = {
      id: str(e.args.planId),
      name: str(e.args.name),
      priceCents: str(e.args.pricePerDayUsdCents),
      cores: num(e.args.cores),
      memoryMiB: num(e.args.memoryMiB),
      diskGiB: num(e.args.diskGiB),
      active: e.name === 'PlanCreated' ? true : Boolean(e.args.active),
    };
  }
  return plan;
}

/** Current owner of a token from its Transfer events; null when never minted or burned. */
export function foldToken(
  events: readonly StoredEvent[],
): { owner: string; subscriptionId: string | null } | null {
  let owner: string | null = null;
  let subscriptionId: string | null = null;
  for (const e of events) {
    if (e.name === 'Transfer') owner = str(e.args.to);
    // Any NFT event that names the subscription ties the token to it.
    if (e.args.subscriptionId !== undefined) subscriptionId = str(e.args.subscriptionId);
  }
  if (!owner || owner.toLowerCase() === ZERO) return null;
  return { owner, subscriptionId };
}

export function refold(db: Db, affected: AffectedIds): void {
  const upsertSub = db.prepare(
    `INSERT INTO subscriptions (id, plan_id, subscriber, expires_at, cancelled, user_encrypted, created_block, created_key)
     VALUES (@id, @planId, @subscriber, @expiresAt, @cancelled, @userEncrypted, @createdBlock, @createdKey)
     ON CONFLICT (id) DO UPDATE SET plan_id = excluded.plan_id, subscriber = excluded.subscriber,
       expires_at = excluded.expires_at, cancelled = excluded.cancelled, user_encrypted = excluded.user_encrypted,
       created_block = excluded.created_block, created_key = excluded.created_key`,
  );
  for (const id of affected.subscriptions) {
    const s = foldSubscription(liveEventsBy(db, 'subscription_id', id));
    if (s) upsertSub.run({ ...s, cancelled: s.cancelled ? 1 : 0 });
    else db.prepare('DELETE FROM subscriptions WHERE id = ?').run(id);
  }
  const upsertPlan = db.prepare(
    `INSERT INTO plans (id, name, price_cents, cores, memory_mib, disk_gib, active)
     VALUES (@id, @name, @priceCents, @cores, @memoryMiB, @diskGiB, @active)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, price_cents = excluded.price_cents,
       cores = excluded.cores, memory_mib = excluded.memory_mib, disk_gib = excluded.disk_gib, active = excluded.active`,
  );
  for (const id of affected.plans) {
    const p = foldPlan(liveEventsBy(db, 'plan_id', id));
    if (p) upsertPlan.run({ ...p, active: p.active ? 1 : 0 });
    else db.prepare('DELETE FROM plans WHERE id = ?').run(id);
  }
  for (const id of affected.tokens) {
    const t = foldToken(liveEventsBy(db, 'token_id', id));
    if (!t) {
      db.prepare('DELETE FROM tokens WHERE token_id = ?').run(id);
      continue;
    }
    // Keep a subscription link learnt elsewhere (from our own mint) when events do not carry it.
    db.prepare(
      `INSERT INTO tokens (token_id, owner, subscription_id) VALUES (?, ?, ?)
       ON CONFLICT (token_id) DO UPDATE SET owner = excluded.owner,
         subscription_id = COALESCE(excluded.subscription_id, tokens.subscription_id)`,
    ).run(id, t.owner, t.subscriptionId);
  }
}

/** Records which subscription a token belongs to (learnt from our mint or a chain read). */
export function linkToken(db: Db, tokenId: string, subscriptionId: string, owner: string): void {
  db.prepare(
    `INSERT INTO tokens (token_id, owner, subscription_id) VALUES (?, ?, ?)
     ON CONFLICT (token_id) DO UPDATE SET subscription_id = excluded.subscription_id`,
  ).run(tokenId, owner, subscriptionId);
}
