import { splitTokenId } from '../access.js';
import type { SimCore } from '../core.js';
import { nodeUsage } from '../metrics.js';
import { fail, SimHttpError } from '../sim-error.js';
import type { SimTask } from '../state.js';
import { can, nodeEntry, PVE_VERSION } from './cluster.js';
import { bool, type HandlerTable, int, str } from './types.js';

const UPID =
  /^UPID:([a-zA-Z0-9][a-zA-Z0-9-]*):([0-9A-F]{8}):([0-9A-F]{8,9}):([0-9A-F]{8}):([^:\s]+):([^:\s]*):([^:\s]+):$/;

/** A task of `node` the caller may read: its owner, or Sys.Audit on the node. */
function readableTask(sim: SimCore, authid: string, node: string, upid: string): SimTask {
  if (!UPID.test(upid))
    throw new SimHttpError(400, 'Parameter verification failed.', {
      upid: 'unable to parse worker upid',
    });
  const m = UPID.exec(upid)!;
  if (m[1] !== node) throw fail(`no such task '${upid}' on node '${node}'`);
  if (sim.taskInvisible(upid)) {
    // A task that was just forked may not be visible yet (cluster file system lag).
    throw sim.rng() < 0.5
      ? new SimHttpError(400, 'Parameter verification failed.', { upid: 'no such task' })
      : new SimHttpError(404, 'no such task');
  }
  const t = sim.task(upid);
  if (!t) throw new SimHttpError(404, 'no such task');
  if (!ownsTask(authid, t) && !can(sim, authid, `/nodes/${node}`, ['Sys.Audit'])) {
    throw new SimHttpError(403, `Permission check failed (/nodes/${node}, Sys.Audit)`);
  }
  return t;
}

function ownsTask(authid: string, t: SimTask): boolean {
  if (t.user === authid) return true;
  // A user may read the tasks of their own tokens.
  return splitTokenId(t.user).user === authid;
}

function taskEntry(t: SimTask) {
  return {
    upid: t.upid,
    node: t.node,
    pid: t.pid,
    pstart: t.pstart,
    starttime: t.starttime,
    type: t.type,
    id: t.id,
    user: t.user,
    ...(t.status === 'stopped' ? { endtime: t.endtime, status: t.exitstatus } : {}),
  };
}

export const nodeHandlers: HandlerTable = {
  'GET /nodes': ({ sim, authid }) =>
    Object.keys(sim.state.nodes).map((name) => {
      const {
        id: _id,
        type: _type,
        ...e
      } = nodeEntry(sim, name, can(sim, authid, `/nodes/${name}`, ['Sys.Audit']));
      return { ...e, ssl_fingerprint: sim.tlsFingerprint ?? '' };
    }),

  'GET /nodes/{node}': ({ sim, params }) => {
    sim.node(str(params.node)!);
    return ['qemu', 'storage', 'tasks', 'status', 'network', 'rrddata', 'version'].map((name) => ({
      name,
    }));
  },

  'GET /nodes/{node}/status': ({ sim, params }) => {
    const n = sim.node(str(params.node)!);
    const u = nodeUsage(sim, n);
    return {
      cpu: u.cpu,
      cpuinfo: {
        cpus: n.cores,
        cores: n.cores,
        sockets: 1,
        model: 'Simulated CPU @ 3.0GHz',
        mhz: '3000.000',
        hvm: '1',
      },
      memory: { total: n.memory, used: u.mem, free: n.memory - u.mem, available: n.memory - u.mem },
      swap: { total: 0, used: 0, free: 0 },
      rootfs: {
        total: 100 * 1024 ** 3,
        used: 8 * 1024 ** 3,
        free: 92 * 1024 ** 3,
        avail: 92 * 1024 ** 3,
      },
      loadavg: ['0.10', '0.12', '0.08'],
      uptime: u.uptime,
      pveversion: `pve-manager/${PVE_VERSION.version}/${PVE_VERSION.repoid}`,
      kversion: 'Linux 6.14.8-2-pve #1 SMP PREEMPT_DYNAMIC PMX 6.14.8-2',
      'current-kernel': {
        sysname: 'Linux',
        release: '6.14.8-2-pve',
        version: '#1 SMP PREEMPT_DYNAMIC PMX 6.14.8-2',
        machine: 'x86_64',
      },
      'boot-info': { mode: 'efi', secureboot: 0 },
    };
  },

  'GET /nodes/{node}/version': ({ sim, params }) => {
    sim.node(str(params.node)!);
    return PVE_VERSION;
  },

  'GET /nodes/{node}/network': ({ sim, params }) => {
    const n = sim.node(str(params.node)!);
    const type = str(params.type);
    if (type && type !== 'bridge' && type !== 'any_bridge') return [];
    return n.bridges.map((iface, i) => ({
      iface,
      type: 'bridge',
      active: 1,
      autostart: 1,
      bridge_ports: `eno${i + 1}`,
      families: ['inet'],
      method: 'static',
      method6: 'manual',
      priority: i + 3,
    }));
  },

  'GET /nodes/{node}/tasks': ({ sim, params, authid }) => {
    const node = str(params.node)!;
    sim.node(node);
    const source = str(params.source) ?? 'archive';
    const vmid = int(params.vmid);
    const typefilter = str(params.typefilter);
    const userfilter = str(params.userfilter);
    const errors = bool(params.errors) ?? false;
    const start = int(params.start) ?? 0;
    const limit = int(params.limit) ?? 50;
    const audit = can(sim, authid, `/nodes/${node}`, ['Sys.Audit']);
    return sim.state.tasks
      .filter((t) => t.node === node)
      .filter((t) => audit || ownsTask(authid, t))
      .filter((t) => source === 'all' || (source === 'active') === (t.status === 'running'))
      .filter((t) => vmid === undefined || t.id === String(vmid))
      .filter((t) => !typefilter || t.type === typefilter)
      .filter((t) => !userfilter || t.user.includes(userfilter))
      .filter((t) => !errors || (t.status === 'stopped' && t.exitstatus !== 'OK'))
      .reverse()
      .slice(start, start + limit)
      .map(taskEntry);
  },

  'GET /nodes/{node}/tasks/{upid}': ({ sim, params, authid }) => {
    readableTask(sim, authid, str(params.node)!, str(params.upid)!);
    return [{ name: 'log' }, { name: 'status' }];
  },

  'GET /nodes/{node}/tasks/{upid}/status': ({ sim, params, authid }) => {
    const t = readableTask(sim, authid, str(params.node)!, str(params.upid)!);
    return {
      upid: t.upid,
      node: t.node,
      pid: t.pid,
      pstart: t.pstart,
      starttime: t.starttime,
      type: t.type,
      id: t.id,
      user: t.user,
      status: t.status,
      ...(t.status === 'stopped' ? { exitstatus: t.exitstatus } : {}),
    };
  },

  'GET /nodes/{node}/tasks/{upid}/log': ({ sim, params, authid }) => {
    const t = readableTask(sim, authid, str(params.node)!, str(params.upid)!);
    const start = int(params.start) ?? 0;
    const limit = int(params.limit) ?? 50;
    const lines = t.log.length > 0 ? t.log : ['no content'];
    return lines.slice(start, start + limit).map((line, i) => ({ n: start + i + 1, t: line }));
  },
};
