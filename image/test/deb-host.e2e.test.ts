/**
 * The host package for real (root; slow tier: ~1 min with the roots and apt
 * cache warm). blockhost_*.deb goes into a Debian 13 system container with
 * `apt-get install ./…deb` (nodejs and the rest from Debian, through the
 * container-kit's apt proxy), which boots with real systemd. One container
 * serves the whole file, in the order an operator meets it:
 *
 * 1. first boot: the wizard is active and answers on port 80 (its root
 *    `prepare` asked "pvesh" — here the Proxmox simulator on this machine —
 *    for nodes and storages); `blockhost --help` runs under Debian's nodejs;
 *    systemd verifies the installed units; the daemon's exposure is rated;
 * 2. setup: the config files, keys and marker written as the wizard's
 *    finalize writes them (renderConfigFiles, 0640 root:blockhost), for
 *    anvil and the simulator on this machine (reached through relays on the
 *    bridge); a reboot: the wizard stays off, blockhost-monitor.service runs
 *    under its hardening, /readyz is ready, the journal holds its JSON logs,
 *    and a purchase on anvil becomes a running VM in the simulator;
 * 3. an upgrade to a newer build keeps config, keys and the journal and
 *    restarts the daemon on the new code;
 * 4. remove keeps data, config and the user; purge removes them, the units
 *    and the user.
 */
import { readFileSync, rmdirSync, symlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { bootContainer, type Container, ensureRoot } from '@blockhost/container-kit';
import type { DevStack } from '@blockhost/devstack';
import { startDevStack, waitFor } from '@blockhost/devstack';
import { renderConfigFiles } from '@blockhost/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aptInstall,
  buildTestDebs,
  copyIn,
  HOST_ROOT_RECIPE,
  httpStatusInContainer,
  monitorJsonLogs,
  monitorReady,
  pveHostNetwork,
  relayToLoopback,
  removeTemps,
  runningVmInContainer,
  sh,
  shOk,
  stepTimer,
  type TestDebs,
} from './deb-kit.js';
import { PVESH_PATH, PVESH_SIM_CONFIG, pveshStandIn } from './pvesh-standin.js';

const MAC = 'BC:24:11:88:00:02';
const GATEWAY = '10.88.0.1';
const ADDRESS = '10.88.0.2';

const { times, timed } = stepTimer();

let debs: TestDebs;
let stack: DevStack | undefined;
let c: Container | undefined;
const relays: { stop(): Promise<void> }[] = [];
const started = Date.now();

/** `dpkg-query -W -f '${Field} …' pkg` (the fields as dpkg-query writes them). */
const dpkgQuery = (pkg: string, ...fields: string[]) =>
  `dpkg-query -W -f '${fields.map((f) => `\${${f}}`).join(' ')}' ${pkg}`;

beforeAll(async () => {
  if (process.getuid?.() !== 0)
    throw new Error('this test boots a system container (systemd-nspawn): run it as root');
  debs = await timed('build the packages', () => buildTestDebs({ only: 'host' }));
  const root = await timed('root (ensure)', async () =>
    (await ensureRoot(HOST_ROOT_RECIPE))._unsafeUnwrap(),
  );
  if (root.built) times['root (built now)'] = root.buildMs! / 1000;
  stack = await timed('anvil + simulator', () =>
    startDevStack({ blockhost: 'daemon: { reconcile_interval_ms: 200, retry_base_ms: 50 }' }),
  );
  const sim = stack.sim;
  c = await timed('container boot', async () =>
    (
      await bootContainer({
        root: root.path,
        name: `bh-deb-host-${process.pid}`,
        network: { mac: MAC, gatewayAddresses: [`${GATEWAY}/24`] },
        files: [
          ...pveHostNetwork(MAC, `${ADDRESS}/24`, GATEWAY),
          { path: PVESH_PATH, content: pveshStandIn(), mode: 0o755 },
          {
            path: PVESH_SIM_CONFIG,
            content: JSON.stringify({
              url: `https://${GATEWAY}:${sim.port}`,
              tokenId: sim.rootToken.id,
              secret: sim.rootToken.secret,
              fingerprint: sim.tls!.fingerprint256,
            }),
            mode: 0o600,
          },
        ],
      })
    )._unsafeUnwrap(),
  );
  for (const port of [stack.anvil.port, sim.port])
    relays.push(await relayToLoopback(c, GATEWAY, port));
  await c.waitFor('the network', ['ip', '-4', 'route', 'show', 'default'], 60_000);
  await c.waitFor(
    'the default route',
    ['sh', '-c', 'ip -4 route show default | grep -q via'],
    60_000,
  );
}, 20 * 60_000);

afterAll(async () => {
  for (const r of relays.splice(0)) await r.stop().catch(() => {});
  await c?.stop();
  await stack?.stop();
  removeTemps();
  times.total = (Date.now() - started) / 1000;
  console.log(`deb host e2e, seconds: ${JSON.stringify(times)}`);
}, 120_000);

describe('blockhost_*.deb in a Debian 13 system container', () => {
  it(
    'installs with apt (dependencies from Debian); first boot: the wizard answers on port 80',
    async () => {
      const cc = c!;
      await copyIn(cc, debs.host!.file, `/root/${basename(debs.host!.file)}`);
      await timed('apt-get update', () => shOk(cc, 'apt-get update -q 2>&1'));
      const out = await timed('apt-get install ./blockhost.deb', () =>
        aptInstall(cc, `/root/${basename(debs.host!.file)}`),
      );
      expect(out).toMatch(/Setting up nodejs /);
      expect(out).toMatch(/Setting up blockhost \(0\.1\.0\)/);
      expect(await shOk(cc, dpkgQuery('blockhost', 'Status', 'Version'))).toBe(
        'install ok installed 0.1.0',
      );
      // The user and data directory from sysusers.d/tmpfiles.d.
      expect(await shOk(cc, 'getent passwd blockhost')).toMatch(
        /^blockhost:x:\d+:\d+:BlockHost:\/var\/lib\/blockhost:\/usr\/sbin\/nologin$/m,
      );
      expect((await shOk(cc, 'stat -c "%a %U %G" /var/lib/blockhost')).trim()).toBe(
        '750 blockhost blockhost',
      );
      // Nothing in /etc/blockhost comes from the package: the wizard writes it.
      expect(await shOk(cc, 'dpkg -L blockhost | grep "^/etc" || true')).toBe('');

      // The first install started the wizard (a real boot below shows it starts on boot too).
      await timed('reboot (first boot)', async () => {
        expect((await cc.restart())._unsafeUnwrap()).toBe(true);
        await cc.waitFor('the boot', ['systemctl', 'is-system-running', '--wait'], 5 * 60_000);
      });
      for (const r of relays.splice(0)) await r.stop();
      for (const port of [stack!.anvil.port, stack!.sim.port])
        relays.push(await relayToLoopback(cc, GATEWAY, port));
      await cc.waitFor(
        'the wizard',
        ['systemctl', 'is-active', '--quiet', 'blockhost-wizard.service'],
        60_000,
      );
      expect((await shOk(cc, 'systemctl is-enabled blockhost-wizard.service')).trim()).toBe(
        'enabled',
      );
      // The daemon waits for setup: enabled, its condition not met.
      const monitor = await shOk(
        cc,
        'systemctl show -p ActiveState -p ConditionResult blockhost-monitor.service',
      );
      expect(monitor).toContain('ActiveState=inactive');
      expect(monitor).toContain('ConditionResult=no');

      // It answers on its port, from the network (the bridge side).
      let last = '';
      const page = await waitFor(
        'the wizard page',
        async () => {
          const r = await sh(cc, httpStatusInContainer(`http://${ADDRESS}/`));
          last = r.stdout + r.stderr;
          return r.status === 0 ? r.stdout : undefined;
        },
        60_000,
      ).catch(async (e) => {
        const diag = await shOk(
          cc,
          'journalctl -b -u blockhost-wizard.service --no-pager -n 40 2>&1; ss -ltnp 2>&1 || true; ip -4 addr 2>&1',
        );
        throw new Error(`${(e as Error).message}\nlast: ${last}\n${diag}`);
      });
      expect(page.slice(0, 300)).toMatch(/^200\n/);
      expect(page).toMatch(/one-time code/i);
      // prepare asked "pvesh" (the simulator) for the machine's Proxmox facts.
      const facts = JSON.parse(await shOk(cc, 'cat /run/blockhost-wizard/machine.json')) as {
        nodes: string[];
        storages: { id: string }[];
        bridges: { name: string; address?: string }[];
      };
      expect(facts.bridges).toContainEqual({ name: 'vmbr0', address: `${ADDRESS}/24` });
      expect(facts.nodes).toEqual([...stack!.sim.nodes]);
      expect(facts.storages.map((s) => s.id)).toContain('local-lvm');
      // The one-time code is on the console.
      expect(await shOk(cc, 'cat /etc/issue.d/blockhost-wizard.issue')).toContain(
        `http://${ADDRESS}/`,
      );
    },
    15 * 60_000,
  );

  it('blockhost --help runs under Debian’s nodejs; systemd verifies the units; the daemon’s exposure', async () => {
    const cc = c!;
    const help = await sh(cc, ['blockhost', '--help']);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^usage: blockhost <command>/);
    expect((await shOk(cc, 'readlink -f "$(command -v node)"')).trim()).toBe('/usr/bin/node');
    expect(await shOk(cc, dpkgQuery('nodejs', 'Version'))).toMatch(/^20\./);
    expect(
      (
        await shOk(cc, 'man -w blockhost 2>/dev/null || ls /usr/share/man/man1/blockhost.1.gz')
      ).trim(),
    ).toMatch(/blockhost\.1\.gz$/);

    const verify = await sh(cc, [
      'sh',
      '-c',
      'systemd-analyze verify /usr/lib/systemd/system/blockhost-*.service /usr/lib/systemd/system/blockhost-*.timer /usr/lib/systemd/system/blockhost-*.path 2>&1',
    ]);
    expect(verify.stdout).toBe('');
    expect(verify.status).toBe(0);

    const security = await shOk(
      cc,
      'systemd-analyze security --no-pager blockhost-monitor.service',
    );
    const exposure = Number(/Overall exposure level for \S+: ([0-9.]+)/.exec(security)?.[1]);
    times['monitor exposure (installed, online)'] = exposure;
    expect(exposure).toBeGreaterThan(0);
    expect(exposure).toBeLessThanOrEqual(1.5);
  });

  it(
    'setup written as the finalize writes it, a reboot: the daemon runs hardened, ready, logging JSON, and sells a VM',
    async () => {
      const cc = c!;
      const s = stack!;
      // The snippets the daemon writes on "the node" are the simulator's snippets.
      await shOk(cc, 'install -d -o blockhost -g blockhost -m 0750 /var/lib/vz/snippets');
      const simSnippets = s.sim.snippetsDir();
      rmdirSync(simSnippets);
      symlinkSync(join(cc.dir, 'upper/var/lib/vz/snippets'), simSnippets);

      const blockhostYaml = readFileSync(join(s.configDir, 'blockhost.yaml'), 'utf8');
      const tokenId = /token_id: "(.+)"/.exec(blockhostYaml)![1]!;
      const texts = renderConfigFiles({
        db: {
          vmid_range: { start: 10000, end: 10999 },
          ipv4_pool: {
            cidr: '10.77.0.0/24',
            gateway: '10.77.0.1',
            range: { start: '10.77.0.10', end: '10.77.0.250' },
          },
        },
        web3: {
          chain_id: s.anvil.chainId,
          rpc_url: `http://${GATEWAY}:${s.anvil.port}`,
          contracts: {
            subscriptions: s.contracts.subscriptions,
            nft: s.contracts.nft,
            deploy_block: Number(s.deployBlock),
          },
          poll_interval_ms: 200,
        },
        blockhost: {
          proxmox: {
            api_url: `https://${GATEWAY}:${s.sim.port}`,
            tls_fingerprint: s.sim.tls!.fingerprint256,
            token_id: tokenId,
            nodes: [...s.sim.nodes],
            template_vmid: s.templateVmid,
            storage: 'local-lvm',
          },
          daemon: { reconcile_interval_ms: 200, retry_base_ms: 50 },
        },
      })._unsafeUnwrap();
      const secret = (name: string) => readFileSync(join(s.configDir, 'secrets', name), 'utf8');
      // As writeConfigFiles and the finalize's key/token steps: dir 0750, files 0640 root:blockhost.
      await shOk(cc, 'install -d -o root -g blockhost -m 0750 /etc/blockhost');
      for (const [file, text] of [
        ['db.yaml', texts.db],
        ['web3-defaults.yaml', texts.web3],
        ['blockhost.yaml', texts.blockhost],
        ['server.key', secret('server.key')],
        ['pve-token', secret('pve-token')],
      ] as const) {
        await shOk(
          cc,
          `umask 077; cat > /etc/blockhost/${file}; chown root:blockhost /etc/blockhost/${file}; chmod 0640 /etc/blockhost/${file}`,
          text,
        );
      }
      const validate = await sh(cc, ['blockhost', 'config', 'validate']);
      expect(validate.status, validate.stdout + validate.stderr).toBe(0);
      await shOk(cc, 'date -u +%FT%TZ > /var/lib/blockhost/.setup-complete');

      await timed('reboot (after setup)', async () => {
        expect((await cc.restart())._unsafeUnwrap()).toBe(true);
        await cc.waitFor('the boot', ['systemctl', 'is-system-running', '--wait'], 5 * 60_000);
      });
      for (const r of relays.splice(0)) await r.stop();
      for (const port of [s.anvil.port, s.sim.port])
        relays.push(await relayToLoopback(cc, GATEWAY, port));

      // The wizard is over for good; the daemon runs as blockhost under its sandbox.
      expect(
        (await sh(cc, ['systemctl', 'is-active', 'blockhost-wizard.service'])).stdout.trim(),
      ).toBe('inactive');
      await cc.waitFor(
        'blockhost-monitor.service',
        ['systemctl', 'is-active', '--quiet', 'blockhost-monitor.service'],
        60_000,
      );
      const props = await shOk(
        cc,
        'systemctl show -p User -p NoNewPrivileges -p ProtectSystem -p CapabilityBoundingSet -p MainPID blockhost-monitor.service',
      );
      expect(props).toContain('User=blockhost');
      expect(props).toContain('NoNewPrivileges=yes');
      expect(props).toContain('ProtectSystem=strict');
      expect(props).toMatch(/^CapabilityBoundingSet=$/m);
      const pid = /MainPID=(\d+)/.exec(props)![1];
      expect((await shOk(cc, `ps -o user= -p ${pid}`)).trim()).toBe('blockhost');
      // Its view of the file system: /usr read-only, /etc/blockhost read-only.
      const ro = await shOk(
        cc,
        `nsenter -t ${pid} -m sh -c 'touch /usr/x 2>&1; touch /etc/blockhost/x 2>&1; true'`,
      );
      expect(ro.match(/Read-only file system/g)).toHaveLength(2);

      expect(await monitorReady(cc)).toMatch(/^200/);
      const json = await monitorJsonLogs(cc);
      expect(json.length).toBeGreaterThan(0);
      expect(json.every((l) => l.level !== undefined)).toBe(true);

      // A purchase on anvil: the daemon in the container provisions it in the simulator.
      const alice = await s.customer(3);
      const { subscriptionId } = await alice.buy(s.planId, 10);
      const vm = await timed('purchase → running VM', () =>
        runningVmInContainer(cc, subscriptionId),
      );
      expect(s.sim.vm(vm.vmid!)?.status).toBe('running');
      expect(await alice.tokenOf(subscriptionId)).toBeDefined();
    },
    10 * 60_000,
  );

  it(
    'an upgrade to a newer build keeps config, keys and the journal, and restarts the daemon on the new code',
    async () => {
      const cc = c!;
      const newer = await timed('build the newer packages', () =>
        buildTestDebs({ version: '0.1.1', only: 'host' }),
      );
      const fingerprint = 'sha256sum /etc/blockhost/* /var/lib/blockhost/.setup-complete';
      const before = await shOk(cc, fingerprint);
      const vmsBefore = JSON.parse(await shOk(cc, 'blockhost vm list --json'));
      const pidBefore = (
        await shOk(cc, 'systemctl show -p MainPID --value blockhost-monitor.service')
      ).trim();
      await copyIn(cc, newer.host!.file, `/root/${basename(newer.host!.file)}`);
      const out = await timed('apt-get install (upgrade)', () =>
        aptInstall(cc, `/root/${basename(newer.host!.file)}`),
      );
      expect(out).toMatch(/Unpacking blockhost \(0\.1\.1\) over \(0\.1\.0\)/);
      expect(await shOk(cc, dpkgQuery('blockhost', 'Version'))).toBe('0.1.1');
      expect(await shOk(cc, fingerprint)).toBe(before);
      expect(JSON.parse(await shOk(cc, 'blockhost vm list --json'))).toEqual(vmsBefore);
      await cc.waitFor(
        'the restarted daemon',
        ['systemctl', 'is-active', '--quiet', 'blockhost-monitor.service'],
        60_000,
      );
      const pidAfter = (
        await shOk(cc, 'systemctl show -p MainPID --value blockhost-monitor.service')
      ).trim();
      expect(pidAfter).not.toBe(pidBefore);
    },
    10 * 60_000,
  );

  it(
    'remove keeps config, data and the user; purge removes them, the units and the user',
    async () => {
      const cc = c!;
      await shOk(cc, 'DEBIAN_FRONTEND=noninteractive apt-get remove -y -q blockhost 2>&1');
      expect(
        (await sh(cc, ['systemctl', 'is-active', 'blockhost-monitor.service'])).stdout.trim(),
      ).not.toBe('active');
      expect(await shOk(cc, 'ls /usr/lib/systemd/system | grep ^blockhost || true')).toBe('');
      expect(await shOk(cc, 'ls /var/lib/blockhost/blockhost.db /etc/blockhost/server.key')).toBe(
        '/etc/blockhost/server.key\n/var/lib/blockhost/blockhost.db\n',
      );
      expect((await sh(cc, ['getent', 'passwd', 'blockhost'])).status).toBe(0);

      await shOk(cc, 'DEBIAN_FRONTEND=noninteractive apt-get purge -y -q blockhost 2>&1');
      expect((await sh(cc, ['dpkg-query', '-W', 'blockhost'])).status).not.toBe(0);
      expect((await sh(cc, ['getent', 'passwd', 'blockhost'])).status).toBe(2);
      expect((await sh(cc, ['getent', 'group', 'blockhost'])).status).toBe(2);
      expect(
        await shOk(
          cc,
          'ls -d /var/lib/blockhost /etc/blockhost /usr/lib/blockhost 2>/dev/null || true',
        ),
      ).toBe('');
      expect(
        await shOk(
          cc,
          // (blockhost-test-* is the container kit's own boot-layer unit)
          'find /etc/systemd/system /var/lib/systemd/deb-systemd-helper-enabled /var/lib/systemd/deb-systemd-helper-masked -name "blockhost-*" ! -name "blockhost-test-*" 2>/dev/null || true',
        ),
      ).toBe('');
    },
    5 * 60_000,
  );
});
