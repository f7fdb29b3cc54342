import { z } from 'zod';
import { isAddress } from '../types.js';
import { DEFAULTS } from './defaults.js';

const address = z
  .string()
  .refine(isAddress, { message: 'expected a 0x-prefixed 20-byte hex address' })
  .transform((s) => s as `0x${string}`);

const rpcUrl = z.url({
  protocol: /^(https?|wss?)$/,
  error: 'expected an http(s):// or ws(s):// URL',
});

/** `/etc/blockhost/web3-defaults.yaml`: which chain and contracts to follow. */
export const web3ConfigSchema = z.strictObject({
  chain_id: z.int().positive(),
  /** One URL, or several for fallback in the given order. */
  rpc_url: z.union([rpcUrl, z.array(rpcUrl).min(1)]).transform((v) => (Array.isArray(v) ? v : [v])),
  contracts: z.strictObject({
    subscriptions: address,
    nft: address,
    /** The block the contracts were deployed in; scanning starts here. */
    deploy_block: z.int().min(0).default(DEFAULTS.web3.deploy_block),
  }),
  /** Blocks to wait before an event counts; default depends on the chain. */
  confirmations: z.int().min(0).max(10_000).optional(),
  /** Follow the RPC's `finalized` tag instead of counting confirmations. */
  use_finalized: z.boolean().default(DEFAULTS.web3.use_finalized),
  /** The message customers sign to derive their credential key; default per deployment. */
  key_message: z.string().min(1).max(512).optional(),
  poll_interval_ms: z.int().min(100).max(600_000).default(DEFAULTS.web3.poll_interval_ms),
  /**
   * How far the newest confirmed block's time may be from the host clock before
   * lifecycle decisions are refused (an RPC shifting timestamps must not get a
   * paid VM suspended or destroyed). `null` turns the check off; default per
   * chain (`defaultMaxClockSkewSeconds`: off for local dev chains, whose time is
   * moved on purpose).
   */
  max_clock_skew_seconds: z
    .int()
    .min(60)
    .max(7 * 86_400)
    .nullable()
    .optional(),
  max_log_range: z.int().min(1).max(100_000).default(DEFAULTS.web3.max_log_range),
});

export type Web3Config = z.output<typeof web3ConfigSchema>;
export type Web3ConfigInput = z.input<typeof web3ConfigSchema>;
