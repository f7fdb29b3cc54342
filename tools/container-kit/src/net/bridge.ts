/**
 * The container's network, standing in for the Proxmox bridge: a veth pair
 * whose container end carries the VM's MAC (from `net0`) and is handed to
 * systemd-nspawn, and whose other end sits in a network namespace of its own
 * holding the gateway address (from `ipconfig0`). The test talks to the VM
 * from that namespace, as a machine on the bridge would; the host's own
 * network namespace gets no address, route or rule.
 *
 * Names carry the creating process id (`bhk-<pid>-<n>`), so leftovers of a
 * process that died are recognised and removed by the next one.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { errAsync, ResultAsync } from 'neverthrow';
import { ContainerKitError } from '../errors.js';
import { describeFailure, isAlive, run } from '../process/run.js';
import {
  LINK_RE,
  linkName,
  NETNS_RE,
  netnsName,
  nextNetworkSeq,
  WIREGUARD_SOCKET_DIR,
} from './names.js';

export interface BridgeNetworkOptions {
  /** The container NIC's MAC. */
  mac: string;
  /** Addresses of the gateway side with prefix, e.g. `10.77.0.1/24` (and an IPv6 one). */
  gatewayAddresses: readonly string[];
}

export interface BridgeNetwork {
  /** Network namespace of the gateway side (`ip netns exec <it> …`). */
  netns: string;
  /** The container end's name on the host until nspawn moves it in (`--network-interface=`). */
  containerInterface: string;
  /** Argv that runs `argv` on the gateway side. */
  onBridge(argv: readonly string[]): string[];
  /**
   * Makes the veth pair again when the container took it down with it (a
   * veth renamed inside a container dies with the container's namespace).
   */
  relink(): Promise<void>;
  remove(): Promise<void>;
}

async function ip(args: string[]): Promise<void> {
  const r = await run('ip', args, { timeoutMs: 30_000 });
  if (r.status !== 0)
    throw new ContainerKitError('setting up the container network', describeFailure('ip', args, r));
}

/** Removes namespaces and links left by kit processes that no longer run. */
export async function reapStaleNetworks(): Promise<void> {
  const dead = (pid: string) => !isAlive(Number(pid));
  if (existsSync('/run/netns')) {
    for (const n of readdirSync('/run/netns')) {
      const m = NETNS_RE.exec(n);
      if (m && dead(m[1]!)) await run('ip', ['netns', 'del', n], { timeoutMs: 30_000 });
    }
  }
  for (const n of readdirSync('/sys/class/net')) {
    const m = LINK_RE.exec(n);
    if (m && dead(m[1]!)) await run('ip', ['link', 'del', n], { timeoutMs: 30_000 });
  }
  // wireguard-go's control sockets (its process died with the test process: see wireguard-go.ts).
  if (existsSync(WIREGUARD_SOCKET_DIR)) {
    for (const f of readdirSync(WIREGUARD_SOCKET_DIR)) {
      const m = LINK_RE.exec(f.replace(/\.sock$/, ''));
      if (m && f.endsWith('.sock') && dead(m[1]!))
        rmSync(join(WIREGUARD_SOCKET_DIR, f), { force: true });
    }
  }
}

export function createBridgeNetwork(
  o: BridgeNetworkOptions,
): ResultAsync<BridgeNetwork, ContainerKitError> {
  if (!/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/i.test(o.mac))
    return errAsync(new ContainerKitError('container network', `'${o.mac}' is not a MAC address`));
  const n = nextNetworkSeq();
  const netns = netnsName(n);
  const cif = linkName('c', n);
  const gif = linkName('g', n);
  let created = false;
  const remove = async () => {
    // Deleting the namespace deletes gw0, and with it its veth peer.
    if (created) await run('ip', ['netns', 'del', netns], { timeoutMs: 30_000 });
    if (existsSync(`/sys/class/net/${cif}`))
      await run('ip', ['link', 'del', cif], { timeoutMs: 30_000 });
    created = false;
  };
  /** The veth pair: `cif` here, `gw0` with the gateway addresses in the namespace. */
  const addLink = async () => {
    await ip([
      'link',
      'add',
      cif,
      'address',
      o.mac.toLowerCase(),
      'type',
      'veth',
      'peer',
      'name',
      gif,
    ]);
    await ip(['link', 'set', gif, 'netns', netns]);
    await ip(['-n', netns, 'link', 'set', gif, 'name', 'gw0']);
    for (const a of o.gatewayAddresses) {
      await ip([
        '-n',
        netns,
        'addr',
        'add',
        a,
        'dev',
        'gw0',
        ...(a.includes(':') ? ['nodad'] : []),
      ]);
    }
    await ip(['-n', netns, 'link', 'set', 'gw0', 'up']);
  };
  return ResultAsync.fromPromise(
    (async () => {
      await reapStaleNetworks();
      try {
        await ip(['netns', 'add', netns]);
        created = true;
        await ip(['-n', netns, 'link', 'set', 'lo', 'up']);
        await addLink();
      } catch (e) {
        await remove();
        throw e;
      }
      return {
        netns,
        containerInterface: cif,
        onBridge: (argv: readonly string[]) => ['ip', 'netns', 'exec', netns, ...argv],
        relink: async () => {
          if (!existsSync(`/sys/class/net/${cif}`)) await addLink();
        },
        remove,
      };
    })(),
    (e) =>
      e instanceof ContainerKitError
        ? e
        : new ContainerKitError('setting up the container network', (e as Error).message, {
            cause: e,
          }),
  );
}
