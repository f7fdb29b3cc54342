import type { ResultAsync } from 'neverthrow';
import { pveCall } from '../client/call.js';
import type { PveClient } from '../client/create-client.js';
import type { PveError } from '../errors.js';
import { blockhostPrivileges } from './role.js';
import { aclPaths, type SetupAccessParameters } from './setup.js';

export interface TokenCheck {
  /** Privileges the token lacks, per ACL path. */
  missing: Array<{ path: string; privileges: string[] }>;
  /** Privileges it holds beyond the role (least privilege is not kept). */
  extra: Array<{ path: string; privileges: string[] }>;
}

/**
 * Compares what the client's own token may do (`/access/permissions`) with
 * what BlockHost needs on each path: for `blockhost doctor`.
 */
export function checkTokenPrivileges(
  client: PveClient,
  p: Pick<SetupAccessParameters, 'nodes' | 'storages' | 'importStorage' | 'bridges'>,
): ResultAsync<TokenCheck, PveError> {
  const need = blockhostPrivileges().privileges;
  const paths = aclPaths(p);
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
    return { missing, extra };
  });
}
