/**
 * The customer's VM for real (slow tier: minutes on a first run, which builds
 * the VM template root; about a minute with it cached).
 *
 * anvil + the Proxmox simulator + blockhostd provision a subscription. The
 * exact user-data the daemon wrote into the simulator's snippet storage, with
 * the network config and meta-data PVE would generate from the VM's config,
 * boots as the NoCloud seed of a Debian 13 cloud-image root under real
 * systemd and cloud-init (systemd-nspawn). Cloud-init must finish cleanly and
 * the login installer must have run; then the real OpenSSH client logs in as
 * the customer's user by signing the shown SIWE message with the customer's
 * wallet. The guest-agent commands the daemon sent through the simulator
 * (the NFT id after minting, the new owner after a transfer) are run in the
 * container as the agent would run them, and the login follows the NFT.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessCredentialNftAbi } from '@blockhost/chain';
import {
  bootContainer,
  type Container,
  ensureRoot,
  opensshWalletLogin,
  pveCicustomUser,
  pveContainerNetwork,
  pveNocloudMetaData,
  pveNocloudNetworkConfig,
  VM_TEMPLATE_RECIPE,
} from '@blockhost/container-kit';
import type { Daemon } from '@blockhost/devstack';
import {
  type DevStack,
  settledRunning,
  startDevStack,
  startStackDaemon,
  waitFor,
} from '@blockhost/devstack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runArgv } from './run-argv.js';

const times: Record<string, number> = {};
const timed = async <T>(what: string, f: () => Promise<T>): Promise<T> => {
  const t = Date.now();
  try {
    return await f();
  } finally {
    times[what] = (Date.now() - t) / 1000;
  }
};

let rootPath: string;
let stack: DevStack;
let daemon: Daemon;
let container: Container | undefined;
const started = Date.now();

beforeAll(async () => {
  if (process.getuid?.() !== 0)
    throw new Error('this test boots a system container (systemd-nspawn): run it as root');
  const root = await timed('template root (ensure)', async () => ensureRoot(VM_TEMPLATE_RECIPE));
  if (root.isErr()) throw root.error;
  rootPath = root.value.path;
  if (root.value.built) times['template root (built now)'] = root.value.buildMs! / 1000;
  stack = await startDevStack({
    blockhost: 'daemon: { reconcile_interval_ms: 200, retry_base_ms: 50 }',
  });
  daemon = await startStackDaemon(stack);
}, 30 * 60_000);

afterAll(async () => {
  await container?.stop();
  await daemon?.stop();
  await stack?.stop();
  times.total = (Date.now() - started) / 1000;
  console.log(`cloud-init login e2e, seconds: ${JSON.stringify(times)}`);
}, 120_000);

/** Runs in the container what the guest agent ran for the daemon, in order; returns how many. */
async function replayAgentCommands(vmid: number, from: number): Promise<number> {
  const execs = stack.sim.agentLog(vmid).execs.slice(from);
  for (const e of execs) {
    const r = (await container!.exec(e.command))._unsafeUnwrap();
    expect(r.status, `${e.command.join(' ')}: ${r.stderr}`).toBe(e.exitcode);
    if (e.command[0] === 'getent') {
      // The simulator's passwd line and the real one agree on the GECOS field.
      expect(r.stdout.split(':')[4]).toBe(e.outData.split(':')[4]);
    }
  }
  return from + execs.length;
}

describe('the daemon’s cloud-init under real cloud-init, then a wallet login over SSH', () => {
  it(
    'boots the rendered user-data, logs the customer in, follows an NFT transfer',
    async () => {
      const alice = await stack.customer(3);
      const bob = stack.anvil.accounts[4]!;
      const aliceKey = stack.anvil.accounts[3]!.privateKey as `0x${string}`;
      const { subscriptionId } = await alice.buy(stack.planId, 10);
      const vm = await timed('provisioning (daemon + simulator)', () =>
        waitFor('the VM to run', () => settledRunning(daemon.db, subscriptionId), 60_000),
      );
      const tokenId = (await alice.tokenOf(subscriptionId))!;
      const sim = stack.sim.vm(vm.vmid!)!;

      // The seed PVE would put on the VM's cidata drive: the snippet as the daemon wrote it.
      const cicustom = pveCicustomUser(sim.config)._unsafeUnwrap();
      const userData = readFileSync(join(stack.sim.snippetsDir(vm.node!), cicustom.file), 'utf8');
      const networkConfig = pveNocloudNetworkConfig(sim.config)._unsafeUnwrap();
      const net = pveContainerNetwork(sim.config)._unsafeUnwrap();
      expect(net.addresses).toEqual([vm.ipv4]);
      const hostname = /^hostname: (\S+)$/m.exec(userData)?.[1];
      expect(hostname).toBeTruthy();

      container = await timed('container boot', async () =>
        (
          await bootContainer({
            root: rootPath,
            seed: {
              userData,
              networkConfig,
              metaData: pveNocloudMetaData({ userData, networkConfig }),
            },
            network: { mac: net.mac, gatewayAddresses: net.gatewayAddresses },
          })
        )._unsafeUnwrap(),
      );
      const c = container;
      const sh = async (argv: string[]) => (await c.exec(argv))._unsafeUnwrap();

      // Real cloud-init: done, from the NoCloud seed, without errors.
      const status = await timed('cloud-init (first boot to done)', async () =>
        (await c.waitForCloudInit(10 * 60_000))._unsafeUnwrap(),
      );
      expect(status, status.long).toMatchObject({
        status: 'done',
        datasource: 'nocloud',
        errors: [],
        recoverableErrors: {},
        exitCode: 0,
      });
      expect((await sh(['cat', '/var/lib/cloud/instance/user-data.txt'])).stdout).toBe(userData);
      const schema = await sh(['cloud-init', 'schema', '--system']);
      expect(schema.status, schema.stdout + schema.stderr).toBe(0);
      expect(schema.stdout).toContain('Valid schema user-data');
      expect(schema.stdout).toContain('Valid schema network-config');
      const seedSchema = await sh([
        'cloud-init',
        'schema',
        '-c',
        '/var/lib/cloud/seed/nocloud/user-data',
      ]);
      expect(seedSchema.status, seedSchema.stdout + seedSchema.stderr).toBe(0);
      expect(`${schema.stdout}${seedSchema.stdout}${seedSchema.stderr}`).not.toMatch(/deprecat/i);
      expect((await sh(['systemctl', 'is-system-running'])).stdout.trim()).toBe('running');

      // The VM took the address PVE's ipconfig0 gave it, on the NIC named as PVE named it.
      expect((await sh(['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0'])).stdout).toContain(
        `inet ${vm.ipv4}/24`,
      );
      expect((await sh(['hostname'])).stdout.trim()).toBe(hostname);

      // Debian's nodejs came from the packages step; the installer ran and wired PAM and sshd.
      expect((await sh(['dpkg-query', '-W', '-f', '$' + '{Status}', 'nodejs'])).stdout).toBe(
        'install ok installed',
      );
      expect(
        (await sh(['grep', '-x', '@include blockhost-wallet-auth', '/etc/pam.d/sshd'])).status,
      ).toBe(0);
      const sshdConfig = await sh([
        'sshd',
        '-T',
        '-C',
        `user=user,host=client,addr=${net.gatewayAddresses[0]!.split('/')[0]}`,
      ]);
      expect(sshdConfig.stdout).toContain('authenticationmethods keyboard-interactive');
      expect((await sh(['id', '-nG', 'user'])).stdout.split(/\s+/)).toContain('blockhost-wallet');
      expect(
        (await sh(['systemctl', 'is-active', 'blockhost-login-signer.service'])).stdout.trim(),
      ).toBe('active');

      // The signing page is HTTPS with the certificate whose fingerprint the customer's
      // encrypted NFT details carry (the host derived both; nothing was stored).
      const details = await alice.connectionDetails(tokenId);
      expect(details.signingCertSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      const served = await runArgv(
        c.network!.onBridge([
          'sh',
          '-c',
          `openssl s_client -connect ${vm.ipv4}:8443 </dev/null 2>/dev/null | openssl x509 -noout -fingerprint -sha256`,
        ]),
        { timeoutMs: 20_000 },
      );
      expect(served.stdout.trim()).toBe(`sha256 Fingerprint=${details.signingCertSha256}`);

      // The daemon's guest-agent steps after boot (the NFT id into GECOS), as the agent runs them.
      let replayed = await replayAgentCommands(vm.vmid!, 0);
      expect(replayed).toBeGreaterThan(0);
      expect((await sh(['getent', 'passwd', 'user'])).stdout.split(':')[4]).toBe(
        `wallet=${alice.address},nft=${tokenId}`,
      );

      const hostKey = (await sh(['cat', '/etc/ssh/ssh_host_ed25519_key.pub'])).stdout.trim();
      const login = (privateKey: `0x${string}`) =>
        opensshWalletLogin({
          onBridge: c.network!.onBridge,
          host: vm.ipv4!,
          user: 'user',
          knownHosts: `${vm.ipv4} ${hostKey.split(' ').slice(0, 2).join(' ')}\n`,
          privateKey,
          command: 'id -un',
        });

      // The customer signs the shown message with the subscription's wallet: logged in.
      const ok = await timed('ssh login (alice)', () => login(aliceKey));
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toBe('user\n');
      expect(ok.prompts).toHaveLength(1);
      expect(ok.prompts[0]).toContain(`Wallet login for user@${hostname}`);
      expect(ok.prompts[0]).toContain(`Wallet: ${alice.address}`);
      expect(ok.prompts[0]).toContain(`Log in to ${hostname} as user over SSH.`);

      // Another wallet's signature is refused.
      const wrong = await login(bob.privateKey as `0x${string}`);
      expect(wrong.status).toBe(255);
      expect(wrong.stderr).toContain('Permission denied');
      expect(wrong.stdout).toBe('');

      // The NFT changes hands on chain; the daemon rewrites GECOS through the agent.
      const hash = await stack.anvil.walletClient(3).writeContract({
        address: stack.contracts.nft,
        abi: accessCredentialNftAbi,
        functionName: 'transferFrom',
        args: [alice.address, bob.address, tokenId],
      });
      await stack.anvil.publicClient.waitForTransactionReceipt({ hash });
      await waitFor(
        'the daemon to move the login to the new owner',
        () => settledRunning(daemon.db, subscriptionId)?.allowedWallet === bob.address,
        60_000,
      );
      replayed = await replayAgentCommands(vm.vmid!, replayed);
      expect((await sh(['getent', 'passwd', 'user'])).stdout.split(':')[4]).toBe(
        `wallet=${bob.address},nft=${tokenId}`,
      );

      const bobIn = await timed('ssh login (bob, after transfer)', () =>
        login(bob.privateKey as `0x${string}`),
      );
      expect(bobIn.status, bobIn.stderr).toBe(0);
      expect(bobIn.stdout).toBe('user\n');
      expect(bobIn.prompts[0]).toContain(`Wallet: ${bob.address}`);
      const aliceOut = await login(aliceKey);
      expect(aliceOut.status).toBe(255);
      expect(aliceOut.stderr).toContain('Permission denied');

      // Suspend (a clean shutdown) and resume (a second boot): the same instance, no
      // first-boot step runs again, and the login still works.
      await timed('shutdown + second boot', async () => {
        expect((await c.restart())._unsafeUnwrap()).toBe(true);
        const up = await c.waitFor(
          'the second boot',
          ['systemctl', 'is-system-running', '--wait'],
          5 * 60_000,
        );
        expect(up._unsafeUnwrap().stdout.trim()).toBe('running');
      });
      const again = (await c.waitForCloudInit(60_000))._unsafeUnwrap();
      expect(again).toMatchObject({ status: 'done', errors: [], exitCode: 0 });
      const output = (await sh(['cat', '/var/log/cloud-init-output.log'])).stdout;
      expect(output.match(/^wallet login installed$/gm)).toHaveLength(1);
      expect((await sh(['getent', 'passwd', 'user'])).stdout.split(':')[4]).toBe(
        `wallet=${bob.address},nft=${tokenId}`,
      );
      const afterResume = await login(bob.privateKey as `0x${string}`);
      expect(afterResume.status, afterResume.stderr).toBe(0);
      expect(afterResume.stdout).toBe('user\n');
    },
    20 * 60_000,
  );
});
