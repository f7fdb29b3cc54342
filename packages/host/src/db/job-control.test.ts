import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelJob, JobControlError, requeueJob } from './job-control.js';
import { enqueueJob, getJob, setJobState } from './jobs.js';
import { type Db, openDb } from './open.js';
import { createVm, getVm } from './vms.js';

const WALLET = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'blockhost-jobctl-'));
  db = openDb(join(dir, 'blockhost.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function provisioning(sub: string) {
  const vm = createVm(db, sub, `key-${sub}`, WALLET, 1);
  const job = enqueueJob(
    db,
    { subscriptionId: sub, vmId: vm.id, kind: 'provision', step: 'clone', payload: {} },
    1,
  )!;
  return { vm, job };
}

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof JobControlError) return e.reason;
    throw e;
  }
  return 'accepted';
};

describe('requeueJob', () => {
  it('a failed provisioning goes back to the queue at its step, its VM back to provisioning', () => {
    const { vm, job } = provisioning('1');
    setJobState(db, job.id, 'failed', 5, 'clone failed');
    db.prepare(`UPDATE vms SET state = 'failed', failure = 'clone failed' WHERE id = ?`).run(vm.id);
    const again = requeueJob(db, job.id, 10);
    expect(again).toMatchObject({ state: 'queued', step: 'clone', attempts: 0, runAfter: 10 });
    expect(again.finishedAt).toBeNull();
    expect(getVm(db, vm.id)).toMatchObject({ state: 'provisioning', failure: null });
  });

  it('refuses what it must not touch, naming why, and changes nothing', () => {
    const { job } = provisioning('2');
    expect(refusal(() => requeueJob(db, 999, 10))).toBe('unknown-job');
    setJobState(db, job.id, 'running', 5);
    expect(refusal(() => requeueJob(db, job.id, 10))).toBe('running');
    setJobState(db, job.id, 'done', 6);
    expect(refusal(() => requeueJob(db, job.id, 10))).toBe('not-retryable');
    expect(getJob(db, job.id)?.state).toBe('done');
  });

  it('a failed job is outdated once a newer one exists for the subscription', () => {
    const { vm, job } = provisioning('3');
    setJobState(db, job.id, 'failed', 5);
    const newer = enqueueJob(
      db,
      { subscriptionId: '3', vmId: vm.id, kind: 'destroy', step: 'destroy', payload: {} },
      6,
    )!;
    expect(refusal(() => requeueJob(db, job.id, 10))).toBe('other-active-job');
    setJobState(db, newer.id, 'done', 7);
    expect(refusal(() => requeueJob(db, job.id, 10))).toBe('outdated');
  });
});

describe('cancelJob', () => {
  it('drops a queued provisioning and marks its VM failed with the reason', () => {
    const { vm, job } = provisioning('4');
    expect(cancelJob(db, job.id, 10)).toMatchObject({ state: 'cancelled', finishedAt: 10 });
    expect(getVm(db, vm.id)).toMatchObject({
      state: 'failed',
      failure: 'provisioning cancelled by the operator',
    });
  });

  it('a running job cannot be cancelled', () => {
    const { job } = provisioning('5');
    setJobState(db, job.id, 'running', 5);
    expect(refusal(() => cancelJob(db, job.id, 10))).toBe('not-cancellable');
    expect(getJob(db, job.id)?.state).toBe('running');
  });
});
