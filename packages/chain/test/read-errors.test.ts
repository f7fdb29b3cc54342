/**
 * A read that fails is either the contract's answer (a revert: final, nothing to retry) or the
 * node's trouble (retryable). viem reads a node's internal error (-32603) on `eth_call` as a
 * revert; with no revert data it is the node failing, and must not end a job as if the chain
 * had said no.
 */
import { getSubscription } from '@blockhost/chain';
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
