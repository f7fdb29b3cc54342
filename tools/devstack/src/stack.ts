/**
 * A whole BlockHost on embedded defaults, for the demo and the end-to-end
 * tests: a real anvil chain with freshly deployed contracts, the Proxmox API
 * simulator (HTTPS, pinned certificate, a least-privilege token made by the
 * SDK's own setup), and a config directory blockhostd can start from.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BlockhostContracts,
  publicKeyFromSecretKey,
  type WriteClients,
} from '@blockhost/chain';
import {
  type Anvil,
  deployTestBlockhost,
  type StartAnvilOptions,
  startAnvil,
} from '@blockhost/chain/testkit';
import { type PlanInput, type PortalConfig, parseConfig } from '@blockhost/core';
import { createPveClient, setupAccess } from '@blockhost/proxmox';
import {
  createSelfSignedCert,
  type PveSimulator,
  type PveSimulatorOptions,
  startPveSimulator,
} from '@blockhost/pve-sim';
import type { Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { Customer } from './customer.js';
import { vmLoginBundleDir } from './vm-login-bundles.js';

export interface DevStackOptions {
  /** Parent directory for the stack's files (default: the system temp dir). */
  parentDir?: string;
  anvil?: StartAnvilOptions;
  sim?: Partial<PveSimulatorOptions>;
  /** The RPC URL the daemon gets (default anvil's; tests put a faulty proxy in between). */
  rpcUrl?: (anvil: Anvil) => string;
  /** Several RPC URLs (fallbacks, and the quorum for owner changes and destroys); wins over `rpcUrl`. */
  rpcUrls?: (anvil: Anvil) => string[];
  /** Extra lines for web3-defaults.yaml (e.g. `max_clock_skew_seconds: 3600`). */
  web3?: string;
  /** The first plan's resources. */
  plan?: PlanInput;
  /** Extra lines for db.yaml / blockhost.yaml (override defaults, e.g. `grace_days: 3`). */
  db?: string;
  blockhost?: string;
  ipv4?: { cidr: string; gateway: string; start: string; end: string };
  /** The daemon's HTTP listen address (default 127.0.0.1:0, any free port). */
  listen?: string;
  /** How often the daemon polls the chain (default 200 ms). */
  pollIntervalMs?: number;
  /** Serve the customer site from this directory on the daemon's listener (`http.portal_dir`). */
  portalDir?: string;
  /** Accept the native coin too, priced by a settable test feed (USD per coin, 8 decimals; e.g. 2000_00000000n). */
  nativeUsdPrice?: bigint;
  /** How old the feed's answer may be before it is stale (default: the contracts' default). */
  nativeFeedMaxStalenessSeconds?: number;
  /** The VMIDs BlockHost may use (default 10000–10999). */
  vmidRange?: { start: number; end: number };
}

/** Changes to the config files (`writeConfig`). */
export interface WriteConfigExtras {
  /** Extra lines for db.yaml / blockhost.yaml. */
  db?: string;
  blockhost?: string;
  /** Extra lines for web3-defaults.yaml. */
  web3?: string;
  /** The RPC URL, or several (fallbacks, and the quorum for owner changes and destroys). */
  rpcUrl?: string | string[];
  /** Another journal file (a replaced host's empty data directory). */
  databasePath?: string;
}

export interface DevStack {
  readonly dir: string;
  readonly configDir: string;
  readonly dbPath: string;
  readonly anvil: Anvil;
  /** The simulator now running (another object after `restartSim`). */
  readonly sim: PveSimulator;
  readonly contracts: BlockhostContracts;
  readonly stablecoin: `0x${string}`;
  /** The native coin's test price feed (`nativeUsdPrice`), else null. */
  readonly priceFeed: `0x${string}` | null;
  /** The host's public key (uncompressed), as the customer site's config.json carries it. */
  readonly serverPublicKey: Hex;
  readonly deployBlock: bigint;
  readonly planId: bigint;
  /** The host's server key account (operator + minter). */
  readonly server: WriteClients;
  readonly serverAddress: `0x${string}`;
  /** The operator's wallet (admin role). */
  readonly admin: WriteClients;
  readonly templateVmid: number;
  /** A funded customer using anvil dev account `index` (3 and up). */
  customer(index: number): Promise<Customer>;
  /** The customer site's config.json for this stack (reads through `rpcUrl`, default anvil's). */
  portalConfig(o?: { rpcUrl?: string }): PortalConfig;
  /** Rewrites the config files (e.g. after changing options). */
  writeConfig(extra?: WriteConfigExtras): void;
  /**
   * Stops the simulator and starts it again on the same port, certificate and state file, as a
   * Proxmox API restart would (tasks running at the stop end as `unexpected status`).
   * `whileDown` runs while nothing answers on the port (an outage of its length).
   */
  restartSim(whileDown?: () => Promise<void>): Promise<PveSimulator>;
  stop(): Promise<void>;
}

const yamlUrls = (u: string | string[]) => (Array.isArray(u) ? `[${u.join(', ')}]` : u);

const SERVER_ACCOUNT = 1;
const ADMIN_ACCOUNT = 0;
const TEMPLATE_VMID = 9000;

export async function startDevStack(o: DevStackOptions = {}): Promise<DevStack> {
  const dir = mkdtempSync(join(o.parentDir ?? tmpdir(), 'blockhost-'));
  const cleanup: (() => Promise<void>)[] = [];
  try {
    const [anvil, loginBundles] = await Promise.all([
      startAnvil({ ...o.anvil }),
      vmLoginBundleDir(),
    ]);
    cleanup.push(() => anvil.stop());
    const serverKey = anvil.accounts[SERVER_ACCOUNT]!.privateKey;
    const server = anvil.clients(SERVER_ACCOUNT);
    const admin = anvil.clients(ADMIN_ACCOUNT);
    const plan = o.plan ?? {
      name: 'small',
      pricePerDayUsdCents: 100n,
      cores: 1,
      memoryMiB: 1024,
      diskGiB: 10,
    };
    const deployed = await deployTestBlockhost(server, {
      admin: anvil.accounts[ADMIN_ACCOUNT]!.address,
      stablecoin: { test: { decimals: 6 } },
      ...(o.nativeUsdPrice
        ? {
            priceFeed: {
              test: { decimals: 8, answer: o.nativeUsdPrice },
              ...(o.nativeFeedMaxStalenessSeconds === undefined
                ? {}
                : { maxStalenessSeconds: o.nativeFeedMaxStalenessSeconds }),
            },
          }
        : {}),
      firstPlan: plan,
    });
    if (deployed.isErr()) throw deployed.error;
    const d = deployed.value;

    const snippetsDir = join(dir, 'snippets');
    mkdirSync(snippetsDir, { recursive: true });
    const certificate = createSelfSignedCert('blockhost-pve-sim', ['localhost', '127.0.0.1']);
    const simOptions: PveSimulatorOptions = {
      https: true,
      certificate,
      // A roomy node: the soak and backlog tests create hundreds of VMs.
      nodes: [
        {
          name: 'pve1',
          memoryMiB: 1024 * 1024,
          cores: 256,
          storageGiB: { local: 500, 'local-lvm': 50_000 },
        },
      ],
      snippetsDir,
      template: {
        vmid: TEMPLATE_VMID,
        node: 'pve1',
        name: 'blockhost-template',
        storage: 'local-lvm',
      },
      statePath: join(dir, 'pve-sim-state.json'),
      ...o.sim,
    };
    let sim = await startPveSimulator(simOptions);
    cleanup.push(() => sim.close());

    // The daemon's token is made the way an operator would: the SDK's least-privilege setup.
    const root = createPveClient({
      url: sim.url,
      tokenId: sim.rootToken.id,
      tokenSecret: sim.rootToken.secret,
      fingerprint: sim.tls?.fingerprint256,
    });
    if (root.isErr()) throw root.error;
    // Scoped to pool `blockhost`: the seeded template joins it, VMs are cloned into it.
    const access = await setupAccess(root.value, {
      nodes: sim.nodes,
      storages: ['local-lvm'],
      bridges: ['vmbr0'],
      templateVmid: TEMPLATE_VMID,
    });
    if (access.isErr()) throw access.error;
    const tokenSecret = access.value.token.secret;
    if (!tokenSecret) throw new Error('setupAccess returned no token secret');

    const configDir = join(dir, 'etc');
    const secrets = join(configDir, 'secrets');
    mkdirSync(secrets, { recursive: true, mode: 0o750 });
    const keyFile = join(secrets, 'server.key');
    const tokenFile = join(secrets, 'pve-token');
    writeFileSync(keyFile, `${serverKey}\n`, { mode: 0o600 });
    writeFileSync(tokenFile, `${tokenSecret}\n`, { mode: 0o600 });
    chmodSync(keyFile, 0o600);
    chmodSync(tokenFile, 0o600);
    const dbPath = join(dir, 'state', 'blockhost.db');
    const ipv4 = o.ipv4 ?? {
      cidr: '10.77.0.0/24',
      gateway: '10.77.0.1',
      start: '10.77.0.10',
      end: '10.77.0.250',
    };
    const contracts: BlockhostContracts = { subscriptions: d.subscriptions, nft: d.nft };

    const writeConfig = (extra: WriteConfigExtras = {}) => {
      writeFileSync(
        join(configDir, 'db.yaml'),
        [
          '# BlockHost dev stack: VM pools and lifecycle policy',
          `database_path: ${extra.databasePath ?? dbPath}`,
          `vmid_range: { start: ${o.vmidRange?.start ?? 10000}, end: ${o.vmidRange?.end ?? 10999} }`,
          'ipv4_pool:',
          `  cidr: ${ipv4.cidr}`,
          `  gateway: ${ipv4.gateway}`,
          `  range: { start: ${ipv4.start}, end: ${ipv4.end} }`,
          o.db ?? '',
          extra.db ?? '',
        ].join('\n'),
      );
      writeFileSync(
        join(configDir, 'web3-defaults.yaml'),
        [
          '# BlockHost dev stack: a local anvil chain',
          `chain_id: ${anvil.chainId}`,
          `rpc_url: ${yamlUrls(extra.rpcUrl ?? o.rpcUrls?.(anvil) ?? o.rpcUrl?.(anvil) ?? anvil.rpcUrl)}`,
          'contracts:',
          `  subscriptions: "${d.subscriptions}"`,
          `  nft: "${d.nft}"`,
          `  deploy_block: ${d.deployBlock}`,
          `poll_interval_ms: ${o.pollIntervalMs ?? 200}`,
          o.web3 ?? '',
          extra.web3 ?? '',
          '',
        ].join('\n'),
      );
      writeFileSync(
        join(configDir, 'blockhost.yaml'),
        [
          '# BlockHost dev stack: the Proxmox API simulator over HTTPS with a pinned certificate',
          `server_key_file: ${keyFile}`,
          'proxmox:',
          `  api_url: ${sim.url}`,
          `  tls_fingerprint: "${sim.tls!.fingerprint256}"`,
          `  token_id: "${access.value.token.id}"`,
          `  token_file: ${tokenFile}`,
          `  nodes: [${sim.nodes.join(', ')}]`,
          `  template_vmid: ${TEMPLATE_VMID}`,
          '  storage: local-lvm',
          `  snippets_dir: ${snippetsDir}`,
          'vm:',
          `  login_bundle_dir: ${loginBundles}`,
          'http:',
          `  listen: ${o.listen ?? '127.0.0.1:0'}`,
          o.portalDir ? `  portal_dir: ${o.portalDir}` : '',
          o.blockhost ?? '',
          extra.blockhost ?? '',
        ].join('\n'),
      );
    };
    writeConfig();

    const serverPublicKey = publicKeyFromSecretKey(serverKey);
    if (serverPublicKey.isErr()) throw serverPublicKey.error;
    return {
      dir,
      configDir,
      dbPath,
      anvil,
      get sim() {
        return sim;
      },
      contracts,
      stablecoin: d.stablecoin!,
      priceFeed: d.priceFeed,
      serverPublicKey: serverPublicKey.value as Hex,
      deployBlock: d.deployBlock,
      planId: d.firstPlanId!,
      server,
      serverAddress: anvil.accounts[SERVER_ACCOUNT]!.address,
      admin,
      templateVmid: TEMPLATE_VMID,
      async customer(index) {
        const key = anvil.accounts[index]!.privateKey;
        const c = new Customer({
          clients: anvil.clients(index),
          account: privateKeyToAccount(key),
          chainId: anvil.chainId,
          contracts,
          stablecoin: d.stablecoin!,
          serverPublicKey: serverPublicKey.value as Hex,
        });
        await c.fund(1_000_000_000_000n, server);
        return c;
      },
      portalConfig(p = {}) {
        const db = parseConfig('db', readFileSync(join(configDir, 'db.yaml'), 'utf8'));
        if (db.isErr()) throw db.error;
        return {
          chainId: anvil.chainId,
          chainName: 'Local test chain (anvil)',
          nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
          rpcUrls: [p.rpcUrl ?? anvil.rpcUrl],
          contracts,
          serverPublicKey: serverPublicKey.value as Hex,
          graceDays: db.value.grace_days,
          operator: { name: 'BlockHost dev stack', support: 'mailto:support@blockhost.test' },
        };
      },
      writeConfig,
      async restartSim(whileDown) {
        const port = sim.port;
        await sim.close();
        await whileDown?.();
        sim = await startPveSimulator({ ...simOptions, port });
        return sim;
      },
      async stop() {
        for (const f of cleanup.reverse()) await f().catch(() => {});
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    for (const f of cleanup.reverse()) await f().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
