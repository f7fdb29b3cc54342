import { splitList } from '@blockhost/proxmox/schema';
import { deniedMessage, evaluateNeed, poolOfVm, type SimPool } from '../access.js';
import type { SimCore } from '../core.js';
import { fail, SimHttpError } from '../sim-error.js';
import { can, storageEntry, vmEntry } from './cluster.js';
import { bool, type HandlerCtx, type HandlerTable, str } from './types.js';

/**
 * Resource pools (pve-manager's PVE::API2::Pool): `GET/POST/PUT/DELETE
 * /pools` with `poolid` as a parameter, and the older `/pools/{poolid}`
 * forms. Membership is what gives a pool's ACLs their meaning (see
 * access.ts); here it is created and changed, with PVE's checks and messages.
 */

/** RPCEnvironment::check_pool_exist, as create and clone call it for their `pool` parameter. */
export function requirePoolExists(sim: SimCore, poolid: string): void {
  if (!sim.state.access.pools[poolid])
    throw new SimHttpError(403, `Permission check failed (pool '${poolid}' does not exist)`);
}

/** PVE's add_vm_to_pool: after a create or clone; nothing if the pool is gone meanwhile. */
export function addVmToPool(sim: SimCore, vmid: number, poolid: string): void {
  const p = sim.state.access.pools[poolid];
  if (!p) return;
  for (const other of Object.values(sim.state.access.pools))
    other.vms = other.vms.filter((v) => v !== vmid);
  p.vms.push(vmid);
  sim.markDirty();
}

function pool(sim: SimCore, poolid: string): SimPool {
  const p = sim.state.access.pools[poolid];
  if (!p) throw fail(`pool '${poolid}' does not exist`);
  return p;
}

/** RPCEnvironment::check_perm_modify for an object added to or removed from a pool. */
function requirePermModify(sim: SimCore, authid: string, path: string): void {
  const extra = path.startsWith('/storage/') ? 'Datastore.Allocate' : 'VM.Allocate';
  const denied = evaluateNeed(sim.state.access, authid, {
    kind: 'perm',
    path,
    privs: ['Permissions.Modify', extra],
    any: true,
  });
  if (denied) throw new SimHttpError(403, deniedMessage(denied));
}

/** The pool's members as PVE lists them: VMs that exist, then storages that exist. */
function members(sim: SimCore, p: SimPool, type: string | undefined) {
  const out: Array<Record<string, unknown>> = [];
  for (const vmid of [...p.vms].sort((a, b) => a - b)) {
    const vm = sim.state.vms[String(vmid)];
    if (!vm || (type !== undefined && type !== 'qemu')) continue;
    out.push(vmEntry(sim, vm));
  }
  if (type === undefined || type === 'storage') {
    const local = Object.keys(sim.state.nodes)[0]!;
    for (const id of [...p.storage].sort()) {
      const s = sim.state.storages[id];
      if (!s) continue;
      // PVE prefers the local node, else the first node the storage is on.
      const node = s.shared
        ? local
        : (Object.keys(sim.state.nodes).find(
            (n) => sim.state.nodes[n]!.storageSize[id] !== undefined,
          ) ?? local);
      out.push(storageEntry(sim, s, node));
    }
  }
  return out;
}

function index({ sim, params, authid }: HandlerCtx) {
  const poolid = str(params.poolid);
  if (poolid !== undefined) {
    // PVE checks Pool.Audit here without acting on the answer: one pool is readable by anyone.
    const p = pool(sim, poolid);
    return [
      {
        poolid,
        ...(p.comment !== undefined ? { comment: p.comment } : {}),
        members: members(sim, p, str(params.type)),
      },
    ];
  }
  return Object.keys(sim.state.access.pools)
    .sort()
    .filter((id) => can(sim, authid, `/pool/${id}`, ['Pool.Audit']))
    .map((id) => {
      const c = sim.state.access.pools[id]!.comment;
      return { poolid: id, ...(c !== undefined ? { comment: c } : {}) };
    });
}

function update({ sim, params, authid }: HandlerCtx) {
  const poolid = str(params.poolid)!;
  const p = pool(sim, poolid);
  // Checked and applied one object at a time, like PVE (which writes user.cfg only at the end):
  // work on a copy so a refusal half-way changes nothing.
  const next: SimPool = { ...p, vms: [...p.vms], storage: [...p.storage] };
  const moves: Array<{ vmid: number; from: string }> = [];
  if (params.comment !== undefined) next.comment = str(params.comment);
  const del = bool(params.delete) ?? false;
  for (const v of splitList(str(params.vms) ?? '')) {
    const vmid = Number(v);
    requirePermModify(sim, authid, `/vms/${vmid}`);
    if (del) {
      if (!next.vms.includes(vmid)) throw fail(`VM ${vmid} is not a pool member`);
      next.vms = next.vms.filter((x) => x !== vmid);
      continue;
    }
    if (next.vms.includes(vmid)) throw fail(`VM ${vmid} is already a pool member`);
    const existing = poolOfVm(sim.state.access, vmid);
    if (existing !== undefined && existing !== poolid) {
      if (!bool(params['allow-move']))
        throw fail(`VM ${vmid} belongs already to pool '${existing}' and 'allow-move' is not set`);
      const denied = evaluateNeed(sim.state.access, authid, {
        kind: 'perm',
        path: `/pool/${existing}`,
        privs: ['Pool.Allocate'],
        any: false,
      });
      if (denied) throw new SimHttpError(403, deniedMessage(denied));
      moves.push({ vmid, from: existing });
    }
    next.vms.push(vmid);
  }
  for (const id of splitList(str(params.storage) ?? '')) {
    requirePermModify(sim, authid, `/storage/${id}`);
    if (del) {
      if (!next.storage.includes(id)) throw fail(`Storage '${id}' is not a pool member`);
      next.storage = next.storage.filter((x) => x !== id);
      continue;
    }
    if (next.storage.includes(id)) throw fail(`Storage '${id}' is already a pool member`);
    next.storage.push(id);
  }
  for (const m of moves) {
    const from = sim.state.access.pools[m.from]!;
    from.vms = from.vms.filter((x) => x !== m.vmid);
  }
  sim.state.access.pools[poolid] = next;
  sim.markDirty();
  return null;
}

function remove({ sim, params }: HandlerCtx) {
  const poolid = str(params.poolid)!;
  const p = pool(sim, poolid);
  for (const child of Object.keys(sim.state.access.pools).sort()) {
    if (child.startsWith(`${poolid}/`))
      throw fail(`pool '${poolid}' is not empty (contains pool '${child}')`);
  }
  for (const vmid of [...p.vms].sort((a, b) => a - b)) {
    if (sim.state.vms[String(vmid)])
      throw fail(`pool '${poolid}' is not empty (contains VM ${vmid})`);
  }
  for (const id of [...p.storage].sort()) {
    if (sim.state.storages[id])
      throw fail(`pool '${poolid}' is not empty (contains storage '${id}')`);
  }
  delete sim.state.access.pools[poolid];
  // PVE's delete_pool_acl: the pool's own ACL entries go with it.
  const path = `/pool/${poolid}`;
  sim.state.access.acl = sim.state.access.acl.filter((e) => e.path !== path);
  sim.markDirty();
  return null;
}

export const poolHandlers: HandlerTable = {
  'GET /pools': index,

  'POST /pools': ({ sim, params }) => {
    const poolid = str(params.poolid)!;
    if (sim.state.access.pools[poolid]) throw fail(`pool '${poolid}' already exists`);
    const nested = /^(.*)\/([^/]+)$/.exec(poolid);
    if (nested) {
      if (!sim.state.access.pools[nested[1]!])
        throw fail(`parent '${nested[1]}' of pool '${poolid}' does not exist`);
      if (!/^[A-Za-z]/.test(nested[2]!)) throw fail('pool name must start with a letter');
    } else if (!/^[A-Za-z]/.test(poolid)) throw fail('pool name must start with a letter');
    const comment = str(params.comment);
    sim.state.access.pools[poolid] = { vms: [], storage: [], ...(comment ? { comment } : {}) };
    sim.markDirty();
    return null;
  },

  'PUT /pools': update,
  'DELETE /pools': remove,

  'GET /pools/{poolid}': (ctx) => {
    const { poolid: _, ...rest } = index(ctx)[0] as Record<string, unknown>;
    return rest;
  },
  'PUT /pools/{poolid}': update,
  'DELETE /pools/{poolid}': remove,
};
