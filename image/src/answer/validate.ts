/**
 * Validates any answer.toml text (generated or hand-written) against the rules
 * of Proxmox's automated installer (pve-installer 8.4–9.2; `../shared/spec/image.md`):
 * kebab-case keys and no `_` (Proxmox VE 9), unknown keys refused in every
 * section, the required `[global]` keys, exactly one root password setting,
 * the network and disk-setup combinations. Every problem names its key.
 *
 * What only the installer can check (a filter matching exactly one NIC or disk,
 * DHCP supplying a hostname) is left to it.
 */
import { err, ok, type Result } from 'neverthrow';
import { parse, TomlError } from 'smol-toml';
import type { AnswerProblem } from '../errors.js';
import {
  boolean,
  checkKeys,
  cidr,
  ipAddress,
  isCountry,
  isCryptHash,
  isDomain,
  isEmail,
  isFqdn,
  isSshPublicKey,
  isTable,
  isTimezone,
  join,
  number,
  oneOf,
  Problems,
  string,
  stringArray,
  stringTable,
  type Table,
  table,
  unsigned,
} from './checks.js';
import {
  type Answer,
  BTRFS_COMPRESS,
  BTRFS_RAID_LEVELS,
  type BtrfsOptions,
  type DiskSetup,
  FILESYSTEMS,
  FILTER_MATCH,
  FIRST_BOOT_ORDERINGS,
  FIRST_BOOT_SOURCES,
  type FirstBootSection,
  type FqdnSetting,
  type GlobalSection,
  type InterfaceNamePinning,
  KEYBOARDS,
  type LvmOptions,
  MIN_DISKS,
  type NetworkSection,
  type PostInstallationWebhook,
  REBOOT_MODES,
  ROOT_PASSWORD_MIN_LENGTH,
  ZFS_CHECKSUM,
  ZFS_COMPRESS,
  ZFS_RAID_LEVELS,
  type ZfsOptions,
} from './model.js';

export interface ValidateAnswerOptions {
  /**
   * BlockHost's own rules on top of Proxmox's: a `[first-boot]` section with
   * `source = "from-iso"` (the hook travels on the ISO) and an ordering after
   * the network is up (the hook fetches `nodejs` from Debian).
   */
  readonly blockhost?: boolean;
}

const SECTIONS = ['global', 'network', 'disk-setup', 'first-boot', 'post-installation-webhook'];

// RAID levels are also accepted in upper case by the installer (serde aliases).
const upperAliases = <T extends string>(xs: readonly T[]) =>
  Object.fromEntries(xs.map((x) => [x.toUpperCase(), x])) as Record<string, T>;

function tomlProblem(e: unknown): AnswerProblem {
  if (e instanceof TomlError) {
    const what = e.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
    return { key: `line ${e.line}`, message: `invalid TOML: ${what}` };
  }
  return { key: '(file)', message: `invalid TOML: ${(e as Error).message}` };
}

export function validateAnswer(
  text: string,
  options: ValidateAnswerOptions = {},
): Result<Answer, AnswerProblem[]> {
  let doc: Table;
  try {
    doc = parse(text, { integersAsBigInt: true }) as Table;
  } catch (e) {
    return err([tomlProblem(e)]);
  }
  const p = new Problems();
  checkKeys(p, '', doc, SECTIONS);
  for (const s of ['global', 'network', 'disk-setup']) {
    if (doc[s] === undefined) p.add(s, 'required section');
  }
  const global = readGlobal(p, table(p, 'global', doc['global']));
  const network = readNetwork(p, table(p, 'network', doc['network']));
  const diskSetup = readDiskSetup(p, table(p, 'disk-setup', doc['disk-setup']));
  const firstBoot = readFirstBoot(p, table(p, 'first-boot', doc['first-boot']));
  const webhook = readWebhook(
    p,
    table(p, 'post-installation-webhook', doc['post-installation-webhook']),
  );
  if (options.blockhost) {
    if (doc['first-boot'] === undefined) {
      p.add('first-boot', 'required for BlockHost: source = "from-iso" runs its first-boot hook');
    } else if (firstBoot?.source === 'from-url') {
      p.add('first-boot.source', 'BlockHost\'s hook travels on the ISO: must be "from-iso"');
    }
    if (firstBoot?.ordering === 'before-network') {
      p.add(
        'first-boot.ordering',
        'BlockHost\'s hook installs nodejs from Debian: use "network-online" or "fully-up"',
      );
    }
  }
  if (p.list.length > 0 || !global || !network || !diskSetup) return err(p.list);
  return ok({
    global,
    network,
    diskSetup,
    ...(firstBoot ? { firstBoot } : {}),
    ...(webhook ? { postInstallationWebhook: webhook } : {}),
  });
}

function readGlobal(p: Problems, t: Table | undefined): GlobalSection | undefined {
  if (!t) return undefined;
  checkKeys(p, 'global', t, [
    'keyboard',
    'country',
    'fqdn',
    'mailto',
    'timezone',
    'root-password',
    'root-password-hashed',
    'root-ssh-keys',
    'reboot-on-error',
    'reboot-mode',
  ]);
  const keyboard = oneOf(p, 'global.keyboard', t['keyboard'], KEYBOARDS, { required: true });

  const country = string(p, 'global.country', t['country'], { required: true });
  if (country !== undefined && !isCountry(country)) {
    p.add(
      'global.country',
      `expected a lowercase two-letter country code like "us", got "${country}"`,
    );
  }
  const fqdn = readFqdn(p, t['fqdn']);
  const mailto = string(p, 'global.mailto', t['mailto'], { required: true });
  if (mailto !== undefined && !isEmail(mailto)) {
    p.add('global.mailto', `expected an e-mail address (user@domain), got "${mailto}"`);
  }
  const timezone = string(p, 'global.timezone', t['timezone'], { required: true });
  if (timezone !== undefined && !isTimezone(timezone)) {
    p.add('global.timezone', `expected "UTC" or a zone like "Europe/Vienna", got "${timezone}"`);
  }

  const password = string(p, 'global.root-password', t['root-password']);
  const hashed = string(p, 'global.root-password-hashed', t['root-password-hashed']);
  const havePw = t['root-password'] !== undefined;
  const haveHash = t['root-password-hashed'] !== undefined;
  if (havePw === haveHash) {
    p.add(
      'global.root-password',
      `exactly one of root-password or root-password-hashed must be set, found ${havePw ? 'both' : 'neither'}`,
    );
  } else if (password !== undefined && [...password].length < ROOT_PASSWORD_MIN_LENGTH) {
    p.add('global.root-password', `at least ${ROOT_PASSWORD_MIN_LENGTH} characters`);
  } else if (hashed !== undefined && !isCryptHash(hashed)) {
    p.add('global.root-password-hashed', 'expected a crypt(3) hash such as "$6$salt$…" or "$y$…"');
  }

  const keys = stringArray(p, 'global.root-ssh-keys', t['root-ssh-keys']);
  keys?.forEach((k, i) => {
    if (!isSshPublicKey(k)) {
      p.add(
        `global.root-ssh-keys[${i}]`,
        'expected one OpenSSH public key ("ssh-ed25519 AAAA… comment")',
      );
    }
  });
  const rebootOnError = boolean(p, 'global.reboot-on-error', t['reboot-on-error']);
  const rebootMode = oneOf(p, 'global.reboot-mode', t['reboot-mode'], REBOOT_MODES);

  if (!keyboard || !country || !fqdn || !mailto || !timezone) return undefined;
  return {
    keyboard,
    country,
    fqdn,
    mailto,
    timezone,
    ...(password !== undefined ? { rootPassword: password } : {}),
    ...(hashed !== undefined ? { rootPasswordHashed: hashed } : {}),
    ...(keys ? { rootSshKeys: keys } : {}),
    ...(rebootOnError !== undefined ? { rebootOnError } : {}),
    ...(rebootMode ? { rebootMode } : {}),
  };
}

function readFqdn(p: Problems, v: unknown): FqdnSetting | undefined {
  const key = 'global.fqdn';
  if (v === undefined) {
    p.add(key, 'required');
    return undefined;
  }
  if (typeof v === 'string') {
    if (isFqdn(v)) return v;
    p.add(key, `expected a fully-qualified name like "pve.example.com", got "${v}"`);
    return undefined;
  }
  if (!isTable(v)) {
    p.add(key, 'expected a name or { source = "from-dhcp", domain = "…" }');
    return undefined;
  }
  checkKeys(p, key, v, ['source', 'domain']);
  const source = oneOf(p, `${key}.source`, v['source'] ?? 'from-dhcp', ['from-dhcp'] as const);
  const domain = string(p, `${key}.domain`, v['domain']);
  if (domain && !isDomain(domain)) p.add(`${key}.domain`, `not a domain name: "${domain}"`);
  if (!source) return undefined;
  return domain ? { source, domain } : { source };
}

function readNetwork(p: Problems, t: Table | undefined): NetworkSection | undefined {
  if (!t) return undefined;
  checkKeys(p, 'network', t, [
    'source',
    'cidr',
    'dns',
    'gateway',
    'filter',
    'interface-name-pinning',
  ]);
  const source = oneOf(p, 'network.source', t['source'] ?? 'from-dhcp', [
    'from-dhcp',
    'from-answer',
  ] as const);
  const pinning = readPinning(
    p,
    table(p, 'network.interface-name-pinning', t['interface-name-pinning']),
  );
  const extra = pinning ? { interfaceNamePinning: pinning } : {};
  if (source === 'from-answer') {
    const c = cidr(p, 'network.cidr', t['cidr'], true);
    const dns = ipAddress(p, 'network.dns', t['dns'], true);
    const gateway = ipAddress(p, 'network.gateway', t['gateway'], true);
    const filter = stringTable(p, 'network.filter', t['filter']);
    if (t['filter'] === undefined || (filter && Object.keys(filter).length === 0)) {
      p.add(
        'network.filter',
        'required with source = "from-answer" (udev properties matching one NIC)',
      );
    }
    if (!c || !dns || !gateway || !filter) return undefined;
    return { source, cidr: c, dns, gateway, filter, ...extra };
  }
  if (source === 'from-dhcp') {
    for (const k of ['cidr', 'dns', 'gateway', 'filter']) {
      if (t[k] !== undefined) p.add(`network.${k}`, 'only used with source = "from-answer"');
    }
    return { source, ...extra };
  }
  return undefined;
}

function readPinning(p: Problems, t: Table | undefined): InterfaceNamePinning | undefined {
  if (!t) return undefined;
  const key = 'network.interface-name-pinning';
  checkKeys(p, key, t, ['enabled', 'mapping']);
  const enabled = boolean(p, `${key}.enabled`, t['enabled']);
  if (t['enabled'] === undefined) p.add(`${key}.enabled`, 'required');
  const mapping = stringTable(p, `${key}.mapping`, t['mapping']);
  const seen = new Set<string>();
  for (const [mac, name] of Object.entries(mapping ?? {})) {
    const where = `${key}.mapping."${mac}"`;
    if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(mac)) p.add(where, 'key must be a MAC address');
    if (!/^[a-z][a-z0-9_]{1,14}$/i.test(name)) {
      p.add(
        where,
        `interface name "${name}": 2–15 characters, a letter then letters, digits or '_'`,
      );
    }
    if (seen.has(name)) p.add(where, `interface name "${name}" used twice`);
    seen.add(name);
  }
  if (enabled === undefined) return undefined;
  return mapping ? { enabled, mapping } : { enabled };
}

function readDiskSetup(p: Problems, t: Table | undefined): DiskSetup | undefined {
  if (!t) return undefined;
  const key = 'disk-setup';
  checkKeys(p, key, t, [
    'filesystem',
    'disk-list',
    'filter',
    'filter-match',
    'lvm',
    'zfs',
    'btrfs',
  ]);
  const filesystem = oneOf(p, `${key}.filesystem`, t['filesystem'], FILESYSTEMS, {
    required: true,
  });
  const diskList = stringArray(p, `${key}.disk-list`, t['disk-list']);
  const filter = stringTable(p, `${key}.filter`, t['filter']);
  const filterMatch = oneOf(p, `${key}.filter-match`, t['filter-match'], FILTER_MATCH);
  const haveList = (diskList?.length ?? 0) > 0;
  const haveFilter = Object.keys(filter ?? {}).length > 0;
  if (haveList === haveFilter) {
    p.add(key, `exactly one of disk-list or filter, found ${haveList ? 'both' : 'neither'}`);
  }
  const seen = new Set<string>();
  for (const d of diskList ?? []) {
    if (d.trim() === '') p.add(`${key}.disk-list`, 'disk names must not be empty');
    else if (seen.has(d)) p.add(`${key}.disk-list`, `duplicate disk "${d}"`);
    seen.add(d);
  }
  const lvm = readLvm(p, table(p, `${key}.lvm`, t['lvm']));
  const zfs = readZfs(p, table(p, `${key}.zfs`, t['zfs']));
  const btrfs = readBtrfs(p, table(p, `${key}.btrfs`, t['btrfs']));
  const disks = diskList?.length ?? 0;

  const foreign = (allowed: string) => {
    for (const other of ['lvm', 'zfs', 'btrfs']) {
      if (other !== allowed && t[other] !== undefined) {
        p.add(`${key}.${other}`, `only ${allowed} options go with filesystem = "${filesystem}"`);
      }
    }
  };
  if (filesystem === 'ext4' || filesystem === 'xfs') {
    foreign('lvm');
    if (disks > 1) p.add(`${key}.disk-list`, `${filesystem} installs onto one disk, got ${disks}`);
    if (lvm?.swapsize !== undefined && lvm.hdsize !== undefined && lvm.swapsize > lvm.hdsize / 2) {
      p.add(
        `${key}.lvm.swapsize`,
        `at most hdsize / 2 (${lvm.hdsize / 2} GiB), got ${lvm.swapsize}`,
      );
    }
  } else if (filesystem === 'zfs' || filesystem === 'btrfs') {
    foreign(filesystem);
    const opts = filesystem === 'zfs' ? zfs : btrfs;
    const raw = t[filesystem];
    if (raw === undefined || (isTable(raw) && raw['raid'] === undefined)) {
      p.add(`${key}.${filesystem}.raid`, `required with filesystem = "${filesystem}"`);
    }
    if (opts && haveList && disks < MIN_DISKS[opts.raid]) {
      p.add(
        `${key}.disk-list`,
        `${filesystem} ${opts.raid} needs at least ${MIN_DISKS[opts.raid]} disks, got ${disks}`,
      );
    }
  }
  if (!filesystem || haveList === haveFilter) return undefined;
  return {
    filesystem,
    ...(haveList ? { diskList: diskList! } : { filter: filter! }),
    ...(filterMatch ? { filterMatch } : {}),
    ...(lvm && Object.keys(lvm).length > 0 ? { lvm } : {}),
    ...(zfs ? { zfs } : {}),
    ...(btrfs ? { btrfs } : {}),
  };
}

function readLvm(p: Problems, t: Table | undefined): LvmOptions | undefined {
  if (!t) return undefined;
  const key = 'disk-setup.lvm';
  const names = ['hdsize', 'swapsize', 'maxroot', 'maxvz', 'minfree'] as const;
  checkKeys(p, key, t, names);
  const out: Record<string, number> = {};
  for (const n of names) {
    const v = number(p, join(key, n), t[n]);
    if (v !== undefined) out[n] = v;
  }
  return out;
}

function readZfs(p: Problems, t: Table | undefined): ZfsOptions | undefined {
  if (!t) return undefined;
  const key = 'disk-setup.zfs';
  checkKeys(p, key, t, ['raid', 'ashift', 'arc-max', 'checksum', 'compress', 'copies', 'hdsize']);
  const raid = oneOf(p, `${key}.raid`, t['raid'], ZFS_RAID_LEVELS, {
    aliases: upperAliases(ZFS_RAID_LEVELS),
  });
  const ashift = unsigned(p, `${key}.ashift`, t['ashift']);
  const arcMax = unsigned(p, `${key}.arc-max`, t['arc-max']);
  const checksum = oneOf(p, `${key}.checksum`, t['checksum'], ZFS_CHECKSUM);
  const compress = oneOf(p, `${key}.compress`, t['compress'], ZFS_COMPRESS);
  const copies = unsigned(p, `${key}.copies`, t['copies']);
  const hdsize = number(p, `${key}.hdsize`, t['hdsize']);
  if (!raid) return undefined;
  return {
    raid,
    ...(ashift !== undefined ? { ashift } : {}),
    ...(arcMax !== undefined ? { arcMax } : {}),
    ...(checksum ? { checksum } : {}),
    ...(compress ? { compress } : {}),
    ...(copies !== undefined ? { copies } : {}),
    ...(hdsize !== undefined ? { hdsize } : {}),
  };
}

function readBtrfs(p: Problems, t: Table | undefined): BtrfsOptions | undefined {
  if (!t) return undefined;
  const key = 'disk-setup.btrfs';
  checkKeys(p, key, t, ['raid', 'compress', 'hdsize']);
  const raid = oneOf(p, `${key}.raid`, t['raid'], BTRFS_RAID_LEVELS, {
    aliases: upperAliases(BTRFS_RAID_LEVELS),
  });
  const compress = oneOf(p, `${key}.compress`, t['compress'], BTRFS_COMPRESS);
  const hdsize = number(p, `${key}.hdsize`, t['hdsize']);
  if (!raid) return undefined;
  return { raid, ...(compress ? { compress } : {}), ...(hdsize !== undefined ? { hdsize } : {}) };
}

function readFirstBoot(p: Problems, t: Table | undefined): FirstBootSection | undefined {
  if (!t) return undefined;
  const key = 'first-boot';
  checkKeys(p, key, t, ['source', 'ordering', 'url', 'cert-fingerprint']);
  const source = oneOf(p, `${key}.source`, t['source'], FIRST_BOOT_SOURCES, { required: true });
  const ordering = oneOf(p, `${key}.ordering`, t['ordering'], FIRST_BOOT_ORDERINGS);
  const url = string(p, `${key}.url`, t['url'], { nonEmpty: true });
  const fp = string(p, `${key}.cert-fingerprint`, t['cert-fingerprint']);
  if (source === 'from-url' && t['url'] === undefined) {
    p.add(`${key}.url`, 'required with source = "from-url"');
  }
  if (!source) return undefined;
  return {
    source,
    ...(ordering ? { ordering } : {}),
    ...(url ? { url } : {}),
    ...(fp ? { certFingerprint: fp } : {}),
  };
}

function readWebhook(p: Problems, t: Table | undefined): PostInstallationWebhook | undefined {
  if (!t) return undefined;
  const key = 'post-installation-webhook';
  checkKeys(p, key, t, ['url', 'cert-fingerprint']);
  const url = string(p, `${key}.url`, t['url'], { required: true, nonEmpty: true });
  const fp = string(p, `${key}.cert-fingerprint`, t['cert-fingerprint']);
  if (!url) return undefined;
  return { url, ...(fp ? { certFingerprint: fp } : {}) };
}
