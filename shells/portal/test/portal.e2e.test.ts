/**
 * The customer site in real Chromium against the dev stack (anvil, the PVE simulator, blockhostd
 * serving the built site from http.portal_dir): a wallet injected into the page (EIP-1193 +
 * EIP-6963) answered by viem local accounts. Buy with the native coin and with the 6-decimal
 * stablecoin, follow provisioning to the decrypted ssh line, renew after expiry (resumed),
 * a gift renewal, and every error a customer meets — each leaving the page usable. axe-core on
 * every page; 375 px and 1280 px screenshots in .tmp/artifacts/portal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getSubscription, getSubscriptionCount, updatePlan } from '@blockhost/chain';
import { setTestPrice } from '@blockhost/chain/testkit';
import {
  type Daemon,
  type DevStack,
  startDevStack,
  startStackDaemon,
  waitFor,
} from '@blockhost/devstack';
import type { Page } from 'playwright-core';
import { erc20Abi } from 'viem';
import { type PrivateKeyAccount, privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPortal, writePortalConfig } from '../src/build/index.js';
import {
  launchChromium,
  type RunningBrowser,
  screenshots,
  seriousAxeFindings,
} from './harness/browser.js';
import { TestWallet } from './harness/wallet.js';

const DAY = 86_400;
const ETH_USD = 2_000_00000000n; // $2000 per ETH, 8 decimals
/** The page's document, typed just enough for the checks run inside it. */
type Doc = { document: { querySelector(s: string): { textContent: string | null } | null } };
let stack: DevStack;
let daemon: Daemon;
let browser: RunningBrowser;
let siteDir: string;
let url: string;
const axe: Record<string, unknown[]> = {};

const account = (i: number): PrivateKeyAccount =>
  privateKeyToAccount(stack.anvil.accounts[i]!.privateKey);

beforeAll(async () => {
  siteDir = mkdtempSync(join(tmpdir(), 'bh-portal-site-'));
  const [, s, b] = await Promise.all([
    buildPortal({ outDir: siteDir }),
    startDevStack({
      portalDir: siteDir,
      nativeUsdPrice: ETH_USD,
      blockhost: 'daemon: { reconcile_interval_ms: 200, retry_base_ms: 20 }',
    }),
    launchChromium(),
  ]);
  stack = s;
  browser = b;
  writePortalConfig(siteDir, stack.portalConfig());
  for (const i of [4, 5, 7]) await stack.customer(i); // mints them the test stablecoin
  daemon = await startStackDaemon(stack);
  url = `${daemon.url}/`;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await daemon?.stop();
  await stack?.stop();
  if (siteDir) rmSync(siteDir, { recursive: true, force: true });
});

function walletFor(i: number): TestWallet {
  return new TestWallet(account(i), stack.anvil.rpcUrl, stack.anvil.chainId);
}

async function open(wallet: TestWallet, hash = '#/buy'): Promise<Page> {
  const page = await browser.context.newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') console.error('page console:', m.text());
  });
  await wallet.attach(page);
  await page.goto(`${url}${hash}`);
  await page.waitForSelector('#page-title');
  return page;
}

/** The connection details' ssh line, or a failure naming what the page said instead. */
async function sshShown(page: Page): Promise<string> {
  const found = await page.waitForSelector(
    '.connection code.ssh, .error[role=alert]:not([hidden])',
    {
      timeout: 60_000,
    },
  );
  const text = (await found.textContent()) ?? '';
  if (!text.startsWith('ssh '))
    throw new Error(
      `the page shows an error: ${text}\nsteps: ${await page.textContent('.steps').catch(() => '')}`,
    );
  return text;
}

async function connect(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await page.waitForSelector('.account');
}

async function checkAxe(page: Page, name: string): Promise<void> {
  const found = await seriousAxeFindings(page);
  axe[name] = found;
  expect(found, `${name}: ${JSON.stringify(found, null, 2)}`).toEqual([]);
}

/** `ssh user@<ip>` of the simulator's VM for the subscription, once it runs. */
async function sshLineOfVm(subscriptionId: bigint): Promise<string> {
  const vm = await waitFor('the running VM', () =>
    stack.sim.vms().find((v) => v.tags.includes(`sub-${subscriptionId}`) && v.status === 'running'),
  );
  const ip = /ip=([^/,]+)/.exec(vm.config.ipconfig0 ?? '')?.[1];
  expect(ip).toMatch(/^10\.77\.0\.\d+$/);
  return `ssh user@${ip}`;
}

async function subscriptionCount(): Promise<bigint> {
  return (
    await getSubscriptionCount(stack.anvil.publicClient, { address: stack.contracts.subscriptions })
  )._unsafeUnwrap();
}

async function chooseToken(page: Page, label: string): Promise<void> {
  await page.waitForSelector(`select option:text-is("${label}")`, { state: 'attached' });
  await page.getByLabel('Pay with').selectOption({ label });
}

async function quoteShown(page: Page): Promise<string> {
  await page.waitForFunction(() => {
    const t = (globalThis as unknown as Doc).document.querySelector('output.quote')?.textContent;
    return /day/.test(t ?? '') && !/Getting/.test(t ?? '');
  });
  return (await page.textContent('output.quote')) ?? '';
}

/** Moves chain time; the price feed keeps answering, as a live feed does (hourly). */
async function advance(seconds: number): Promise<void> {
  await stack.anvil.increaseTime(seconds);
  await stack.anvil.mine(1);
  (await setTestPrice(stack.server, { feed: stack.priceFeed!, answer: ETH_USD }))._unsafeUnwrap();
}

let stableSub: bigint; // bought with the stablecoin by account 4

describe('buying', () => {
  it('with the native coin: one payment, the VM runs, the page shows its ssh line', async () => {
    const wallet = walletFor(3);
    const page = await open(wallet);
    await screenshots(page, 'buy-disconnected');
    await connect(page);
    expect(await page.textContent('.account')).toContain(account(3).address.slice(0, 6));
    await chooseToken(page, 'ETH (native coin)');
    await page.getByLabel('Days').fill('30');
    const quote = await quoteShown(page);
    // $1/day × 30 at $2000/ETH = 0.015 ETH; up to 1% more is authorised and refunded
    expect(quote).toContain('30 days: 0.015 ETH ($30.00)');
    await checkAxe(page, 'buy');
    await screenshots(page, 'buy');
    const before = await subscriptionCount();
    await page.getByRole('button', { name: 'Buy', exact: true }).click();
    const ssh = await sshShown(page);
    expect(ssh).toBe(await sshLineOfVm(before + 1n));
    expect(await page.textContent('.steps')).toMatch(/Approve the exact price — not needed/);
    // One signature, one transaction: the purchase, paid in ETH.
    expect(wallet.since(0, 'personal_sign')).toHaveLength(1);
    expect(wallet.sent).toHaveLength(1);
    expect(wallet.sent[0]!.to.toLowerCase()).toBe(stack.contracts.subscriptions.toLowerCase());
    expect(wallet.sent[0]!.value).toBe(15_150_000_000_000_000n); // 0.015 ETH + 1%
    await checkAxe(page, 'buy-done');
    await screenshots(page, 'buy-done');
    await page.close();
  }, 120_000);

  it('with the 6-decimal stablecoin: exact approval, then the purchase', async () => {
    const wallet = walletFor(4);
    const page = await open(wallet);
    await connect(page);
    await chooseToken(page, 'TUSD');
    await page.getByLabel('Days').fill('7');
    expect(await quoteShown(page)).toBe('7 days: 7 TUSD');
    const before = await subscriptionCount();
    await page.getByRole('button', { name: 'Buy', exact: true }).click();
    const ssh = await sshShown(page);
    stableSub = before + 1n;
    expect(ssh).toBe(await sshLineOfVm(stableSub));
    expect(wallet.sent).toHaveLength(2);
    const [approve, buy] = wallet.sent;
    expect(approve!.to.toLowerCase()).toBe(stack.stablecoin.toLowerCase());
    expect(approve!.data.startsWith('0x095ea7b3')).toBe(true);
    expect(BigInt(`0x${approve!.data.slice(74)}`)).toBe(7_000_000n); // exactly 7 TUSD
    expect(buy!.to.toLowerCase()).toBe(stack.contracts.subscriptions.toLowerCase());
    // The exact approval was used up: nothing left for the contract to take later.
    const left = await stack.anvil.publicClient.readContract({
      abi: erc20Abi,
      address: stack.stablecoin,
      functionName: 'allowance',
      args: [account(4).address, stack.contracts.subscriptions],
    });
    expect(left).toBe(0n);
    await page.close();
  }, 120_000);
});

describe('My VMs', () => {
  it("lists the wallet's VM with its countdown and decrypts the details with one signature", async () => {
    const wallet = walletFor(4);
    const page = await open(wallet, '#/vms');
    await connect(page);
    const card = page.locator('article.vm', { hasText: `Subscription ${stableSub}` });
    await card.waitFor();
    expect(await card.locator('.badge').textContent()).toBe('Active');
    expect(await card.textContent()).toMatch(/Paid until .* \(in (6 days 23|7 days 0) h\)/);
    await card.getByRole('button', { name: 'Show connection details' }).click();
    const ssh = await card.locator('code.ssh').textContent();
    expect(ssh).toBe(await sshLineOfVm(stableSub));
    expect(wallet.since(0, 'personal_sign')).toHaveLength(1);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(url).origin,
    });
    await card.getByRole('button', { name: `Copy the command ${ssh}` }).click();
    await card.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    const clip = await page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
    expect(clip).toBe(ssh);
    await card.locator('summary').click(); // the login help
    await checkAxe(page, 'vms');
    await screenshots(page, 'vms');
    await page.close();
  }, 60_000);
});

describe('renewing', () => {
  it('after expiry: the VM is suspended, the renewal resumes it and the page shows it active', async () => {
    const vmBefore = await sshLineOfVm(stableSub);
    await advance(7 * DAY + 60);
    await waitFor('suspension', () =>
      stack.sim.vms().some((v) => v.tags.includes(`sub-${stableSub}`) && v.status === 'stopped'),
    );
    const wallet = walletFor(4);
    const page = await open(wallet, '#/vms');
    await connect(page);
    const card = page.locator('article.vm', { hasText: `Subscription ${stableSub}` });
    await card.waitFor();
    expect(await card.locator('.badge').textContent()).toBe('Suspended');
    expect(await card.textContent()).toMatch(
      /It will be destroyed on .* \(in 6 days 23 h\) unless renewed/,
    );
    await screenshots(page, 'vms-suspended');

    await card.getByRole('link', { name: 'Renew' }).click();
    await page.waitForSelector('.facts');
    expect(await page.textContent('.facts')).toMatch(/Held byyou/);
    await chooseToken(page, 'TUSD');
    await page.getByLabel('Days').fill('10');
    expect(await quoteShown(page)).toBe('10 days: 10 TUSD');
    await page.waitForSelector('.quote-extra[data-expiry]');
    const shownExpiry = Number(await page.getAttribute('.quote-extra', 'data-expiry'));
    await checkAxe(page, 'renew');
    await screenshots(page, 'renew');
    await page.getByRole('button', { name: 'Renew', exact: true }).click();
    await page.waitForSelector('.progress .success', { timeout: 60_000 });
    const sub = (
      await getSubscription(stack.anvil.publicClient, {
        address: stack.contracts.subscriptions,
        subscriptionId: stableSub,
      })
    )._unsafeUnwrap();
    // The expiry shown before signing is the one the chain set (to the block's few seconds).
    expect(Math.abs(sub.expiresAt - shownExpiry)).toBeLessThan(60);
    await waitFor('resume', () =>
      stack.sim.vms().some((v) => v.tags.includes(`sub-${stableSub}`) && v.status === 'running'),
    );
    expect(await sshLineOfVm(stableSub)).toBe(vmBefore); // the same VM, resumed
    await page.goto(`${url}#/vms`);
    await page.reload();
    await connect(page);
    const again = page.locator('article.vm', { hasText: `Subscription ${stableSub}` });
    await again.waitFor();
    expect(await again.locator('.badge').textContent()).toBe('Active');
    await page.close();
  }, 120_000);

  it("a gift: a second wallet pays for someone else's subscription", async () => {
    const before = (
      await getSubscription(stack.anvil.publicClient, {
        address: stack.contracts.subscriptions,
        subscriptionId: stableSub,
      })
    )._unsafeUnwrap();
    const wallet = walletFor(5);
    const page = await open(wallet, `#/renew/${stableSub}`);
    await connect(page);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.waitForSelector('.facts');
    expect(await page.textContent('.facts')).toContain('your payment is a gift');
    expect(await page.textContent('.facts')).toContain(account(4).address);
    await chooseToken(page, 'TUSD');
    await page.getByLabel('Days').fill('3');
    await quoteShown(page);
    await screenshots(page, 'renew-gift');
    await page.getByRole('button', { name: 'Renew', exact: true }).click();
    await page.waitForSelector('.progress .success', { timeout: 60_000 });
    const after = (
      await getSubscription(stack.anvil.publicClient, {
        address: stack.contracts.subscriptions,
        subscriptionId: stableSub,
      })
    )._unsafeUnwrap();
    expect(after.expiresAt).toBe(before.expiresAt + 3 * DAY);
    expect(wallet.sent.map((s) => s.to.toLowerCase())).toEqual([
      stack.stablecoin.toLowerCase(),
      stack.contracts.subscriptions.toLowerCase(),
    ]);
    await page.close();
  }, 120_000);
});

describe('errors a customer meets, each leaving the page usable', () => {
  it('a wallet on another chain: a clear prompt, then switching (adding the chain first)', async () => {
    const wallet = walletFor(6);
    wallet.chainId = 1;
    wallet.known.clear();
    wallet.known.add(1); // the wallet has never seen the host's chain
    const page = await open(wallet);
    await connect(page);
    const banner = page.locator('#network');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('Your wallet is on another network (chain 1)');
    await chooseToken(page, 'TUSD');
    await quoteShown(page); // reading works whatever the wallet's chain
    await checkAxe(page, 'wrong-chain');
    await screenshots(page, 'wrong-chain');
    await page.getByRole('button', { name: 'Buy', exact: true }).click();
    await page.waitForSelector('.error[role=alert]:not([hidden])');
    expect(await page.textContent('.error')).toContain('another network');
    expect(wallet.since(0, 'personal_sign')).toHaveLength(0); // nothing signed on the wrong chain
    await banner.getByRole('button', { name: /Switch to/ }).click();
    await banner.waitFor({ state: 'hidden' });
    const add = wallet.since(0, 'wallet_addEthereumChain')[0]?.params as [
      { chainId: string; rpcUrls: string[]; chainName: string },
    ];
    expect(add[0].chainId).toBe(`0x${stack.anvil.chainId.toString(16)}`);
    expect(add[0].rpcUrls).toEqual([stack.anvil.rpcUrl]);
    expect(wallet.chainId).toBe(stack.anvil.chainId);
    await page.close();
  }, 60_000);

  it('a declined signature and a declined transaction: nothing sent, then it works', async () => {
    const wallet = walletFor(4);
    const page = await open(wallet, '#/vms');
    await connect(page);
    const card = page.locator('article.vm', { hasText: `Subscription ${stableSub}` });
    await card.waitFor();
    wallet.rejectNext.add('personal_sign');
    await card.getByRole('button', { name: 'Show connection details' }).click();
    await card.locator('.error:not([hidden])').waitFor();
    expect(await card.locator('.error').textContent()).toContain(
      'You declined the request in your wallet. Nothing was signed.',
    );
    await screenshots(page, 'declined-signature');
    await card.getByRole('button', { name: 'Show connection details' }).click();
    expect(await card.locator('code.ssh').textContent()).toBe(await sshLineOfVm(stableSub));

    // Declining the payment in the wallet: no subscription, the form is usable again.
    await page.goto(`${url}#/buy`);
    await chooseToken(page, 'ETH (native coin)');
    await quoteShown(page);
    const before = await subscriptionCount();
    wallet.rejectNext.add('eth_sendTransaction');
    await page.getByRole('button', { name: 'Buy', exact: true }).click();
    await page.waitForSelector('.error[role=alert]:not([hidden])');
    expect(await page.textContent('.error')).toContain(
      'You declined the request in your wallet. Nothing was sent.',
    );
    expect(await page.textContent('.steps')).toMatch(/Pay — failed/);
    expect(await subscriptionCount()).toBe(before);
    expect(await page.getByRole('button', { name: 'Buy', exact: true }).isEnabled()).toBe(true);
    await page.close();
  }, 90_000);

  it('an approval lowered in the wallet (insufficient allowance): stopped before the purchase, then bought', async () => {
    const wallet = walletFor(7);
    wallet.approveCap = 1n;
    const page = await open(wallet);
    await connect(page);
    await chooseToken(page, 'TUSD');
    await page.getByLabel('Days').fill('2');
    await quoteShown(page);
    const before = await subscriptionCount();
    await page.getByRole('button', { name: 'Buy', exact: true }).click();
    await page.waitForSelector('.error[role=alert]:not([hidden])');
    expect(await page.textContent('.error')).toContain(
      'The wallet approved only 0.000001 TUSD; the price is 2 TUSD.',
    );
    expect(await subscriptionCount()).toBe(before);
    await screenshots(page, 'insufficient-allowance');
    wallet.approveCap = null;
    await page.getByRole('button', { name: 'Buy', exact: true }).click();
    expect(await sshShown(page)).toBe(await sshLineOfVm(before + 1n));
    await page.close();
  }, 120_000);

  it('an insufficient balance: refused before anything is signed', async () => {
    const wallet = walletFor(8); // holds ETH but no stablecoin
    const page = await open(wallet);
    await connect(page);
    await chooseToken(page, 'TUSD');
    await quoteShown(page);
    await page.getByRole('button', { name: 'Buy', exact: true }).click();
    await page.waitForSelector('.error[role=alert]:not([hidden])');
    expect(await page.textContent('.error')).toContain(
      'Your wallet holds 0 TUSD; this needs 30 TUSD.',
    );
    expect(
      wallet.calls.filter(
        (c) => c.method === 'personal_sign' || c.method === 'eth_sendTransaction',
      ),
    ).toEqual([]);
    await page.close();
  }, 60_000);

  it('the RPC down: a clear message and a retry that works once it is back', async () => {
    const wallet = walletFor(4);
    const page = await open(wallet);
    await connect(page);
    await chooseToken(page, 'TUSD');
    await quoteShown(page);
    const rpc = `${stack.anvil.rpcUrl.replace(/\/$/, '')}/**`;
    await page.route(rpc, (route) => route.abort('connectionrefused'));
    await page.route(stack.anvil.rpcUrl, (route) => route.abort('connectionrefused'));
    await page.getByLabel('Days').fill('12');
    await page.waitForSelector('.error[role=alert]:not([hidden])', { timeout: 30_000 });
    expect(await page.textContent('.error')).toContain(
      'The blockchain cannot be reached right now.',
    );
    await checkAxe(page, 'rpc-down');
    await screenshots(page, 'rpc-down');
    await page.unrouteAll();
    await page.getByRole('button', { name: 'Try again' }).click();
    expect(await quoteShown(page)).toBe('12 days: 12 TUSD');
    await page.close();
  }, 60_000);

  it('a revert (the plan stopped selling): decoded, nothing sent, then usable again', async () => {
    const wallet = walletFor(4);
    const page = await open(wallet);
    await connect(page);
    await chooseToken(page, 'ETH (native coin)');
    await quoteShown(page);
    const plan = {
      name: 'small',
      pricePerDayUsdCents: 100n,
      cores: 1,
      memoryMiB: 1024,
      diskGiB: 10,
    };
    const setActive = async (active: boolean) =>
      (
        await updatePlan(stack.server, {
          address: stack.contracts.subscriptions,
          planId: stack.planId,
          plan: { ...plan, active },
        })
      )._unsafeUnwrap();
    await setActive(false); // after the page loaded its plans
    try {
      const before = await subscriptionCount();
      await page.getByRole('button', { name: 'Buy', exact: true }).click();
      await page.waitForSelector('.error[role=alert]:not([hidden])');
      const text = await page.textContent('.error');
      expect(text).toContain('This plan is no longer sold. Pick another plan.');
      expect(text).toContain('would have failed (PlanInactive); nothing was sent');
      expect(wallet.sent).toEqual([]);
      expect(await subscriptionCount()).toBe(before);
      await checkAxe(page, 'revert');
      await screenshots(page, 'revert');
      // With the stablecoin the plan is checked before the approval: no stray approval either.
      await chooseToken(page, 'TUSD');
      await quoteShown(page);
      await page.getByRole('button', { name: 'Buy', exact: true }).click();
      await page.waitForFunction(() =>
        /Checked before the approval/.test(
          (globalThis as unknown as Doc).document.querySelector('.error')?.textContent ?? '',
        ),
      );
      expect(wallet.sent).toEqual([]);
    } finally {
      await setActive(true);
    }
    await page.reload();
    await connect(page);
    await chooseToken(page, 'TUSD');
    expect(await quoteShown(page)).toBe('30 days: 30 TUSD');
    await page.close();
  }, 60_000);

  it("a config.json whose server key is not the host's minter: buying refused, nothing signed", async () => {
    const wallet = walletFor(3);
    const page = await browser.context.newPage();
    await wallet.attach(page);
    const stranger = privateKeyToAccount(`0x${'42'.repeat(32)}`).publicKey;
    await page.route('**/config.json', (route) =>
      route.fulfill({ json: { ...stack.portalConfig(), serverPublicKey: stranger } }),
    );
    await page.goto(url);
    await connect(page);
    await chooseToken(page, 'TUSD');
    await quoteShown(page);
    await page.getByRole('button', { name: 'Buy', exact: true }).click();
    await page.waitForSelector('.error[role=alert]:not([hidden])');
    expect(await page.textContent('.error')).toContain("its server key is not the host's");
    expect(wallet.calls.filter((c) => c.method === 'personal_sign')).toEqual([]);
    await page.close();
  }, 30_000);

  it("a token received from someone else: its details are not this wallet's to open, and it says so", async () => {
    const seller = await stack.customer(9);
    const { subscriptionId } = await seller.buy(stack.planId, 5);
    const tokenId = await waitFor('the token', () => seller.tokenOf(subscriptionId));
    await seller.transferToken(tokenId, account(6).address);
    const page = await open(walletFor(6), '#/vms');
    await connect(page);
    const card = page.locator('article.vm', { hasText: `Subscription ${subscriptionId}` });
    await card.waitFor();
    await card.getByRole('button', { name: 'Show connection details' }).click();
    await card.locator('.error:not([hidden])').waitFor();
    expect(await card.locator('.error').textContent()).toContain(
      'they were encrypted for the wallet that bought the VM',
    );
    await page.close();
  }, 60_000);

  it('no wallet in the browser: says so', async () => {
    const page = await browser.context.newPage();
    await page.goto(url);
    await page.waitForSelector('#page-title');
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    expect(await page.textContent('#wallet-note')).toContain('No browser wallet found');
    await page.close();
  }, 30_000);
});

describe('the site as files', () => {
  it('a stale price feed does not break the page: the native coin is just not offered', async () => {
    const now = BigInt(await stack.anvil.now());
    const stale = { feed: stack.priceFeed!, answer: ETH_USD, updatedAt: now - 3n * 3600n };
    (await setTestPrice(stack.server, stale))._unsafeUnwrap();
    const page = await open(walletFor(3));
    await page.waitForSelector('select option:text-is("TUSD")', { state: 'attached' });
    expect(await page.locator('select option').allTextContents()).toEqual(['TUSD']);
    expect(await quoteShown(page)).toBe('30 days: 30 TUSD');
    (await setTestPrice(stack.server, { feed: stack.priceFeed!, answer: ETH_USD }))._unsafeUnwrap();
    await page.reload();
    await page.waitForSelector('select option:text-is("ETH (native coin)")', { state: 'attached' });
    await page.close();
  }, 30_000);

  it('several wallets in the browser: the page lists them (EIP-6963) and connects the chosen one', async () => {
    const wallet = walletFor(3);
    const page = await browser.context.newPage();
    // A second wallet announces itself too; it refuses everything (it must not be used).
    await page.addInitScript({
      content: `(() => {
        const provider = { request: async () => { throw Object.assign(new Error('no'), { code: 4001 }); } };
        const info = { uuid: 'c3d4e5f6-0000-4000-8000-000000000002', name: 'Other Wallet', icon: 'https://evil.example/icon.png', rdns: 'other.example' };
        const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }));
        window.addEventListener('eip6963:requestProvider', announce);
        announce();
      })();`,
    });
    await wallet.attach(page);
    await page.goto(url);
    await page.waitForSelector('#page-title');
    await page.getByRole('button', { name: 'Connect wallet' }).click();
    const group = page.getByRole('group', { name: 'Choose a wallet' });
    await group.waitFor();
    expect(await group.getByRole('button').allTextContents()).toEqual([
      'Other Wallet',
      'Test Wallet',
    ]);
    // An icon from another origin is never loaded (only data: images are shown).
    expect(
      await group
        .locator('img')
        .evaluateAll((imgs) => imgs.map((i) => i.getAttribute('src')?.slice(0, 5))),
    ).toEqual(['data:']);
    await group.getByRole('button', { name: 'Test Wallet' }).click();
    await page.waitForSelector('.account');
    expect(await page.textContent('.account')).toContain(account(3).address.slice(0, 6));
    await page.close();
  }, 30_000);

  it('a wallet that only sets window.ethereum (no EIP-6963) is found and connected', async () => {
    const wallet = walletFor(5);
    const page = await browser.context.newPage();
    await wallet.attach(page, { eip6963: false });
    await page.goto(url);
    await page.waitForSelector('#page-title');
    await connect(page); // one wallet: no picker
    expect(await page.textContent('.account')).toContain(account(5).address.slice(0, 6));
    await page.close();
  }, 30_000);

  it('after the grace period the VM is gone, and My VMs says so', async () => {
    // Account 3's first purchase ran 30 days; the host suspends it, and 7 days later destroys it.
    await advance(31 * DAY);
    await waitFor('suspension', () =>
      stack.sim.vms().some((v) => v.tags.includes('sub-1') && v.status === 'stopped'),
    );
    await advance(7 * DAY + 60);
    await waitFor(
      'destruction',
      () => !stack.sim.vms().some((v) => v.tags.includes('sub-1')),
      60_000,
    );
    const page = await open(walletFor(3), '#/vms');
    await connect(page);
    const card = page.locator('article.vm', { hasText: 'Subscription 1' });
    await card.waitFor();
    expect(await card.locator('.badge').textContent()).toBe('Gone');
    expect(await card.textContent()).toMatch(/the VM was destroyed on /);
    await page.close();
  }, 90_000);

  it('axe found nothing serious on any page', () => {
    expect(Object.keys(axe).sort()).toEqual(
      ['buy', 'buy-done', 'renew', 'revert', 'rpc-down', 'vms', 'wrong-chain'].sort(),
    );
  });
});
