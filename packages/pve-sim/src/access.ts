import { type Need, PVE_PRIVILEGES } from '@blockhost/proxmox/schema';

/**
 * PVE's user, token, role, ACL and pool model (PVE::AccessControl,
 * PVE::RPCEnvironment): roles are looked up along the path from `/` to the
 * object; a more specific path replaces what a less specific one gave, a
 * non-propagating entry only counts on its own path, and a
 * privilege-separated token gets the intersection of its own and its user's
 * privileges. A VM or storage that is a member of a pool also gets the roles
 * held on `/pool/<pool>` (for that exact object path only, never
 * propagated further), unless its own path says NoAccess; NoAccess on the
 * pool wins over the object's own roles.
 */

export interface SimToken {
  privsep: boolean;
  expire: number;
  comment?: string | undefined;
  /** Stored in plain text, as PVE does in /etc/pve/priv/token.cfg (the state file is 0600). */
  secret: string;
}

export interface SimUser {
  enable: boolean;
  expire: number;
  comment?: string | undefined;
  email?: string | undefined;
  groups: string[];
  tokens: Record<string, SimToken>;
}

export interface SimRole {
  privs: string[];
  /** Built-in roles cannot be changed. */
  special: boolean;
}

export interface AclEntry {
  path: string;
  type: 'user' | 'group' | 'token';
  ugid: string;
  roleid: string;
  propagate: boolean;
}

/** A resource pool (user.cfg `pool:` lines): its member VMs and storages. */
export interface SimPool {
  comment?: string | undefined;
  /** VMIDs; a VM is in at most one pool. They need not exist (PVE does not check). */
  vms: number[];
  /** Storage ids; a storage can be in several pools. */
  storage: string[];
}

export interface AccessState {
  users: Record<string, SimUser>;
  groups: Record<string, { comment?: string | undefined }>;
  roles: Record<string, SimRole>;
  acl: AclEntry[];
  /** Resource pools by id (`a` or nested `a/b`). */
  pools: Record<string, SimPool>;
}

const ALL = [...PVE_PRIVILEGES];
const by = (pred: (p: string) => boolean) => ALL.filter(pred);

/** PVE's built-in roles (Administrator and NoAccess exact; the others close approximations). */
export function builtinRoles(): Record<string, SimRole> {
  const role = (privs: string[]): SimRole => ({ privs, special: true });
  return {
    Administrator: role(ALL),
    NoAccess: role([]),
    PVEAuditor: role(by((p) => p.endsWith('.Audit'))),
    PVEVMAdmin: role([
      ...by((p) => p.startsWith('VM.')),
      'Datastore.AllocateSpace',
      'Pool.Audit',
      'Sys.Audit',
      'Sys.Console',
      'SDN.Use',
    ]),
    PVEVMUser: role([
      'VM.Audit',
      'VM.Console',
      'VM.PowerMgmt',
      'VM.Backup',
      'VM.Config.CDROM',
      'VM.Config.Cloudinit',
      'Pool.Audit',
      'Datastore.AllocateSpace',
      'Datastore.Audit',
      'SDN.Use',
    ]),
    PVEDatastoreUser: role(['Datastore.AllocateSpace', 'Datastore.Audit']),
    PVEDatastoreAdmin: role(by((p) => p.startsWith('Datastore.'))),
    PVETemplateUser: role(['VM.Clone', 'VM.Audit']),
    PVEUserAdmin: role(['User.Modify', 'Group.Allocate', 'Realm.AllocateUser', 'Sys.Audit']),
    PVESDNUser: role(['SDN.Audit', 'SDN.Use']),
    PVESDNAdmin: role(by((p) => p.startsWith('SDN.'))),
  };
}

export function emptyAccess(): AccessState {
  return {
    users: { 'root@pam': { enable: true, expire: 0, groups: [], tokens: {} } },
    groups: {},
    roles: builtinRoles(),
    acl: [],
    pools: {},
  };
}

/** The pool VM `vmid` is a member of, if any. */
export function poolOfVm(access: AccessState, vmid: number): string | undefined {
  for (const [id, p] of Object.entries(access.pools)) if (p.vms.includes(vmid)) return id;
  return undefined;
}

/** PVE's `remove_vm_access`: a destroyed VM's ACL entries and pool membership go with it. */
export function removeVmAccess(access: AccessState, vmid: number): void {
  const path = `/vms/${vmid}`;
  access.acl = access.acl.filter((e) => e.path !== path);
  for (const p of Object.values(access.pools)) p.vms = p.vms.filter((v) => v !== vmid);
}

/** Which pool a VM is in: `poolOfVm`, or an index of it made once for a whole listing. */
export type PoolOfVm = (vmid: number) => string | undefined;

/** Every VM's pool at once: one request that checks each VM of the cluster scans pools once. */
export function vmPoolIndex(access: AccessState): PoolOfVm {
  const index = new Map<number, string>();
  // The first pool holding a VM wins, as in `poolOfVm`.
  for (const [id, p] of Object.entries(access.pools)) {
    for (const v of p.vms) if (!index.has(v)) index.set(v, id);
  }
  return (vmid) => index.get(vmid);
}

/**
 * The access state indexed for one request that checks many paths (a listing checks every VM):
 * pools by VM, ACL entries by path, and the roles of paths asked for more than once (a pool's,
 * for each of its VMs). Valid while the state does not change: made per request.
 */
export interface AccessIndex {
  readonly poolOf: PoolOfVm;
  aclAt(path: string): readonly AclEntry[];
  readonly roles: Map<string, Set<string>>;
}

export function accessIndex(access: AccessState): AccessIndex {
  const byPath = new Map<string, AclEntry[]>();
  for (const e of access.acl) {
    const list = byPath.get(e.path);
    if (list) list.push(e);
    else byPath.set(e.path, [e]);
  }
  return { poolOf: vmPoolIndex(access), aclAt: (path) => byPath.get(path) ?? [], roles: new Map() };
}

/** The pools an object path inherits roles from: a VM's pool, every pool holding a storage. */
function poolsOfPath(access: AccessState, path: string, index?: AccessIndex): string[] {
  const vm = /^\/vms\/([0-9]+)$/.exec(path);
  if (vm) {
    const pool = index ? index.poolOf(Number(vm[1])) : poolOfVm(access, Number(vm[1]));
    return pool === undefined ? [] : [pool];
  }
  const st = /^\/storage\/([^/]+)$/.exec(path);
  if (st) {
    return Object.entries(access.pools)
      .filter(([, p]) => p.storage.includes(st[1]!))
      .map(([id]) => id);
  }
  return [];
}

/** `/vms/100/` → `/vms/100`; `//` collapsed. */
export function normalizeAclPath(path: string): string {
  const p = `/${path.split('/').filter(Boolean).join('/')}`;
  return p;
}

function prefixes(path: string): string[] {
  const parts = normalizeAclPath(path).split('/').filter(Boolean);
  const out = ['/'];
  for (let i = 1; i <= parts.length; i++) out.push(`/${parts.slice(0, i).join('/')}`);
  return out;
}

export function splitTokenId(authid: string): { user: string; token?: string } {
  const i = authid.indexOf('!');
  return i < 0 ? { user: authid } : { user: authid.slice(0, i), token: authid.slice(i + 1) };
}

function rolesFor(
  access: AccessState,
  ugType: 'user' | 'token',
  ugid: string,
  path: string,
  index?: AccessIndex,
): Set<string> {
  let roles = new Set<string>();
  const target = normalizeAclPath(path);
  const groups = ugType === 'user' ? (access.users[ugid]?.groups ?? []) : [];
  for (const p of prefixes(target)) {
    const final = p === target;
    const here = (index ? index.aclAt(p) : access.acl).filter(
      (e) => e.path === p && (final || e.propagate),
    );
    const own = here.filter((e) => e.type === ugType && e.ugid === ugid);
    if (own.length > 0) {
      roles = new Set(own.map((e) => e.roleid));
      continue;
    }
    if (ugType === 'token') continue;
    const grp = here.filter((e) => e.type === 'group' && groups.includes(e.ugid));
    if (grp.length > 0) roles = new Set(grp.map((e) => e.roleid));
  }
  return roles;
}

/** The roles on a pool's path: asked once per member VM in a listing, so kept in the index. */
function poolRoles(
  access: AccessState,
  ugType: 'user' | 'token',
  ugid: string,
  pool: string,
  index?: AccessIndex,
): Set<string> {
  const path = `/pool/${pool}`;
  if (!index) return rolesFor(access, ugType, ugid, path);
  const key = `${ugType}\n${ugid}\n${path}`;
  let roles = index.roles.get(key);
  if (!roles) {
    roles = rolesFor(access, ugType, ugid, path, index);
    index.roles.set(key, roles);
  }
  return roles;
}

/** Roles on `path` plus those its pools give it (RPCEnvironment's compile_acl_path). */
function rolesWithPools(
  access: AccessState,
  ugType: 'user' | 'token',
  ugid: string,
  path: string,
  index?: AccessIndex,
): Set<string> {
  const target = normalizeAclPath(path);
  const roles = rolesFor(access, ugType, ugid, target, index);
  if (roles.has('NoAccess')) return roles;
  const fromPools = new Set<string>();
  for (const pool of poolsOfPath(access, target, index)) {
    for (const r of poolRoles(access, ugType, ugid, pool, index)) fromPools.add(r);
  }
  if (fromPools.has('NoAccess')) return new Set(['NoAccess']);
  return new Set([...roles, ...fromPools]);
}

function privsOfRoles(access: AccessState, roles: Set<string>): Set<string> {
  if (roles.has('NoAccess')) return new Set();
  const out = new Set<string>();
  for (const r of roles) for (const p of access.roles[r]?.privs ?? []) out.add(p);
  return out;
}

/** The privileges `authid` (a user or `user!token`) has on `path`. */
export function privilegesAt(
  access: AccessState,
  authid: string,
  path: string,
  index?: AccessIndex,
): Set<string> {
  const { user, token } = splitTokenId(authid);
  const u = access.users[user];
  if (!u?.enable) return new Set();
  const userPrivs =
    user === 'root@pam'
      ? new Set<string>(ALL)
      : privsOfRoles(access, rolesWithPools(access, 'user', user, path, index));
  if (token === undefined) return userPrivs;
  const t = u.tokens[token];
  if (!t) return new Set();
  if (!t.privsep) return userPrivs;
  const tokenPrivs = privsOfRoles(access, rolesWithPools(access, 'token', authid, path, index));
  return new Set([...tokenPrivs].filter((p) => userPrivs.has(p)));
}

/** What failed: the path and the privileges (`a|b` when any of them would do). */
export interface Denied {
  path: string;
  privs: readonly string[];
  any: boolean;
  rootOnly?: boolean;
  /** How many privileges this check lacks (to name the closest alternative of an `or`). */
  missing?: number;
}

/** Of several failed alternatives, the one that lacks the fewest privileges (first on a tie). */
export function closest(denials: readonly Denied[]): Denied | null {
  let best: Denied | null = null;
  for (const d of denials) if (!best || (d.missing ?? 1) < (best.missing ?? 1)) best = d;
  return best;
}

/** Evaluates a requirement; `null` when granted, else the first unmet check. */
export function evaluateNeed(
  access: AccessState,
  authid: string,
  need: Need,
  index?: AccessIndex,
): Denied | null {
  switch (need.kind) {
    case 'root':
      return authid === 'root@pam' ? null : { path: '/', privs: [], any: false, rootOnly: true };
    case 'perm': {
      const have = privilegesAt(access, authid, need.path, index);
      if (need.any) {
        return need.privs.some((p) => have.has(p))
          ? null
          : { path: need.path, privs: need.privs, any: true };
      }
      const missing = need.privs.filter((p) => !have.has(p));
      return missing.length === 0
        ? null
        : { path: need.path, privs: [missing[0]!], any: false, missing: missing.length };
    }
    case 'and': {
      for (const n of need.of) {
        const d = evaluateNeed(access, authid, n, index);
        if (d) return d;
      }
      return null;
    }
    case 'or': {
      const denials: Denied[] = [];
      for (const n of need.of) {
        const d = evaluateNeed(access, authid, n, index);
        if (!d) return null;
        denials.push(d);
      }
      return (
        closest(denials) ?? { path: '/', privs: [], any: false, missing: Number.POSITIVE_INFINITY }
      );
    }
  }
}

/** PVE's 403 text: `Permission check failed (/vms/100, VM.Allocate)`. */
export function deniedMessage(d: Denied): string {
  if (d.rootOnly) return 'Permission check failed (user != root@pam)';
  return `Permission check failed (${d.path}, ${d.privs.join('|')})`;
}
