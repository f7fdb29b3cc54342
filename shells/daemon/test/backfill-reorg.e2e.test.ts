/**
 * Downtime and reorgs, on anvil + the simulator with the real daemon engine:
 * purchases made while blockhostd was down are all provisioned on start, and a
 * purchase that a reorg removes does not keep its VM, while the purchase that
 * replaced it (same subscription id, another buyer) gets one of its own.
 */

import { rmSync } from 'node:fs';
import { accessCredentialNftAbi, blockhostSubscriptionsAbi } from '@blockhost/chain';
import {
  type DevStack,
  settledRunning,
  startDevStack,
  startStackDaemon,
  waitFor,
} from '@blockhost/devstack';
import { getSubscription, latestVmOf, listJobs, listRefusals } from '@blockhost/host';
import { encodeFunctionData } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../src/engine.js';

let stack: DevStack;
let daemon: Daemon | null = null;

const start = () => startStackDaemon(stack);

beforeAll(async () => {
  stack = await startDevStack({
    blockhost:
      'daemon: { reconcile_interval_ms: 200, retry_base_ms: 50, max_concurrent_jobs: 16 }\nconcurrency: { max_parallel_provisions: 8, clones_per_storage: 4 }',
  });
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
  await stack?.stop();
});

describe('backfill after downtime', () => {
  it('provisions all 50 subscriptions bought while the daemon was down', async () => {
    const buyers = await Promise.all([3, 4, 5, 6, 7].map((i) => stack.customer(i)));
    const subs: bigint[] = [];
    for (let i = 0; i < 50; i++)
      subs.push((await buyers[i % 5]!.buy(stack.planId, 30)).subscriptionId);
    await stack.anvil.mine(20); // and the chain moved on

    daemon = await start();
    const d = daemon;
    await waitFor(
      'all 50 running with NFTs',
      () => subs.every((id) => settledRunning(d.db, id)),
      120_000,
    );
    const vms = stack.sim.vms().filter((v) => !v.template);
    for (const id of subs) expect(vms.filter((v) => v.tags.includes(`sub-${id}`))).toHaveLength(1);
    for (const [i, id] of subs.entries()) {
      const vm = vms.find((v) => v.tags.includes(`sub-${id}`))!;
      expect(vm.guest.users.user?.gecos).toMatch(
        new RegExp(`^wallet=${buyers[i % 5]!.address},nft=[0-9]+$`),
      );
    }
  }, 180_000);
});

describe('reorgs', () => {
  it('takes the VM away from a purchase a reorg removed and gives the replacement its own', async () => {
    daemon ??= await start();
    const d = daemon;
    const alice = await stack.customer(8);
    const bob = await stack.customer(9);
    await bob.approve(10n ** 12n); // before the reorged range, so Bob's replacement purchase can pay
    const { subscriptionId } = await alice.buy(stack.planId, 30);
    const alicesVm = await waitFor('Alice’s VM', () => settledRunning(d.db, subscriptionId));
    expect(stack.sim.vm(alicesVm.vmid!)?.guest.users.user?.gecos).toContain(
      `wallet=${alice.address}`,
    );
    const head = await stack.anvil.publicClient.getBlockNumber();
    const createdBlock = BigInt(getSubscription(d.db, subscriptionId.toString())!.createdBlock);
    const depth = Number(head - createdBlock) + 1;

    // Replace the blocks from Alice's purchase on with ones where Bob buys instead.
    const userEncrypted = await bob.encryptedKey();
    await stack.anvil.reorg(depth, [
      [
        {
          from: bob.address,
          to: stack.contracts.subscriptions,
          gas: '0x200000', // anvil's own estimate for a reorg transaction runs out of gas
          data: encodeFunctionData({
            abi: blockhostSubscriptionsAbi,
            functionName: 'buySubscription',
            args: [stack.planId, 30n, stack.stablecoin, 10n ** 12n, userEncrypted],
          }),
        },
        0,
      ],
    ]);
    await stack.anvil.mine(1);
    const bobsSub = await stack.anvil.publicClient.readContract({
      address: stack.contracts.subscriptions,
      abi: blockhostSubscriptionsAbi,
      functionName: 'getSubscription',
      args: [subscriptionId],
    });
    expect((bobsSub as { subscriber: string }).subscriber.toLowerCase()).toBe(
      bob.address.toLowerCase(),
    );

    // Destroying is the one irreversible act: Alice's VM stays while the history without her
    // purchase is not final (anvil finalizes 64 blocks behind its head) …
    await waitFor('the destroy to wait for finality', () =>
      listJobs(d.db, { states: ['queued'] }).find(
        (j) => j.kind === 'destroy' && j.lastError?.includes('waits for the reorg to become final'),
      ),
    );
    expect(stack.sim.vm(alicesVm.vmid!)).toBeDefined();
    expect(listRefusals(d.db)).toEqual([]); // waiting for finality is not a refusal
    await stack.anvil.mine(64);

    // … then it goes; the same subscription id now serves Bob with a new VM and NFT.
    const bobsVm = await waitFor(
      'Bob’s VM',
      () => {
        const v = settledRunning(d.db, subscriptionId);
        return v && v.generation > alicesVm.generation ? v : undefined;
      },
      60_000,
    );
    // (Bob's VM may reuse the VMID Alice's released; what matters is that no VM admits Alice.)
    expect(
      stack.sim.vms().filter((v) => v.guest.users.user?.gecos.includes(alice.address)),
    ).toEqual([]);
    const live = stack.sim.vms().filter((v) => v.tags.includes(`sub-${subscriptionId}`));
    expect(live).toHaveLength(1);
    expect(live[0]!.vmid).toBe(bobsVm.vmid);
    const tokenId = await bob.tokenOf(subscriptionId);
    expect(live[0]!.guest.users.user?.gecos).toBe(`wallet=${bob.address},nft=${tokenId}`);
    const owner = await stack.anvil.publicClient.readContract({
      address: stack.contracts.nft,
      abi: accessCredentialNftAbi,
      functionName: 'ownerOf',
      args: [tokenId!],
    });
    expect(String(owner).toLowerCase()).toBe(bob.address.toLowerCase());
  }, 120_000);

  it('a VM adopted after a lost journal, for a purchase a reorg took: destroyed once the reorg is final', async () => {
    daemon ??= await start();
    const carol = await stack.customer(5);
    const { subscriptionId } = await carol.buy(stack.planId, 30);
    const carolsVm = await waitFor('Carol’s VM', () => settledRunning(daemon!.db, subscriptionId));
    const createdBlock = BigInt(
      getSubscription(daemon!.db, subscriptionId.toString())!.createdBlock,
    );
    // The journal is lost, and meanwhile a reorg takes Carol's purchase away (nothing replaces it).
    await daemon!.stop();
    daemon = null;
    for (const f of [stack.dbPath, `${stack.dbPath}-wal`, `${stack.dbPath}-shm`])
      rmSync(f, { force: true });
    const head = await stack.anvil.publicClient.getBlockNumber();
    await stack.anvil.reorg(Number(head - createdBlock) + 1);
    await stack.anvil.mine(1);
    daemon = await start();
    const d = daemon;
    // Recovery keeps her VM (its VMID and address held), the journal knowing no purchase for it …
    const adopted = await waitFor('the VM adopted', () =>
      latestVmOf(d.db, subscriptionId.toString()),
    );
    expect(adopted).toMatchObject({ vmid: carolsVm.vmid, ipv4: carolsVm.ipv4 });
    expect(adopted.subscriptionKey).toMatch(/^adopted:[0-9]+@[0-9]+$/);
    expect(getSubscription(d.db, subscriptionId.toString())).toBeNull();
    // … and its destroy waits until the history without the purchase is final …
    await waitFor('the destroy to wait for finality', () =>
      listJobs(d.db, { states: ['queued'] }).find(
        (j) => j.kind === 'destroy' && j.lastError?.includes('waits for the reorg to become final'),
      ),
    );
    expect(stack.sim.vm(carolsVm.vmid!)).toBeDefined();
    await stack.anvil.mine(64);
    // … then the VM goes and its address is free again.
    await waitFor(
      'the VM destroyed',
      () => latestVmOf(d.db, subscriptionId.toString())?.state === 'destroyed',
      60_000,
    );
    expect(stack.sim.vm(carolsVm.vmid!)).toBeUndefined();
    expect(
      d.db.prepare('SELECT COUNT(*) AS n FROM allocations WHERE value = ?').get(carolsVm.ipv4),
    ).toEqual({ n: 0 });
    expect(listRefusals(d.db)).toEqual([]);
  }, 120_000);

  it('a provision under way when a reorg takes its purchase stops at its next step; the VM goes once the reorg is final', async () => {
    daemon ??= await start();
    const d = daemon;
    const dave = await stack.customer(6);
    // Every start task fails: the provision retries its start step, the VM cloned and configured.
    stack.sim.faults.taskFailureRate({ rate: 1, types: ['qmstart'], message: 'start failed' });
    try {
      const { subscriptionId } = await dave.buy(stack.planId, 30);
      const id = subscriptionId.toString();
      const vm = await waitFor('the VM made, the provision retrying its start', () => {
        const v = latestVmOf(d.db, id);
        const job = listJobs(d.db, {}).find((j) => j.vmId === v?.id && j.kind === 'provision');
        const made = v?.vmid ? stack.sim.vm(v.vmid) !== undefined : false;
        return made && job?.step === 'start' && job.attempts > 0 ? v : undefined;
      });
      const createdBlock = BigInt(getSubscription(d.db, id)!.createdBlock);
      const head = await stack.anvil.publicClient.getBlockNumber();
      await stack.anvil.reorg(Number(head - createdBlock) + 1);
      await stack.anvil.mine(1);
      // The job ends (cancelled: nobody failed) without waiting out its retries …
      const ended = await waitFor('the provision cancelled', () =>
        listJobs(d.db, {}).find(
          (j) => j.vmId === vm.id && j.kind === 'provision' && j.state === 'cancelled',
        ),
      );
      expect(ended.lastError).toMatch(/reorged away/);
      // … and the VM it left goes once the history without the purchase is final.
      expect(stack.sim.vm(vm.vmid!)).toBeDefined();
      await stack.anvil.mine(64);
      await waitFor('the VM destroyed', () => (stack.sim.vm(vm.vmid!) ? undefined : true), 60_000);
      expect(listRefusals(d.db)).toEqual([]);
    } finally {
      stack.sim.faults.taskFailureRate(null);
    }
  }, 120_000);

  it('after a lost journal, a VM whose purchase a reorg replaced with another buyer’s is not handed over: it goes once final, the buyer gets their own', async () => {
    daemon ??= await start();
    const erin = await stack.customer(7);
    const frank = await stack.customer(4);
    await frank.approve(10n ** 12n); // before the reorged range, so Frank's purchase can pay
    const { subscriptionId } = await erin.buy(stack.planId, 30);
    const id = subscriptionId.toString();
    const erinsVm = await waitFor('Erin’s VM', () => settledRunning(daemon!.db, subscriptionId));
    const createdBlock = BigInt(getSubscription(daemon!.db, id)!.createdBlock);
    // The journal is lost; meanwhile a reorg puts Frank's purchase where Erin's was.
    await daemon!.stop();
    daemon = null;
    for (const f of [stack.dbPath, `${stack.dbPath}-wal`, `${stack.dbPath}-shm`])
      rmSync(f, { force: true });
    const head = await stack.anvil.publicClient.getBlockNumber();
    await stack.anvil.reorg(Number(head - createdBlock) + 1, [
      [
        {
          from: frank.address,
          to: stack.contracts.subscriptions,
          gas: '0x200000',
          data: encodeFunctionData({
            abi: blockhostSubscriptionsAbi,
            functionName: 'buySubscription',
            args: [stack.planId, 30n, stack.stablecoin, 10n ** 12n, await frank.encryptedKey()],
          }),
        },
        0,
      ],
    ]);
    await stack.anvil.mine(1);
    daemon = await start();
    const d = daemon;
    // Recovery holds Erin's VM under a purchase of its own, not Frank's subscription …
    const adopted = await waitFor('the VM adopted', () => {
      const v = latestVmOf(d.db, id);
      return v?.vmid === erinsVm.vmid ? v : undefined;
    });
    expect(adopted.subscriptionKey).toMatch(/^adopted:[0-9]+@[0-9]+$/);
    expect(getSubscription(d.db, id)!.subscriber.toLowerCase()).toBe(frank.address.toLowerCase());
    // … so Erin's login never becomes Frank's, and it goes once the reorg is final.
    const erinsLogin = `wallet=${erin.address}`;
    expect(stack.sim.vm(erinsVm.vmid!)?.guest.users.user?.gecos).toContain(erinsLogin);
    await stack.anvil.mine(64);
    const franksVm = await waitFor(
      'Frank’s own VM',
      () => {
        const v = settledRunning(d.db, subscriptionId);
        return v && v.vmid !== null && v.generation > adopted.generation ? v : undefined;
      },
      60_000,
    );
    const live = stack.sim.vms().filter((v) => v.tags.includes(`sub-${id}`));
    expect(live.map((v) => v.vmid)).toEqual([franksVm.vmid]);
    // (Erin holds VMs of other subscriptions in this file; none of this one admits her.)
    expect(live.filter((v) => v.guest.users.user?.gecos.includes(erin.address))).toEqual([]);
    expect(live[0]!.guest.users.user?.gecos).toContain(`wallet=${frank.address}`);
    expect(listRefusals(d.db)).toEqual([]);
  }, 120_000);
});
