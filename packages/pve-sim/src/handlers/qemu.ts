import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FormatKeyDef, ParamValue } from '@blockhost/proxmox/schema';
import {
  formatPropertyString,
  handlerNeeds,
  isCdromDrive,
  NOT_CONFIG_PARAMS,
  parseDrive,
  parsePropertyString,
  pveSchema,
  splitList,
} from '@blockhost/proxmox/schema';
import { removeVmAccess } from '../access.js';
import { SimCore, TaskFailure } from '../core.js';
import {
  allocVolume,
  deleteKey,
  findVolume,
  formatSize,
  freeVolume,
  isDriveKey,
  parseSize,
  renameVolume,
  setDrive,
  vmVolumes,
} from '../disks.js';
import { applyUserData, blobStore } from '../guest.js';
import { vmRrd, vmUsage } from '../metrics.js';
import { fail, paramError } from '../sim-error.js';
import { MiB, newGuest, type SimVm } from '../state.js';
import { addVmToPool, requirePoolExists } from './pools.js';
import { b01, bool, type HandlerTable, int, str } from './types.js';

let netKeys: Record<string, FormatKeyDef> | undefined;
function netFormat(): Record<string, FormatKeyDef> {
  netKeys ??= pveSchema().paths['/nodes/{node}/qemu/{vmid}/config']!.POST!.params['net[n]']!
    .format as Record<string, FormatKeyDef>;
  return netKeys;
}

export function parseNet(value: string): Record<string, string> {
  return parsePropertyString(value, netFormat()).values;
}

/** PVE's default MAC prefix (Proxmox Server Solutions OUI). */
function newMac(sim: SimCore): string {
  const h = sim.randomHex(3).toUpperCase();
  return `BC:24:11:${h.slice(0, 2)}:${h.slice(2, 4)}:${h.slice(4, 6)}`;
}

/** `virtio,bridge=vmbr0` → `virtio=BC:24:11:…,bridge=vmbr0` (a MAC is generated when missing). */
function normalizeNet(sim: SimCore, value: string, regenerateMac = false): string {
  const v = parseNet(value);
  const model = v.model ?? 'virtio';
  const mac = !regenerateMac && v.macaddr ? v.macaddr.toUpperCase() : newMac(sim);
  const rest: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (k !== 'model' && k !== 'macaddr') rest[k] = x;
  const tail = formatPropertyString(rest, {});
  return `${model}=${mac}${tail ? `,${tail}` : ''}`;
}

function normalizeTags(value: string): string {
  return [...new Set(splitList(value))].join(';');
}

function configValue(v: ParamValue): string {
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (Array.isArray(v)) return v.join(',');
  return String(v);
}

function uuid(sim: SimCore): string {
  const h = sim.randomHex(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Applies create/update parameters to `vm.config` (deletes first, then sets), like update_vm. */
function applyConfig(
  sim: SimCore,
  vm: SimVm,
  params: Record<string, ParamValue>,
  log: (l: string) => void,
): void {
  const force = bool(params.force) ?? false;
  for (const key of splitList(str(params.delete) ?? '')) {
    if (params[key] !== undefined)
      throw paramError({ delete: `cannot set and delete '${key}' at the same time` });
    deleteKey(sim, vm, key, force);
  }
  for (const [key, value] of Object.entries(params)) {
    if (NOT_CONFIG_PARAMS.has(key)) continue;
    const text = configValue(value);
    if (isDriveKey(key)) setDrive(sim, vm, key, text, log);
    else if (/^net[0-9]+$/.test(key)) vm.config[key] = normalizeNet(sim, text);
    else if (key === 'tags') vm.config.tags = normalizeTags(text);
    else vm.config[key] = text;
  }
}

/** Config keys typed like the schema's `returns` of GET config (integers, booleans as numbers). */
function typedConfig(config: Record<string, string>): Record<string, string | number> {
  const props =
    pveSchema().paths['/nodes/{node}/qemu/{vmid}/config']!.GET!.returns.properties ?? {};
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(config)) {
    const def = props[k] ?? props[`${k.replace(/[0-9]+$/, '')}[n]`];
    const t = def?.type;
    out[k] = t === 'integer' || t === 'number' || t === 'boolean' ? Number(v) : v;
  }
  out.digest = SimCore.digest(config);
  return out;
}

function bridgesOf(config: Record<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(config)) {
    if (/^net[0-9]+$/.test(k)) {
      const b = parseNet(v).bridge;
      if (b) out.push(b);
    }
  }
  return out;
}

function diskStorages(config: Record<string, string>): string[] {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(config)) {
    if (!isDriveKey(k)) continue;
    const d = parseDrive(v);
    if (isCdromDrive(d) && !/cloudinit/.test(d.file)) continue;
    const s = d.file.split(':')[0];
    if (s && d.file.includes(':')) out.add(s);
  }
  return [...out];
}

function agentEnabled(vm: SimVm): boolean {
  const a = vm.config.agent;
  if (!a) return false;
  const m = /(?:^|,)(?:enabled=)?([01]|true|false|yes|no|on|off)(?:,|$)/i.exec(a);
  return m ? /^(1|true|yes|on)$/i.test(m[1]!) : false;
}

/** The guest agent answers only on a running VM with the agent configured, after boot. */
export function agentReady(sim: SimCore, vm: SimVm): void {
  if (vm.status !== 'running') throw fail(`VM ${vm.vmid} is not running`);
  if (!agentEnabled(vm)) throw fail('No QEMU guest agent configured');
  if (vm.startedAt === null || sim.now() - vm.startedAt < sim.opts.bootMs) {
    throw fail('QEMU guest agent is not running');
  }
}

/** Checks the `cicustom` snippets exist on the VM's node and feeds the user-data to the guest. */
function bootCloudInit(sim: SimCore, vm: SimVm, log: (l: string) => void): void {
  const custom = vm.config.cicustom
    ? parsePropertyString(vm.config.cicustom, {
        meta: { optional: true },
        network: { optional: true },
        user: { optional: true },
        vendor: { optional: true },
      }).values
    : {};
  let userData: string | undefined;
  for (const [kind, volid] of Object.entries(custom)) {
    const [storageId, path = ''] = volid.split(':');
    const storage = sim.state.storages[storageId ?? ''];
    if (!storage) throw new TaskFailure(`storage '${storageId}' does not exist`);
    if (!storage.content.includes('snippets')) {
      throw new TaskFailure(`storage '${storageId}' does not support content-type 'snippets'`);
    }
    const m = /^snippets\/([^/]+)$/.exec(path);
    const dir = sim.snippetsDirs[vm.node];
    let text: string | undefined;
    if (m && dir) {
      try {
        text = readFileSync(join(dir, m[1]!), 'utf8');
      } catch {
        text = undefined;
      }
    }
    if (text === undefined) throw new TaskFailure(`volume '${volid}' does not exist`);
    if (kind === 'user') userData = text;
  }
  const hasCloudInit = Object.entries(vm.config).some(
    ([k, v]) => isDriveKey(k) && /cloudinit/.test(parseDrive(v).file),
  );
  if (!hasCloudInit) return;
  if (userData === undefined) {
    // PVE generates user-data from ciuser when there is no custom one.
    const user = vm.config.ciuser;
    userData = `#cloud-config\nhostname: ${vm.config.name ?? `VM${vm.vmid}`}\n${user ? `users:\n  - name: ${user}\n` : ''}`;
  }
  const r = applyUserData(
    vm.guest,
    userData,
    vm.config.name ?? `VM${vm.vmid}`,
    blobStore(sim.state),
  );
  for (const p of r.problems) log(`cloud-init: ${p}`);
}

function startVm(sim: SimCore, vm: SimVm, log: (l: string) => void): void {
  if (vm.status !== 'stopped') throw new TaskFailure(`VM ${vm.vmid} already running`);
  if (vm.config.template === '1') throw new TaskFailure(`you can't start a vm if it's a template`);
  const node = sim.state.nodes[vm.node]!;
  for (const b of bridgesOf(vm.config)) {
    if (!node.bridges.includes(b)) throw new TaskFailure(`bridge '${b}' does not exist`);
  }
  for (const volid of vmVolumes(vm)) {
    if (!findVolume(sim, volid, vm.node)) throw new TaskFailure(`volume '${volid}' does not exist`);
  }
  const resumed = vm.config.lock === 'suspended' && vm.config.vmstate;
  if (resumed) {
    log(`resuming VM ${vm.vmid} from '${vm.config.vmstate}'`);
    freeVolume(sim, vm.config.vmstate!, vm.node);
    delete vm.config.vmstate;
    delete vm.config.lock;
  } else {
    bootCloudInit(sim, vm, log);
  }
  vm.status = 'running';
  vm.startedAt = sim.now();
}

function stopVm(vm: SimVm): void {
  vm.status = 'stopped';
  vm.startedAt = null;
}

const vmid = (p: Record<string, ParamValue>) => int(p.vmid)!;
const node = (p: Record<string, ParamValue>) => str(p.node)!;

function vmListEntry(sim: SimCore, vm: SimVm) {
  const u = vmUsage(sim, vm);
  return {
    vmid: vm.vmid,
    name: vm.config.name ?? `VM ${vm.vmid}`,
    status: vm.status === 'paused' ? 'running' : vm.status,
    qmpstatus: vm.status,
    cpus: u.cpus,
    cpu: u.cpu,
    maxmem: u.maxmem,
    mem: u.mem,
    maxdisk: u.maxdisk,
    disk: 0,
    uptime: u.uptime,
    netin: u.netin,
    netout: u.netout,
    diskread: u.diskread,
    diskwrite: u.diskwrite,
    ...(vm.config.template === '1' ? { template: 1 } : {}),
    ...(vm.config.tags ? { tags: vm.config.tags } : {}),
    ...(vm.config.lock ? { lock: vm.config.lock } : {}),
  };
}

/** Runs a VM power task with the config lock held. */
function powerTask(
  sim: SimCore,
  authid: string,
  vm: SimVm,
  type: string,
  run: (log: (l: string) => void) => void | Promise<void>,
): string {
  return sim.startTask({
    node: vm.node,
    type,
    id: String(vm.vmid),
    user: authid,
    lockVmid: vm.vmid,
    run,
  });
}

export const qemuHandlers: HandlerTable = {
  'GET /nodes/{node}/qemu': ({ sim, params, authid }) => {
    sim.node(node(params));
    return Object.values(sim.state.vms)
      .filter((vm) => vm.node === node(params))
      .filter((vm) => {
        try {
          sim.require(authid, {
            kind: 'perm',
            path: `/vms/${vm.vmid}`,
            privs: ['VM.Audit'],
            any: false,
          });
          return true;
        } catch {
          return false;
        }
      })
      .map((vm) => vmListEntry(sim, vm));
  },

  'POST /nodes/{node}/qemu': ({ sim, params, authid }) => {
    const n = node(params);
    sim.node(n);
    const id = vmid(params);
    const pool = str(params.pool);
    if (pool !== undefined) requirePoolExists(sim, pool);
    sim.requireAll(authid, handlerNeeds('POST', '/nodes/{node}/qemu', params));
    if (params.archive !== undefined) throw fail('restore from backup archives is not simulated');
    const existing = sim.state.vms[String(id)];
    if (existing)
      throw fail(`unable to create VM ${id} - VM ${id} already exists on node '${existing.node}'`);
    const vm: SimVm = {
      vmid: id,
      node: n,
      config: { lock: 'create' },
      status: 'stopped',
      startedAt: null,
      guest: newGuest(str(params.name) ?? `VM${id}`),
    };
    sim.state.vms[String(id)] = vm;
    sim.markDirty();
    return sim.startTask({
      node: n,
      type: 'qmcreate',
      id: String(id),
      user: authid,
      lockVmid: id,
      run: async (log) => {
        applyConfig(sim, vm, params, log);
        vm.config.smbios1 ??= `uuid=${uuid(sim)}`;
        vm.config.vmgenid ??= uuid(sim);
        vm.config.meta = `creation-qemu=9.2.0,ctime=${Math.floor(sim.now() / 1000)}`;
        delete vm.config.lock;
        // Like PVE: the VM joins its pool once created (its create-time checks could not use it).
        if (pool !== undefined) addVmToPool(sim, id, pool);
        if (bool(params.start)) startVm(sim, vm, log);
      },
      onFail: () => {
        for (const v of vmVolumes(vm)) freeVolume(sim, v, n);
        delete sim.state.vms[String(id)];
      },
    });
  },

  'GET /nodes/{node}/qemu/{vmid}': ({ sim, params }) => {
    sim.vm(node(params), vmid(params));
    return [
      'config',
      'pending',
      'status',
      'unlink',
      'vncproxy',
      'termproxy',
      'migrate',
      'resize',
      'move',
      'rrd',
      'rrddata',
      'monitor',
      'agent',
      'snapshot',
      'spiceproxy',
      'sendkey',
      'firewall',
      'mtunnel',
      'remote_migrate',
    ].map((subdir) => ({ subdir }));
  },

  'DELETE /nodes/{node}/qemu/{vmid}': ({ sim, params, authid }) => {
    const vm = sim.vm(node(params), vmid(params));
    sim.checkConfigLock(vm, params.skiplock);
    if (vm.status !== 'stopped') throw fail(`VM ${vm.vmid} is running - destroy failed`);
    if (vm.config.protection === '1')
      throw fail(`can't remove VM ${vm.vmid} - protection mode enabled`);
    const purge = bool(params.purge) ?? false;
    const unreferenced = bool(params['destroy-unreferenced-disks']) ?? true;
    return powerTask(sim, authid, vm, 'qmdestroy', (log) => {
      if (!sim.state.vms[String(vm.vmid)]) throw new TaskFailure(`VM ${vm.vmid} does not exist`);
      if (vm.status !== 'stopped')
        throw new TaskFailure(`VM ${vm.vmid} is running - destroy failed`);
      for (const v of vmVolumes(vm)) {
        freeVolume(sim, v, vm.node);
        log(`  Logical volume "${v.split(':')[1]}" successfully removed.`);
      }
      if (unreferenced) {
        for (const v of Object.values(sim.state.volumes)) {
          if (v.vmid === vm.vmid && v.content === 'images')
            freeVolume(sim, v.volid, v.node || vm.node);
        }
      }
      delete sim.state.vms[String(vm.vmid)];
      // PVE's remove_vm_access, purge or not: the VM's ACL entries and pool membership.
      removeVmAccess(sim.state.access, vm.vmid);
      if (purge) log(`purging VM ${vm.vmid} from related configurations..`);
    });
  },

  'GET /nodes/{node}/qemu/{vmid}/config': ({ sim, params }) => {
    const vm = sim.vm(node(params), vmid(params));
    if (params.snapshot !== undefined)
      throw fail(`snapshot '${str(params.snapshot)}' does not exist`);
    return typedConfig(vm.config);
  },

  'GET /nodes/{node}/qemu/{vmid}/pending': ({ sim, params }) => {
    const vm = sim.vm(node(params), vmid(params));
    return Object.entries(typedConfig(vm.config)).map(([key, value]) => ({ key, value }));
  },

  // Sync update: lock taken in the request, 500 on lock timeout.
  'PUT /nodes/{node}/qemu/{vmid}/config': async ({ sim, params, authid }) => {
    const vm = sim.vm(node(params), vmid(params));
    sim.requireAll(authid, handlerNeeds('PUT', '/nodes/{node}/qemu/{vmid}/config', params));
    await sim.withLock(vm.vmid, `sync:${authid}`, () => {
      if (!sim.state.vms[String(vm.vmid)]) throw fail(`VM ${vm.vmid} does not exist`);
      sim.checkConfigLock(vm, params.skiplock);
      const digest = str(params.digest);
      if (digest && digest !== SimCore.digest(vm.config)) {
        throw fail('detected modified configuration - file changed by other user? Try again.');
      }
      applyConfig(sim, vm, params, () => {});
      sim.markDirty();
    });
    return null;
  },

  // Async update: returns a task; the lock is taken by the worker.
  'POST /nodes/{node}/qemu/{vmid}/config': ({ sim, params, authid }) => {
    const vm = sim.vm(node(params), vmid(params));
    sim.requireAll(authid, handlerNeeds('POST', '/nodes/{node}/qemu/{vmid}/config', params));
    sim.checkConfigLock(vm, params.skiplock);
    const digest = str(params.digest);
    if (digest && digest !== SimCore.digest(vm.config)) {
      throw fail('detected modified configuration - file changed by other user? Try again.');
    }
    return powerTask(sim, authid, vm, 'qmconfig', (log) => {
      sim.checkConfigLock(vm, params.skiplock);
      applyConfig(sim, vm, params, log);
    });
  },

  'PUT /nodes/{node}/qemu/{vmid}/resize': ({ sim, params, authid }) => {
    const vm = sim.vm(node(params), vmid(params));
    const disk = str(params.disk)!;
    const value = vm.config[disk];
    if (!value) throw fail(`disk '${disk}' does not exist`);
    const d = parseDrive(value);
    if (isCdromDrive(d)) throw fail(`you can't resize a cdrom`);
    const vol = findVolume(sim, d.file, vm.node);
    if (!vol) throw fail(`volume '${d.file}' does not exist`);
    sim.requireAll(
      authid,
      handlerNeeds('PUT', '/nodes/{node}/qemu/{vmid}/resize', params, { diskStorage: vol.storage }),
    );
    sim.checkConfigLock(vm, params.skiplock);
    const size = str(params.size)!;
    const relative = size.startsWith('+');
    const amount = parseSize(relative ? size.slice(1) : size);
    if (!Number.isFinite(amount))
      throw paramError({ size: 'value does not match the regex pattern' });
    return powerTask(sim, authid, vm, 'resize', (log) => {
      const current = findVolume(sim, d.file, vm.node);
      if (!current) throw new TaskFailure(`volume '${d.file}' does not exist`);
      const newSize = relative ? current.size + amount : amount;
      if (newSize < current.size) throw new TaskFailure('shrinking disks is not supported');
      if (newSize === current.size) return;
      current.size = newSize;
      vm.config[disk] = [
        ...value.split(',').filter((p) => !p.startsWith('size=')),
        `size=${formatSize(newSize)}`,
      ].join(',');
      log(`  Size of logical volume changed to ${formatSize(newSize)}.`);
    });
  },

  'POST /nodes/{node}/qemu/{vmid}/clone': ({ sim, params, authid }) => {
    const src = sim.vm(node(params), vmid(params));
    const newid = int(params.newid)!;
    const isTemplate = src.config.template === '1';
    const full = isTemplate ? (bool(params.full) ?? false) : true;
    const target = str(params.target) ?? src.node;
    sim.node(target);
    const storage = str(params.storage);
    if (!full && storage) throw paramError({ storage: 'storage is only allowed for full clones' });
    if (params.snapname !== undefined) throw fail('cloning from snapshots is not simulated');
    const pool = str(params.pool);
    if (pool !== undefined) requirePoolExists(sim, pool);
    const srcStorages = diskStorages(src.config);
    if (target !== src.node && srcStorages.some((s) => !sim.state.storages[s]?.shared)) {
      throw fail(`can't clone VM to node '${target}' (VM uses local storage)`);
    }
    sim.requireAll(
      authid,
      handlerNeeds('POST', '/nodes/{node}/qemu/{vmid}/clone', params, {
        storages: full && storage ? [storage] : srcStorages,
        bridges: bridgesOf(src.config),
      }),
    );
    sim.checkConfigLock(src);
    if (storage) {
      const s = sim.state.storages[storage];
      if (!s) throw fail(`storage '${storage}' does not exist`);
    }
    if (sim.state.vms[String(newid)])
      throw fail(`unable to create VM ${newid}: config file already exists`);
    // Like PVE: the new config (minus disks) is written at once, locked 'clone'.
    const config: Record<string, string> = { lock: 'clone' };
    for (const [k, v] of Object.entries(src.config)) {
      if (['lock', 'digest', 'template', 'parent', 'vmstate', 'snaptime', 'meta'].includes(k))
        continue;
      if (isDriveKey(k) || /^unused[0-9]+$/.test(k)) continue;
      if (/^net[0-9]+$/.test(k)) config[k] = normalizeNet(sim, v, true);
      else config[k] = v;
    }
    config.name = str(params.name) ?? `Copy-of-VM-${src.config.name ?? src.vmid}`;
    if (params.description !== undefined) config.description = str(params.description)!;
    config.smbios1 = `uuid=${uuid(sim)}`;
    config.vmgenid = uuid(sim);
    const vm: SimVm = {
      vmid: newid,
      node: target,
      config,
      status: 'stopped',
      startedAt: null,
      guest: newGuest(config.name),
    };
    sim.state.vms[String(newid)] = vm;
    sim.markDirty();
    const concKey = `${target}/${storage ?? srcStorages[0] ?? ''}`;
    const conc = sim.cloneConcurrency.get(concKey) ?? { current: 0, max: 0 };
    sim.cloneConcurrency.set(concKey, conc);
    conc.current++;
    conc.max = Math.max(conc.max, conc.current);
    let done = false;
    const finish = () => {
      if (!done) conc.current--;
      done = true;
    };
    return sim.startTask({
      node: src.node,
      type: 'qmclone',
      id: String(src.vmid),
      user: authid,
      // Templates are cloned under a shared lock: parallel clones of one template are fine.
      lockVmid: isTemplate ? undefined : src.vmid,
      run: (log) => {
        try {
          log(`create ${full ? 'full' : 'linked'} clone of drive(s)`);
          for (const [k, v] of Object.entries(src.config)) {
            if (!isDriveKey(k)) continue;
            const d = parseDrive(v);
            const opts = v
              .split(',')
              .slice(1)
              .filter((p) => !p.startsWith('size='));
            if (/cloudinit/.test(d.file)) {
              const s = storage ?? d.file.split(':')[0]!;
              const vol = allocVolume(sim, target, s, newid, 4 * MiB, 'cloudinit');
              vm.config[k] = [
                vol.volid,
                ...opts.filter((p) => p !== 'media=cdrom'),
                'media=cdrom',
              ].join(',');
              continue;
            }
            if (isCdromDrive(d) || !d.file.includes(':')) {
              vm.config[k] = v;
              continue;
            }
            const srcVol = findVolume(sim, d.file, src.node);
            if (!srcVol) throw new TaskFailure(`volume '${d.file}' does not exist`);
            const vol = full
              ? allocVolume(sim, target, storage ?? srcVol.storage, newid, srcVol.size, 'disk')
              : allocVolume(sim, target, srcVol.storage, newid, srcVol.size, 'disk', srcVol.volid);
            log(`${k}: ${d.file} -> ${vol.volid}`);
            vm.config[k] = [vol.volid, ...opts, `size=${formatSize(vol.size)}`].join(',');
          }
          delete vm.config.lock;
          // Like PVE: the clone joins its pool at the end of the worker.
          if (pool !== undefined) addVmToPool(sim, newid, pool);
        } finally {
          finish();
        }
      },
      onFail: () => {
        finish();
        for (const v of vmVolumes(vm)) {
          try {
            freeVolume(sim, v, target);
          } catch {
            // already gone
          }
        }
        delete sim.state.vms[String(newid)];
      },
    });
  },

  'POST /nodes/{node}/qemu/{vmid}/template': ({ sim, params, authid }) => {
    const vm = sim.vm(node(params), vmid(params));
    sim.checkConfigLock(vm);
    if (vm.status !== 'stopped') throw fail(`VM ${vm.vmid} is running`);
    if (vm.config.template === '1') throw fail("you can't convert a template to a template");
    const only = str(params.disk);
    return powerTask(sim, authid, vm, 'qmtemplate', (log) => {
      for (const [k, v] of Object.entries(vm.config)) {
        if (!isDriveKey(k) || (only && k !== only)) continue;
        const d = parseDrive(v);
        if (isCdromDrive(d) || !d.file.includes(':')) continue;
        const vol = findVolume(sim, d.file, vm.node);
        if (!vol || !/vm-[0-9]+-disk-[0-9]+/.test(vol.volid)) continue;
        const based = renameVolume(
          sim,
          vol,
          vol.volid.replace(/vm-([0-9]+)-disk-/, 'base-$1-disk-'),
        );
        log(`  Renamed "${vol.volid}" to "${based.volid}"`);
        vm.config[k] = [based.volid, ...v.split(',').slice(1)].join(',');
      }
      vm.config.template = '1';
    });
  },

  'GET /nodes/{node}/qemu/{vmid}/status': ({ sim, params }) => {
    sim.vm(node(params), vmid(params));
    return ['current', 'start', 'stop', 'reset', 'shutdown', 'suspend', 'reboot', 'resume'].map(
      (subdir) => ({ subdir }),
    );
  },

  'GET /nodes/{node}/qemu/{vmid}/status/current': ({ sim, params }) => {
    const vm = sim.vm(node(params), vmid(params));
    const u = vmUsage(sim, vm);
    return {
      vmid: vm.vmid,
      name: vm.config.name ?? `VM ${vm.vmid}`,
      status: vm.status === 'paused' ? 'running' : vm.status,
      qmpstatus: vm.status === 'stopped' && vm.config.lock === 'suspended' ? 'stopped' : vm.status,
      cpus: u.cpus,
      cpu: u.cpu,
      maxmem: u.maxmem,
      mem: u.mem,
      maxdisk: u.maxdisk,
      disk: 0,
      uptime: u.uptime,
      netin: u.netin,
      netout: u.netout,
      diskread: u.diskread,
      diskwrite: u.diskwrite,
      agent: b01(agentEnabled(vm)),
      ha: { managed: 0 },
      ...(vm.status !== 'stopped'
        ? {
            pid: 10_000 + vm.vmid,
            'running-machine': 'pc-i440fx-9.2+pve1',
            'running-qemu': '9.2.0',
          }
        : {}),
      ...(vm.config.template === '1' ? { template: 1 } : {}),
      ...(vm.config.tags ? { tags: vm.config.tags } : {}),
      ...(vm.config.lock ? { lock: vm.config.lock } : {}),
    };
  },

  'POST /nodes/{node}/qemu/{vmid}/status/start': ({ sim, params, authid }) => {
    const vm = sim.vm(node(params), vmid(params));
    if (vm.config.lock && vm.config.lock !== 'suspended' && !params.skiplock)
      throw fail(`VM is locked (${vm.config.lock})`);
    if (params.migratedfrom !== undefined || params.targetstorage !== undefined) {
      throw fail('migration is not simulated');
    }
    return powerTask(sim, authid, vm, 'qmstart', (log) => startVm(sim, vm, log));
  },

  'POST /nodes/{node}/qemu/{vmid}/status/stop': ({ sim, params, authid }) => {
    const vm = sim.vm(node(params), vmid(params));
    sim.checkConfigLock(vm, params.skiplock);
    return powerTask(sim, authid, vm, 'qmstop', () => stopVm(vm));
  },

  'POST /nodes/{node}/qemu/{vmid}/status/shutdown': ({ sim, params, authid }) => {
    const vm = sim.vm(node(params), vmid(params));
    sim.checkConfigLock(vm, params.skiplock);
    const timeoutS = int(params.timeout) ?? 60;
    const forceStop = bool(params.forceStop) ?? false;
    return powerTask(sim, authid, vm, 'qmshutdown', async () => {
      if (vm.status === 'stopped') throw new TaskFailure(`VM ${vm.vmid} not running`);
      const booted = vm.startedAt !== null && sim.now() - vm.startedAt >= sim.opts.bootMs;
      if (vm.ignoreShutdown || !booted) {
        // Time is compressed: wait at most shutdownTimeoutMs for the "timeout".
        await sim.delay(Math.min(timeoutS * 1000, sim.opts.shutdownTimeoutMs));
        if (!forceStop) throw new TaskFailure('VM quit/powerdown failed - got timeout');
      }
      stopVm(vm);
    });
  },

  'POST /nodes/{node}/qemu/{vmid}/status/suspend': ({ sim, params, authid }) => {
    const vm = sim.vm(node(params), vmid(params));
    sim.checkConfigLock(vm, params.skiplock);
    const todisk = bool(params.todisk) ?? false;
    const stateStorage = str(params.statestorage) ?? diskStorages(vm.config)[0];
    sim.requireAll(
      authid,
      handlerNeeds('POST', '/nodes/{node}/qemu/{vmid}/status/suspend', params, { stateStorage }),
    );
    return powerTask(sim, authid, vm, 'qmsuspend', (log) => {
      if (vm.status !== 'running') throw new TaskFailure(`VM ${vm.vmid} not running`);
      if (!todisk) {
        vm.status = 'paused';
        return;
      }
      if (!stateStorage) throw new TaskFailure('no storage for the VM state');
      const vol = allocVolume(
        sim,
        vm.node,
        stateStorage,
        vm.vmid,
        Math.ceil(vmUsage(sim, vm).maxmem * 2),
        'state',
      );
      log(`saving VM state and RAM using storage '${stateStorage}'`);
      vm.config.vmstate = vol.volid;
      vm.config.lock = 'suspended';
      stopVm(vm);
    });
  },

  'POST /nodes/{node}/qemu/{vmid}/status/resume': ({ sim, params, authid }) => {
    const vm = sim.vm(node(params), vmid(params));
    if (vm.config.lock && vm.config.lock !== 'suspended' && !params.skiplock)
      throw fail(`VM is locked (${vm.config.lock})`);
    return powerTask(sim, authid, vm, 'qmresume', () => {
      if (vm.status === 'stopped') throw new TaskFailure(`VM ${vm.vmid} not running`);
      vm.status = 'running';
    });
  },

  'GET /nodes/{node}/qemu/{vmid}/rrddata': ({ sim, params }) => {
    const vm = sim.vm(node(params), vmid(params));
    return vmRrd(sim, vm, str(params.timeframe)!);
  },
};
