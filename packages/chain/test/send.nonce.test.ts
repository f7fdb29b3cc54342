/**
 * Sends from one key by two processes (the daemon minting while the CLI creates a plan): each
 * process orders its own sends, but only the chain knows about the other's. A taken nonce is
 * retried with a fresh one; nothing is sent twice.
 */

import type { WriteClients } from '@blockhost/chain';
import {
  type Anvil,
  deployTestStablecoin,
  mintTestStablecoin,
  startAnvil,
  startRpcProxy,
  testStablecoinAbi,
} from '@blockhost/chain/testkit';
import { createPublicClient, createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNonceConflict } from '../src/internal/send.js';

let anvil: Anvil;
let token: `0x${string}`;

beforeAll(async () => {
  anvil = await startAnvil();
  token = (await deployTestStablecoin(anvil.clients(0)))._unsafeUnwrap().address;
});
afterAll(() => anvil?.stop());

/** Clients for key 0 through another URL of the same node: a separate nonce lane, as in another process. */
function otherProcess(): WriteClients {
  const transport = http(`http://localhost:${anvil.port}`, { retryCount: 0 });
  return {
    publicClient: createPublicClient({ chain: anvil.chain, transport, pollingInterval: 50 }),
    walletClient: createWalletClient({
      chain: anvil.chain,
      transport,
      account: privateKeyToAccount(anvil.accounts[0]!.privateKey),
      pollingInterval: 50,
    }),
  };
}

const balance = async (who: `0x${string}`) =>
  anvil.publicClient.readContract({
    address: token,
    abi: testStablecoinAbi,
    functionName: 'balanceOf',
    args: [who],
  });

describe('sends from one key in two processes', () => {
  it('a nonce taken by the other process between count and send is retried with a fresh one', async () => {
    const server = anvil.clients(0);
    const address = server.walletClient.account.address;
    const stale = await anvil.publicClient.getTransactionCount({ address, blockTag: 'pending' });
    // The other process sends with that nonce first...
    const hash = await otherProcess().walletClient.sendTransaction({
      to: anvil.accounts[5]!.address,
      value: 1n,
      nonce: stale,
      chain: null,
    });
    await anvil.publicClient.waitForTransactionReceipt({ hash });
    // ...and this process read the count just before it did.
    let counts = 0;
    const lagging = Object.create(server.publicClient) as typeof server.publicClient;
    lagging.getTransactionCount = async (args) => {
      counts++;
      return counts === 1 ? stale : server.publicClient.getTransactionCount(args);
    };
    const to = anvil.accounts[6]!.address;
    const sent = await mintTestStablecoin(
      { publicClient: lagging, walletClient: server.walletClient },
      { token, to, amount: 7n },
    );
    const tx = await anvil.publicClient.getTransaction({
      hash: sent._unsafeUnwrap().transactionHash,
    });
    expect(tx.nonce).toBe(stale + 1);
    expect(counts).toBe(2);
    expect(await balance(to)).toBe(7n); // minted once
    expect(await anvil.publicClient.getTransactionCount({ address })).toBe(stale + 2);
  });

  it('two processes minting at once: every send lands, exactly once', async () => {
    const to = anvil.accounts[7]!.address;
    const here = anvil.clients(0);
    const there = otherProcess();
    const before = await anvil.publicClient.getTransactionCount({
      address: here.walletClient.account.address,
    });
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        mintTestStablecoin(i % 2 ? here : there, { token, to, amount: BigInt(1 + i) }),
      ),
    );
    for (const r of results)
      expect(
        r.isOk(),
        r.isErr() ? `${r.error.message} ${(r.error as { details?: string }).details}` : '',
      ).toBe(true);
    expect(await balance(to)).toBe(BigInt((16 * 17) / 2));
    expect(
      await anvil.publicClient.getTransactionCount({ address: here.walletClient.account.address }),
    ).toBe(before + 16);
  });

  it('a lost answer to a send that landed is recognised by its hash: a success, nothing sent twice', async () => {
    const proxy = await startRpcProxy({ target: anvil.rpcUrl });
    try {
      const transport = http(proxy.url, { retryCount: 0 });
      const clients: WriteClients = {
        publicClient: createPublicClient({ chain: anvil.chain, transport, pollingInterval: 50 }),
        walletClient: createWalletClient({
          chain: anvil.chain,
          transport,
          account: privateKeyToAccount(anvil.accounts[0]!.privateKey),
          pollingInterval: 50,
        }),
      };
      const address = clients.walletClient.account.address;
      const before = await anvil.publicClient.getTransactionCount({ address });
      const to = anvil.accounts[8]!.address;
      proxy.loseNextAnswers('eth_sendRawTransaction');
      const sent = await mintTestStablecoin(clients, { token, to, amount: 5n });
      expect(
        sent.isOk(),
        sent.isErr() ? `${sent.error.message} ${(sent.error as { details?: string }).details}` : '',
      ).toBe(true);
      expect(proxy.stats.byMethod.eth_sendRawTransaction).toBe(1);
      expect(proxy.stats.dropped).toBe(1);
      expect(await balance(to)).toBe(5n); // minted once
      expect(await anvil.publicClient.getTransactionCount({ address })).toBe(before + 1);
    } finally {
      await proxy.stop();
    }
  });

  it('only nonce conflicts are retried: "already known" is this transaction, not a conflict', () => {
    expect(isNonceConflict({ name: 'NonceTooLowError', message: 'x' })).toBe(true);
    expect(isNonceConflict(new Error('wrap', { cause: new Error('nonce too low: next 5') }))).toBe(
      true,
    );
    expect(isNonceConflict({ details: 'replacement transaction underpriced' })).toBe(true);
    expect(isNonceConflict(new Error('already known'))).toBe(false);
    expect(isNonceConflict(new Error('execution reverted'))).toBe(false);
    expect(isNonceConflict(undefined)).toBe(false);
  });
});
