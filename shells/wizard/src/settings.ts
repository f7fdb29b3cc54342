/**
 * The settings the operator confirmed, as the web process hands them to the
 * finalize (`settings.json`). The finalize parses them again with this schema
 * and renders the config files through `@blockhost/core`'s schemas: it trusts
 * nothing the web process wrote.
 */
import { z } from 'zod';

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const digits = z.string().regex(/^[0-9]+$/);

export const settingsSchema = z.strictObject({
  network: z.strictObject({
    bridge: z.string().min(1),
    cidr: z.string(),
    gateway: z.string(),
    rangeStart: z.string(),
    rangeEnd: z.string(),
    dns: z.array(z.string()).min(1),
    reserved: z.array(z.string()),
  }),
  storage: z.strictObject({
    vmStorage: z.string().min(1),
    snippetsStorage: z.string().min(1),
    snippetsDir: z.string().regex(/^\//),
    importStorage: z.string().min(1),
  }),
  chain: z.strictObject({
    chainId: z.number().int().positive(),
    rpcUrls: z.array(z.string()).min(1),
    mode: z.enum(['new', 'existing']),
    subscriptions: address.optional(),
    nft: address.optional(),
    deployer: address,
    admin: address,
    serverFundingWei: digits,
    paymentTokens: z.array(address),
    plan: z.strictObject({
      name: z.string().min(1).max(64),
      priceCents: digits,
      cores: z.number().int().min(1).max(512),
      memoryMiB: z.number().int().min(64).max(4_194_304),
      diskGiB: z.number().int().min(1).max(65_536),
    }),
    graceDays: z.number().int(),
  }),
  proxmox: z.strictObject({
    apiUrl: z.string(),
    fingerprint: z.string().optional(),
    nodes: z.array(z.string()).min(1),
    localNode: z.string(),
    userid: z.string(),
    tokenName: z.string(),
    roleId: z.string(),
    pool: z.string(),
    template: z.discriminatedUnion('mode', [
      z.strictObject({
        mode: z.literal('build'),
        vmid: z.number().int(),
        name: z.string(),
        imageUrl: z.string(),
        checksum: z.string().optional(),
      }),
      z.strictObject({ mode: z.literal('existing'), vmid: z.number().int() }),
    ]),
  }),
  ipv6: z.strictObject({
    mode: z.enum(['off', 'manual', 'broker']),
    prefix: z.string().optional(),
    // The broker's contracts on the host's chain; the broker assigns the prefix.
    broker: z.strictObject({ registry: z.string(), requests: z.string() }).optional(),
  }),
});

export type Settings = z.output<typeof settingsSchema>;
