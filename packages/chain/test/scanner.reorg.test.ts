/**
 * Scanner against a real anvil: live delivery, confirmations, the finalized tag, reorgs (by
 * `anvil_reorg` and by snapshot/revert), and store failures. Each test deploys its own
 * contracts on one shared anvil.
 */

import {
  createMemoryStore,
  createScanner,
  type ScanCheckpoint,
  type ScanCommit,
  type ScanStore,
} from '@blockhost/chain';
import { type Anvil, startAnvil } from '@blockhost/chain/testkit';
import type { Hex } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectExactlyOnce, freshDeployment, type ScanEnv } from './scan-helpers.js';

let anvil: Anvil;
beforeAll(async () => {
  anvil = await startAnvil();
});
afterAll(async () => {
  await anvil?.stop();
});

const scannerFor = (
  env: ScanEnv,
  store: ScanStore,
  extra: Partial<Parameters<typeof createScanner>[0]> = {},
) =>
  createScanner({
    client: env.anvil.publicClient,
    contracts: env.contracts,
    store,
    fromBlock: env.deployBlock,
    confirmations: 0,
    ...extra,
  });

describe('delivery', () => {
  it('delivers every event once, in order, with keys, block data and the head timestamp', async () => {
    const env = await freshDeployment(anvil);
    const store = createMemoryStore();
    const scanner = scannerFor(env, store);
    await env.buy(3);
    const first = (await scanner.poll())._unsafeUnwrap();
    // deployment: 2 roles + feed on subscriptions, 2 roles on the nft, the link, the plan;
    // then 3 purchases
    expect(first.added).toBe(10);
    const names = [...store.events.values()].map((e) => e.eventName);
    expect(names.filter((n) => n === 'SubscriptionCreated')).toHaveLength(3);
    expect(names).toContain('PlanCreated');
    expect(names).toContain('RoleGranted');
    const latest = await anvil.publicClient.getBlock();
    expect(store.now).toBe(Number(latest.timestamp));
    expect(first.head?.hash).toBe(latest.hash);
    for (const e of store.events.values()) {
      expect(e.key).toBe(`${e.transactionHash}:${e.logIndex}`);
      const block = await anvil.publicClient.getBlock({ blockNumber: e.blockNumber });
      expect(e.blockHash).toBe(block.hash);
    }
    // nothing new: idle, no commit
    const commits = store.commits.length;
    const idle = (await scanner.step())._unsafeUnwrap();
    expect(idle.kind).toBe('idle');
    expect(store.commits.length).toBe(commits);
    // live: new events arrive on the next poll
    await env.buy(2);
    expect((await scanner.poll())._unsafeUnwrap().added).toBe(2);
    await expectExactlyOnce(env, store);
  });

  it('the checkpoint is plain JSON: a new scanner resumes from a serialised copy', async () => {
    const env = await freshDeployment(anvil);
    const store = createMemoryStore();
    await env.buy(2);
    (await scannerFor(env, store).poll())._unsafeUnwrap();
    const text = JSON.stringify(store.checkpoint);
    await env.buy(2);
    const resumed = createMemoryStore(JSON.parse(text) as ScanCheckpoint);
    const r = (await scannerFor(env, resumed).poll())._unsafeUnwrap();
    expect(r.added).toBe(2);
    expect(resumed.duplicates).toEqual([]);
  });

  it('a new event is not delivered before `confirmations` blocks bury it', async () => {
    const env = await freshDeployment(anvil);
    const store = createMemoryStore();
    const scanner = scannerFor(env, store, { confirmations: 3 });
    await anvil.mine(3);
    (await scanner.poll())._unsafeUnwrap();
    const seen = () =>
      [...store.events.values()].filter((e) => e.eventName === 'SubscriptionCreated').length;
    await env.buy(1);
    const bought = await anvil.publicClient.getBlockNumber();
    for (let buried = 0; buried < 3; buried++) {
      (await scanner.poll())._unsafeUnwrap();
      expect(seen(), `after ${buried} blocks on top`).toBe(0);
      expect(store.commits.at(-1)!.head.number).toBeLessThan(bought);
      await anvil.mine(1);
    }
    (await scanner.poll())._unsafeUnwrap();
    expect(seen()).toBe(1);
    // the head it reports is the confirmed one (latest − 3), and its timestamp is "now"
    const head = store.commits.at(-1)!.head;
    expect(head.number).toBe(bought);
    expect(store.now).toBe(
      Number((await anvil.publicClient.getBlock({ blockNumber: bought })).timestamp),
    );
  });

  it('follows the finalized tag when asked (anvil finalizes 64 blocks back)', async () => {
    const env = await freshDeployment(anvil);
    const store = createMemoryStore();
    const scanner = scannerFor(env, store, { finalized: true });
    await env.buy(1);
    (await scanner.poll())._unsafeUnwrap();
    expect([...store.events.values()].some((e) => e.eventName === 'SubscriptionCreated')).toBe(
      false,
    );
    await anvil.mine(64);
    (await scanner.poll())._unsafeUnwrap();
    expect([...store.events.values()].some((e) => e.eventName === 'SubscriptionCreated')).toBe(
      true,
    );
    const finalized = await anvil.publicClient.getBlock({ blockTag: 'finalized' });
    expect(store.commits.at(-1)!.head.number).toBe(finalized.number);
  });
});

describe('reorgs', () => {
  it('anvil_reorg: orphaned events are reported removed, replacements delivered, nothing twice', async () => {
    const env = await freshDeployment(anvil);
    const store = createMemoryStore();
    const scanner = scannerFor(env, store);
    await env.buy(1);
    (await scanner.poll())._unsafeUnwrap();
    await env.buy(3); // three blocks, each with a SubscriptionCreated
    (await scanner.poll())._unsafeUnwrap();
    const before = [...store.events.values()];
    const doomed = before.slice(-3);
    expect(doomed.map((e) => e.eventName)).toEqual([
      'SubscriptionCreated',
      'SubscriptionCreated',
      'SubscriptionCreated',
    ]);

    // replace the last 3 blocks: two new plans instead of the purchases
    await anvil.reorg(3, [
      [env.createPlanCall('replacement-a'), 0],
      [env.createPlanCall('replacement-b'), 2],
    ]);
    const r = (await scanner.poll())._unsafeUnwrap();
    expect(r.removed).toBe(3);
    expect(r.added).toBe(2);
    const reorgCommit = store.commits.find((c) => c.reorg !== null)!;
    expect(reorgCommit.removed.map((e) => e.key).sort()).toEqual(doomed.map((e) => e.key).sort());
    expect(reorgCommit.reorg!.depth).toBe(3);
    const live = [...store.events.values()];
    expect(live.filter((e) => e.eventName === 'SubscriptionCreated')).toHaveLength(1);
    expect(
      live
        .filter((e) => e.eventName === 'PlanCreated')
        .map((e) => (e.args as { name: string }).name),
    ).toEqual(['small', 'replacement-a', 'replacement-b']);
    await expectExactlyOnce(env, store);
  });

  it('a reorg that keeps some events: only the orphaned block’s events go', async () => {
    const env = await freshDeployment(anvil);
    const store = createMemoryStore();
    const scanner = scannerFor(env, store);
    await env.buy(4);
    (await scanner.poll())._unsafeUnwrap();
    await anvil.reorg(1, [[env.createPlanCall('other'), 0]]);
    const r = (await scanner.poll())._unsafeUnwrap();
    expect(r).toMatchObject({ removed: 1, added: 1 });
    expect(
      [...store.events.values()].filter((e) => e.eventName === 'SubscriptionCreated'),
    ).toHaveLength(3);
    await expectExactlyOnce(env, store);
  });

  it('snapshot/revert + new blocks (a shorter, then longer fork): removed and replaced', async () => {
    const env = await freshDeployment(anvil);
    const store = createMemoryStore();
    const scanner = scannerFor(env, store);
    (await scanner.poll())._unsafeUnwrap();
    const snapshot = await anvil.snapshot();
    await env.buy(2);
    await anvil.mine(2);
    (await scanner.poll())._unsafeUnwrap();
    expect(
      [...store.events.values()].filter((e) => e.eventName === 'SubscriptionCreated'),
    ).toHaveLength(2);
    await anvil.revert(snapshot);
    await env.buy(1, '0x0505'); // a different purchase on the new fork
    await anvil.mine(6);
    const r = (await scanner.poll())._unsafeUnwrap();
    expect(r.removed).toBe(2);
    expect(r.added).toBe(1);
    const subs = [...store.events.values()].filter((e) => e.eventName === 'SubscriptionCreated');
    expect(subs.map((e) => (e.args as { userEncrypted: Hex }).userEncrypted)).toEqual(['0x0505']);
    await expectExactlyOnce(env, store);
  });

  it('a reorg while the chain is shorter than the cursor is detected too', async () => {
    const env = await freshDeployment(anvil);
    const store = createMemoryStore();
    const scanner = scannerFor(env, store);
    const snapshot = await anvil.snapshot();
    await env.buy(2);
    (await scanner.poll())._unsafeUnwrap();
    await anvil.revert(snapshot); // the cursor's block no longer exists
    const r = (await scanner.poll())._unsafeUnwrap();
    expect(r.removed).toBe(2);
    await expectExactlyOnce(env, store);
  });

  it('a reorg deeper than the remembered window is a typed error, not a silent gap', async () => {
    const env = await freshDeployment(anvil);
    const store = createMemoryStore();
    const scanner = scannerFor(env, store, { maxReorgDepth: 2 });
    await env.buy(1);
    await anvil.mine(10);
    (await scanner.poll())._unsafeUnwrap();
    expect(store.checkpoint!.complete).toBe(false);
    // the window keeps the last 2 blocks plus one anchor (the purchase, 11 blocks back):
    // a reorg of 12 orphans all of them
    await anvil.reorg(12, []);
    const r = await scanner.step();
    expect(r._unsafeUnwrapErr().code).toBe('REORG_TOO_DEEP');
  });

  it('remembers blocks by their depth below the head: a backlog keeps its last blocks only', async () => {
    const env = await freshDeployment(anvil);
    const store = createMemoryStore();
    // ranges of 2 blocks: the backlog is scanned in many steps, each a commit
    const scanner = scannerFor(env, store, { maxReorgDepth: 3, maxLogRange: 2 });
    for (let i = 0; i < 4; i++) {
      await env.buy(1);
      await anvil.mine(2);
    }
    await env.buy(1);
    (await scanner.poll())._unsafeUnwrap();
    expect(store.commits.length).toBeGreaterThan(5);
    for (const c of store.commits) {
      // the window below the head, plus one anchor block under it
      const [, ...window] = c.checkpoint.blocks;
      for (const b of window) expect(BigInt(b.number)).toBeGreaterThan(c.head.number - 3n);
    }
    // a reorg inside the window is still undone: the last purchase (the head block) goes
    await anvil.reorg(1, []);
    const r = (await scanner.poll())._unsafeUnwrap();
    expect(r.removed).toBe(1);
    await expectExactlyOnce(env, store);
  });
});

describe('stores and checkpoints', () => {
  it('a failed commit loses nothing: the next step redelivers, and the store ends exactly-once', async () => {
    const env = await freshDeployment(anvil);
    const inner = createMemoryStore();
    let fail = 1;
    const flaky: ScanStore = {
      load: () => inner.load(),
      commit: (c: ScanCommit) => {
        if (fail-- > 0) throw new Error('disk full');
        inner.commit(c);
      },
    };
    const scanner = scannerFor(env, flaky);
    await env.buy(2);
    const r = await scanner.step();
    expect(r._unsafeUnwrapErr().code).toBe('STORE');
    (await scanner.poll())._unsafeUnwrap();
    await expectExactlyOnce(env, inner);
  });

  it('async stores work the same', async () => {
    const env = await freshDeployment(anvil);
    const inner = createMemoryStore();
    const store: ScanStore = {
      load: async () => inner.load(),
      commit: async (c) => {
        await new Promise((r) => setTimeout(r, 1));
        inner.commit(c);
      },
    };
    await env.buy(2);
    (await scannerFor(env, store).poll())._unsafeUnwrap();
    await expectExactlyOnce(env, inner);
  });

  it('refuses a checkpoint of other contracts, another chain, or garbage', async () => {
    const a = await freshDeployment(anvil);
    const b = await freshDeployment(anvil);
    const store = createMemoryStore();
    (await scannerFor(a, store).poll())._unsafeUnwrap();
    const cp = store.checkpoint!;
    const other = await scannerFor(b, createMemoryStore(cp)).step();
    expect(other._unsafeUnwrapErr().code).toBe('CHECKPOINT');
    const chain = await scannerFor(a, createMemoryStore({ ...cp, chainId: 1 })).step();
    expect(chain._unsafeUnwrapErr().code).toBe('CHECKPOINT');
    const garbage = await scannerFor(a, {
      load: () => ({ hello: 1 }) as never,
      commit: () => {},
    }).step();
    expect(garbage._unsafeUnwrapErr().code).toBe('CHECKPOINT');
    const broken = await scannerFor(a, {
      load: () => {
        throw new Error('db locked');
      },
      commit: () => {},
    }).step();
    expect(broken._unsafeUnwrapErr().code).toBe('STORE');
  });

  it('logs of a watched address that are not BlockHost events are reported, not thrown', async () => {
    const env = await freshDeployment(anvil);
    const { deployTestStablecoin, mintTestStablecoin } = await import('@blockhost/chain/testkit');
    const coin = (await deployTestStablecoin(env.server))._unsafeUnwrap().address;
    (
      await mintTestStablecoin(env.server, {
        token: coin,
        to: anvil.accounts[3]!.address,
        amount: 5n,
      })
    )._unsafeUnwrap();
    const store = createMemoryStore();
    // pretend the ERC-20 is "the nft": its Transfer has 2 indexed topics, not 3
    const scanner = createScanner({
      client: anvil.publicClient,
      contracts: { subscriptions: env.contracts.subscriptions, nft: coin },
      store,
      fromBlock: env.deployBlock,
      confirmations: 0,
    });
    (await scanner.poll())._unsafeUnwrap();
    expect(store.undecodable.length).toBeGreaterThan(0);
    expect(store.undecodable[0]!.error.code).toBe('EVENT_DECODE');
  });

  it('steps called concurrently never overlap or double-deliver', async () => {
    const env = await freshDeployment(anvil);
    const store = createMemoryStore();
    const scanner = scannerFor(env, store, { maxLogRange: 1 });
    await env.buy(3);
    await Promise.all([scanner.poll(), scanner.poll(), scanner.step(), scanner.step()]);
    (await scanner.poll())._unsafeUnwrap();
    await expectExactlyOnce(env, store);
  });
});
