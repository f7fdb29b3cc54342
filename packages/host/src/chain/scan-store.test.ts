import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BlockhostEvent, ScanCheckpoint, ScanCommit, StoredBlock } from '@blockhost/chain';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyAffected } from '../db/journal.js';
import { type Db, openDb } from '../db/open.js';
import { refold } from '../db/projection.js';
import { createJournalScanStore } from './scan-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bh-scan-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const hex = (n: number, tag: string) => `0x${tag}${n.toString(16).padStart(64 - tag.length, '0')}`;
const ZERO = '0x0000000000000000000000000000000000000000';
const WALLETS = [
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
  ZERO,
];

function block(n: number, logs = 0, timestamp?: number): StoredBlock {
  return {
    number: String(n),
    hash: hex(n, 'b') as `0x${string}`,
    timestamp,
    logs: Array.from({ length: logs }, (_, i) => ({
      address: '0xc0',
      topics: [hex(i, 'e') as `0x${string}`],
      data: '0x',
      blockNumber: String(n),
      blockHash: hex(n, 'b') as `0x${string}`,
      transactionHash: hex(n * 100 + i, 'f') as `0x${string}`,
      transactionIndex: 0,
      logIndex: i,
    })),
  };
}

function checkpoint(blocks: StoredBlock[], cursor: number): ScanCheckpoint {
  return {
    version: 1,
    chainId: 31337,
    addresses: ['0xc0', '0xc1'],
    fromBlock: '1',
    cursor: { number: String(cursor), hash: hex(cursor, 'b') as `0x${string}`, timestamp: cursor },
    blocks,
    complete: false,
  };
}

function commitOf(
  cp: ScanCheckpoint,
  added: BlockhostEvent[] = [],
  removed: BlockhostEvent[] = [],
) {
  const ref = (n: number) => ({
    number: BigInt(n),
    hash: hex(n, 'b') as `0x${string}`,
    timestamp: n,
  });
  const cursor = Number(cp.cursor!.number);
  return {
    added,
    removed,
    undecodable: [],
    cursor: ref(cursor),
    head: ref(cursor),
    caughtUp: true,
    reorg: removed.length > 0 ? { ancestor: BigInt(cursor), depth: 1 } : null,
    checkpoint: cp,
  } satisfies ScanCommit;
}

describe('journal scan store: the checkpoint and its window', () => {
  it('gives back the checkpoint it was given, across a reopen', () => {
    const path = join(dir, 'j.db');
    let db = openDb(path);
    const store = createJournalScanStore(db, () => 1);
    expect(store.load()).toBeNull();
    const cp1 = checkpoint([block(5, 2), block(7, 0, 7)], 7);
    store.commit(commitOf(cp1));
    expect(store.load()).toEqual(cp1);
    const cp2 = checkpoint([block(5, 2), block(7, 0, 7), block(9, 3), block(10, 1, 10)], 10);
    store.commit(commitOf(cp2));
    db.close();
    db = openDb(path);
    expect(createJournalScanStore(db, () => 1).load()).toEqual(cp2);
    // the cursor row no longer carries the window
    const state = (db.prepare('SELECT state FROM chain_cursor').get() as { state: string }).state;
    expect(JSON.parse(state).blocks).toBeUndefined();
    db.close();
  });

  it('a commit writes the blocks it adds and deletes the ones it drops, never the whole window', () => {
    const db = openDb(join(dir, 'j.db'));
    const store = createJournalScanStore(db, () => 1);
    store.commit(commitOf(checkpoint([block(5, 2), block(7, 1), block(8, 0, 8)], 8)));
    // mark the stored rows: a row rewritten by the next commit loses its mark
    db.prepare(`UPDATE scan_window SET block = json_set(block, '$.mark', 1)`).run();
    const marked = () =>
      (
        db
          .prepare(
            `SELECT number FROM scan_window WHERE json_extract(block, '$.mark') = 1 ORDER BY number`,
          )
          .all() as { number: number }[]
      ).map((r) => r.number);
    // 5 leaves the window, 7 is carried unchanged, 8 gets its timestamp again (a rewind's
    // ancestor), 9 is new
    store.commit(commitOf(checkpoint([block(7, 1), block(8, 0, 80), block(9, 2, 9)], 9)));
    expect(marked()).toEqual([7]);
    expect(
      (
        db.prepare('SELECT number FROM scan_window ORDER BY number').all() as { number: number }[]
      ).map((r) => r.number),
    ).toEqual([7, 8, 9]);
    db.close();
  });

  it('nothing of a failed commit stays: the window and cursor are the last good ones', () => {
    const db = openDb(join(dir, 'j.db'));
    const store = createJournalScanStore(db, () => 1);
    const good = checkpoint([block(5, 1), block(6, 0, 6)], 6);
    store.commit(commitOf(good));
    // an event the journal refuses (no key) fails the commit after the window was written
    const bad = { ...commitOf(checkpoint([block(6, 0, 6), block(8, 1, 8)], 8)) };
    const broken = { ...bad, added: [{ key: null } as unknown as BlockhostEvent] };
    expect(() => store.commit(broken)).toThrow();
    expect(store.load()).toEqual(good);
    db.close();
  });

  it('moves a window kept in the cursor state by an older journal (migration 5)', () => {
    const path = join(dir, 'old.db');
    let db = openDb(path);
    const cp = checkpoint([block(3, 1), block(4, 2, 4)], 4);
    db.exec('DROP TABLE scan_window');
    db.pragma('user_version = 4');
    db.prepare(
      `INSERT INTO chain_cursor (id, block_number, block_hash, block_timestamp, state, updated_at)
       VALUES (1, 4, ?, 4, ?, 0)`,
    ).run(hex(4, 'b'), JSON.stringify(cp));
    db.close();
    db = openDb(path);
    expect(createJournalScanStore(db, () => 1).load()).toEqual(cp);
    db.close();
  });
});

// ---- projections: folding the next range onto them equals refolding everything ----

type Ev = { name: string; args: Record<string, unknown> };

const eventArb: fc.Arbitrary<Ev> = fc.oneof(
  fc.record({
    name: fc.constant('SubscriptionCreated'),
    args: fc.record({
      subscriptionId: fc.bigInt({ min: 1n, max: 4n }),
      planId: fc.bigInt({ min: 1n, max: 2n }),
      subscriber: fc.constantFrom(...WALLETS.slice(0, 2)),
      expiresAt: fc.bigInt({ min: 1n, max: 10_000n }),
      paidAmount: fc.constant(1n),
      paymentToken: fc.constant(ZERO),
      userEncrypted: fc.constantFrom('0x01', '0x0202'),
    }),
  }),
  fc.record({
    name: fc.constant('SubscriptionExtended'),
    args: fc.record({
      subscriptionId: fc.bigInt({ min: 1n, max: 4n }),
      planId: fc.constant(1n),
      extendedBy: fc.constant(WALLETS[0]),
      newExpiresAt: fc.bigInt({ min: 1n, max: 10_000n }),
      paidAmount: fc.constant(1n),
      paymentToken: fc.constant(ZERO),
    }),
  }),
  fc.record({
    name: fc.constantFrom('SubscriptionCancelled', 'SubscriptionRestored'),
    args: fc.record({
      subscriptionId: fc.bigInt({ min: 1n, max: 4n }),
      planId: fc.constant(1n),
      subscriber: fc.constant(WALLETS[0]),
    }),
  }),
  fc.record({
    name: fc.constantFrom('PlanCreated', 'PlanUpdated'),
    args: fc.record({
      planId: fc.bigInt({ min: 1n, max: 2n }),
      name: fc.constantFrom('small', 'big'),
      pricePerDayUsdCents: fc.bigInt({ min: 1n, max: 500n }),
      cores: fc.integer({ min: 1, max: 8 }),
      memoryMiB: fc.constant(1024),
      diskGiB: fc.constant(10),
      active: fc.boolean(),
    }),
  }),
  fc.record({
    name: fc.constant('Transfer'),
    args: fc.record({
      from: fc.constantFrom(...WALLETS),
      to: fc.constantFrom(...WALLETS),
      tokenId: fc.bigInt({ min: 1n, max: 3n }),
    }),
  }),
  fc.record({
    name: fc.constantFrom('AccessTokenMinted', 'UserEncryptedUpdated'),
    // one token per subscription (the journal holds that as a unique index)
    args: fc.bigInt({ min: 1n, max: 3n }).map((id) => ({ tokenId: id, subscriptionId: id })),
  }),
);

/** What the scanner does to the journal: next ranges, and reorgs that undo the newest blocks. */
const opArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      scan: fc.array(fc.array(eventArb, { maxLength: 3 }), { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ reorg: fc.integer({ min: 1, max: 3 }), bringBack: fc.boolean() }),
  },
);

const tables = (db: Db) => ({
  subscriptions: db.prepare('SELECT * FROM subscriptions ORDER BY id').all(),
  plans: db.prepare('SELECT * FROM plans ORDER BY id').all(),
  tokens: db.prepare('SELECT * FROM tokens ORDER BY token_id').all(),
});

describe('journal scan store: projections', () => {
  it('folding each range onto the projections ends where refolding every live event does', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 12 }), (ops) => {
        run++;
        const db = openDb(join(dir, `inc-${run}.db`));
        const store = createJournalScanStore(db, () => 1);
        let tx = 0;
        let next = 1;
        const chain: { n: number; events: BlockhostEvent[] }[] = [];
        let orphans: BlockhostEvent[] = [];
        const toEvent = (n: number, i: number, e: Ev): BlockhostEvent =>
          ({
            key: `${hex(++tx, 'a')}:${i}`,
            blockNumber: BigInt(n),
            blockHash: hex(n * 1000 + tx, 'b'),
            transactionHash: hex(tx, 'a'),
            transactionIndex: 0,
            logIndex: i,
            address:
              e.name === 'Transfer' || e.name.startsWith('Access') || e.name.startsWith('UserEnc')
                ? '0xc1'
                : '0xc0',
            eventName: e.name,
            args: e.args,
          }) as unknown as BlockhostEvent;
        for (const op of ops) {
          if ('scan' in op) {
            const added: BlockhostEvent[] = [];
            for (const evs of op.scan) {
              const n = next++;
              // a transaction a reorg took, mined again in this block, comes back with its key
              // (txHash:logIndex), so with its log index: where that index is free
              const events = evs.map((e, i) => toEvent(n, i, e));
              const back = orphans.shift();
              if (back && !events.some((e) => e.logIndex === back.logIndex)) {
                events.push({
                  ...back,
                  blockNumber: BigInt(n),
                  blockHash: hex(n * 1000 + ++tx, 'b'),
                } as BlockhostEvent);
                events.sort((a, b) => a.logIndex - b.logIndex);
              }
              chain.push({ n, events });
              added.push(...events);
            }
            store.commit(commitOf(checkpoint([], next - 1), added));
          } else {
            const undone = chain.splice(Math.max(0, chain.length - op.reorg));
            if (undone.length === 0) continue;
            const removed = undone.flatMap((b) => b.events).reverse();
            next = undone[0]!.n;
            if (op.bringBack) orphans = removed.slice(0, 2);
            store.commit(commitOf(checkpoint([], next - 1), [], removed));
          }
        }
        // refolding every id from its live events changes nothing
        const folded = tables(db);
        const all = emptyAffected();
        for (const r of db
          .prepare('SELECT subscription_id AS s, plan_id AS p, token_id AS t FROM events')
          .all() as { s: string | null; p: string | null; t: string | null }[]) {
          if (r.s) all.subscriptions.add(r.s);
          if (r.p) all.plans.add(r.p);
          if (r.t) all.tokens.add(r.t);
        }
        db.transaction(() => refold(db, all))();
        expect(folded).toEqual(tables(db));
        db.close();
      }),
      { numRuns: 150 },
    );
  });
});
