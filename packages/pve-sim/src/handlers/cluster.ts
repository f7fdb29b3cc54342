import { accessIndex, evaluateNeed } from '../access.js';
import type { SimCore } from '../core.js';
import { storageTotal, storageUsed } from '../disks.js';
import { nodeUsage, vmUsage } from '../metrics.js';
import { paramError } from '../sim-error.js';
import type { SimStorage, SimVm } from '../state.js';
import { b01, type HandlerTable, int, str } from './types.js';

export const PVE_VERSION = { version: '9.2.3', release: '9.2', repoid: 'b1c0ffee' };

export function can(
  sim: SimCore,
  authid: string,
  path: string,
  privs: string[],
  any = false,
): boolean {
  return evaluateNeed(sim.state.access, authid, { kind: 'perm', path, privs, any }) === null;
}

/** The node's own entry (stats only with Sys.Audit, as PVE's extract_node_stats). */
export function nodeEntry(sim: SimCore, name: string, withStats: boolean) {
  const n = sim.state.nodes[name]!;
  const online = !sim.faults.offlineNodes.has(name);
  const base = {
    id: `node/${name}`,
    type: 'node',
    node: name,
    status: online ? 'online' : 'offline',
    level: '',
  };
  if (!withStats || !online) return base;
  const u = nodeUsage(sim, n);
  return {
    ...base,
    cpu: u.cpu,
    maxcpu: u.maxcpu,
    mem: u.mem,
    maxmem: u.maxmem,
    disk: 8 * 1024 ** 3,
    maxdisk: 100 * 1024 ** 3,
    uptime: u.uptime,
    'cgroup-mode': 2,
  };
}

/** A VM's stats entry (PVE's extract_vm_stats): in `/cluster/resources` and pool members. */
export function vmEntry(sim: SimCore, vm: SimVm): Record<string, unknown> {
  const u = vmUsage(sim, vm);
  return {
    id: `qemu/${vm.vmid}`,
    type: 'qemu',
    vmid: vm.vmid,
    node: vm.node,
    name: vm.config.name ?? `VM ${vm.vmid}`,
    status: vm.status === 'paused' ? 'running' : vm.status,
    template: b01(vm.config.template === '1'),
    maxmem: u.maxmem,
    mem: u.mem,
    maxcpu: u.cpus,
    cpu: u.cpu,
    maxdisk: u.maxdisk,
    disk: 0,
    uptime: u.uptime,
    netin: u.netin,
    netout: u.netout,
    diskread: u.diskread,
    diskwrite: u.diskwrite,
  };
}

/** A storage's stats entry on `node` (PVE's extract_storage_stats). */
export function storageEntry(sim: SimCore, s: SimStorage, name: string): Record<string, unknown> {
  return {
    id: `storage/${name}/${s.id}`,
    type: 'storage',
    storage: s.id,
    node: name,
    status: sim.faults.offlineNodes.has(name) ? 'unknown' : 'available',
    maxdisk: storageTotal(sim, s, name),
    disk: storageUsed(sim, s.id, name),
    content: s.content.join(','),
    plugintype: s.type,
    shared: b01(s.shared),
  };
}

export const clusterHandlers: HandlerTable = {
  'GET /version': () => PVE_VERSION,

  'GET /cluster/resources': ({ sim, params, authid }) => {
    const type = str(params.type);
    const out: Array<Record<string, unknown>> = [];
    // One listing checks every VM: the pools are indexed once and each path answered once
    // (nothing changes the access state while the request reads it).
    const index = accessIndex(sim.state.access);
    const answers = new Map<string, boolean>();
    const can = (path: string, privs: string[], any = false) => {
      const key = `${path} ${privs.join(',')} ${any}`;
      let ok = answers.get(key);
      if (ok === undefined) {
        const need = { kind: 'perm' as const, path, privs, any };
        ok = evaluateNeed(sim.state.access, authid, need, index) === null;
        answers.set(key, ok);
      }
      return ok;
    };
    if (!type) {
      for (const pool of Object.keys(sim.state.access.pools).sort()) {
        if (!can(`/pool/${pool}`, ['Pool.Audit'])) continue;
        out.push({ id: `/pool/${pool}`, type: 'pool', pool });
      }
    }
    if (!type || type === 'vm') {
      for (const vm of Object.values(sim.state.vms)) {
        if (!can(`/vms/${vm.vmid}`, ['VM.Audit'])) continue;
        const pool = index.poolOf(vm.vmid);
        out.push({
          ...vmEntry(sim, vm),
          ...(vm.config.tags ? { tags: vm.config.tags } : {}),
          ...(vm.config.lock ? { lock: vm.config.lock } : {}),
          // Named only to who may audit the pool (PVE's resources call).
          ...(pool !== undefined && can(`/pool/${pool}`, ['Pool.Audit']) ? { pool } : {}),
        });
      }
    }
    if (!type || type === 'node') {
      for (const name of Object.keys(sim.state.nodes)) {
        out.push(nodeEntry(sim, name, can(`/nodes/${name}`, ['Sys.Audit'])));
      }
    }
    if (!type || type === 'storage') {
      for (const name of Object.keys(sim.state.nodes)) {
        for (const s of Object.values(sim.state.storages)) {
          if (!s.shared && sim.state.nodes[name]!.storageSize[s.id] === undefined) continue;
          if (!can(`/storage/${s.id}`, ['Datastore.Audit', 'Datastore.AllocateSpace'], true))
            continue;
          out.push(storageEntry(sim, s, name));
        }
      }
    }
    return out;
  },

  'GET /cluster/nextid': ({ sim, params }) => {
    const wanted = int(params.vmid);
    if (wanted !== undefined) {
      if (sim.state.vms[String(wanted)]) throw paramError({ vmid: `VM ${wanted} already exists` });
      return wanted;
    }
    for (let id = 100; ; id++) if (!sim.state.vms[String(id)]) return id;
  },

  'GET /cluster/status': ({ sim }) => {
    const names = Object.keys(sim.state.nodes);
    return [
      {
        type: 'cluster',
        id: 'cluster',
        name: 'blockhost-sim',
        nodes: names.length,
        quorate: 1,
        version: names.length,
      },
      ...names.map((name, i) => ({
        type: 'node',
        id: `node/${name}`,
        name,
        nodeid: i + 1,
        ip: sim.state.nodes[name]!.ip,
        online: b01(!sim.faults.offlineNodes.has(name)),
        local: b01(i === 0),
        level: '',
      })),
    ];
  },

  'GET /cluster/tasks': ({ sim, authid }) =>
    sim.state.tasks
      .filter((t) => t.user === authid || can(sim, authid, `/nodes/${t.node}`, ['Sys.Audit']))
      .slice(-200)
      .reverse()
      .map((t) => ({
        upid: t.upid,
        node: t.node,
        type: t.type,
        id: t.id,
        user: t.user,
        starttime: t.starttime,
        ...(t.endtime !== undefined ? { endtime: t.endtime, status: t.exitstatus } : {}),
      })),
};
