import { z } from 'zod';
import { resolveIpv4Pool } from '../alloc/ipv4-pool.js';
import { resolveIpv6Prefix } from '../alloc/ipv6-prefix.js';
import { PVE_VMID_MAX, PVE_VMID_MIN } from '../alloc/vmid.js';
import { parseIpv4 } from '../net/ipv4.js';
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

const ipv6 = z
  .strictObject({
    mode: z.enum(['off', 'manual', 'broker']).default(DEFAULTS.db.ipv6_mode),
    prefix: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'manual' && !v.prefix) {
      ctx.addIssue({ code: 'custom', path: ['prefix'], message: 'required when mode is manual' });
    }
    if (v.prefix) {
      const r = resolveIpv6Prefix(v.prefix);
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
