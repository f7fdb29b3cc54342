import { InvalidInputError } from '@blockhost/core';
import { errAsync, ResultAsync } from 'neverthrow';
import { withRetries } from '../client/call.js';
import type { PveClient } from '../client/create-client.js';
import { type PveError, toSdkError } from '../errors.js';
import { bridgePath } from '../schema/privileges.js';
import { blockhostPrivileges } from './role.js';

export interface SetupAccessParameters {
  /** The user the token belongs to (default `blockhost@pve`). */
  userid?: string;
  /** Token name (default `blockhost`): the token id is `<userid>!<tokenName>`. */
  tokenName?: string;
  /** Role name (default `BlockHost`). */
  roleId?: string;
  /** Nodes BlockHost places VMs on. */
  nodes: readonly string[];
  /** Storages for VM disks. */
  storages: readonly string[];
  /** Storage cloud images are downloaded to (default `local`). */
  importStorage?: string;
  /** Bridges the VMs' NICs use. */
  bridges: readonly string[];
  /** Issue a new secret for an existing token (the old one stops working). */
  regenerateSecret?: boolean;
}

export type Change = 'created' | 'updated' | 'unchanged';

export interface SetupAccessReturnType {
  role: { id: string; privileges: string[]; change: Change };
  user: { id: string; change: Change };
  token: {
    id: string;
    change: Change;
    /** Only when the token was created or regenerated: PVE shows a secret once. */
    secret: string | null;
  };
  /** ACL entries added (path → for user and token). */
  acls: { path: string; change: Change }[];
}

/** The ACL paths the role must be granted on, from the derived templated paths. */
export function aclPaths(
  p: Pick<SetupAccessParameters, 'nodes' | 'storages' | 'importStorage' | 'bridges'>,
): string[] {
  const out = new Set<string>();
  for (const t of blockhostPrivileges().paths) {
    if (t.startsWith('/vms/')) out.add('/vms');
    else if (t === '/nodes/{node}') for (const n of p.nodes) out.add(`/nodes/${n}`);
    else if (t === '/storage/{storage}') for (const s of p.storages) out.add(`/storage/${s}`);
    else if (t === '/storage/{importStorage}') out.add(`/storage/${p.importStorage ?? 'local'}`);
    else if (t === '/sdn/zones/localnetwork/{bridge}')
      for (const b of p.bridges) out.add(bridgePath(b));
    else throw new Error(`no ACL mapping for ${t}`);
  }
  return [...out].sort();
}

type Role = { roleid: string; privs?: string };
type User = { userid: string; tokens?: Array<{ tokenid: string; privsep?: number | boolean }> };
type Acl = {
  path: string;
  type: string;
  ugid: string;
  roleid: string;
  propagate?: number | boolean;
};

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/**
 * Creates (or repairs) the least-privilege access BlockHost runs with: role
 * `BlockHost` with exactly the derived privileges, user `blockhost@pve`, an
 * API token with privilege separation, and ACLs for both on the needed
 * paths only. Run with an administrator's token. Idempotent: a second run
 * reads and changes nothing.
 */
export function setupAccess(
  admin: PveClient,
  p: SetupAccessParameters,
): ResultAsync<SetupAccessReturnType, PveError | InvalidInputError> {
  const userid = p.userid ?? 'blockhost@pve';
  const tokenName = p.tokenName ?? 'blockhost';
  const roleId = p.roleId ?? 'BlockHost';
  if (!/^[^\s:/@]+@(pve|pam)$/.test(userid))
    return errAsync(new InvalidInputError('userid', `expected user@pve, got '${userid}'`));
  if (!/^[A-Za-z][A-Za-z0-9.\-_]+$/.test(tokenName))
    return errAsync(new InvalidInputError('tokenName', `'${tokenName}' is not a token name`));
  if (p.nodes.length === 0 || p.storages.length === 0 || p.bridges.length === 0) {
    return errAsync(
      new InvalidInputError('setup', 'nodes, storages and bridges must each name at least one'),
    );
  }
  const tokenId = `${userid}!${tokenName}`;
  const privileges = blockhostPrivileges().privileges;
  const api = admin.api;
  return ResultAsync.fromPromise(
    (async (): Promise<SetupAccessReturnType> => {
      const roles = (await withRetries(admin, () => api.access.roles.$get())) as Role[];
      const role = roles.find((r) => r.roleid === roleId);
      let roleChange: Change = 'unchanged';
      if (!role) {
        await api.access.roles.$post({ roleid: roleId, privs: privileges.join(',') });
        roleChange = 'created';
      } else if (!sameSet((role.privs ?? '').split(/[,;\s]+/).filter(Boolean), privileges)) {
        await api.access.roles.$(roleId).$put({ privs: privileges.join(','), append: false });
        roleChange = 'updated';
      }

      const users = (await withRetries(admin, () =>
        api.access.users.$get({ full: true }),
      )) as User[];
      let user = users.find((u) => u.userid === userid);
      let userChange: Change = 'unchanged';
      if (!user) {
        await api.access.users.$post({
          userid,
          comment: 'BlockHost daemon (API token only)',
          enable: true,
        });
        userChange = 'created';
        user = { userid, tokens: [] };
      }

      const token = user.tokens?.find((t) => t.tokenid === tokenName);
      let tokenChange: Change = 'unchanged';
      let secret: string | null = null;
      const tokenApi = api.access.users.$(userid).token.$(tokenName);
      if (!token) {
        const r = (await tokenApi.$post({ privsep: true, comment: 'BlockHost daemon' })) as {
          value: string;
        };
        secret = r.value;
        tokenChange = 'created';
      } else {
        const privsep = token.privsep === true || token.privsep === 1;
        if (!privsep || p.regenerateSecret) {
          const r = (await tokenApi.$put({
            privsep: true,
            ...(p.regenerateSecret ? { regenerate: true } : {}),
          } as never)) as {
            value?: string;
          };
          secret = r.value ?? null;
          tokenChange = 'updated';
        }
      }

      const acl = (await withRetries(admin, () => api.access.acl.$get())) as Acl[];
      const has = (path: string, type: string, ugid: string) =>
        acl.some(
          (e) =>
            e.path === path &&
            e.type === type &&
            e.ugid === ugid &&
            e.roleid === roleId &&
            (e.propagate === 1 || e.propagate === true),
        );
      const acls: SetupAccessReturnType['acls'] = [];
      for (const path of aclPaths(p)) {
        const forUser = !has(path, 'user', userid);
        const forToken = !has(path, 'token', tokenId);
        if (!forUser && !forToken) {
          acls.push({ path, change: 'unchanged' });
          continue;
        }
        await api.access.acl.$put({
          path,
          roles: roleId,
          propagate: true,
          ...(forUser ? { users: userid } : {}),
          ...(forToken ? { tokens: tokenId } : {}),
        } as never);
        acls.push({ path, change: 'created' });
      }
      return {
        role: { id: roleId, privileges, change: roleChange },
        user: { id: userid, change: userChange },
        token: { id: tokenId, change: tokenChange, secret },
        acls,
      };
    })(),
    toSdkError,
  );
}
