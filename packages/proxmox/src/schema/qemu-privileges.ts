import { bridgePath, type Need, perm } from './privileges.js';
import { parsePropertyString } from './property-string.js';
import type { FormatKeyDef } from './types.js';

/**
 * The per-key permission checks of qemu-server's create/update handlers
 * (PVE::API2::Qemu check_vm_modify_config_perm, check_storage_access,
 * check_bridge_access). The schema's expression for `…/config` only says "any
 * VM.Config.*"; these say which one each key needs. Shared by the simulator
 * (to enforce) and the SDK (to derive its role), so both follow one table.
 */

const CPU = new Set([
  'cores',
  'cpu',
  'cpulimit',
  'cpuunits',
  'numa',
  'smp',
  'sockets',
  'vcpus',
  'affinity',
]);
const MEMORY = new Set(['memory', 'balloon', 'shares']);
const HWTYPE = new Set([
  'acpi',
  'hotplug',
  'kvm',
  'machine',
  'scsihw',
  'smbios1',
  'tablet',
  'vga',
  'watchdog',
  'audio0',
]);
const OPTIONS = new Set([
  'agent',
  'autostart',
  'bios',
  'description',
  'keyboard',
  'localtime',
  'migrate_downtime',
  'migrate_speed',
  'name',
  'onboot',
  'ostype',
  'protection',
  'reboot',
  'startdate',
  'startup',
  'tdf',
  'template',
  'tags',
]);
const DISK_OPTIONS = new Set(['boot', 'bootdisk', 'vmstatestorage']);
const CLOUDINIT = new Set([
  'cicustom',
  'cipassword',
  'citype',
  'ciuser',
  'ciupgrade',
  'nameserver',
  'searchdomain',
  'sshkeys',
]);
/** Parameters of the config calls (create, update) that are not config keys. */
export const NOT_CONFIG_PARAMS: ReadonlySet<string> = new Set([
  'node',
  'vmid',
  'digest',
  'delete',
  'revert',
  'force',
  'skiplock',
  'background_delay',
  'pool',
  'archive',
  'storage',
  'unique',
  'start',
  'live-restore',
  'bwlimit',
  'import-working-storage',
]);

export const DRIVE_KEY =
  /^(ide[0-3]|sata[0-5]|scsi([0-9]|[12][0-9]|30)|virtio([0-9]|1[0-5])|efidisk0|tpmstate0)$/;

/** The keys of a drive property string this module looks at (the rest are not permission-relevant). */
const DRIVE_KEYS: Record<string, FormatKeyDef> = new Proxy(
  {
    file: { type: 'string', defaultKey: true },
    media: { type: 'string', optional: true },
    'import-from': { type: 'string', optional: true },
  } as Record<string, FormatKeyDef>,
  {
    get: (target, key: string) => target[key] ?? { type: 'string', optional: true },
  },
);

/** `STORAGE:SIZE` (new disk) — `local-lvm:32` or `local-lvm:0` with import-from. */
export const NEW_DISK = /^([a-z][a-z0-9\-_.]*[a-z0-9]):([0-9]+(\.[0-9]+)?)$/i;

export interface DriveSpec {
  file: string;
  media?: string | undefined;
  importFrom?: string | undefined;
  values: Record<string, string>;
}

export function parseDrive(value: string): DriveSpec {
  const { values } = parsePropertyString(value, DRIVE_KEYS);
  return {
    file: values.file ?? '',
    media: values.media,
    importFrom: values['import-from'],
    values,
  };
}

export function isCdromDrive(d: DriveSpec): boolean {
  return d.media === 'cdrom' || d.file === 'cdrom' || /:(vm-[0-9]+-)?cloudinit$/.test(d.file);
}

const storageOf = (volid: string) => volid.split(':')[0]!;

/** What setting (or deleting, when `value` is undefined) config key `key` needs. */
export function configKeyNeeds(key: string, value: string | undefined, vmPath: string): Need[] {
  if (DRIVE_KEY.test(key) || /^unused[0-9]+$/.test(key)) {
    if (value === undefined) return [perm(vmPath, ['VM.Config.Disk'])];
    const d = parseDrive(value);
    const needs: Need[] = [perm(vmPath, [isCdromDrive(d) ? 'VM.Config.CDROM' : 'VM.Config.Disk'])];
    const newDisk = NEW_DISK.exec(d.file);
    const cloudinit = /^([a-z][a-z0-9\-_.]*[a-z0-9]):cloudinit$/i.exec(d.file);
    if (newDisk) needs.push(perm(`/storage/${newDisk[1]}`, ['Datastore.AllocateSpace']));
    if (cloudinit) needs.push(perm(`/storage/${cloudinit[1]}`, ['Datastore.AllocateSpace']));
    if (d.importFrom) {
      needs.push(
        d.importFrom.startsWith('/')
          ? { kind: 'root' }
          : perm(
              `/storage/${storageOf(d.importFrom)}`,
              ['Datastore.AllocateSpace', 'Datastore.Audit'],
              true,
            ),
      );
    }
    return needs;
  }
  if (/^serial[0-3]$/.test(key)) {
    return value === undefined || value === 'socket'
      ? [perm(vmPath, ['VM.Config.HWType'])]
      : [{ kind: 'root' }];
  }
  if (/^(usb|hostpci|parallel)[0-9]+$/.test(key)) return [{ kind: 'root' }];
  if (CPU.has(key) || /^numa[0-9]+$/.test(key)) return [perm(vmPath, ['VM.Config.CPU'])];
  if (MEMORY.has(key)) return [perm(vmPath, ['VM.Config.Memory'])];
  if (HWTYPE.has(key)) return [perm(vmPath, ['VM.Config.HWType'])];
  if (OPTIONS.has(key)) {
    return key === 'startup'
      ? [perm(vmPath, ['VM.Config.Options']), perm('/', ['Sys.Modify'])]
      : [perm(vmPath, ['VM.Config.Options'])];
  }
  if (key === 'freeze') return [perm(vmPath, ['VM.PowerMgmt'])];
  if (DISK_OPTIONS.has(key)) return [perm(vmPath, ['VM.Config.Disk'])];
  if (/^net[0-9]+$/.test(key)) {
    const needs: Need[] = [perm(vmPath, ['VM.Config.Network'])];
    const bridge = value === undefined ? undefined : /(?:^|,)bridge=([^,]+)/.exec(value)?.[1];
    if (bridge) needs.push(perm(bridgePath(bridge), ['SDN.Use']));
    return needs;
  }
  if (CLOUDINIT.has(key) || /^ipconfig[0-9]+$/.test(key)) {
    return [perm(vmPath, ['VM.Config.Cloudinit', 'VM.Config.Network'], true)];
  }
  if (key === 'vmstate') return [perm(vmPath, ['VM.Config.Disk', 'VM.PowerMgmt'])];
  // args, hookscript, lock, …: "only root can set '<key>' config".
  return [{ kind: 'root' }];
}

/**
 * A create call with `pool` checks the VM's privileges on the pool first
 * (RPCEnvironment::check_vm_perm): the new VM is not a member yet. Tags are
 * the exception: `assert_tag_permissions` asks `/vms/{vmid}` alone.
 */
function orOnPool(key: string, needs: Need[], vmPath: string, poolPath: string | undefined) {
  if (!poolPath || key === 'tags') return needs;
  return needs.map(
    (n): Need =>
      n.kind === 'perm' && n.path === vmPath
        ? { kind: 'or', of: [perm(poolPath, n.privs, n.any), n] }
        : n,
  );
}

/** Needs of a create/update call's parameters (including `delete=`); `poolPath` for a create into a pool. */
export function configParamsNeeds(
  params: Readonly<Record<string, unknown>>,
  vmPath: string,
  poolPath?: string,
): Need[] {
  const needs: Need[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (NOT_CONFIG_PARAMS.has(key)) {
      if (key === 'skiplock' && value) needs.push({ kind: 'root' });
      continue;
    }
    const v = typeof value === 'string' ? value : String(value);
    needs.push(...orOnPool(key, configKeyNeeds(key, v, vmPath), vmPath, poolPath));
  }
  const del = params.delete;
  if (typeof del === 'string') {
    for (const key of del.split(/[,;\s]+/).filter(Boolean))
      needs.push(...configKeyNeeds(key, undefined, vmPath));
  }
  return needs;
}
