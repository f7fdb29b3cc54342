import type { Db } from './open.js';

/** An event as the journal stores it, whatever the chain library calls it. */
export interface JournalEvent {
  /** `txHash:logIndex`, stable across re-deliveries. */
  readonly key: string;
  readonly blockNumber: bigint;
  readonly blockHash: string;
  readonly txHash: string;
  readonly logIndex: number;
  readonly contract: string;
  readonly name: string;
  readonly args: Readonly<Record<string, unknown>>;
}

export interface ChainCursor {
  readonly blockNumber: bigint;
  readonly blockHash: string;
  /** Timestamp of the cursor block: the daemon's `now`. */
  readonly blockTimestamp: number;
  /** Scanner-private state (recent block hashes etc.), stored verbatim. */
  readonly state?: string | undefined;
}

export interface StoredEvent extends JournalEvent {
  readonly removed: boolean;
}

/** JSON has no bigint: uint values are kept as decimal strings (converted first: no replacer). */
function jsonSafe(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = jsonSafe(x);
    return o;
  }
  return v;
}

const jsonArgs = (args: Readonly<Record<string, unknown>>) => JSON.stringify(jsonSafe(args));

function idArg(args: Readonly<Record<string, unknown>>, name: string): string | null {
  const v = args[name];
  return typeof v === 'bigint' || typeof v === 'number' || typeof v === 'string' ? String(v) : null;
}

/** The ids an event touches, indexed so a projection can be refolded per id. */
export function eventIds(e: Pick<JournalEvent, 'name' | 'args'>): {
  subscription: string | null;
  plan: string | null;
  token: string | null;
} {
  return {
    subscription: idArg(e.args, 'subscriptionId'),
    plan: e.name.startsWith('Plan') ? idArg(e.args, 'planId') : null,
    token: idArg(e.args, 'tokenId'),
  };
}

export interface AffectedIds {
  subscriptions: Set<string>;
  plans: Set<string>;
  tokens: Set<string>;
}

export function emptyAffected(): AffectedIds {
  return { subscriptions: new Set(), plans: new Set(), tokens: new Set() };
}

/**
 * Inserts events once (by key); a re-delivered removed event is revived. The events that
 * changed the journal are counted, their ids added to `affected` and, given `changed`, the
 * events themselves appended to it.
 */
export function insertEvents(
  db: Db,
  events: readonly JournalEvent[],
  now: number,
  affected: AffectedIds,
  changed?: JournalEvent[],
): number {
  const insert = db.prepare(
    `INSERT INTO events (key, block_number, block_hash, tx_hash, log_index, contract, name, args,
       subscription_id, plan_id, token_id, removed, seen_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
     ON CONFLICT (key) DO UPDATE SET removed = 0, block_hash = excluded.block_hash,
       block_number = excluded.block_number
     WHERE events.removed = 1 OR events.block_hash <> excluded.block_hash`,
  );
  let count = 0;
  for (const e of events) {
    const ids = eventIds(e);
    const r = insert.run(
      e.key,
      Number(e.blockNumber),
      e.blockHash,
      e.txHash,
      e.logIndex,
      e.contract.toLowerCase(),
      e.name,
      jsonArgs(e.args),
      ids.subscription,
      ids.plan,
      ids.token,
      now,
    );
    if (r.changes > 0) {
      count++;
      changed?.push(e);
      if (ids.subscription) affected.subscriptions.add(ids.subscription);
      if (ids.plan) affected.plans.add(ids.plan);
      if (ids.token) affected.tokens.add(ids.token);
    }
  }
  return count;
}

/** Marks events of orphaned blocks removed; they stay in the journal for audit. */
export function markRemoved(db: Db, keys: readonly string[], affected: AffectedIds): number {
  const select = db.prepare(
    'SELECT subscription_id, plan_id, token_id FROM events WHERE key = ? AND removed = 0',
  );
  const update = db.prepare('UPDATE events SET removed = 1 WHERE key = ?');
  let changed = 0;
  for (const key of keys) {
    const row = select.get(key) as
      | { subscription_id: string | null; plan_id: string | null; token_id: string | null }
      | undefined;
    if (!row) continue;
    update.run(key);
    changed++;
    if (row.subscription_id) affected.subscriptions.add(row.subscription_id);
    if (row.plan_id) affected.plans.add(row.plan_id);
    if (row.token_id) affected.tokens.add(row.token_id);
  }
  return changed;
}

interface EventRow {
  key: string;
  block_number: number;
  block_hash: string;
  tx_hash: string;
  log_index: number;
  contract: string;
  name: string;
  args: string;
  removed: number;
}

function toStored(r: EventRow): StoredEvent {
  return {
    key: r.key,
    blockNumber: BigInt(r.block_number),
    blockHash: r.block_hash,
    txHash: r.tx_hash,
    logIndex: r.log_index,
    contract: r.contract,
    name: r.name,
    args: JSON.parse(r.args) as Record<string, unknown>,
    removed: r.removed === 1,
  };
}

/** Live (not removed) events of one id, in chain order. */
export function liveEventsBy(
  db: Db,
  column: 'subscription_id' | 'plan_id' | 'token_id',
  id: string,
): StoredEvent[] {
  const rows = db
    .prepare(
      `SELECT * FROM events WHERE ${column} = ? AND removed = 0 ORDER BY block_number, log_index`,
    )
    .all(id) as EventRow[];
  return rows.map(toStored);
}

export function listEvents(
  db: Db,
  options: { limit?: number; includeRemoved?: boolean } = {},
): StoredEvent[] {
  const where = options.includeRemoved ? '' : 'WHERE removed = 0';
  const rows = db
    .prepare(`SELECT * FROM events ${where} ORDER BY block_number DESC, log_index DESC LIMIT ?`)
    .all(options.limit ?? 100) as EventRow[];
  return rows.map(toStored);
}

export function countEvents(db: Db): {
  live: number;
  removed: number;
  byName: Record<string, number>;
} {
  const rows = db
    .prepare('SELECT name, removed, COUNT(*) AS n FROM events GROUP BY name, removed')
    .all() as {
    name: string;
    removed: number;
    n: number;
  }[];
  const byName: Record<string, number> = {};
  let live = 0;
  let removed = 0;
  for (const r of rows) {
    if (r.removed) removed += r.n;
    else {
      live += r.n;
      byName[r.name] = (byName[r.name] ?? 0) + r.n;
    }
  }
  return { live, removed, byName };
}

export function getCursor(db: Db): ChainCursor | null {
  const row = db.prepare('SELECT * FROM chain_cursor WHERE id = 1').get() as
    | { block_number: number; block_hash: string; block_timestamp: number; state: string }
    | undefined;
  if (!row) return null;
  return {
    blockNumber: BigInt(row.block_number),
    blockHash: row.block_hash,
    blockTimestamp: row.block_timestamp,
    state: row.state,
  };
}

export function setCursor(db: Db, cursor: ChainCursor, now: number): void {
  db.prepare(
    `INSERT INTO chain_cursor (id, block_number, block_hash, block_timestamp, state, updated_at)
     VALUES (1, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET block_number = excluded.block_number, block_hash = excluded.block_hash,
       block_timestamp = excluded.block_timestamp, state = excluded.state, updated_at = excluded.updated_at`,
  ).run(
    Number(cursor.blockNumber),
    cursor.blockHash,
    cursor.blockTimestamp,
    cursor.state ?? '{}',
    now,
  );
}

/** One remembered block of the scanner's reorg window, stored as the scanner gave it. */
export interface WindowBlock {
  readonly number: number;
  /** Tells an unchanged block from a rewritten one without comparing `json`. */
  readonly sig: string;
  /** The block as stored (made only when the row is written). */
  readonly json: () => string;
}

/** The scanner's remembered blocks (JSON each), ascending. */
export function getScanWindow(db: Db): string[] {
  return (
    db.prepare('SELECT block FROM scan_window ORDER BY number').all() as { block: string }[]
  ).map((r) => r.block);
}

/**
 * Makes the stored window equal `blocks`, writing only the blocks whose sig changed and
 * deleting those no longer in it: a commit costs what it adds, not the window's size.
 */
export function setScanWindow(db: Db, blocks: readonly WindowBlock[]): void {
  const stored = new Map(
    (
      db.prepare('SELECT number, sig FROM scan_window').all() as { number: number; sig: string }[]
    ).map((r) => [r.number, r.sig]),
  );
  const put = db.prepare(
    `INSERT INTO scan_window (number, sig, block) VALUES (?, ?, ?)
     ON CONFLICT (number) DO UPDATE SET sig = excluded.sig, block = excluded.block`,
  );
  for (const b of blocks) {
    if (stored.get(b.number) !== b.sig) put.run(b.number, b.sig, b.json());
    stored.delete(b.number);
  }
  const drop = db.prepare('DELETE FROM scan_window WHERE number = ?');
  for (const n of stored.keys()) drop.run(n);
}
