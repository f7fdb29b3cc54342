/**
 * A node may count a block before it serves that block's receipts (anvil under load). viem's
 * receipt wait asks again only when a newer block appears; on a chain that mines only when sent
 * to (anvil, a quiet devnet) none may come, and the write would wait out viem's three-minute
 * timeout (a run of the daemon bench took 185 s instead of ~6: viem's timeout, plus a few). The
 * write looks for the receipt itself every few seconds.
 */
import { ensureAllowance } from '@blockhost/chain';
import {
  type Anvil,
  deployTestStablecoin,
  type RpcProxy,
  startAnvil,
  startRpcProxy,
} from '@blockhost/chain/testkit';
import { createPublicClient, createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let anvil: Anvil;
let proxy: RpcProxy;
let token: `0x${string}`;

beforeAll(async () => {
  anvil = await startAnvil();
  token = (await deployTestStablecoin(anvil.clients(0)))._unsafeUnwrap().address;
  proxy = await startRpcProxy({ target: `http://127.0.0.1:${anvil.port}` });
});
afterAll(async () => {
  await proxy?.stop();
  await anvil?.stop();
});

describe('a receipt served after its block was first seen', () => {
  it('is found although no later block comes', async () => {
    const transport = http(proxy.url, { retryCount: 0 });
    const clients = {
      publicClient: createPublicClient({
        chain: anvil.chain,
        transport,
        pollingInterval: 50,
        cacheTime: 0,
      }),
      walletClient: createWalletClient({
        chain: anvil.chain,
        transport,
        account: privateKeyToAccount(anvil.accounts[1]!.privateKey),
        pollingInterval: 50,
        cacheTime: 0,
      }),
    };
    const before = await anvil.publicClient.getBlockNumber();
    let hidden = 0;
    let hideUntil = 0;
    proxy.setResponseHook((call, response) => {
      if (call.method !== 'eth_getTransactionReceipt' || Date.now() >= hideUntil) return response;
      hidden++;
      return { ...response, result: null };
    });
    hideUntil = Date.now() + 1_500;
    const r = await ensureAllowance(clients, {
      token,
      spender: anvil.accounts[2]!.address,
      amount: 5n,
    });
    proxy.setResponseHook(null);
    expect(r.isOk()).toBe(true);
    // The premise: its receipt was withheld after its block was mined, and no block came after.
    expect(hidden).toBeGreaterThan(0);
    expect(await anvil.publicClient.getBlockNumber()).toBe(before + 1n);
    // (Without the write's own look this waits out viem's 180 s receipt timeout: past this limit.)
  }, 60_000);
});
