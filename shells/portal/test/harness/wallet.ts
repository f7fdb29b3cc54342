/**
 * A browser wallet for tests: an EIP-1193 provider injected into the page (window.ethereum and
 * an EIP-6963 announcement) whose requests are answered in the test process, where a viem local
 * account signs and sends to anvil. It can decline (4001), sit on another chain, not know the
 * host's chain (4902), and lower an approval's amount (a user editing the spending cap).
 */
import type { Page } from 'playwright-core';
import {
  type Address,
  createWalletClient,
  encodeFunctionData,
  erc20Abi,
  type Hex,
  http,
  numberToHex,
} from 'viem';
import type { PrivateKeyAccount } from 'viem/accounts';

type Method =
  | 'eth_requestAccounts'
  | 'personal_sign'
  | 'eth_sendTransaction'
  | 'wallet_switchEthereumChain'
  | 'wallet_addEthereumChain';

export interface WalletCall {
  readonly method: string;
  readonly params: unknown;
}

const APPROVE = '0x095ea7b3';

export class TestWallet {
  /** The chain the wallet says it is on (may differ from anvil's, to test the prompt). */
  chainId: number;
  /** Chains the wallet knows; switching to another one answers 4902. */
  readonly known: Set<number>;
  readonly calls: WalletCall[] = [];
  /** Transactions it sent: their hashes and what they carried. */
  readonly sent: { hash: Hex; to: Address; data: Hex; value: bigint }[] = [];
  /** Decline the next request of these methods (4001, as when the user clicks Reject). */
  readonly rejectNext = new Set<Method>();
  /** Approve at most this much, whatever the page asked (the user lowered the spending cap). */
  approveCap: bigint | null = null;
  private pages: Page[] = [];

  constructor(
    public account: PrivateKeyAccount,
    private readonly rpcUrl: string,
    private readonly realChainId: number,
  ) {
    this.chainId = realChainId;
    this.known = new Set([realChainId]);
  }

  private async handle(method: string, params: unknown): Promise<unknown> {
    this.calls.push({ method, params });
    const p = (params ?? []) as unknown[];
    if (this.rejectNext.delete(method as Method))
      throw { code: 4001, message: 'User rejected the request.' };
    switch (method) {
      case 'eth_requestAccounts':
      case 'eth_accounts':
        return [this.account.address];
      case 'eth_chainId':
        return numberToHex(this.chainId);
      case 'personal_sign':
        return this.account.signMessage({ message: { raw: p[0] as Hex } });
      case 'wallet_switchEthereumChain': {
        const id = Number((p[0] as { chainId: string }).chainId);
        if (!this.known.has(id))
          throw { code: 4902, message: `Unrecognized chain ID ${numberToHex(id)}.` };
        await this.switchTo(id);
        return null;
      }
      case 'wallet_addEthereumChain': {
        const id = Number((p[0] as { chainId: string }).chainId);
        this.known.add(id);
        await this.switchTo(id); // wallets switch to a chain they just added
        return null;
      }
      case 'eth_sendTransaction': {
        if (this.chainId !== this.realChainId)
          throw { code: -32603, message: `the wallet is on chain ${this.chainId}` };
        const tx = p[0] as { from: Address; to: Address; data?: Hex; value?: Hex };
        if (tx.from.toLowerCase() !== this.account.address.toLowerCase())
          throw { code: 4100, message: 'not this account' };
        let data = tx.data ?? '0x';
        if (this.approveCap !== null && data.startsWith(APPROVE)) {
          const spender = `0x${data.slice(34, 74)}` as Address;
          data = encodeFunctionData({
            abi: erc20Abi,
            functionName: 'approve',
            args: [spender, this.approveCap],
          });
        }
        const client = createWalletClient({ account: this.account, transport: http(this.rpcUrl) });
        const value = tx.value ? BigInt(tx.value) : 0n;
        const hash = await client.sendTransaction({
          to: tx.to,
          data,
          value,
          chain: null,
        });
        this.sent.push({ hash, to: tx.to, data, value });
        return hash;
      }
      default:
        // The page must read through its own RPC, never through the wallet.
        throw { code: 4200, message: `test wallet: ${method} is not supported` };
    }
  }

  private async emit(event: string, value: unknown): Promise<void> {
    for (const page of this.pages)
      await page
        .evaluate(
          ([e, v]) =>
            (globalThis as unknown as { __bhEmit(e: string, v: unknown): void }).__bhEmit(
              e as string,
              v,
            ),
          [event, value] as const,
        )
        .catch(() => {});
  }

  async switchTo(id: number): Promise<void> {
    this.chainId = id;
    await this.emit('chainChanged', numberToHex(id));
  }

  async useAccount(account: PrivateKeyAccount): Promise<void> {
    this.account = account;
    await this.emit('accountsChanged', [account.address]);
  }

  /** Calls made since `mark` (an index into `calls`). */
  since(mark: number, method?: string): WalletCall[] {
    return this.calls.slice(mark).filter((c) => !method || c.method === method);
  }

  /**
   * Injects the provider into every document `page` loads from now on: as window.ethereum and,
   * unless `eip6963: false` (an older wallet), announced through EIP-6963.
   */
  async attach(page: Page, o: { eip6963?: boolean } = {}): Promise<void> {
    if (o.eip6963 === false) await page.addInitScript({ content: 'window.__bhNo6963 = true;' });
    this.pages.push(page);
    await page.exposeFunction('__bhWallet', async (json: string) => {
      const { method, params } = JSON.parse(json) as { method: string; params: unknown };
      try {
        return JSON.stringify({ result: await this.handle(method, params) });
      } catch (e) {
        const err = e as { code?: number; message?: string };
        return JSON.stringify({
          error: { code: err.code ?? -32603, message: err.message ?? String(e) },
        });
      }
    });
    await page.addInitScript({ content: PROVIDER_SCRIPT });
  }
}

/** The page side (plain JS, runs before the site's own scripts): provider, events, EIP-6963. */
const PROVIDER_SCRIPT = `(() => {
  const listeners = new Map();
  const provider = {
    isTestWallet: true,
    async request({ method, params }) {
      const answer = JSON.parse(await window.__bhWallet(JSON.stringify({ method, params })));
      if (answer.error) {
        const e = new Error(answer.error.message);
        e.code = answer.error.code;
        throw e;
      }
      return answer.result;
    },
    on(event, f) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event).add(f);
    },
    removeListener(event, f) {
      listeners.get(event)?.delete(f);
    },
  };
  window.__bhEmit = (event, value) => {
    for (const f of listeners.get(event) ?? []) f(value);
  };
  window.ethereum = provider;
  const icon = 'data:image/svg+xml;base64,' + btoa(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f4fd1"/><path d="M8 12h16v10H8z" fill="#fff"/></svg>');
  const info = { uuid: '0b6f1a7e-5d3c-4c1e-9f7a-3a1e2b4c5d6e', name: 'Test Wallet', icon, rdns: 'test.blockhost' };
  const announce = () => window.dispatchEvent(
    new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }));
  if (window.__bhNo6963) return;
  window.addEventListener('eip6963:requestProvider', announce);
  announce();
})();`;
