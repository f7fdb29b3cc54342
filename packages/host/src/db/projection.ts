/**
 * Chain state as folds over the journal's live events. After any removal (a reorg), the touched
 * ids are refolded from scratch, so a removed event can never leave a trace: this is the only
 * place reorgs change state. Each fold is a step per event in chain order, so events that come
 * after everything the journal holds (the scanner's next range) are folded onto the stored
 * state (`foldOnto`) with the same result as a refold.
 */
import { type AffectedIds, eventIds, type JournalEvent, liveEventsBy } from './journal.js';
import type { Db } from './open.js';

const ZERO = '0x0000000000000000000000000000000000000000';

const str = (v: unknown) => String(v);
const num = (v: unknown) => Number(v);

type FoldEvent = Pick<JournalEvent, 'name' | 'args' | 'blockNumber' | 'key'>;

export interface SubscriptionState {
  id: string;
  planId: string;
  subscriber: string;
  expiresAt: number;
  cancelled: boolean;
  userEncrypted: string;
  createdBlock: number;
  createdKey: string;
}

export function stepSubscription(
  s: SubscriptionState | null,
  e: FoldEvent,
): SubscriptionState | null {
  if (e.name === 'SubscriptionCreated') {
    return {
      id: str(e.args.subscriptionId),
      planId: str(e.args.planId),
      subscriber: str(e.args.subscriber),
      expiresAt: num(e.args.expiresAt),
      cancelled: false,
      userEncrypted: str(e.args.userEncrypted ?? '0x'),
      createdBlock: Number(e.blockNumber),
      createdKey: e.key,
    };
  }
  if (!s) return null; // reorged away, or only orphan extensions seen
  if (e.name === 'SubscriptionExtended') return { ...s, expiresAt: num(e.args.newExpiresAt) };
  if (e.name === 'SubscriptionCancelled') return { ...s, cancelled: true };
  // The admin undid an operator's cancel: the subscription is live again (chain order).
  if (e.name === 'SubscriptionRestored') return { ...s, cancelled: false };
  return s;
}

export interface PlanState {
  id: string;
  name: string;
  priceCents: string;
  cores: number;
  memoryMiB: number;
  diskGiB: number;
  active: boolean;
}

export function stepPlan(p: PlanState | null, e: FoldEvent): PlanState | null {
  if (e.name !== 'PlanCreated' && e.name !== 'PlanUpdated') return p;
  return {
    id: str(e.args.planId),
    name: str(e.args.name),
    priceCents: str(e.args.pricePerDayUsdCents),
    cores: num(e.args.cores),
    memoryMiB: num(e.args.memoryMiB),
    diskGiB: num(e.args.diskGiB),
    active: e.name === 'PlanCreated' ? true : Boolean(e.args.active),
  };
}

/** A token's holder (from its Transfer events) and the subscription it was minted for. */
export interface TokenState {
  owner: string;
  subscriptionId: string | null;
}

export function stepToken(t: TokenState | null, e: FoldEvent): TokenState | null {
  if (e.name === 'Transfer') {
    const to = str(e.args.to);
    // A burn ends the token: a later mint of the same id starts afresh.
    if (to.toLowerCase() === ZERO) return null;
    return { owner: to, subscriptionId: t?.subscriptionId ?? null };
  }
  // Any NFT event that names the subscription ties the token to it: after its mint (the
  // contract emits Transfer first), so a token never held is never half-known.
  if (t && e.args.subscriptionId !== undefined) {
    return { ...t, subscriptionId: str(e.args.subscriptionId) };
  }
  return t;
}

export const foldSubscription = (events: readonly FoldEvent[]) =>
  events.reduce(stepSubscription, null);
export const foldPlan = (events: readonly FoldEvent[]) => events.reduce(stepPlan, null);
/** A token's current holder; null when never minted or burned. */
export const foldToken = (events: readonly FoldEvent[]) => events.reduce(stepToken, null);

interface Writers {
  subscription(id: string, s: SubscriptionState | null): void;
  plan(id: string, p: PlanState | null): void;
  token(id: string, t: TokenState | null): void;
}

function writers(db: Db): Writers {
  const upsertSub = db.prepare(
    `INSERT INTO subscriptions (id, plan_id, subscriber, expires_at, cancelled, user_encrypted, created_block, created_key)
     VALUES (@id, @planId, @subscriber, @expiresAt, @cancelled, @userEncrypted, @createdBlock, @createdKey)
     ON CONFLICT (id) DO UPDATE SET plan_id = excluded.plan_id, subscriber = excluded.subscriber,
       expires_at = excluded.expires_at, cancelled = excluded.cancelled, user_encrypted = excluded.user_encrypted,
       created_block = excluded.created_block, created_key = excluded.created_key`,
  );
  const upsertPlan = db.prepare(
    `INSERT INTO plans (id, name, price_cents, cores, memory_mib, disk_gib, active)
     VALUES (@id, @name, @priceCents, @cores, @memoryMiB, @diskGiB, @active)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, price_cents = excluded.price_cents,
       cores = excluded.cores, memory_mib = excluded.memory_mib, disk_gib = excluded.disk_gib, active = excluded.active`,
  );
  // Keep a subscription link learnt elsewhere (from our own mint) when events do not carry it.
  const upsertToken = db.prepare(
    `INSERT INTO tokens (token_id, owner, subscription_id) VALUES (?, ?, ?)
     ON CONFLICT (token_id) DO UPDATE SET owner = excluded.owner,
       subscription_id = COALESCE(excluded.subscription_id, tokens.subscription_id)`,
  );
  return {
    subscription(id, s) {
      if (s) upsertSub.run({ ...s, cancelled: s.cancelled ? 1 : 0 });
      else db.prepare('DELETE FROM subscriptions WHERE id = ?').run(id);
    },
    plan(id, p) {
      if (p) upsertPlan.run({ ...p, active: p.active ? 1 : 0 });
      else db.prepare('DELETE FROM plans WHERE id = ?').run(id);
    },
    token(id, t) {
      if (t) upsertToken.run(id, t.owner, t.subscriptionId);
      else db.prepare('DELETE FROM tokens WHERE token_id = ?').run(id);
    },
  };
}

export function refold(db: Db, affected: AffectedIds): void {
  const w = writers(db);
  for (const id of affected.subscriptions) {
    w.subscription(id, foldSubscription(liveEventsBy(db, 'subscription_id', id)));
  }
  for (const id of affected.plans) w.plan(id, foldPlan(liveEventsBy(db, 'plan_id', id)));
  for (const id of affected.tokens) w.token(id, foldToken(liveEventsBy(db, 'token_id', id)));
}

function storedSubscription(db: Db, id: string): SubscriptionState | null {
  const r = db
    .prepare(
      `SELECT id, plan_id AS planId, subscriber, expires_at AS expiresAt, cancelled,
         user_encrypted AS userEncrypted, created_block AS createdBlock, created_key AS createdKey
       FROM subscriptions WHERE id = ?`,
    )
    .get(id) as (Omit<SubscriptionState, 'cancelled'> & { cancelled: number }) | undefined;
  return r ? { ...r, cancelled: r.cancelled === 1 } : null;
}

function storedPlan(db: Db, id: string): PlanState | null {
  const r = db
    .prepare(
      `SELECT id, name, price_cents AS priceCents, cores, memory_mib AS memoryMiB,
         disk_gib AS diskGiB, active FROM plans WHERE id = ?`,
    )
    .get(id) as (Omit<PlanState, 'active'> & { active: number }) | undefined;
  return r ? { ...r, active: r.active === 1 } : null;
}

function storedToken(db: Db, id: string): TokenState | null {
  const r = db
    .prepare('SELECT owner, subscription_id AS subscriptionId FROM tokens WHERE token_id = ?')
    .get(id) as TokenState | undefined;
  return r ?? null;
}

/**
 * Folds events onto the stored projections. Only for events that come after every live event
 * of their ids, in chain order (the scanner's next range with nothing removed): then the
 * stored state is the fold of what came before, and one step per event finishes it.
 */
export function foldOnto(db: Db, events: readonly JournalEvent[]): void {
  const subs = new Map<string, SubscriptionState | null>();
  const plans = new Map<string, PlanState | null>();
  const tokens = new Map<string, TokenState | null>();
  for (const e of events) {
    const ids = eventIds(e);
    if (ids.subscription) {
      const s = subs.has(ids.subscription)
        ? subs.get(ids.subscription)!
        : storedSubscription(db, ids.subscription);
      subs.set(ids.subscription, stepSubscription(s, e));
    }
    if (ids.plan) {
      const p = plans.has(ids.plan) ? plans.get(ids.plan)! : storedPlan(db, ids.plan);
      plans.set(ids.plan, stepPlan(p, e));
    }
    if (ids.token) {
      const t = tokens.has(ids.token) ? tokens.get(ids.token)! : storedToken(db, ids.token);
      tokens.set(ids.token, stepToken(t, e));
    }
  }
  const w = writers(db);
  for (const [id, s] of subs) w.subscription(id, s);
  for (const [id, p] of plans) w.plan(id, p);
  for (const [id, t] of tokens) w.token(id, t);
}

/** Records which subscription a token belongs to (learnt from our mint or a chain read). */
export function linkToken(db: Db, tokenId: string, subscriptionId: string, owner: string): void {
  db.prepare(
    `INSERT INTO tokens (token_id, owner, subscription_id) VALUES (?, ?, ?)
     ON CONFLICT (token_id) DO UPDATE SET subscription_id = excluded.subscription_id`,
  ).run(tokenId, owner, subscriptionId);
}
