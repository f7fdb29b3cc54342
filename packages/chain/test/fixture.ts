/**
 * Shared setup of the chain package's integration tests: a real anvil with a full deployment.
 * Accounts: 0 = server key (deployer, operator, minter), 1 = admin (operator's wallet),
 * 2 = alice, 3 = bob, 4 = carol (customers).
 */

import {
  type BlockhostContracts,
  type BlockhostEvent,
  decodeBlockhostLog,
  type PlanInput,
  type WriteClients,
} from '@blockhost/chain';
import {
  type Anvil,
  deployTestBlockhost,
  deployTestStablecoin,
  mintTestStablecoin,
  startAnvil,
} from '@blockhost/chain/testkit';
import type { Result, ResultAsync } from 'neverthrow';
import type { Address, Hex, TransactionReceipt } from 'viem';
import { expect } from 'vitest';

export const PLAN: PlanInput = {
  name: 'small',
  pricePerDayUsdCents: 150n,
  cores: 2,
  memoryMiB: 2048,
  diskGiB: 20,
};

/** $2000.00000000 per coin, 8 decimals like Chainlink's USD feeds. */
export const ETH_USD = 2000_00000000n;

export interface Fixture {
  anvil: Anvil;
  contracts: BlockhostContracts;
  deployBlock: bigint;
  usd6: Address;
  usd18: Address;
  feed: Address;
  planId: bigint;
  server: WriteClients;
  admin: WriteClients;
  alice: WriteClients;
  bob: WriteClients;
  carol: WriteClients;
  addr: { server: Address; admin: Address; alice: Address; bob: Address; carol: Address };
}

export async function setupFixture(options: { anvil?: Anvil } = {}): Promise<Fixture> {
  const anvil = options.anvil ?? (await startAnvil());
  const [server, admin, alice, bob, carol] = [0, 1, 2, 3, 4].map((i) => anvil.clients(i)) as [
    WriteClients,
    WriteClients,
    WriteClients,
    WriteClients,
    WriteClients,
  ];
  const addr = {
    server: anvil.accounts[0]!.address,
    admin: anvil.accounts[1]!.address,
    alice: anvil.accounts[2]!.address,
    bob: anvil.accounts[3]!.address,
    carol: anvil.accounts[4]!.address,
  };
  const usd18 = (
    await deployTestStablecoin(server, { decimals: 18, symbol: 'TDAI' })
  )._unsafeUnwrap();
  const d = (
    await deployTestBlockhost(server, {
      admin: addr.admin,
      stablecoin: { test: { decimals: 6, symbol: 'TUSDC' } },
      paymentTokens: [usd18.address],
      priceFeed: { test: { decimals: 8, answer: ETH_USD }, maxStalenessSeconds: 3600 },
      firstPlan: PLAN,
    })
  )._unsafeUnwrap();
  for (const who of [addr.alice, addr.bob, addr.carol]) {
    (
      await mintTestStablecoin(server, {
        token: d.stablecoin!,
        to: who,
        amount: 1_000_000n * 10n ** 6n,
      })
    )._unsafeUnwrap();
    (
      await mintTestStablecoin(server, {
        token: usd18.address,
        to: who,
        amount: 1_000_000n * 10n ** 18n,
      })
    )._unsafeUnwrap();
  }
  return {
    anvil,
    contracts: { subscriptions: d.subscriptions, nft: d.nft },
    deployBlock: d.deployBlock,
    usd6: d.stablecoin!,
    usd18: usd18.address,
    feed: d.priceFeed!,
    planId: d.firstPlanId!,
    server,
    admin,
    alice,
    bob,
    carol,
    addr,
  };
}

/** The value of an Ok result; an Err is thrown as the error itself (readable test failures). */
export function must<T, E>(r: Result<T, E>): T {
  if (r.isErr()) throw r.error;
  return r.value;
}

/** Asserts a Result failed with a contract revert of `errorName` (and `args`, if given). */
export async function expectRevert(
  result: ResultAsync<unknown, unknown> | Promise<Result<unknown, unknown>>,
  errorName: string,
  args?: readonly unknown[],
): Promise<void> {
  const r = await result;
  expect(r.isErr(), `expected ${errorName}, got success`).toBe(true);
  const e = r._unsafeUnwrapErr() as {
    code?: string;
    errorName?: string;
    args?: readonly unknown[];
    message?: string;
  };
  expect(e.code, e.message).toBe('CONTRACT_REVERT');
  expect(e.errorName).toBe(errorName);
  if (args) expect(e.args).toEqual(args);
}

/** Every BlockHost event in a receipt, decoded. */
export function eventsOf(
  receipt: TransactionReceipt,
  contracts: BlockhostContracts,
): BlockhostEvent[] {
  return receipt.logs.flatMap((log) => {
    const r = decodeBlockhostLog(log, contracts);
    return r.isOk() ? [r.value] : [];
  });
}

export async function receiptOf(f: Fixture, hash: Hex): Promise<TransactionReceipt> {
  return f.anvil.publicClient.getTransactionReceipt({ hash });
}

/** Runs `fn` between a snapshot and its revert (tests stay independent without redeploying). */
export function isolate(f: () => Fixture): {
  before: () => Promise<void>;
  after: () => Promise<void>;
} {
  let snapshot: Hex | undefined;
  return {
    before: async () => {
      snapshot = await f().anvil.snapshot();
    },
    after: async () => {
      if (snapshot) await f().anvil.revert(snapshot);
    },
  };
}
