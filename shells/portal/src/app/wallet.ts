/**
 * Browser wallets: EIP-6963 discovery (every installed wallet announces itself), with the legacy
 * `window.ethereum` as a fallback; connecting, the chain check and switching (EIP-3326 / 3085).
 */
import type { PortalConfig } from '@blockhost/core';
import { type Address, getAddress, numberToHex } from 'viem';

export interface Eip1193Provider {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
  on?(event: string, listener: (...args: unknown[]) => void): void;
  removeListener?(event: string, listener: (...args: unknown[]) => void): void;
}

export interface WalletChoice {
  /** EIP-6963 uuid, or `injected` for window.ethereum. */
  readonly id: string;
  readonly name: string;
  /** A data: URI image (anything else is dropped: the page loads nothing from elsewhere). */
  readonly icon: string | null;
  readonly rdns: string | null;
  readonly provider: Eip1193Provider;
}

function isProvider(p: unknown): p is Eip1193Provider {
  return typeof (p as Eip1193Provider | null)?.request === 'function';
}

function safeIcon(icon: unknown): string | null {
  return typeof icon === 'string' && /^data:image\/(png|svg\+xml|webp|jpeg|gif);/i.test(icon)
    ? icon
    : null;
}

/**
 * Collects wallets as they announce themselves; `onChange` gets the list each time it grows.
 * Returns a stop function. window.ethereum is listed too unless a 6963 wallet is the same object.
 */
export function discoverWallets(onChange: (wallets: WalletChoice[]) => void): () => void {
  const found = new Map<string, WalletChoice>();
  const w = window as unknown as { ethereum?: unknown };
  const publish = () => {
    const list = [...found.values()];
    const injected = w.ethereum;
    if (isProvider(injected) && !list.some((x) => x.provider === injected)) {
      list.push({
        id: 'injected',
        name: 'Browser wallet',
        icon: null,
        rdns: null,
        provider: injected,
      });
    }
    onChange(list);
  };
  const onAnnounce = (e: Event) => {
    const detail = (e as CustomEvent).detail as
      | {
          info?: { uuid?: unknown; name?: unknown; icon?: unknown; rdns?: unknown };
          provider?: unknown;
        }
      | undefined;
    const info = detail?.info;
    if (!info || typeof info.uuid !== 'string' || typeof info.name !== 'string') return;
    if (!isProvider(detail.provider)) return;
    found.set(info.uuid, {
      id: info.uuid,
      name: info.name.slice(0, 40),
      icon: safeIcon(info.icon),
      rdns: typeof info.rdns === 'string' ? info.rdns : null,
      provider: detail.provider,
    });
    publish();
  };
  window.addEventListener('eip6963:announceProvider', onAnnounce);
  window.dispatchEvent(new Event('eip6963:requestProvider'));
  publish();
  return () => window.removeEventListener('eip6963:announceProvider', onAnnounce);
}

/** The error a wallet returns, with its EIP-1193 code when it has one. */
export function walletErrorCode(e: unknown): number | undefined {
  for (let x = e, i = 0; x && i < 8; i++) {
    const code = (x as { code?: unknown }).code;
    if (typeof code === 'number') return code;
    x = (x as { cause?: unknown }).cause;
  }
  return undefined;
}

export async function requestAccounts(provider: Eip1193Provider): Promise<Address> {
  const accounts = (await provider.request({ method: 'eth_requestAccounts' })) as unknown;
  if (!Array.isArray(accounts) || typeof accounts[0] !== 'string')
    throw Object.assign(new Error('the wallet returned no account'), { code: 4100 });
  return getAddress(accounts[0]);
}

export async function walletChainId(provider: Eip1193Provider): Promise<number> {
  return Number(await provider.request({ method: 'eth_chainId' }));
}

/**
 * Asks the wallet to switch to the host's chain; a wallet that does not know it (4902) is asked
 * to add it first, with the public RPC URLs of config.json.
 */
export async function switchChain(provider: Eip1193Provider, config: PortalConfig): Promise<void> {
  const chainId = numberToHex(config.chainId);
  try {
    await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId }] });
  } catch (e) {
    const code = walletErrorCode(e);
    // 4902: unknown chain. Some wallets wrap it in -32603 with the code in `data`.
    const unknown =
      code === 4902 ||
      (code === -32603 &&
        (e as { data?: { originalError?: { code?: number } } }).data?.originalError?.code === 4902);
    if (!unknown) throw e;
    await provider.request({
      method: 'wallet_addEthereumChain',
      params: [
        {
          chainId,
          chainName: config.chainName,
          nativeCurrency: config.nativeCurrency,
          rpcUrls: config.rpcUrls.filter((u) => /^https?:/.test(u)),
          ...(config.blockExplorerUrl ? { blockExplorerUrls: [config.blockExplorerUrl] } : {}),
        },
      ],
    });
  }
}
