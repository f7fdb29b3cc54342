import { err, ok, type Result } from 'neverthrow';
import {
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  fallback,
  type Hex,
  http,
  type Transport,
  webSocket,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ChainInputError } from './errors.js';
import type { ReadClient, SignerClient } from './internal/clients.js';

export interface TransportOptions {
  /** Per-request timeout (default 20 s). */
  readonly timeoutMs?: number | undefined;
  /** Retries per URL for transient failures (default 2). */
  readonly retryCount?: number | undefined;
  /** The `fetch` HTTP URLs are asked with (default: the global one). */
  readonly fetchFn?: typeof fetch | undefined;
}

/** True for a `ws://` or `wss://` URL: new heads can be had by subscription. */
export function isWebSocketUrl(url: string): boolean {
  return /^wss?:\/\//i.test(url);
}

/**
 * HTTP or WebSocket transport (by the URL's scheme) over one URL, or viem `fallback` over several
 * (tried in the given order).
 */
export function blockhostTransport(
  rpcUrls: readonly string[],
  options: TransportOptions = {},
): Transport {
  const config = { timeout: options.timeoutMs ?? 20_000, retryCount: options.retryCount ?? 2 };
  const transports = rpcUrls.map((url) =>
    isWebSocketUrl(url)
      ? webSocket(url, {
          ...config,
          keepAlive: true,
          // viem gives up after 5 attempts (10 s) and then fails every request for good: a
          // node restarted after a longer outage must be found again, however long it took.
          reconnect: { attempts: Number.MAX_SAFE_INTEGER, delay: 2000 },
        })
      : http(url, options.fetchFn ? { ...config, fetchFn: options.fetchFn } : config),
  );
  return transports.length === 1
    ? transports[0]!
    : fallback(transports, { retryCount: config.retryCount });
}

interface SocketTransport {
  config?: { type?: string };
  value?: { getRpcClient?: () => Promise<{ close(): void }>; transports?: SocketTransport[] };
}

/**
 * Closes the WebSocket connections of a client over `blockhostTransport` (nothing to do for
 * HTTP): a socket left open keeps reconnecting, and keeps its process alive.
 */
export async function closeBlockhostTransport(client: { transport: unknown }): Promise<void> {
  const close = async (t: SocketTransport) => {
    if (t.config?.type === 'webSocket') {
      const rpc = await t.value?.getRpcClient?.().catch(() => null);
      rpc?.close();
    }
    for (const inner of t.value?.transports ?? []) await close(inner);
  };
  // A client's `transport` is the transport's config merged with its value.
  const t = client.transport as { type?: string } & SocketTransport['value'];
  await close({ config: { type: t.type }, value: t });
}

/** A minimal chain object for `chainId` (enough for signing and RPC). */
export function blockhostChain(chainId: number, rpcUrls: readonly string[] = []): Chain {
  return defineChain({
    id: chainId,
    name: chainId === 31337 ? 'Anvil' : `Chain ${chainId}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [...rpcUrls] } },
  });
}

export interface CreateBlockhostClientsOptions extends TransportOptions {
  readonly chainId: number;
  readonly rpcUrls: readonly string[];
  /** The server key, read from its key file (never from argv or the environment). */
  readonly privateKey?: Hex | undefined;
  /** Receipt/block polling interval (default 1 s). */
  readonly pollingIntervalMs?: number | undefined;
}

export interface BlockhostClients {
  readonly publicClient: ReadClient;
  /** Present when a private key was given. */
  readonly walletClient: SignerClient | undefined;
}

/** Public (and wallet) clients over the configured RPC URLs with fallback. */
export function createBlockhostClients(
  options: CreateBlockhostClientsOptions,
): Result<BlockhostClients, ChainInputError> {
  if (options.rpcUrls.length === 0) return err(new ChainInputError('rpcUrls', 'at least one URL'));
  const chain = blockhostChain(options.chainId, options.rpcUrls);
  const transport = blockhostTransport(options.rpcUrls, options);
  const pollingInterval = options.pollingIntervalMs ?? 1000;
  const publicClient = createPublicClient({ chain, transport, pollingInterval, cacheTime: 0 });
  if (!options.privateKey) return ok({ publicClient, walletClient: undefined });
  let account: ReturnType<typeof privateKeyToAccount>;
  try {
    account = privateKeyToAccount(options.privateKey);
  } catch {
    return err(new ChainInputError('privateKey', 'a 32-byte hex secp256k1 private key'));
  }
  const walletClient = createWalletClient({
    chain,
    transport,
    account,
    pollingInterval,
    cacheTime: 0,
  });
  return ok({ publicClient, walletClient });
}
