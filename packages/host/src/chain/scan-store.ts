import type {
  BlockhostEvent,
  ScanCheckpoint,
  ScanCommit,
  ScanStore,
  StoredBlock,
} from '@blockhost/chain';
import {
  emptyAffected,
  getCursor,
  getScanWindow,
  insertEvents,
  type JournalEvent,
  markRemoved,
  setCursor,
  setScanWindow,
  type WindowBlock,
} from '../db/journal.js';
import type { Db } from '../db/open.js';
import { foldOnto, refold } from '../db/projection.js';

export function toJournalEvent(e: BlockhostEvent): JournalEvent {
  return {
    key: e.key,
    blockNumber: e.blockNumber,
    blockHash: e.blockHash,
    txHash: e.transactionHash,
    logIndex: e.logIndex,
    contract: e.address,
    name: e.eventName,
    args: (e.args ?? {}) as Record<string, unknown>,
  };
}

/**
 * A block of the window as a row. Its logs never change under one hash (the scanner delivers a
 * block's logs once, scanning from past its cursor); the timestamp can be filled in later. The
 * JSON is made only for a row that is written.
 */
const windowBlock = (b: StoredBlock): WindowBlock => ({
  number: Number(b.number),
  sig: `${b.hash}:${b.timestamp ?? ''}:${b.logs.length}`,
  json: () => JSON.stringify(b),
});

export interface CommitSummary {
  addedByName: Record<string, number>;
  added: number;
  removed: number;
  undecodable: number;
  reorgDepth: number;
  cursorBlock: bigint | null;
  cursorTimestamp: number | null;
  headBlock: bigint;
  /** The cursor reached the confirmed head with this commit (live, not a backfill). */
  caughtUp: boolean;
}

/**
 * The scanner's store on the journal: events, removals, projections and the
 * checkpoint of one scanner step land in ONE SQLite transaction, so a crash
 * either keeps all of a step or none of it, and consumers see each event once. The checkpoint's
 * window of recent blocks is kept a row per block (`scan_window`), the rest with the cursor.
 */
export function createJournalScanStore(
  db: Db,
  clock: () => number,
  onCommit?: (summary: CommitSummary) => void,
): ScanStore {
  return {
    load(): ScanCheckpoint | null {
      const c = getCursor(db);
      if (!c?.state || c.state === '{}') return null;
      const blocks = getScanWindow(db).map((b) => JSON.parse(b) as StoredBlock);
      return { ...(JSON.parse(c.state) as ScanCheckpoint), blocks };
    },
    commit(commit: ScanCommit): void {
      const now = clock();
      db.transaction(() => {
        const affected = emptyAffected();
        const changed: JournalEvent[] = [];
        insertEvents(db, commit.added.map(toJournalEvent), now, affected, changed);
        if (commit.removed.length === 0) {
          // The next range, after everything stored: fold it onto the projections.
          foldOnto(db, changed);
        } else {
          markRemoved(
            db,
            commit.removed.map((e) => e.key),
            affected,
          );
          refold(db, affected);
        }
        // A token we linked from our own mint but never saw confirmed may have been reorged
        // away with its mint: forget the link; the chain (tokenOfSubscription) is asked again.
        if (commit.reorg) {
          db.prepare(
            `DELETE FROM tokens WHERE token_id NOT IN
               (SELECT token_id FROM events WHERE removed = 0 AND token_id IS NOT NULL)`,
          ).run();
        }
        const { blocks, ...rest } = commit.checkpoint;
        setScanWindow(db, blocks.map(windowBlock));
        const cur = commit.cursor;
        setCursor(
          db,
          {
            blockNumber: cur ? cur.number : -1n,
            blockHash: cur ? cur.hash : '',
            blockTimestamp: cur ? cur.timestamp : 0,
            state: JSON.stringify(rest),
          },
          now,
        );
      }).immediate();
      const addedByName: Record<string, number> = {};
      for (const e of commit.added) addedByName[e.eventName] = (addedByName[e.eventName] ?? 0) + 1;
      onCommit?.({
        addedByName,
        added: commit.added.length,
        removed: commit.removed.length,
        undecodable: commit.undecodable.length,
        reorgDepth: commit.reorg?.depth ?? 0,
        cursorBlock: commit.cursor?.number ?? null,
        cursorTimestamp: commit.cursor?.timestamp ?? null,
        headBlock: commit.head.number,
        caughtUp: commit.caughtUp,
      });
    },
  };
}
