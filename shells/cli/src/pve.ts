/** The CLI's own Proxmox API connections: short retries (a person is waiting), pinned TLS. */
import type { BlockhostConfig } from '@blockhost/core';
import { createPveClient, type PveClient, type RequestEvent } from '@blockhost/proxmox';
import { CliError, EXIT } from './framework/errors.js';

export interface PveConnection {
  tokenId: string;
  tokenSecret: string;
  onRequest?: (e: RequestEvent) => void;
  /** Per-request timeout (default 15 s). */
  timeoutMs?: number;
}

/** A client for blockhost.yaml's Proxmox API with the given token. */
export function pveClient(px: BlockhostConfig['proxmox'], c: PveConnection): PveClient {
  const r = createPveClient({
    url: px.api_url,
    tokenId: c.tokenId,
    tokenSecret: c.tokenSecret,
    fingerprint: px.tls_fingerprint,
    timeoutMs: c.timeoutMs ?? 15_000,
    // The daemon retries for minutes; an operator at a terminal wants the answer now.
    retry: { attempts: 2, baseDelayMs: 200, maxDelayMs: 1_000 },
    onRequest: c.onRequest,
  });
  if (r.isErr()) throw new CliError(r.error.shortMessage, EXIT.usage, r.error.hint);
  return r.value;
}

/** `VM.Clone on /vms, /nodes/pve1; Sys.Audit on /nodes/pve1`: paths grouped by what they lack. */
export function describePrivileges(
  list: readonly { path: string; privileges: string[] }[],
): string {
  const byPrivs = new Map<string, string[]>();
  for (const x of list) {
    const key = x.privileges.join(', ');
    byPrivs.set(key, [...(byPrivs.get(key) ?? []), x.path]);
  }
  return [...byPrivs].map(([privs, paths]) => `${privs} on ${paths.join(', ')}`).join('; ');
}
