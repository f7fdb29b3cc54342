import { err, ok, type Result } from 'neverthrow';
import { InvalidInputError, PoolExhaustedError } from '../errors.js';
import {
  formatIpv6,
  formatIpv6Cidr,
  type Ipv6Cidr,
  ipv6CidrSize,
  parseIpv6,
  parseIpv6Cidr,
} from '../net/ipv6.js';

/**
 * How VMs get addresses from a routed prefix (the broker's /120 or a manual
 * one): prefix+1 is the host's gateway, prefix+2 … prefix+size−2 go to VMs.
 */
export interface Ipv6Plan {
  readonly cidr: Ipv6Cidr;
  readonly gateway: bigint;
  readonly first: bigint;
  readonly last: bigint;
}

export interface Ipv6Assignment {
  readonly address: string;
  readonly prefixLength: number;
  readonly gateway: string;
  readonly cidr: string;
}

export function resolveIpv6Prefix(prefix: string): Result<Ipv6Plan, InvalidInputError> {
  const parsed = parseIpv6Cidr(prefix);
  if (parsed.isErr()) return err(parsed.error);
  const cidr = parsed.value;
  if (cidr.prefixLength > 126) {
    return err(new InvalidInputError(prefix, 'the prefix must be /126 or wider to hold VMs'));
  }
  const size = ipv6CidrSize(cidr);
  return ok({
    cidr,
    gateway: cidr.network + 1n,
    first: cidr.network + 2n,
    last: cidr.network + size - 2n,
  });
}

export function allocateIpv6(
  plan: Ipv6Plan,
  taken: Iterable<string>,
): Result<Ipv6Assignment, PoolExhaustedError> {
  const used = new Set<bigint>();
  for (const t of taken) {
    const r = parseIpv6(t.includes('/') ? t.slice(0, t.indexOf('/')) : t);
    if (r.isOk()) used.add(r.value);
  }
  // Bounded by the taken count + 1 even for a /64: the first free one is near.
  for (let a = plan.first; a <= plan.last; a++) {
    if (used.has(a)) continue;
    const address = formatIpv6(a);
    return ok({
      address,
      prefixLength: plan.cidr.prefixLength,
      gateway: formatIpv6(plan.gateway),
      cidr: `${address}/${plan.cidr.prefixLength}`,
    });
  }
  return err(new PoolExhaustedError(`IPv6 prefix ${formatIpv6Cidr(plan.cidr)}`));
}
