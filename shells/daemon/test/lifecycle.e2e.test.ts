/**
 * The whole lifecycle on a real anvil chain and the Proxmox simulator, with
 * the real daemon engine in-process: buy → running VM + NFT with decryptable
 * details → expiry → suspended → renewal → resumed → expiry → grace → destroyed.
 */

import {
  type DevStack,
  settledRunning,
  startDevStack,
  startStackDaemon,
  vmState,
  waitFor,
} from '@blockhost/devstack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Daemon } from '../src/engine.js';

const DAY = 86_400;
let stack: DevStack;
let daemon: Daemon;

beforeAll(async () => {
  stack = await startDevStack({
    db: 'grace_days: 3',
    blockhost: 'daemon: { reconcile_interval_ms: 200, retry_base_ms: 50 }',
  });
  daemon = await startStackDaemon(stack);
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
  await stack?.stop();
});

describe('blockhostd end to end (anvil + Proxmox simulator)', () => {
  it('plays the lifecycle of a subscription', async () => {
    const alice = await stack.customer(3);
    const { subscriptionId } = await alice.buy(stack.planId, 2);

    // Provisioned: a running VM with the plan's resources and the wallet in GECOS.
    const vm = await waitFor('the VM to run', () => settledRunning(daemon.db, subscriptionId));
    const sim = stack.sim.vm(vm.vmid!)!;
    expect(sim.status).toBe('running');
    expect(sim.config.cores).toBe('1');
    expect(sim.config.memory).toBe('1024');
    expect(sim.tags).toEqual(expect.arrayContaining(['blockhost', `sub-${subscriptionId}`]));
    expect(sim.config.ipconfig0).toContain(`ip=${vm.ipv4}/24`);

    // The wallet login travels with cloud-init: programs, config, PAM/sshd wiring, nodejs, installer.
    const guest = stack.sim.vm(vm.vmid!)!.guest;
    expect(Object.keys(guest.files)).toEqual(
      expect.arrayContaining([
        '/usr/lib/blockhost/pam-challenge',
        '/usr/lib/blockhost/pam-verify',
        '/usr/lib/blockhost/blockhost-vm-login',
        '/etc/pam.d/blockhost-wallet-auth',
        '/etc/ssh/sshd_config.d/50-blockhost-wallet.conf',
      ]),
    );
    const loginConfig = Object.entries(guest.files).find(([p]) => p.endsWith('vm-login.json'))![1];
    expect(JSON.parse(Buffer.from(loginConfig.contentBase64, 'base64').toString())).toMatchObject({
      chainId: 31337,
      nftContract: stack.contracts.nft,
    });
    expect(guest.packages).toContain('nodejs');
    expect(guest.runcmd).toContainEqual(['/usr/lib/blockhost/blockhost-vm-login', 'install']);
    expect(guest.users.user?.groups).toContain('blockhost-wallet');

    // The NFT: minted once, to the buyer, with details only the buyer's signature decrypts.
    const tokenId = await alice.tokenOf(subscriptionId);
    expect(tokenId).not.toBeNull();
    // The login user names the wallet and, for NFT-mode logins, the token.
    expect(stack.sim.vm(vm.vmid!)?.guest.users.user?.gecos).toBe(
      `wallet=${alice.address},nft=${tokenId}`,
    );
    const details = await alice.connectionDetails(tokenId!);
    expect(details).toMatchObject({ hostname: vm.ipv4, port: 22, username: 'user' });

    // Expiry (chain time): suspended, disk kept.
    await stack.anvil.increaseTime(2 * DAY + 1);
    await stack.anvil.mine(1);
    await waitFor('suspension', () => vmState(daemon.db, subscriptionId)?.state === 'suspended');
    expect(stack.sim.vm(vm.vmid!)?.status).toBe('stopped');
    expect(stack.sim.vm(vm.vmid!)?.config.onboot).toBe('0');

    // Renewal inside grace: the same VM resumes.
    await alice.extend(subscriptionId, 5);
    await waitFor('resume', () => vmState(daemon.db, subscriptionId)?.state === 'running');
    expect(vmState(daemon.db, subscriptionId)?.vmid).toBe(vm.vmid);
    expect(stack.sim.vm(vm.vmid!)?.status).toBe('running');

    // Expiry again, then the grace period passes: destroyed, allocations released.
    await stack.anvil.increaseTime(5 * DAY + 1);
    await stack.anvil.mine(1);
    await waitFor(
      'second suspension',
      () => vmState(daemon.db, subscriptionId)?.state === 'suspended',
    );
    await stack.anvil.increaseTime(3 * DAY + 1);
    await stack.anvil.mine(1);
    await waitFor('destruction', () => vmState(daemon.db, subscriptionId)?.state === 'destroyed');
    expect(stack.sim.vm(vm.vmid!)).toBeUndefined();
    expect(daemon.db.prepare('SELECT COUNT(*) AS n FROM allocations').get()).toEqual({ n: 0 });
  }, 120_000);
});
