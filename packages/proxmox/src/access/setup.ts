import { BLOCKHOST_TAG, InvalidInputError } from '@blockhost/core';
import { errAsync, ResultAsync } from 'neverthrow';
import { withRetries } from '../client/call.js';
import type { PveClient } from '../client/create-client.js';
import type { ClusterResource } from '../cluster/resources.js';
import { type PveError, toSdkError } from '../errors.js';
import { splitTags } from '../nodes/qemu/find.js';
import { TEMPLATE_TAG } from '../nodes/qemu/template.js';
import { bridgePath } from '../schema/privileges.js';
import { blockhostPrivileges } from './role.js';

/**
 * A read-only role on `/vms`: BlockHost reads every VM's config so that it
 * never hands out an address some VM of the cluster is configured with (the
 * operator's own VMs too). It can not change, start, stop or enter them.
 */
export const AUDIT_PRIVILEGES: readonly string[] = ['VM.Audit'];
const AUDIT_PATH = '/vms';

/** The resource pool BlockHost's VMs live in, unless configured otherwise. */
export const DEFAULT_POOL = 'blockhost';

/** Where BlockHost works: its pool, and the nodes, storages and bridges it uses. */
export interface AccessScope {
  /** Resource pool of BlockHost's VMs (default `blockhost`). */
  pool?: string;
  /** Nodes BlockHost places VMs on. */
  nodes: readonly string[];
  /** Storages for VM disks. */
  storages: readonly string[];
  /** Storage cloud images are downloaded to (default `local`). */
  importStorage?: string;
  /** Bridges the VMs' NICs use. */
  bridges: readonly string[];
}

export interface SetupAccessParameters extends AccessScope {
  /** The user the token belongs to (default `blockhost@pve`). */
  userid?: string;
  /** Token name (default `blockhost`): the token id is `<userid>!<tokenName>`. */
  tokenName?: string;
  /** Role name (default `BlockHost`). */
  roleId?: string;
  /** The VM template (`proxmox.template_vmid`): put into the pool if it exists and is in none. */
  templateVmid?: number;
  /**
   * VMs BlockHost manages (e.g. from its journal), besides those found by
   * their `blockhost` tag: checked for being in the pool.
   */
  knownVmids?: readonly number[];
  /**
   * The deployment's tag (`deploymentTag` of @blockhost/core): when given, a
   * VM counts as BlockHost's by its tags only if it carries this one too
   * (another deployment on the same cluster keeps its VMs).
   */
  deploymentTag?: string;
  /**
   * Add BlockHost's VMs that are in no pool to the pool (an existing
   * deployment from before pools). Without it they are only reported.
   */
  adoptVms?: boolean;
  /** Issue a new secret for an existing token (the old one stops working). */
  regenerateSecret?: boolean;
}

export type Change = 'created' | 'updated' | 'unchanged' | 'removed';

/** A VM of BlockHost's the token can not manage: outside the pool. */
export interface OutsideVm {
  vmid: number;
  node: string;
  name: string | undefined;
  /** The other pool it is in, if any (never moved without the operator). */
  pool: string | undefined;
}

export interface SetupAccessReturnType {
  role: { id: string; privileges: string[]; change: Change };
  user: { id: string; change: Change };
  token: {
    id: string;
    change: Change;
    /** Only when the token was created or regenerated: PVE shows a secret once. */
    secret: string | null;
  };
  pool: { id: string; change: Change };
  /** The read-only role on `/vms` (`AUDIT_PRIVILEGES`) and its grant. */
  audit: { role: { id: string; change: Change }; acl: Change };
  /** The pool's members BlockHost needs: its storages, the template, adopted VMs. */
  members: Array<{ type: 'storage' | 'qemu'; id: string; change: Change }>;
  /**
   * BlockHost's VMs still outside the pool. While there are any, the grant on
   * `/vms` an older setup made is kept (so they stay manageable) and reported
   * in `acls` as unchanged; run again with `adoptVms`.
   */
  outside: OutsideVm[];
  /** ACL entries (path → for user and token): added, kept, or the old `/vms` grant removed. */
  acls: { path: string; change: Change }[];
}

/** The grant BlockHost's setup made before pools: every VM in the cluster. */
export const LEGACY_VMS_ACL = '/vms';

/**
 * The ACL paths the role is granted on: the pool (its VMs and storages get
 * the pool's roles), the nodes and the bridges. Derived from the templated
 * paths of the SDK's calls; nothing on `/`, `/vms` or `/storage`.
 */
export function aclPaths(p: AccessScope): string[] {
  return scopePaths(p).grants;
}

/** Where BlockHost's privileges must hold: the pool (for its VMs), each storage, node and bridge. */
export function checkPaths(p: AccessScope): string[] {
  return scopePaths(p).checks;
}

function scopePaths(p: AccessScope): { grants: string[]; checks: string[] } {
  const pool = `/pool/${p.pool ?? DEFAULT_POOL}`;
  const grants = new Set<string>();
  const checks = new Set<string>();
  const both = (path: string) => {
    grants.add(path);
    checks.add(path);
  };
  for (const t of blockhostPrivileges().paths) {
    if (t === '/vms/{vmid}' || t === '/pool/{pool}') both(pool);
    else if (t === '/storage/{storage}' || t === '/storage/{importStorage}') {
      // Storages are pool members: they hold what the pool is granted.
      grants.add(pool);
      const ids = t === '/storage/{storage}' ? p.storages : [p.importStorage ?? 'local'];
      for (const s of ids) checks.add(`/storage/${s}`);
    } else if (t === '/nodes/{node}') for (const n of p.nodes) both(`/nodes/${n}`);
    else if (t === '/sdn/zones/localnetwork/{bridge}')
      for (const b of p.bridges) both(bridgePath(b));
    else throw new Error(`no ACL mapping for ${t}`);
  }
  return { grants: [...grants].sort(), checks: [...checks].sort() };
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
type PoolMember = { type: string; vmid?: number; storage?: string };

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

const POOL_ID = /^[A-Za-z][A-Za-z0-9\-_]*$/;

/**
 * Creates (or repairs) the least-privilege access BlockHost runs with: role
 * `BlockHost` with exactly the derived privileges, user `blockhost@pve`, an
 * API token with privilege separation, resource pool `blockhost` holding the
 * storages (and the template), and ACLs for user and token on the pool, the
 * nodes and the bridges only: the token can not see or touch a VM outside
 * the pool. VMs BlockHost creates join the pool (`pool` on clone and create).
 *
 * An older setup granted the role on `/vms`; that grant is removed once no
 * BlockHost VM (found by tag, or listed in `knownVmids`) is left outside the
 * pool — `adoptVms` moves those in no pool into it. Run with an
 * administrator's token. Idempotent: a second run reads and changes nothing.
 * Everything is read and checked before the first change.
 */
export function setupAccess(
  admin: PveClient,
  p: SetupAccessParameters,
): ResultAsync<SetupAccessReturnType, PveError | InvalidInputError> {
  const userid = p.userid ?? 'blockhost@pve';
  const tokenName = p.tokenName ?? 'blockhost';
  const roleId = p.roleId ?? 'BlockHost';
  const poolId = p.pool ?? DEFAULT_POOL;
  if (!/^[^\s:/@]+@(pve|pam)$/.test(userid))
    return errAsync(new InvalidInputError('userid', `expected user@pve, got '${userid}'`));
  if (!/^[A-Za-z][A-Za-z0-9.\-_]+$/.test(tokenName))
    return errAsync(new InvalidInputError('tokenName', `'${tokenName}' is not a token name`));
  if (!POOL_ID.test(poolId))
    return errAsync(
      new InvalidInputError(
        'pool',
        `'${poolId}' is not a pool name (a letter, then letters, digits, - _)`,
      ),
    );
  if (p.nodes.length === 0 || p.storages.length === 0 || p.bridges.length === 0) {
    return errAsync(
      new InvalidInputError('setup', 'nodes, storages and bridges must each name at least one'),
    );
  }
  const tokenId = `${userid}!${tokenName}`;
  const privileges = blockhostPrivileges().privileges;
  const storages = [...new Set([...p.storages, p.importStorage ?? 'local'])].sort();
  const api = admin.api;
  return ResultAsync.fromPromise(
    (async (): Promise<SetupAccessReturnType> => {
      // Read everything first.
      const roles = (await withRetries(admin, () => api.access.roles.$get())) as Role[];
      const users = (await withRetries(admin, () =>
        api.access.users.$get({ full: true }),
      )) as User[];
      const acl = (await withRetries(admin, () => api.access.acl.$get())) as Acl[];
      const pools = await withRetries(admin, () => api.pools.$get());
      const poolExists = pools.some((x) => x.poolid === poolId);
      const members: PoolMember[] = poolExists
        ? ((await withRetries(admin, () => api.pools.$get({ poolid: poolId })))[0]?.members ?? [])
        : [];
      const vms = (
        (await withRetries(admin, () =>
          api.cluster.resources.$get({ type: 'vm' }),
        )) as unknown as ClusterResource[]
      ).filter((r) => r.type === 'qemu' && typeof r.vmid === 'number');

      // Which VMs are BlockHost's, and where they are.
      const inPool = new Set(members.filter((m) => m.vmid !== undefined).map((m) => m.vmid!));
      const known = new Set(p.knownVmids ?? []);
      const ours = vms.filter((r) => {
        const tags = splitTags(r.tags);
        return (
          (tags.includes(BLOCKHOST_TAG) &&
            (p.deploymentTag === undefined || tags.includes(p.deploymentTag))) ||
          tags.includes(TEMPLATE_TAG) ||
          known.has(r.vmid!) ||
          r.vmid === p.templateVmid
        );
      });
      const template =
        p.templateVmid === undefined ? undefined : vms.find((r) => r.vmid === p.templateVmid);
      if (template?.pool !== undefined && template.pool !== poolId) {
        throw new InvalidInputError(
          'templateVmid',
          `template ${template.vmid} is in pool '${template.pool}', but BlockHost's token reaches only pool '${poolId}'`,
          {
            hint: `move it: pvesh set /pools --poolid ${poolId} --vms ${template.vmid} --allow-move 1 (or build one with \`blockhost template build\`)`,
          },
        );
      }
      const toAdd = ours.filter(
        (r) =>
          !inPool.has(r.vmid!) &&
          r.pool === undefined &&
          (r.vmid === p.templateVmid || p.adoptVms === true),
      );
      const outside: OutsideVm[] = ours
        .filter((r) => !inPool.has(r.vmid!) && !toAdd.includes(r))
        .map((r) => ({ vmid: r.vmid!, node: r.node!, name: r.name, pool: r.pool }))
        .sort((a, b) => a.vmid - b.vmid);

      // Then change what differs.
      const role = roles.find((r) => r.roleid === roleId);
      let roleChange: Change = 'unchanged';
      if (!role) {
        await api.access.roles.$post({ roleid: roleId, privs: privileges.join(',') });
        roleChange = 'created';
      } else if (!sameSet((role.privs ?? '').split(/[,;\s]+/).filter(Boolean), privileges)) {
        await api.access.roles.$(roleId).$put({ privs: privileges.join(','), append: false });
        roleChange = 'updated';
      }

      const auditRoleId = `${roleId}Audit`;
      const auditRole = roles.find((r) => r.roleid === auditRoleId);
      let auditRoleChange: Change = 'unchanged';
      if (!auditRole) {
        await api.access.roles.$post({ roleid: auditRoleId, privs: AUDIT_PRIVILEGES.join(',') });
        auditRoleChange = 'created';
      } else if (
        !sameSet((auditRole.privs ?? '').split(/[,;\s]+/).filter(Boolean), [...AUDIT_PRIVILEGES])
      ) {
        await api.access.roles
          .$(auditRoleId)
          .$put({ privs: AUDIT_PRIVILEGES.join(','), append: false });
        auditRoleChange = 'updated';
      }

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

      let poolChange: Change = 'unchanged';
      if (!poolExists) {
        await api.pools.$post({
          poolid: poolId,
          comment: 'BlockHost: its VMs, template and storages (its API token reaches only these)',
        });
        poolChange = 'created';
      }
      const memberStorages = new Set(members.map((m) => m.storage).filter(Boolean));
      const newStorages = storages.filter((s) => !memberStorages.has(s));
      if (newStorages.length > 0) {
        await api.pools.$put({ poolid: poolId, storage: newStorages.join(',') });
      }
      if (toAdd.length > 0) {
        await api.pools.$put({ poolid: poolId, vms: toAdd.map((r) => r.vmid).join(',') });
      }
      const memberList: SetupAccessReturnType['members'] = [
        ...storages.map((s) => ({
          type: 'storage' as const,
          id: s,
          change: (newStorages.includes(s) ? 'created' : 'unchanged') as Change,
        })),
        ...ours
          .filter((r) => inPool.has(r.vmid!) || toAdd.includes(r))
          .sort((a, b) => a.vmid! - b.vmid!)
          .map((r) => ({
            type: 'qemu' as const,
            id: String(r.vmid),
            change: (toAdd.includes(r) ? 'created' : 'unchanged') as Change,
          })),
      ];

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
      for (const path of aclPaths({ ...p, pool: poolId })) {
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
      const hasAudit = (type: string, ugid: string) =>
        acl.some(
          (e) =>
            e.path === AUDIT_PATH &&
            e.type === type &&
            e.ugid === ugid &&
            e.roleid === auditRoleId &&
            (e.propagate === 1 || e.propagate === true),
        );
      const auditUser = !hasAudit('user', userid);
      const auditToken = !hasAudit('token', tokenId);
      if (auditUser || auditToken) {
        await api.access.acl.$put({
          path: AUDIT_PATH,
          roles: auditRoleId,
          propagate: true,
          ...(auditUser ? { users: userid } : {}),
          ...(auditToken ? { tokens: tokenId } : {}),
        } as never);
      }
      // The old grant on every VM goes once nothing of BlockHost's needs it any more.
      const legacy = acl.filter(
        (e) =>
          e.path === LEGACY_VMS_ACL &&
          e.roleid === roleId &&
          ((e.type === 'user' && e.ugid === userid) || (e.type === 'token' && e.ugid === tokenId)),
      );
      if (legacy.length > 0) {
        if (outside.length === 0) {
          await api.access.acl.$put({
            path: LEGACY_VMS_ACL,
            roles: roleId,
            delete: true,
            ...(legacy.some((e) => e.type === 'user') ? { users: userid } : {}),
            ...(legacy.some((e) => e.type === 'token') ? { tokens: tokenId } : {}),
          } as never);
          acls.push({ path: LEGACY_VMS_ACL, change: 'removed' });
        } else {
          acls.push({ path: LEGACY_VMS_ACL, change: 'unchanged' });
        }
      }
      return {
        role: { id: roleId, privileges, change: roleChange },
        user: { id: userid, change: userChange },
        token: { id: tokenId, change: tokenChange, secret },
        pool: { id: poolId, change: poolChange },
        audit: {
          role: { id: auditRoleId, change: auditRoleChange },
          acl: auditUser || auditToken ? 'created' : 'unchanged',
        },
        members: memberList,
        outside,
        acls,
      };
    })(),
    toSdkError,
  );
}
