/**
 * The subscription follows its access NFT, end to end on a real anvil, the Proxmox simulator
 * and the real daemon engine in-process. Alice buys; her VM runs; she sells the NFT to Bob. The
 * VM's login follows Bob, Alice's cancel is refused on chain, Bob renews an expired subscription
 * (VM resumed), then Bob cancels (VM suspended). A cancel is final, so the renewal comes first.
 *
 * Then the hot server key's cancel (what a leaked key can do) and the admin's undo of it: the
 * daemon projects `SubscriptionRestored` and resumes the VM.
 */
import {
  type ContractRevertError,
  cancelSubscription,
  getSubscriptionController,
  restoreSubscription,
} from '@blockhost/chain';
import {
  type DevStack,
  settledRunning,
  startDevStack,
  startStackDaemon,
  vmState,
  waitFor,
} from '@blockhost/devstack';
import { getSubscription } from '@blockhost/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../src/engine.js';

const DAY = 86_400;
let stack: DevStack;
let daemon: Daemon;

beforeAll(async () => {
  stack = await startDevStack({
    db: 'grace_days: 3',
    blockhost: 'daemon: { reconcile_interval_ms: 200, retry_base_ms: 50 }',
  });
  daemon = await startStackDaemon(stack);
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
  await stack?.stop();
});

describe('blockhostd after an NFT sale (anvil + Proxmox simulator)', () => {
  it('the new holder controls the subscription: cancel refused to the seller, renewal and cancel by the buyer', async () => {
    const alice = await stack.customer(3);
    const bob = await stack.customer(4);
    const address = stack.contracts.subscriptions;
    const { subscriptionId } = await alice.buy(stack.planId, 2);
    const vm = await waitFor('the VM to run', () => settledRunning(daemon.db, subscriptionId));
    const tokenId = (await alice.tokenOf(subscriptionId))!;
    const gecos = () => stack.sim.vm(vm.vmid!)?.guest.users.user?.gecos;
    expect(gecos()).toBe(`wallet=${alice.address},nft=${tokenId}`);

    // The sale: the VM's login follows the NFT, and so does control of the subscription.
    await alice.transferToken(tokenId, bob.address);
    await waitFor(
      'the login to follow Bob',
      () => gecos() === `wallet=${bob.address},nft=${tokenId}`,
    );
    const controller = await getSubscriptionController(stack.anvil.publicClient, {
      address,
      subscriptionId,
    });
    expect(controller._unsafeUnwrap()).toBe(bob.address);
    const row = getSubscription(daemon.db, subscriptionId.toString())!;
    expect(row).toMatchObject({ subscriber: alice.address, tokenOwner: bob.address });

    // The seller can no longer cancel: a typed refusal, nothing changes.
    const refused = await cancelSubscription(alice.o.clients, { address, subscriptionId });
    const e = refused._unsafeUnwrapErr() as ContractRevertError;
    expect(e.code).toBe('CONTRACT_REVERT');
    expect(e.errorName).toBe('NotSubscriberOrOperator');
    expect(e.args).toEqual([subscriptionId, alice.address]);
    expect(vmState(daemon.db, subscriptionId)?.state).toBe('running');

    // It expires; the new holder renews: the same VM resumes, still Bob's.
    await stack.anvil.increaseTime(2 * DAY + 1);
    await stack.anvil.mine(1);
    await waitFor(
      'suspension at expiry',
      () => vmState(daemon.db, subscriptionId)?.state === 'suspended',
    );
    await bob.extend(subscriptionId, 5);
    await waitFor('resume after the renewal', () => settledRunning(daemon.db, subscriptionId));
    expect(vmState(daemon.db, subscriptionId)?.vmid).toBe(vm.vmid);
    expect(stack.sim.vm(vm.vmid!)?.status).toBe('running');
    expect(gecos()).toBe(`wallet=${bob.address},nft=${tokenId}`);

    // The new holder cancels: suspended at once (disk kept for the grace period).
    await bob.cancel(subscriptionId);
    await waitFor(
      'suspension after the cancel',
      () => vmState(daemon.db, subscriptionId)?.state === 'suspended',
    );
    expect(stack.sim.vm(vm.vmid!)?.status).toBe('stopped');
    expect(getSubscription(daemon.db, subscriptionId.toString())?.cancelled).toBe(true);
    const cancelled = daemon.db
      .prepare(
        "SELECT args FROM events WHERE name = 'SubscriptionCancelled' AND subscription_id = ? AND removed = 0",
      )
      .get(subscriptionId.toString()) as { args: string };
    // The event names the holder who cancelled it, not the buyer.
    expect(JSON.parse(cancelled.args).subscriber).toBe(bob.address);
  }, 120_000);

  it("the admin undoes the server key's cancel: the daemon resumes the VM", async () => {
    const carol = await stack.customer(5);
    const address = stack.contracts.subscriptions;
    const { subscriptionId } = await carol.buy(stack.planId, 10);
    const vm = await waitFor('the VM to run', () => settledRunning(daemon.db, subscriptionId));

    // What a leaked server key can do: cancel a customer's subscription.
    (await cancelSubscription(stack.server, { address, subscriptionId }))._unsafeUnwrap();
    await waitFor('suspension', () => vmState(daemon.db, subscriptionId)?.state === 'suspended');
    expect(stack.sim.vm(vm.vmid!)?.status).toBe('stopped');

    // The server key cannot undo it; the admin wallet can.
    const byServer = await restoreSubscription(stack.server, { address, subscriptionId });
    expect((byServer._unsafeUnwrapErr() as ContractRevertError).errorName).toBe(
      'AccessControlUnauthorizedAccount',
    );
    (await restoreSubscription(stack.admin, { address, subscriptionId }))._unsafeUnwrap();
    await waitFor('resume after the restore', () => settledRunning(daemon.db, subscriptionId));
    expect(getSubscription(daemon.db, subscriptionId.toString())?.cancelled).toBe(false);
    expect(vmState(daemon.db, subscriptionId)?.vmid).toBe(vm.vmid);
    expect(stack.sim.vm(vm.vmid!)?.status).toBe('running');
  }, 120_000);
});
