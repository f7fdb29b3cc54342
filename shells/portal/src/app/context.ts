/**
 * The page's state: config, the chain reader, the connected wallet, and the key-message
 * signature (in memory only: it is the secret behind the connection details, so it is never
 * stored, and forgotten when the account changes).
 */
import { buildKeyMessage, type WriteClients } from '@blockhost/chain';
import type { Plan, PortalConfig } from '@blockhost/core';
import { type Address, type Hex, numberToHex, stringToHex } from 'viem';
import { chainOf, type Reader } from './chain.js';
import type { WalletChoice } from './wallet.js';

export interface Connected {
  readonly choice: WalletChoice;
  readonly address: Address;
  readonly chainId: number;
}

export class App {
  wallets: WalletChoice[] = [];
  wallet: Connected | null = null;
  plans: Plan[] | null = null;
  /** False when config.json's server key is not the host's minter: buying is refused. */
  serverKeyOk: boolean | null = null;
  private signature: { address: Address; value: Hex } | null = null;
  private listeners = new Set<() => void>();

  constructor(
    readonly config: PortalConfig,
    readonly reader: Reader,
  ) {}

  /** Subscribe to wallet changes (connect, account, chain); returns the unsubscribe. */
  onChange(f: () => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  setWallet(w: Connected | null): void {
    if (w?.address !== this.wallet?.address) this.signature = null;
    this.wallet = w;
    for (const f of [...this.listeners]) f();
  }

  get onRightChain(): boolean {
    return this.wallet?.chainId === this.config.chainId;
  }

  /** The connected wallet on the right chain, or an error the page shows as it is. */
  requireWallet(): Connected {
    if (!this.wallet)
      throw Object.assign(new Error('Connect your wallet first (the button at the top).'), {
        code: 'NO_WALLET',
        shortMessage: 'Connect your wallet first (the button at the top).',
      });
    if (!this.onRightChain)
      throw Object.assign(new Error('wrong network'), {
        code: 'WRONG_CHAIN',
        shortMessage: 'wrong network',
      });
    return this.wallet;
  }

  writeClients(): WriteClients {
    const w = this.requireWallet();
    // The wallet signs, fills in gas and sends: the page hands it the call as EIP-1193 asks,
    // no more (viem's wallet actions would add their local-signing machinery to the bundle).
    const provider = w.choice.provider;
    const chainId = this.config.chainId;
    const walletClient = {
      account: { address: w.address, type: 'json-rpc' },
      chain: chainOf(this.config),
      async sendTransaction(tx: { to?: Address; data?: Hex; value?: bigint; nonce?: number }) {
        // The wallet may have been switched since the page checked: never send on another chain.
        const current = Number(await provider.request({ method: 'eth_chainId' }));
        if (current !== chainId)
          throw Object.assign(new Error(`the wallet is on chain ${current}, not ${chainId}`), {
            code: 'WRONG_CHAIN',
          });
        return (await provider.request({
          method: 'eth_sendTransaction',
          params: [
            {
              from: w.address,
              ...(tx.to ? { to: tx.to } : {}),
              ...(tx.data ? { data: tx.data } : {}),
              ...(tx.value ? { value: numberToHex(tx.value) } : {}),
              ...(tx.nonce !== undefined ? { nonce: numberToHex(tx.nonce) } : {}),
              chainId: numberToHex(chainId),
            },
          ],
        })) as Hex;
      },
      async signMessage(p: { message: string }) {
        return (await provider.request({
          method: 'personal_sign',
          params: [stringToHex(p.message), w.address],
        })) as Hex;
      },
    };
    return { publicClient: this.reader, walletClient } as unknown as WriteClients;
  }

  keyMessage(): string {
    return buildKeyMessage({
      chainId: this.config.chainId,
      subscriptions: this.config.contracts.subscriptions,
    })._unsafeUnwrap(); // config.json is validated: chain id and address are well-formed
  }

  /** The wallet's signature of the key message; asks the wallet once per account and page load. */
  async keySignature(): Promise<Hex> {
    const w = this.requireWallet();
    if (this.signature?.address === w.address) return this.signature.value;
    const { walletClient } = this.writeClients() as unknown as {
      walletClient: { signMessage(p: { message: string }): Promise<Hex> };
    };
    const value = await walletClient.signMessage({ message: this.keyMessage() });
    this.signature = { address: w.address, value };
    return value;
  }
}
