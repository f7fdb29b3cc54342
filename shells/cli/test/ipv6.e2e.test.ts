/**
 * (root) The whole IPv6 path with the real programs: blockhostd (in-process, on the dev stack)
 * asks the reference broker on anvil, `blockhost ipv6 apply` brings the host side up in the
 * tunnel lab's host namespace from the files blockhostd wrote, a purchase gets a VM whose
 * ipconfig0 address is then set in the lab's VM namespace (as cloud-init would), the broker's
 * side reaches it through the tunnel, and `blockhost ipv6 status`, `blockhost doctor` and
 * /metrics say so — and doctor names a missing route.
 */
import {
  type BrokerResponder,
  createPrefixPool,
  deployBroker,
  startBrokerResponder,
  startTunnelLab,
  type TunnelLab,
} from '@blockhost/broker-kit';
import { publicKeyFromSecretKey } from '@blockhost/chain';
import {
  type Daemon,
  type DevStack,
  freePort,
  settledRunning,
  startDevStack,
  startStackDaemon,
  waitFor,
} from '@blockhost/devstack';
import { createDefaultPorts, getBrokerRow } from '@blockhost/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, removeTempDirs } from './helpers.js';

const BROKER_KEY = '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba' as const;
let stack: DevStack | undefined;
let lab: TunnelLab | undefined;
let daemon: Daemon | undefined;
let responder: BrokerResponder | undefined;

interface Check {
  id: string;
  status: string;
  summary: string;
  hint: string | null;
}

beforeAll(async () => {
  if (process.getuid?.() !== 0)
    throw new Error(
      'this test makes network namespaces and runs wireguard-go: run it as root (as .ci/run does)',
    );
  stack = await startDevStack({
    listen: `127.0.0.1:${await freePort()}`,
    blockhost: 'daemon: { reconcile_interval_ms: 200, retry_base_ms: 50 }',
  });
  lab = await startTunnelLab();
  const l = lab;
  const s = stack;
  const iface = await l.hostInterface();
  const broker = await deployBroker(s.anvil.clients(0), {
    publicKey: publicKeyFromSecretKey(BROKER_KEY)._unsafeUnwrap(),
    responder: s.anvil.accounts[8]!.address,
  });
  responder = startBrokerResponder({
    clients: s.anvil.clients(8),
    secretKey: BROKER_KEY,
    requests: broker.requests,
    fromBlock: broker.deployBlock,
    pool: createPrefixPool('2001:db8:100::/112'),
    gateway: l.gateway,
    wireguardPublicKey: l.brokerWg.publicKey,
    endpoint: l.endpoint,
    onAssign: (a) => l.brokerWg.addPeer(a.wgPubkey, a.prefix),
    pollIntervalMs: 100,
  });
  s.writeConfig({
    db: [
      'ipv6:',
      '  mode: broker',
      '  broker:',
      `    registry: "${broker.registry}"`,
      `    requests: "${broker.requests}"`,
      `    interface: ${iface}`,
    ].join('\n'),
  });
  daemon = await startStackDaemon(s);
}, 120_000);

afterAll(async () => {
  await responder?.stop();
  await daemon?.stop();
  await lab?.stop();
  await stack?.stop();
  removeTempDirs();
});

const run = (args: string[]) =>
  cli([...args, '--config-dir', stack!.configDir], { ports: createDefaultPorts });

describe('IPv6 through blockhostd, blockhost ipv6 apply and a real tunnel (root)', () => {
  it('a purchased VM is reachable over IPv6 from the broker side; status, doctor and metrics agree', async () => {
    const s = stack!;
    const l = lab!;
    const d = daemon!;
    await waitFor('the broker answer', () => getBrokerRow(d.db)?.state === 'answered', 30_000);
    const prefix = getBrokerRow(d.db)!.answer!.prefix;

    const alice = await s.customer(3);
    const { subscriptionId } = await alice.buy(s.planId, 30);
    const vm = await waitFor('the VM', () => settledRunning(d.db, subscriptionId), 60_000);
    // What the VM's cloud-init gets.
    const m = /ip6=([^,]+),gw6=([^,]+)/.exec(s.sim.vm(vm.vmid!)!.config.ipconfig0 ?? '')!;
    expect(m[1]).toBe(`${vm.ipv6}/120`);

    // blockhostd wrote the plan (with the VM) → apply, as root, in the host namespace.
    await waitFor('network.json with the VM', async () => {
      const r = await run(['ipv6', 'apply', '--netns', l.host.name, '--json']);
      return (
        r.code === 0 &&
        r.json<{ status: { observation: { routes: unknown[] } } }>().status.observation.routes
          .length === 1
      );
    });
    await l.configureVm(m[1]!, m[2]!);
    const ping = await l.broker.run('ping', ['-6', '-n', '-c', '3', '-W', '3', vm.ipv6!]);
    expect(ping.stdout).toMatch(/3 packets transmitted, 3 received/);
    await l.serveTcp(2222, 'SSH-2.0-not-really\r\n');
    expect(await l.connectFromBroker(vm.ipv6!, 2222)).toBe('SSH-2.0-not-really\r\n');

    // Applied again (the timer's job): the handshake is seen; status says the tunnel is up.
    const again = await run(['ipv6', 'apply', '--netns', l.host.name]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already as planned: nothing changed');
    const st = await run(['ipv6', 'status', '--json']);
    expect(st.code).toBe(0);
    expect(
      st.json<{ status: { state: string; prefix: string; routes: unknown } }>().status,
    ).toMatchObject({
      state: 'tunnel-up',
      prefix,
      routes: { present: 1, missing: 0 },
    });
    const human = await run(['ipv6', 'status']);
    expect(human.stdout).toMatch(/^state: tunnel-up\n/);
    expect(human.stdout).toContain('recent:');

    // doctor: the IPv6 lines, live in the host namespace.
    const doctor = async () => {
      const r = await run(['doctor', '--json', '--netns', l.host.name]);
      return r.json<{ checks: Check[] }>().checks.filter((c) => c.id.startsWith('ipv6'));
    };
    const checks = await doctor();
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['ipv6', 'ok'],
      ['ipv6-routes', 'ok'],
      ['ipv6-vms', 'ok'],
      ['ipv6-tunnel', 'ok'],
      ['ipv6-far-end', 'ok'],
    ]);
    expect(checks[0]!.summary).toContain('252 of 253 addresses free');
    expect(checks[4]!.summary).toContain(`the broker routes ${prefix} to this host`);

    // /metrics
    const metrics = await (await fetch(`${d.url}/metrics`)).text();
    expect(metrics).toMatch(/^blockhost_ipv6_state\{state="tunnel-up"\} 1$/m);
    expect(metrics).toMatch(/^blockhost_ipv6_tunnel_handshake_age_seconds \d+$/m);
    expect(metrics).toMatch(/^blockhost_ipv6_vm_routes\{state="present"\} 1$/m);

    // A route lost (someone flushed it): doctor names the address and what to do.
    await l.host.ip(['-6', 'route', 'del', `${vm.ipv6}/128`, 'dev', 'vmbr0']);
    const broken = (await doctor()).find((c) => c.id === 'ipv6-routes')!;
    expect(broken).toMatchObject({
      status: 'fail',
      summary: `no route for ${vm.ipv6}`,
      hint: 'run `blockhost ipv6 apply` as root',
    });
    const fixed = await run(['ipv6', 'apply', '--netns', l.host.name]);
    expect(fixed.stdout).toContain(`changed: ip -6 route replace ${vm.ipv6}/128 dev vmbr0`);
    expect((await doctor()).find((c) => c.id === 'ipv6-routes')!.status).toBe('ok');

    // retry: a fresh request; the same key gets the same prefix, nothing moves.
    const retry = await run(['ipv6', 'retry']);
    expect(retry.code).toBe(0);
    await waitFor(
      'the answer to the retry',
      () => {
        const r = getBrokerRow(d.db)!;
        return r.state === 'answered' && r.attempts === 1 && r.reason === 'answer-renewed';
      },
      30_000,
    );
    expect(getBrokerRow(d.db)!.answer!.prefix).toBe(prefix);
  }, 180_000);
});
