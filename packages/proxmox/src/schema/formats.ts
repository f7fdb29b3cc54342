import { isIPv4, isIPv6 } from 'node:net';

/**
 * Checks for PVE's named string formats (PVE::JSONSchema `register_format`).
 * Each returns `null` when the value is fine, else PVE's error text. Formats
 * not listed here are accepted as-is (see the README's fidelity notes).
 */
type FormatCheck = (value: string) => string | null;

const HOST_LABEL = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;
const DNS_NAME =
  /^(?=.{1,253}$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$/;
const STORAGE_ID = /^[a-z][a-z0-9\-_.]*[a-z0-9]$/i;
const CONFIG_ID = /^[a-z][a-z0-9_-]+$/i;
const TAG = /^[a-z0-9_][a-z0-9_\-+.]*$/i;
const REALM = /^[A-Za-z][A-Za-z0-9.\-_]+$/;
const USER_ID = /^[^\s:/@]{1,60}@[A-Za-z][A-Za-z0-9.\-_]+$/;
const TOKEN_NAME = /^[A-Za-z][A-Za-z0-9.\-_]+$/;
const ROLE_ID = /^[A-Za-z0-9.\-_]+$/;
const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
const VOLUME_ID = /^[a-z][a-z0-9\-_.]*[a-z0-9]:.+$/i;
const DISK_SIZE = /^[0-9]+(\.[0-9]+)?[KMGT]?$/;
const URLENCODED = /^[%a-zA-Z0-9\-_.!~*'()]*$/;

/** IPv4 with prefix length (`10.0.0.5/24`). */
export function isIpv4Cidr(value: string): boolean {
  const [ip, bits, extra] = value.split('/');
  return (
    extra === undefined &&
    ip !== undefined &&
    isIPv4(ip) &&
    bits !== undefined &&
    /^[0-9]{1,2}$/.test(bits) &&
    Number(bits) <= 32
  );
}

/** IPv6 with prefix length (`2001:db8::5/64`). */
export function isIpv6Cidr(value: string): boolean {
  const [ip, bits, extra] = value.split('/');
  return (
    extra === undefined &&
    ip !== undefined &&
    isIPv6(ip) &&
    bits !== undefined &&
    /^[0-9]{1,3}$/.test(bits) &&
    Number(bits) <= 128
  );
}

/** Splits PVE list values (`a,b c;d`). */
export function splitList(value: string): string[] {
  return value.split(/[,;\s]+/).filter((s) => s.length > 0);
}

const list =
  (item: FormatCheck): FormatCheck =>
  (value) => {
    for (const part of splitList(value)) {
      const e = item(part);
      if (e) return e;
    }
    return null;
  };

const re =
  (pattern: RegExp, message: (v: string) => string): FormatCheck =>
  (value) =>
    pattern.test(value) ? null : message(value);

const ip: FormatCheck = (v) =>
  isIPv4(v) || isIPv6(v) ? null : 'value does not look like a valid IP address';
const cidr: FormatCheck = (v) =>
  isIpv4Cidr(v) || isIpv6Cidr(v) ? null : 'value does not look like a valid CIDR network';

const volumeId = re(VOLUME_ID, (v) => `unable to parse volume ID '${v}'`);

export const FORMAT_CHECKS: Readonly<Record<string, FormatCheck>> = {
  'pve-node': re(HOST_LABEL, () => 'value does not look like a valid node name'),
  'pve-node-list': list(re(HOST_LABEL, () => 'value does not look like a valid node name')),
  'pve-vmid': re(/^[0-9]+$/, () => 'value does not look like a valid VM ID'),
  'pve-vmid-list': list(re(/^[0-9]+$/, () => 'value does not look like a valid VM ID')),
  'pve-storage-id': re(STORAGE_ID, (v) => `storage ID '${v}' contains illegal characters`),
  'pve-storage-id-list': list(
    re(STORAGE_ID, (v) => `storage ID '${v}' contains illegal characters`),
  ),
  'pve-configid': re(CONFIG_ID, (v) => `invalid configuration ID '${v}'`),
  'pve-configid-list': list(re(CONFIG_ID, (v) => `invalid configuration ID '${v}'`)),
  'dns-name': re(DNS_NAME, () => 'value does not look like a valid DNS name'),
  'pve-tag-list': list(re(TAG, (v) => `invalid tag '${v}'`)),
  ip,
  ipv4: (v) => (isIPv4(v) ? null : 'value does not look like a valid IPv4 address'),
  ipv6: (v) => (isIPv6(v) ? null : 'value does not look like a valid IPv6 address'),
  address: ip,
  'address-list': list(ip),
  'ip-list': list(ip),
  CIDR: cidr,
  IPorCIDR: (v) =>
    ip(v) === null || cidr(v) === null
      ? null
      : 'value does not look like a valid IP address or CIDR network',
  'mac-addr': (v) =>
    // The I/G bit of the first octet must be clear: a unicast address.
    MAC.test(v) && (Number.parseInt(v.slice(0, 2), 16) & 1) === 0
      ? null
      : 'value does not look like a valid unicast MAC address',
  'pve-userid': re(USER_ID, () => 'value does not look like a valid user ID'),
  'pve-realm': re(REALM, () => 'value does not look like a valid realm'),
  'pve-roleid': re(ROLE_ID, (v) => `role name '${v}' contains invalid characters`),
  'pve-tokenid': re(TOKEN_NAME, () => 'value does not look like a valid token ID'),
  'pve-poolid': re(/^[A-Za-z0-9\-_/]+$/, (v) => `pool name '${v}' contains invalid characters`),
  'pve-groupid': re(/^[A-Za-z0-9.\-_]+$/, (v) => `group name '${v}' contains invalid characters`),
  'pve-bridge-id': re(/^[-_.\w\d]+$/, () => 'value does not look like a valid bridge name'),
  'pve-volume-id': volumeId,
  'pve-volume-id-or-absolute-path': (v) => (v.startsWith('/') ? null : volumeId(v)),
  // Drive `file=`: a volume, an absolute path, `STORAGE:SIZE` (new disk) or none/cdrom/cloudinit.
  'pve-volume-id-or-qm-path': (v) =>
    v === 'none' || v === 'cdrom' || v.startsWith('/') ? null : volumeId(v),
  'disk-size': re(DISK_SIZE, () => 'value does not look like a valid disk size'),
  urlencoded: re(URLENCODED, () => 'value must be urlencoded'),
  'pve-storage-content': re(
    /^(images|rootdir|vztmpl|iso|backup|snippets|import)$/,
    (v) => `invalid content type '${v}'`,
  ),
  'pve-storage-content-list': list(
    re(
      /^(images|rootdir|vztmpl|iso|backup|snippets|import|none)$/,
      (v) => `invalid content type '${v}'`,
    ),
  ),
};

/** `null` when `value` satisfies the named format (or the format is not checked here). */
export function checkFormat(format: string, value: string): string | null {
  const check = FORMAT_CHECKS[format];
  return check ? check(value) : null;
}

const FORMAT_CHECKS_EXTRA: Record<string, FormatCheck> = {
  'pve-ipv4-config': (v) =>
    v === 'dhcp' || isIpv4Cidr(v) ? null : 'value does not look like a valid IPv4 CIDR or dhcp',
  'pve-ipv6-config': (v) =>
    v === 'dhcp' || v === 'auto' || isIpv6Cidr(v)
      ? null
      : 'value does not look like a valid IPv6 CIDR, dhcp or auto',
};
Object.assign(FORMAT_CHECKS as Record<string, FormatCheck>, FORMAT_CHECKS_EXTRA);
