import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  emptyAffected,
  getCursor,
  insertEvents,
  type JournalEvent,
  markRemoved,
  setCursor,
} from './journal.js';
import { type Db, openDb, schemaVersion } from './open.js';
import { refold } from './projection.js';
import { listPlans, listSubscriptions } from './subscriptions.js';

const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const BOB = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
let dir: string;
let db: Db;

function ev(
  n: number,
  name: string,
  args: Record<string, unknown>,
  block = BigInt(n),
): JournalEvent {
  return {
    key: `0xtx${n}:0`,
    blockNumber: block,
    blockHash: `0xb${block}`,
    txHash: `0xtx${n}`,
    logIndex: 0,
    contract: '0xC',
    name,
    args,
  };
}

function apply(added: JournalEvent[], removed: string[] = []) {
  return db.transaction(() => {
    const affected = emptyAffected();
    insertEvents(db, added, 1, affected);
    markRemoved(db, removed, affected);
    refold(db, affected);
    return affected;
  })();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bh-journal-'));
  db = openDb(join(dir, 'sub', 'blockhost.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('journal', () => {
  it('creates the database with migrations, WAL and a private mode', () => {
    expect(schemaVersion(db)).toBeGreaterThanOrEqual(1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(statSync(join(dir, 'sub', 'blockhost.db')).mode & 0o777).toBe(0o640);
  });

  it('refuses to open a missing database when asked to (the CLI)', () => {
    expect(() => openDb(join(dir, 'nope.db'), { mustExist: true })).toThrow(
      /no BlockHost database/,
    );
  });

  it('stores an event once, however often it is delivered', () => {
    const e = ev(1, 'SubscriptionCreated', {
      subscriptionId: 1n,
      planId: 1n,
      subscriber: ALICE,
      expiresAt: 100n,
      userEncrypted: '0x',
    });
    apply([e]);
    const again = apply([e, e]);
    expect(again.subscriptions.size).toBe(0);
    expect((db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n).toBe(1);
  });

  it('folds created/extended/cancelled into the subscription and undoes them on removal', () => {
    apply([
      ev(1, 'PlanCreated', {
        planId: 1n,
        name: 'small',
        pricePerDayUsdCents: 100n,
        cores: 1,
        memoryMiB: 1024,
        diskGiB: 10,
      }),
      ev(2, 'SubscriptionCreated', {
        subscriptionId: 7n,
        planId: 1n,
        subscriber: ALICE,
        expiresAt: 1000n,
        userEncrypted: '0xab',
      }),
      ev(3, 'SubscriptionExtended', {
        subscriptionId: 7n,
        planId: 1n,
        extendedBy: BOB,
        newExpiresAt: 5000n,
      }),
    ]);
    expect(listSubscriptions(db)[0]).toMatchObject({
      id: '7',
      expiresAt: 5000,
      cancelled: false,
      userEncrypted: '0xab',
    });
    expect(listPlans(db)[0]).toMatchObject({
      id: '1',
      name: 'small',
      cores: 1,
      memoryMiB: 1024,
      active: true,
    });

    apply([], ['0xtx3:0']); // the extension was reorged away
    expect(listSubscriptions(db)[0]?.expiresAt).toBe(1000);

    apply([ev(4, 'SubscriptionCancelled', { subscriptionId: 7n, planId: 1n, subscriber: ALICE })]);
    expect(listSubscriptions(db)[0]?.cancelled).toBe(true);

    // The admin undoes an operator's cancel; a reorg of the undo cancels it again.
    const restored = ev(5, 'SubscriptionRestored', {
      subscriptionId: 7n,
      planId: 1n,
      restoredBy: BOB,
    });
    apply([restored]);
    expect(listSubscriptions(db)[0]?.cancelled).toBe(false);
    apply([], [restored.key]);
    expect(listSubscriptions(db)[0]?.cancelled).toBe(true);
    apply([{ ...restored, blockHash: '0xagain' }]);
    expect(listSubscriptions(db)[0]?.cancelled).toBe(false);

    apply([], ['0xtx2:0']); // the purchase itself was reorged away
    expect(listSubscriptions(db)).toEqual([]);
  });

  it('revives a removed event when the chain brings it back', () => {
    const e = ev(2, 'SubscriptionCreated', {
      subscriptionId: 7n,
      planId: 1n,
      subscriber: ALICE,
      expiresAt: 1000n,
      userEncrypted: '0x',
    });
    apply([e]);
    apply([], [e.key]);
    expect(listSubscriptions(db)).toHaveLength(0);
    apply([{ ...e, blockHash: '0xother' }]);
    expect(listSubscriptions(db)).toHaveLength(1);
  });

  it('follows NFT ownership through Transfer events', () => {
    const zero = '0x0000000000000000000000000000000000000000';
    apply([
      ev(1, 'SubscriptionCreated', {
        subscriptionId: 1n,
        planId: 1n,
        subscriber: ALICE,
        expiresAt: 1000n,
        userEncrypted: '0x',
      }),
      ev(2, 'Transfer', { from: zero, to: ALICE, tokenId: 5n }),
    ]);
    db.prepare("UPDATE tokens SET subscription_id = '1' WHERE token_id = '5'").run();
    expect(listSubscriptions(db)[0]).toMatchObject({ tokenId: '5', tokenOwner: ALICE });
    apply([ev(3, 'Transfer', { from: ALICE, to: BOB, tokenId: 5n })]);
    expect(listSubscriptions(db)[0]).toMatchObject({ tokenId: '5', tokenOwner: BOB });
    apply([], ['0xtx3:0']);
    expect(listSubscriptions(db)[0]?.tokenOwner).toBe(ALICE);
  });

  it('keeps the cursor with its scanner state', () => {
    expect(getCursor(db)).toBeNull();
    setCursor(
      db,
      { blockNumber: 42n, blockHash: '0xabc', blockTimestamp: 1700, state: '{"x":1}' },
      5,
    );
    expect(getCursor(db)).toEqual({
      blockNumber: 42n,
      blockHash: '0xabc',
      blockTimestamp: 1700,
      state: '{"x":1}',
    });
  });
});
