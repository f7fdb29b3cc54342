import { isIPv4, isIPv6 } from 'node:net';
import { InvalidInputError } from '@blockhost/core';
import { errAsync, ResultAsync } from 'neverthrow';
import { unwrap, withRetries } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import { type PveError, toPveError } from '../../errors.js';
import { NET_FORMAT } from '../../generated/net-format.js';
import { isIpv4Cidr, isIpv6Cidr, splitList } from '../../schema/formats.js';
import { parsePropertyString } from '../../schema/property-string.js';
import { getVmConfig, type VmConfig } from './config.js';

/** The VM's one network interface. */
export interface VmNetwork {
  /** Linux bridge (e.g. `vmbr0`). */
  bridge: string;
  /** NIC model (default virtio). */
  model?: string;
  /** VLAN tag on the bridge, if any. */
  vlan?: number;
  /** IPv4 in CIDR form (`10.0.0.5/24`) and its gateway. */
  ipv4: { address: string; gateway?: string };
  /** Optional IPv6 (`2001:db8::5/120`) and gateway. */
  ipv6?: { address: string; gateway?: string };
  /** DNS servers for cloud-init. */
  nameservers?: string[];
}

export interface ConfigureVmParameters {
  node: string;
  vmid: number;
  cores: number;
  memoryMiB: number;
  network: VmNetwork;
  /** cloud-init user (default: none, the snippet creates the user). */
  ciuser?: string;
  /** Custom cloud-init files as volume ids (`local:snippets/x.yaml`). */
  cicustom?: { user?: string; network?: string; vendor?: string; meta?: string };
  tags: readonly string[];
  description: string;
  /** QEMU guest agent (default true). */
  agent?: boolean;
  /** Start on host boot (default true). */
  onboot?: boolean;
}

export interface ConfigureVmReturnType {
  /** The keys that were written (empty when the VM already had this config). */
  changed: string[];
  /** The VM's config after the update (what was read, with the changes applied). */
  config: VmConfig;
}

/** Parses a `net0` value into its keys (`model`, `macaddr`, `bridge`, …). */
export function parseNetValue(value: string): Record<string, string> {
  return parsePropertyString(value, NET_FORMAT).values;
}

function checkNetwork(n: VmNetwork): InvalidInputError | null {
  if (!/^[-_.\w]+$/.test(n.bridge))
    return new InvalidInputError('network.bridge', `'${n.bridge}' is not a bridge name`);
  if (!isIpv4Cidr(n.ipv4.address)) {
    return new InvalidInputError(
      'network.ipv4.address',
      `expected an IPv4 CIDR like 10.0.0.5/24, got '${n.ipv4.address}'`,
    );
  }
  if (n.ipv4.gateway !== undefined && !isIPv4(n.ipv4.gateway)) {
    return new InvalidInputError(
      'network.ipv4.gateway',
      `expected an IPv4 address, got '${n.ipv4.gateway}'`,
    );
  }
  if (n.ipv6 && !isIpv6Cidr(n.ipv6.address)) {
    return new InvalidInputError(
      'network.ipv6.address',
      `expected an IPv6 CIDR like 2001:db8::5/64, got '${n.ipv6.address}'`,
    );
  }
  if (n.ipv6?.gateway !== undefined && !isIPv6(n.ipv6.gateway)) {
    return new InvalidInputError(
      'network.ipv6.gateway',
      `expected an IPv6 address, got '${n.ipv6.gateway}'`,
    );
  }
  for (const ns of n.nameservers ?? []) {
    if (!isIPv4(ns) && !isIPv6(ns))
      return new InvalidInputError('network.nameservers', `'${ns}' is not an IP address`);
  }
  if (n.vlan !== undefined && (!Number.isInteger(n.vlan) || n.vlan < 1 || n.vlan > 4094)) {
    return new InvalidInputError('network.vlan', 'expected 1..4094');
  }
  return null;
}

/** `ipconfig0` for the network: `ip=…,gw=…[,ip6=…,gw6=…]`. */
export function ipconfigValue(n: VmNetwork): string {
  const parts = [`ip=${n.ipv4.address}`];
  if (n.ipv4.gateway) parts.push(`gw=${n.ipv4.gateway}`);
  if (n.ipv6) {
    parts.push(`ip6=${n.ipv6.address}`);
    if (n.ipv6.gateway) parts.push(`gw6=${n.ipv6.gateway}`);
  }
  return parts.join(',');
}

/** `net0`, keeping the MAC the VM already has (PVE would generate a new one otherwise). */
export function netValue(n: VmNetwork, current: string | undefined): string {
  const mac = current ? parseNetValue(current).macaddr : undefined;
  const model = n.model ?? 'virtio';
  return [
    `${model}${mac ? `=${mac}` : ''}`,
    `bridge=${n.bridge}`,
    ...(n.vlan ? [`tag=${n.vlan}`] : []),
  ].join(',');
}

function sameNet(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  const x = parseNetValue(a);
  const y = parseNetValue(b);
  const strip = (v: Record<string, string>) =>
    JSON.stringify(
      Object.entries(v)
        .filter(([k]) => k !== 'macaddr')
        .sort(),
    );
  return (
    strip(x) === strip(y) && (!x.macaddr || x.macaddr.toUpperCase() === y.macaddr?.toUpperCase())
  );
}

function cicustomValue(c: NonNullable<ConfigureVmParameters['cicustom']>): string {
  return (['user', 'network', 'vendor', 'meta'] as const)
    .filter((k) => c[k])
    .map((k) => `${k}=${c[k]}`)
    .join(',');
}

/** The config keys and values a VM should have (before comparing with what it has). */
export function desiredConfig(p: ConfigureVmParameters, current: VmConfig): Record<string, string> {
  const want: Record<string, string> = {
    cores: String(p.cores),
    memory: String(p.memoryMiB),
    net0: netValue(p.network, typeof current.net0 === 'string' ? current.net0 : undefined),
    ipconfig0: ipconfigValue(p.network),
    tags: p.tags.join(';'),
    description: p.description,
    agent: p.agent === false ? '0' : '1',
    onboot: p.onboot === false ? '0' : '1',
  };
  if (p.network.nameservers?.length) want.nameserver = p.network.nameservers.join(' ');
  if (p.ciuser) want.ciuser = p.ciuser;
  if (p.cicustom) want.cicustom = cicustomValue(p.cicustom);
  return want;
}

/** Whether `current[key]` already means `value` (PVE normalises some values). */
export function sameValue(key: string, value: string, current: VmConfig): boolean {
  const cur = current[key];
  if (cur === undefined) return false;
  const c = String(cur);
  switch (key) {
    case 'net0':
      return sameNet(value, c);
    case 'tags':
      return (
        JSON.stringify([...splitList(value)].sort()) === JSON.stringify([...splitList(c)].sort())
      );
    case 'agent': {
      const enabled = (s: string) => /^(1|enabled=1)(,|$)/.test(s);
      return enabled(value) === enabled(c);
    }
    case 'memory':
      return c.replace(/^current=/, '') === value;
    case 'description':
      return c.trimEnd() === value.trimEnd();
    default:
      return c === value;
  }
}

/**
 * Sets cores, memory, net0 (bridge, MAC kept), ipconfig0 (IPv4 + optional
 * IPv6), nameserver, ciuser, cicustom, tags, description, agent and onboot
 * in one synchronous config update — only the keys that differ, so a
 * second run sends nothing.
 */
export function configureVm(
  client: PveClient,
  params: ConfigureVmParameters,
): ResultAsync<ConfigureVmReturnType, PveError | InvalidInputError> {
  const bad = checkNetwork(params.network);
  if (bad) return errAsync(bad);
  if (!Number.isInteger(params.cores) || params.cores < 1)
    return errAsync(new InvalidInputError('cores', 'expected an integer ≥ 1'));
  if (!Number.isInteger(params.memoryMiB) || params.memoryMiB < 16) {
    return errAsync(new InvalidInputError('memoryMiB', 'expected an integer ≥ 16'));
  }
  return ResultAsync.fromPromise(
    withRetries(client, async () => {
      const current = await unwrap(getVmConfig(client, params));
      const want = desiredConfig(params, current);
      const changed = Object.keys(want).filter((k) => !sameValue(k, want[k]!, current));
      if (changed.length === 0) return { changed, config: current };
      const update: Record<string, string> = { digest: String(current.digest) };
      for (const k of changed) update[k] = want[k]!;
      await client.api.nodes
        .$(params.node)
        .qemu.$(params.vmid)
        .config.$put(update as never);
      return { changed, config: { ...current, ...update, digest: undefined } };
    }),
    (e) => toPveError(e),
  );
}
