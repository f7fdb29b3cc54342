import type { ResultAsync } from 'neverthrow';
import { pveCall } from '../client/call.js';
import type { PveClient } from '../client/create-client.js';
import type { PveError } from '../errors.js';
import { blockhostPrivileges } from './role.js';
import { type AccessScope, AUDIT_PRIVILEGES, checkPaths } from './setup.js';

export interface TokenCheck {
  /** Privileges the token lacks, per path where BlockHost needs them. */
  missing: Array<{ path: string; privileges: string[] }>;
  /**
   * Privileges it holds beyond the role or beyond BlockHost's scope (least
   * privilege is not kept): e.g. anything on `/vms`, which reaches every VM.
   */
  extra: Array<{ path: string; privileges: string[] }>;
  /**
   * VMs the token holds privileges on one by one (`/vms/<vmid>`): its pool's
   * members (and any VM granted directly). A VM of BlockHost's missing here is
   * outside the pool.
   */
  vms: number[];
}

/** A single VM: what a pool member holds (or a direct grant on one VM). */
const ONE_VM = /^\/vms\/[0-9]+$/;

/**
 * Compares what the client's own token may do (`/access/permissions`) with
 * what BlockHost needs where: for `blockhost doctor` and `pve setup-token`.
 */
export function checkTokenPrivileges(
  client: PveClient,
  p: AccessScope,
): ResultAsync<TokenCheck, PveError> {
  const need = blockhostPrivileges().privileges;
  const paths = checkPaths(p);
  return pveCall(client, (api) => api.access.permissions.$get({})).map((raw) => {
    const perms = raw as unknown as Record<string, Record<string, unknown>>;
    const missing: TokenCheck['missing'] = [];
    const extra: TokenCheck['extra'] = [];
    for (const path of paths) {
      // Effective privileges propagate from the closest listed ancestor.
      let probe = path;
      let held: Record<string, unknown> | undefined = perms[probe];
      while (!held && probe !== '/') {
        probe = probe.slice(0, probe.lastIndexOf('/')) || '/';
        held = perms[probe];
      }
      const have = new Set(Object.keys(held ?? {}));
      const lacks = need.filter((x) => !have.has(x));
      if (lacks.length) missing.push({ path, privileges: lacks });
      const more = [...have].filter((x) => !need.includes(x)).sort();
      if (more.length) extra.push({ path, privileges: more });
    }
    // Read-only on every VM (the audit role): BlockHost avoids every address VMs use.
    const audit = new Set(Object.keys(perms['/vms'] ?? {}));
    const noAudit = AUDIT_PRIVILEGES.filter((x) => !audit.has(x));
    if (noAudit.length) missing.push({ path: '/vms', privileges: noAudit });
    // Anything held outside the scope: a grant on `/`, `/vms`, `/storage`, another storage…
    for (const [path, held] of Object.entries(perms).sort(([a], [b]) => a.localeCompare(b))) {
      if (paths.includes(path)) continue;
      const privs = Object.keys(held ?? {})
        .filter((x) => !AUDIT_PRIVILEGES.includes(x))
        .sort();
      if (privs.length === 0) continue;
      if (ONE_VM.test(path)) {
        const more = privs.filter((x) => !need.includes(x));
        if (more.length) extra.push({ path, privileges: more });
        continue;
      }
      extra.push({ path, privileges: privs });
    }
    const vms = Object.keys(perms)
      .filter((path) => ONE_VM.test(path) && Object.keys(perms[path] ?? {}).length > 0)
      .map((path) => Number(path.slice('/vms/'.length)))
      .sort((a, b) => a - b);
    return { missing, extra, vms };
  });
}
