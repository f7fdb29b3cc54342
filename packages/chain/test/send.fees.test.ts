/**
 * A write pays EIP-1559 fees where the chain has them and a gas price where it does not (an
 * older or a private chain); either way it is mined.
 */
import { type Anvil, startAnvil } from '@blockhost/chain/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { sendTransaction, waitForSuccess } from '../src/internal/send.js';

const anvils: Anvil[] = [];
afterAll(async () => {
  await Promise.all(anvils.map((a) => a.stop()));
});

async function sendOn(hardfork: string) {
  const anvil = await startAnvil({ hardfork });
  anvils.push(anvil);
  const clients = anvil.clients(1);
  const to = anvil.accounts[2]!.address;
  // Two at once: they share one fee estimate and get consecutive nonces.
  const hashes = await Promise.all([
    sendTransaction(clients, { to, value: 1n, data: '0x' }),
    sendTransaction(clients, { to, value: 2n, data: '0x' }),
  ]);
  const mined = await Promise.all(
    hashes.map(async (h) =>
      (await waitForSuccess(clients.publicClient, h, 'transfer'))._unsafeUnwrap(),
    ),
  );
  const txs = await Promise.all(
    hashes.map((hash) => clients.publicClient.getTransaction({ hash })),
  );
  return { anvil, mined, txs };
}

describe('the fees of a write', () => {
  it('are EIP-1559 fees above the base fee on a chain that has them', async () => {
    const { anvil, mined, txs } = await sendOn('cancun');
    const block = await anvil.publicClient.getBlock({ blockNumber: mined[0]!.blockNumber });
    for (const tx of txs) {
      expect(tx.type).toBe('eip1559');
      expect(tx.maxFeePerGas!).toBeGreaterThanOrEqual(block.baseFeePerGas!);
    }
    expect(txs.map((t) => t.nonce).sort()).toEqual([0, 1]);
  });

  it('are a gas price on a chain without EIP-1559', async () => {
    const { mined, txs } = await sendOn('berlin');
    expect(mined).toHaveLength(2);
    for (const tx of txs) {
      expect(tx.type).toBe('legacy');
      expect(tx.gasPrice!).toBeGreaterThan(0n);
    }
  });
});
