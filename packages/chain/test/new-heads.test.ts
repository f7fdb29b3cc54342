/**
 * New heads by subscription: a ws:// RPC URL gets viem's WebSocket transport, `watchNewHeads`
 * subscribes to anvil's newHeads, and a head wakes a scanner from its idle pause at once (its
 * poll interval here is an hour: only the wake can make it see the purchase).
 */

import {
  closeBlockhostTransport,
  createBlockhostClients,
  createMemoryStore,
  createScanner,
  isWebSocketUrl,
  watchNewHeads,
} from '@blockhost/chain';
import { type Anvil, startAnvil } from '@blockhost/chain/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDeployment } from './scan-helpers.js';

let anvil: Anvil;
beforeAll(async () => {
  anvil = await startAnvil();
});
afterAll(async () => {
  await anvil?.stop();
});

const wsUrl = () => anvil.rpcUrl.replace(/^http/, 'ws');
const clientFor = (url: string) =>
  createBlockhostClients({ chainId: 31337, rpcUrls: [url], retryCount: 0 })._unsafeUnwrap()
    .publicClient;

async function until(what: string, cond: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('new heads by subscription', () => {
  it('tells WebSocket URLs from HTTP ones', () => {
    expect(isWebSocketUrl('ws://127.0.0.1:8545')).toBe(true);
    expect(isWebSocketUrl('WSS://rpc.example/key')).toBe(true);
    expect(isWebSocketUrl('https://rpc.example')).toBe(false);
  });

  it('reads the chain over a ws:// URL and hears every mined block', async () => {
    const client = clientFor(wsUrl());
    expect(await client.getChainId()).toBe(31337);
    const heads: bigint[] = [];
    const w = watchNewHeads({ client, rpcUrls: [wsUrl()], onHead: (n) => heads.push(n) });
    expect(w.subscribed).toBe(true);
    try {
      // The subscription is set up asynchronously: mine until the first head arrives.
      await until('a first head', () => {
        if (heads.length === 0) void anvil.mine(1);
        return heads.length > 0;
      });
      const from = heads.at(-1)!;
      await anvil.mine(1);
      await anvil.mine(1);
      await until('two more heads', () => heads.at(-1)! >= from + 2n);
    } finally {
      w.stop();
    }
  });

  it('closes its WebSocket when asked (a socket left open keeps reconnecting)', async () => {
    const client = clientFor(wsUrl());
    expect(await client.getBlockNumber()).toBeGreaterThanOrEqual(0n);
    const transport = client.transport as unknown as {
      getRpcClient(): Promise<{ socket: { readyState: number } }>;
    };
    const rpc = await transport.getRpcClient();
    expect(rpc.socket.readyState).toBe(1); // open
    await closeBlockhostTransport(client);
    expect(rpc.socket.readyState).toBeGreaterThanOrEqual(2); // closing or closed
    // HTTP: nothing to close, no error.
    await closeBlockhostTransport(clientFor(anvil.rpcUrl));
  });

  it('subscribes to nothing over HTTP (the scanner polls)', () => {
    const w = watchNewHeads({
      client: clientFor(anvil.rpcUrl),
      rpcUrls: [anvil.rpcUrl],
      onHead: () => {},
    });
    expect(w.subscribed).toBe(false);
    w.stop();
  });

  it('a head wakes the scanner from its idle pause', async () => {
    const env = await freshDeployment(anvil);
    const client = clientFor(wsUrl());
    const store = createMemoryStore();
    const scanner = createScanner({
      client,
      contracts: env.contracts,
      store,
      fromBlock: env.deployBlock,
      confirmations: 0,
    });
    const abort = new AbortController();
    // Caught up: the scanner pauses for its (hour-long) poll interval.
    let caughtUp = 0;
    const running = scanner.run({
      signal: abort.signal,
      pollIntervalMs: 3_600_000,
      onStep: (r) => {
        if (r.kind === 'idle' || (r.kind === 'scanned' && r.commit.caughtUp)) caughtUp++;
      },
    });
    const w = watchNewHeads({ client, rpcUrls: [wsUrl()], onHead: () => scanner.wake() });
    try {
      await until('the scanner to catch up and pause', () => caughtUp > 0);
      const before = store.events.size;
      await env.buy(1);
      await until('the purchase, seen after a wake', () => store.events.size > before);
    } finally {
      w.stop();
      abort.abort();
      await running;
    }
  });
});
