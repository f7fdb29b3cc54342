/**
 * New heads by subscription (`eth_subscribe newHeads`) where the RPC offers it: a WebSocket URL.
 * Each head wakes the scanner at once instead of waiting for its next poll; polling stays as the
 * fallback (an HTTP RPC, a dropped subscription) and as the only source of truth — a head only
 * says "look now".
 */
import { isWebSocketUrl } from '../client.js';
import type { ReadClient } from '../internal/clients.js';

export interface WatchNewHeadsOptions {
  readonly client: ReadClient;
  /** The RPC URLs the client was built from; only the first (the one in use) is looked at. */
  readonly rpcUrls: readonly string[];
  readonly onHead: (blockNumber: bigint) => void;
  readonly onError?: ((error: Error) => void) | undefined;
}

/** Subscribes when the first RPC URL is `ws(s)://`; returns the unsubscribe function (a no-op otherwise). */
export function watchNewHeads(o: WatchNewHeadsOptions): { subscribed: boolean; stop: () => void } {
  const url = o.rpcUrls[0] ?? '';
  if (!isWebSocketUrl(url)) return { subscribed: false, stop: () => {} };
  // viem subscribes (eth_subscribe newHeads) on a WebSocket transport instead of polling.
  const stop = o.client.watchBlockNumber({
    emitOnBegin: false,
    onBlockNumber: (n) => o.onHead(n),
    onError: (e) => o.onError?.(e),
  });
  return { subscribed: true, stop };
}
