/**
 * A customer's side of BlockHost, for the demo and the end-to-end tests: sign
 * the key message, buy/extend/cancel, read back and decrypt the NFT's
 * connection details. Uses only @blockhost/chain, like the signup page would.
 */
import {
  accessCredentialNftAbi,
  type BlockhostContracts,
  buildKeyMessage,
  buySubscription,
  type ConnectionDetails,
  cancelSubscription,
  decryptConnectionDetails,
  encryptUserSignature,
  ensureAllowance,
  extendSubscription,
  getUserEncrypted,
  tokenOfSubscription,
  type WriteClients,
} from '@blockhost/chain';
import { mintTestStablecoin } from '@blockhost/chain/testkit';
import type { Hex } from 'viem';
import type { PrivateKeyAccount } from 'viem/accounts';

export interface CustomerOptions {
  clients: WriteClients;
  account: PrivateKeyAccount;
  chainId: number;
  contracts: BlockhostContracts;
  stablecoin: `0x${string}`;
  serverPublicKey: Hex;
}

function unwrap<T>(
  r: { isErr(): boolean; value?: T; error?: { message: string } },
  what: string,
): T {
  if (r.isErr()) throw new Error(`${what}: ${(r as { error: { message: string } }).error.message}`);
  return (r as { value: T }).value;
}

export class Customer {
  constructor(readonly o: CustomerOptions) {}

  get address(): `0x${string}` {
    return this.o.account.address;
  }

  /** The personal_sign signature of the deployment's key message (the secret behind the NFT details). */
  async keySignature(): Promise<Hex> {
    const msg = unwrap(
      buildKeyMessage({ chainId: this.o.chainId, subscriptions: this.o.contracts.subscriptions }),
      'key message',
    );
    return this.o.account.signMessage({ message: msg });
  }

  /** `userEncrypted` for a purchase: the key-message signature, ECIES-encrypted to the host. */
  async encryptedKey(): Promise<Hex> {
    return unwrap(
      encryptUserSignature({
        serverPublicKey: this.o.serverPublicKey,
        signature: await this.keySignature(),
      }),
      'encrypting',
    );
  }

  /** Lets the subscriptions contract spend `amount` of the customer's stablecoin. */
  async approve(amount: bigint): Promise<void> {
    unwrap(
      await ensureAllowance(this.o.clients, {
        token: this.o.stablecoin,
        spender: this.o.contracts.subscriptions,
        amount,
      }),
      'approving',
    );
  }

  async fund(amount: bigint, minter: WriteClients): Promise<void> {
    unwrap(
      await mintTestStablecoin(minter, { token: this.o.stablecoin, to: this.address, amount }),
      'funding',
    );
  }

  /** Buys `days` of `planId`; `userEncrypted` defaults to the proper encrypted signature. */
  async buy(
    planId: bigint,
    days: number,
    userEncrypted?: Hex,
  ): Promise<{ subscriptionId: bigint; expiresAt: number; blockNumber: bigint }> {
    const payload = userEncrypted ?? (await this.encryptedKey());
    const r = unwrap(
      await buySubscription(this.o.clients, {
        address: this.o.contracts.subscriptions,
        planId,
        days,
        token: this.o.stablecoin,
        userEncrypted: payload,
      }),
      'buying',
    );
    return { subscriptionId: r.subscriptionId, expiresAt: r.expiresAt, blockNumber: r.blockNumber };
  }

  /** Buys `days` of `planId`, paying with `token` (`NATIVE_TOKEN` for the chain's coin). */
  async buyWith(
    planId: bigint,
    days: number,
    token: `0x${string}`,
  ): Promise<{ subscriptionId: bigint; expiresAt: number }> {
    const r = unwrap(
      await buySubscription(this.o.clients, {
        address: this.o.contracts.subscriptions,
        planId,
        days,
        token,
        userEncrypted: await this.encryptedKey(),
      }),
      'buying',
    );
    return { subscriptionId: r.subscriptionId, expiresAt: r.expiresAt };
  }

  async extend(subscriptionId: bigint, days: number): Promise<number> {
    const r = unwrap(
      await extendSubscription(this.o.clients, {
        address: this.o.contracts.subscriptions,
        subscriptionId,
        days,
        token: this.o.stablecoin,
      }),
      'extending',
    );
    return r.newExpiresAt;
  }

  async cancel(subscriptionId: bigint): Promise<void> {
    unwrap(
      await cancelSubscription(this.o.clients, {
        address: this.o.contracts.subscriptions,
        subscriptionId,
      }),
      'cancelling',
    );
  }

  /** Gives (or sells) the access NFT to `to`: the new holder controls the subscription. */
  async transferToken(tokenId: bigint, to: `0x${string}`): Promise<void> {
    const { publicClient, walletClient } = this.o.clients;
    const hash = await walletClient.writeContract({
      abi: accessCredentialNftAbi,
      address: this.o.contracts.nft,
      functionName: 'transferFrom',
      args: [this.address, to, tokenId],
      account: walletClient.account,
      chain: walletClient.chain,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error(`transferring NFT ${tokenId}: reverted`);
  }

  async tokenOf(subscriptionId: bigint): Promise<bigint | null> {
    return unwrap(
      await tokenOfSubscription(this.o.clients.publicClient, {
        address: this.o.contracts.nft,
        subscriptionId,
      }),
      'token lookup',
    );
  }

  /** Reads the NFT's encrypted details and decrypts them with a fresh signature, as the customer page does. */
  async connectionDetails(tokenId: bigint): Promise<ConnectionDetails> {
    const enc = unwrap(
      await getUserEncrypted(this.o.clients.publicClient, {
        address: this.o.contracts.nft,
        tokenId,
      }),
      'reading the NFT',
    );
    const sig = await this.keySignature();
    return unwrap(decryptConnectionDetails({ signature: sig }, enc), 'decrypting');
  }
}
