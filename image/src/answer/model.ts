/**
 * The answer file of Proxmox's automated installer (PVE 8.4+/9), as a typed
 * model. Names are camelCase here and kebab-case in the TOML (`rootPasswordHashed`
 * ↔ `root-password-hashed`); the values and rules follow pve-installer.
 */

/** Keyboard layouts the installer knows (its `KeyboardLayout` enum). */
export const KEYBOARDS = [
  'de',
  'de-ch',
  'dk',
  'en-gb',
  'en-us',
  'es',
  'fi',
  'fr',
  'fr-be',
  'fr-ca',
  'fr-ch',
  'hu',
  'is',
  'it',
  'jp',
  'lt',
  'mk',
  'nl',
  'no',
  'pl',
  'pt',
  'pt-br',
  'se',
  'si',
  'tr',
] as const;
export type Keyboard = (typeof KEYBOARDS)[number];

export const FILESYSTEMS = ['ext4', 'xfs', 'zfs', 'btrfs'] as const;
export type Filesystem = (typeof FILESYSTEMS)[number];

export const ZFS_RAID_LEVELS = [
  'raid0',
  'raid1',
  'raid10',
  'raidz-1',
  'raidz-2',
  'raidz-3',
] as const;
export type ZfsRaidLevel = (typeof ZFS_RAID_LEVELS)[number];
export const BTRFS_RAID_LEVELS = ['raid0', 'raid1', 'raid10'] as const;
export type BtrfsRaidLevel = (typeof BTRFS_RAID_LEVELS)[number];

/** Fewest disks each RAID level takes (pve-installer's `get_min_disks`). */
export const MIN_DISKS: Readonly<Record<ZfsRaidLevel, number>> = {
  raid0: 1,
  raid1: 2,
  raid10: 4,
  'raidz-1': 3,
  'raidz-2': 4,
  'raidz-3': 5,
};

export const ZFS_COMPRESS = ['on', 'off', 'lzjb', 'lz4', 'zle', 'gzip', 'zstd'] as const;
export const ZFS_CHECKSUM = ['on', 'fletcher4', 'sha256'] as const;
export const BTRFS_COMPRESS = ['on', 'off', 'zlib', 'lzo', 'zstd'] as const;
export const FILTER_MATCH = ['any', 'all'] as const;
export const REBOOT_MODES = ['reboot', 'power-off'] as const;
export const FIRST_BOOT_SOURCES = ['from-iso', 'from-url'] as const;
export const FIRST_BOOT_ORDERINGS = ['before-network', 'network-online', 'fully-up'] as const;
export type FirstBootOrdering = (typeof FIRST_BOOT_ORDERINGS)[number];

export const ROOT_PASSWORD_MIN_LENGTH = 8;

/** A fixed name, or hostname (and domain when DHCP sends none) from DHCP. */
export type FqdnSetting = string | { readonly source: 'from-dhcp'; readonly domain?: string };

export interface GlobalSection {
  readonly keyboard: Keyboard;
  /** Two-letter country code, lowercase (`us`). */
  readonly country: string;
  readonly fqdn: FqdnSetting;
  readonly mailto: string;
  readonly timezone: string;
  /** Exactly one of `rootPassword` (≥ 8 characters) and `rootPasswordHashed` (crypt(3)). */
  readonly rootPassword?: string;
  readonly rootPasswordHashed?: string;
  readonly rootSshKeys?: readonly string[];
  readonly rebootOnError?: boolean;
  readonly rebootMode?: (typeof REBOOT_MODES)[number];
}

export interface InterfaceNamePinning {
  readonly enabled: boolean;
  /** MAC address → interface name. */
  readonly mapping?: Readonly<Record<string, string>>;
}

/** `filter.<UDEV_PROPERTY> = "glob"`. */
export type UdevFilter = Readonly<Record<string, string>>;

export type NetworkSection = (
  | { readonly source: 'from-dhcp' }
  | {
      readonly source: 'from-answer';
      readonly cidr: string;
      readonly dns: string;
      readonly gateway: string;
      /** Must match exactly one NIC at install time. */
      readonly filter: UdevFilter;
    }
) & { readonly interfaceNamePinning?: InterfaceNamePinning };

/** Sizes in GiB. */
export interface LvmOptions {
  readonly hdsize?: number;
  readonly swapsize?: number;
  readonly maxroot?: number;
  readonly maxvz?: number;
  readonly minfree?: number;
}

export interface ZfsOptions {
  readonly raid: ZfsRaidLevel;
  readonly ashift?: number;
  readonly arcMax?: number;
  readonly checksum?: (typeof ZFS_CHECKSUM)[number];
  readonly compress?: (typeof ZFS_COMPRESS)[number];
  readonly copies?: number;
  readonly hdsize?: number;
}

export interface BtrfsOptions {
  readonly raid: BtrfsRaidLevel;
  readonly compress?: (typeof BTRFS_COMPRESS)[number];
  readonly hdsize?: number;
}

export interface DiskSetup {
  readonly filesystem: Filesystem;
  /** Exactly one of `diskList` and `filter`. ext4/xfs take one disk. */
  readonly diskList?: readonly string[];
  readonly filter?: UdevFilter;
  readonly filterMatch?: (typeof FILTER_MATCH)[number];
  readonly lvm?: LvmOptions;
  readonly zfs?: ZfsOptions;
  readonly btrfs?: BtrfsOptions;
}

export interface FirstBootSection {
  readonly source: (typeof FIRST_BOOT_SOURCES)[number];
  readonly ordering?: FirstBootOrdering;
  readonly url?: string;
  readonly certFingerprint?: string;
}

export interface PostInstallationWebhook {
  readonly url: string;
  readonly certFingerprint?: string;
}

export interface Answer {
  readonly global: GlobalSection;
  readonly network: NetworkSection;
  readonly diskSetup: DiskSetup;
  readonly firstBoot?: FirstBootSection;
  readonly postInstallationWebhook?: PostInstallationWebhook;
}

/** `rootPasswordHashed` → `root-password-hashed`. */
export function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
