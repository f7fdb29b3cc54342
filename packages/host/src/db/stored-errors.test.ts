/**
 * Errors stored in the journal come partly from guests (a command's stderr):
 * a customer controls how long they are. What is stored is capped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueJob, getJob, retryJob, setJobState } from './jobs.js';
import { type Db, openDb } from './open.js';
import { createVm, getVm, updateVm } from './vms.js';

const WALLET = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const HUGE = `usermod failed: ${'\u001b[2J\u001b[H'.repeat(50_000)}THE END`;
let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'blockhost-errors-'));
  db = openDb(join(dir, 'blockhost.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function job() {
  const vm = createVm(db, '1', 'key-1', WALLET, 1);
  const j = enqueueJob(
    db,
    { subscriptionId: '1', vmId: vm.id, kind: 'syncOwner', step: 'gecos', payload: {} },
    1,
  )!;
  return { vm, job: j };
}

describe('stored errors are capped', () => {
  it('a retried job keeps the start of its error and says how much was cut', () => {
    const { job: j } = job();
    retryJob(db, j.id, HUGE, 10, 5);
    const stored = getJob(db, j.id)!.lastError!;
    expect(stored.length).toBeLessThanOrEqual(4096);
    expect(stored.startsWith('usermod failed: ')).toBe(true);
    expect(stored).toMatch(/… \[\d+ more characters\]$/);
  });

  it('a failed job and its VM likewise; short errors are kept whole', () => {
    const { vm, job: j } = job();
    setJobState(db, j.id, 'failed', 6, HUGE);
    expect(getJob(db, j.id)!.lastError!.length).toBeLessThanOrEqual(4096);
    updateVm(db, vm.id, { state: 'failed', failure: HUGE }, 7);
    expect(getVm(db, vm.id)!.failure!.length).toBeLessThanOrEqual(4096);
    updateVm(db, vm.id, { failure: 'clone failed' }, 8);
    expect(getVm(db, vm.id)!.failure).toBe('clone failed');
  });
});
