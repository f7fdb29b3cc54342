/**
 * A VM's IPv6 address from the current plan (allocation, its cloud-init `ip6=`/`gw6=`) and
 * what the customer sees of its addresses in the NFT's connection details.
 */
import { allocateIpv6, ipv6InCidr, isPublicIpv4, parseIpv4, parseIpv6 } from '@blockhost/core';
import type { HostConfig } from '../config/load.js';
import { takenValues } from '../db/allocations.js';
import type { Db } from '../db/open.js';
import type { VmRow } from '../db/vms.js';
import { vmSigningTls } from '../jobs/signing-tls.js';
import { currentIpv6Plan } from './plan.js';

/**
 * The next free address of the current plan, or null: IPv6 off, no broker answer yet, or the
 * prefix full. IPv6 is an extra: a VM without one still gets IPv4 (doctor reports a full prefix).
 */
export function allocateVmIpv6(
  db: Db,
  config: HostConfig,
  /** Also taken: addresses other VMs of the cluster are configured with. */
  inUse: Iterable<string> = [],
): string | null {
  const plan = currentIpv6Plan(db, config);
  if (!plan) return null;
  const r = allocateIpv6(plan.plan, [...takenValues(db, 'ipv6'), ...inUse]);
  return r.isOk() ? r.value.address : null;
}

/** `address/120` and the gateway (prefix+1) for the VM's cloud-init, when `address` is in the plan. */
export function vmIpv6(
  db: Db,
  config: HostConfig,
  address: string | undefined | null,
): { cidr: string; gateway: string } | null {
  if (!address) return null;
  const plan = currentIpv6Plan(db, config);
  const a = parseIpv6(address);
  if (!plan || a.isErr() || !ipv6InCidr(a.value, plan.plan.cidr)) return null;
  return { cidr: `${address}/${plan.plan.cidr.prefixLength}`, gateway: plan.gateway };
}

/** What the customer decrypts: `{hostname, port, username, signingUrl}` plus both addresses. */
export type VmConnectionDetails = {
  /** The address to use: a public IPv4, else the IPv6 (behind a private IPv4 pool), else IPv4. */
  hostname: string;
  port: number;
  username: string;
  signingUrl: string;
  /** SHA-256 of the signing page's certificate, compared with the browser's before signing. */
  signingCertSha256?: string;
  ipv4?: string;
  ipv6?: string;
};

export function vmConnectionDetails(
  config: HostConfig,
  vm: Pick<VmRow, 'ipv4' | 'ipv6' | 'name'>,
): VmConnectionDetails {
  const v4 = vm.ipv4 ? parseIpv4(vm.ipv4) : null;
  // A private IPv4 pool is reachable only from the operator's network: the IPv6 address is
  // the one the customer can use (what broker mode is for).
  const v4Public = v4?.isOk() ? isPublicIpv4(v4.value) : false;
  const host = (v4Public ? vm.ipv4 : (vm.ipv6 ?? vm.ipv4)) ?? vm.name ?? '';
  const { ssh_port, signing_port, user } = config.blockhost.vm;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    hostname: host,
    port: ssh_port,
    username: user,
    signingUrl: `https://${urlHost}:${signing_port}/login/`,
    ...(vm.name ? { signingCertSha256: vmSigningTls(config, vm.name).fingerprint } : {}),
    ...(vm.ipv4 ? { ipv4: vm.ipv4 } : {}),
    ...(vm.ipv6 ? { ipv6: vm.ipv6 } : {}),
  };
}
