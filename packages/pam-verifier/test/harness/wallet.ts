/** An injected EIP-1193 wallet for Chromium pages: `personal_sign` is answered by a test key in Node. */
import type { Page } from 'playwright-core';
import { hexToString } from 'viem';
import type { PrivateKeyAccount } from 'viem/accounts';

/** Installs `window.ethereum` on every page of `page`; returns the messages it was asked to sign. */
export async function injectWallet(page: Page, account: PrivateKeyAccount): Promise<string[]> {
  const asked: string[] = [];
  await page.exposeFunction('__testSign', (hex: `0x${string}`) => {
    asked.push(hexToString(hex));
    return account.signMessage({ message: { raw: hex } });
  });
  await page.addInitScript((address: string) => {
    const w = globalThis as unknown as {
      ethereum: unknown;
      __testSign: (hex: string) => Promise<string>;
    };
    w.ethereum = {
      isTestWallet: true,
      request: async ({ method, params }: { method: string; params?: unknown[] }) => {
        if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [address];
        if (method === 'personal_sign') return w.__testSign(String(params?.[0]));
        throw Object.assign(new Error(`unsupported ${method}`), { code: 4200 });
      },
    };
  }, account.address);
  return asked;
}
