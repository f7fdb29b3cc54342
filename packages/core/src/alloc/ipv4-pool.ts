import { err, ok, type Result } from 'neverthrow';
import { InvalidInputError, PoolExhaustedError } from '../errors.js';
import {
  formatIpv4,
  formatIpv4Cidr,
  type Ipv4Cidr,
  ipv4HostRange,
  ipv4InCidr,
  parseIpv4,
  parseIpv4Cidr,
} from '../net/ipv4.js';

/** How an operator describes an IPv4 pool (the `ipv4_pool` section of db.yaml). */
export interface Ipv4PoolSpec {
  readonly cidr: string;
  readonly gateway: string;
  readonly range?: { readonly start: string; readonly end: string } | undefined;
  readonly reserved?: readonly string[] | undefined;
}

/** A checked pool: numeric bounds plus the addresses never handed out. */
export interface Ipv4Pool {
  readonly cidr: Ipv4Cidr;
  readonly gateway: number;
  readonly first: number;
  readonly last: number;
  readonly excluded: ReadonlySet<number>;
}

export interface Ipv4Assignment {
  readonly address: string;
  readonly prefixLength: number;
  readonly gateway: string;
  /** `address/prefixLength`, the form Proxmox's `ipconfig0` wants. */
  readonly cidr: string;
}

/** Re-labels a parse error with the pool field it came from. */
function fieldError(field: string, e: InvalidInputError): InvalidInputError {
  return new InvalidInputError(field, `${e.what}: ${e.expected}`, { hint: e.hint });
}

/**
 * Checks a pool spec. Errors name the field (`cidr`, `gateway`, `range.start`,
 * `range.end`, `range`, `reserved[i]`) in `what`.
 */
export function resolveIpv4Pool(spec: Ipv4PoolSpec): Result<Ipv4Pool, InvalidInputError> {
  const cidr = parseIpv4Cidr(spec.cidr);
  if (cidr.isErr()) return err(fieldError('cidr', cidr.error));
  const net = cidr.value;
  const where = formatIpv4Cidr(net);
  const gateway = parseIpv4(spec.gateway);
  if (gateway.isErr()) return err(fieldError('gateway', gateway.error));
  if (!ipv4InCidr(gateway.value, net)) {
    return err(new InvalidInputError('gateway', `not inside ${where}`));
  }
  const hosts = ipv4HostRange(net);
  let first = hosts.first;
  let last = hosts.last;
  if (spec.range) {
    const start = parseIpv4(spec.range.start);
    if (start.isErr()) return err(fieldError('range.start', start.error));
    const end = parseIpv4(spec.range.end);
    if (end.isErr()) return err(fieldError('range.end', end.error));
    if (!ipv4InCidr(start.value, net)) {
      return err(new InvalidInputError('range.start', `not inside ${where}`));
    }
    if (!ipv4InCidr(end.value, net)) {
      return err(new InvalidInputError('range.end', `not inside ${where}`));
    }
    if (start.value > end.value) {
      return err(new InvalidInputError('range', 'start must not come after end'));
    }
    first = Math.max(first, start.value);
    last = Math.min(last, end.value);
  }
  const excluded = new Set<number>([gateway.value]);
  for (const [i, text] of (spec.reserved ?? []).entries()) {
    const r = parseIpv4(text);
    if (r.isErr()) return err(fieldError(`reserved.${i}`, r.error));
    excluded.add(r.value);
  }
  return ok({ cidr: net, gateway: gateway.value, first, last, excluded });
}

function takenSet(taken: Iterable<string>): Set<number> {
  const out = new Set<number>();
  for (const t of taken) {
    // A bad entry cannot collide with a pool address, so it is simply skipped.
    const r = parseIpv4(t.includes('/') ? t.slice(0, t.indexOf('/')) : t);
    if (r.isOk()) out.add(r.value);
  }
  return out;
}

/** The lowest free address of the pool; deterministic for the same inputs. */
export function allocateIpv4(
  pool: Ipv4Pool,
  taken: Iterable<string>,
): Result<Ipv4Assignment, PoolExhaustedError> {
  const used = takenSet(taken);
  for (let a = pool.first; a <= pool.last; a++) {
    if (pool.excluded.has(a) || used.has(a)) continue;
    const address = formatIpv4(a);
    return ok({
      address,
      prefixLength: pool.cidr.prefixLength,
      gateway: formatIpv4(pool.gateway),
      cidr: `${address}/${pool.cidr.prefixLength}`,
    });
  }
  return err(
    new PoolExhaustedError(
      `IPv4 pool ${formatIpv4Cidr(pool.cidr)} (${formatIpv4(pool.first)}-${formatIpv4(pool.last)})`,
    ),
  );
}

export function countFreeIpv4(pool: Ipv4Pool, taken: Iterable<string>): number {
  const blocked = new Set([...pool.excluded, ...takenSet(taken)]);
  let inRange = 0;
  for (const a of blocked) if (a >= pool.first && a <= pool.last) inRange++;
  return Math.max(0, pool.last - pool.first + 1 - inRange);
}
