/**
 * The periodic state sweep (chain.md): compare every subscription the
 * contract knows with the journal's projection, and for any that differs or is
 * missing, fetch that subscription's own events by topic and store the ones
 * the journal lacks. Events are the only source of state, so a repair is an
 * insert of real events, folded like any other.
 *
 * Only blocks older than the scanner's reorg window are repaired: newer ones
 * are the scanner's to deliver (and to take back on a reorg).
 */
import {
  type BlockhostContracts,
  decodeBlockhostLog,
  listSubscriptions,
  type ReadClient,
} from '@blockhost/chain';
import { numberToHex } from 'viem';
import { emptyAffected, getCursor, insertEvents } from '../db/journal.js';
import type { Db } from '../db/open.js';
import { refold } from '../db/projection.js';
import { listSubscriptions as journalSubscriptions } from '../db/subscriptions.js';
import { toJournalEvent } from './scan-store.js';

export interface SweepOptions {
  db: Db;
  client: ReadClient;
  contracts: BlockhostContracts;
  deployBlock: bigint;
  maxLogRange: number;
  /** Blocks behind the cursor the scanner may still rewind (its reorg window). */
  reorgWindow: number;
  /** At most this many subscriptions are repaired per sweep (the rest next time). */
  maxRepairs?: number;
}

export interface SweepResult {
  checked: number;
  suspects: string[];
  repairedEvents: number;
}

export async function sweepSubscriptions(o: SweepOptions): Promise<SweepResult> {
  const cursor = getCursor(o.db);
  if (!cursor || cursor.blockNumber < 0n) return { checked: 0, suspects: [], repairedEvents: 0 };
  const chain = await listSubscriptions(o.client, { address: o.contracts.subscriptions });
  if (chain.isErr()) throw chain.error;
  const known = new Map(journalSubscriptions(o.db).map((s) => [s.id, s]));
  const suspects = chain.value
    .filter((c) => {
      const k = known.get(c.id.toString());
      return (
        !k ||
        k.expiresAt !== c.expiresAt ||
        k.cancelled !== c.cancelled ||
        k.planId !== c.planId.toString() ||
        k.subscriber.toLowerCase() !== c.subscriber.toLowerCase()
      );
    })
    .map((c) => c.id);
  const toBlock = cursor.blockNumber - BigInt(o.reorgWindow);
  let repairedEvents = 0;
  if (toBlock >= o.deployBlock) {
    for (const id of suspects.slice(0, o.maxRepairs ?? 50)) {
      const logs = [];
      for (let from = o.deployBlock; from <= toBlock; from += BigInt(o.maxLogRange)) {
        const to =
          from + BigInt(o.maxLogRange) - 1n < toBlock ? from + BigInt(o.maxLogRange) - 1n : toBlock;
        logs.push(
          ...(await o.client.getLogs({
            address: o.contracts.subscriptions,
            // topic 1 of every subscription event is the indexed subscription id
            topics: [null, numberToHex(id, { size: 32 })],
            fromBlock: from,
            toBlock: to,
          } as Parameters<ReadClient['getLogs']>[0])),
        );
      }
      const events = logs.flatMap((l) => {
        const e = decodeBlockhostLog(l, o.contracts);
        return e.isOk() &&
          e.value.contract === 'subscriptions' &&
          'subscriptionId' in (e.value.args as object)
          ? [toJournalEvent(e.value)]
          : [];
      });
      repairedEvents += o.db
        .transaction(() => {
          const affected = emptyAffected();
          const n = insertEvents(o.db, events, Date.now(), affected);
          refold(o.db, affected);
          return n;
        })
        .immediate();
    }
  }
  return { checked: chain.value.length, suspects: suspects.map(String), repairedEvents };
}
