/**
 * IPv6 through blockhostd on the dev stack (anvil + Proxmox simulator):
 *
 * - manual mode: a purchase gets a VM whose cloud-init carries its IPv6 address and gateway
 *   (`ipconfig0` `ip6=`/`gw6=`), the customer's decrypted details show it next to IPv4, the
 *   host's network.json routes it, destroy frees it and the next VM may have it;
 * - broker mode against the reference broker on the same chain: while the broker is silent a
 *   purchase still gets its VM with IPv4 (IPv6 is extra), and once the broker answers the next
 *   VM gets an address from the broker's prefix; /metrics shows the state.
 *
 * The host network itself (bridge, routes, tunnel) is applied by `blockhost ipv6 apply`, which
 * needs root: tested for real in packages/host/test/ipv6/tunnel.e2e.test.ts.
 */
import { join } from 'node:path';
import {
  type BrokerResponder,
  createPrefixPool,
  deployBroker,
  startBrokerResponder,
} from '@blockhost/broker-kit';
import { publicKeyFromSecretKey } from '@blockhost/chain';
import {
  type DevStack,
  settledRunning,
  startDevStack,
  startStackDaemon,
  vmState,
  waitFor,
} from '@blockhost/devstack';
import { getBrokerRow, readIpv6Network } from '@blockhost/host';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Daemon } from '../src/engine.js';

const DAY = 86_400;
let stack: DevStack | undefined;
let daemon: Daemon | undefined;
let responder: BrokerResponder | undefined;

afterEach(async () => {
  await responder?.stop();
  await daemon?.stop();
  await stack?.stop();
  responder = undefined;
  daemon = undefined;
  stack = undefined;
});
afterAll(async () => {
  await daemon?.stop();
  await stack?.stop();
});

const metric = async (d: Daemon, name: string) =>
  (await (await fetch(`${d.url}/metrics`)).text())
    .split('\n')
    .filter((l) => l.startsWith(name))
    .join('\n');

describe('manual IPv6 prefix', () => {
  it('cloud-init carries the address and gateway, the details show it, destroy frees it', async () => {
    stack = await startDevStack({
      db: 'grace_days: 1\nipv6: { mode: manual, prefix: "2001:db8:77::/120" }',
      blockhost: 'daemon: { reconcile_interval_ms: 200, retry_base_ms: 50 }',
    });
    daemon = await startStackDaemon(stack);
    const d = daemon;
    const alice = await stack.customer(3);
    const { subscriptionId } = await alice.buy(stack.planId, 1);
    const vm = await waitFor('the VM to run', () => settledRunning(d.db, subscriptionId), 60_000);
    expect(vm.ipv6).toBe('2001:db8:77::2');
    const ipconfig0 = stack.sim.vm(vm.vmid!)!.config.ipconfig0;
    expect(ipconfig0).toBe(
      `ip=${vm.ipv4}/24,gw=10.77.0.1,ip6=2001:db8:77::2/120,gw6=2001:db8:77::1`,
    );

    // The IPv4 pool is private (10.77.0.0/24): the customer's address is the IPv6 one.
    const details = await alice.connectionDetails((await alice.tokenOf(subscriptionId))!);
    expect(details).toMatchObject({
      hostname: '2001:db8:77::2',
      ipv4: vm.ipv4,
      ipv6: '2001:db8:77::2',
      port: 22,
      username: 'user',
      signingUrl: 'https://[2001:db8:77::2]:8443/login/',
    });

    // The host's side, for `blockhost ipv6 apply`: the gateway and a route for the VM.
    const files = join(stack.dir, 'state', 'ipv6');
    await waitFor('network.json with the VM', () =>
      readIpv6Network(join(files, 'network.json'))?.vms.includes('2001:db8:77::2'),
    );
    expect(readIpv6Network(join(files, 'network.json'))).toEqual({
      version: 1,
      mode: 'manual',
      prefix: '2001:db8:77::/120',
      gateway: '2001:db8:77::1',
      bridge: 'vmbr0',
      vms: ['2001:db8:77::2'],
      tunnel: null,
    });
    expect(await metric(d, 'blockhost_ipv6_state{')).toContain(
      'blockhost_ipv6_state{state="manual"} 1',
    );

    // A second customer gets the next address.
    const bob = await stack.customer(4);
    const b = await bob.buy(stack.planId, 30);
    const vmB = await waitFor(
      'the second VM',
      () => settledRunning(d.db, b.subscriptionId),
      60_000,
    );
    expect(vmB.ipv6).toBe('2001:db8:77::3');

    // Alice's subscription ends, grace passes: the VM is destroyed and its address freed.
    await stack.anvil.increaseTime(DAY + 1);
    await stack.anvil.mine(1);
    await waitFor('suspension', () => vmState(d.db, subscriptionId)?.state === 'suspended');
    await stack.anvil.increaseTime(DAY + 1);
    await stack.anvil.mine(1);
    await waitFor(
      'destruction',
      () => vmState(d.db, subscriptionId)?.state === 'destroyed',
      60_000,
    );
    expect(
      d.db.prepare("SELECT value FROM allocations WHERE kind = 'ipv6' ORDER BY value").all(),
    ).toEqual([{ value: '2001:db8:77::3' }]);
    await waitFor('network.json without it', () =>
      readIpv6Network(join(files, 'network.json'))?.vms.join() === '2001:db8:77::3'
        ? true
        : undefined,
    );

    // The freed address goes to the next VM (never to two at once).
    const carol = await stack.customer(5);
    const c = await carol.buy(stack.planId, 30);
    const vmC = await waitFor('the third VM', () => settledRunning(d.db, c.subscriptionId), 60_000);
    expect(vmC.ipv6).toBe('2001:db8:77::2');
  }, 180_000);
});

describe('broker mode', () => {
  it('IPv4 service goes on while the broker is silent; after its answer VMs get the broker prefix', async () => {
    stack = await startDevStack({
      blockhost: 'daemon: { reconcile_interval_ms: 200, retry_base_ms: 50 }',
    });
    const s = stack;
    const brokerKey = '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba' as const;
    const broker = await deployBroker(s.anvil.clients(0), {
      publicKey: publicKeyFromSecretKey(brokerKey)._unsafeUnwrap(),
      responder: s.anvil.accounts[8]!.address,
    });
    s.writeConfig({
      db: [
        'ipv6:',
        '  mode: broker',
        '  broker:',
        `    registry: "${broker.registry}"`,
        `    requests: "${broker.requests}"`,
      ].join('\n'),
    });
    daemon = await startStackDaemon(s);
    const d = daemon;

    // The broker does not answer yet: the host waits, and sells VMs with IPv4 meanwhile.
    await waitFor('the request', () => getBrokerRow(d.db)?.state === 'waiting');
    const alice = await s.customer(3);
    const a = await alice.buy(s.planId, 30);
    const vmA = await waitFor('the first VM', () => settledRunning(d.db, a.subscriptionId), 60_000);
    expect(vmA.ipv6).toBeNull();
    expect(s.sim.vm(vmA.vmid!)!.config.ipconfig0).toBe(`ip=${vmA.ipv4}/24,gw=10.77.0.1`);
    expect(await alice.connectionDetails((await alice.tokenOf(a.subscriptionId))!)).toMatchObject({
      hostname: vmA.ipv4,
    });
    expect(await metric(d, 'blockhost_ipv6_state{')).toContain(
      'blockhost_ipv6_state{state="waiting"} 1',
    );

    // The broker answers.
    responder = startBrokerResponder({
      clients: s.anvil.clients(8),
      secretKey: brokerKey,
      requests: broker.requests,
      fromBlock: broker.deployBlock,
      pool: createPrefixPool('2001:db8:100::/112'),
      gateway: '2001:db8:ffff::1',
      wireguardPublicKey: 'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=',
      endpoint: '192.0.2.1:51820',
      pollIntervalMs: 100,
    });
    await waitFor('the answer', () => getBrokerRow(d.db)?.state === 'answered', 30_000);
    expect(getBrokerRow(d.db)!.answer!.prefix).toBe('2001:db8:100::/120');

    const bob = await s.customer(4);
    const b = await bob.buy(s.planId, 30);
    const vmB = await waitFor(
      'the second VM',
      () => settledRunning(d.db, b.subscriptionId),
      60_000,
    );
    expect(vmB.ipv6).toBe('2001:db8:100::2');
    expect(s.sim.vm(vmB.vmid!)!.config.ipconfig0).toContain(
      'ip6=2001:db8:100::2/120,gw6=2001:db8:100::1',
    );
    expect(await bob.connectionDetails((await bob.tokenOf(b.subscriptionId))!)).toMatchObject({
      hostname: '2001:db8:100::2',
      ipv4: vmB.ipv4,
      ipv6: '2001:db8:100::2',
    });
    // Answered, not applied (no root here): the state says so, the metric too.
    expect(await metric(d, 'blockhost_ipv6_state{')).toContain(
      'blockhost_ipv6_state{state="answered"} 1',
    );
    const net = readIpv6Network(join(s.dir, 'state', 'ipv6', 'network.json'))!;
    expect(net.tunnel).toMatchObject({
      interface: 'wg-broker',
      peer: { endpoint: '192.0.2.1:51820' },
    });
  }, 180_000);
});
