import { createBlockhostClients } from '@blockhost/chain';
import { defaultConfirmations, defaultMaxClockSkewSeconds, maskUrl } from '@blockhost/core';
import type { HostConfig } from '../config/load.js';
import { rpcFetch } from '../wiring/rpc-fetch.js';
import type { ChainView } from './quorum.js';

/** Each configured RPC as its own client (the scanner's client falls back; these do not). */
export function chainViews(config: HostConfig): ChainView[] {
  return config.web3.rpc_url.map((url) => {
    const c = createBlockhostClients({
      chainId: config.web3.chain_id,
      rpcUrls: [url],
      fetchFn: rpcFetch,
    });
    if (c.isErr()) throw c.error;
    return { label: maskUrl(url), client: c.value.publicClient };
  });
}

/** The trust settings of a config: confirmations and the clock tolerance, defaults applied. */
export function trustSettings(config: HostConfig): {
  confirmations: number;
  maxClockSkewSeconds: number | null;
} {
  const w = config.web3;
  return {
    confirmations: w.confirmations ?? defaultConfirmations(w.chain_id),
    maxClockSkewSeconds:
      w.max_clock_skew_seconds === undefined
        ? defaultMaxClockSkewSeconds(w.chain_id)
        : w.max_clock_skew_seconds,
  };
}
