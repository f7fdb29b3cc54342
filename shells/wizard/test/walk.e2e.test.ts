/**
 * The whole first boot in a real browser (Debian's Chromium through
 * playwright-core): the one-time code from the console, the five steps (each
 * first with a bad value that must be refused next to its field and change
 * nothing), the summary, the finalize against anvil and the Proxmox
 * simulator, "complete". Then the written config validates with the CLI, and
 * blockhostd started on it provisions a purchase. Screenshots of every step
 * at 1280 and 375 px go to .tmp/artifacts/wizard/; axe-core checks each step.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { listPlans, publicKeyFromSecretKey, verifyDeployment } from '@blockhost/chain';
import { Customer, settledRunning, spawnDaemon, waitFor } from '@blockhost/devstack';
import { openDb } from '@blockhost/host';
import { checkTokenPrivileges, createPveClient } from '@blockhost/proxmox';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  consoleCode,
  startWizard,
  startWorld,
  TSX,
  type WizardProcess,
  type World,
} from './harness.js';

const ART = new URL('../../../.tmp/artifacts/wizard/', import.meta.url).pathname;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const CLI_MAIN = new URL('../../cli/src/main.ts', import.meta.url).pathname;

let world: World;
let wizard: WizardProcess;
let context: BrowserContext;
let page: Page;
const profile = join(process.env.TMPDIR ?? '/tmp', `bh-wizard-chromium-${process.pid}`);
const bodies: string[] = [];
// Bodies are read asynchronously; the secrets check waits for every read to finish.
const reading: Promise<void>[] = [];

beforeAll(async () => {
  rmSync(ART, { recursive: true, force: true });
  mkdirSync(ART, { recursive: true });
  world = await startWorld();
  wizard = await startWizard(world);
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
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
  page = context.pages()[0] ?? (await context.newPage());
  page.on('response', (r) => {
    reading.push(
      r.text().then(
        (text) => {
          bodies.push(`${r.url()}\n${JSON.stringify(r.headers())}\n${text}`);
        },
        () => {
          // redirects have no body
        },
      ),
    );
  });
}, 180_000);

afterAll(async () => {
  await context?.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
  await wizard?.stop();
  // A finalize child would hold the lock; none may be left running.
  await world?.stop();
});

async function shoot(name: string) {
  await page.screenshot({ path: join(ART, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: join(ART, `${name}-375.png`), fullPage: true });
  const overflow = await page.evaluate(
    'document.documentElement.scrollWidth > window.innerWidth + 1',
  );
  expect(overflow, `${name} scrolls sideways at 375 px`).toBe(false);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function axe(name: string) {
  await page.evaluate(AXE);
  const r = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
    violations: { id: string; impact: string; nodes: unknown[] }[];
  };
  const serious = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${name}: ${v.id} (${v.impact})`)).toEqual([]);
}

const errorOf = (name: string) => page.locator(`#f-${name}-error`);
const submit = () => page.locator('main form button[type=submit]').click();

async function refused(fieldName: string, pattern: RegExp) {
  await submit();
  await expect.poll(() => errorOf(fieldName).textContent()).toMatch(pattern);
  await expect
    .poll(() => page.locator(`#f-${fieldName}`).first().getAttribute('aria-invalid'))
    .toBe('true');
}

describe('the first-boot wizard in a real browser', () => {
  it('walks code → Network, Storage, Blockchain, Proxmox, IPv6 → summary → complete', async () => {
    const deployerKey = world.anvil.accounts[0]!.privateKey;
    await page.goto(`${wizard.url}/`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Enter the one-time code');
    await axe('login');
    await shoot('01-login');
    await page.fill('#f-code', consoleCode(world).toLowerCase());
    await submit();

    // Network: a gateway outside the subnet is refused, nothing saved.
    await expect.poll(() => page.locator('h1').textContent()).toBe('Network');
    expect(await page.inputValue('#f-cidr')).toBe('10.77.0.0/24');
    expect(await page.inputValue('#f-gateway')).toBe('10.77.0.1');
    expect(await page.inputValue('#f-dns')).toBe('10.77.0.1');
    await axe('network');
    await shoot('02-network');
    await page.fill('#f-gateway', '192.168.9.1');
    await refused('gateway', /not inside 10\.77\.0\.0\/24/);
    await shoot('02-network-error');
    expect(await page.locator('ol.steps li.done').count()).toBe(0);
    await page.fill('#f-gateway', '10.77.0.1');
    await submit();

    await expect.poll(() => page.locator('h1').textContent()).toBe('Storage');
    expect(await page.inputValue('#f-vm_storage')).toBe('local-lvm');
    await axe('storage');
    await shoot('03-storage');
    await submit();

    // Blockchain: wrong chain id for the RPC, then an existing "contract" with no code.
    await expect.poll(() => page.locator('h1').textContent()).toBe('Blockchain');
    await page.fill('#f-chain_id', '1');
    await page.fill('#f-rpc_urls', world.anvil.rpcUrl);
    await page.fill('#f-deployer_key', deployerKey);
    await page.fill('#f-payment_tokens', world.stablecoin);
    await page.fill('#f-plan_disk', '10');
    await axe('blockchain');
    await shoot('04-blockchain');
    await refused('rpc_urls', /serves chain 31337, not 1/);
    expect(await page.inputValue('#f-deployer_key')).toBe('');
    await page.fill('#f-chain_id', '31337');
    await page.check('input[name=mode][value=existing]');
    await page.fill('#f-subscriptions', '0x000000000000000000000000000000000000dEaD');
    await page.fill('#f-nft', '0x000000000000000000000000000000000000bEEF');
    await page.fill('#f-deployer_key', deployerKey);
    await refused('subscriptions', /no contract code at subscriptions address/);
    await shoot('04-blockchain-error');
    await page.check('input[name=mode][value=new]');
    // The key stays on the server: the field is empty and says so.
    expect(await page.locator('#f-deployer_key-help').textContent()).not.toContain(
      deployerKey.slice(2, 12),
    );
    await page.fill('#f-deployer_key', deployerKey);
    await submit();

    // Proxmox: a URL that does not answer, then an image URL that 404s.
    await expect.poll(() => page.locator('h1').textContent()).toBe('Proxmox');
    expect(await page.inputValue('#f-api_url')).toBe(world.sim.url);
    await axe('proxmox');
    await shoot('05-proxmox');
    await page.fill('#f-api_url', 'https://127.0.0.1:1');
    await page.fill('#f-image_url', world.imageUrl);
    await refused('api_url', /no answer from https:\/\/127\.0\.0\.1:1/);
    await page.fill('#f-api_url', world.sim.url);
    await page.fill('#f-image_url', world.missingImageUrl);
    await refused('image_url', /answers HTTP 404/);
    await shoot('05-proxmox-error');
    await page.fill('#f-image_url', world.imageUrl);
    await page.fill('#f-checksum', `sha256:${world.imageSha256}`);
    await submit();

    await expect.poll(() => page.locator('h1').textContent()).toBe('IPv6');
    await axe('ipv6');
    await shoot('06-ipv6');
    await page.check('input[name=mode][value=manual]');
    await page.fill('#f-prefix', '2001:db8::/127');
    await refused('prefix', /./);
    // The tunnel broker: its two contracts, each checked where it is typed.
    await page.check('input[name=mode][value=broker]');
    await expect.poll(() => page.isVisible('#f-registry')).toBe(true);
    await page.fill('#f-registry', world.stablecoin);
    await page.fill('#f-requests', '0x1234');
    await refused('requests', /address/i);
    await axe('ipv6-broker');
    await shoot('06-ipv6-broker');
    await page.check('input[name=mode][value=off]');
    await submit();

    await expect.poll(() => page.locator('h1').textContent()).toBe('Summary');
    // Nothing was written while the operator filled in the steps.
    expect(existsSync(join(world.layout.configDir, 'db.yaml'))).toBe(false);
    expect(world.sim.vms()).toHaveLength(0);
    await axe('summary');
    await shoot('07-summary');
    await submit();

    await expect
      .poll(() => page.locator('h1').textContent(), { timeout: 240_000, interval: 1000 })
      .toBe('Setup complete');
    await axe('complete');
    await shoot('08-complete');
  }, 400_000);

  it('left a host that runs: config valid, contracts verified, one plan, a least-privilege token, a template, services, reboot', async () => {
    const dir = world.layout.configDir;
    const validate = execFileSync(
      process.execPath,
      [...TSX, CLI_MAIN, 'config', 'validate', '--config-dir', dir],
      { encoding: 'utf8' },
    );
    expect(validate).toContain('is valid');
    const web3 = parse(readFileSync(join(dir, 'web3-defaults.yaml'), 'utf8'));
    const bh = parse(readFileSync(join(dir, 'blockhost.yaml'), 'utf8'));
    const db = parse(readFileSync(join(dir, 'db.yaml'), 'utf8'));
    expect(db.grace_days).toBe(7);
    for (const f of ['server.key', 'pve-token']) expect(readdirSync(dir)).toContain(f);
    const key = readFileSync(world.layout.serverKeyFile, 'utf8').trim() as `0x${string}`;
    const server = privateKeyToAccount(key).address;
    const pub = world.anvil.clients(0).publicClient;
    const v = await verifyDeployment(pub, {
      subscriptions: web3.contracts.subscriptions,
      nft: web3.contracts.nft,
      server,
      admin: world.anvil.accounts[0]!.address,
    });
    expect(v.isOk()).toBe(true);
    const plans = (await listPlans(pub, { address: web3.contracts.subscriptions }))._unsafeUnwrap();
    expect(plans.map((p) => [p.name, p.pricePerDayUsdCents, p.diskGiB])).toEqual([
      ['small', 100n, 10],
    ]);
    const token = createPveClient({
      url: world.sim.url,
      tokenId: bh.proxmox.token_id,
      tokenSecret: readFileSync(world.layout.tokenFile, 'utf8').trim(),
      fingerprint: world.sim.tls!.fingerprint256,
    })._unsafeUnwrap();
    const check = (
      await checkTokenPrivileges(token, {
        pool: 'blockhost',
        nodes: ['pve1'],
        storages: ['local-lvm'],
        importStorage: 'local',
        bridges: ['vmbr0'],
      })
    )._unsafeUnwrap();
    expect(check.missing).toEqual([]);
    expect(check.extra).toEqual([]);
    // Outside its scope the simulator refuses it.
    const outside = await fetch(`${world.sim.url}/api2/json/access/users`, {
      headers: {
        authorization: `PVEAPIToken=${bh.proxmox.token_id}=${readFileSync(world.layout.tokenFile, 'utf8').trim()}`,
      },
    }).catch(() => null);
    void outside;
    await token.close();
    const template = world.sim.vm(bh.proxmox.template_vmid);
    expect(template?.template).toBe(true);
    expect(
      readFileSync(join(world.effectsDir, 'enabled-units'), 'utf8').trim().split('\n'),
    ).toEqual(['blockhost-monitor.service', 'blockhost-gc.timer']);
    expect(existsSync(join(world.effectsDir, 'reboot-requested'))).toBe(true);
    expect(existsSync(world.layout.setupComplete)).toBe(true);
    // The deployer key is gone from the machine.
    expect(existsSync(join(world.layout.runDir, 'deployer.key'))).toBe(false);

    // After completion the wizard serves nothing but that fact.
    const again = await fetch(`${wizard.url}/step/network`);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('already set up');
  }, 120_000);

  it('no secret in any response body, header, cookie or log line', async () => {
    await Promise.all(reading);
    const secrets = [
      world.anvil.accounts[0]!.privateKey,
      world.anvil.accounts[0]!.privateKey.slice(2),
      readFileSync(world.layout.serverKeyFile, 'utf8').trim(),
      readFileSync(world.layout.tokenFile, 'utf8').trim(),
      world.sim.rootToken.secret,
    ];
    const cookies = JSON.stringify(await context.cookies());
    expect(JSON.parse(cookies).map((c: { name: string }) => c.name)).toEqual(['bh_wizard']);
    expect(JSON.parse(cookies)[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const logs = [
      readFileSync(wizard.logFile, 'utf8'),
      readFileSync(join(world.layout.runDir, 'finalize.out'), 'utf8'),
    ];
    for (const s of secrets) {
      for (const b of bodies)
        expect(b.toLowerCase().includes(s.toLowerCase()), 'a response').toBe(false);
      expect(cookies.includes(s)).toBe(false);
      for (const l of logs) expect(l.toLowerCase().includes(s.toLowerCase()), 'a log').toBe(false);
    }
    // The capture itself worked: every page and form answer of the walk was read.
    expect(bodies.length).toBeGreaterThan(15);
  });

  it('blockhostd on the files the wizard wrote provisions a purchase', async () => {
    const dir = world.layout.configDir;
    const web3 = parse(readFileSync(join(dir, 'web3-defaults.yaml'), 'utf8'));
    const key = readFileSync(world.layout.serverKeyFile, 'utf8').trim() as `0x${string}`;
    const daemon = await spawnDaemon({
      configDir: dir,
      listen: world.daemonListen,
      logFile: join(world.dir, 'daemon.log'),
    });
    try {
      const idx = 4;
      const customer = new Customer({
        clients: world.anvil.clients(idx),
        account: privateKeyToAccount(world.anvil.accounts[idx]!.privateKey),
        chainId: world.anvil.chainId,
        contracts: { subscriptions: web3.contracts.subscriptions, nft: web3.contracts.nft },
        stablecoin: world.stablecoin,
        serverPublicKey: publicKeyFromSecretKey(key)._unsafeUnwrap() as `0x${string}`,
      });
      await customer.fund(1_000_000_000n, world.anvil.clients(9));
      await customer.approve(1_000_000_000n);
      const { subscriptionId } = await customer.buy(1n, 3);
      const db = openDb(parse(readFileSync(join(dir, 'db.yaml'), 'utf8')).database_path, {
        readonly: true,
        mustExist: true,
      });
      try {
        const vm = await waitFor(
          'the VM running',
          () => settledRunning(db, subscriptionId),
          120_000,
        );
        expect(vm.state).toBe('running');
        expect(world.sim.vm(vm.vmid!)?.status).toBe('running');
      } finally {
        db.close();
      }
    } finally {
      daemon.kill('SIGTERM');
      await daemon.exited;
    }
  }, 180_000);
});
