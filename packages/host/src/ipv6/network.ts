/**
 * The host side of the address plan as data: what the bridge, the routes and (in broker mode)
 * the WireGuard tunnel must look like. The daemon, which has no network privileges, writes it
 * to `network.json` in the IPv6 state directory; `blockhost ipv6 apply` (root, started by
 * `blockhost-ipv6.path` when the file changes) makes the host match it (apply.ts).
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { ipv6InCidr, parseIpv6, parseIpv6Cidr } from '@blockhost/core';
import type { HostConfig } from '../config/load.js';
import { takenValues } from '../db/allocations.js';
import type { Db } from '../db/open.js';
import { getBrokerRow } from './journal.js';
import { currentIpv6Plan } from './plan.js';

/** PersistentKeepalive of the tunnel (host.md): keeps NAT state and the handshake fresh. */
export const TUNNEL_KEEPALIVE_S = 25;

export interface Ipv6Tunnel {
  /** The WireGuard interface (`wg-broker`). */
  readonly interface: string;
  /** Routing table of the policy route: traffic from the prefix leaves through the tunnel. */
  readonly table: number;
  /** The host's WireGuard private key file (0600; never read by the daemon after writing it). */
  readonly keyFile: string;
  readonly peer: {
    readonly publicKey: string;
    readonly endpoint: string;
    readonly keepalive: number;
  };
  /** The broker's address inside the tunnel (the far end doctor pings). */
  readonly farEnd: string;
  readonly handshakeTimeoutS: number;
}

export interface Ipv6HostNetwork {
  readonly version: 1;
  readonly mode: 'manual' | 'broker';
  /** The routed /120. */
  readonly prefix: string;
  /** prefix+1: on the bridge (the VMs' gateway) and, in broker mode, on the tunnel. */
  readonly gateway: string;
  /** The Proxmox bridge the VMs are on (blockhost.yaml proxmox.bridge). */
  readonly bridge: string;
  /** VM addresses, each with a host route to the bridge. */
  readonly vms: readonly string[];
  readonly tunnel: Ipv6Tunnel | null;
}

/** `<dir of database_path>/ipv6`: the daemon's IPv6 files. */
export function ipv6StateDir(config: HostConfig): string {
  return join(dirname(config.db.database_path), 'ipv6');
}

export function wireguardKeyFile(config: HostConfig): string {
  return join(ipv6StateDir(config), `${config.db.ipv6.broker?.interface ?? 'wg-broker'}.key`);
}

/** What the host's network should be now; null when IPv6 is off or has no prefix yet. */
export function desiredIpv6Network(db: Db, config: HostConfig): Ipv6HostNetwork | null {
  const plan = currentIpv6Plan(db, config);
  if (!plan) return null;
  const cidr = parseIpv6Cidr(plan.prefix)._unsafeUnwrap();
  const vms = takenValues(db, 'ipv6')
    .filter((a) => {
      const v = parseIpv6(a);
      return v.isOk() && ipv6InCidr(v.value, cidr);
    })
    .sort((a, b) => {
      const x = parseIpv6(a)._unsafeUnwrap();
      const y = parseIpv6(b)._unsafeUnwrap();
      return x < y ? -1 : x > y ? 1 : 0;
    });
  const broker = config.db.ipv6.broker;
  const answer = plan.source === 'broker' ? getBrokerRow(db)?.answer : null;
  return {
    version: 1,
    mode: plan.source,
    prefix: plan.prefix,
    gateway: plan.gateway,
    bridge: config.blockhost.proxmox.bridge,
    vms,
    tunnel:
      answer && broker
        ? {
            interface: broker.interface,
            table: broker.table,
            keyFile: wireguardKeyFile(config),
            peer: {
              publicKey: answer.brokerPubkey,
              endpoint: answer.brokerEndpoint,
              keepalive: TUNNEL_KEEPALIVE_S,
            },
            farEnd: answer.gateway,
            handshakeTimeoutS: broker.handshake_timeout_s,
          }
        : null,
  };
}

/** Writes `text` to `path` atomically (temporary file, fsync, rename) with `mode`. */
export function writeFileAtomic(path: string, text: string, mode: number): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o750 });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export const NETWORK_FILE = 'network.json';

/**
 * Writes `network.json` (or `{"version":1,"off":true}` when there is nothing to serve) when its
 * content changes; true when it did. The write is what wakes `blockhost ipv6 apply`.
 */
export function writeIpv6Network(dir: string, net: Ipv6HostNetwork | null): boolean {
  const path = join(dir, NETWORK_FILE);
  const text = `${JSON.stringify(net ?? { version: 1, off: true }, null, 2)}\n`;
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return false;
  writeFileAtomic(path, text, 0o640);
  return true;
}

/** Reads a network file (`network.json`, `applied.json`); null when absent or "off". */
export function readIpv6Network(path: string): Ipv6HostNetwork | null {
  if (!existsSync(path)) return null;
  const v = JSON.parse(readFileSync(path, 'utf8')) as Ipv6HostNetwork | { off: true };
  if ('off' in v) return null;
  if (v.version !== 1) throw new Error(`${path}: unknown version ${String(v.version)}`);
  return v;
}
