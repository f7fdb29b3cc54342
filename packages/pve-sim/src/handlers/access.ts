import { isPvePrivilege, splitList } from '@blockhost/proxmox/schema';
import {
  type AclEntry,
  normalizeAclPath,
  privilegesAt,
  type SimUser,
  splitTokenId,
} from '../access.js';
import type { SimCore } from '../core.js';
import { fail, paramError, SimHttpError } from '../sim-error.js';
import { can } from './cluster.js';
import { b01, bool, type HandlerTable, int, str } from './types.js';

const REALMS = new Set(['pam', 'pve']);

function realmOf(userid: string): string {
  return userid.slice(userid.lastIndexOf('@') + 1);
}

function user(sim: SimCore, userid: string): SimUser {
  const u = sim.state.access.users[userid];
  if (!u) throw fail(`no such user ('${userid}')`);
  return u;
}

function parsePrivs(text: string | undefined): string[] {
  const privs = splitList(text ?? '');
  for (const p of privs) {
    if (!isPvePrivilege(p)) throw paramError({ privs: `invalid privilege '${p}'` });
  }
  return [...new Set(privs)].sort();
}

/** PVE's ACL path check: only known object trees can carry ACLs. */
function checkAclPath(path: string): string {
  const p = normalizeAclPath(path);
  const ok =
    p === '/' ||
    /^\/(access|access\/groups|access\/realm|nodes|pool|sdn|storage|vms|mapping)(\/.*)?$/.test(p);
  if (!ok) throw paramError({ path: `invalid ACL path '${path}'` });
  return p;
}

function tokenInfo(t: { privsep: boolean; expire: number; comment?: string | undefined }) {
  return {
    privsep: b01(t.privsep),
    expire: t.expire,
    ...(t.comment ? { comment: t.comment } : {}),
  };
}

export const accessHandlers: HandlerTable = {
  'GET /access': () =>
    ['users', 'groups', 'roles', 'acl', 'domains', 'ticket', 'password', 'permissions'].map(
      (subdir) => ({ subdir }),
    ),

  'GET /access/roles': ({ sim }) =>
    Object.entries(sim.state.access.roles).map(([roleid, r]) => ({
      roleid,
      privs: r.privs.join(','),
      special: b01(r.special),
    })),

  'POST /access/roles': ({ sim, params }) => {
    const roleid = str(params.roleid)!;
    if (sim.state.access.roles[roleid]) throw fail(`role '${roleid}' already exists`);
    sim.state.access.roles[roleid] = { privs: parsePrivs(str(params.privs)), special: false };
    sim.markDirty();
    return null;
  },

  'GET /access/roles/{roleid}': ({ sim, params }) => {
    const r = sim.state.access.roles[str(params.roleid)!];
    if (!r) throw fail(`role '${str(params.roleid)}' does not exist`);
    return Object.fromEntries(r.privs.map((p) => [p, 1]));
  },

  'PUT /access/roles/{roleid}': ({ sim, params }) => {
    const roleid = str(params.roleid)!;
    const r = sim.state.access.roles[roleid];
    if (!r) throw fail(`role '${roleid}' does not exist`);
    if (r.special) throw fail(`cannot modify special role '${roleid}'`);
    const privs = parsePrivs(str(params.privs));
    r.privs = bool(params.append) ? [...new Set([...r.privs, ...privs])].sort() : privs;
    sim.markDirty();
    return null;
  },

  'DELETE /access/roles/{roleid}': ({ sim, params }) => {
    const roleid = str(params.roleid)!;
    const r = sim.state.access.roles[roleid];
    if (!r) throw fail(`role '${roleid}' does not exist`);
    if (r.special) throw fail(`cannot delete special role '${roleid}'`);
    delete sim.state.access.roles[roleid];
    sim.state.access.acl = sim.state.access.acl.filter((e) => e.roleid !== roleid);
    sim.markDirty();
    return null;
  },

  'GET /access/users': ({ sim, authid }) => {
    const admin = can(sim, authid, '/access/groups', ['User.Modify', 'Sys.Audit'], true);
    const self = splitTokenId(authid).user;
    return Object.entries(sim.state.access.users)
      .filter(([id]) => admin || id === self)
      .map(([userid, u]) => ({
        userid,
        enable: b01(u.enable),
        expire: u.expire,
        ...(u.comment ? { comment: u.comment } : {}),
        ...(u.email ? { email: u.email } : {}),
        groups: u.groups.join(','),
        'realm-type': realmOf(userid),
        tokens: Object.entries(u.tokens).map(([tokenid, t]) => ({ tokenid, ...tokenInfo(t) })),
      }));
  },

  'POST /access/users': ({ sim, params }) => {
    const userid = str(params.userid)!;
    const realm = realmOf(userid);
    if (!REALMS.has(realm)) throw fail(`authentication domain '${realm}' does not exist`);
    if (sim.state.access.users[userid])
      throw fail(`create user failed: user '${userid}' already exists`);
    const groups = splitList(str(params.groups) ?? '');
    for (const g of groups) if (!sim.state.access.groups[g]) throw fail(`no such group '${g}'`);
    sim.state.access.users[userid] = {
      enable: bool(params.enable) ?? true,
      expire: int(params.expire) ?? 0,
      comment: str(params.comment),
      email: str(params.email),
      groups,
      tokens: {},
    };
    sim.markDirty();
    return null;
  },

  'GET /access/users/{userid}': ({ sim, params }) => {
    const u = user(sim, str(params.userid)!);
    return {
      enable: b01(u.enable),
      expire: u.expire,
      ...(u.comment ? { comment: u.comment } : {}),
      ...(u.email ? { email: u.email } : {}),
      groups: u.groups,
      tokens: Object.fromEntries(Object.entries(u.tokens).map(([id, t]) => [id, tokenInfo(t)])),
    };
  },

  'PUT /access/users/{userid}': ({ sim, params }) => {
    const u = user(sim, str(params.userid)!);
    if (params.enable !== undefined) u.enable = bool(params.enable)!;
    if (params.expire !== undefined) u.expire = int(params.expire)!;
    if (params.comment !== undefined) u.comment = str(params.comment);
    if (params.email !== undefined) u.email = str(params.email);
    if (params.groups !== undefined) {
      const g = splitList(str(params.groups)!);
      u.groups = bool(params.append) ? [...new Set([...u.groups, ...g])] : g;
    }
    sim.markDirty();
    return null;
  },

  'DELETE /access/users/{userid}': ({ sim, params }) => {
    const userid = str(params.userid)!;
    user(sim, userid);
    if (userid === 'root@pam') throw fail('deleting root@pam is not allowed');
    delete sim.state.access.users[userid];
    sim.state.access.acl = sim.state.access.acl.filter(
      (e) =>
        !(e.type === 'user' && e.ugid === userid) &&
        !(e.type === 'token' && e.ugid.startsWith(`${userid}!`)),
    );
    sim.markDirty();
    return null;
  },

  'GET /access/users/{userid}/token': ({ sim, params }) =>
    Object.entries(user(sim, str(params.userid)!).tokens).map(([tokenid, t]) => ({
      tokenid,
      ...tokenInfo(t),
    })),

  'GET /access/users/{userid}/token/{tokenid}': ({ sim, params }) => {
    const t = user(sim, str(params.userid)!).tokens[str(params.tokenid)!];
    if (!t) throw fail(`no such token '${str(params.tokenid)}' for user '${str(params.userid)}'`);
    return tokenInfo(t);
  },

  'POST /access/users/{userid}/token/{tokenid}': ({ sim, params }) => {
    const userid = str(params.userid)!;
    const tokenid = str(params.tokenid)!;
    const u = user(sim, userid);
    if (u.tokens[tokenid]) throw fail('Token already exists.');
    const t = {
      privsep: bool(params.privsep) ?? true,
      expire: int(params.expire) ?? 0,
      comment: str(params.comment),
      secret: sim.newSecret(),
    };
    u.tokens[tokenid] = t;
    sim.markDirty();
    return { 'full-tokenid': `${userid}!${tokenid}`, info: tokenInfo(t), value: t.secret };
  },

  'PUT /access/users/{userid}/token/{tokenid}': ({ sim, params }) => {
    const userid = str(params.userid)!;
    const tokenid = str(params.tokenid)!;
    const t = user(sim, userid).tokens[tokenid];
    if (!t) throw fail(`no such token '${tokenid}' for user '${userid}'`);
    if (params.privsep !== undefined) t.privsep = bool(params.privsep)!;
    if (params.expire !== undefined) t.expire = int(params.expire)!;
    if (params.comment !== undefined) t.comment = str(params.comment);
    for (const k of splitList(str(params.delete) ?? '')) if (k === 'comment') t.comment = undefined;
    const regenerate = bool(params.regenerate) ?? false;
    if (regenerate) t.secret = sim.newSecret();
    sim.markDirty();
    return {
      ...tokenInfo(t),
      ...(regenerate ? { 'full-tokenid': `${userid}!${tokenid}`, value: t.secret } : {}),
    };
  },

  'DELETE /access/users/{userid}/token/{tokenid}': ({ sim, params }) => {
    const userid = str(params.userid)!;
    const tokenid = str(params.tokenid)!;
    const u = user(sim, userid);
    if (!u.tokens[tokenid]) throw fail(`no such token '${tokenid}' for user '${userid}'`);
    delete u.tokens[tokenid];
    sim.state.access.acl = sim.state.access.acl.filter(
      (e) => !(e.type === 'token' && e.ugid === `${userid}!${tokenid}`),
    );
    sim.markDirty();
    return null;
  },

  'GET /access/acl': ({ sim, authid }) =>
    sim.state.access.acl
      .filter((e) => can(sim, authid, e.path, ['Permissions.Modify', 'Sys.Audit'], true))
      .map((e) => ({
        path: e.path,
        type: e.type,
        ugid: e.ugid,
        roleid: e.roleid,
        propagate: b01(e.propagate),
      })),

  'PUT /access/acl': ({ sim, params }) => {
    const path = checkAclPath(str(params.path)!);
    const roles = splitList(str(params.roles)!);
    for (const r of roles) if (!sim.state.access.roles[r]) throw fail(`role '${r}' does not exist`);
    const propagate = bool(params.propagate) ?? true;
    const del = bool(params.delete) ?? false;
    const targets: Array<Pick<AclEntry, 'type' | 'ugid'>> = [];
    for (const u of splitList(str(params.users) ?? '')) {
      if (!sim.state.access.users[u]) throw fail(`user '${u}' does not exist`);
      targets.push({ type: 'user', ugid: u });
    }
    for (const g of splitList(str(params.groups) ?? '')) {
      if (!sim.state.access.groups[g]) throw fail(`group '${g}' does not exist`);
      targets.push({ type: 'group', ugid: g });
    }
    for (const t of splitList(str(params.tokens) ?? '')) {
      const { user: u, token } = splitTokenId(t);
      if (!token || !sim.state.access.users[u]?.tokens[token])
        throw fail(`no such token '${token}' for user '${u}'`);
      targets.push({ type: 'token', ugid: t });
    }
    if (targets.length === 0)
      throw paramError({ users: 'at least one of users, groups or tokens is required' });
    const acl = sim.state.access.acl;
    for (const t of targets) {
      for (const roleid of roles) {
        const i = acl.findIndex(
          (e) => e.path === path && e.type === t.type && e.ugid === t.ugid && e.roleid === roleid,
        );
        if (del) {
          if (i >= 0) acl.splice(i, 1);
        } else if (i >= 0) acl[i] = { ...acl[i]!, propagate };
        else acl.push({ path, type: t.type, ugid: t.ugid, roleid, propagate });
      }
    }
    sim.markDirty();
    return null;
  },

  'GET /access/permissions': ({ sim, params, authid }) => {
    const target = str(params.userid) ?? authid;
    if (target !== authid && splitTokenId(target).user !== authid) {
      if (!can(sim, authid, '/access', ['Sys.Audit'])) {
        throw new SimHttpError(403, 'Permission check failed (/access, Sys.Audit)');
      }
    }
    const paths =
      params.path !== undefined
        ? [normalizeAclPath(str(params.path)!)]
        : [
            ...new Set([
              '/',
              '/access',
              '/access/groups',
              '/nodes',
              '/pool',
              '/sdn',
              '/storage',
              '/vms',
              ...sim.state.access.acl.map((e) => e.path),
              // Pool members: they hold what the pool's ACLs give them.
              ...Object.values(sim.state.access.pools).flatMap((p) => [
                ...p.vms.map((v) => `/vms/${v}`),
                ...p.storage.map((s) => `/storage/${s}`),
              ]),
            ]),
          ];
    const out: Record<string, Record<string, number>> = {};
    for (const p of paths) {
      const privs = privilegesAt(sim.state.access, target, p);
      if (privs.size > 0 || params.path !== undefined) {
        out[p] = Object.fromEntries([...privs].sort().map((x) => [x, 1]));
      }
    }
    return out;
  },
};
