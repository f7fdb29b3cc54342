/**
 * The SDK as an embedder meets it: `npm pack` of each public package, installed
 * into an empty project outside the workspace, where a small TypeScript
 * consumer typechecks (strict, NodeNext) and runs — reconciling subscriptions,
 * decoding an event, rendering a VM's user-data with the wallet login — and
 * the packages' commands run through npx.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, LIBRARIES, REPO } from './support/build.js';

const CONSUMER = `
import { type Plan, type Policy, reconcile, type Subscription } from '@blockhost/core';
import { blockhostSubscriptionsAbi, decodeBlockhostLog } from '@blockhost/chain';
import { renderUserData } from '@blockhost/proxmox';
import { defaultBundleDir, vmLoginCloudInit } from '@blockhost/pam-verifier';
import { encodeAbiParameters, encodeEventTopics } from 'viem';

const ALICE = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;
const SUBS = '0x5FbDB2315678afecb367f032d93F642f64180aa3' as const;
const NFT = '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512' as const;
const DAY = 86_400;
const now = 1_800_000_000;

// 1. The lifecycle decision: one paid subscription without a VM, one expired with a running VM.
const plan: Plan = { id: 1n, name: 'small', pricePerDayUsdCents: 100n, cores: 1, memoryMiB: 1024, diskGiB: 10, active: true };
const policy: Policy = { graceSeconds: 7 * DAY, suspendMode: 'shutdown', reprovisionAfterDestroy: true };
const sub = (id: bigint, expiresAt: number): Subscription => ({
  id, planId: 1n, subscriber: ALICE, expiresAt, cancelled: false, token: null,
});
const actions = reconcile({
  subscriptions: [sub(1n, now + 30 * DAY), sub(2n, now - DAY)],
  vms: [{ subscriptionId: 2n, vmid: 10001, state: 'running', busy: false, suspendedAt: null, allowedWallet: ALICE }],
  plans: new Map([[1n, plan]]),
  now,
  policy,
});

// 2. A SubscriptionCreated log as an RPC would return it, decoded.
const event = blockhostSubscriptionsAbi.find((x) => x.type === 'event' && x.name === 'SubscriptionCreated');
if (!event || event.type !== 'event') throw new Error('no SubscriptionCreated in the ABI');
const topics = encodeEventTopics({
  abi: [event],
  eventName: 'SubscriptionCreated',
  args: { subscriptionId: 7n, planId: 1n, subscriber: ALICE },
});
const data = encodeAbiParameters(
  event.inputs.filter((i) => !i.indexed),
  [BigInt(now + 30 * DAY), 3000000n, '0x0000000000000000000000000000000000000000', '0xdead'],
);
const decoded = decodeBlockhostLog(
  { address: SUBS, topics, data, blockNumber: 5n, blockHash: \`0x\${'ab'.repeat(32)}\`, transactionHash: \`0x\${'cd'.repeat(32)}\`, transactionIndex: 0, logIndex: 0 },
  { subscriptions: SUBS, nft: NFT },
);
const decodedEvent = decoded.match(
  (e) => ({ name: e.eventName, subscriptionId: e.eventName === 'SubscriptionCreated' ? e.args.subscriptionId.toString() : null }),
  (e) => { throw e; },
);

// 3. A VM's cloud-init user-data carrying the wallet login from the installed package.
const login = vmLoginCloudInit({ config: { chainId: 31337, nftContract: NFT }, bundleDir: defaultBundleDir() });
if (login.isErr()) throw login.error;
const { groups, ...loginParts } = login.value;
const userData = renderUserData({
  hostname: 'bh-31337-5fbdb231-7',
  user: { name: 'user', wallet: ALICE, nftTokenId: 1n, groups },
  ...loginParts,
});
if (userData.isErr()) throw userData.error;

console.log(JSON.stringify({
  actions: actions.map((a) => \`\${a.kind}:\${a.subscriptionId}\`),
  decodedEvent,
  userData: { cloudConfig: userData.value.startsWith('#cloud-config'), bytes: userData.value.length, nodejs: userData.value.includes('- nodejs') },
}));
`;

let work: string;
let tarballs: string[];

function run(cmd: string, args: string[], cwd = work): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(() => {
  ensureBuilt();
  work = mkdtempSync(join(tmpdir(), 'blockhost-consumer-'));
  const packs = join(work, 'packs');
  run('mkdir', ['-p', packs]);
  for (const lib of LIBRARIES) {
    run('npm', ['pack', '--silent', '--pack-destination', packs], join(REPO, 'packages', lib));
  }
  tarballs = readdirSync(packs).map((f) => join(packs, f));
  const app = join(work, 'app');
  run('mkdir', ['-p', app]);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  const rootPkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const viem = JSON.parse(readFileSync(join(REPO, 'packages/chain/package.json'), 'utf8'))
    .dependencies.viem;
  // From the npm cache the workspace's own install filled: no registry round trips needed.
  run(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...tarballs,
      `viem@${viem}`,
      `typescript@${rootPkg.devDependencies.typescript}`,
      `@types/node@${rootPkg.devDependencies['@types/node']}`,
    ],
    app,
  );
  writeFileSync(join(app, 'consumer.ts'), CONSUMER);
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: false,
        types: ['node'],
        outDir: 'out',
      },
      files: ['consumer.ts'],
    }),
  );
}, 600_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the packed packages in an empty project', () => {
  it('packs each public package with its dist, README and LICENSE and no sources or tests', () => {
    expect(tarballs.map((t) => t.split('/').pop()).sort()).toEqual([
      'blockhost-chain-0.1.0.tgz',
      'blockhost-core-0.1.0.tgz',
      'blockhost-pam-verifier-0.1.0.tgz',
      'blockhost-proxmox-0.1.0.tgz',
      'blockhost-pve-sim-0.1.0.tgz',
    ]);
    for (const t of tarballs) {
      const files = run('tar', ['-tzf', t]).split('\n').filter(Boolean);
      expect(files, t).toContain('package/dist/index.js');
      expect(files, t).toContain('package/dist/index.d.ts');
      expect(files, t).toContain('package/README.md');
      expect(files, t).toContain('package/LICENSE');
      expect(
        files.filter((f) => f.startsWith('package/src/') || /\.test\.(js|ts)$/.test(f)),
        t,
      ).toEqual([]);
    }
  });

  it('a TypeScript consumer typechecks against the shipped types (strict, NodeNext)', () => {
    // skipLibCheck off: the shipped .d.ts files are checked too (viem's make it take a while).
    const out = run('npx', ['tsc', '-p', '.'], join(work, 'app'));
    expect(out).toBe('');
  }, 240_000);

  it('and runs: reconcile, decode an event, render user-data with the wallet login', () => {
    const result = JSON.parse(run('node', ['out/consumer.js'], join(work, 'app')));
    expect(result.actions).toEqual(['provision:1', 'suspend:2']);
    expect(result.decodedEvent).toEqual({ name: 'SubscriptionCreated', subscriptionId: '7' });
    expect(result.userData.cloudConfig).toBe(true);
    expect(result.userData.nodejs).toBe(true);
    // The login programs travel inside the user-data.
    expect(result.userData.bytes).toBeGreaterThan(100_000);
  });

  it('the packages’ commands run through npx', () => {
    const app = join(work, 'app');
    expect(run('npx', ['--no-install', 'blockhost-pve-sim', '--help'], app)).toContain(
      'usage: blockhost-pve-sim',
    );
    expect(run('npx', ['--no-install', 'blockhost-vm-login', '--help'], app)).toContain(
      'usage: blockhost-vm-login install',
    );
  });
});
