/**
 * Every privilege of Proxmox VE 9 (`pveum role add … --privs`). The test
 * `privileges.test.ts` checks that each privilege the schema mentions is here.
 */
export const PVE_PRIVILEGES = [
  'Datastore.Allocate',
  'Datastore.AllocateSpace',
  'Datastore.AllocateTemplate',
  'Datastore.Audit',
  'Group.Allocate',
  'Mapping.Audit',
  'Mapping.Modify',
  'Mapping.Use',
  'Permissions.Modify',
  'Pool.Allocate',
  'Pool.Audit',
  'Realm.Allocate',
  'Realm.AllocateUser',
  'SDN.Allocate',
  'SDN.Audit',
  'SDN.Use',
  'Sys.AccessNetwork',
  'Sys.Audit',
  'Sys.Console',
  'Sys.Incoming',
  'Sys.Modify',
  'Sys.PowerMgmt',
  'Sys.Syslog',
  'User.Modify',
  'VM.Allocate',
  'VM.Audit',
  'VM.Backup',
  'VM.Clone',
  'VM.Config.CDROM',
  'VM.Config.CPU',
  'VM.Config.Cloudinit',
  'VM.Config.Disk',
  'VM.Config.HWType',
  'VM.Config.Memory',
  'VM.Config.Network',
  'VM.Config.Options',
  'VM.Console',
  'VM.GuestAgent.Audit',
  'VM.GuestAgent.FileRead',
  'VM.GuestAgent.FileSystemMgmt',
  'VM.GuestAgent.FileWrite',
  'VM.GuestAgent.Unrestricted',
  'VM.Migrate',
  'VM.PowerMgmt',
  'VM.Replicate',
  'VM.Snapshot',
  'VM.Snapshot.Rollback',
] as const;

export type PvePrivilege = (typeof PVE_PRIVILEGES)[number];

const KNOWN = new Set<string>(PVE_PRIVILEGES);
export function isPvePrivilege(value: string): value is PvePrivilege {
  return KNOWN.has(value);
}

/**
 * A permission requirement: PVE's check expressions reduced to what both
 * the simulator (to enforce) and the SDK (to derive its role) need.
 */
export type Need =
  | {
      readonly kind: 'perm';
      readonly path: string;
      readonly privs: readonly string[];
      readonly any: boolean;
    }
  | { readonly kind: 'and' | 'or'; readonly of: readonly Need[] }
  | { readonly kind: 'root' };

export const perm = (path: string, privs: readonly string[], any = false): Need => ({
  kind: 'perm',
  path,
  privs,
  any,
});

/** The bridge's SDN path, as PVE checks it for `SDN.Use` (local bridges live in zone `localnetwork`). */
export const bridgePath = (bridge: string) => `/sdn/zones/localnetwork/${bridge}`;
