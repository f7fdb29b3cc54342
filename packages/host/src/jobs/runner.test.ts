import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  enqueueJob,
  getJob,
  type JobKind,
  type JobRow,
  requeueInterrupted,
  setJobState,
} from '../db/jobs.js';
import { type Db, openDb } from '../db/open.js';
import { createVm } from '../db/vms.js';
import { type JobDefinition, JobRunner, type StepOutcome } from './runner.js';

let dir: string;
let db: Db;
const log = pino({ level: 'silent' });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bh-runner-'));
  db = openDb(join(dir, 'db.sqlite'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A two-step job whose steps are scripted per call; records what ran. */
function scripted(script: Record<string, StepOutcome[]>, ran: string[]): JobDefinition {
  return {
    async run(job: JobRow) {
      ran.push(`${job.id}:${job.step}`);
      const queue = script[job.step] ?? [];
      return queue.shift() ?? { kind: 'retry', error: 'script exhausted' };
    },
    giveUp: () => ({ state: 'needs_operator' }),
  };
}

function runner(
  def: JobDefinition,
  extra: Partial<ConstructorParameters<typeof JobRunner>[0]> = {},
) {
  const defs = Object.fromEntries(
    (['provision', 'suspend', 'resume', 'destroy', 'mint', 'syncOwner'] as JobKind[]).map((k) => [
      k,
      def,
    ]),
  ) as Record<JobKind, JobDefinition>;
  return new JobRunner({
    db,
    definitions: defs,
    log,
    maxConcurrent: 4,
    maxProvisionsPerNode: 1,
    maxAttempts: 3,
    retryBaseMs: 1,
    retryMaxMs: 5,
    ...extra,
  });
}

/** A job queued now with an empty payload. */
const queue = (kind: JobKind, subscriptionId = '1', step = 'a') =>
  enqueueJob(db, { subscriptionId, vmId: null, kind, step, payload: {} }, Date.now())!;

async function until(cond: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('JobRunner', () => {
  it('runs steps in order, retries a failing step and commits its outputs', async () => {
    const ran: string[] = [];
    const def = scripted(
      {
        a: [
          { kind: 'retry', error: 'lock timeout' },
          { kind: 'next', step: 'b', patch: { vmid: 101 } },
        ],
        b: [{ kind: 'done' }],
      },
      ran,
    );
    const job = enqueueJob(
      db,
      { subscriptionId: '1', vmId: null, kind: 'mint', step: 'a', payload: { x: 1 } },
      Date.now(),
    )!;
    const r = runner(def);
    r.start();
    await until(() => getJob(db, job.id)?.state === 'done');
    await r.stop();
    expect(ran).toEqual([`${job.id}:a`, `${job.id}:a`, `${job.id}:b`]);
    expect(getJob(db, job.id)).toMatchObject({
      state: 'done',
      step: 'b',
      payload: { x: 1, vmid: 101 },
      attempts: 0,
    });
  });

  it('gives up after max attempts with the last error visible', async () => {
    const def = scripted({ a: [] }, []);
    const job = queue('suspend');
    const r = runner(def);
    r.start();
    await until(() => getJob(db, job.id)?.state === 'needs_operator');
    await r.stop();
    expect(getJob(db, job.id)).toMatchObject({ attempts: 2, lastError: 'script exhausted' });
  });

  it('a step result the journal refuses is rolled back and retried, then given up; the runner goes on', async () => {
    // Two records cannot hold one VMID: the second step's apply breaks a UNIQUE constraint.
    const a = createVm(db, '1', 'key-1', '0xabc', Date.now()).id;
    const b = createVm(db, '3', 'key-3', '0xabc', Date.now()).id;
    db.prepare("INSERT INTO allocations (vm_id, kind, value) VALUES (?, 'vmid', '777')").run(a);
    const clash: StepOutcome = {
      kind: 'next',
      step: 'b',
      apply: (d) => {
        d.prepare("INSERT INTO allocations (vm_id, kind, value) VALUES (?, 'vmid', '777')").run(b);
      },
    };
    const ran: string[] = [];
    const bad = queue('provision');
    const good = queue('suspend', '2');
    const defs = scripted({ a: [clash, clash, clash, { kind: 'done' }] }, ran);
    const r = runner({
      ...defs,
      run: (job, signal) =>
        job.id === good.id ? Promise.resolve({ kind: 'done' }) : defs.run(job, signal),
    });
    r.start();
    await until(() => getJob(db, bad.id)?.state === 'needs_operator');
    await until(() => getJob(db, good.id)?.state === 'done');
    await r.stop();
    const failed = getJob(db, bad.id)!;
    expect(failed.step).toBe('a'); // nothing of the refused step was kept
    expect(failed.lastError).toMatch(/^recording step a: UNIQUE constraint failed/);
    expect(db.prepare("SELECT COUNT(*) AS n FROM allocations WHERE value = '777'").get()).toEqual({
      n: 1,
    });
  });

  it('waits out a full cluster without spending attempts, then goes on', async () => {
    // More waits than maxAttempts (3): a retry would have given up; a wait does not.
    const full = { kind: 'wait', reason: 'placement: no node has room' } as const;
    const ran: string[] = [];
    const job = queue('provision');
    const r = runner(scripted({ a: [full, full, full, full, full, { kind: 'done' }] }, ran));
    r.start();
    await until(() => getJob(db, job.id)?.state === 'done');
    await r.stop();
    expect(ran).toHaveLength(6);
    expect(getJob(db, job.id)).toMatchObject({ state: 'done', attempts: 0 });
  });

  it('waits out an API that does not answer without spending attempts, looking again soon', async () => {
    const down = { kind: 'wait', reason: 'no answer from the Proxmox API', soon: true } as const;
    const ran: string[] = [];
    const job = queue('provision');
    // The longest delay is a minute: only a wait that looks again soon finishes in time.
    const r = runner(scripted({ a: [down, down, down, down, { kind: 'done' }] }, ran), {
      retryMaxMs: 60_000,
    });
    r.start();
    await until(() => getJob(db, job.id)?.state === 'done');
    await r.stop();
    expect(ran).toHaveLength(5);
    expect(getJob(db, job.id)).toMatchObject({ state: 'done', attempts: 0 });
  });

  it('ends a job cancelled when its definition says nothing is left to do', async () => {
    const finished: string[] = [];
    const def: JobDefinition = {
      run: async () => ({ kind: 'fail', error: 'the subscription is no longer on chain' }),
      giveUp: () => ({ state: 'cancelled' }),
    };
    const job = queue('mint', '9');
    const r = runner(def, { onFinished: (_j, state) => finished.push(state) });
    r.start();
    await until(() => getJob(db, job.id)?.state === 'cancelled');
    await r.stop();
    expect(finished).toEqual(['cancelled']);
    expect(getJob(db, job.id)?.lastError).toBe('the subscription is no longer on chain');
  });

  it('fails at once on a permanent error', async () => {
    const ran: string[] = [];
    const job = queue('suspend');
    const r = runner(scripted({ a: [{ kind: 'fail', error: '403 missing VM.PowerMgmt' }] }, ran));
    r.start();
    await until(() => getJob(db, job.id)?.state === 'needs_operator');
    await r.stop();
    expect(ran).toHaveLength(1);
    expect(getJob(db, job.id)?.lastError).toBe('403 missing VM.PowerMgmt');
  });

  it('runs an interrupted job again from its recorded step after a crash', async () => {
    const job = queue('mint', '1', 'b');
    setJobState(db, job.id, 'running', Date.now()); // the process died here
    expect(requeueInterrupted(db, Date.now())).toBe(1);
    const ran: string[] = [];
    const r = runner(scripted({ b: [{ kind: 'done' }] }, ran));
    r.start();
    await until(() => getJob(db, job.id)?.state === 'done');
    await r.stop();
    expect(ran).toEqual([`${job.id}:b`]);
  });

  it('holds provisioning to the per-node limit', async () => {
    let running = 0;
    let peak = 0;
    const def: JobDefinition = {
      async run(job) {
        if (job.step === 'allocate') return { kind: 'next', step: 'clone', node: 'pve1' };
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        return { kind: 'done' };
      },
      giveUp: () => ({ state: 'failed' }),
    };
    const ids = [1, 2, 3].map(
      (i) =>
        enqueueJob(
          db,
          {
            subscriptionId: String(i),
            vmId: null,
            kind: 'provision',
            step: 'allocate',
            payload: {},
          },
          Date.now(),
        )!.id,
    );
    const r = runner(def);
    r.start();
    await until(() => ids.every((id) => getJob(db, id)?.state === 'done'));
    await r.stop();
    expect(peak).toBe(1);
  });

  it('refuses a second active job for one subscription', () => {
    expect(
      enqueueJob(db, { subscriptionId: '1', vmId: null, kind: 'mint', step: 'a', payload: {} }, 1),
    ).not.toBeNull();
    expect(
      enqueueJob(
        db,
        { subscriptionId: '1', vmId: null, kind: 'suspend', step: 'a', payload: {} },
        1,
      ),
    ).toBeNull();
  });
});
