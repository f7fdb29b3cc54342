/**
 * The operator path end to end, in one Debian 13 system container with real
 * systemd (root; slow tier). The machine is "a Proxmox VE host just installed
 * from the BlockHost ISO": the ISO made by the repository's ISO step is
 * attached as a read-only loop device (bound into the container as its block
 * device), the hook the installer took from it sits in
 * /var/lib/proxmox-first-boot/, and the installed system's first-boot unit
 * runs it with `fully-up`. Proxmox's API is the simulator on this machine
 * (`pvesh`/`pveum` stand-ins ask it; the daemon and the wizard reach it over
 * the bridge), the chain is anvil.
 *
 * 1. first boot: the hook finds the medium among the ISO 9660 block devices,
 *    checks it, installs the packages with apt (nodejs from Debian), the
 *    user exists, the wizard runs and its code is on the console; the hook
 *    run again changes nothing;
 * 2. the wizard walked in real Chromium on the container's LAN through every
 *    step and the finalize (contracts, Proxmox token through `pveum`, config,
 *    template, services), which reboots the machine;
 * 3. after the reboot: blockhost-monitor.service runs under its hardening,
 *    /readyz is ready, the journal has its JSON logs, and a purchase on
 *    anvil becomes a running VM in the simulator.
 *
 * One thing is not real: this machine's kernel has no iso9660 driver, so the
 * container's `mount -t iso9660` is a stand-in that reads the same block
 * device with xorriso (operator-kit.ts, ISO_MOUNT_STANDIN).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmdirSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { publicKeyFromSecretKey } from '@blockhost/chain';
import { type Anvil, deployTestStablecoin, startAnvil } from '@blockhost/chain/testkit';
import { bootContainer, type Container, ensureRoot } from '@blockhost/container-kit';
import { Customer, waitFor } from '@blockhost/devstack';
import { type PveSimulator, startPveSimulator } from '@blockhost/pve-sim';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  buildTestDebs,
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
  tempDir,
} from './deb-kit.js';
import {
  attachLoop,
  buildOperatorIso,
  chromiumOnBridge,
  FIRST_BOOT_DIR,
  FIRST_BOOT_HOOK,
  FIRST_BOOT_PENDING,
  FIRST_BOOT_UNIT,
  FIRST_BOOT_UNIT_TEXT,
  ISO_MOUNT_STANDIN,
  ISO_MOUNT_STANDIN_PATH,
  OPERATOR_ROOT_RECIPE,
  type OperatorIso,
  PVEUM_PATH,
  pveumStandIn,
} from './operator-kit.js';
import { PVESH_PATH, PVESH_SIM_CONFIG, pveshStandIn } from './pvesh-standin.js';

const MAC = 'BC:24:11:88:00:03';
const GATEWAY = '10.88.0.1';
const ADDRESS = '10.88.0.2';
/** The host name is the Proxmox node name, as on a real host. */
const NODE = `pve-op${process.pid}`;
const IMAGE_PATH = '/images/debian-13-genericcloud-amd64.qcow2';
const ART = new URL('../../.tmp/artifacts/wizard/', import.meta.url).pathname;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const { times, timed } = stepTimer();
const started = Date.now();

let debs: TestDebs;
let iso: OperatorIso;
let loop: ReturnType<typeof attachLoop> | undefined;
let anvil: Anvil | undefined;
let stablecoin: `0x${string}`;
let imageServer: Server | undefined;
let image: Buffer;
let sim: PveSimulator | undefined;
let c: Container | undefined;
const relays: { stop(): Promise<void> }[] = [];
let context: BrowserContext | undefined;
let profile: string | undefined;

/** `dpkg-query -W -f '${Status} ${Version}' pkg`. */
const dpkgStatus = (pkg: string) => `dpkg-query -W -f '\${Status} \${Version}' ${pkg}`;

async function startRelays(cc: Container): Promise<void> {
  for (const r of relays.splice(0)) await r.stop().catch(() => {});
  const imagePort = (imageServer!.address() as { port: number }).port;
  for (const port of [anvil!.port, sim!.port, imagePort])
    relays.push(await relayToLoopback(cc, GATEWAY, port));
}

async function diagnose(cc: Container, units: string): Promise<string> {
  const r = await sh(cc, [
    'sh',
    '-c',
    `journalctl -b --no-pager -n 60 ${units} 2>&1; systemctl --failed --no-pager 2>&1`,
  ]);
  return r.stdout;
}

beforeAll(async () => {
  if (process.getuid?.() !== 0)
    throw new Error('this test boots a system container (systemd-nspawn): run it as root');
  debs = await timed('build the packages', () => buildTestDebs({ only: 'host' }));
  iso = await timed('build the ISO', () =>
    buildOperatorIso(tempDir('bh-op-iso-'), [debs.host!.file]),
  );
  loop = attachLoop(iso.path);
  const root = await timed('root (ensure)', async () =>
    (await ensureRoot(OPERATOR_ROOT_RECIPE))._unsafeUnwrap(),
  );
  if (root.built) times['root (built now)'] = root.buildMs! / 1000;

  await timed('anvil + stablecoin + image server + simulator', async () => {
    anvil = await startAnvil({});
    // The operator's payment token, deployed by someone else (account 9) before the install.
    const coin = await deployTestStablecoin(anvil.clients(9), { decimals: 6 });
    stablecoin = coin._unsafeUnwrap().address;
    image = Buffer.from('a tiny stand-in for a qcow2 cloud image\n'.repeat(64));
    imageServer = createServer((req, res) => {
      if (req.url === IMAGE_PATH) {
        res.writeHead(200, { 'content-length': image.length });
        res.end(req.method === 'HEAD' ? undefined : image);
      } else res.writeHead(404).end('not found');
    });
    await new Promise<void>((r) => imageServer!.listen(0, '127.0.0.1', () => r()));
    const imagePort = (imageServer.address() as { port: number }).port;
    sim = await startPveSimulator({
      https: true,
      nodes: [{ name: NODE, memoryMiB: 64 * 1024, cores: 32 }],
      // What Proxmox's download-url fetches: the image the wizard is given (over the bridge).
      downloads: { [`http://${GATEWAY}:${imagePort}${IMAGE_PATH}`]: { data: image } },
    });
  });

  c = await timed('container boot', async () =>
    (
      await bootContainer({
        root: root.path,
        name: NODE,
        network: { mac: MAC, gatewayAddresses: [`${GATEWAY}/24`] },
        // The medium as the machine has it: a block device.
        nspawnArgs: [`--bind=${loop!.device}`],
        files: [
          ...pveHostNetwork(MAC, `${ADDRESS}/24`, GATEWAY),
          // The installer names the host; its name is the Proxmox node's.
          { path: '/etc/hostname', content: `${NODE}\n` },
          { path: PVESH_PATH, content: pveshStandIn(), mode: 0o755 },
          { path: PVEUM_PATH, content: pveumStandIn(), mode: 0o755 },
          {
            path: PVESH_SIM_CONFIG,
            content: JSON.stringify({
              url: `https://${GATEWAY}:${sim!.port}`,
              tokenId: sim!.rootToken.id,
              secret: sim!.rootToken.secret,
              fingerprint: sim!.tls!.fingerprint256,
            }),
            mode: 0o600,
          },
          { path: ISO_MOUNT_STANDIN_PATH, content: ISO_MOUNT_STANDIN, mode: 0o755 },
          // What Proxmox's installer leaves on the installed system.
          { path: FIRST_BOOT_HOOK, content: iso.hook, mode: 0o755 },
          { path: `/etc/systemd/system/${FIRST_BOOT_UNIT}`, content: FIRST_BOOT_UNIT_TEXT },
        ],
      })
    )._unsafeUnwrap(),
  );
  const cc = c;
  await startRelays(cc);
  await cc.waitFor('the boot', ['systemctl', 'is-system-running', '--wait'], 5 * 60_000);
  await cc.waitFor(
    'the default route',
    ['sh', '-c', 'ip -4 route show default | grep -q via'],
    60_000,
  );
  await shOk(
    cc,
    [
      `chmod 0700 ${FIRST_BOOT_DIR}`,
      `systemctl enable ${FIRST_BOOT_UNIT}`,
      // The local storage's snippets directory, as Proxmox creates it.
      'install -d -m 0755 /var/lib/vz/snippets',
    ].join('; '),
  );
  // The snippets the daemon writes on "the node" are the simulator's snippets.
  const simSnippets = sim!.snippetsDir(NODE);
  rmdirSync(simSnippets);
  symlinkSync(join(cc.dir, 'upper/var/lib/vz/snippets'), simSnippets);
}, 20 * 60_000);

afterAll(async () => {
  await context?.close().catch(() => {});
  if (profile) rmSync(profile, { recursive: true, force: true });
  for (const r of relays.splice(0)) await r.stop().catch(() => {});
  await c?.stop();
  loop?.detach();
  await sim?.close().catch(() => {});
  if (imageServer) await new Promise<void>((r) => imageServer!.close(() => r()));
  await anvil?.stop();
  removeTemps();
  times.total = (Date.now() - started) / 1000;
  console.log(`deb operator path e2e, seconds: ${JSON.stringify(times)}`);
}, 120_000);

describe('the operator path: ISO medium → first boot → wizard → reboot → a sold VM', () => {
  it(
    'first boot: the hook installs the packages from the medium, creates the user, starts the wizard; a rerun changes nothing',
    async () => {
      const cc = c!;
      // The machine sees the medium as an ISO 9660 block device.
      expect((await shOk(cc, `blkid -o value -s TYPE ${loop!.device}`)).trim()).toBe('iso9660');
      expect((await sh(cc, ['getent', 'passwd', 'blockhost'])).status).toBe(2);

      // As the installed system runs it: the unit, its flag, the argument. The flag is
      // set now rather than before the boot (where the installer leaves it) so the unit
      // starts once this test's relays to the simulator are up: the wizard's `prepare`
      // asks "pvesh" for the node's facts.
      await shOk(cc, `touch ${FIRST_BOOT_PENDING}`);
      const run = await timed('first-boot hook (apt install from the medium)', () =>
        sh(cc, ['systemctl', 'start', FIRST_BOOT_UNIT]),
      );
      const journal = await shOk(cc, `journalctl -b -u ${FIRST_BOOT_UNIT} -o cat --no-pager`);
      expect(run.status, `${run.stderr}\n${journal}`).toBe(0);
      expect(journal).toContain('first-boot setup (fully-up)');
      expect(journal).toContain(`copying the packages from ${loop!.device}`);
      expect(journal).toMatch(/Setting up nodejs /);
      expect(journal).toMatch(/Setting up blockhost \(0\.1\.0\)/);
      expect(journal).toContain('blockhost-first-boot: done');
      // The flag is gone: the unit does not run at the next boot.
      expect((await sh(cc, ['test', '-e', FIRST_BOOT_PENDING])).status).toBe(1);

      // Installed from the medium: the staged copy is the ISO's list, every file checked.
      expect(await shOk(cc, 'cat /var/lib/blockhost-install/medium/SHA256SUMS')).toBe(iso.sums);
      expect(
        await shOk(cc, 'cd /var/lib/blockhost-install/medium && sha256sum --strict -c SHA256SUMS'),
      ).toMatch(/^packages\/blockhost_0\.1\.0_\w+\.deb: OK$/m);
      expect(await shOk(cc, dpkgStatus('blockhost'))).toBe('install ok installed 0.1.0');
      expect(await shOk(cc, dpkgStatus('nodejs'))).toMatch(/^install ok installed 20\./);
      // The medium is unmounted again.
      expect((await sh(cc, ['findmnt', '/run/blockhost-install-medium'])).status).toBe(1);

      expect(await shOk(cc, 'getent passwd blockhost')).toMatch(
        /^blockhost:x:\d+:\d+:BlockHost:\/var\/lib\/blockhost:\/usr\/sbin\/nologin$/m,
      );
      expect((await shOk(cc, 'systemctl is-active blockhost-wizard.service')).trim()).toBe(
        'active',
      );
      expect((await shOk(cc, 'systemctl is-enabled blockhost-wizard.service')).trim()).toBe(
        'enabled',
      );
      const issue = await shOk(cc, 'cat /etc/issue.d/blockhost-wizard.issue');
      expect(issue).toContain(`http://${ADDRESS}/`);
      expect(issue).toMatch(/code:\s+[A-Z0-9]{4}-[A-Z0-9]{4}/);
      expect((await sh(cc, ['test', '-e', '/etc/issue.d/blockhost-first-boot.issue'])).status).toBe(
        1,
      );

      // Run again (as after a reboot with the flag still there): nothing changes.
      const wizardPid = await shOk(cc, 'systemctl show -p MainPID --value blockhost-wizard');
      const again = await timed('first-boot hook (again)', () =>
        sh(cc, [FIRST_BOOT_HOOK, 'fully-up']),
      );
      expect(again.status, again.stderr).toBe(0);
      expect(again.stderr).toContain('packages already staged');
      expect(again.stdout).toMatch(/0 upgraded, 0 newly installed, 0 to remove/);
      expect(await shOk(cc, 'systemctl show -p MainPID --value blockhost-wizard')).toBe(wizardPid);
      expect(await shOk(cc, 'cat /etc/issue.d/blockhost-wizard.issue')).toBe(issue);
      expect(await shOk(cc, dpkgStatus('blockhost'))).toBe('install ok installed 0.1.0');
      expect(await shOk(cc, 'grep -c "^blockhost:" /etc/passwd')).toBe('1\n');
      // Without the flag the unit itself no longer runs the hook.
      await shOk(cc, `systemctl restart ${FIRST_BOOT_UNIT}`);
      expect(
        (await shOk(cc, `systemctl show -p ConditionResult --value ${FIRST_BOOT_UNIT}`)).trim(),
      ).toBe('no');
    },
    15 * 60_000,
  );

  it(
    'the wizard in real Chromium on the LAN: every step, the finalize, and the machine reboots',
    async () => {
      const cc = c!;
      mkdirSync(ART, { recursive: true });
      profile = tempDir('bh-op-chromium-');
      context = await chromium.launchPersistentContext(profile, {
        executablePath: chromiumOnBridge(tempDir('bh-op-bin-'), (a) => cc.network!.onBridge(a)),
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
        viewport: { width: 1280, height: 900 },
      });
      const page: Page = context.pages()[0] ?? (await context.newPage());
      const h1 = () => page.locator('h1').textContent();
      /** Waits for the page titled `title`; else the page's field errors and a screenshot. */
      const onPage = async (title: string, timeout = 30_000) => {
        try {
          await expect.poll(h1, { timeout, interval: 500 }).toBe(title);
        } catch (e) {
          await shoot(`failed-before-${title.toLowerCase().replace(/\W+/g, '-')}`);
          const errors = await page.locator('[id$="-error"]').allTextContents();
          throw new Error(
            `${(e as Error).message}\nfield errors: ${JSON.stringify(errors.filter(Boolean))}\n${await diagnose(cc, '-u blockhost-wizard-finalize')}`,
          );
        }
      };
      const submit = () => page.locator('main form button[type=submit]').click();
      const shoot = (name: string) =>
        page.screenshot({ path: join(ART, `operator-${name}.png`), fullPage: true });
      const axe = async (name: string) => {
        await page.evaluate(AXE);
        const r = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
          violations: { id: string; impact: string }[];
        };
        expect(
          r.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${name}: ${v.id}`),
        ).toEqual([]);
      };

      // The code as the console shows it.
      const issue = await shOk(cc, 'cat /etc/issue.d/blockhost-wizard.issue');
      const code = /code:\s+([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(issue)![1]!;
      await page.goto(`http://${ADDRESS}/`);
      await onPage('Enter the one-time code');
      await axe('login');
      await shoot('01-login');
      await page.fill('#f-code', code);
      await submit();

      // Network: what the machine has (vmbr0 10.88.0.2/24, its gateway).
      await onPage('Network');
      expect(await page.inputValue('#f-cidr')).toBe('10.88.0.0/24');
      expect(await page.inputValue('#f-gateway')).toBe(GATEWAY);
      await axe('network');
      await shoot('02-network');
      await submit();

      // Storage: the storages "pvesh" (the simulator) reported.
      await onPage('Storage');
      expect(await page.inputValue('#f-vm_storage')).toBe('local-lvm');
      await shoot('03-storage');
      await submit();

      await onPage('Blockchain');
      await page.fill('#f-chain_id', String(anvil!.chainId));
      await page.fill('#f-rpc_urls', `http://${GATEWAY}:${anvil!.port}`);
      await page.fill('#f-deployer_key', anvil!.accounts[0]!.privateKey);
      await page.fill('#f-payment_tokens', stablecoin);
      await page.fill('#f-plan_disk', '10');
      await axe('blockchain');
      await shoot('04-blockchain');
      await submit();

      // Proxmox: the node is this machine's host name; the API and image over the LAN.
      await onPage('Proxmox');
      await page.fill('#f-api_url', `https://${GATEWAY}:${sim!.port}`);
      await page.fill('#f-fingerprint', sim!.tls!.fingerprint256);
      const imagePort = (imageServer!.address() as { port: number }).port;
      await page.fill('#f-image_url', `http://${GATEWAY}:${imagePort}${IMAGE_PATH}`);
      await page.fill('#f-checksum', `sha256:${createHash('sha256').update(image).digest('hex')}`);
      await axe('proxmox');
      await shoot('05-proxmox');
      await submit();

      await onPage('IPv6');
      await shoot('06-ipv6');
      await page.check('input[name=mode][value=off]');
      await submit();

      await onPage('Summary');
      // Nothing written yet.
      expect((await sh(cc, ['test', '-e', '/etc/blockhost/db.yaml'])).status).toBe(1);
      await axe('summary');
      await shoot('07-summary');
      await timed('finalize (to "complete")', async () => {
        await submit();
        // The page polls the finalize's progress; a finalize that failed says so at once.
        const finalizeFailed = async () =>
          (await sh(cc, ['systemctl', 'is-failed', '--quiet', 'blockhost-wizard-finalize.service']))
            .status === 0;
        const end = Date.now() + 300_000;
        while ((await h1()) !== 'Setup complete' && Date.now() < end) {
          if (await finalizeFailed()) break;
          // (The finalize's reboot ends the container; the page said "complete" before.)
          if ((await cc.exec(['true'])).map((r) => r.status !== 0).unwrapOr(true)) break;
          await new Promise((r) => setTimeout(r, 1000));
        }
        await onPage('Setup complete', 1000);
      });
      await axe('complete');
      await shoot('08-complete');

      // What the finalize left, before its reboot.
      const layout = await shOk(cc, 'stat -c "%n %a %U %G" /etc/blockhost /etc/blockhost/*');
      expect(layout).toMatch(/^\/etc\/blockhost 750 root blockhost$/m);
      for (const f of [
        'db.yaml',
        'web3-defaults.yaml',
        'blockhost.yaml',
        'server.key',
        'pve-token',
      ])
        expect(layout).toMatch(new RegExp(`^/etc/blockhost/${f} 640 root blockhost$`, 'm'));
      const validate = await sh(cc, ['blockhost', 'config', 'validate']);
      expect(validate.status, validate.stdout + validate.stderr).toBe(0);
      expect(await shOk(cc, 'systemctl is-enabled blockhost-monitor.service')).toBe('enabled\n');
      // The short-lived setup token made with pveum is gone again; the daemon's token exists.
      const rootTokens = await shOk(
        cc,
        `${PVESH_PATH} get /access/users/root@pam/token --output-format json`,
      );
      expect((JSON.parse(rootTokens) as { tokenid: string }[]).map((t) => t.tokenid)).toEqual([
        'bootstrap',
      ]);
      expect((await shOk(cc, 'grep token_id /etc/blockhost/blockhost.yaml')).trim()).toMatch(
        /blockhost@pve!blockhost/,
      );

      // No secret in the wizard's or the finalize's logs (the journal is volatile: checked before the reboot).
      const logs = (
        await shOk(
          cc,
          'journalctl -b -u blockhost-wizard -u blockhost-wizard-finalize -u blockhost-wizard-finalize.path -o cat --no-pager',
        )
      ).toLowerCase();
      expect(logs).toContain('finalize requested');
      const deployerKey = anvil!.accounts[0]!.privateKey;
      for (const secret of [
        deployerKey.slice(2),
        (await shOk(cc, 'cat /etc/blockhost/server.key')).trim().replace(/^0x/, ''),
        (await shOk(cc, 'cat /etc/blockhost/pve-token')).trim(),
        sim!.rootToken.secret,
      ])
        expect(logs.includes(secret.toLowerCase())).toBe(false);

      // The finalize reboots the machine (after the page said "complete").
      await timed('reboot (the finalize’s)', async () => {
        expect((await cc.awaitReboot(120_000))._unsafeUnwrap()).toBe('reboot');
        await startRelays(cc);
        await cc.waitFor('the boot', ['systemctl', 'is-system-running', '--wait'], 5 * 60_000);
      });
      await context.close();
      context = undefined;
    },
    20 * 60_000,
  );

  it(
    'after the reboot: the daemon runs hardened, is ready, logs JSON, and a purchase becomes a running VM',
    async () => {
      const cc = c!;
      // The wizard is over for good; the first-boot unit stays off.
      expect(
        (await sh(cc, ['systemctl', 'is-active', 'blockhost-wizard.service'])).stdout.trim(),
      ).toBe('inactive');
      expect(
        (await shOk(cc, `systemctl show -p ConditionResult --value ${FIRST_BOOT_UNIT}`)).trim(),
      ).toBe('no');
      const active = await cc.waitFor(
        'blockhost-monitor.service',
        ['systemctl', 'is-active', '--quiet', 'blockhost-monitor.service'],
        60_000,
      );
      if (active.isErr())
        throw new Error(`${active.error.message}\n${await diagnose(cc, '-u blockhost-monitor')}`);
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
      const security = await shOk(
        cc,
        'systemd-analyze security --no-pager blockhost-monitor.service',
      );
      const exposure = Number(/Overall exposure level for \S+: ([0-9.]+)/.exec(security)?.[1]);
      times['monitor exposure'] = exposure;
      expect(exposure).toBeGreaterThan(0);
      expect(exposure).toBeLessThanOrEqual(1.5);

      expect(await monitorReady(cc)).toMatch(/^200/);
      const json = await monitorJsonLogs(cc);
      expect(json.length).toBeGreaterThan(0);
      expect(json.every((l) => l.level !== undefined)).toBe(true);

      // A purchase on anvil, against the contracts the wizard deployed.
      const web3 = parse(await shOk(cc, 'cat /etc/blockhost/web3-defaults.yaml'));
      const key = (await shOk(cc, 'cat /etc/blockhost/server.key')).trim() as `0x${string}`;
      const idx = 4;
      const customer = new Customer({
        clients: anvil!.clients(idx),
        account: privateKeyToAccount(anvil!.accounts[idx]!.privateKey),
        chainId: anvil!.chainId,
        contracts: { subscriptions: web3.contracts.subscriptions, nft: web3.contracts.nft },
        stablecoin,
        serverPublicKey: publicKeyFromSecretKey(key)._unsafeUnwrap() as `0x${string}`,
      });
      await customer.fund(1_000_000_000n, anvil!.clients(9));
      await customer.approve(1_000_000_000n);
      const { subscriptionId } = await customer.buy(1n, 3);
      const vm = await timed('purchase → running VM', () =>
        runningVmInContainer(cc, subscriptionId),
      );
      expect(sim!.vm(vm.vmid!)?.status).toBe('running');
      // The access NFT follows the running VM (minted by the daemon after provisioning).
      const token = await timed('running VM → access NFT', () =>
        waitFor('the access NFT', () => customer.tokenOf(subscriptionId), 60_000),
      );
      expect(typeof token).toBe('bigint');
    },
    10 * 60_000,
  );
});
