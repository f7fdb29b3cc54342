import { isCdromDrive, NEW_DISK, parseDrive } from '@blockhost/proxmox/schema';
import type { SimCore } from './core.js';
import { fail, paramError } from './sim-error.js';
import type { SimStorage, SimVm, SimVolume, VolumeContent } from './state.js';
import { GiB, MiB } from './state.js';

/** Drive keys in PVE's order of preference for the boot disk. */
export const DISK_KEYS_ORDER = [
  ...Array.from({ length: 31 }, (_, i) => `scsi${i}`),
  ...Array.from({ length: 16 }, (_, i) => `virtio${i}`),
  ...Array.from({ length: 6 }, (_, i) => `sata${i}`),
  ...Array.from({ length: 4 }, (_, i) => `ide${i}`),
  'efidisk0',
  'tpmstate0',
];

export const isDriveKey = (k: string) =>
  /^(ide[0-3]|sata[0-5]|scsi([0-9]|[12][0-9]|30)|virtio([0-9]|1[0-5])|efidisk0|tpmstate0)$/.test(k);

const UNITS: Record<string, number> = { '': 1, K: 1024, M: MiB, G: GiB, T: 1024 * GiB };

/** `32G` → bytes; `NaN` when not a disk size. */
export function parseSize(text: string): number {
  const m = /^([0-9]+(?:\.[0-9]+)?)([KMGT]?)$/.exec(text);
  if (!m) return Number.NaN;
  return Math.round(Number(m[1]) * UNITS[m[2]!]!);
}

/** Bytes → PVE's `size=` text (largest unit that divides evenly). */
export function formatSize(bytes: number): string {
  for (const [unit, f] of [
    ['T', 1024 * GiB],
    ['G', GiB],
    ['M', MiB],
    ['K', 1024],
  ] as const) {
    if (bytes >= f && bytes % f === 0) return `${bytes / f}${unit}`;
  }
  return String(bytes);
}

export function storageOf(sim: SimCore, id: string, node: string): SimStorage {
  const s = sim.state.storages[id];
  if (!s) throw fail(`storage '${id}' does not exist`);
  if (!s.shared && sim.state.nodes[node]?.storageSize[id] === undefined) {
    throw fail(`storage '${id}' is not available on node '${node}'`);
  }
  return s;
}

/** Volumes are keyed by node and volid: `local:import/x.qcow2` can exist on every node. */
export const volumeKey = (node: string, volid: string) => `${node}::${volid}`;

/** The volume `volid` as seen from `node` (local to it, or shared). */
export function findVolume(sim: SimCore, volid: string, node: string): SimVolume | undefined {
  return sim.state.volumes[volumeKey(node, volid)] ?? sim.state.volumes[volumeKey('', volid)];
}

function putVolume(sim: SimCore, vol: SimVolume): SimVolume {
  sim.state.volumes[volumeKey(vol.node, vol.volid)] = vol;
  return vol;
}

function freeName(sim: SimCore, node: string, make: (n: number) => string): string {
  for (let n = 0; ; n++) {
    const volid = make(n);
    if (!findVolume(sim, volid, node)) return volid;
  }
}

export type DiskKind = 'disk' | 'base' | 'cloudinit' | 'state';

/** Allocates a VM volume with PVE's naming for the storage type. */
export function allocVolume(
  sim: SimCore,
  node: string,
  storageId: string,
  vmid: number,
  size: number,
  kind: DiskKind,
  parent?: string,
): SimVolume {
  const s = storageOf(sim, storageId, node);
  if (!s.content.includes('images')) {
    throw fail(`storage '${storageId}' does not support content-type 'images'`);
  }
  const file = s.type !== 'lvmthin';
  const ext = file ? '.qcow2' : '';
  const dir = file ? `${vmid}/` : '';
  let volid: string;
  if (kind === 'cloudinit') volid = `${storageId}:${dir}vm-${vmid}-cloudinit${ext}`;
  else if (kind === 'state') {
    const stamp = new Date(sim.now()).toISOString().slice(0, 19).replace(/[-:T]/g, '');
    volid = freeName(
      sim,
      node,
      (n) =>
        `${storageId}:${dir}vm-${vmid}-state-suspend-${stamp}${n ? `-${n}` : ''}${file ? '.raw' : ''}`,
    );
  } else {
    const prefix = kind === 'base' ? 'base' : 'vm';
    const parentName = parent ? `${parent.slice(parent.indexOf(':') + 1)}/` : '';
    volid = freeName(
      sim,
      node,
      (n) => `${storageId}:${parentName}${dir}${prefix}-${vmid}-disk-${n}${ext}`,
    );
  }
  if (findVolume(sim, volid, node)) throw fail(`volume '${volid}' already exists`);
  const vol: SimVolume = {
    volid,
    storage: storageId,
    node: s.shared ? '' : node,
    size,
    format: file ? (kind === 'state' ? 'raw' : 'qcow2') : 'raw',
    content: 'images',
    vmid,
    ctime: Math.floor(sim.now() / 1000),
  };
  return putVolume(sim, vol);
}

export function freeVolume(sim: SimCore, volid: string, node: string): void {
  const vol = findVolume(sim, volid, node);
  if (!vol) return;
  // A base volume with linked clones cannot go.
  const clones = Object.values(sim.state.volumes).filter(
    (v) => v.node === vol.node && v.volid.startsWith(`${volid}/`),
  );
  if (clones.length > 0) throw fail(`base volume '${volid}' is still in use by linked clone`);
  delete sim.state.volumes[volumeKey(vol.node, volid)];
}

/** Renames a volume (template conversion: vm-… → base-…). */
export function renameVolume(sim: SimCore, vol: SimVolume, newVolid: string): SimVolume {
  delete sim.state.volumes[volumeKey(vol.node, vol.volid)];
  return putVolume(sim, { ...vol, volid: newVolid });
}

/** Next free `unusedN` key. */
function unusedKey(vm: SimVm): string {
  for (let n = 0; ; n++) if (vm.config[`unused${n}`] === undefined) return `unused${n}`;
}

/** Volumes a drive value references (not `none`/`cdrom`/absolute paths). */
export function driveVolume(value: string): string | null {
  const d = parseDrive(value);
  if (!d.file || d.file === 'none' || d.file === 'cdrom' || d.file.startsWith('/')) return null;
  return d.file;
}

function driveOptions(value: string, drop: readonly string[]): string[] {
  return value
    .split(',')
    .slice(1)
    .filter((p) => !drop.some((k) => p.startsWith(`${k}=`)));
}

/**
 * Sets drive `key` to `value` like qemu-server does: `STORAGE:SIZE` allocates,
 * `STORAGE:0,import-from=VOL` imports, `STORAGE:cloudinit` makes the
 * cloud-init drive; a replaced disk is kept as `unusedN`.
 */
export function setDrive(
  sim: SimCore,
  vm: SimVm,
  key: string,
  value: string,
  log: (l: string) => void,
): void {
  const d = parseDrive(value);
  const rest = driveOptions(value, ['import-from', 'size', 'file']);
  let stored: string;
  const newDisk = NEW_DISK.exec(d.file);
  const ci = /^([a-z][a-z0-9\-_.]*[a-z0-9]):cloudinit$/i.exec(d.file);
  if (ci) {
    const vol = allocVolume(sim, vm.node, ci[1]!, vm.vmid, 4 * MiB, 'cloudinit');
    stored = [vol.volid, ...rest.filter((p) => !p.startsWith('media=')), 'media=cdrom'].join(',');
    log(`${key}: successfully created disk '${vol.volid}'`);
  } else if (newDisk) {
    let size = Math.round(Number(newDisk[2]) * GiB);
    if (d.importFrom) {
      const src = findVolume(sim, d.importFrom, vm.node);
      if (!src) throw fail(`volume '${d.importFrom}' does not exist`);
      if (src.content !== 'import' && src.content !== 'images') {
        throw paramError({
          [key]: `${d.importFrom} has wrong type '${src.content}' - needs to be 'images' or 'import'`,
        });
      }
      size = src.size;
      log(`importing disk '${d.importFrom}' to VM ${vm.vmid} ...`);
    } else if (size <= 0) {
      throw paramError({ [key]: 'size 0 is only allowed together with import-from' });
    }
    const vol = allocVolume(sim, vm.node, newDisk[1]!, vm.vmid, size, 'disk');
    stored = [vol.volid, ...rest, `size=${formatSize(vol.size)}`].join(',');
    log(`${key}: successfully created disk '${vol.volid},size=${formatSize(vol.size)}'`);
  } else if (d.file === 'none' || d.file === 'cdrom') {
    stored = value;
  } else {
    const vol = findVolume(sim, d.file, vm.node);
    if (!vol && !d.file.startsWith('/')) throw fail(`volume '${d.file}' does not exist`);
    stored = vol
      ? [vol.volid, ...rest, ...(isCdromDrive(d) ? [] : [`size=${formatSize(vol.size)}`])].join(',')
      : value;
  }
  const old = vm.config[key];
  if (old !== undefined) retireDrive(sim, vm, old, driveVolume(stored));
  vm.config[key] = stored;
}

/** A drive leaves the config: cloud-init volumes are freed, disks kept as unusedN. */
function retireDrive(
  sim: SimCore,
  vm: SimVm,
  oldValue: string,
  keep: string | null,
  force = false,
): void {
  const volid = driveVolume(oldValue);
  if (!volid || volid === keep) return;
  const vol = findVolume(sim, volid, vm.node);
  if (!vol) return;
  if (
    force ||
    /-cloudinit(\.qcow2)?$/.test(volid) ||
    vol.content !== 'images' ||
    vol.vmid !== vm.vmid
  ) {
    if (vol.content === 'images' && vol.vmid === vm.vmid) freeVolume(sim, volid, vm.node);
    return;
  }
  vm.config[unusedKey(vm)] = volid;
}

/** Deletes config key `key` (with `force`, disks are destroyed instead of kept as unused). */
export function deleteKey(sim: SimCore, vm: SimVm, key: string, force: boolean): void {
  const value = vm.config[key];
  if (value === undefined) return;
  delete vm.config[key];
  if (isDriveKey(key)) retireDrive(sim, vm, value, null, force);
  else if (/^unused[0-9]+$/.test(key)) freeVolume(sim, value, vm.node);
}

/** Every volume the VM's config references (drives, unused, vmstate). */
export function vmVolumes(vm: SimVm): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(vm.config)) {
    if (isDriveKey(k)) {
      const vol = driveVolume(v);
      if (vol) out.push(vol);
    } else if (/^unused[0-9]+$/.test(k) || k === 'vmstate') out.push(v);
  }
  return out;
}

/** The boot disk's size in bytes (first non-CD drive), for `maxdisk`. */
export function bootDiskSize(sim: SimCore, vm: SimVm): number {
  for (const k of DISK_KEYS_ORDER) {
    const v = vm.config[k];
    if (!v) continue;
    const d = bootDriveOf(v);
    if (!d) continue;
    const vol = findVolume(sim, d.file, vm.node);
    if (vol) return vol.size;
    if (Number.isFinite(d.size)) return d.size;
  }
  return 0;
}

// Every VM of every `/cluster/resources` listing asks its boot disk's size: a drive string is
// parsed once (the same strings come back listing after listing).
const bootDrives = new Map<string, { file: string; size: number } | null>();
function bootDriveOf(value: string): { file: string; size: number } | null {
  let d = bootDrives.get(value);
  if (d === undefined) {
    const parsed = parseDrive(value);
    d = isCdromDrive(parsed)
      ? null
      : {
          file: parsed.file,
          size: parsed.values.size ? parseSize(parsed.values.size) : Number.NaN,
        };
    if (bootDrives.size >= 4096) bootDrives.clear();
    bootDrives.set(value, d);
  }
  return d;
}

/** Bytes used on `storage` as seen from `node`. */
export function storageUsed(sim: SimCore, storage: string, node: string): number {
  let used = 0;
  for (const v of Object.values(sim.state.volumes)) {
    if (v.storage === storage && (v.node === '' || v.node === node)) used += v.size;
  }
  return used;
}

export function storageTotal(sim: SimCore, storage: SimStorage, node: string): number {
  return storage.shared
    ? (storage.size ?? 0)
    : (sim.state.nodes[node]?.storageSize[storage.id] ?? 0);
}

export function addFileVolume(
  sim: SimCore,
  node: string,
  storage: SimStorage,
  content: VolumeContent,
  filename: string,
  size: number,
  sha256?: string,
): SimVolume {
  const volid = `${storage.id}:${content}/${filename}`;
  return putVolume(sim, {
    volid,
    storage: storage.id,
    node: storage.shared ? '' : node,
    size,
    format: filename.split('.').pop() ?? 'raw',
    content,
    ctime: Math.floor(sim.now() / 1000),
    sha256,
  });
}
