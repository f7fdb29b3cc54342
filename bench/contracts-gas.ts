/**
 * Gas of the customer and server operations of the BlockHost contracts on a real anvil: buy
 * (stablecoin and native), extend, cancel and mint, plus the deployment. Gas is deterministic
 * for a given code and state, so each row is the median of a few repetitions on fresh
 * subscriptions in a steady state (counters, balances and allowances already non-zero, as on
 * a host that has sold before).
 *
 * The numbers of the contracts before the security review (issue 19) are committed in
 * `bench/baselines/contracts-gas.before.json`; the table shows them next to today's. Run with
 * `BENCH_RECORD_BASELINE=1` to overwrite that file with the current numbers.
 *
 * Run: npm run bench -- contracts-gas
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buySubscription,
  cancelSubscription,
  createPlan,
  deployBlockhost,
  ensureAllowance,
  extendSubscription,
  mintAccessToken,
  NATIVE_TOKEN,
  quote,
  type WriteClients,
} from '@blockhost/chain';
import {
  deployTestPriceFeed,
  deployTestStablecoin,
  mintTestStablecoin,
  startAnvil,
} from '@blockhost/chain/testkit';
import type { Hex } from 'viem';
import { report } from './lib/measure.js';

const REPEAT = 5;
const BASELINE = join(import.meta.dirname, 'baselines', 'contracts-gas.before.json');
/** A realistic `userEncrypted`: 225 bytes, the size of an ECIES-encrypted signature. */
const ENC = `0x04${'ab'.repeat(224)}` as Hex;

const anvil = await startAnvil();
try {
  const server = anvil.clients(0);
  const admin = anvil.accounts[1]!.address;
  const customers = [2, 3, 4, 5, 6].map((i) => anvil.clients(i));
  const must = <T>(r: { isErr(): boolean; _unsafeUnwrap(): T; _unsafeUnwrapErr(): unknown }) => {
    if (r.isErr()) throw r._unsafeUnwrapErr();
    return r._unsafeUnwrap();
  };
  const gasOf = async (hash: Hex | null) => {
    if (!hash) throw new Error('no transaction');
    return Number((await anvil.publicClient.getTransactionReceipt({ hash })).gasUsed);
  };

  // The stablecoin, feed and plan come separately so d.transactions is the deployment alone.
  const coin = must(await deployTestStablecoin(server, { decimals: 6 })).address;
  const feed = must(await deployTestPriceFeed(server, { decimals: 8, answer: 2000_00000000n }));
  const d = must(
    await deployBlockhost(server, {
      admin,
      stablecoin: coin,
      priceFeed: { address: feed.address },
    }),
  );
  let deployGas = 0;
  for (const hash of d.transactions) deployGas += await gasOf(hash);
  const { planId } = must(
    await createPlan(server, {
      address: d.subscriptions,
      plan: { name: 'bench', pricePerDayUsdCents: 150n, cores: 1, memoryMiB: 1024, diskGiB: 10 },
    }),
  );
  const address = d.subscriptions;
  for (const c of customers) {
    const who = c.walletClient.account.address;
    must(await mintTestStablecoin(server, { token: coin, to: who, amount: 10n ** 15n }));
    must(await ensureAllowance(c, { token: coin, spender: address, amount: 10n ** 14n }));
  }
  const nativePrice = must(
    await quote(anvil.publicClient, { address, planId, days: 30, token: NATIVE_TOKEN }),
  );
  const buyCoin = (c: WriteClients) =>
    buySubscription(c, { address, planId, days: 30, token: coin, userEncrypted: ENC });
  const buyNative = (c: WriteClients) =>
    buySubscription(c, {
      address,
      planId,
      days: 30,
      token: NATIVE_TOKEN,
      maxAmount: nativePrice,
      value: nativePrice,
      userEncrypted: ENC,
    });
  // Steady state: the first subscription, token and payment of each kind already happened.
  const warm = must(await buyCoin(customers[0]!));
  must(await buyNative(customers[0]!));
  must(
    await mintAccessToken(server, {
      address: d.nft,
      to: customers[0]!.walletClient.account.address,
      subscriptionId: warm.subscriptionId,
      userEncrypted: ENC,
    }),
  );

  const samples: Record<string, number[]> = {};
  const record = (name: string, gas: number) => {
    samples[name] ??= [];
    samples[name].push(gas);
  };
  for (let i = 0; i < REPEAT; i++) {
    const c = customers[1 + (i % (customers.length - 1))]!;
    const who = c.walletClient.account.address;
    const a = must(await buyCoin(c));
    record('buy (stablecoin, 6 decimals)', await gasOf(a.transactionHash));
    const b = must(await buyNative(c));
    record('buy (native, priced by the feed)', await gasOf(b.transactionHash));
    const e = must(
      await extendSubscription(c, {
        address,
        subscriptionId: a.subscriptionId,
        days: 30,
        token: coin,
      }),
    );
    record('extend (stablecoin)', await gasOf(e.transactionHash));
    const en = must(
      await extendSubscription(c, {
        address,
        subscriptionId: b.subscriptionId,
        days: 30,
        token: NATIVE_TOKEN,
        maxAmount: nativePrice,
        value: nativePrice,
      }),
    );
    record('extend (native)', await gasOf(en.transactionHash));
    const m = must(
      await mintAccessToken(server, {
        address: d.nft,
        to: who,
        subscriptionId: a.subscriptionId,
        userEncrypted: ENC,
      }),
    );
    record('mint (225-byte details)', await gasOf(m.transactionHash));
    const cb = must(await cancelSubscription(c, { address, subscriptionId: b.subscriptionId }));
    record('cancel (buyer, no NFT yet)', await gasOf(cb.transactionHash));
    const ch = must(await cancelSubscription(c, { address, subscriptionId: a.subscriptionId }));
    record('cancel (NFT holder)', await gasOf(ch.transactionHash));
    const o = must(await buyCoin(c));
    const co = must(
      await cancelSubscription(server, { address, subscriptionId: o.subscriptionId }),
    );
    record('cancel (operator)', await gasOf(co.transactionHash));
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const code = async (a: Hex) =>
    ((await anvil.publicClient.getCode({ address: a }))!.length - 2) / 2;
  const now: Record<string, number> = {
    ...Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])),
    'deployment (all transactions of deployBlockhost)': deployGas,
    'runtime size BlockhostSubscriptions (bytes)': await code(d.subscriptions),
    'runtime size AccessCredentialNFT (bytes)': await code(d.nft),
  };

  if (process.env.BENCH_RECORD_BASELINE) {
    mkdirSync(join(import.meta.dirname, 'baselines'), { recursive: true });
    writeFileSync(
      BASELINE,
      `${JSON.stringify({ at: new Date().toISOString(), gas: now }, null, 2)}\n`,
    );
    console.log(`baseline written to ${BASELINE}`);
  }
  const before: Record<string, number> = existsSync(BASELINE)
    ? (JSON.parse(readFileSync(BASELINE, 'utf8')) as { gas: Record<string, number> }).gas
    : {};
  const rows = [...new Set([...Object.keys(before), ...Object.keys(now)])].map((op) => {
    const b = before[op];
    const n = now[op];
    return {
      operation: op,
      before: b ?? '-',
      now: n ?? '-',
      change:
        b !== undefined && n !== undefined
          ? `${n >= b ? '+' : ''}${n - b} (${(((n - b) / b) * 100).toFixed(1)}%)`
          : '-',
    };
  });
  report('contracts-gas', rows);
} finally {
  await anvil.stop();
}
