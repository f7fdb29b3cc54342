/**
 * Scanner backlogs against a real anvil: downtime and restart from the stored cursor, provider
 * range limits through the faulty-RPC proxy, fallback over several RPC URLs, dropped requests.
 */

import {
  createBlockhostClients,
  createMemoryStore,
  createScanner,
  type ReadClient,
  type ScanError,
  type ScanStore,
} from '@blockhost/chain';
import {
  type Anvil,
  type RangeErrorStyle,
  startAnvil,
  startRpcProxy,
} from '@blockhost/chain/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectExactlyOnce, freshDeployment, type ScanEnv } from './scan-helpers.js';

let anvil: Anvil;
beforeAll(async () => {
  anvil = await startAnvil();
});
afterAll(async () => {
  await anvil?.stop();
});

const clientFor = (...urls: string[]): ReadClient =>
  createBlockhostClients({
    chainId: 31337,
    rpcUrls: urls,
    retryCount: 0,
    pollingIntervalMs: 50,
  })._unsafeUnwrap().publicClient;

const scannerFor = (env: ScanEnv, store: ScanStore, client: ReadClient, extra = {}) =>
  createScanner({
    client,
    contracts: env.contracts,
    store,
    fromBlock: env.deployBlock,
    confirmations: 0,
    ...extra,
  });

/** Runs the scanner's loop until it has caught up with `target`, then stops it. */
async function runUntil(
  scanner: ReturnType<typeof createScanner>,
  target: bigint,
  errors: ScanError[] = [],
) {
  const controller = new AbortController();
  const timeout = setTimeout(() => controller.abort(), 60_000);
  await scanner.run({
    signal: controller.signal,
    pollIntervalMs: 20,
    maxBackoffMs: 50,
    onError: (e) => errors.push(e),
    onStep: (s) => {
      const cursor = s.kind === 'idle' ? s.cursor : s.kind === 'retry' ? null : s.commit.cursor;
      if (cursor && cursor.number >= target) controller.abort();
    },
  });
  clearTimeout(timeout);
  return errors;
}

describe('downtime', () => {
  it('stopped, 500 blocks with events mined, restarted from the stored cursor: each event once', async () => {
    const env = await freshDeployment(anvil);
    const store = createMemoryStore();
    const first = scannerFor(env, store, anvil.publicClient, { maxLogRange: 64 });
    await env.buy(2);
    await runUntil(first, await anvil.publicClient.getBlockNumber());
    const cursorAtStop = store.checkpoint!.cursor!.number;

    // downtime: 50 purchases spread over 500 blocks
    const start = await anvil.publicClient.getBlockNumber();
    for (let i = 0; i < 50; i++) {
      await env.buy(1);
      await anvil.mine(9);
    }
    const end = await anvil.publicClient.getBlockNumber();
    expect(end - start).toBe(500n);

    // a new process: a new scanner over the same store resumes at the stored cursor
    const commitsBefore = store.commits.length;
    const second = scannerFor(env, store, anvil.publicClient, { maxLogRange: 64 });
    await runUntil(second, end);
    const resumed = store.commits.slice(commitsBefore);
    expect(resumed[0]!.added[0]!.blockNumber).toBeGreaterThan(BigInt(cursorAtStop));
    expect(resumed.length).toBeGreaterThanOrEqual(8); // 500+ blocks in ranges of 64
    expect(
      [...store.events.values()].filter((e) => e.eventName === 'SubscriptionCreated'),
    ).toHaveLength(52);
    await expectExactlyOnce(env, store);
  });
});

describe('provider range limits (proxy refusing eth_getLogs over 100 blocks)', () => {
  let pruned: Anvil;
  let env: ScanEnv;
  let end: bigint;
  beforeAll(async () => {
    // no historical states: mining 5,000 blocks stays fast (no reorgs needed here)
    pruned = await startAnvil({ pruneHistory: true });
    const anvil = pruned;
    env = await freshDeployment(anvil);
    // a 5,000-block backlog with 50 events spread through it
    for (let i = 0; i < 50; i++) {
      await env.buy(1);
      await anvil.mine(99);
    }
    end = await anvil.publicClient.getBlockNumber();
    expect(end - env.deployBlock).toBeGreaterThanOrEqual(5000n);
  });
  afterAll(async () => {
    await pruned?.stop();
  });

  it.each<RangeErrorStyle>(['limit', 'suggest', 'opaque'])(
    'scans the whole backlog when the error is "%s"',
    async (style) => {
      const proxy = await startRpcProxy({
        target: pruned.rpcUrl,
        maxLogRange: 100,
        rangeErrorStyle: style,
      });
      try {
        const store = createMemoryStore();
        const scanner = scannerFor(env, store, clientFor(proxy.url));
        const r = (await scanner.poll())._unsafeUnwrap();
        expect(r.cursor!.number).toBe(end);
        expect(proxy.stats.rejectedLogRanges).toBeGreaterThan(0);
        // a stated block limit is a hard cap; result-count refusals ("suggest", "opaque") depend
        // on event density, so the range may grow again after a run of successes
        if (style === 'limit') expect(scanner.logRange).toBe(100);
        expect(
          [...store.events.values()].filter((e) => e.eventName === 'SubscriptionCreated'),
        ).toHaveLength(50);
        await expectExactlyOnce(env, store);
        if (style === 'limit') {
          // the stated limit is learned: after it, no request is refused again
          const refused = proxy.stats.rejectedLogRanges;
          const again = createMemoryStore();
          const second = scannerFor(env, again, clientFor(proxy.url), { maxLogRange: 100 });
          (await second.poll())._unsafeUnwrap();
          expect(proxy.stats.rejectedLogRanges).toBe(refused);
          expect(refused).toBe(1);
        }
      } finally {
        await proxy.stop();
      }
    },
  );
});

describe('several RPC URLs and unreliable ones', () => {
  it('falls back to the next URL when the first is down', async () => {
    const env = await freshDeployment(anvil);
    await env.buy(3);
    const store = createMemoryStore();
    const scanner = scannerFor(env, store, clientFor('http://127.0.0.1:9', anvil.rpcUrl));
    (await scanner.poll())._unsafeUnwrap();
    await expectExactlyOnce(env, store);
  });

  it('with 20% of requests dropped (seeded), the run loop retries to a complete, exactly-once result', async () => {
    const env = await freshDeployment(anvil);
    for (let i = 0; i < 10; i++) {
      await env.buy(1);
      await anvil.mine(20);
    }
    const end = await anvil.publicClient.getBlockNumber();
    const proxy = await startRpcProxy({ target: anvil.rpcUrl, dropRate: 0.2, seed: 7 });
    try {
      const store = createMemoryStore();
      const errors = await runUntil(
        scannerFor(env, store, clientFor(proxy.url), { maxLogRange: 16 }),
        end,
      );
      expect(proxy.stats.dropped).toBeGreaterThan(0);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((e) => e.code === 'RPC_ERROR')).toBe(true);
      await expectExactlyOnce(env, store);
    } finally {
      await proxy.stop();
    }
  });

  it('the proxy drops deterministically for a seed', async () => {
    const pattern = async () => {
      const proxy = await startRpcProxy({ target: anvil.rpcUrl, dropRate: 0.5, seed: 42 });
      const outcome: boolean[] = [];
      for (let i = 0; i < 20; i++) {
        const ok = await fetch(proxy.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: i, method: 'eth_chainId', params: [] }),
        }).then(
          () => true,
          () => false,
        );
        outcome.push(ok);
      }
      await proxy.stop();
      return outcome;
    };
    const a = await pattern();
    expect(await pattern()).toEqual(a);
    expect(a.filter((x) => !x).length).toBeGreaterThan(0);
    expect(a.filter((x) => x).length).toBeGreaterThan(0);
  });
});
