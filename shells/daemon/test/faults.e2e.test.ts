/**
 * Convergence under faults and bad input, on anvil + the simulator with the
 * real daemon engine: 20% of Proxmox tasks fail and 10% of RPC requests are
 * dropped, yet 20 subscriptions end with exactly one running VM and one NFT
 * each; garbage `userEncrypted`, a plan no node can fit and an exhausted IP
 * pool each land in a visible state with a reason while others are served.
 */
import { createPlan } from '@blockhost/chain';
import { type RpcProxy, startRpcProxy } from '@blockhost/chain/testkit';
import {
  type DevStack,
  settledRunning,
  startDevStack,
  startStackDaemon,
  vmState,
  waitFor,
} from '@blockhost/devstack';
import { getSubscription, listJobs, listSubscriptions, needsAttention } from '@blockhost/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../src/engine.js';

describe('convergence under faults', () => {
  let stack: DevStack;
  let proxy: RpcProxy;
  let daemon: Daemon;

  beforeAll(async () => {
    stack = await startDevStack({
      sim: { taskMs: 5, bootMs: 20, seed: 42 },
      blockhost:
        'daemon: { reconcile_interval_ms: 200, retry_base_ms: 20, retry_max_ms: 400, max_attempts: 40 }',
    });
    proxy = await startRpcProxy({ target: stack.anvil.rpcUrl, dropRate: 0.1, seed: 7 });
    stack.writeConfig({ rpcUrl: proxy.url });
    stack.sim.faults.taskFailureRate({ rate: 0.2 });
    daemon = await startStackDaemon(stack);
  }, 60_000);

  afterAll(async () => {
    await daemon?.stop();
    await proxy?.stop();
    await stack?.stop();
  });

  it('provisions 20 subscriptions exactly once despite failing tasks and dropped RPC requests', async () => {
    const buyers = await Promise.all([3, 4, 5, 6].map((i) => stack.customer(i)));
    const subs: bigint[] = [];
    for (let i = 0; i < 20; i++)
      subs.push((await buyers[i % 4]!.buy(stack.planId, 30)).subscriptionId);
    await waitFor(
      'all 20 settled',
      () => subs.every((id) => settledRunning(daemon.db, id)),
      240_000,
    ).catch((e) => {
      console.log(
        JSON.stringify(
          daemon.db
            .prepare(
              'SELECT id, subscription_id, kind, state, step, attempts, last_error FROM jobs',
            )
            .all(),
          null,
          1,
        ),
      );
      console.log(
        JSON.stringify(
          daemon.db
            .prepare('SELECT subscription_id, generation, state, vmid, failure FROM vms')
            .all(),
        ),
      );
      throw e;
    });

    const vms = stack.sim.vms().filter((v) => !v.template);
    expect(vms).toHaveLength(20);
    for (const id of subs) {
      const mine = vms.filter((v) => v.tags.includes(`sub-${id}`));
      expect(mine).toHaveLength(1);
      expect(mine[0]!.status).toBe('running');
      expect(await buyers[0]!.tokenOf(id)).not.toBeNull();
    }
    // The faults really happened, and were retried rather than given up on.
    const failedTasks = stack.sim
      .tasks()
      .filter((t) => t.status === 'stopped' && t.exitstatus !== 'OK');
    expect(failedTasks.length).toBeGreaterThan(5);
    expect(proxy.stats.dropped).toBeGreaterThan(5);
    expect(listJobs(daemon.db, { states: ['failed', 'needs_operator'] })).toEqual([]);
  }, 300_000);
});

describe('bad input lands in a visible state, the rest is served', () => {
  let stack: DevStack;
  let daemon: Daemon;

  beforeAll(async () => {
    stack = await startDevStack({
      // Three addresses only: the fourth VM finds the pool exhausted.
      ipv4: { cidr: '10.88.0.0/24', gateway: '10.88.0.1', start: '10.88.0.10', end: '10.88.0.12' },
      blockhost: 'daemon: { reconcile_interval_ms: 200, retry_base_ms: 20, max_attempts: 3 }',
    });
    daemon = await startStackDaemon(stack);
  }, 60_000);

  afterAll(async () => {
    await daemon?.stop();
    await stack?.stop();
  });

  it('records garbage userEncrypted, an unfittable plan and an exhausted pool, and keeps serving', async () => {
    const alice = await stack.customer(3);
    // A plan no node can hold (the dev node has 1 TiB of memory).
    const huge = (
      await createPlan(stack.server, {
        address: stack.contracts.subscriptions,
        plan: {
          name: 'huge',
          pricePerDayUsdCents: 100n,
          cores: 4,
          memoryMiB: 4 * 1024 * 1024,
          diskGiB: 10,
        },
      })
    )._unsafeUnwrap().planId;

    const garbage = (await alice.buy(stack.planId, 30, '0xdeadbeef')).subscriptionId;
    const tooBig = (await alice.buy(huge, 30)).subscriptionId;
    const ok1 = (await alice.buy(stack.planId, 30)).subscriptionId;
    const ok2 = (await alice.buy(stack.planId, 30)).subscriptionId;
    const noIp = (await alice.buy(stack.planId, 30)).subscriptionId;

    // Garbage key: the VM is still provisioned (the customer paid), the NFT minted
    // without details, and the reason recorded.
    await waitFor('the garbage-key VM', () => settledRunning(daemon.db, garbage));
    const g = getSubscription(daemon.db, garbage.toString())!;
    expect(g.keyError).toMatch(/userEncrypted/);
    const gToken = await alice.tokenOf(garbage);
    expect(gToken).not.toBeNull();
    expect(
      await stack.anvil.publicClient.readContract({
        address: stack.contracts.nft,
        abi: (await import('@blockhost/chain')).accessCredentialNftAbi,
        functionName: 'getUserEncrypted',
        args: [gToken!],
      }),
    ).toBe('0x');

    // The plan that fits nowhere: failed with a reason naming what it needs, surfaced.
    await waitFor(
      'the oversized plan to fail',
      () => vmState(daemon.db, tooBig)?.state === 'failed',
    );
    expect(vmState(daemon.db, tooBig)?.failure).toMatch(/no node has room.*4194304 MiB/);
    await waitFor(
      'attention',
      () => getSubscription(daemon.db, tooBig.toString())?.attention === 'provision-failed',
    );

    // Two get the pool's last addresses (with the garbage one that is all three); the next is refused.
    await waitFor('ok VMs', () => settledRunning(daemon.db, ok1) && settledRunning(daemon.db, ok2));
    await waitFor('the pool to run dry', () => vmState(daemon.db, noIp)?.state === 'failed');
    expect(vmState(daemon.db, noIp)?.failure).toMatch(/IPv4 pool 10\.88\.0\.0\/24 .* is exhausted/);

    // Surfaced on /metrics too, and the daemon is still healthy.
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    // What `blockhost sub list --attention` lists: the two failed provisions and the garbage key.
    expect(listSubscriptions(daemon.db).filter(needsAttention)).toHaveLength(3);
    expect(metrics).toMatch(/^blockhost_subscriptions_needing_attention 3$/m);
    expect(metrics).toMatch(/^blockhost_subscription_key_errors 1$/m);
    expect(metrics).toMatch(/^blockhost_vms\{state="failed"\} 2$/m);
    expect((await fetch(`${daemon.url}/healthz`)).status).toBe(200);
    expect(listSubscriptions(daemon.db)).toHaveLength(5);
  }, 120_000);
});
