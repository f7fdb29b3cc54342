/**
 * A sent transaction the node forgets (a reorg, an evicted pool entry) never gets a receipt.
 * The write reports it as a retryable RPC error within seconds instead of waiting out viem's
 * three-minute timeout, and the next send recounts its nonce, so nothing waits behind a gap.
 * One that waits behind such a gap (found by the season: a reorg took the server key's earlier
 * transactions) is reported the same way.
 */
import { ensureAllowance } from '@blockhost/chain';
import { type Anvil, deployTestStablecoin, startAnvil } from '@blockhost/chain/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForSuccess } from '../src/internal/send.js';

let anvil: Anvil;
let token: `0x${string}`;

beforeAll(async () => {
  anvil = await startAnvil();
  token = (await deployTestStablecoin(anvil.clients(0)))._unsafeUnwrap().address;
});
afterAll(() => anvil?.stop());

describe('a dropped transaction', () => {
  it('is reported (retryable) instead of awaited for minutes; the next send goes through', async () => {
    const clients = anvil.clients(1);
    await anvil.setAutomine(false);
    const pending = ensureAllowance(clients, {
      token,
      spender: anvil.accounts[2]!.address,
      amount: 5n,
    });
    // The node forgets it before any block includes it.
    await new Promise((r) => setTimeout(r, 500));
    await anvil.publicClient.request({ method: 'anvil_dropAllTransactions' } as never);
    const r = await pending;
    await anvil.setAutomine(true);
    expect(r.isErr() && r.error.code).toBe('RPC_ERROR');
    expect(r.isErr() && r.error.details).toMatch(/dropped/);
    // (Without the watch this waits out viem's 180 s receipt timeout: past this test's limit.)
    const again = await ensureAllowance(clients, {
      token,
      spender: anvil.accounts[2]!.address,
      amount: 7n,
    });
    expect(again.isOk()).toBe(true);
  }, 90_000);
});

describe('a transaction behind a nonce gap', () => {
  it('is reported (retryable) instead of awaited for minutes: the ones before it were reorged away', async () => {
    const clients = anvil.clients(3);
    const { walletClient, publicClient } = clients;
    const to = anvil.accounts[2]!.address;
    const nonce = await publicClient.getTransactionCount({ address: walletClient.account.address });
    // Mined, then the block is taken away (anvil forgets the transaction: no pool holds it again).
    const snap = await anvil.snapshot();
    const first = await walletClient.sendTransaction({ to, value: 1n, nonce, chain: null });
    await publicClient.waitForTransactionReceipt({ hash: first });
    await anvil.revert(snap);
    // The next one (its nonce counted before the reorg) waits behind the gap for ever.
    const stuck = await walletClient.sendTransaction({
      to,
      value: 2n,
      nonce: nonce + 1,
      chain: null,
    });
    const r = await waitForSuccess(publicClient, stuck, 'transfer');
    expect(r.isErr() && r.error.code).toBe('RPC_ERROR');
    expect(r.isErr() && r.error.details).toMatch(
      new RegExp(
        `was dropped: it waits behind a nonce gap \\(nonce ${nonce + 1}, the node's next for 0x[0-9a-fA-F]{40} is ${nonce}`,
      ),
    );
  }, 90_000);
});
