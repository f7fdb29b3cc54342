/**
 * BlockhostSubscriptions against a real anvil: every function, role check, revert reason,
 * event field, the pricing math for 6- and 18-decimal stablecoins and the native coin, refunds,
 * limits and time travel across expiry. One deployment per file; snapshot/revert per test.
 */

import {
  blockhostSubscriptionsAbi,
  buySubscription,
  cancelSubscription,
  createPlan,
  extendSubscription,
  getPaymentTokens,
  getPlan,
  getPlanCount,
  getSubscription,
  getSubscriptionCount,
  grantRole,
  hasRole,
  INTERFACE_IDS,
  listPlans,
  listSubscriptions,
  NATIVE_TOKEN,
  quote,
  ROLES,
  setPaymentToken,
  setPriceFeed,
  updatePlan,
  withdraw,
} from '@blockhost/chain';
import { setTestPrice } from '@blockhost/chain/testkit';
import { type Address, erc20Abi, type Hex, parseEther, zeroAddress } from 'viem';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ETH_USD,
  eventsOf,
  expectRevert,
  type Fixture,
  isolate,
  must,
  PLAN,
  setupFixture,
} from './fixture.js';

let f: Fixture;
const iso = isolate(() => f);
beforeAll(async () => {
  f = await setupFixture();
});
afterAll(async () => {
  await f?.anvil.stop();
});
beforeEach(iso.before);
afterEach(iso.after);

const DAY = 86_400;
const ENC = '0x04deadbeef' as Hex;

const balanceOf = (token: Address, who: Address) =>
  f.anvil.publicClient.readContract({
    abi: erc20Abi,
    address: token,
    functionName: 'balanceOf',
    args: [who],
  });
const blockTime = async (blockNumber: bigint) =>
  Number((await f.anvil.publicClient.getBlock({ blockNumber })).timestamp);
const buy = (
  who: Fixture['alice'],
  p: {
    days?: number;
    token?: Address;
    planId?: bigint;
    userEncrypted?: Hex;
    maxAmount?: bigint;
    value?: bigint;
  } = {},
) =>
  buySubscription(who, {
    address: f.contracts.subscriptions,
    planId: p.planId ?? f.planId,
    days: p.days ?? 30,
    token: p.token ?? f.usd6,
    userEncrypted: p.userEncrypted ?? ENC,
    maxAmount: p.maxAmount,
    value: p.value,
  });

describe('deployment state and roles', () => {
  it('admin, operator, tokens and feed are as deployed', async () => {
    const address = f.contracts.subscriptions;
    const role = (r: 'DEFAULT_ADMIN_ROLE' | 'OPERATOR_ROLE', account: Address) =>
      hasRole(f.anvil.publicClient, { address, role: r, account }).then((x) => x._unsafeUnwrap());
    expect(await role('DEFAULT_ADMIN_ROLE', f.addr.admin)).toBe(true);
    expect(await role('DEFAULT_ADMIN_ROLE', f.addr.server)).toBe(false);
    expect(await role('OPERATOR_ROLE', f.addr.server)).toBe(true);
    expect(await role('OPERATOR_ROLE', f.addr.admin)).toBe(false);
    expect((await getPaymentTokens(f.anvil.publicClient, { address }))._unsafeUnwrap()).toEqual([
      f.usd6,
      f.usd18,
    ]);
    const read = (functionName: string, args: readonly unknown[] = []) =>
      f.anvil.publicClient.readContract({
        abi: blockhostSubscriptionsAbi,
        address,
        functionName: functionName as 'priceFeed',
        args: args as [],
      });
    expect(await read('priceFeed')).toBe(f.feed);
    expect(await read('priceFeedDecimals')).toBe(8);
    expect(await read('priceFeedMaxStaleness')).toBe(3600n);
    expect(await read('paymentTokenDecimals', [f.usd6])).toBe(6);
    expect(await read('paymentTokenDecimals', [f.usd18])).toBe(18);
    expect(await read('MAX_DAYS')).toBe(3650n);
    expect(await read('MAX_USER_ENCRYPTED')).toBe(1024n);
    expect(await read('OPERATOR_ROLE')).toBe(ROLES.OPERATOR_ROLE);
    expect(await read('NATIVE')).toBe(NATIVE_TOKEN);
    expect(await read('MIN_DAYS')).toBe(1n);
    expect(await read('MAX_PLAN_NAME')).toBe(64n);
  });

  it('answers ERC-165 for its interface, AccessControl and ERC-165 only', async () => {
    const supports = (id: Hex) =>
      f.anvil.publicClient.readContract({
        abi: blockhostSubscriptionsAbi,
        address: f.contracts.subscriptions,
        functionName: 'supportsInterface',
        args: [id],
      });
    expect(await supports(INTERFACE_IDS.IBlockhostSubscriptions)).toBe(true);
    expect(await supports(INTERFACE_IDS.IAccessControl)).toBe(true);
    expect(await supports('0x01ffc9a7')).toBe(true);
    expect(await supports('0xdeadbeef')).toBe(false);
  });

  it('the constructor refuses zero admin/operator addresses', async () => {
    const { deployBlockhost } = await import('@blockhost/chain');
    const r = await deployBlockhost(f.server, { admin: zeroAddress });
    expect(r.isErr()).toBe(true);
  });

  it('only the admin manages roles; a granted operator can create plans', async () => {
    const address = f.contracts.subscriptions;
    await expectRevert(
      grantRole(f.server, { address, role: 'OPERATOR_ROLE', account: f.addr.bob }),
      'AccessControlUnauthorizedAccount',
      [f.addr.server, ROLES.DEFAULT_ADMIN_ROLE],
    );
    (
      await grantRole(f.admin, { address, role: 'OPERATOR_ROLE', account: f.addr.bob })
    )._unsafeUnwrap();
    expect((await createPlan(f.bob, { address, plan: PLAN }))._unsafeUnwrap().planId).toBe(2n);
  });
});

describe('plans', () => {
  it('createPlan emits PlanCreated with every field and getPlan/listPlans/planCount agree', async () => {
    const address = f.contracts.subscriptions;
    const plan = {
      name: 'large',
      pricePerDayUsdCents: 999n,
      cores: 8,
      memoryMiB: 16384,
      diskGiB: 200,
    };
    const r = (await createPlan(f.server, { address, plan }))._unsafeUnwrap();
    expect(r.planId).toBe(2n);
    const receipt = await f.anvil.publicClient.getTransactionReceipt({ hash: r.transactionHash });
    const [event] = eventsOf(receipt, f.contracts);
    expect(event?.eventName).toBe('PlanCreated');
    expect(event?.args).toEqual({ planId: 2n, ...plan });
    expect((await getPlan(f.anvil.publicClient, { address, planId: 2n }))._unsafeUnwrap()).toEqual({
      id: 2n,
      ...plan,
      active: true,
    });
    expect((await getPlanCount(f.anvil.publicClient, { address }))._unsafeUnwrap()).toBe(2n);
    expect(
      (await listPlans(f.anvil.publicClient, { address }))._unsafeUnwrap().map((p) => p.name),
    ).toEqual(['small', 'large']);
  });

  it('createPlan: operator only, and every field validated', async () => {
    const address = f.contracts.subscriptions;
    await expectRevert(
      createPlan(f.alice, { address, plan: PLAN }),
      'AccessControlUnauthorizedAccount',
      [f.addr.alice, ROLES.OPERATOR_ROLE],
    );
    await expectRevert(
      createPlan(f.admin, { address, plan: PLAN }),
      'AccessControlUnauthorizedAccount',
    );
    const bad: [Partial<typeof PLAN>, string][] = [
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(65) }, 'name'],
      [{ pricePerDayUsdCents: 0n }, 'pricePerDayUsdCents'],
      [{ cores: 0 }, 'cores'],
      [{ memoryMiB: 0 }, 'memoryMiB'],
      [{ diskGiB: 0 }, 'diskGiB'],
    ];
    for (const [patch, field] of bad) {
      await expectRevert(
        createPlan(f.server, { address, plan: { ...PLAN, ...patch } }),
        'InvalidPlan',
        [field],
      );
    }
    expect(
      (await createPlan(f.server, { address, plan: { ...PLAN, name: 'x'.repeat(64) } })).isOk(),
    ).toBe(true);
  });

  it('updatePlan emits PlanUpdated with every field; unknown plan and non-operator revert', async () => {
    const address = f.contracts.subscriptions;
    const plan = {
      name: 'small v2',
      pricePerDayUsdCents: 175n,
      cores: 3,
      memoryMiB: 3072,
      diskGiB: 30,
      active: false,
    };
    const r = (await updatePlan(f.server, { address, planId: f.planId, plan }))._unsafeUnwrap();
    const receipt = await f.anvil.publicClient.getTransactionReceipt({ hash: r.transactionHash });
    const [event] = eventsOf(receipt, f.contracts);
    expect(event?.eventName).toBe('PlanUpdated');
    expect(event?.args).toEqual({ planId: f.planId, ...plan });
    expect(
      (await getPlan(f.anvil.publicClient, { address, planId: f.planId }))._unsafeUnwrap(),
    ).toEqual({
      id: f.planId,
      ...plan,
    });
    await expectRevert(updatePlan(f.server, { address, planId: 99n, plan }), 'PlanNotFound', [99n]);
    await expectRevert(
      updatePlan(f.bob, { address, planId: f.planId, plan }),
      'AccessControlUnauthorizedAccount',
    );
    await expectRevert(
      updatePlan(f.server, { address, planId: f.planId, plan: { ...plan, cores: 0 } }),
      'InvalidPlan',
      ['cores'],
    );
  });

  it('getPlan of an unknown id is PlanNotFound', async () => {
    await expectRevert(
      getPlan(f.anvil.publicClient, { address: f.contracts.subscriptions, planId: 0n }),
      'PlanNotFound',
      [0n],
    );
  });
});

describe('buying', () => {
  it('6-decimal stablecoin: amount = cents × days × 10^6 / 100, moved from buyer to contract; event fields', async () => {
    const before = await balanceOf(f.usd6, f.addr.alice);
    const r = (await buy(f.alice, { days: 30 }))._unsafeUnwrap();
    const price = (150n * 30n * 10n ** 6n) / 100n; // $45
    expect(price).toBe(45_000_000n);
    expect(r.paidAmount).toBe(price);
    expect(await balanceOf(f.usd6, f.addr.alice)).toBe(before - price);
    expect(await balanceOf(f.usd6, f.contracts.subscriptions)).toBe(price);
    const now = await blockTime(r.blockNumber);
    expect(r.expiresAt).toBe(now + 30 * DAY);

    const receipt = await f.anvil.publicClient.getTransactionReceipt({ hash: r.transactionHash });
    const created = eventsOf(receipt, f.contracts).find(
      (e) => e.eventName === 'SubscriptionCreated',
    );
    expect(created?.args).toEqual({
      subscriptionId: 1n,
      planId: f.planId,
      subscriber: f.addr.alice,
      expiresAt: BigInt(now + 30 * DAY),
      paidAmount: price,
      paymentToken: f.usd6,
      userEncrypted: ENC,
    });
    expect(
      (
        await getSubscription(f.anvil.publicClient, {
          address: f.contracts.subscriptions,
          subscriptionId: 1n,
        })
      )._unsafeUnwrap(),
    ).toEqual({
      id: 1n,
      planId: f.planId,
      subscriber: f.addr.alice,
      expiresAt: now + 30 * DAY,
      cancelled: false,
    });
    expect(
      (
        await getSubscriptionCount(f.anvil.publicClient, { address: f.contracts.subscriptions })
      )._unsafeUnwrap(),
    ).toBe(1n);
  });

  it('listSubscriptions reads them all (or from an id on) for the state sweep', async () => {
    const address = f.contracts.subscriptions;
    for (let i = 0; i < 5; i++)
      (await buy(i % 2 ? f.bob : f.alice, { days: i + 1 }))._unsafeUnwrap();
    const all = (
      await listSubscriptions(f.anvil.publicClient, { address, concurrency: 2 })
    )._unsafeUnwrap();
    expect(all.map((s) => s.id)).toEqual([1n, 2n, 3n, 4n, 5n]);
    expect(all.map((s) => s.subscriber)).toEqual([
      f.addr.alice,
      f.addr.bob,
      f.addr.alice,
      f.addr.bob,
      f.addr.alice,
    ]);
    const tail = (
      await listSubscriptions(f.anvil.publicClient, { address, fromId: 4n })
    )._unsafeUnwrap();
    expect(tail.map((s) => s.id)).toEqual([4n, 5n]);
    expect(
      (await listSubscriptions(f.anvil.publicClient, { address, fromId: 9n }))._unsafeUnwrap(),
    ).toEqual([]);
  });

  it('18-decimal stablecoin and odd cents: exact integer math', async () => {
    const address = f.contracts.subscriptions;
    const { planId } = (
      await createPlan(f.server, {
        address,
        plan: { ...PLAN, name: 'odd', pricePerDayUsdCents: 333n },
      })
    )._unsafeUnwrap();
    const q18 = (
      await quote(f.anvil.publicClient, { address, planId, days: 7, token: f.usd18 })
    )._unsafeUnwrap();
    const q6 = (
      await quote(f.anvil.publicClient, { address, planId, days: 7, token: f.usd6 })
    )._unsafeUnwrap();
    expect(q18).toBe(23_310_000_000_000_000_000n); // $23.31
    expect(q6).toBe(23_310_000n);
    const before = await balanceOf(f.usd18, f.addr.bob);
    const r = (await buy(f.bob, { planId, days: 7, token: f.usd18 }))._unsafeUnwrap();
    expect(r.paidAmount).toBe(q18);
    expect(await balanceOf(f.usd18, f.addr.bob)).toBe(before - q18);
  });

  it('native coin priced by the feed (rounded up), excess refunded exactly', async () => {
    const address = f.contracts.subscriptions;
    // 150 cents × 30 days = $45 at $2000/ETH = 0.0225 ETH
    const price = (
      await quote(f.anvil.publicClient, {
        address,
        planId: f.planId,
        days: 30,
        token: NATIVE_TOKEN,
      })
    )._unsafeUnwrap();
    expect(price).toBe(parseEther('0.0225'));
    const before = await f.anvil.publicClient.getBalance({ address: f.addr.alice });
    const r = (
      await buy(f.alice, { token: NATIVE_TOKEN, maxAmount: price, value: price + parseEther('1') })
    )._unsafeUnwrap();
    expect(r.paidAmount).toBe(price);
    const receipt = await f.anvil.publicClient.getTransactionReceipt({ hash: r.transactionHash });
    const gas = receipt.gasUsed * receipt.effectiveGasPrice;
    expect(await f.anvil.publicClient.getBalance({ address: f.addr.alice })).toBe(
      before - price - gas,
    );
    expect(await f.anvil.publicClient.getBalance({ address })).toBe(price);

    // 1 cent at $3000/ETH = 3333333333333.33… wei → 3333333333334 (never in the payer's favour)
    (await setTestPrice(f.server, { feed: f.feed, answer: 3000_00000000n }))._unsafeUnwrap();
    const { planId } = (
      await createPlan(f.server, {
        address,
        plan: { ...PLAN, name: 'cent', pricePerDayUsdCents: 1n },
      })
    )._unsafeUnwrap();
    expect((await quote(f.anvil.publicClient, { address, planId, days: 1 }))._unsafeUnwrap()).toBe(
      3_333_333_333_334n,
    );
  });

  it('feed decimals other than 8 are honoured', async () => {
    const { deployTestPriceFeed } = await import('@blockhost/chain/testkit');
    const feed18 = (
      await deployTestPriceFeed(f.server, { decimals: 18, answer: 2000n * 10n ** 18n })
    )._unsafeUnwrap();
    (
      await setPriceFeed(f.admin, {
        address: f.contracts.subscriptions,
        feed: feed18.address,
        maxStalenessSeconds: 60,
      })
    )._unsafeUnwrap();
    expect(
      (
        await quote(f.anvil.publicClient, {
          address: f.contracts.subscriptions,
          planId: f.planId,
          days: 30,
        })
      )._unsafeUnwrap(),
    ).toBe(parseEther('0.0225'));
  });

  it('payment guards: maxAmount, short value, value with a token, unknown token', async () => {
    const price = 45_000_000n;
    await expectRevert(buy(f.alice, { maxAmount: price - 1n }), 'PriceAboveMaximum', [
      price,
      price - 1n,
    ]);
    const native = parseEther('0.0225');
    await expectRevert(
      buy(f.alice, { token: NATIVE_TOKEN, maxAmount: native, value: native - 1n }),
      'InsufficientPayment',
      [native - 1n, native],
    );
    await expectRevert(
      buySubscription(f.alice, {
        address: f.contracts.subscriptions,
        planId: f.planId,
        days: 30,
        token: f.usd6,
        maxAmount: price,
        userEncrypted: ENC,
        approve: true,
      }).andThen(() =>
        buySubscription(f.alice, {
          address: f.contracts.subscriptions,
          planId: f.planId,
          days: 30,
          token: f.usd6,
          maxAmount: price,
          userEncrypted: ENC,
          value: 1n,
        }),
      ),
      'UnexpectedNativeValue',
      [1n],
    );
    await expectRevert(
      buySubscription(f.alice, {
        address: f.contracts.subscriptions,
        planId: f.planId,
        days: 1,
        token: f.addr.carol,
        maxAmount: 1n,
        userEncrypted: ENC,
        approve: false,
      }),
      'TokenNotAccepted',
      [f.addr.carol],
    );
  });

  it('without allowance the token transfer fails (approve: false)', async () => {
    const r = await buySubscription(f.carol, {
      address: f.contracts.subscriptions,
      planId: f.planId,
      days: 1,
      token: f.usd6,
      maxAmount: 1_500_000n,
      userEncrypted: ENC,
      approve: false,
    });
    await expectRevert(Promise.resolve(r), 'ERC20InsufficientAllowance');
  });

  it('feed guards: stale answer, zero and negative answers, disabled native payment', async () => {
    const address = f.contracts.subscriptions;
    const now = await f.anvil.now();
    must(
      await setTestPrice(f.server, {
        feed: f.feed,
        answer: ETH_USD,
        updatedAt: BigInt(now - 3601),
      }),
    );
    const q = () => quote(f.anvil.publicClient, { address, planId: f.planId, days: 1 });
    await expectRevert(q(), 'StalePrice');
    (
      await setTestPrice(f.server, { feed: f.feed, answer: ETH_USD, updatedAt: BigInt(now - 3000) })
    )._unsafeUnwrap();
    expect((await q()).isOk()).toBe(true);
    (await setTestPrice(f.server, { feed: f.feed, answer: 0n }))._unsafeUnwrap();
    await expectRevert(q(), 'InvalidPrice', [0n]);
    (await setTestPrice(f.server, { feed: f.feed, answer: -1n }))._unsafeUnwrap();
    await expectRevert(q(), 'InvalidPrice', [-1n]);
    (
      await setPriceFeed(f.admin, { address, feed: zeroAddress, maxStalenessSeconds: 0 })
    )._unsafeUnwrap();
    await expectRevert(q(), 'NativePaymentDisabled', []);
  });

  it('limits: days 1..3650, userEncrypted ≤ 1024 bytes, active existing plan', async () => {
    await expectRevert(buy(f.alice, { days: 0, maxAmount: 0n }), 'InvalidDays', [0n, 1n, 3650n]);
    await expectRevert(buy(f.alice, { days: 3651, maxAmount: 10n ** 12n }), 'InvalidDays', [
      3651n,
      1n,
      3650n,
    ]);
    expect((await buy(f.alice, { days: 3650 })).isOk()).toBe(true);
    expect((await buy(f.alice, { days: 1 })).isOk()).toBe(true);
    const big = `0x${'ab'.repeat(1025)}` as Hex;
    await expectRevert(buy(f.alice, { userEncrypted: big }), 'UserEncryptedTooLong', [
      1025n,
      1024n,
    ]);
    const max = `0x${'ab'.repeat(1024)}` as Hex;
    expect((await buy(f.alice, { userEncrypted: max })).isOk()).toBe(true);
    await expectRevert(buy(f.alice, { planId: 42n, maxAmount: 1n }), 'PlanNotFound', [42n]);
    (
      await updatePlan(f.server, {
        address: f.contracts.subscriptions,
        planId: f.planId,
        plan: { ...PLAN, active: false },
      })
    )._unsafeUnwrap();
    await expectRevert(buy(f.alice, { maxAmount: 10n ** 9n }), 'PlanInactive', [f.planId]);
  });

  it('an empty userEncrypted is allowed (recorded, fixed later)', async () => {
    expect((await buy(f.alice, { userEncrypted: '0x' })).isOk()).toBe(true);
  });
});

describe('extending, expiry and revival', () => {
  it('anyone may extend (gifting): expiry += days while active; event fields', async () => {
    const address = f.contracts.subscriptions;
    const bought = (await buy(f.alice, { days: 10 }))._unsafeUnwrap();
    const r = (
      await extendSubscription(f.bob, {
        address,
        subscriptionId: bought.subscriptionId,
        days: 5,
        token: f.usd18,
      })
    )._unsafeUnwrap();
    expect(r.newExpiresAt).toBe(bought.expiresAt + 5 * DAY);
    expect(r.paidAmount).toBe((150n * 5n * 10n ** 18n) / 100n);
    const receipt = await f.anvil.publicClient.getTransactionReceipt({ hash: r.transactionHash });
    const ext = eventsOf(receipt, f.contracts).find((e) => e.eventName === 'SubscriptionExtended');
    expect(ext?.args).toEqual({
      subscriptionId: bought.subscriptionId,
      planId: f.planId,
      extendedBy: f.addr.bob,
      newExpiresAt: BigInt(bought.expiresAt + 5 * DAY),
      paidAmount: r.paidAmount,
      paymentToken: f.usd18,
    });
    const sub = (
      await getSubscription(f.anvil.publicClient, {
        address,
        subscriptionId: bought.subscriptionId,
      })
    )._unsafeUnwrap();
    expect(sub.expiresAt).toBe(r.newExpiresAt);
    expect(sub.subscriber).toBe(f.addr.alice); // gifting does not change the subscriber
  });

  it('time travel across expiry: an expired subscription is revived from now, not from its old expiry', async () => {
    const address = f.contracts.subscriptions;
    const bought = (await buy(f.alice, { days: 1 }))._unsafeUnwrap();
    await f.anvil.increaseTime(3 * DAY);
    await f.anvil.mine();
    expect(await f.anvil.now()).toBeGreaterThan(bought.expiresAt);
    const r = (
      await extendSubscription(f.alice, {
        address,
        subscriptionId: bought.subscriptionId,
        days: 2,
        token: f.usd6,
      })
    )._unsafeUnwrap();
    const minedAt = await blockTime(r.blockNumber);
    expect(r.newExpiresAt).toBe(minedAt + 2 * DAY);
    expect(r.newExpiresAt).toBeGreaterThanOrEqual(bought.expiresAt + 4 * DAY);
  });

  it('extension works on an inactive plan, with the native coin too', async () => {
    const address = f.contracts.subscriptions;
    const bought = (await buy(f.alice, { days: 1 }))._unsafeUnwrap();
    (
      await updatePlan(f.server, { address, planId: f.planId, plan: { ...PLAN, active: false } })
    )._unsafeUnwrap();
    const r = await extendSubscription(f.alice, {
      address,
      subscriptionId: bought.subscriptionId,
      days: 1,
      token: NATIVE_TOKEN,
    });
    expect(r._unsafeUnwrap().newExpiresAt).toBe(bought.expiresAt + DAY);
  });

  it('extension guards: unknown, cancelled, bad days, maxAmount', async () => {
    const address = f.contracts.subscriptions;
    const bought = (await buy(f.alice, { days: 1 }))._unsafeUnwrap();
    const id = bought.subscriptionId;
    await expectRevert(
      extendSubscription(f.alice, {
        address,
        subscriptionId: 77n,
        days: 1,
        token: f.usd6,
        maxAmount: 10n ** 9n,
      }),
      'SubscriptionNotFound',
      [77n],
    );
    await expectRevert(
      extendSubscription(f.alice, {
        address,
        subscriptionId: id,
        days: 0,
        token: f.usd6,
        maxAmount: 0n,
      }),
      'InvalidDays',
    );
    await expectRevert(
      extendSubscription(f.alice, {
        address,
        subscriptionId: id,
        days: 1,
        token: f.usd6,
        maxAmount: 1n,
      }),
      'PriceAboveMaximum',
      [1_500_000n, 1n],
    );
    (await cancelSubscription(f.alice, { address, subscriptionId: id }))._unsafeUnwrap();
    await expectRevert(
      extendSubscription(f.alice, { address, subscriptionId: id, days: 1, token: f.usd6 }),
      'SubscriptionIsCancelled',
      [id],
    );
  });
});

describe('cancelling', () => {
  it('the subscriber cancels; event fields; twice reverts', async () => {
    const address = f.contracts.subscriptions;
    const { subscriptionId } = (await buy(f.alice))._unsafeUnwrap();
    const r = (await cancelSubscription(f.alice, { address, subscriptionId }))._unsafeUnwrap();
    const receipt = await f.anvil.publicClient.getTransactionReceipt({ hash: r.transactionHash });
    const [event] = eventsOf(receipt, f.contracts);
    expect(event?.eventName).toBe('SubscriptionCancelled');
    expect(event?.args).toEqual({ subscriptionId, planId: f.planId, subscriber: f.addr.alice });
    expect(
      (await getSubscription(f.anvil.publicClient, { address, subscriptionId }))._unsafeUnwrap()
        .cancelled,
    ).toBe(true);
    await expectRevert(
      cancelSubscription(f.alice, { address, subscriptionId }),
      'SubscriptionIsCancelled',
      [subscriptionId],
    );
  });

  it('two cancels racing: one lands, the loser (past its simulation) names the revert', async () => {
    const address = f.contracts.subscriptions;
    const { subscriptionId } = (await buy(f.alice))._unsafeUnwrap();
    // Both simulate before either is sent (the sender's lane orders only the sends).
    const [a, b] = await Promise.all([
      cancelSubscription(f.alice, { address, subscriptionId }),
      cancelSubscription(f.alice, { address, subscriptionId }),
    ]);
    const loser = a.isErr() ? a : b;
    expect([a, b].filter((r) => r.isOk())).toHaveLength(1);
    await expectRevert(Promise.resolve(loser), 'SubscriptionIsCancelled', [subscriptionId]);
  });

  it('the operator may cancel; a stranger and the admin may not; unknown id reverts', async () => {
    const address = f.contracts.subscriptions;
    const { subscriptionId } = (await buy(f.alice))._unsafeUnwrap();
    await expectRevert(
      cancelSubscription(f.bob, { address, subscriptionId }),
      'NotSubscriberOrOperator',
      [subscriptionId, f.addr.bob],
    );
    await expectRevert(
      cancelSubscription(f.admin, { address, subscriptionId }),
      'NotSubscriberOrOperator',
    );
    await expectRevert(
      cancelSubscription(f.server, { address, subscriptionId: 99n }),
      'SubscriptionNotFound',
      [99n],
    );
    expect((await cancelSubscription(f.server, { address, subscriptionId })).isOk()).toBe(true);
  });
});

describe('administration', () => {
  it('withdraw: admin only, stablecoin and native, event fields, zero recipient refused', async () => {
    const address = f.contracts.subscriptions;
    (await buy(f.alice))._unsafeUnwrap();
    (await buy(f.alice, { token: NATIVE_TOKEN }))._unsafeUnwrap();
    await expectRevert(
      withdraw(f.server, { address, token: f.usd6, to: f.addr.server, amount: 1n }),
      'AccessControlUnauthorizedAccount',
      [f.addr.server, ROLES.DEFAULT_ADMIN_ROLE],
    );
    await expectRevert(
      withdraw(f.admin, { address, token: f.usd6, to: zeroAddress, amount: 1n }),
      'ZeroAddress',
      [],
    );
    const r = (
      await withdraw(f.admin, { address, token: f.usd6, to: f.addr.carol, amount: 45_000_000n })
    )._unsafeUnwrap();
    expect(await balanceOf(f.usd6, f.contracts.subscriptions)).toBe(0n);
    const receipt = await f.anvil.publicClient.getTransactionReceipt({ hash: r.transactionHash });
    const w = eventsOf(receipt, f.contracts).find((e) => e.eventName === 'Withdrawn');
    expect(w?.args).toEqual({ token: f.usd6, to: f.addr.carol, amount: 45_000_000n });
    const before = await f.anvil.publicClient.getBalance({ address: f.addr.carol });
    (
      await withdraw(f.admin, {
        address,
        token: NATIVE_TOKEN,
        to: f.addr.carol,
        amount: parseEther('0.0225'),
      })
    )._unsafeUnwrap();
    expect(await f.anvil.publicClient.getBalance({ address: f.addr.carol })).toBe(
      before + parseEther('0.0225'),
    );
    expect(await f.anvil.publicClient.getBalance({ address })).toBe(0n);
    // more than the balance: the native transfer fails and says so
    await expectRevert(
      withdraw(f.admin, { address, token: NATIVE_TOKEN, to: f.addr.carol, amount: 1n }),
      'NativeTransferFailed',
      [f.addr.carol, 1n],
    );
    // a recipient that refuses the coin (the ERC-20 has no receive function)
    (await buy(f.alice, { token: NATIVE_TOKEN }))._unsafeUnwrap();
    await expectRevert(
      withdraw(f.admin, { address, token: NATIVE_TOKEN, to: f.usd6, amount: 1n }),
      'NativeTransferFailed',
      [f.usd6, 1n],
    );
  });

  it('role administration: getRoleAdmin, revoke, renounce', async () => {
    const address = f.contracts.subscriptions;
    const read = (functionName: 'getRoleAdmin', args: readonly unknown[]) =>
      f.anvil.publicClient.readContract({
        abi: blockhostSubscriptionsAbi,
        address,
        functionName,
        args: args as never,
      });
    expect(await read('getRoleAdmin', [ROLES.OPERATOR_ROLE])).toBe(ROLES.DEFAULT_ADMIN_ROLE);
    (
      await grantRole(f.admin, { address, role: 'OPERATOR_ROLE', account: f.addr.carol })
    )._unsafeUnwrap();
    const has = async (account: Address) =>
      (
        await hasRole(f.anvil.publicClient, { address, role: 'OPERATOR_ROLE', account })
      )._unsafeUnwrap();
    expect(await has(f.addr.carol)).toBe(true);
    const { revokeRole } = await import('@blockhost/chain');
    (
      await revokeRole(f.admin, { address, role: 'OPERATOR_ROLE', account: f.addr.carol })
    )._unsafeUnwrap();
    expect(await has(f.addr.carol)).toBe(false);
    // the server key can give up its own role, and then loses access
    const hash = await f.anvil.walletClient(0).writeContract({
      abi: blockhostSubscriptionsAbi,
      address,
      functionName: 'renounceRole',
      args: [ROLES.OPERATOR_ROLE, f.addr.server],
    });
    await f.anvil.publicClient.waitForTransactionReceipt({ hash });
    expect(await has(f.addr.server)).toBe(false);
    await expectRevert(
      createPlan(f.server, { address, plan: PLAN }),
      'AccessControlUnauthorizedAccount',
    );
  });

  it('setPaymentToken: admin adds and removes tokens; event; non-ERC-20 and zero refused', async () => {
    const address = f.contracts.subscriptions;
    const { deployTestStablecoin } = await import('@blockhost/chain/testkit');
    const usd2 = (await deployTestStablecoin(f.server, { decimals: 2 }))._unsafeUnwrap().address;
    await expectRevert(
      setPaymentToken(f.server, { address, token: usd2, accepted: true }),
      'AccessControlUnauthorizedAccount',
    );
    const r = (
      await setPaymentToken(f.admin, { address, token: usd2, accepted: true })
    )._unsafeUnwrap();
    const receipt = await f.anvil.publicClient.getTransactionReceipt({ hash: r.transactionHash });
    expect(eventsOf(receipt, f.contracts)[0]?.args).toEqual({
      token: usd2,
      accepted: true,
      decimals: 2,
    });
    expect((await getPaymentTokens(f.anvil.publicClient, { address }))._unsafeUnwrap()).toEqual([
      f.usd6,
      f.usd18,
      usd2,
    ]);
    expect(
      (
        await quote(f.anvil.publicClient, { address, planId: f.planId, days: 3, token: usd2 })
      )._unsafeUnwrap(),
    ).toBe(450n);
    (await setPaymentToken(f.admin, { address, token: f.usd6, accepted: false }))._unsafeUnwrap();
    expect((await getPaymentTokens(f.anvil.publicClient, { address }))._unsafeUnwrap()).toEqual([
      usd2,
      f.usd18,
    ]);
    await expectRevert(
      quote(f.anvil.publicClient, { address, planId: f.planId, days: 1, token: f.usd6 }),
      'TokenNotAccepted',
      [f.usd6],
    );
    await expectRevert(
      setPaymentToken(f.admin, { address, token: f.addr.bob, accepted: true }),
      'InvalidTokenDecimals',
      [f.addr.bob],
    );
    await expectRevert(
      setPaymentToken(f.admin, { address, token: zeroAddress, accepted: true }),
      'ZeroAddress',
    );
  });

  it('setPriceFeed: admin only; zero staleness and non-feeds refused; event', async () => {
    const address = f.contracts.subscriptions;
    await expectRevert(
      setPriceFeed(f.server, { address, feed: f.feed, maxStalenessSeconds: 60 }),
      'AccessControlUnauthorizedAccount',
    );
    await expectRevert(
      setPriceFeed(f.admin, { address, feed: f.feed, maxStalenessSeconds: 0 }),
      'InvalidStaleness',
      [0n, 172_800n],
    );
    await expectRevert(
      setPriceFeed(f.admin, { address, feed: f.feed, maxStalenessSeconds: 172_801 }),
      'InvalidStaleness',
      [172_801n, 172_800n],
    );
    await expectRevert(
      setPriceFeed(f.admin, { address, feed: f.addr.bob, maxStalenessSeconds: 60 }),
      'InvalidFeed',
      [f.addr.bob],
    );
    const r = (
      await setPriceFeed(f.admin, { address, feed: f.feed, maxStalenessSeconds: 60 })
    )._unsafeUnwrap();
    const receipt = await f.anvil.publicClient.getTransactionReceipt({ hash: r.transactionHash });
    expect(eventsOf(receipt, f.contracts)[0]?.args).toEqual({ feed: f.feed, maxStaleness: 60n });
  });
});
