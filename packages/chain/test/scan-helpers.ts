/**
 * Helpers of the scanner tests: a fresh deployment per test on a shared anvil, cheap event
 * generation, and the chain's own answer ("truth") to compare the scanner's store with.
 */

import {
  type BlockhostContracts,
  blockhostSubscriptionsAbi,
  buySubscription,
  eventKey,
  LIMITS,
  type MemoryStore,
  NATIVE_TOKEN,
  type WriteClients,
} from '@blockhost/chain';
import type { Anvil } from '@blockhost/chain/testkit';
import { deployTestBlockhost } from '@blockhost/chain/testkit';
import { encodeFunctionData, type Hex } from 'viem';
import { expect } from 'vitest';
import { ETH_USD, PLAN } from './fixture.js';

export interface ScanEnv {
  anvil: Anvil;
  contracts: BlockhostContracts;
  deployBlock: bigint;
  planId: bigint;
  server: WriteClients;
  customer: WriteClients;
  /** Buys `n` subscriptions with the native coin (one transaction, one block each). */
  buy(n?: number, userEncrypted?: Hex): Promise<void>;
  /** Calldata of `createPlan`, for replacement transactions in `anvil_reorg`. */
  createPlanCall(name: string): { from: Hex; to: Hex; data: Hex };
}

export async function freshDeployment(anvil: Anvil): Promise<ScanEnv> {
  const server = anvil.clients(0);
  const customer = anvil.clients(2);
  const deployed = await deployTestBlockhost(server, {
    admin: anvil.accounts[1]!.address,
    // the longest bound the contract takes: the scanner tests mine many blocks, never a feed update
    priceFeed: {
      test: { decimals: 8, answer: ETH_USD },
      maxStalenessSeconds: LIMITS.MAX_STALENESS_SECONDS,
    },
    firstPlan: PLAN,
  });
  if (deployed.isErr()) throw deployed.error;
  const d = deployed.value;
  const contracts = { subscriptions: d.subscriptions, nft: d.nft };
  return {
    anvil,
    contracts,
    deployBlock: d.deployBlock,
    planId: d.firstPlanId!,
    server,
    customer,
    async buy(n = 1, userEncrypted = '0x04' as Hex) {
      for (let i = 0; i < n; i++) {
        const r = await buySubscription(customer, {
          address: contracts.subscriptions,
          planId: d.firstPlanId!,
          days: 1,
          token: NATIVE_TOKEN,
          userEncrypted,
        });
        if (r.isErr()) throw r.error;
      }
    },
    createPlanCall(name) {
      return {
        from: anvil.accounts[0]!.address,
        to: contracts.subscriptions,
        data: encodeFunctionData({
          abi: blockhostSubscriptionsAbi,
          functionName: 'createPlan',
          args: [name, 100n, 1, 1024, 10],
        }),
      };
    },
  };
}

/** Keys of every log the two contracts emitted on the canonical chain (straight from the node). */
export async function truth(env: ScanEnv, toBlock?: bigint): Promise<string[]> {
  const logs = await env.anvil.publicClient.getLogs({
    address: [env.contracts.subscriptions, env.contracts.nft],
    fromBlock: env.deployBlock,
    toBlock: toBlock ?? 'latest',
  });
  return logs.map((l) => eventKey(l.transactionHash!, l.logIndex!));
}

/** The store holds exactly the canonical events, each delivered once, in chain order. */
export async function expectExactlyOnce(env: ScanEnv, store: MemoryStore, toBlock?: bigint) {
  expect(store.duplicates).toEqual([]);
  const expected = await truth(env, toBlock);
  expect([...store.events.keys()]).toEqual(expected);
  // and nothing was added twice without a removal in between
  const live = new Set<string>();
  for (const c of store.commits) {
    for (const e of c.removed) {
      expect(live.has(e.key), `removed ${e.key} that was not live`).toBe(true);
      live.delete(e.key);
    }
    for (const e of c.added) {
      expect(live.has(e.key), `added ${e.key} twice`).toBe(false);
      live.add(e.key);
    }
  }
}
