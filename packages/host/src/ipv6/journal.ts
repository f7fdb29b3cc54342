/** The broker client's row in the journal (migration 2) and its log. */
import type { BrokerAnswer } from '@blockhost/chain';
import type { Db } from '../db/open.js';

export type BrokerRequestState = 'requesting' | 'waiting' | 'answered' | 'failed';

/**
 * Why the client is where it is: a failure (state `failed`) or a notice while it goes on.
 * Stable codes: scripts, metrics and docs use them.
 */
export type BrokerReason =
  /** The registry does not list the broker (or lists it as removed). */
  | 'broker-unknown'
  /** The requests contract refused the request (a revert). */
  | 'request-refused'
  /** The broker's answer did not decrypt with the server key. */
  | 'answer-undecryptable'
  /** The answer decrypted but a field is unusable (e.g. a /64 where a /120 is expected). */
  | 'answer-invalid'
  /** An answer for another request id was seen and ignored (notice). */
  | 'answer-other-request'
  /** No answer before the deadline, after every allowed request. */
  | 'no-answer'
  /** A request passed its deadline; another one was sent (notice). */
  | 'deadline-passed'
  /** The chain could not be read or written; retried (notice). */
  | 'rpc-error'
  /** A renewed answer with another prefix was refused: VMs hold addresses in the old one. */
  | 'prefix-change-refused'
  /** A renewed answer was accepted (same prefix, or another one while no VM held an address). */
  | 'answer-renewed';

export interface BrokerRow {
  state: BrokerRequestState;
  reason: BrokerReason | null;
  message: string | null;
  registry: string;
  requests: string;
  wgPublicKey: string;
  attempts: number;
  payload: `0x${string}` | null;
  preparedBlock: bigint | null;
  requestId: bigint | null;
  requestBlock: bigint | null;
  requestTx: string | null;
  requestedAt: number | null;
  scannedTo: bigint | null;
  answer: BrokerAnswer | null;
  answerTx: string | null;
  answeredAt: number | null;
  updatedAt: number;
}

interface RawRow {
  state: BrokerRequestState;
  reason: BrokerReason | null;
  message: string | null;
  registry: string;
  requests: string;
  wg_public_key: string;
  attempts: number;
  payload: `0x${string}` | null;
  prepared_block: number | null;
  request_id: string | null;
  request_block: number | null;
  request_tx: string | null;
  requested_at: number | null;
  scanned_to: number | null;
  answer: string | null;
  answer_tx: string | null;
  answered_at: number | null;
  updated_at: number;
}

const big = (v: number | null) => (v === null ? null : BigInt(v));

export function getBrokerRow(db: Db): BrokerRow | null {
  const r = db.prepare('SELECT * FROM ipv6_broker WHERE id = 1').get() as RawRow | undefined;
  if (!r) return null;
  return {
    state: r.state,
    reason: r.reason,
    message: r.message,
    registry: r.registry,
    requests: r.requests,
    wgPublicKey: r.wg_public_key,
    attempts: r.attempts,
    payload: r.payload,
    preparedBlock: big(r.prepared_block),
    requestId: r.request_id === null ? null : BigInt(r.request_id),
    requestBlock: big(r.request_block),
    requestTx: r.request_tx,
    requestedAt: r.requested_at,
    scannedTo: big(r.scanned_to),
    answer: r.answer === null ? null : (JSON.parse(r.answer) as BrokerAnswer),
    answerTx: r.answer_tx,
    answeredAt: r.answered_at,
    updatedAt: r.updated_at,
  };
}

const COLUMNS: Record<keyof Omit<BrokerRow, 'updatedAt'>, string> = {
  state: 'state',
  reason: 'reason',
  message: 'message',
  registry: 'registry',
  requests: 'requests',
  wgPublicKey: 'wg_public_key',
  attempts: 'attempts',
  payload: 'payload',
  preparedBlock: 'prepared_block',
  requestId: 'request_id',
  requestBlock: 'request_block',
  requestTx: 'request_tx',
  requestedAt: 'requested_at',
  scannedTo: 'scanned_to',
  answer: 'answer',
  answerTx: 'answer_tx',
  answeredAt: 'answered_at',
};

function toSql(key: keyof typeof COLUMNS, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (key === 'answer') return JSON.stringify(v);
  if (key === 'requestId') return String(v);
  if (typeof v === 'bigint') return Number(v);
  return v;
}

/** Replaces the row (a fresh request). */
export function putBrokerRow(db: Db, row: Omit<BrokerRow, 'updatedAt'>, now: number): void {
  const keys = Object.keys(COLUMNS) as (keyof typeof COLUMNS)[];
  db.prepare(
    `INSERT OR REPLACE INTO ipv6_broker (id, ${keys.map((k) => COLUMNS[k]).join(', ')}, updated_at)
     VALUES (1, ${keys.map(() => '?').join(', ')}, ?)`,
  ).run(...keys.map((k) => toSql(k, row[k])), now);
}

/** Changes some fields of the row. */
export function patchBrokerRow(
  db: Db,
  patch: Partial<Omit<BrokerRow, 'updatedAt'>>,
  now: number,
): void {
  const keys = Object.keys(patch) as (keyof typeof COLUMNS)[];
  if (keys.length === 0) return;
  db.prepare(
    `UPDATE ipv6_broker SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')}, updated_at = ? WHERE id = 1`,
  ).run(...keys.map((k) => toSql(k, patch[k])), now);
}

export function clearBrokerRow(db: Db): void {
  db.prepare('DELETE FROM ipv6_broker WHERE id = 1').run();
}

export interface BrokerLogEntry {
  readonly at: number;
  readonly state: string;
  readonly reason: string | null;
  readonly message: string;
}

const KEEP_LOG = 200;

export function logBroker(db: Db, e: BrokerLogEntry): void {
  db.prepare('INSERT INTO ipv6_broker_log (at, state, reason, message) VALUES (?, ?, ?, ?)').run(
    e.at,
    e.state,
    e.reason,
    e.message,
  );
  db.prepare(
    'DELETE FROM ipv6_broker_log WHERE id <= (SELECT MAX(id) FROM ipv6_broker_log) - ?',
  ).run(KEEP_LOG);
}

/** The newest `limit` entries, oldest first. */
export function brokerLog(db: Db, limit = 20): BrokerLogEntry[] {
  return (
    db
      .prepare('SELECT at, state, reason, message FROM ipv6_broker_log ORDER BY id DESC LIMIT ?')
      .all(limit) as BrokerLogEntry[]
  ).reverse();
}
