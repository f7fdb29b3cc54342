/**
 * Fixtures shared by the tests of @blockhost/proxmox and @blockhost/pve-sim:
 * a simulator with a seeded template, a root client with fast retry and poll
 * policies and a local snippet store; provisioning parameters; raw API calls.
 *
 * @packageDocumentation
 */
import type { Address, Deployment } from '@blockhost/core';
import {
  createPveClient,
  createSnippetStore,
  type ProvisionVmParameters,
  type PveClient,
  type PveClientOptions,
  renderUserData,
  type SnippetStore,
} from '@blockhost/proxmox';
import { type PveSimulator, type PveSimulatorOptions, startPveSimulator } from '@blockhost/pve-sim';

export const DEPLOYMENT: Deployment = {
  chainId: 31337,
  contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
};
export const OWNER: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

/** Fast policies for tests: short backoff and polling, same logic. */
export const FAST: Partial<PveClientOptions> = {
  retry: { attempts: 6, baseDelayMs: 5, maxDelayMs: 40 },
  poll: { minMs: 2, maxMs: 20, factor: 1.6, newTaskGraceMs: 2000 },
};

export function clientFor(
  sim: PveSimulator,
  token: { id: string; secret: string },
  opts: Partial<PveClientOptions> = {},
): PveClient {
  return createPveClient({
    url: sim.url,
    tokenId: token.id,
    tokenSecret: token.secret,
    ...FAST,
    ...opts,
  })._unsafeUnwrap();
}

export interface Env {
  sim: PveSimulator;
  root: PveClient;
  snippets: SnippetStore;
  close(): Promise<void>;
}

/** A simulator with a seeded template 9000 on pve1, a root client and a local snippet store for pve1. */
export async function startEnv(
  opts: PveSimulatorOptions = {},
  client: Partial<PveClientOptions> = {},
): Promise<Env> {
  const sim = await startPveSimulator({ template: { vmid: 9000 }, ...opts });
  const root = clientFor(sim, sim.rootToken, client);
  const snippets = createSnippetStore({
    dir: sim.snippetsDir('pve1'),
    localNode: 'pve1',
  })._unsafeUnwrap();
  return {
    sim,
    root,
    snippets,
    async close() {
      await snippets.close();
      await root.close();
      await sim.close();
    },
  };
}

export function userData(subscriptionId: bigint, tokenId?: bigint): string {
  return renderUserData({
    hostname: `bh-31337-5fbdb231-${subscriptionId}`,
    user: { name: 'user', wallet: OWNER, nftTokenId: tokenId, groups: ['blockhost-wallet'] },
    writeFiles: [
      { path: '/etc/blockhost/vm-login.yaml', content: 'chain_id: 31337\n', permissions: '0644' },
    ],
    runcmd: [['systemctl', 'restart', 'ssh']],
  })._unsafeUnwrap();
}

export function provisionParams(
  env: Pick<Env, 'snippets'>,
  subscriptionId: bigint,
  vmid: number,
  overrides: Partial<ProvisionVmParameters> = {},
): ProvisionVmParameters {
  return {
    deployment: DEPLOYMENT,
    subscriptionId,
    owner: OWNER,
    vmid,
    node: 'pve1',
    template: { vmid: 9000, node: 'pve1' },
    storage: 'local-lvm',
    resources: { cores: 2, memoryMiB: 2048, diskGiB: 20 },
    network: {
      bridge: 'vmbr0',
      ipv4: { address: `10.0.0.${(Number(subscriptionId) % 200) + 10}/24`, gateway: '10.0.0.1' },
      ipv6: { address: `2001:db8::${Number(subscriptionId) + 2}/120`, gateway: '2001:db8::1' },
      nameservers: ['1.1.1.1', '9.9.9.9'],
    },
    cloudInit: {
      userData: userData(subscriptionId),
      snippetStorage: 'local',
      snippets: env.snippets,
    },
    agentTimeoutMs: 5000,
    ...overrides,
  };
}

/** Raw API call with fetch, for checking the simulator's answers byte for byte. */
export async function raw(
  sim: PveSimulator,
  method: string,
  path: string,
  opts: {
    token?: { id: string; secret: string } | null;
    form?: Record<string, string>;
    json?: unknown;
  } = {},
): Promise<{
  status: number;
  statusText: string;
  body: { data: unknown; errors?: Record<string, string>; message?: string };
}> {
  const token = opts.token === undefined ? sim.rootToken : opts.token;
  const headers: Record<string, string> = {};
  if (token) headers.Authorization = `PVEAPIToken=${token.id}=${token.secret}`;
  let body: string | undefined;
  if (opts.form) {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  } else if (opts.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.json);
  }
  const res = await fetch(`${sim.url}/api2/json${path}`, { method, headers, body });
  expectJsonType(res.headers.get('content-type'));
  return {
    status: res.status,
    statusText: res.statusText,
    body: (await res.json()) as {
      data: unknown;
      errors?: Record<string, string>;
      message?: string;
    },
  };
}

function expectJsonType(type: string | null): void {
  if (type !== 'application/json;charset=UTF-8') throw new Error(`unexpected content type ${type}`);
}
