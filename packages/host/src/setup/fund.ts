import type { WriteClients } from '@blockhost/chain';
import { ResultAsync } from 'neverthrow';
import type { Address } from 'viem';
import { settledNonce } from './chain-util.js';
import { errorText, SetupError } from './errors.js';

/**
 * Tops `to` (the server key: it pays for plans and every NFT it mints) up to
 * `minimumWei` from `from`, once: a balance already there sends nothing.
 */
export function ensureFunded(
  from: WriteClients,
  p: { to: Address; minimumWei: bigint },
): ResultAsync<{ sentWei: bigint; balanceWei: bigint }, SetupError> {
  return ResultAsync.fromPromise(
    (async () => {
      const { publicClient, walletClient } = from;
      await settledNonce(publicClient, walletClient.account.address);
      const balance = await publicClient.getBalance({ address: p.to });
      if (balance >= p.minimumWei) return { sentWei: 0n, balanceWei: balance };
      const value = p.minimumWei - balance;
      const own = await publicClient.getBalance({ address: walletClient.account.address });
      if (own < value) {
        throw new SetupError(
          'input',
          `the deployer ${walletClient.account.address} holds ${own} wei, less than the ${value} wei to send`,
          { hint: 'fund the deployer address, then continue' },
        );
      }
      const hash = await walletClient.sendTransaction({
        to: p.to,
        value,
        account: walletClient.account,
        chain: walletClient.chain,
      });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== 'success')
        throw new SetupError('remote', `the transfer ${hash} reverted`);
      return { sentWei: value, balanceWei: balance + value };
    })(),
    (e) => (e instanceof SetupError ? e : new SetupError('remote', errorText(e), { cause: e })),
  );
}
