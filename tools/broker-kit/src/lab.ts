/**
 * The network of an IPv6-broker test, in namespaces (root): a "broker" namespace (the
 * internet side: the broker's WireGuard end with its tunnel address), a "host" namespace joined
 * to it by an IPv4-only underlay and holding the Proxmox-like bridge `vmbr0`, and a "VM"
 * namespace whose `eth0` is a port of that bridge. The host side itself is left to the code
 * under test (`blockhost ipv6 apply`); `hostInterface()` gives it a userspace WireGuard
 * interface where the kernel has none. `stop()` ends every process by PID and removes every
 * namespace, whatever state the test left.
 */
import {
  createNetns,
  linkNetns,
  type Netns,
  type Supervised,
  startSupervised,
  startWireguardGo,
} from '@blockhost/container-kit';
import { type BrokerWireguard, startBrokerWireguard } from './wireguard-end.js';

export interface TunnelLab {
  readonly broker: Netns;
  readonly host: Netns;
  readonly vm: Netns;
  readonly brokerWg: BrokerWireguard;
  /** Where the broker's WireGuard listens (its underlay address). */
  readonly endpoint: string;
  /** The broker's address inside the tunnel. */
  readonly gateway: string;
  readonly bridge: string;
  /** A wireguard-go interface in the host namespace (ended with the lab); its name. */
  hostInterface(): Promise<string>;
  /** What cloud-init does in the VM with `ip6=<cidr>,gw6=<gateway>`. */
  configureVm(cidr: string, gateway: string): Promise<void>;
  /** A TCP server in the VM namespace answering `text` to every connection. */
  serveTcp(port: number, text: string): Promise<Supervised>;
  /** A TCP client in the broker namespace: what the server at [address]:port said. */
  connectFromBroker(address: string, port: number): Promise<string>;
  stop(): Promise<void>;
}

export const LAB_UNDERLAY = { broker: '192.0.2.1', host: '192.0.2.2', prefixLength: 30 } as const;

export async function startTunnelLab(
  o: { gateway?: string; listenPort?: number } = {},
): Promise<TunnelLab> {
  if (process.getuid?.() !== 0)
    throw new Error('the tunnel lab makes network namespaces and runs wireguard-go: run as root');
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) await s().catch(() => {});
  };
  try {
    const ns = async () => {
      const n = (await createNetns())._unsafeUnwrap();
      stops.push(() => n.remove());
      return n;
    };
    const broker = await ns();
    const host = await ns();
    const vm = await ns();
    (await linkNetns(broker, 'ul0', host, 'ul0'))._unsafeUnwrap();
    await broker.ip([
      'addr',
      'add',
      `${LAB_UNDERLAY.broker}/${LAB_UNDERLAY.prefixLength}`,
      'dev',
      'ul0',
    ]);
    await host.ip([
      'addr',
      'add',
      `${LAB_UNDERLAY.host}/${LAB_UNDERLAY.prefixLength}`,
      'dev',
      'ul0',
    ]);
    await host.ip(['link', 'add', 'vmbr0', 'type', 'bridge']);
    await host.ip(['link', 'set', 'vmbr0', 'up']);
    (await linkNetns(host, 'tap100i0', vm, 'eth0'))._unsafeUnwrap();
    await host.ip(['link', 'set', 'tap100i0', 'master', 'vmbr0']);
    const gateway = o.gateway ?? '2001:db8:ffff::1';
    const listenPort = o.listenPort ?? 51820;
    const brokerWg = await startBrokerWireguard(broker, { gateway, listenPort });
    stops.push(() => brokerWg.stop());
    const node = process.execPath;
    return {
      broker,
      host,
      vm,
      brokerWg,
      endpoint: `${LAB_UNDERLAY.broker}:${listenPort}`,
      gateway,
      bridge: 'vmbr0',
      async hostInterface() {
        const wg = (await startWireguardGo(host))._unsafeUnwrap();
        stops.push(() => wg.stop());
        return wg.name;
      },
      async configureVm(cidr, gw) {
        await vm.ip(['-6', 'addr', 'add', cidr, 'dev', 'eth0', 'nodad']);
        await vm.ip(['-6', 'route', 'replace', 'default', 'via', gw, 'dev', 'eth0']);
      },
      async serveTcp(port, text) {
        const server = await startSupervised(
          vm.argv([
            node,
            '-e',
            `require('node:net').createServer((s) => s.end(${JSON.stringify(text)})).listen(${port}, '::', () => console.log('listening'))`,
          ]),
          { comm: 'node' },
        );
        stops.push(() => server.stop());
        const end = Date.now() + 10_000;
        while (!server.output().includes('listening')) {
          if (Date.now() > end)
            throw new Error(`the TCP server in the VM did not start: ${server.output()}`);
          await new Promise((r) => setTimeout(r, 20));
        }
        return server;
      },
      async connectFromBroker(address, port) {
        const r = await broker.run(node, [
          '-e',
          `const s = require('node:net').connect(${port}, ${JSON.stringify(address)}); s.setTimeout(5000, () => { console.error('timeout'); process.exit(1); }); s.on('data', (d) => process.stdout.write(d)); s.on('error', (e) => { console.error(e.message); process.exit(1); });`,
        ]);
        if (r.status !== 0)
          throw new Error(`TCP to [${address}]:${port} from the broker side: ${r.stderr.trim()}`);
        return r.stdout;
      },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
