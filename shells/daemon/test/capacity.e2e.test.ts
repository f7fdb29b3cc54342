/**
 * A full cluster is waited out (found by the season): while the operator's own VM takes the
 * node's memory, a purchase waits for room without spending its attempts or failing; once room
 * is back it is provisioned with nobody touching anything. A purchase that lapses while it waits
 * stops waiting (its record ends failed and is closed), and gets a VM again when renewed.
 * A Proxmox API that does not answer (found by the season, during a pveproxy restart) is waited
 * out the same way: the purchase is provisioned once it answers again.
 */

import {
  type DevStack,
  settledRunning,
  startDevStack,
  startStackDaemon,
  vmState,
  waitFor,
} from '@blockhost/devstack';
import { listJobs } from '@blockhost/host';
import { createPveClient } from '@blockhost/proxmox';
import { afterEach, describe, expect, it } from 'vitest';
import type { Daemon } from '../src/engine.js';

const NODE_MIB = 64 * 1024;
let stack: DevStack | undefined;
let daemon: Daemon | undefined;

afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
  await stack?.stop();
  stack = undefined;
});

async function start() {
  stack = await startDevStack({
    sim: {
      nodes: [
        {
          name: 'pve1',
          memoryMiB: NODE_MIB,
          cores: 16,
          storageGiB: { local: 100, 'local-lvm': 2000 },
        },
      ],
    },
    db: 'grace_days: 1',
    blockhost:
      'daemon: { reconcile_interval_ms: 200, retry_base_ms: 20, retry_max_ms: 300, max_attempts: 3 }',
  });
  daemon = await startStackDaemon(stack);
  const s = stack;
  const root = createPveClient({
    url: s.sim.url,
    tokenId: s.sim.rootToken.id,
    tokenSecret: s.sim.rootToken.secret,
    fingerprint: s.sim.tls!.fingerprint256,
  })._unsafeUnwrap();
  // The operator's own VM (outside BlockHost's pool) commits all of the node's memory.
  const fill = async () => {
    await root.api.nodes
      .$('pve1')
      .qemu.$post({ vmid: 500, memory: String(NODE_MIB) as never } as never);
    await waitFor('the operator VM', () => s.sim.vm(500));
  };
  const free = async () => {
    await root.api.nodes.$('pve1').qemu.$(500).$delete();
    await waitFor('the operator VM gone', () => !s.sim.vm(500));
  };
  return { s, fill, free };
}

const provisionJob = (d: Daemon, sub: bigint) =>
  listJobs(d.db, { limit: 100 }).find(
    (j) => j.kind === 'provision' && j.subscriptionId === String(sub),
  );

describe('a full cluster', () => {
  it('a purchase waits for room, spending no attempts, and runs once room is back', async () => {
    const { s, fill, free } = await start();
    await fill();
    const alice = await s.customer(3);
    const { subscriptionId } = await alice.buy(s.planId, 5);
    // Well past max_attempts (3) retries of 20-300 ms: a retry would have given up by now.
    await waitFor('the job to wait for room', () =>
      /no node has room/.test(provisionJob(daemon!, subscriptionId)?.lastError ?? ''),
    );
    await new Promise((r) => setTimeout(r, 2500));
    expect(provisionJob(daemon!, subscriptionId)).toMatchObject({ state: 'queued', attempts: 0 });
    expect(vmState(daemon!.db, subscriptionId)?.state).toBe('provisioning');
    expect(s.sim.vms().filter((v) => v.tags.includes(`sub-${subscriptionId}`))).toHaveLength(0);

    await free();
    await waitFor('the VM to run', () => settledRunning(daemon!.db, subscriptionId), 60_000);
    expect(provisionJob(daemon!, subscriptionId)?.state).toBe('done');
  }, 180_000);

  it('a purchase that lapses while waiting stops waiting, and a renewal provisions it', async () => {
    const { s, fill, free } = await start();
    await fill();
    const bob = await s.customer(4);
    const { subscriptionId } = await bob.buy(s.planId, 1);
    await waitFor('the job to wait for room', () =>
      /no node has room/.test(provisionJob(daemon!, subscriptionId)?.lastError ?? ''),
    );
    // Two days later, still no room: the paid day is over.
    await s.anvil.increaseTime(2 * 86_400);
    await s.anvil.mine(1);
    await waitFor(
      'the wait to end',
      () => provisionJob(daemon!, subscriptionId)?.state === 'failed',
    );
    expect(provisionJob(daemon!, subscriptionId)?.lastError).toMatch(
      /lapsed while waiting for room/,
    );
    await waitFor(
      'the record closed',
      () => vmState(daemon!.db, subscriptionId)?.state === 'destroyed',
    );
    expect(s.sim.vms().filter((v) => v.tags.includes(`sub-${subscriptionId}`))).toHaveLength(0);

    await free();
    await bob.extend(subscriptionId, 3);
    await waitFor(
      'the renewed VM to run',
      () => settledRunning(daemon!.db, subscriptionId),
      60_000,
    );
  }, 180_000);
});

/** How many times provisioning has waited at placement, from the daemon's /metrics. */
const waits = (metrics: string) =>
  Number(
    /blockhost_job_steps_total\{kind="provision",step="allocate",outcome="wait"\} (\d+)/.exec(
      metrics,
    )?.[1] ?? 0,
  );

describe('a Proxmox API that does not answer', () => {
  it('a purchase waits for it, spending no attempts, and is provisioned once it answers', async () => {
    const { s } = await start();
    const alice = await s.customer(3);
    // The API goes away once the daemon runs (its first look at the cluster is done).
    await waitFor('the daemon ready', async () => (await fetch(`${daemon!.url}/readyz`)).ok);
    let subscriptionId = 0n;
    await s.restartSim(async () => {
      ({ subscriptionId } = await alice.buy(s.planId, 5));
      await waitFor('the job to wait for the API', () =>
        /no answer from the Proxmox API/.test(
          provisionJob(daemon!, subscriptionId)?.lastError ?? '',
        ),
      );
      // More looks than max_attempts (3): a retry would have given up by now.
      await waitFor(
        'a fourth look at the cluster',
        async () => waits(await (await fetch(`${daemon!.url}/metrics`)).text()) >= 4,
        60_000,
      );
      // It looks again soon each time (queued, then running for a moment): never failed.
      const job = provisionJob(daemon!, subscriptionId)!;
      expect(job).toMatchObject({ attempts: 0, lastError: expect.stringMatching(/no answer/) });
      expect(['queued', 'running']).toContain(job.state);
      expect(vmState(daemon!.db, subscriptionId)?.state).toBe('provisioning');
    });
    await waitFor('the VM to run', () => settledRunning(daemon!.db, subscriptionId), 60_000);
    expect(provisionJob(daemon!, subscriptionId)?.state).toBe('done');
    expect(s.sim.vms().filter((v) => v.tags.includes(`sub-${subscriptionId}`))).toHaveLength(1);
  }, 180_000);
});
