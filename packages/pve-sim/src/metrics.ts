import type { SimCore } from './core.js';
import { bootDiskSize } from './disks.js';
import { MiB, type SimNode, type SimVm } from './state.js';

/**
 * Usage numbers for status, resources and RRD data: allocations are exact
 * (memory, cores, disk sizes from the config), live usage is a deterministic
 * function of the VMID and uptime so tests can rely on it.
 */

export function vmMemoryMiB(vm: SimVm): number {
  const m = vm.config.memory;
  if (!m) return 512;
  const current = /(?:^|,)(?:current=)?([0-9]+)(?:,|$)/.exec(m);
  return current ? Number(current[1]) : 512;
}

export function vmCpus(vm: SimVm): number {
  const cores = Number(vm.config.cores ?? 1);
  const sockets = Number(vm.config.sockets ?? 1);
  return (Number.isFinite(cores) ? cores : 1) * (Number.isFinite(sockets) ? sockets : 1);
}

/** A stable fraction in [0,1) for a VM and a slot (hash of the two). */
function jitter(vmid: number, slot: number): number {
  let h = (vmid * 2654435761 + slot * 40503) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x45d9f3b) >>> 0;
  h ^= h >>> 16;
  return (h % 10_000) / 10_000;
}

export interface VmUsage {
  cpu: number;
  mem: number;
  maxmem: number;
  maxdisk: number;
  disk: number;
  cpus: number;
  uptime: number;
  netin: number;
  netout: number;
  diskread: number;
  diskwrite: number;
}

export function vmUsage(sim: SimCore, vm: SimVm, at = sim.now()): VmUsage {
  const maxmem = vmMemoryMiB(vm) * MiB;
  const maxdisk = bootDiskSize(sim, vm);
  const cpus = vmCpus(vm);
  const on = vm.status !== 'stopped' && vm.startedAt !== null && at >= vm.startedAt;
  const uptime = on ? Math.max(0, Math.floor((at - vm.startedAt!) / 1000)) : 0;
  const slot = Math.floor(at / 60_000);
  return {
    cpu: on ? 0.01 + 0.2 * jitter(vm.vmid, slot) : 0,
    mem: on ? Math.floor(maxmem * (0.3 + 0.3 * jitter(vm.vmid, slot + 7))) : 0,
    maxmem,
    maxdisk,
    disk: 0,
    cpus,
    uptime,
    netin: on ? uptime * 1500 : 0,
    netout: on ? uptime * 900 : 0,
    diskread: on ? uptime * 8192 : 0,
    diskwrite: on ? uptime * 4096 : 0,
  };
}

export interface NodeUsage {
  mem: number;
  maxmem: number;
  cpu: number;
  maxcpu: number;
  uptime: number;
}

/** A node's memory use: the host's own plus every running VM's full allocation. */
export function nodeUsage(sim: SimCore, node: SimNode): NodeUsage {
  let mem = node.hostMemory;
  let cpu = 0.02;
  for (const vm of Object.values(sim.state.vms)) {
    if (vm.node !== node.name || vm.status === 'stopped') continue;
    mem += vmMemoryMiB(vm) * MiB;
    cpu += (vmUsage(sim, vm).cpu * vmCpus(vm)) / node.cores;
  }
  return {
    mem: Math.min(mem, node.memory),
    maxmem: node.memory,
    cpu: Math.min(1, cpu),
    maxcpu: node.cores,
    uptime: Math.floor(sim.now() / 1000) % 10_000_000,
  };
}

const STEP: Record<string, number> = {
  hour: 60,
  day: 1800,
  week: 10_800,
  month: 43_200,
  year: 604_800,
};

/** 70 RRD rows ending now, like PVE's rrddata. */
export function vmRrd(sim: SimCore, vm: SimVm, timeframe: string): Record<string, number>[] {
  const step = STEP[timeframe] ?? 60;
  const end = Math.floor(sim.now() / 1000 / step) * step;
  const rows: Record<string, number>[] = [];
  for (let i = 69; i >= 0; i--) {
    const t = end - i * step;
    const u = vmUsage(sim, vm, t * 1000);
    rows.push({
      time: t,
      cpu: u.cpu,
      maxcpu: u.cpus,
      mem: u.mem,
      maxmem: u.maxmem,
      disk: 0,
      maxdisk: u.maxdisk,
      netin: u.uptime > 0 ? 1500 : 0,
      netout: u.uptime > 0 ? 900 : 0,
      diskread: u.uptime > 0 ? 8192 : 0,
      diskwrite: u.uptime > 0 ? 4096 : 0,
    });
  }
  return rows;
}
