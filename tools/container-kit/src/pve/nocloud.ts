/**
 * The NoCloud seed Proxmox VE writes for a VM (its `cidata` drive), from the
 * VM's config: `network-config` from `netN` + `ipconfigN` + `nameserver` /
 * `searchdomain`, and `meta-data`. The user-data comes from `cicustom
 * user=…` (the daemon's snippet) and is used as is.
 *
 * The shape is reproduced from knowledge of qemu-server's
 * PVE/QemuServer/Cloudinit.pm (nocloud: network config version 1, one
 * `physical` entry `ethN` per NIC matched by its MAC, static subnets with a
 * dotted netmask, one `nameserver` entry; meta-data with an instance-id that
 * is a SHA-1 over the generated data, so a config change is a new instance),
 * not copied from it. Where PVE falls back to the host's resolv.conf for DNS
 * (no `nameserver`/`searchdomain` in the config), pass `fallbackDns`.
 */
import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { InvalidInputError } from '@blockhost/core';
import { err, ok, type Result } from 'neverthrow';

/** A VM config as the PVE API returns it (`GET …/qemu/{vmid}/config`): strings per key. */
export type PveVmConfig = Readonly<Record<string, string | number | undefined>>;

export interface PveNic {
  /** `eth<N>`, as PVE names it in the network config. */
  name: string;
  /** Lower case, as PVE writes it. */
  mac: string;
  model: string;
  bridge: string | undefined;
}

export interface PveIpConfig {
  /** `dhcp` or an IPv4 CIDR. */
  ip?: string | undefined;
  gw?: string | undefined;
  /** `dhcp`, `auto` or an IPv6 CIDR. */
  ip6?: string | undefined;
  gw6?: string | undefined;
}

const MAC = /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i;
const NIC_MODELS = new Set([
  'virtio',
  'e1000',
  'e1000e',
  'rtl8139',
  'vmxnet3',
  'i82551',
  'i82557b',
  'i82559er',
  'ne2k_pci',
  'ne2k_isa',
  'pcnet',
]);

function pairs(value: string): [string, string][] {
  return value
    .split(',')
    .filter(Boolean)
    .map((p) => {
      const i = p.indexOf('=');
      return i < 0 ? [p, ''] : [p.slice(0, i), p.slice(i + 1)];
    });
}

/** `virtio=BC:24:11:00:00:01,bridge=vmbr0` (or `model=virtio,macaddr=…`) → the NIC. */
export function parsePveNet(key: string, value: string): Result<PveNic, InvalidInputError> {
  const kv = pairs(value);
  const m = Object.fromEntries(kv);
  const modelPair = kv.find(([k]) => NIC_MODELS.has(k));
  const model = m.model ?? modelPair?.[0];
  const mac = m.macaddr ?? modelPair?.[1];
  if (!model)
    return err(new InvalidInputError(key, `expected a NIC model (virtio=<MAC>,…), got '${value}'`));
  if (!mac || !MAC.test(mac))
    return err(new InvalidInputError(key, `expected a MAC address in '${value}'`));
  return ok({
    name: `eth${key.replace(/^net/, '')}`,
    mac: mac.toLowerCase(),
    model,
    bridge: m.bridge,
  });
}

/** `ip=10.0.0.5/24,gw=10.0.0.1[,ip6=…,gw6=…]`, checked like PVE's `pve-qm-ipconfig` format. */
export function parsePveIpConfig(
  key: string,
  value: string,
): Result<PveIpConfig, InvalidInputError> {
  const c: PveIpConfig = {};
  for (const [k, v] of pairs(value)) {
    if (k === 'ip') {
      if (v !== 'dhcp' && !isIpv4Cidr(v))
        return err(new InvalidInputError(`${key} ip`, `expected dhcp or an IPv4 CIDR, got '${v}'`));
      c.ip = v;
    } else if (k === 'gw') {
      if (!isIPv4(v))
        return err(new InvalidInputError(`${key} gw`, `expected an IPv4 address, got '${v}'`));
      c.gw = v;
    } else if (k === 'ip6') {
      if (v !== 'dhcp' && v !== 'auto' && !isIpv6Cidr(v))
        return err(
          new InvalidInputError(`${key} ip6`, `expected dhcp, auto or an IPv6 CIDR, got '${v}'`),
        );
      c.ip6 = v;
    } else if (k === 'gw6') {
      if (!isIPv6(v))
        return err(new InvalidInputError(`${key} gw6`, `expected an IPv6 address, got '${v}'`));
      c.gw6 = v;
    } else {
      return err(new InvalidInputError(key, `unknown key '${k}' (expected ip, gw, ip6, gw6)`));
    }
  }
  return ok(c);
}

function isIpv4Cidr(v: string): boolean {
  const [a, p, ...rest] = v.split('/');
  return rest.length === 0 && isIPv4(a ?? '') && /^\d+$/.test(p ?? '') && Number(p) <= 32;
}

function isIpv6Cidr(v: string): boolean {
  const [a, p, ...rest] = v.split('/');
  return rest.length === 0 && isIPv6(a ?? '') && /^\d+$/.test(p ?? '') && Number(p) <= 128;
}

/** `24` → `255.255.255.0` */
export function netmaskOf(prefix: number): string {
  const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (bits >>> s) & 255).join('.');
}

export interface PveDns {
  nameservers: readonly string[];
  searchDomains: readonly string[];
}

/** The NICs of a VM config with their ipconfig, in PVE's order (net0, net1, …). */
export function pveNics(
  config: PveVmConfig,
): Result<{ nic: PveNic; ip: PveIpConfig }[], InvalidInputError> {
  const out: { nic: PveNic; ip: PveIpConfig }[] = [];
  for (let id = 0; id < 32; id++) {
    const net = config[`net${id}`];
    if (net === undefined) continue;
    const nic = parsePveNet(`net${id}`, String(net));
    if (nic.isErr()) return err(nic.error);
    const ipconfig = config[`ipconfig${id}`];
    const ip =
      ipconfig === undefined ? ok({}) : parsePveIpConfig(`ipconfig${id}`, String(ipconfig));
    if (ip.isErr()) return err(ip.error);
    out.push({ nic: nic.value, ip: ip.value });
  }
  return ok(out);
}

/** `network-config` (version 1) as PVE generates it for a NoCloud drive. */
export function pveNocloudNetworkConfig(
  config: PveVmConfig,
  o: { fallbackDns?: PveDns | undefined } = {},
): Result<string, InvalidInputError> {
  const nics = pveNics(config);
  if (nics.isErr()) return err(nics.error);
  if (nics.value.length === 0)
    return err(new InvalidInputError('net0', 'the VM has no network device'));
  const lines = ['version: 1', 'config:'];
  for (const { nic, ip } of nics.value) {
    lines.push(
      '    - type: physical',
      `      name: ${nic.name}`,
      `      mac_address: '${nic.mac}'`,
    );
    if (ip.ip || ip.ip6) lines.push('      subnets:');
    if (ip.ip === 'dhcp') lines.push('      - type: dhcp4');
    else if (ip.ip) {
      const [address, prefix] = ip.ip.split('/');
      lines.push(
        '      - type: static',
        `        address: '${address}'`,
        `        netmask: '${netmaskOf(Number(prefix))}'`,
      );
      if (ip.gw) lines.push(`        gateway: '${ip.gw}'`);
    }
    if (ip.ip6 === 'dhcp') lines.push('      - type: dhcp6');
    else if (ip.ip6 === 'auto') lines.push('      - type: ipv6_slaac');
    else if (ip.ip6) {
      lines.push('      - type: static6', `        address: '${ip.ip6}'`);
      if (ip.gw6) lines.push(`        gateway: '${ip.gw6}'`);
    }
  }
  const split = (v: string | number | undefined) =>
    v === undefined
      ? []
      : String(v)
          .split(/[\s,;]+/)
          .filter(Boolean);
  let nameservers = split(config.nameserver);
  let search = split(config.searchdomain);
  if (!nameservers.length && !search.length && o.fallbackDns) {
    nameservers = [...o.fallbackDns.nameservers];
    search = [...o.fallbackDns.searchDomains];
  }
  for (const ns of nameservers) {
    if (!isIPv4(ns) && !isIPv6(ns))
      return err(new InvalidInputError('nameserver', `'${ns}' is not an IP address`));
  }
  if (nameservers.length || search.length) {
    lines.push('    - type: nameserver');
    if (nameservers.length)
      lines.push('      address:', ...nameservers.map((n) => `      - '${n}'`));
    if (search.length) lines.push('      search:', ...search.map((s) => `      - '${s}'`));
  }
  return ok(`${lines.join('\n')}\n`);
}

export interface PveMetaDataParameters {
  userData: string;
  networkConfig: string;
  vendorData?: string | undefined;
  /** Written as `local-hostname` when given. */
  hostname?: string | undefined;
}

/** `meta-data`: the instance-id (SHA-1 over the generated data) and, optionally, local-hostname. */
export function pveNocloudMetaData(p: PveMetaDataParameters): string {
  const id = createHash('sha1')
    .update(p.userData)
    .update(p.networkConfig)
    .update(p.vendorData ?? '')
    .digest('hex');
  return `instance-id: ${id}\n${p.hostname ? `local-hostname: ${p.hostname}\n` : ''}`;
}

/** `cicustom` `user=local:snippets/<file>` → `{ storage, file }` (what the snippet store holds). */
export function pveCicustomUser(
  config: PveVmConfig,
): Result<{ storage: string; volume: string; file: string }, InvalidInputError> {
  const value = config.cicustom === undefined ? '' : String(config.cicustom);
  const user = pairs(value).find(([k]) => k === 'user')?.[1];
  const m = user ? /^([A-Za-z][A-Za-z0-9._-]*):(snippets\/([^/]+))$/.exec(user) : null;
  if (!m) {
    return err(
      new InvalidInputError('cicustom', `expected user=<storage>:snippets/<file>, got '${value}'`),
    );
  }
  return ok({ storage: m[1]!, volume: m[2]!, file: m[3]! });
}

export interface PveContainerNetwork {
  /** The NIC's MAC (lower case). */
  mac: string;
  /** The VM's own addresses without prefix (`10.77.0.10`). */
  addresses: string[];
  /** The gateways with the VM's prefix (`10.77.0.1/24`): the other side of the veth. */
  gatewayAddresses: string[];
}

/** What `bootContainer`'s `network` needs to stand in for `net0`/`ipconfig0` of a VM config. */
export function pveContainerNetwork(
  config: PveVmConfig,
): Result<PveContainerNetwork, InvalidInputError> {
  const nics = pveNics(config);
  if (nics.isErr()) return err(nics.error);
  const first = nics.value[0];
  if (!first) return err(new InvalidInputError('net0', 'the VM has no network device'));
  const { ip } = first;
  const addresses: string[] = [];
  const gatewayAddresses: string[] = [];
  if (ip.ip && ip.ip !== 'dhcp') {
    const [a, p] = ip.ip.split('/');
    addresses.push(a!);
    if (ip.gw) gatewayAddresses.push(`${ip.gw}/${p}`);
  }
  if (ip.ip6 && ip.ip6 !== 'dhcp' && ip.ip6 !== 'auto') {
    const [a, p] = ip.ip6.split('/');
    addresses.push(a!);
    if (ip.gw6) gatewayAddresses.push(`${ip.gw6}/${p}`);
  }
  if (!gatewayAddresses.length)
    return err(
      new InvalidInputError('ipconfig0', 'expected a static address with a gateway (ip=…,gw=…)'),
    );
  return ok({ mac: first.nic.mac, addresses, gatewayAddresses });
}
