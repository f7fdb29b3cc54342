import { z } from 'zod';
import { resolveIpv4Pool } from '../alloc/ipv4-pool.js';
import { checkRoutedPrefix } from '../alloc/ipv6-prefix.js';
import { PVE_VMID_MAX, PVE_VMID_MIN } from '../alloc/vmid.js';
import { parseIpv4 } from '../net/ipv4.js';
import { isAddress } from '../types.js';
import { DEFAULTS, GRACE_DAYS_MAX, GRACE_DAYS_MIN } from './defaults.js';

const ipv4 = z.string().refine((s) => parseIpv4(s).isOk(), {
  message: 'expected an IPv4 address like 10.0.0.1',
});

const vmidRange = z
  .strictObject({
    start: z.int().min(PVE_VMID_MIN).max(PVE_VMID_MAX),
    end: z.int().min(PVE_VMID_MIN).max(PVE_VMID_MAX),
  })
  .refine((r) => r.start <= r.end, { message: 'start must not exceed end', path: ['end'] });

const ipv4Pool = z
  .strictObject({
    cidr: z.string(),
    gateway: ipv4,
    range: z.strictObject({ start: ipv4, end: ipv4 }).optional(),
    dns: z
      .array(ipv4)
      .min(1)
      .default([...DEFAULTS.db.ipv4_dns]),
    reserved: z.array(ipv4).default([]),
  })
  .superRefine((pool, ctx) => {
    const r = resolveIpv4Pool(pool);
    if (r.isErr()) {
      // The resolver names the field it rejected ("gateway", "range.start", …).
      const { what, expected, hint } = r.error;
      const path = what.split('.').map((k) => (/^[0-9]+$/.test(k) ? Number(k) : k));
      ctx.addIssue({ code: 'custom', path, message: hint ? `${expected} (${hint})` : expected });
    }
  });

const evmAddress = z
  .string()
  .refine(isAddress, { message: 'expected a 0x-prefixed 20-byte hex address' })
  .transform((s) => s as `0x${string}`);

const rpcUrl = z.url({
  protocol: /^(https?|wss?)$/,
  error: 'expected an http(s):// or ws(s):// URL',
});

/** Linux interface names: at most 15 characters, no slash or white space. */
const interfaceName = z.string().regex(/^[A-Za-z0-9_.-]{1,15}$/, {
  message: 'expected an interface name of 1–15 letters, digits, _ . -',
});

/** Where a broker-mode host gets its prefix: the broker's contracts, deadlines, the tunnel. */
const ipv6Broker = z.strictObject({
  /** The broker registry contract: holds the broker's encryption key and answering address. */
  registry: evmAddress,
  /** The broker's requests contract (`submitRequest`). */
  requests: evmAddress,
  /** The broker's chain, when it is not the chain of web3-defaults.yaml (then `rpc_url` too). */
  chain_id: z.int().positive().optional(),
  rpc_url: z
    .union([rpcUrl, z.array(rpcUrl).min(1)])
    .transform((v) => (Array.isArray(v) ? v : [v]))
    .optional(),
  /** How long one request may wait for its answer before it is sent again. */
  answer_timeout_s: z
    .int()
    .min(30)
    .max(7 * 86_400)
    .default(DEFAULTS.db.ipv6_broker.answer_timeout_s),
  /** Requests sent (the first and its repeats) before the host gives up and says so. */
  max_requests: z.int().min(1).max(100).default(DEFAULTS.db.ipv6_broker.max_requests),
  /** How long the tunnel may go without a handshake before the state says so. */
  handshake_timeout_s: z
    .int()
    .min(10)
    .max(86_400)
    .default(DEFAULTS.db.ipv6_broker.handshake_timeout_s),
  /** The WireGuard interface the host brings up. */
  interface: interfaceName.default(DEFAULTS.db.ipv6_broker.interface),
  /** Routing table for traffic from the prefix (policy route into the tunnel). */
  table: z.int().min(1).max(4_294_967_294).default(DEFAULTS.db.ipv6_broker.table),
});

const ipv6 = z
  .strictObject({
    mode: z.enum(['off', 'manual', 'broker']).default(DEFAULTS.db.ipv6_mode),
    /** Manual mode: the /120 the provider routes to this host. */
    prefix: z.string().optional(),
    broker: ipv6Broker.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'manual' && !v.prefix) {
      ctx.addIssue({ code: 'custom', path: ['prefix'], message: 'required when mode is manual' });
    }
    if (v.mode === 'broker' && !v.broker) {
      ctx.addIssue({
        code: 'custom',
        path: ['broker'],
        message: 'required when mode is broker (registry and requests contract addresses)',
      });
    }
    if (v.mode === 'broker' && v.prefix) {
      ctx.addIssue({
        code: 'custom',
        path: ['prefix'],
        message: 'the broker assigns the prefix in broker mode; remove it (or use mode: manual)',
      });
    }
    if (v.broker?.rpc_url && v.broker.chain_id === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['broker', 'chain_id'],
        message: 'required with broker.rpc_url (the chain that RPC serves)',
      });
    }
    if (v.prefix) {
      const r = checkRoutedPrefix(v.prefix);
      if (r.isErr()) {
        const { expected, hint } = r.error;
        ctx.addIssue({
          code: 'custom',
          path: ['prefix'],
          message: hint ? `${expected} (${hint})` : expected,
        });
      }
    }
  });

/** `/etc/blockhost/db.yaml`: VM pools and lifecycle policy. */
export const dbConfigSchema = z.strictObject({
  database_path: z.string().min(1).default(DEFAULTS.db.database_path),
  vmid_range: vmidRange.default({ ...DEFAULTS.db.vmid_range }),
  ipv4_pool: ipv4Pool,
  ipv6: ipv6.default({ mode: DEFAULTS.db.ipv6_mode }),
  grace_days: z.int().min(GRACE_DAYS_MIN).max(GRACE_DAYS_MAX).default(DEFAULTS.db.grace_days),
  suspend_mode: z.enum(['shutdown', 'hibernate']).default(DEFAULTS.db.suspend_mode),
  reprovision_after_destroy: z.boolean().default(DEFAULTS.db.reprovision_after_destroy),
});

export type DbConfig = z.output<typeof dbConfigSchema>;
export type DbConfigInput = z.input<typeof dbConfigSchema>;
