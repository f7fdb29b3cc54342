/**
 * A read that fails is either the contract's answer (a revert: final, nothing to retry) or the
 * node's trouble (retryable). viem reads a node's internal error (-32603) on `eth_call` as a
 * revert; with no revert data it is the node failing, and must not end a job as if the chain
 * had said no. An RPC that gives no answer at all says so (`unreachable`): jobs wait for it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getSubscription, RpcError } from '@blockhost/chain';
import { type RpcProxy, startRpcProxy } from '@blockhost/chain/testkit';
import { createPublicClient, http } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixture, setupFixture } from './fixture.js';

let f: Fixture;
let proxy: RpcProxy;

beforeAll(async () => {
  f = await setupFixture();
  proxy = await startRpcProxy({ target: `http://127.0.0.1:${f.anvil.port}` });
}, 120_000);
afterAll(async () => {
  await proxy?.stop();
  await f?.anvil.stop();
});

const viaProxy = () =>
  createPublicClient({ chain: f.anvil.chain, transport: http(proxy.url, { retryCount: 0 }) });

describe('read errors: the contract’s answer or the node’s trouble', () => {
  it('a real revert (no such subscription) is a ContractRevertError with its name', async () => {
    const r = await getSubscription(viaProxy(), {
      address: f.contracts.subscriptions,
      subscriptionId: 999n,
    });
    expect(r.isErr() && r.error.code).toBe('CONTRACT_REVERT');
    expect(r.isErr() && 'errorName' in r.error && r.error.errorName).toBe('SubscriptionNotFound');
  });

  it('an internal error (-32603) without revert data is an RpcError', async () => {
    proxy.setResponseHook((call, res) =>
      call.method === 'eth_call'
        ? { jsonrpc: '2.0', id: res.id, error: { code: -32603, message: 'internal error' } }
        : res,
    );
    try {
      const r = await getSubscription(viaProxy(), {
        address: f.contracts.subscriptions,
        subscriptionId: 1n,
      });
      expect(r.isErr() && r.error.code).toBe('RPC_ERROR');
      // The node answered: an error of its own, not an RPC that is away.
      expect(r.isErr() && r.error instanceof RpcError && r.error.unreachable).toBe(false);
    } finally {
      proxy.setResponseHook(null);
    }
  });

  it('an internal error that carries revert data is still the contract’s revert', async () => {
    // Some nodes answer reverts with -32603 and the revert data: that stays a revert.
    proxy.setResponseHook((call, res) => {
      const e = (res as { error?: { data?: unknown } }).error;
      return call.method === 'eth_call' && e
        ? {
            jsonrpc: '2.0',
            id: res.id,
            error: { code: -32603, message: 'execution failed', data: e.data },
          }
        : res;
    });
    try {
      const r = await getSubscription(viaProxy(), {
        address: f.contracts.subscriptions,
        subscriptionId: 9999n,
      });
      expect(r.isErr() && r.error.code).toBe('CONTRACT_REVERT');
    } finally {
      proxy.setResponseHook(null);
    }
  });
});

describe('an RPC that gives no answer: an RpcError that says it is unreachable', () => {
  const read = (url: string) =>
    getSubscription(
      createPublicClient({ chain: f.anvil.chain, transport: http(url, { retryCount: 0 }) }),
      { address: f.contracts.subscriptions, subscriptionId: 1n },
    );
  const unreachable = async (url: string) => {
    const r = await read(url);
    if (r.isOk() || !(r.error instanceof RpcError)) throw new Error(`not an RpcError: ${r}`);
    return r.error.unreachable;
  };
  /** An HTTP server answering every request with `status` (a gateway, a provider's refusal). */
  async function answering(status: number): Promise<{ url: string; server: Server }> {
    const server = createServer((_req, res) => res.writeHead(status).end('{}'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
  }

  it('the connection is closed without an answer, or nothing listens', async () => {
    proxy.setDropRate(1);
    try {
      expect(await unreachable(proxy.url)).toBe(true);
    } finally {
      proxy.setDropRate(0);
    }
    const gone = await answering(200);
    await new Promise((r) => gone.server.close(r));
    expect(await unreachable(gone.url)).toBe(true);
  });

  it('a gateway without a node behind it (502, 503) or rate limiting (429); not a refusal (401)', async () => {
    for (const [status, expected] of [
      [502, true],
      [503, true],
      [429, true],
      [401, false],
    ] as const) {
      const s = await answering(status);
      try {
        expect({ status, unreachable: await unreachable(s.url) }).toEqual({
          status,
          unreachable: expected,
        });
      } finally {
        await new Promise((r) => s.server.close(r));
      }
    }
  });
});
