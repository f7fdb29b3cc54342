/**
 * The kit on this machine (as root): the VM template root (built on first
 * use, then cached), booted with real systemd and cloud-init from a NoCloud
 * seed with a PVE-shaped network; the cached root stays untouched and stop()
 * leaves nothing behind. Failures clean up too.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootContainer,
  type Container,
  ensureRoot,
  pveContainerNetwork,
  pveNocloudMetaData,
  pveNocloudNetworkConfig,
  VM_TEMPLATE_RECIPE,
} from '../src/index.js';
import { isAlive, run } from '../src/process/run.js';

const asRoot = process.getuid?.() === 0;
/** This process's network namespaces. */
const ours = () => (existsSync('/run/netns') ? readdirSync('/run/netns') : []);
let root: string;
let container: Container | undefined;

beforeAll(async () => {
  if (!asRoot) throw new Error('these tests build roots and boot containers: run them as root');
  root = (await ensureRoot(VM_TEMPLATE_RECIPE))._unsafeUnwrap().path;
}, 30 * 60_000);

afterAll(async () => {
  await container?.stop();
});

const userData = `#cloud-config
hostname: kit-vm
users:
  - name: alice
    gecos: wallet=0x0000000000000000000000000000000000000001
    groups: [wallets]
    shell: /bin/bash
    lock_passwd: true
write_files:
  - path: /etc/kit-test.conf
    content: hello
    permissions: '0640'
runcmd:
  - [sh, -c, 'id -nG alice > /root/groups']
`;

describe('a container from the VM template', () => {
  it(
    'runs cloud-init from the seed, takes the PVE network, restarts, and stop() leaves nothing',
    async () => {
      const config = {
        net0: 'virtio=BC:24:11:5E:00:21,bridge=vmbr0',
        ipconfig0: 'ip=10.88.0.21/24,gw=10.88.0.1',
        nameserver: '10.88.0.1',
      };
      const networkConfig = pveNocloudNetworkConfig(config)._unsafeUnwrap();
      const net = pveContainerNetwork(config)._unsafeUnwrap();
      const c = (
        await bootContainer({
          root,
          seed: {
            userData,
            networkConfig,
            metaData: pveNocloudMetaData({ userData, networkConfig }),
          },
          network: { mac: net.mac, gatewayAddresses: net.gatewayAddresses, aptProxy: false },
        })
      )._unsafeUnwrap();
      container = c;
      const sh = async (...argv: string[]) => (await c.exec(argv))._unsafeUnwrap();

      const status = (await c.waitForCloudInit(5 * 60_000))._unsafeUnwrap();
      expect(status, status.long).toMatchObject({
        status: 'done',
        datasource: 'nocloud',
        errors: [],
        exitCode: 0,
      });
      expect((await sh('cat', '/root/groups')).stdout.trim().split(' ')).toEqual([
        'alice',
        'wallets',
      ]);
      expect((await sh('stat', '-c', '%a %U', '/etc/kit-test.conf')).stdout.trim()).toBe(
        '640 root',
      );
      expect((await sh('hostname')).stdout.trim()).toBe('kit-vm');
      // cloud-init renamed the NIC to PVE's eth0 by its MAC and networkd gave it the ipconfig0 address.
      const link = await sh('ip', '-o', 'addr', 'show', 'dev', 'eth0');
      expect(link.stdout).toContain('inet 10.88.0.21/24');
      expect((await sh('ip', 'route', 'show', 'default')).stdout).toContain(
        'via 10.88.0.1 dev eth0',
      );
      // Reachable from the bridge side, as from the PVE host.
      const [cmd, ...args] = c.network!.onBridge(['ping', '-c', '1', '-W', '5', '10.88.0.21']);
      const fromBridge = await run(cmd!, args, { timeoutMs: 30_000 });
      expect(fromBridge.status, fromBridge.stderr).toBe(0);
      // exec: exit codes and stdin pass through.
      expect((await sh('sh', '-c', 'exit 3')).status).toBe(3);
      expect((await c.exec(['cat'], { input: 'piped' }))._unsafeUnwrap().stdout).toBe('piped');

      // Writes stay in the boot's layer.
      await sh('sh', '-c', 'echo changed > /etc/kit-marker');
      expect(existsSync(join(root, 'etc/kit-marker'))).toBe(false);
      expect(existsSync(join(root, 'etc/kit-test.conf'))).toBe(false);

      // A clean power-off and a second boot on the same layer: same instance, nothing re-run.
      const firstLeader = c.leaderPid;
      expect((await c.restart())._unsafeUnwrap()).toBe(true);
      expect(c.leaderPid).not.toBe(firstLeader);
      expect(isAlive(firstLeader)).toBe(false);
      const running = (
        await c.waitFor('boot', ['systemctl', 'is-system-running', '--wait'], 120_000)
      )._unsafeUnwrap();
      expect(running.stdout.trim()).toBe('running');
      expect((await sh('cat', '/etc/kit-marker')).stdout).toBe('changed\n');
      expect((await sh('cat', '/root/groups')).stdout.trim().split('\n')).toHaveLength(1);
      expect((await c.waitForCloudInit(60_000))._unsafeUnwrap().status).toBe('done');
      expect((await sh('ip', '-o', 'addr', 'show', 'dev', 'eth0')).stdout).toContain(
        'inet 10.88.0.21/24',
      );

      const pids = [c.nspawnPid, c.leaderPid];
      const { netns, containerInterface } = c.network!;
      const dir = c.dir;
      await c.stop();
      container = undefined;
      for (const pid of pids) expect(isAlive(pid), `pid ${pid}`).toBe(false);
      expect(existsSync(`/run/netns/${netns}`)).toBe(false);
      expect(existsSync(`/sys/class/net/${containerInterface}`)).toBe(false);
      expect(existsSync(dir)).toBe(false);
      expect((await c.exec(['true'])).isErr()).toBe(true);
    },
    10 * 60_000,
  );

  it('cleans up when the container cannot start', async () => {
    const before = ours().filter((n) => n.startsWith(`bhk-${process.pid}-`));
    const r = await bootContainer({
      root: '/nonexistent/root',
      network: { mac: 'bc:24:11:5e:00:22', gatewayAddresses: ['10.88.1.1/24'], aptProxy: false },
    });
    expect(r._unsafeUnwrapErr().message).toMatch(/booting a container/);
    expect(ours().filter((n) => n.startsWith(`bhk-${process.pid}-`))).toEqual(before);
  }, 120_000);

  it('refuses an nspawnArgs entry that is not an option, and cleans up', async () => {
    const before = ours().filter((n) => n.startsWith(`bhk-${process.pid}-`));
    const r = await bootContainer({
      root,
      network: { mac: 'bc:24:11:5e:00:23', gatewayAddresses: ['10.88.2.1/24'], aptProxy: false },
      nspawnArgs: ['--bind=/dev/null', '/bin/sh'],
    });
    expect(r._unsafeUnwrapErr().message).toContain(
      "nspawnArgs: expected --name or --name=value, got '/bin/sh'",
    );
    expect(ours().filter((n) => n.startsWith(`bhk-${process.pid}-`))).toEqual(before);
  }, 120_000);
});

describe('building a root', () => {
  it('fails with the step named and leaves no root and no half-built directory', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'bhk-cache-'));
    try {
      const r = await ensureRoot(
        { name: 'unreachable', suite: 'trixie', packages: [] },
        {
          cacheDir,
          mirrors: {
            debian: 'http://127.0.0.1:9/debian',
            security: 'http://127.0.0.1:9/debian-security',
          },
        },
      );
      const e = r._unsafeUnwrapErr();
      expect(e.message).toMatch(
        /building root unreachable: debootstrap .* from http:\/\/127\.0\.0\.1:9\/debian/,
      );
      expect(
        readdirSync(join(cacheDir, 'roots')).filter(
          (n) => !n.endsWith('.log') && !n.endsWith('.lock'),
        ),
      ).toEqual([]);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }, 120_000);
});
