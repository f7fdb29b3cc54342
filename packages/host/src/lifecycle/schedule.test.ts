import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listJobs, setJobState } from '../db/jobs.js';
import { emptyAffected, insertEvents, type JournalEvent } from '../db/journal.js';
import { type Db, openDb } from '../db/open.js';
import { refold } from '../db/projection.js';
import { getSubscription } from '../db/subscriptions.js';
import { latestVmOf, updateVm } from '../db/vms.js';
import { scheduleLifecycle } from './schedule.js';

const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const POLICY = {
  graceSeconds: 7 * 86400,
  suspendMode: 'shutdown' as const,
  reprovisionAfterDestroy: true,
};
let dir: string;
let db: Db;
let n = 0;

function chain(name: string, args: Record<string, unknown>) {
  n++;
  const e: JournalEvent = {
    key: `0x${n}:0`,
    blockNumber: BigInt(n),
    blockHash: `0xh${n}`,
    txHash: `0x${n}`,
    logIndex: 0,
    contract: '0xc',
    name,
    args,
  };
  db.transaction(() => {
    const a = emptyAffected();
    insertEvents(db, [e], 0, a);
    refold(db, a);
  })();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bh-sched-'));
  db = openDb(join(dir, 'db.sqlite'));
  chain('PlanCreated', {
    planId: 1n,
    name: 's',
    pricePerDayUsdCents: 100n,
    cores: 1,
    memoryMiB: 512,
    diskGiB: 5,
  });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scheduleLifecycle', () => {
  it('turns a new subscription into one provision job and a VM record, once', () => {
    chain('SubscriptionCreated', {
      subscriptionId: 1n,
      planId: 1n,
      subscriber: ALICE,
      expiresAt: 2000n,
      userEncrypted: '0x',
    });
    const first = scheduleLifecycle(db, 1000, POLICY, 1);
    expect(first.queued).toEqual([
      { subscriptionId: '1', kind: 'provision', jobId: expect.any(Number) },
    ]);
    expect(latestVmOf(db, '1')).toMatchObject({
      state: 'provisioning',
      generation: 1,
      allowedWallet: ALICE,
    });
    expect(scheduleLifecycle(db, 1000, POLICY, 2).queued).toEqual([]);
    expect(listJobs(db)).toHaveLength(1);
  });

  it('suspends at expiry by chain time and records attention for unknown plans', () => {
    chain('SubscriptionCreated', {
      subscriptionId: 1n,
      planId: 1n,
      subscriber: ALICE,
      expiresAt: 2000n,
      userEncrypted: '0x',
    });
    chain('SubscriptionCreated', {
      subscriptionId: 2n,
      planId: 9n,
      subscriber: ALICE,
      expiresAt: 2000n,
      userEncrypted: '0x',
    });
    const { queued } = scheduleLifecycle(db, 1000, POLICY, 1);
    expect(queued.map((q) => q.subscriptionId)).toEqual(['1']);
    expect(getSubscription(db, '2')).toMatchObject({
      attention: 'plan-unknown',
      attentionDetail: 'plan 9',
    });

    const vm = latestVmOf(db, '1')!;
    updateVm(db, vm.id, { state: 'running' }, 2);
    setJobState(db, queued[0]!.jobId, 'done', 2);
    db.prepare("INSERT INTO tokens (token_id, owner, subscription_id) VALUES ('1', ?, '1')").run(
      ALICE,
    );

    expect(scheduleLifecycle(db, 1999, POLICY, 3).queued).toEqual([]);
    const at = scheduleLifecycle(db, 2000, POLICY, 4).queued;
    expect(at).toEqual([{ subscriptionId: '1', kind: 'suspend', jobId: expect.any(Number) }]);
    expect(listJobs(db, { states: ['queued'] })[0]?.payload).toEqual({
      reason: 'expired',
      mode: 'shutdown',
      at: 2000,
    });
  });

  it('clears attention once the cause is gone', () => {
    chain('SubscriptionCreated', {
      subscriptionId: 2n,
      planId: 9n,
      subscriber: ALICE,
      expiresAt: 2000n,
      userEncrypted: '0x',
    });
    scheduleLifecycle(db, 1000, POLICY, 1);
    expect(getSubscription(db, '2')?.attention).toBe('plan-unknown');
    chain('PlanCreated', {
      planId: 9n,
      name: 'big',
      pricePerDayUsdCents: 900n,
      cores: 4,
      memoryMiB: 8192,
      diskGiB: 50,
    });
    scheduleLifecycle(db, 1000, POLICY, 2);
    expect(getSubscription(db, '2')?.attention).toBeNull();
  });
});
