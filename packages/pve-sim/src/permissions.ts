import type { MethodDef, ParamValue, PermCheck } from '@blockhost/proxmox/schema';
import { expressionNeed, fillPath } from '@blockhost/proxmox/schema';
import { closest, type Denied, deniedMessage, evaluateNeed, splitTokenId } from './access.js';
import type { SimCore } from './core.js';
import { SimHttpError } from './sim-error.js';

/**
 * Evaluates a method's `permissions` from the schema for a caller, like
 * PVE's RPCEnvironment::check_api2_permissions. Returns the 403 to answer,
 * or null when the call may proceed (handlers add their own finer checks).
 */
export function checkMethodPermissions(
  sim: SimCore,
  method: MethodDef,
  authid: string,
  params: Readonly<Record<string, ParamValue>>,
): SimHttpError | null {
  const { user, token } = splitTokenId(authid);
  if (token !== undefined && !method.allowToken) {
    return new SimHttpError(403, 'API tokens cannot be used for this API call');
  }
  const perms = method.permissions;
  const isRoot =
    user === 'root@pam' &&
    (token === undefined || !sim.state.access.users[user]?.tokens[token]?.privsep);
  if (!perms || (!perms.check && !perms.user)) {
    return isRoot ? null : new SimHttpError(403, 'Permission check failed (user != root@pam)');
  }
  if (!perms.check) return null; // user: all / world
  const denied = evalCheck(sim, perms.check, authid, params);
  return denied ? new SimHttpError(403, deniedMessage(denied)) : null;
}

function can(
  sim: SimCore,
  authid: string,
  path: string,
  privs: readonly string[],
  any: boolean,
): Denied | null {
  return evaluateNeed(sim.state.access, authid, { kind: 'perm', path, privs, any });
}

function evalCheck(
  sim: SimCore,
  check: PermCheck,
  authid: string,
  params: Readonly<Record<string, ParamValue>>,
): Denied | null {
  const [op, ...rest] = check;
  switch (op) {
    case 'perm':
    case 'and':
    case 'or': {
      if (op !== 'perm') {
        const denials: Denied[] = [];
        for (const sub of rest) {
          const d = Array.isArray(sub) ? evalCheck(sim, sub, authid, params) : null;
          if (op === 'and' && d) return d;
          if (op === 'or' && !d) return null;
          if (d) denials.push(d);
        }
        // PVE names one failed check; for an `or`, the alternative closest to passing.
        return op === 'and' ? null : closest(denials);
      }
      const need = expressionNeed(check, params);
      return need ? evaluateNeed(sim.state.access, authid, need) : null;
    }
    case 'userid-param': {
      const target = String(params.userid ?? '');
      if (rest[0] === 'self') {
        return !authid.includes('!') && authid === target
          ? null
          : { path: '/access', privs: ['self'], any: false };
      }
      const realm = target.slice(target.lastIndexOf('@') + 1);
      return can(sim, authid, `/access/realm/${realm}`, [String(rest[0])], false);
    }
    case 'userid-group': {
      const privs = (rest[0] as string[]) ?? [];
      const opts = rest.slice(1);
      const groupsParam = opts[0] === 'groups_param';
      const groups =
        groupsParam && typeof params.groups === 'string'
          ? params.groups.split(/[,;\s]+/).filter(Boolean)
          : [];
      if (groups.length > 0) {
        for (const g of groups) {
          const d = can(sim, authid, `/access/groups/${g}`, privs, true);
          if (d) return d;
        }
        return null;
      }
      const onAll = can(sim, authid, '/access/groups', privs, true);
      if (!onAll || groupsParam) return onAll;
      const member = sim.state.access.users[String(params.userid ?? '')]?.groups ?? [];
      return member.some((g) => !can(sim, authid, `/access/groups/${g}`, privs, true))
        ? null
        : onAll;
    }
    case 'perm-modify': {
      const path = fillPath(String(rest[0]), params);
      const extra = /^\/storage\/.+/.test(path)
        ? 'Datastore.Allocate'
        : /^\/vms\/.+/.test(path)
          ? 'VM.Allocate'
          : /^\/pool\/.+/.test(path)
            ? 'Pool.Allocate'
            : undefined;
      return can(sim, authid, path, ['Permissions.Modify', ...(extra ? [extra] : [])], true);
    }
    default:
      return { path: '/', privs: [`unsupported check '${String(op)}'`], any: false };
  }
}
