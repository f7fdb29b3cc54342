import { z } from 'zod';
import { PVE_VMID_MAX, PVE_VMID_MIN } from '../alloc/vmid.js';
import { DEFAULTS } from './defaults.js';

const D = DEFAULTS.blockhost;

const absolutePath = z.string().regex(/^\//, { message: 'expected an absolute path' });

/** `user@realm!tokenname`, as Proxmox prints it. */
const tokenId = z.string().regex(/^[^\s@!]+@[A-Za-z][A-Za-z0-9.\-_]*![A-Za-z][A-Za-z0-9.\-_]*$/, {
  message: 'expected a Proxmox token id like blockhost@pve!blockhost',
});

/** SHA-256 fingerprint as 32 colon-separated hex pairs, as `pvenode cert info` prints it. */
const fingerprint = z.string().regex(/^([0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2}$/, {
  message: 'expected a SHA-256 fingerprint like AB:CD:… (32 hex pairs)',
});

const nodeName = z.string().regex(/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/, {
  message: 'expected a Proxmox node name',
});

const listen = z.string().regex(/^(\[[0-9a-fA-F:]+\]|[0-9.]+|localhost):[0-9]{1,5}$/, {
  message: 'expected host:port, e.g. 127.0.0.1:9107',
});

/** 127.0.0.0/8, ::1 or localhost: traffic that never leaves this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const m = /^127\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$/.exec(h);
  return m?.slice(1).every((x) => Number(x) <= 255) ?? false;
}

const CLEAR_TEXT = 'http:// sends the API token in clear text';

/** `/etc/blockhost/blockhost.yaml`: server key, Proxmox access, daemon behaviour. */
export const blockhostConfigSchema = z.strictObject({
  server_key_file: absolutePath.default(DEFAULTS.blockhost.server_key_file),
  proxmox: z
    .strictObject({
      api_url: z.url({
        protocol: /^https?$/,
        error: 'expected an https:// URL like https://pve:8006',
      }),
      /** Pin the host's certificate instead of trusting a CA (self-signed PVE hosts). */
      tls_fingerprint: fingerprint.optional(),
      token_id: tokenId,
      token_file: absolutePath.default(DEFAULTS.blockhost.token_file),
      nodes: z.array(nodeName).min(1),
      /** The node blockhostd runs on (snippets are written locally there); default the only node. */
      local_node: nodeName.optional(),
      template_vmid: z.int().min(PVE_VMID_MIN).max(PVE_VMID_MAX),
      /**
       * Resource pool of BlockHost's VMs, template and storages: the API
       * token's VM privileges hold there only (`blockhost pve setup-token`).
       */
      pool: z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9\-_]{0,63}$/, {
          message: 'expected a pool name: a letter, then letters, digits, - or _',
        })
        .default(DEFAULTS.blockhost.pool),
      storage: z.string().min(1),
      snippets_storage: z.string().min(1).default(DEFAULTS.blockhost.snippets_storage),
      snippets_dir: absolutePath.default(DEFAULTS.blockhost.snippets_dir),
      bridge: z.string().min(1).default(DEFAULTS.blockhost.bridge),
      /** How to reach other nodes for snippet delivery (SFTP); unused on one node. */
      ssh: z
        .strictObject({
          user: z.string().min(1).default('root'),
          port: z.int().min(1).max(65535).default(22),
          key_file: absolutePath,
        })
        .optional(),
    })
    .superRefine((px, ctx) => {
      // The token goes in every request's header: plain HTTP only where nobody can listen.
      const url = new URL(px.api_url);
      if (url.protocol !== 'http:') return;
      if (px.tls_fingerprint !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['api_url'],
          message: `${CLEAR_TEXT}; tls_fingerprint pins a TLS certificate and has no effect on http://`,
        });
      } else if (!isLoopbackHost(url.hostname)) {
        ctx.addIssue({
          code: 'custom',
          path: ['api_url'],
          message: `${CLEAR_TEXT}; expected https:// (with tls_fingerprint for a self-signed host), or http:// only to this machine (127.0.0.1, ::1, localhost)`,
        });
      }
    }),
  placement: z
    .enum(['most-free-memory', 'round-robin', 'first'])
    .default(DEFAULTS.blockhost.placement),
  concurrency: z
    .strictObject({
      max_parallel_provisions: z
        .int()
        .min(1)
        .max(64)
        .default(DEFAULTS.blockhost.max_parallel_provisions),
      clones_per_storage: z.int().min(1).max(64).default(DEFAULTS.blockhost.clones_per_storage),
    })
    .default({
      max_parallel_provisions: DEFAULTS.blockhost.max_parallel_provisions,
      clones_per_storage: DEFAULTS.blockhost.clones_per_storage,
    }),
  http: z
    .strictObject({
      listen: listen.default(DEFAULTS.blockhost.http_listen),
      /**
       * Serve the customer site's built files (with its config.json) from this directory on the
       * same listener. Off by default: a separate web server is the recommended exposure.
       */
      portal_dir: absolutePath.optional(),
    })
    .default({ listen: DEFAULTS.blockhost.http_listen }),
  /** How the daemon paces itself: reconcile timer, job concurrency and retries. */
  daemon: z
    .strictObject({
      reconcile_interval_ms: z.int().min(100).max(3_600_000).default(D.reconcile_interval_ms),
      max_concurrent_jobs: z.int().min(1).max(256).default(D.max_concurrent_jobs),
      max_attempts: z.int().min(1).max(100).default(D.max_attempts),
      retry_base_ms: z.int().min(10).max(600_000).default(D.retry_base_ms),
      retry_max_ms: z.int().min(10).max(86_400_000).default(D.retry_max_ms),
      /** /readyz fails when the chain cursor trails the confirmed head by more. */
      max_cursor_lag_blocks: z.int().min(1).max(1_000_000).default(D.max_cursor_lag_blocks),
      /** How often chain state is compared with the journal to repair anything missed. */
      sweep_interval_ms: z.int().min(1000).max(86_400_000).default(D.sweep_interval_ms),
    })
    .default({
      reconcile_interval_ms: D.reconcile_interval_ms,
      max_concurrent_jobs: D.max_concurrent_jobs,
      max_attempts: D.max_attempts,
      retry_base_ms: D.retry_base_ms,
      retry_max_ms: D.retry_max_ms,
      max_cursor_lag_blocks: D.max_cursor_lag_blocks,
      sweep_interval_ms: D.sweep_interval_ms,
    }),
  vm: z
    .strictObject({
      user: z
        .string()
        .regex(/^[a-z_][a-z0-9_-]{0,31}$/, { message: 'expected a Linux user name' })
        .default(DEFAULTS.blockhost.vm_user),
      ssh_port: z.int().min(1).max(65535).default(DEFAULTS.blockhost.vm_ssh_port),
      signing_port: z.int().min(1).max(65535).default(DEFAULTS.blockhost.vm_signing_port),
      agent_timeout_s: z.int().min(10).max(3600).default(DEFAULTS.blockhost.agent_timeout_s),
      /** The wallet-login programs (@blockhost/pam-verifier's bundles) delivered to every VM. */
      login_bundle_dir: absolutePath.default(DEFAULTS.blockhost.vm_login_bundle_dir),
      /**
       * RPC URLs the VMs use to check NFT ownership at login (default: none, GECOS only). From a
       * VM, https only: a plain-http RPC could answer anything to anyone on the path (the VM's
       * login also refuses it, except on its own loopback).
       */
      rpc_urls: z
        .array(
          z.url({
            protocol: /^https$/,
            message: 'expected an https URL (the VMs refuse plain http)',
          }),
        )
        .default([]),
    })
    .default({
      user: DEFAULTS.blockhost.vm_user,
      ssh_port: DEFAULTS.blockhost.vm_ssh_port,
      signing_port: DEFAULTS.blockhost.vm_signing_port,
      agent_timeout_s: DEFAULTS.blockhost.agent_timeout_s,
      rpc_urls: [],
      login_bundle_dir: DEFAULTS.blockhost.vm_login_bundle_dir,
    }),
});

export type BlockhostConfig = z.output<typeof blockhostConfigSchema>;
export type BlockhostConfigInput = z.input<typeof blockhostConfigSchema>;
