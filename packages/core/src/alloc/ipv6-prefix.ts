import { err, ok, type Result } from 'neverthrow';
import { InvalidInputError, PoolExhaustedError } from '../errors.js';
import {
  formatIpv6,
  formatIpv6Cidr,
  type Ipv6Cidr,
  ipv6CidrSize,
  ipv6NetworkOf,
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

/**
 * The size of a routed prefix a host serves VMs from: a /120, as the broker
 * assigns (256 addresses: the network, prefix+1 the host's gateway,
 * prefix+2 … prefix+254 for VMs, prefix+255 unused).
 */
export const IPV6_ROUTED_PREFIX_LENGTH = 120;

/**
 * Checks that `prefix` is a routed prefix of the size a host serves VMs from
 * (a /120, no host bits set) and resolves its address plan. The messages say
 * what to give instead: a /64 is refused with the /120 to carve out of it.
 */
export function checkRoutedPrefix(
  prefix: string,
  length: number = IPV6_ROUTED_PREFIX_LENGTH,
): Result<Ipv6Plan, InvalidInputError> {
  const slash = prefix.indexOf('/');
  const address = slash < 0 ? null : parseIpv6(prefix.slice(0, slash));
  const lenText = slash < 0 ? '' : prefix.slice(slash + 1);
  if (address?.isOk() && /^[0-9]{1,3}$/.test(lenText) && Number(lenText) !== length) {
    const given = Number(lenText);
    const carve =
      given < length
        ? `route a /${length} of it to this host and give that, e.g. ${formatIpv6(ipv6NetworkOf(address.value, given))}/${length}`
        : `a /${given} is too small; ask for a /${length}`;
    return err(
      new InvalidInputError(
        prefix,
        `expected a /${length} routed to this host (prefix+1 the gateway, prefix+2 … for VMs), got a /${given}`,
        { hint: carve },
      ),
    );
  }
  return resolveIpv6Prefix(prefix);
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
