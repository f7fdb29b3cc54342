/**
 * (root) The VM's IPv6 from a manual prefix, taken by real cloud-init: blockhostd provisions a
 * subscription on the dev stack, and the network config PVE would generate from the VM's
 * `ipconfig0` (`ip6=<prefix+2>/120,gw6=<prefix+1>` next to IPv4) seeds a Debian 13 cloud-image
 * root under real systemd and cloud-init (systemd-nspawn). The container must hold the address
 * and a default route via prefix+1, and answer a ping from the bridge side, where the host's
 * gateway address sits. The user-data here is a minimal one: the daemon's full user-data under
 * cloud-init is cloud-init-login.e2e.test.ts; this test is about the network config.
 */
import {
  bootContainer,
  type Container,
  ensureRoot,
  pveContainerNetwork,
  pveNocloudMetaData,
  pveNocloudNetworkConfig,
  run,
  VM_TEMPLATE_RECIPE,
} from '@blockhost/container-kit';
import {
  type Daemon,
  type DevStack,
  settledRunning,
  startDevStack,
  startStackDaemon,
  waitFor,
} from '@blockhost/devstack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let rootPath: string;
let stack: DevStack | undefined;
let daemon: Daemon | undefined;
let container: Container | undefined;

beforeAll(async () => {
  if (process.getuid?.() !== 0)
    throw new Error('this test boots a system container (systemd-nspawn): run it as root');
  rootPath = (await ensureRoot(VM_TEMPLATE_RECIPE))._unsafeUnwrap().path;
  stack = await startDevStack({
    db: 'ipv6: { mode: manual, prefix: "2001:db8:77::/120" }',
    blockhost: 'daemon: { reconcile_interval_ms: 200, retry_base_ms: 50 }',
  });
  daemon = await startStackDaemon(stack);
}, 30 * 60_000);

afterAll(async () => {
  await container?.stop();
  await daemon?.stop();
  await stack?.stop();
}, 120_000);

describe('a VM takes its IPv6 address and gateway from cloud-init', () => {
  it(
    'has prefix+2/120 on eth0, a default route via prefix+1, and answers from the bridge',
    async () => {
      const s = stack!;
      const d = daemon!;
      const alice = await s.customer(3);
      const { subscriptionId } = await alice.buy(s.planId, 10);
      const vm = await waitFor('the VM to run', () => settledRunning(d.db, subscriptionId), 60_000);
      const config = s.sim.vm(vm.vmid!)!.config;
      expect(config.ipconfig0).toContain('ip6=2001:db8:77::2/120,gw6=2001:db8:77::1');
      const networkConfig = pveNocloudNetworkConfig(config)._unsafeUnwrap();
      const net = pveContainerNetwork(config)._unsafeUnwrap();
      expect(net.gatewayAddresses).toContain('2001:db8:77::1/120');
      const userData = '#cloud-config\nhostname: ipv6-test\n';
      container = (
        await bootContainer({
          root: rootPath,
          seed: {
            userData,
            networkConfig,
            metaData: pveNocloudMetaData({ userData, networkConfig }),
          },
          network: { mac: net.mac, gatewayAddresses: net.gatewayAddresses },
        })
      )._unsafeUnwrap();
      const c = container;
      const status = (await c.waitForCloudInit(10 * 60_000))._unsafeUnwrap();
      expect(status, status.long).toMatchObject({ status: 'done', errors: [] });
      const sh = async (argv: string[]) => (await c.exec(argv))._unsafeUnwrap().stdout;

      await waitFor('the IPv6 address (after DAD)', async () =>
        /inet6 2001:db8:77::2\/120 scope global(?! tentative)/.test(
          await sh(['ip', '-6', '-o', 'addr', 'show', 'dev', 'eth0']),
        ),
      );
      expect(await sh(['ip', '-6', 'route', 'show', 'default'])).toMatch(
        /^default via 2001:db8:77::1 dev eth0/m,
      );
      // From the bridge side (where the host's prefix+1 is), as the host's route would reach it.
      const argv = c.network!.onBridge([
        'ping',
        '-6',
        '-n',
        '-c',
        '2',
        '-W',
        '3',
        '2001:db8:77::2',
      ]);
      const ping = await run(argv[0]!, argv.slice(1), { timeoutMs: 30_000 });
      expect(ping.stdout).toMatch(/2 packets transmitted, 2 received/);
    },
    15 * 60_000,
  );
});
