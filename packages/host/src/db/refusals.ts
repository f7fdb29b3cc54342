import { capStoredText } from './cap.js';
import type { Db } from './open.js';

export type RefusalReason = 'owner-mismatch' | 'destroy-unconfirmed' | 'clock-skew';

export interface RefusalRow {
  at: number;
  reason: RefusalReason;
  subscriptionId: string | null;
  detail: string;
}

const KEEP = 1000;

/** Records a refused decision (the newest KEEP are kept). */
export function recordRefusal(db: Db, r: RefusalRow): void {
  db.prepare('INSERT INTO refusals (at, reason, subscription_id, detail) VALUES (?, ?, ?, ?)').run(
    r.at,
    r.reason,
    r.subscriptionId,
    capStoredText(r.detail),
  );
  db.prepare('DELETE FROM refusals WHERE id <= (SELECT MAX(id) FROM refusals) - ?').run(KEEP);
}

/** Refusals since `since` (ms), newest first. */
export function listRefusals(db: Db, since = 0, limit = 100): RefusalRow[] {
  return (
    db
      .prepare('SELECT * FROM refusals WHERE at >= ? ORDER BY id DESC LIMIT ?')
      .all(since, limit) as {
      at: number;
      reason: RefusalReason;
      subscription_id: string | null;
      detail: string;
    }[]
  ).map((r) => ({
    at: r.at,
    reason: r.reason,
    subscriptionId: r.subscription_id,
    detail: r.detail,
  }));
}
