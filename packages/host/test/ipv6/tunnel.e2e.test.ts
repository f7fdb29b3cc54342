/**
 * (root) IPv6 for a VM end to end over a real WireGuard tunnel (wireguard-go in network
 * namespaces, broker-kit's tunnel lab): the reference broker on anvil answers the host's
 * request, the host side is brought up from the files the daemon writes (network.json, the 0600
 * key) by the same apply `blockhost ipv6 apply` runs, and a "VM" namespace on the host's bridge
 * holds the address the plan gave it. Then ping -6 from the broker's side to the VM and back, a
 * TCP connection to the VM, the far-end check doctor runs; and an endpoint that never
 * handshakes is named. Every namespace, interface and process is removed by PID afterwards.
 */
import { join } from 'node:path';
import { brokerRequestsAbi, startTunnelLab, type TunnelLab } from '@blockhost/broker-kit';
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
  resetBrokerClient,
  vmIpv6,
} from '../../src/index.js';
import {
  type BrokerFixture,
  SERVER_ACCOUNT,
  serverAddress,
  startBrokerFixture,
} from './fixture.js';

const log = pino({ level: 'silent' });
let fx: BrokerFixture | undefined;
let lab: TunnelLab | undefined;

beforeAll(async () => {
  if (process.getuid?.() !== 0)
    throw new Error(
      'this test makes network namespaces and runs wireguard-go: run it as root (as .ci/run does)',
    );
  fx = await startBrokerFixture();
  lab = await startTunnelLab();
  const l = lab;
  fx.startResponder({
    wireguardPublicKey: l.brokerWg.publicKey,
    endpoint: l.endpoint,
    gateway: l.gateway,
    onAssign: (a) => l.brokerWg.addPeer(a.wgPubkey, a.prefix),
  });
}, 90_000);

afterAll(async () => {
  await lab?.stop();
  await fx?.stop();
});

/** A host of its own (key, journal, files) on a fresh WireGuard interface in the host namespace. */
async function newHost(): Promise<{
  config: HostConfig;
  db: Db;
  svc: Ipv6Service;
  clock: { now: number };
  iface: string;
}> {
  const iface = await lab!.hostInterface();
  const config = fx!.hostConfig({
    ipv6: [
      'ipv6:',
      '  mode: broker',
      '  broker:',
      `    registry: "${fx!.broker.registry}"`,
      `    requests: "${fx!.broker.requests}"`,
      `    interface: ${iface}`,
      '    handshake_timeout_s: 10',
    ].join('\n'),
  });
  const db = openDb(config.db.database_path);
  const clock = { now: Date.now() };
  const svc = createIpv6Service({
    db,
    config,
    log,
    clients: fx!.anvil.clients(SERVER_ACCOUNT),
    now: () => clock.now,
  });
  return { config, db, svc, clock, iface };
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
    const l = lab!;
    const { config, db, svc, clock, iface } = await newHost();
    const run = commandRunner({ netns: l.host.name });
    try {
      await answered(svc, db);
      const prefix = getBrokerRow(db)!.answer!.prefix;

      // A VM is provisioned: its address from the plan (what the allocate step records).
      const vm = createVm(db, '1', 'key', serverAddress(fx!), Date.now());
      const address = allocateVmIpv6(db, config)!;
      recordAllocation(db, vm.id, 'ipv6', address);
      const v6 = vmIpv6(db, config, address)!;
      expect(svc.refresh()).toBe(true);
      const net = readIpv6Network(join(svc.dir, 'network.json'))!;
      expect(net).toMatchObject({ prefix, vms: [address], gateway: v6.gateway });

      // The host side, from the files, in the host namespace; the VM configured as cloud-init would.
      const first = await applyFromFiles(svc.dir, run, () => clock.now);
      expect(first.status.error).toBeNull();
      expect(first.report!.changes).toContain(`ip -6 route replace ${address}/128 dev vmbr0`);
      await l.configureVm(v6.cidr, v6.gateway);

      // ping -6 from the broker's side (the internet) to the VM, through the tunnel, and back.
      const ping = await l.broker.run('ping', ['-6', '-n', '-c', '3', '-W', '3', address]);
      expect(ping.stdout).toMatch(/3 packets transmitted, 3 received/);
      const back = await l.vm.run('ping', ['-6', '-n', '-c', '3', '-W', '3', l.gateway]);
      expect(back.stdout).toMatch(/3 packets transmitted, 3 received/);
      // A TCP connection from the broker's side to a port in the VM.
      const server = await l.serveTcp(7777, 'hello from the VM\n');
      expect(await l.connectFromBroker(address, 7777)).toBe('hello from the VM\n');
      await server.stop();

      // Observed: a handshake, the route; the state says the tunnel is up. Applying again changes nothing.
      const again = await applyFromFiles(svc.dir, run, () => clock.now);
      expect(again.report!.changes).toEqual([]);
      expect(again.status.observation!.tunnel!.latestHandshake).toBeGreaterThan(0);
      expect(again.status.observation!.routes).toEqual([{ address, present: true }]);
      const s = svc.status();
      expect(s.state).toBe('tunnel-up');
      expect(s.message).toMatch(
        new RegExp(
          `^prefix ${prefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} through ${iface} to 192\\.0\\.2\\.1:51820; last handshake \\d+ s ago$`,
        ),
      );
      // The broker side has this host's key, limited to its /120.
      expect(
        (await l.brokerWg.peers()).find((p) => p.allowedIps === prefix)?.latestHandshake,
      ).toBeGreaterThan(0);
      // doctor's far-end check: the broker answers a ping from prefix+1.
      expect(await pingFarEnd(net, run)).toMatchObject({ reachable: true });

      // The VM is destroyed: its address is freed and its route goes.
      db.prepare('DELETE FROM allocations WHERE vm_id = ?').run(vm.id);
      expect(svc.refresh()).toBe(true);
      const third = await applyFromFiles(svc.dir, run, () => clock.now);
      expect(third.report!.changes).toEqual([`ip -6 route del ${address}/128 dev vmbr0`]);
      const gone = await l.broker.run('ping', ['-6', '-n', '-c', '1', '-W', '1', address]);
      expect(gone.stdout).toMatch(/0 received/);
    } finally {
      db.close();
    }
  });

  it('a changed prefix with no VM on the old one is adopted: the old rules, routes and addresses go', async () => {
    const l = lab!;
    const { db, svc, clock, iface } = await newHost();
    const run = commandRunner({ netns: l.host.name });
    try {
      await answered(svc, db);
      const old = getBrokerRow(db)!.answer!.prefix;
      expect((await applyFromFiles(svc.dir, run, () => clock.now)).status.error).toBeNull();
      const oldNet = readIpv6Network(join(svc.dir, 'network.json'))!;
      expect(await pingFarEnd(oldNet, run)).toMatchObject({ reachable: true });

      const count = (await fx!.anvil.publicClient.readContract({
        abi: brokerRequestsAbi,
        address: fx!.broker.requests,
        functionName: 'requestCount',
      })) as bigint;
      fx!.faults.set(count + 1n, { kind: 'new-prefix' });
      resetBrokerClient(db, clock.now);
      const end = Date.now() + 20_000;
      while (getBrokerRow(db)!.answer!.prefix === old) {
        if (Date.now() > end) throw new Error(`no new prefix: ${svc.status().message}`);
        await svc.tick();
        await new Promise((r) => setTimeout(r, 50));
      }
      const now = readIpv6Network(join(svc.dir, 'network.json'))!;
      expect(now.prefix).not.toBe(old);
      const applied = await applyFromFiles(svc.dir, run, () => clock.now);
      expect(applied.status.error).toBeNull();
      const changes = applied.report!.changes.join('\n');
      expect(changes).toContain(`ip -6 rule del from ${old} table 51820 priority 20000`);
      expect(changes).toContain(`ip -6 addr del ${oldNet.gateway}/128 dev ${iface}`);
      expect(changes).toContain(`ip -6 addr del ${oldNet.gateway}/128 dev vmbr0`);
      const rules = (await l.host.run('ip', ['-6', 'rule', 'show'])).stdout;
      expect(rules).not.toContain(old.replace('/120', ''));
      expect(rules).toContain(`from ${now.prefix} lookup 51820`);
      // The tunnel carries the new prefix: the broker answers prefix+1 of it.
      expect(await pingFarEnd(now, run)).toMatchObject({ reachable: true });
    } finally {
      db.close();
    }
  });

  it('a broker endpoint that never handshakes is named, after the handshake timeout', async () => {
    const l = lab!;
    // Another host, answered with an endpoint where nothing listens.
    const { db, svc, clock } = await newHost();
    const run = commandRunner({ netns: l.host.name });
    try {
      const count = (await fx!.anvil.publicClient.readContract({
        abi: brokerRequestsAbi,
        address: fx!.broker.requests,
        functionName: 'requestCount',
      })) as bigint;
      fx!.faults.set(count + 1n, { kind: 'endpoint', endpoint: '192.0.2.1:51999' });
      await answered(svc, db);
      const applied = await applyFromFiles(svc.dir, run, () => clock.now);
      expect(applied.status.error).toBeNull();
      expect(svc.status().state).toBe('answered');
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
