/**
 * (root) IPv6 for a VM end to end over a real WireGuard tunnel (wireguard-go in network
 * namespaces): the reference broker on anvil answers the host's request, the host side is
 * brought up from the files the daemon writes (network.json, the 0600 key) by the same apply
 * `blockhost ipv6 apply` runs, and a "VM" namespace on the host's bridge holds the address the
 * plan gave it. Then ping -6 from the broker's side to the VM and back, a TCP connection to the
 * VM, the far-end check doctor runs; and an endpoint that never handshakes is named. Every
 * namespace, interface and process is removed by PID afterwards.
 */

import { join } from 'node:path';
import { type BrokerWireguard, startBrokerWireguard } from '@blockhost/broker-kit';
import {
  createNetns,
  linkNetns,
  type Netns,
  type Supervised,
  startSupervised,
  startWireguardGo,
  type WireguardGo,
} from '@blockhost/container-kit';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAllocation } from '../../src/db/allocations.js';
import { createVm } from '../../src/db/vms.js';
import {
  allocateVmIpv6,
  applyFromFiles,
  commandRunner,
  createIpv6Service,
  type Db,
  getBrokerRow,
  type HostConfig,
  type Ipv6Service,
  openDb,
  pingFarEnd,
  readIpv6Network,
  vmIpv6,
} from '../../src/index.js';
import {
  type BrokerFixture,
  SERVER_ACCOUNT,
  serverAddress,
  startBrokerFixture,
} from './fixture.js';

const asRoot = process.getuid?.() === 0;
const log = pino({ level: 'silent' });
const GATEWAY = '2001:db8:ffff::1';

let fx: BrokerFixture;
let brokerNs: Netns;
let hostNs: Netns;
let vmNs: Netns;
let brokerWg: BrokerWireguard;
let hostWg: WireguardGo;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  if (!asRoot)
    throw new Error(
      'this test makes network namespaces and runs wireguard-go: run it as root (as .ci/run does)',
    );
  fx = await startBrokerFixture();
  cleanups.push(() => fx.stop());
  brokerNs = (await createNetns())._unsafeUnwrap();
  cleanups.push(() => brokerNs.remove());
  hostNs = (await createNetns())._unsafeUnwrap();
  cleanups.push(() => hostNs.remove());
  vmNs = (await createNetns())._unsafeUnwrap();
  cleanups.push(() => vmNs.remove());

  // The underlay ("the internet" between host and broker) is IPv4 only: the host has no IPv6.
  (await linkNetns(brokerNs, 'ul0', hostNs, 'ul0'))._unsafeUnwrap();
  await brokerNs.ip(['addr', 'add', '192.0.2.1/30', 'dev', 'ul0']);
  await hostNs.ip(['addr', 'add', '192.0.2.2/30', 'dev', 'ul0']);
  // The host's Proxmox bridge with the VM's NIC on it.
  await hostNs.ip(['link', 'add', 'vmbr0', 'type', 'bridge']);
  await hostNs.ip(['link', 'set', 'vmbr0', 'up']);
  (await linkNetns(hostNs, 'tap100i0', vmNs, 'eth0'))._unsafeUnwrap();
  await hostNs.ip(['link', 'set', 'tap100i0', 'master', 'vmbr0']);

  brokerWg = await startBrokerWireguard(brokerNs, { gateway: GATEWAY, listenPort: 51820 });
  cleanups.push(() => brokerWg.stop());
  fx.startResponder({
    wireguardPublicKey: brokerWg.publicKey,
    endpoint: '192.0.2.1:51820',
    gateway: GATEWAY,
    onAssign: (a) => brokerWg.addPeer(a.wgPubkey, a.prefix),
  });
  // This machine has no WireGuard kernel module: the host's interface is a wireguard-go one
  // (on a Proxmox host, apply creates a kernel one with the same configuration).
  hostWg = (await startWireguardGo(hostNs))._unsafeUnwrap();
  cleanups.push(() => hostWg.stop());
}, 90_000);

afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => {});
});

function hostConfig(iface: string): HostConfig {
  return fx.hostConfig({
    ipv6: [
      'ipv6:',
      '  mode: broker',
      '  broker:',
      `    registry: "${fx.broker.registry}"`,
      `    requests: "${fx.broker.requests}"`,
      `    interface: ${iface}`,
      '    handshake_timeout_s: 10',
    ].join('\n'),
  });
}

async function answered(svc: Ipv6Service, db: Db) {
  const end = Date.now() + 20_000;
  while (getBrokerRow(db)?.state !== 'answered') {
    if (Date.now() > end) throw new Error(`no answer: ${svc.status().message}`);
    await svc.tick();
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('IPv6 through the broker over a real WireGuard tunnel (root)', () => {
  it('request → answer → config → tunnel up; the VM is reachable from the broker side and back', async () => {
    const config = hostConfig(hostWg.name);
    const db = openDb(config.db.database_path);
    const clock = { now: Date.now() };
    const svc = createIpv6Service({
      db,
      config,
      log,
      clients: fx.anvil.clients(SERVER_ACCOUNT),
      now: () => clock.now,
    });
    const run = commandRunner({ netns: hostNs.name });
    try {
      await answered(svc, db);
      const prefix = getBrokerRow(db)!.answer!.prefix;

      // A VM is provisioned: its address from the plan (what the allocate step records).
      const vm = createVm(db, '1', 'key', serverAddress(fx), Date.now());
      const address = allocateVmIpv6(db, config)!;
      recordAllocation(db, vm.id, 'ipv6', address);
      const v6 = vmIpv6(db, config, address)!;
      expect(svc.refresh()).toBe(true);
      const net = readIpv6Network(join(svc.dir, 'network.json'))!;
      expect(net).toMatchObject({ prefix, vms: [address], gateway: v6.gateway });

      // The host side, from the files, in the host namespace.
      const first = await applyFromFiles(svc.dir, run, () => clock.now);
      expect(first.status.error).toBeNull();
      expect(first.report!.changes.join('\n')).toContain(
        `ip -6 route replace ${address}/128 dev vmbr0`,
      );
      // What cloud-init does in the VM with ipconfig0 `ip6=<cidr>,gw6=<gateway>`.
      await vmNs.ip(['-6', 'addr', 'add', v6.cidr, 'dev', 'eth0', 'nodad']);
      await vmNs.ip(['-6', 'route', 'add', 'default', 'via', v6.gateway, 'dev', 'eth0']);

      // ping -6 from the broker's side (the internet) to the VM, through the tunnel.
      const ping = await brokerNs.run('ping', ['-6', '-n', '-c', '3', '-W', '3', address]);
      expect(ping.stdout).toMatch(/3 packets transmitted, 3 received/);
      // … and from the VM out to the broker.
      const back = await vmNs.run('ping', ['-6', '-n', '-c', '3', '-W', '3', GATEWAY]);
      expect(back.stdout).toMatch(/3 packets transmitted, 3 received/);

      // A TCP connection from the broker's side to a port in the VM.
      const server: Supervised = await startSupervised(
        vmNs.argv([
          process.execPath,
          '-e',
          "require('node:net').createServer((s) => s.end('hello from the VM\\n')).listen(7777, '::', () => console.log('listening'))",
        ]),
        { comm: 'node' },
      );
      cleanups.push(() => server.stop());
      const end = Date.now() + 10_000;
      while (!server.output().includes('listening') && Date.now() < end)
        await new Promise((r) => setTimeout(r, 20));
      const tcp = await brokerNs.run(process.execPath, [
        '-e',
        `const s = require('node:net').connect(7777, '${address}'); s.on('data', (d) => process.stdout.write(d)); s.on('error', (e) => { console.error(e.message); process.exit(1); });`,
      ]);
      expect(tcp.stdout).toBe('hello from the VM\n');
      await server.stop();

      // Observed: a handshake, the route; the state says the tunnel is up.
      const again = await applyFromFiles(svc.dir, run, () => clock.now);
      expect(again.report!.changes).toEqual([]); // idempotent
      expect(again.status.observation!.tunnel!.latestHandshake).toBeGreaterThan(0);
      expect(again.status.observation!.routes).toEqual([{ address, present: true }]);
      const s = svc.status();
      expect(s.state).toBe('tunnel-up');
      expect(s.message).toMatch(
        new RegExp(
          `^prefix ${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} through ${hostWg.name} to 192\\.0\\.2\\.1:51820; last handshake \\d+ s ago$`,
        ),
      );
      // The broker side has this host's key, limited to its /120.
      expect(
        (await brokerWg.peers()).find((p) => p.allowedIps === prefix)?.latestHandshake,
      ).toBeGreaterThan(0);
      // doctor's far-end check: the broker answers a ping from prefix+1.
      expect(await pingFarEnd(net, run)).toMatchObject({ reachable: true });

      // The VM is destroyed: its address is freed and its route goes.
      db.prepare('DELETE FROM allocations WHERE vm_id = ?').run(vm.id);
      expect(svc.refresh()).toBe(true);
      const third = await applyFromFiles(svc.dir, run, () => clock.now);
      expect(third.report!.changes).toEqual([`ip -6 route del ${address}/128 dev vmbr0`]);
      const gone = await brokerNs.run('ping', ['-6', '-n', '-c', '1', '-W', '1', address]);
      expect(gone.stdout).toMatch(/0 received/);
    } finally {
      db.close();
    }
  });

  it('a broker endpoint that never handshakes is named, after the handshake timeout', async () => {
    // Another host (its own key, directory and interface), answered with an endpoint where
    // nothing listens.
    const wg2 = (await startWireguardGo(hostNs))._unsafeUnwrap();
    cleanups.push(() => wg2.stop());
    const config = hostConfig(wg2.name);
    const db = openDb(config.db.database_path);
    const clock = { now: Date.now() };
    const svc = createIpv6Service({
      db,
      config,
      log,
      clients: fx.anvil.clients(SERVER_ACCOUNT),
      now: () => clock.now,
    });
    const run = commandRunner({ netns: hostNs.name });
    try {
      const next = (await fx.anvil.publicClient.readContract({
        abi: (await import('@blockhost/broker-kit')).brokerRequestsAbi,
        address: fx.broker.requests,
        functionName: 'requestCount',
      })) as bigint;
      fx.faults.set(next + 1n, { kind: 'endpoint', endpoint: '192.0.2.1:51999' });
      await answered(svc, db);
      const applied = await applyFromFiles(svc.dir, run, () => clock.now);
      expect(applied.status.error).toBeNull();
      expect(svc.status(), svc.status().message).toMatchObject({ state: 'answered' });
      expect(svc.status().message).toContain(
        'waiting for the first handshake with 192.0.2.1:51999',
      );

      clock.now += 11_000;
      await applyFromFiles(svc.dir, run, () => clock.now);
      const s = svc.status();
      expect(s.state).toBe('no-handshake');
      expect(s.message).toContain('no handshake with the broker at 192.0.2.1:51999');
      expect(s.message).toContain('check that UDP to 192.0.2.1:51999 leaves this host');
      expect(await pingFarEnd(readIpv6Network(join(svc.dir, 'network.json'))!, run)).toMatchObject({
        reachable: false,
      });
    } finally {
      db.close();
    }
  });
});
