/** The reference broker's address pool: a wide prefix cut into the /120s it routes to hosts. */
import {
  formatIpv6Cidr,
  IPV6_ROUTED_PREFIX_LENGTH,
  type Ipv6Cidr,
  parseIpv6Cidr,
} from '@blockhost/core';

export interface PrefixPool {
  /** The /120 for `key` (a host's WireGuard key): the same one again for the same key. */
  assign(key: string): string;
  /** A /120 never handed out before, for `key`, replacing what it held (a renumbering). */
  reassign(key: string): string;
  /** Forgets `key`'s assignment (its /120 is not handed out again). */
  release(key: string): void;
  readonly assigned: ReadonlyMap<string, string>;
}

/** `pool` (e.g. `2001:db8:100::/112`) split into /120s, handed out in order. */
export function createPrefixPool(pool: string): PrefixPool {
  const cidr: Ipv6Cidr = parseIpv6Cidr(pool)._unsafeUnwrap();
  if (cidr.prefixLength > IPV6_ROUTED_PREFIX_LENGTH)
    throw new Error(`pool ${pool} is smaller than a /${IPV6_ROUTED_PREFIX_LENGTH}`);
  const step = 1n << BigInt(128 - IPV6_ROUTED_PREFIX_LENGTH);
  const count = 1n << BigInt(IPV6_ROUTED_PREFIX_LENGTH - cidr.prefixLength);
  const assigned = new Map<string, string>();
  // A prefix once handed out is never handed to anyone else: a renumbering always moves.
  const used = new Set<string>();
  const fresh = () => {
    const held = used;
    for (let i = 0n; i < count; i++) {
      const p = formatIpv6Cidr({
        network: cidr.network + i * step,
        prefixLength: IPV6_ROUTED_PREFIX_LENGTH,
      });
      if (!held.has(p)) {
        used.add(p);
        return p;
      }
    }
    throw new Error(`pool ${pool} is exhausted`);
  };
  return {
    assigned,
    assign(key) {
      const held = assigned.get(key);
      if (held) return held;
      const p = fresh();
      assigned.set(key, p);
      return p;
    },
    reassign(key) {
      const p = fresh();
      assigned.set(key, p);
      return p;
    },
    release(key) {
      assigned.delete(key);
    },
  };
}
