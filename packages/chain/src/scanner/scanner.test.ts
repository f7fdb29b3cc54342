/**
 * Scanner logic against a simulated RPC (no anvil): the adaptive range under viem's
 * ResponseBodyTooLargeError, its limits, error typing, and the finalized-tag fallback.
 * The real-chain behaviour is covered in test/scanner.*.test.ts.
 */
import {
  BlockNotFoundError,
  encodeAbiParameters,
  encodeEventTopics,
  type Hex,
  keccak256,
  type Log,
  numberToHex,
  ResponseBodyTooLargeError,
  RpcRequestError,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { blockhostSubscriptionsAbi } from '../contracts.js';
import type { ReadClient } from '../internal/clients.js';
import { createMemoryStore } from './memory-store.js';
import { createScanner } from './scanner.js';

const SUBS = '0x00000000000000000000000000000000000000aa' as const;
const NFT = '0x00000000000000000000000000000000000000bb' as const;
const hashOf = (n: bigint) => keccak256(numberToHex(n, { size: 32 }));

/** A chain of `height` blocks with `perBlock(n)` PlanCreated logs in block n. */
function fakeChain(opts: {
  height: bigint;
  perBlock: (n: bigint) => number;
  /** Throw this instead of answering getLogs for ranges with more logs than `maxLogs`. */
  maxLogs?: number;
  getLogsError?: (from: bigint, to: bigint) => unknown;
  finalizedError?: unknown;
}) {
  const calls = { getLogs: [] as [bigint, bigint][], finalized: 0 };
  const logsIn = (n: bigint): Log[] =>
    Array.from({ length: opts.perBlock(n) }, (_, i) => ({
      address: SUBS,
      topics: encodeEventTopics({
        abi: blockhostSubscriptionsAbi,
        eventName: 'PlanCreated',
        args: { planId: n * 1000n + BigInt(i) },
      }) as [Hex, ...Hex[]],
      data: encodeAbiParameters(
        [
          { type: 'string' },
          { type: 'uint256' },
          { type: 'uint32' },
          { type: 'uint32' },
          { type: 'uint32' },
        ],
        ['p', 1n, 1, 1, 1],
      ),
      blockNumber: n,
      blockHash: hashOf(n),
      transactionHash: keccak256(numberToHex(n * 1000n + BigInt(i), { size: 32 })),
      transactionIndex: i,
      logIndex: i,
      removed: false,
    }));
  const block = (n: bigint) => ({
    number: n,
    hash: hashOf(n),
    timestamp: 1_700_000_000n + n * 12n,
  });
  const client = {
    getChainId: async () => 31337,
    getBlockNumber: async () => opts.height,
    getBlock: async (args?: { blockNumber?: bigint; blockTag?: string }) => {
      if (args?.blockTag === 'finalized') {
        calls.finalized++;
        if (opts.finalizedError) throw opts.finalizedError;
        return block(opts.height - 64n);
      }
      const n = args?.blockNumber ?? opts.height;
      if (n > opts.height) throw new BlockNotFoundError({ blockNumber: n });
      return block(n);
    },
    getLogs: async ({ fromBlock, toBlock }: { fromBlock: bigint; toBlock: bigint }) => {
      calls.getLogs.push([fromBlock, toBlock]);
      const thrown = opts.getLogsError?.(fromBlock, toBlock);
      if (thrown) throw thrown;
      const logs: Log[] = [];
      for (let n = fromBlock; n <= toBlock; n++) logs.push(...logsIn(n));
      if (opts.maxLogs !== undefined && logs.length > opts.maxLogs) {
        throw new ResponseBodyTooLargeError({
          maxSize: 10 * 1024 * 1024,
          size: logs.length * 1000,
        } as never);
      }
      return logs;
    },
  };
  return { client: client as unknown as ReadClient, calls };
}

const scanner = (client: ReadClient, extra = {}) => {
  const store = createMemoryStore();
  return {
    store,
    scanner: createScanner({
      client,
      contracts: { subscriptions: SUBS, nft: NFT },
      store,
      fromBlock: 1n,
      confirmations: 0,
      ...extra,
    }),
  };
};

describe('adaptive getLogs range', () => {
  it("shrinks on viem's ResponseBodyTooLargeError, delivers everything once, grows back in sparse parts", async () => {
    // blocks 1..3000: dense (5 logs/block) up to 1000, then one log every 100 blocks
    const { client, calls } = fakeChain({
      height: 3000n,
      perBlock: (n) => (n <= 1000n ? 5 : n % 100n === 0n ? 1 : 0),
      maxLogs: 400,
    });
    const { store, scanner: s } = scanner(client, { maxLogRange: 1000, growAfter: 2 });
    const r = (await s.poll())._unsafeUnwrap();
    expect(r.cursor?.number).toBe(3000n);
    expect(store.events.size).toBe(1000 * 5 + 20);
    expect(store.duplicates).toEqual([]);
    const logsIn = (f: bigint, t: bigint) => {
      let n = 0;
      for (let b = f; b <= t; b++) n += b <= 1000n ? 5 : b % 100n === 0n ? 1 : 0;
      return n;
    };
    const failed = calls.getLogs.filter(([f, t]) => logsIn(f, t) > 400);
    const succeeded = calls.getLogs.filter(([f, t]) => logsIn(f, t) <= 400);
    expect(failed.length).toBeGreaterThan(0);
    // the successful requests tile 1..3000 exactly: no gap, no overlap
    let next = 1n;
    for (const [f, t] of succeeded) {
      expect(f).toBe(next);
      next = t + 1n;
    }
    expect(next).toBe(3001n);
    // in the sparse part the range grew back far beyond what the dense part allowed (≤ 80)
    expect(s.logRange).toBeGreaterThan(400);
  });

  it('a fresh scanner starts at 100 blocks and doubles per success (slow start)', async () => {
    const { client, calls } = fakeChain({
      height: 5000n,
      perBlock: (n) => (n % 50n === 0n ? 1 : 0),
    });
    const { store, scanner: s } = scanner(client, { maxLogRange: 2000 });
    (await s.poll())._unsafeUnwrap();
    expect(store.events.size).toBe(100);
    const spans = calls.getLogs.map(([f, t]) => Number(t - f + 1n));
    expect(spans.slice(0, 6)).toEqual([100, 200, 400, 800, 1600, 1900]);
  });

  it('does not grow past answers near the size limit: a dense backlog is never refused', async () => {
    // ~30 logs per block: 100 blocks answer ~2.8 MB; doubling would come near viem's 10 MiB.
    const { client, calls } = fakeChain({ height: 1000n, perBlock: () => 30 });
    const { store, scanner: s } = scanner(client, { maxLogRange: 2000, growAfter: 1 });
    (await s.poll())._unsafeUnwrap();
    expect(store.events.size).toBe(30_000);
    expect(s.stats.rangeShrinks).toBe(0);
    expect(new Set(calls.getLogs.map(([f, t]) => t - f + 1n))).toEqual(new Set([100n]));
  });

  it('a single block too large for any request is a LogRangeError, not a loop', async () => {
    const { client } = fakeChain({
      height: 10n,
      perBlock: (n) => (n === 5n ? 50 : 0),
      maxLogs: 10,
    });
    const { scanner: s } = scanner(client);
    const r = await s.poll();
    expect(r._unsafeUnwrapErr().code).toBe('LOG_RANGE');
  });

  it('a stated provider limit caps the range for good', async () => {
    const { client, calls } = fakeChain({
      height: 1000n,
      perBlock: () => 0,
      getLogsError: (f, t) =>
        t - f + 1n > 30n
          ? new RpcRequestError({
              body: {},
              url: 'x',
              error: { code: -32602, message: 'block range limit of 30 exceeded' },
            })
          : undefined,
    });
    const { scanner: s } = scanner(client, { growAfter: 1 });
    (await s.poll())._unsafeUnwrap();
    expect(s.logRange).toBe(30);
    expect(calls.getLogs.filter(([f, t]) => t - f + 1n > 30n)).toHaveLength(1);
  });

  it('other getLogs failures are typed RPC errors', async () => {
    const { client } = fakeChain({
      height: 10n,
      perBlock: () => 0,
      getLogsError: () => new Error('ECONNRESET'),
    });
    const { scanner: s } = scanner(client);
    const r = await s.step();
    expect(r._unsafeUnwrapErr().code).toBe('RPC_ERROR');
    expect(r._unsafeUnwrapErr().message).toContain('eth_getLogs');
  });
});

describe('finality', () => {
  it('uses the finalized block when the node has the tag', async () => {
    const { client } = fakeChain({ height: 200n, perBlock: () => 0 });
    const { store, scanner: s } = scanner(client, { finalized: true });
    (await s.poll())._unsafeUnwrap();
    expect(store.commits.at(-1)!.head.number).toBe(136n);
  });

  it('falls back to confirmations when the node rejects the tag', async () => {
    const rejected = new RpcRequestError({
      body: {},
      url: 'x',
      error: { code: -32602, message: 'unknown block tag finalized' },
    });
    const { client, calls } = fakeChain({
      height: 200n,
      perBlock: () => 0,
      finalizedError: rejected,
    });
    const { store, scanner: s } = scanner(client, { finalized: true, confirmations: 7 });
    (await s.poll())._unsafeUnwrap();
    (await s.poll())._unsafeUnwrap();
    expect(store.commits.at(-1)!.head.number).toBe(193n);
    expect(calls.finalized).toBe(1); // not asked again
  });

  it('confirmations default per chain (31337 → 0)', async () => {
    const { client } = fakeChain({ height: 50n, perBlock: () => 0 });
    const store = createMemoryStore();
    const s = createScanner({
      client,
      contracts: { subscriptions: SUBS, nft: NFT },
      store,
      fromBlock: 1n,
    });
    (await s.poll())._unsafeUnwrap();
    expect(store.commits.at(-1)!.head.number).toBe(50n);
  });
});
