/**
 * blockhost-vm-login_*.deb in the VM template (root; ~1 min warm): the
 * Debian 13 cloud-image root boots under real systemd and cloud-init (a
 * NoCloud seed with only the network, as PVE writes it), `apt-get install
 * ./…deb` brings nodejs from Debian and wires PAM, and the customer logs in
 * with the real OpenSSH client by signing with their wallet — no installer
 * run, only the package and the VM's config file. An upgrade keeps the login
 * working; a purge leaves /etc/pam.d/sshd byte for byte as it was and sshd
 * running.
 */
import { basename } from 'node:path';
import {
  bootContainer,
  type Container,
  ensureRoot,
  opensshWalletLogin,
  pveContainerNetwork,
  pveNocloudMetaData,
  pveNocloudNetworkConfig,
  VM_TEMPLATE_RECIPE,
} from '@blockhost/container-kit';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aptInstall,
  buildTestDebs,
  copyIn,
  removeTemps,
  sh,
  shOk,
  stepTimer,
  type TestDebs,
} from './deb-kit.js';

const VM_CONFIG = {
  net0: 'virtio=BC:24:11:78:00:0A,bridge=vmbr0',
  ipconfig0: 'ip=10.78.0.10/24,gw=10.78.0.1',
};
const IP = '10.78.0.10';
// anvil's well-known dev keys: test wallets, nothing of value.
const ALICE = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a';
const BOB = '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6';

const { times, timed } = stepTimer();

let debs: TestDebs;
let c: Container | undefined;
let pamBefore: string;
let knownHosts: string;
const started = Date.now();

beforeAll(async () => {
  if (process.getuid?.() !== 0)
    throw new Error('this test boots a system container (systemd-nspawn): run it as root');
  debs = await timed('build the packages', () => buildTestDebs({ only: 'vm-login' }));
  const root = await timed('template root (ensure)', async () =>
    (await ensureRoot(VM_TEMPLATE_RECIPE))._unsafeUnwrap(),
  );
  const userData = '#cloud-config\nhostname: vm-login-deb\n';
  const networkConfig = pveNocloudNetworkConfig(VM_CONFIG)._unsafeUnwrap();
  const net = pveContainerNetwork(VM_CONFIG)._unsafeUnwrap();
  c = await timed('container boot + cloud-init', async () => {
    const cc = (
      await bootContainer({
        root: root.path,
        name: `bh-deb-vm-${process.pid}`,
        seed: {
          userData,
          networkConfig,
          metaData: pveNocloudMetaData({ userData, networkConfig }),
        },
        network: { mac: net.mac, gatewayAddresses: net.gatewayAddresses },
      })
    )._unsafeUnwrap();
    const status = (await cc.waitForCloudInit(10 * 60_000))._unsafeUnwrap();
    expect(status, status.long).toMatchObject({ status: 'done', errors: [] });
    return cc;
  });
  pamBefore = await shOk(c, 'cat /etc/pam.d/sshd');
  const hostKey = (await shOk(c, 'cat /etc/ssh/ssh_host_ed25519_key.pub')).trim();
  knownHosts = `${IP} ${hostKey.split(' ').slice(0, 2).join(' ')}\n`;
}, 20 * 60_000);

afterAll(async () => {
  await c?.stop();
  removeTemps();
  times.total = (Date.now() - started) / 1000;
  console.log(`deb vm-login e2e, seconds: ${JSON.stringify(times)}`);
}, 120_000);

const login = (key: string) =>
  opensshWalletLogin({
    onBridge: c!.network!.onBridge,
    host: IP,
    user: 'user',
    knownHosts,
    privateKey: key,
    command: 'id -un',
  });

describe('blockhost-vm-login_*.deb on the VM template', () => {
  it(
    'installs with apt and wires PAM; the wallet logs in with the real ssh client',
    async () => {
      const cc = c!;
      const deb = `/root/${basename(debs.vmLogin!.file)}`;
      await copyIn(cc, debs.vmLogin!.file, deb);
      await timed('apt-get update', () => shOk(cc, 'apt-get update -q 2>&1'));
      const out = await timed('apt-get install ./blockhost-vm-login.deb', () =>
        aptInstall(cc, deb, '--no-install-recommends'),
      );
      expect(out).toMatch(/Setting up nodejs /);
      expect(out).toMatch(/Setting up blockhost-vm-login \(0\.1\.0\)/);
      const pam = await shOk(cc, 'cat /etc/pam.d/sshd');
      expect(pam.match(/^@include blockhost-wallet-auth$/gm)).toHaveLength(1);
      expect(pam.indexOf('@include blockhost-wallet-auth')).toBeLessThan(
        pam.indexOf('@include common-auth'),
      );
      expect(await shOk(cc, 'getent group blockhost-wallet')).toMatch(/^blockhost-wallet:/);
      expect((await sh(cc, ['sshd', '-t'])).status).toBe(0);
      // No config yet: the signing page waits for it (cloud-init or the operator writes it).
      expect(
        (await sh(cc, ['systemctl', 'is-enabled', 'blockhost-login-signer.service'])).stdout.trim(),
      ).toBe('disabled');

      // What cloud-init gives a VM: its config, the login user in the wallet group.
      const alice = privateKeyToAccount(ALICE);
      await shOk(
        cc,
        'mkdir -p /etc/blockhost; umask 077; cat > /etc/blockhost/vm-login.json',
        `${JSON.stringify({ chainId: 31337, host: IP })}\n`,
      );
      await shOk(
        cc,
        `useradd -m -s /bin/bash -G blockhost-wallet -c 'wallet=${alice.address}' user`,
      );
      const ok = await timed('ssh login (alice)', () => login(ALICE));
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toBe('user\n');
      expect(ok.prompts).toHaveLength(1);
      expect(ok.prompts[0]).toContain(`Wallet: ${alice.address}`);
      const wrong = await login(BOB);
      expect(wrong.status).toBe(255);
      expect(wrong.stderr).toContain('Permission denied');
    },
    15 * 60_000,
  );

  it(
    'an upgrade keeps the login wired and working',
    async () => {
      const cc = c!;
      const newer = await timed('build the newer packages', () =>
        buildTestDebs({ version: '0.1.1', only: 'vm-login' }),
      );
      const deb = `/root/${basename(newer.vmLogin!.file)}`;
      await copyIn(cc, newer.vmLogin!.file, deb);
      const out = await aptInstall(cc, deb, '--no-install-recommends');
      expect(out).toMatch(/Unpacking blockhost-vm-login \(0\.1\.1\) over \(0\.1\.0\)/);
      const pam = await shOk(cc, 'cat /etc/pam.d/sshd');
      expect(pam.match(/^@include blockhost-wallet-auth$/gm)).toHaveLength(1);
      const ok = await login(ALICE);
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toBe('user\n');
    },
    10 * 60_000,
  );

  it(
    'purge leaves /etc/pam.d/sshd as it was and sshd running; the wallet user meets the normal login',
    async () => {
      const cc = c!;
      await shOk(cc, 'DEBIAN_FRONTEND=noninteractive apt-get purge -y -q blockhost-vm-login 2>&1');
      expect(await shOk(cc, 'cat /etc/pam.d/sshd')).toBe(pamBefore);
      expect(
        await shOk(
          cc,
          'ls /etc/pam.d/blockhost-wallet-auth /etc/ssh/sshd_config.d/50-blockhost-wallet.conf /usr/lib/blockhost /etc/blockhost/vm-login.json 2>&1 || true',
        ),
      ).not.toMatch(/^\//m);
      expect((await sh(cc, ['sshd', '-t'])).status).toBe(0);
      expect((await shOk(cc, 'systemctl is-active ssh.service')).trim()).toBe('active');
      // No wallet prompt any more: the distribution's methods (the template allows no passwords).
      const r = await login(ALICE);
      expect(r.status).toBe(255);
      expect(r.prompts.some((p) => p.includes('Wallet'))).toBe(false);
    },
    5 * 60_000,
  );
});
