/**
 * Where VMs' IPv6 addresses come from now: the manual prefix of db.yaml, or the prefix the
 * broker answered (null before an answer, or with IPv6 off). One function, so allocation,
 * the VM's cloud-init and the host's routes agree.
 */
import { checkRoutedPrefix, formatIpv6, type Ipv6Plan, sameAddress } from '@blockhost/core';
import type { HostConfig } from '../config/load.js';
import type { Db } from '../db/open.js';
import { getBrokerRow } from './journal.js';

export interface CurrentIpv6Plan {
  readonly source: 'manual' | 'broker';
  /** The routed /120, e.g. `2001:db8:100::/120`. */
  readonly prefix: string;
  /** prefix+1: the VMs' gateway on the bridge (and the tunnel's address in broker mode). */
  readonly gateway: string;
  readonly plan: Ipv6Plan;
}

export function currentIpv6Plan(db: Db, config: HostConfig): CurrentIpv6Plan | null {
  const v6 = config.db.ipv6;
  let prefix: string | null = null;
  if (v6.mode === 'manual' && v6.prefix) prefix = v6.prefix;
  if (v6.mode === 'broker' && v6.broker) {
    const row = getBrokerRow(db);
    // An answer counts for the broker it came from; a new broker in db.yaml starts over.
    if (
      row?.answer &&
      sameAddress(row.registry, v6.broker.registry) &&
      sameAddress(row.requests, v6.broker.requests)
    )
      prefix = row.answer.prefix;
  }
  if (!prefix) return null;
  const r = checkRoutedPrefix(prefix);
  if (r.isErr()) return null;
  return {
    source: v6.mode === 'manual' ? 'manual' : 'broker',
    prefix,
    gateway: formatIpv6(r.value.gateway),
    plan: r.value,
  };
}
