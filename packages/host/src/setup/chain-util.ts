import type { ReadClient } from '@blockhost/chain';
import type { Address } from 'viem';
import { SetupError } from './errors.js';

/**
 * Waits until `address` has no transaction in flight (pending nonce = mined
 * nonce) and returns that nonce. A step killed after sending and rerun must
 * see the outcome of what it sent before it decides anything, or it would
 * send a second deployment, plan or transfer.
 */
export async function settledNonce(
  client: ReadClient,
  address: Address,
  timeoutMs = 300_000,
  sleepMs = 1_000,
): Promise<number> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const [latest, pending] = await Promise.all([
      client.getTransactionCount({ address, blockTag: 'latest' }),
      client.getTransactionCount({ address, blockTag: 'pending' }),
    ]);
    if (pending <= latest) return latest;
    if (Date.now() > end) {
      throw new SetupError(
        'state',
        `${address} still has ${pending - latest} transaction(s) in flight`,
        { hint: 'wait until they are mined (or replaced), then run again' },
      );
    }
    await new Promise((r) => setTimeout(r, sleepMs));
  }
}

/** Whether an address holds contract code. */
export async function hasCode(client: ReadClient, address: Address): Promise<boolean> {
  const code = await client.getCode({ address });
  return code !== undefined && code !== '0x';
}

/**
 * The block a contract was created in, by bisecting `eth_getCode` over block
 * numbers (about 25 calls); 0 when the RPC keeps no history that old, so the
 * daemon then scans from the start.
 */
export async function creationBlock(client: ReadClient, address: Address): Promise<bigint> {
  try {
    let hi = await client.getBlockNumber();
    let lo = 0n;
    const at = async (n: bigint) => {
      const c = await client.getCode({ address, blockNumber: n });
      return c !== undefined && c !== '0x';
    };
    if (!(await at(hi))) return 0n;
    while (lo < hi) {
      const mid = (lo + hi) / 2n;
      if (await at(mid)) hi = mid;
      else lo = mid + 1n;
    }
    return lo;
  } catch {
    return 0n;
  }
}
