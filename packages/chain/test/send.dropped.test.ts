/**
 * A sent transaction the node forgets (a reorg, an evicted pool entry) never gets a receipt.
 * The write reports it as a retryable RPC error within seconds instead of waiting out viem's
 * three-minute timeout, and the next send recounts its nonce, so nothing waits behind a gap.
 */
import { ensureAllowance } from '@blockhost/chain';
import { type Anvil, deployTestStablecoin, startAnvil } from '@blockhost/chain/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
