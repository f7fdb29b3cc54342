import { okAsync, type ResultAsync } from 'neverthrow';
import type { Address, Hex } from 'viem';
import {
  type DeployBlockhostErrorType,
  type DeployBlockhostParameters,
  type DeployBlockhostReturnType,
  deployBlockhost,
  type FeedStaleness,
} from '../deploy/deploy.js';
import type { MissingEventError } from '../errors.js';
import type { WriteClients } from '../internal/clients.js';
import type { WriteErrorType } from '../internal/send.js';
import {
  deployTestPriceFeed,
  deployTestStablecoin,
  type TestPriceFeedOptions,
  type TestStablecoinOptions,
} from './test-contracts.js';

export interface DeployTestBlockhostParameters
  extends Omit<DeployBlockhostParameters, 'stablecoin' | 'priceFeed'> {
  /** An existing ERC-20, or `{ test: {...} }` to deploy a mintable test stablecoin first. */
  readonly stablecoin?: Address | { readonly test: TestStablecoinOptions } | undefined;
  /** An existing feed, or `{ test: {...} }` to deploy a settable test feed first. */
  readonly priceFeed?:
    | ({ readonly address: Address } & FeedStaleness)
    | ({ readonly test: TestPriceFeedOptions } & FeedStaleness)
    | undefined;
}

/**
 * `deployBlockhost` for local chains and testnets: deploys the test stablecoin
 * and price feed asked for, then BlockHost with them. The test contracts'
 * transactions come first in `transactions`.
 */
export function deployTestBlockhost(
  clients: WriteClients,
  p: DeployTestBlockhostParameters,
): ResultAsync<DeployBlockhostReturnType, DeployBlockhostErrorType> {
  const before: Hex[] = [];
  const coin: ResultAsync<Address | undefined, WriteErrorType | MissingEventError> =
    p.stablecoin === undefined || typeof p.stablecoin === 'string'
      ? okAsync(p.stablecoin)
      : deployTestStablecoin(clients, p.stablecoin.test).map((c) => {
          before.push(c.transactionHash);
          return c.address;
        });
  const feed = p.priceFeed;
  const feedAddress: ResultAsync<Address | undefined, WriteErrorType | MissingEventError> =
    feed === undefined
      ? okAsync(undefined)
      : 'address' in feed
        ? okAsync(feed.address)
        : deployTestPriceFeed(clients, feed.test).map((c) => {
            before.push(c.transactionHash);
            return c.address;
          });
  return coin.andThen((stablecoin) =>
    feedAddress.andThen((address) =>
      deployBlockhost(clients, {
        ...p,
        stablecoin,
        priceFeed:
          address === undefined
            ? undefined
            : {
                address,
                heartbeatSeconds: feed?.heartbeatSeconds,
                maxStalenessSeconds: feed?.maxStalenessSeconds,
              },
      }).map((r) => ({ ...r, transactions: [...before, ...r.transactions] })),
    ),
  );
}
