/**
 * Makes the host's network match an `Ipv6HostNetwork` (network.ts), idempotently, with `ip`,
 * `wg` and `sysctl` run as argv arrays (no shell): the bridge carries prefix+1/128 (the VMs'
 * gateway), each VM address has a /128 route to the bridge, the rest of the prefix is
 * unreachable (never bounced back out of the uplink), and in broker mode the WireGuard
 * interface carries prefix+1 with the broker as its only peer (`AllowedIPs = ::/0`, keepalive
 * 25) while a policy rule sends traffic from the prefix into the tunnel (table
 * `ipv6.broker.table`), leaving the host's own IPv6 routes alone. The private key goes to `wg`
 * as a file path, never on a command line. Needs CAP_NET_ADMIN: run by `blockhost ipv6 apply`
 * (root), not by the daemon.
 */
import { spawn } from 'node:child_process';
import { formatIpv6, parseIpv6, parseIpv6Cidr } from '@blockhost/core';
import type { Ipv6HostNetwork } from './network.js';

export interface CommandResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one program (argv[0]) with arguments; never through a shell. */
export type CommandRunner = (argv: readonly string[]) => Promise<CommandResult>;

/**
 * Runs commands on this host, or inside network namespace `netns` (`ip netns exec`): the
 * tests' "host" namespace, or a host that keeps its VM network in a namespace.
 */
export function commandRunner(o: { netns?: string; timeoutMs?: number } = {}): CommandRunner {
  return (argv) =>
    new Promise((resolve) => {
      const full = o.netns ? ['ip', 'netns', 'exec', o.netns, ...argv] : [...argv];
      const child = spawn(full[0]!, full.slice(1), {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', LC_ALL: 'C' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        stdout += d;
      });
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
      });
      const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 15_000);
      child.on('error', (e) => {
        clearTimeout(timer);
        resolve({ status: 127, stdout, stderr: `${stderr}${e.message}` });
      });
      child.on('close', (status) => {
        clearTimeout(timer);
        resolve({ status, stdout, stderr });
      });
    });
}

/** One step of applying failed; `step` names it, the message is the tool's. */
export class Ipv6ApplyError extends Error {
  readonly code = 'IPV6_APPLY';
  constructor(
    readonly step: string,
    message: string,
    readonly hint?: string,
  ) {
    super(`${step}: ${message}${hint ? ` (${hint})` : ''}`);
  }
}

export interface ApplyReport {
  /** The commands that changed something, in order. */
  readonly changes: readonly string[];
}

/** Priority of the policy rules: before `main` (32766), after `local` (0). */
export const RULE_PRIORITY = 20_000;

interface IpAddr {
  addr_info?: { local?: string; prefixlen?: number; family?: string }[];
}
interface IpRoute {
  dst?: string;
  dev?: string;
  protocol?: string;
  type?: string;
}
interface IpRule {
  priority?: number;
  src?: string;
  srclen?: number;
  dst?: string;
  dstlen?: number;
  table?: string;
}

const norm = (a: string) => {
  const v = parseIpv6(a);
  return v.isOk() ? formatIpv6(v.value) : a;
};

export async function applyIpv6Network(
  desired: Ipv6HostNetwork | null,
  previous: Ipv6HostNetwork | null,
  run: CommandRunner,
): Promise<ApplyReport> {
  const changes: string[] = [];
  const exec = async (argv: readonly string[], step: string, hint?: string) => {
    const r = await run(argv);
    if (r.status !== 0)
      throw new Ipv6ApplyError(
        step,
        `\`${argv.join(' ')}\`: ${(r.stderr || r.stdout).trim() || `exit ${r.status}`}`,
        hint,
      );
    return r.stdout;
  };
  const change = async (argv: readonly string[], step: string, hint?: string) => {
    await exec(argv, step, hint);
    changes.push(argv.join(' '));
  };
  const json = async <T>(argv: readonly string[], step: string): Promise<T> =>
    JSON.parse((await exec(argv, step)) || '[]') as T;
  const linkExists = async (dev: string) =>
    (await run(['ip', 'link', 'show', 'dev', dev])).status === 0;
  const addrsOf = async (dev: string) =>
    (
      await json<IpAddr[]>(
        ['ip', '-j', '-6', 'addr', 'show', 'dev', dev],
        `reading the addresses of ${dev}`,
      )
    )
      .flatMap((l) => l.addr_info ?? [])
      .map((a) => `${norm(a.local ?? '')}/${a.prefixlen}`);
  // prefix+1 as a /128 without DAD or a prefix route: on the bridge (the VMs' gateway) and on the
  // tunnel (the broker's far end routes to it).
  const ensureGatewayOn = async (dev: string, gateway: string, step: string) => {
    if ((await addrsOf(dev)).includes(`${norm(gateway)}/128`)) return;
    await change(
      ['ip', '-6', 'addr', 'add', `${gateway}/128`, 'dev', dev, 'nodad', 'noprefixroute'],
      step,
    );
  };
  const rules = () =>
    json<IpRule[]>(['ip', '-j', '-6', 'rule', 'show'], 'reading the routing rules');

  // What the previous state had and this one does not: taken away first.
  if (previous) {
    const samePrefix = desired?.prefix === previous.prefix;
    if (
      previous.tunnel &&
      (!samePrefix || desired?.tunnel?.interface !== previous.tunnel.interface)
    ) {
      const t = previous.tunnel;
      const prevNet = norm(previous.prefix.split('/')[0]!);
      for (const r of await rules()) {
        if (
          r.priority === RULE_PRIORITY &&
          r.table === String(t.table) &&
          r.src &&
          norm(r.src) === prevNet
        )
          await change(
            [
              'ip',
              '-6',
              'rule',
              'del',
              'from',
              previous.prefix,
              'table',
              String(t.table),
              'priority',
              String(RULE_PRIORITY),
            ],
            'removing the old policy rule',
          );
        if (
          r.priority === RULE_PRIORITY - 1 &&
          r.table === 'main' &&
          r.dst &&
          norm(r.dst) === prevNet
        )
          await change(
            [
              'ip',
              '-6',
              'rule',
              'del',
              'to',
              previous.prefix,
              'table',
              'main',
              'priority',
              String(RULE_PRIORITY - 1),
            ],
            'removing the old policy rule',
          );
      }
      await run(['ip', '-6', 'route', 'flush', 'table', String(t.table)]);
      if (await linkExists(t.interface)) {
        if ((await addrsOf(t.interface)).includes(`${norm(previous.gateway)}/128`))
          await change(
            ['ip', '-6', 'addr', 'del', `${previous.gateway}/128`, 'dev', t.interface],
            'removing the old tunnel address',
          );
        if (desired?.tunnel?.interface !== t.interface)
          await change(['ip', 'link', 'set', t.interface, 'down'], 'stopping the old tunnel');
      }
    }
    if (!samePrefix) {
      if (await linkExists(previous.bridge)) {
        for (const a of previous.vms)
          await run(['ip', '-6', 'route', 'del', `${a}/128`, 'dev', previous.bridge]);
        if ((await addrsOf(previous.bridge)).includes(`${norm(previous.gateway)}/128`))
          await change(
            ['ip', '-6', 'addr', 'del', `${previous.gateway}/128`, 'dev', previous.bridge],
            'removing the old gateway address',
          );
      }
      await run(['ip', '-6', 'route', 'del', 'unreachable', previous.prefix]);
    }
  }
  if (!desired) return { changes };

  const cidr = parseIpv6Cidr(desired.prefix);
  if (cidr.isErr())
    throw new Ipv6ApplyError(
      'reading network.json',
      `prefix ${desired.prefix}: ${cidr.error.message}`,
    );
  const inPrefix = (a: string) => {
    const v = parseIpv6(a.split('/')[0]!);
    return v.isOk() && v.value >= cidr.value.network && v.value < cidr.value.network + 256n;
  };

  // Forwarding: the host routes between the bridge and the uplink or tunnel.
  const fwd = (
    await exec(['sysctl', '-n', 'net.ipv6.conf.all.forwarding'], 'reading IPv6 forwarding')
  ).trim();
  if (fwd !== '1')
    await change(
      ['sysctl', '-q', '-w', 'net.ipv6.conf.all.forwarding=1'],
      'enabling IPv6 forwarding',
    );

  // The bridge: prefix+1 as the VMs' gateway, a /128 route per VM, the rest unreachable.
  if (!(await linkExists(desired.bridge)))
    throw new Ipv6ApplyError(
      'configuring the bridge',
      `bridge ${desired.bridge} not found`,
      'check proxmox.bridge in blockhost.yaml',
    );
  await ensureGatewayOn(
    desired.bridge,
    desired.gateway,
    'adding the gateway address to the bridge',
  );
  await exec(
    ['ip', '-6', 'route', 'replace', 'unreachable', desired.prefix],
    'routing the unused part of the prefix nowhere',
  );
  const want = new Set(desired.vms.map(norm));
  const have = new Set(
    (
      await json<IpRoute[]>(
        ['ip', '-j', '-6', 'route', 'show', 'dev', desired.bridge],
        'reading the bridge routes',
      )
    )
      .filter((r) => r.dst && !r.dst.includes('/') && r.protocol !== 'kernel' && inPrefix(r.dst))
      .map((r) => norm(r.dst!)),
  );
  for (const a of want)
    if (!have.has(a))
      await change(
        ['ip', '-6', 'route', 'replace', `${a}/128`, 'dev', desired.bridge],
        `routing VM address ${a}`,
      );
  for (const a of have)
    if (!want.has(a))
      await change(
        ['ip', '-6', 'route', 'del', `${a}/128`, 'dev', desired.bridge],
        `removing the route of freed address ${a}`,
      );

  const t = desired.tunnel;
  if (!t) return { changes };
  // The tunnel: the interface (kernel WireGuard, or one a userspace implementation made).
  if (!(await linkExists(t.interface)))
    await change(
      ['ip', 'link', 'add', 'dev', t.interface, 'type', 'wireguard'],
      `creating WireGuard interface ${t.interface}`,
      'no WireGuard in this kernel? `modprobe wireguard`, or start a userspace one: `wireguard-go ' +
        t.interface +
        '`',
    );
  await exec(
    [
      'wg',
      'set',
      t.interface,
      'private-key',
      t.keyFile,
      'peer',
      t.peer.publicKey,
      'endpoint',
      t.peer.endpoint,
      'allowed-ips',
      '::/0',
      'persistent-keepalive',
      String(t.peer.keepalive),
    ],
    `configuring WireGuard on ${t.interface}`,
  );
  for (const p of (await exec(['wg', 'show', t.interface, 'peers'], 'reading the WireGuard peers'))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean))
    if (p !== t.peer.publicKey)
      await change(['wg', 'set', t.interface, 'peer', p, 'remove'], 'removing an old broker peer');
  await ensureGatewayOn(t.interface, desired.gateway, 'adding prefix+1 to the tunnel');
  await exec(['ip', 'link', 'set', t.interface, 'up'], `bringing ${t.interface} up`);
  await exec(
    ['ip', '-6', 'route', 'replace', 'default', 'dev', t.interface, 'table', String(t.table)],
    'routing the tunnel table into the tunnel',
  );
  const net = formatIpv6(cidr.value.network);
  const current = await rules();
  const has = (pred: (r: IpRule) => boolean) => current.some(pred);
  // Between hosts of the prefix: the main table (the bridge routes); from the prefix: the tunnel.
  if (
    !has(
      (r) =>
        r.priority === RULE_PRIORITY - 1 &&
        r.dst !== undefined &&
        norm(r.dst) === net &&
        r.dstlen === 120 &&
        r.table === 'main',
    )
  )
    await change(
      [
        'ip',
        '-6',
        'rule',
        'add',
        'to',
        desired.prefix,
        'table',
        'main',
        'priority',
        String(RULE_PRIORITY - 1),
      ],
      'routing traffic to the prefix by the main table',
    );
  if (
    !has(
      (r) =>
        r.priority === RULE_PRIORITY &&
        r.src !== undefined &&
        norm(r.src) === net &&
        r.srclen === 120 &&
        r.table === String(t.table),
    )
  )
    await change(
      [
        'ip',
        '-6',
        'rule',
        'add',
        'from',
        desired.prefix,
        'table',
        String(t.table),
        'priority',
        String(RULE_PRIORITY),
      ],
      'routing traffic from the prefix into the tunnel',
    );
  return { changes };
}

export interface Ipv6Observation {
  /** Unix ms of the observation. */
  readonly at: number;
  readonly prefix: string;
  readonly forwarding: boolean;
  readonly gatewayOnBridge: boolean;
  readonly routes: readonly { address: string; present: boolean }[];
  readonly tunnel: null | {
    readonly interface: string;
    readonly present: boolean;
    /** Unix seconds of the latest handshake with the broker; null when none yet. */
    readonly latestHandshake: number | null;
    readonly endpoint: string | null;
  };
}

/** Reads back what the host has of `desired` (for status.json, doctor and the metrics). */
export async function observeIpv6Network(
  desired: Ipv6HostNetwork,
  run: CommandRunner,
  now: number,
): Promise<Ipv6Observation> {
  const out = async (argv: string[]) => {
    const r = await run(argv);
    return r.status === 0 ? r.stdout : null;
  };
  const parse = <T>(text: string | null): T[] => (text ? (JSON.parse(text || '[]') as T[]) : []);
  const routes = new Set(
    parse<IpRoute>(await out(['ip', '-j', '-6', 'route', 'show', 'dev', desired.bridge]))
      .filter((r) => r.dst)
      .map((r) => norm(r.dst!.replace(/\/128$/, ''))),
  );
  const bridgeAddrs = parse<IpAddr>(
    await out(['ip', '-j', '-6', 'addr', 'show', 'dev', desired.bridge]),
  )
    .flatMap((l) => l.addr_info ?? [])
    .map((a) => norm(a.local ?? ''));
  let tunnel: Ipv6Observation['tunnel'] = null;
  if (desired.tunnel) {
    const t = desired.tunnel;
    const present = (await run(['ip', 'link', 'show', 'dev', t.interface])).status === 0;
    let latestHandshake: number | null = null;
    let endpoint: string | null = null;
    if (present) {
      const dump = (await out(['wg', 'show', t.interface, 'dump'])) ?? '';
      const peer = dump
        .split('\n')
        .slice(1)
        .map((l) => l.split('\t'))
        .find((f) => f[0] === t.peer.publicKey);
      if (peer) {
        const hs = Number(peer[4]);
        latestHandshake = hs > 0 ? hs : null;
        endpoint = peer[2] && peer[2] !== '(none)' ? peer[2] : null;
      }
    }
    tunnel = { interface: t.interface, present, latestHandshake, endpoint };
  }
  return {
    at: now,
    prefix: desired.prefix,
    forwarding:
      ((await out(['sysctl', '-n', 'net.ipv6.conf.all.forwarding'])) ?? '').trim() === '1',
    gatewayOnBridge: bridgeAddrs.includes(norm(desired.gateway)),
    routes: desired.vms.map((address) => ({ address, present: routes.has(norm(address)) })),
    tunnel,
  };
}

/**
 * Pings the broker's tunnel address from prefix+1: the answer comes back only if the broker
 * routes the prefix into this host's tunnel (what makes VM addresses reachable from outside).
 */
export async function pingFarEnd(
  desired: Ipv6HostNetwork,
  run: CommandRunner,
): Promise<{ reachable: boolean; detail: string }> {
  if (!desired.tunnel) return { reachable: false, detail: 'no tunnel in manual mode' };
  const r = await run([
    'ping',
    '-6',
    '-n',
    '-c',
    '1',
    '-W',
    '3',
    '-I',
    desired.gateway,
    desired.tunnel.farEnd,
  ]);
  const rtt = /time=([0-9.]+) ms/.exec(r.stdout)?.[1];
  return r.status === 0
    ? {
        reachable: true,
        detail: `${desired.tunnel.farEnd} answered from ${desired.gateway} in ${rtt ?? '?'} ms`,
      }
    : {
        reachable: false,
        detail: `${desired.tunnel.farEnd} did not answer a ping from ${desired.gateway}`,
      };
}

/**
 * Pings each VM address from prefix+1 over the bridge (at most `limit`): the host's half of "a
 * VM is reachable from the far side" (pingFarEnd is the other half). A VM may be off or drop
 * pings, so callers warn rather than fail.
 */
export async function pingVms(
  desired: Ipv6HostNetwork,
  run: CommandRunner,
  limit = 20,
): Promise<{ address: string; reachable: boolean }[]> {
  return Promise.all(
    desired.vms.slice(0, limit).map(async (address) => {
      const r = await run([
        'ping',
        '-6',
        '-n',
        '-c',
        '1',
        '-W',
        '2',
        '-I',
        desired.gateway,
        address,
      ]);
      return { address, reachable: r.status === 0 };
    }),
  );
}
