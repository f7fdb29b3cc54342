import type { Account, Chain, PublicClient, Transport, WalletClient } from 'viem';

/** Any viem public client (reads, logs, receipts). */
export type ReadClient = PublicClient<Transport, Chain | undefined>;

/** A viem wallet client with an account attached (the signer of writes). */
export type SignerClient = WalletClient<Transport, Chain | undefined, Account>;

/** What a write needs: a public client to simulate and wait, a wallet client to sign. */
export interface WriteClients {
  readonly publicClient: ReadClient;
  readonly walletClient: SignerClient;
}
