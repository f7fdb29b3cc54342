/**
 * Everything the page reads from the chain, through the public RPC URLs of config.json (never
 * through the wallet: a wallet on another chain must not change what the page shows).
 */
import {
  type ChainSubscription,
  getPaymentTokens,
  getSubscription,
  getSubscriptionController,
  getTokenCount,
  getUserEncrypted,
  hasRole,
  listPlans,
  NATIVE_TOKEN,
  ownerOf,
  quote,
  subscriptionOf,
  tokenOfSubscription,
} from '@blockhost/chain';
import type { Plan, PortalConfig } from '@blockhost/core';
import { ResultAsync } from 'neverthrow';
import {
  type Address,
  type Chain,
  createClient,
  defineChain,
  erc20Abi,
  fallback,
  http,
  type PublicClient,
  type Transport,
  webSocket,
} from 'viem';
import { publicKeyToAddress } from 'viem/accounts';
import {
  getBalance,
  getBlock,
  getChainId,
  getTransaction,
  getTransactionCount,
  readContract,
  simulateContract,
  waitForTransactionReceipt,
} from 'viem/actions';

export type Reader = PublicClient<Transport, Chain>;

export interface PaymentToken {
  /** `NATIVE_TOKEN` for the chain's coin. */
  readonly address: Address;
  readonly symbol: string;
  readonly decimals: number;
  readonly native: boolean;
}

export function chainOf(config: PortalConfig): Chain {
  return defineChain({
    id: config.chainId,
    name: config.chainName,
    nativeCurrency: config.nativeCurrency,
    rpcUrls: { default: { http: config.rpcUrls.filter((u) => /^https?:/.test(u)) } },
  });
}

export function createReader(config: PortalConfig): Reader {
  const transports = config.rpcUrls.map((u) =>
    /^wss?:/.test(u)
      ? webSocket(u, { retryCount: 1 })
      : http(u, { batch: { batchSize: 50, wait: 10 }, retryCount: 1, timeout: 10_000 }),
  );
  // Only the actions the page and @blockhost/chain call: viem's full public client drags in
  // every action (signature verification, multicall helpers…) and doubles the bundle.
  const client = createClient({
    chain: chainOf(config),
    transport: transports.length === 1 ? transports[0]! : fallback(transports),
    pollingInterval: 1_000,
  });
  // biome-ignore lint/suspicious/noExplicitAny: viem's actions are generic; the result is cast to Reader
  const bind = (f: (c: typeof client, a: any) => unknown) => (a: unknown) => f(client, a);
  return Object.assign(client, {
    readContract: bind(readContract),
    simulateContract: bind(simulateContract),
    waitForTransactionReceipt: bind(waitForTransactionReceipt),
    getTransactionCount: bind(getTransactionCount),
    getTransaction: bind(getTransaction),
    getChainId: () => getChainId(client),
    getBlock: bind(getBlock),
    getBalance: bind(getBalance),
  }) as unknown as Reader;
}

const wrap = <T>(p: Promise<T>) => ResultAsync.fromPromise(p, (e) => e as Error);

export function loadPlans(reader: Reader, config: PortalConfig) {
  return listPlans(reader, { address: config.contracts.subscriptions });
}

/** Accepted stablecoins with their symbols and decimals, and the native coin when it is priced. */
export function loadPaymentTokens(reader: Reader, config: PortalConfig, planId: bigint) {
  const address = config.contracts.subscriptions;
  return getPaymentTokens(reader, { address }).andThen((tokens) =>
    ResultAsync.combine(
      tokens.map((token) =>
        ResultAsync.combine([
          wrap(reader.readContract({ abi: erc20Abi, address: token, functionName: 'symbol' })),
          wrap(reader.readContract({ abi: erc20Abi, address: token, functionName: 'decimals' })),
        ]).map(
          ([symbol, decimals]): PaymentToken => ({
            address: token,
            symbol: String(symbol).slice(0, 11),
            decimals: Number(decimals),
            native: false,
          }),
        ),
      ),
    ).andThen((erc20) =>
      // The native coin is on offer when a quote for it works (a price feed is set).
      ResultAsync.fromSafePromise(
        quote(reader, { address, planId, days: 1, token: NATIVE_TOKEN }).match(
          () => [
            {
              address: NATIVE_TOKEN as Address,
              symbol: config.nativeCurrency.symbol,
              decimals: 18,
              native: true,
            },
            ...erc20,
          ],
          () => erc20,
        ),
      ),
    ),
  );
}

export function quoteFor(
  reader: Reader,
  config: PortalConfig,
  p: { planId: bigint; days: number; token: Address },
) {
  return quote(reader, { address: config.contracts.subscriptions, ...p });
}

/** The chain's clock: the latest block's timestamp (what the daemon lives by), in seconds. */
export function chainNow(reader: Reader) {
  return wrap(reader.getBlock({ blockTag: 'latest' })).map((b) => Number(b.timestamp));
}

export function balanceOf(reader: Reader, token: PaymentToken, owner: Address) {
  return token.native
    ? wrap(reader.getBalance({ address: owner }))
    : wrap(
        reader.readContract({
          abi: erc20Abi,
          address: token.address,
          functionName: 'balanceOf',
          args: [owner],
        }),
      );
}

export function allowanceOf(reader: Reader, config: PortalConfig, token: Address, owner: Address) {
  return wrap(
    reader.readContract({
      abi: erc20Abi,
      address: token,
      functionName: 'allowance',
      args: [owner, config.contracts.subscriptions],
    }),
  );
}

/** True when the page's server key is the host's minting key (a stale config.json is not). */
export function serverKeyIsMinter(reader: Reader, config: PortalConfig) {
  return hasRole(reader, {
    address: config.contracts.nft,
    role: 'MINTER_ROLE',
    account: publicKeyToAddress(config.serverPublicKey),
  });
}

export interface SubscriptionView {
  readonly subscription: ChainSubscription;
  readonly plan: Plan | undefined;
  readonly controller: Address;
  readonly tokenId: bigint | null;
}

export function loadSubscription(reader: Reader, config: PortalConfig, id: bigint, plans: Plan[]) {
  const { subscriptions, nft } = config.contracts;
  return ResultAsync.combine([
    getSubscription(reader, { address: subscriptions, subscriptionId: id }),
    getSubscriptionController(reader, { address: subscriptions, subscriptionId: id }),
    tokenOfSubscription(reader, { address: nft, subscriptionId: id }),
  ] as const).map(
    ([subscription, controller, tokenId]): SubscriptionView => ({
      subscription,
      plan: plans.find((p) => p.id === subscription.planId),
      controller,
      tokenId,
    }),
  );
}

export function tokenOf(reader: Reader, config: PortalConfig, subscriptionId: bigint) {
  return tokenOfSubscription(reader, { address: config.contracts.nft, subscriptionId });
}

export function encryptedDetails(reader: Reader, config: PortalConfig, tokenId: bigint) {
  return getUserEncrypted(reader, { address: config.contracts.nft, tokenId });
}

/**
 * The access NFTs `owner` holds. The NFT is not enumerable, so: its balance, then `ownerOf` from
 * the newest token down (batched JSON-RPC) until that many are found. Tokens are never burned,
 * so ids are 1..totalSupply. Requests ≈ totalSupply / 50 in the worst case.
 */
export function tokensOf(reader: Reader, config: PortalConfig, owner: Address) {
  const nft = config.contracts.nft;
  const balance = wrap(
    reader.readContract({
      abi: erc20Abi, // balanceOf(address) has the same shape in ERC-721
      address: nft,
      functionName: 'balanceOf',
      args: [owner],
    }),
  );
  return ResultAsync.combine([balance, getTokenCount(reader, { address: nft })] as const).andThen(
    ([count, total]) =>
      wrap(
        (async () => {
          const found: bigint[] = [];
          const me = owner.toLowerCase();
          for (let top = total; top >= 1n && BigInt(found.length) < count; top -= 50n) {
            const ids: bigint[] = [];
            for (let id = top; id >= 1n && id > top - 50n; id--) ids.push(id);
            const owners = await Promise.all(
              ids.map((tokenId) =>
                ownerOf(reader, { address: nft, tokenId }).match(
                  (a) => a.toLowerCase(),
                  (e) => {
                    throw e;
                  },
                ),
              ),
            );
            ids.forEach((id, i) => {
              if (owners[i] === me) found.push(id);
            });
          }
          return found;
        })(),
      ),
  );
}

export function subscriptionOfToken(reader: Reader, config: PortalConfig, tokenId: bigint) {
  return subscriptionOf(reader, { address: config.contracts.nft, tokenId });
}
