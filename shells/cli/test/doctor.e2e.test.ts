/**
 * `blockhost doctor` on a healthy host, then with one fault introduced at a
 * time: each must be found, named, and come with what to do.
 */

import type { Daemon } from '@blockhost/devstack';
import {
  type DevStack,
  freePort,
  settledRunning,
  startDevStack,
  startStackDaemon,
  waitFor,
} from '@blockhost/devstack';
import { createDefaultPorts, recordRefusal } from '@blockhost/host';
import { createPveClient, pveCall } from '@blockhost/proxmox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, type Json, removeTempDirs, variantConfig } from './helpers.js';

interface Check {
  id: string;
  status: 'ok' | 'warn' | 'fail' | 'skip';
  summary: string;
  hint: string | null;
}
interface Report {
  ok: boolean;
  problems: number;
  warnings: number;
  checks: Check[];
}

let stack: DevStack;
let daemon: Daemon;
let vm: { vmid: number; ipv4: string };
let closedPort: number;

const doctor = async (configDir = stack.configDir) => {
  const r = await cli(['doctor', '--json', '--config-dir', configDir], {
    ports: createDefaultPorts,
  });
  const report = r.json<Report>();
  const check = (id: string) => {
    const c = report.checks.find((x) => x.id === id);
    if (!c) throw new Error(`no check ${id} in ${JSON.stringify(report.checks)}`);
    return c;
  };
  return { code: r.code, report, check };
};

beforeAll(async () => {
  stack = await startDevStack({
    listen: `127.0.0.1:${await freePort()}`,
    blockhost: 'daemon: { reconcile_interval_ms: 200, retry_base_ms: 50 }',
  });
  daemon = await startStackDaemon(stack);
  const customer = await stack.customer(3);
  const { subscriptionId } = await customer.buy(stack.planId, 30);
  const row = await waitFor('the VM to run', () => settledRunning(daemon.db, subscriptionId));
  vm = { vmid: row.vmid!, ipv4: row.ipv4! };
  closedPort = await freePort();
}, 90_000);

afterAll(async () => {
  await daemon?.stop();
  await stack?.stop();
  removeTempDirs();
});

describe('blockhost doctor on a healthy host', () => {
  it('passes every check, exit 0, in a stable JSON shape', async () => {
    const { code, report } = await doctor();
    expect(report.checks.filter((c) => c.status !== 'ok')).toEqual([]);
    expect(code).toBe(0);
    expect(report).toMatchObject({ ok: true, problems: 0, warnings: 0 });
    expect(report.checks.map((c) => c.id)).toEqual([
      'config',
      'rpc',
      'contracts',
      'roles',
      'gas',
      'clock',
      'proxmox',
      'token',
      'template',
      'storage',
      'bridge',
      'snippets',
      'vm-login',
      'vmids',
      'pool',
      'ipv4',
      'ipv6',
      'database',
      'disk',
      'daemon',
      'attention',
      'refusals',
      'recovery',
    ]);
    for (const c of report.checks)
      expect(Object.keys(c)).toEqual(['id', 'status', 'summary', 'hint']);
  });

  it('prints one line per check with ✔ and a summary', async () => {
    const r = await cli(['doctor', '--config-dir', stack.configDir], { ports: createDefaultPorts });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('✔ '))).toHaveLength(23);
    expect(r.stdout).toMatch(/✔ rpc\s+chain 31337 at http:\/\/127\.0\.0\.1:\d+ \(block \d+\)/);
    expect(r.stdout).toMatch(
      /✔ token\s+blockhost@pve!blockhost holds exactly the privileges BlockHost needs, on pool 'blockhost' only/,
    );
    expect(r.stdout).toMatch(/✔ pool\s+1 VM of the journal, all in pool 'blockhost'/);
    expect(r.stdout).toMatch(/✔ template\s+template 9000 \(blockhost-template\) on pve1/);
    expect(r.stdout).toMatch(
      /✔ ipv4\s+240 of 241 IPv4 addresses free in ipv4_pool 10\.77\.0\.10–10\.77\.0\.250/,
    );
    expect(lines.at(-1)).toBe('all checks passed');
  });
});

describe('blockhost doctor: the VM login programs', () => {
  it('names a missing vm.login_bundle_dir and what to do', async () => {
    const dir = variantConfig(stack.configDir, {
      blockhost: (doc) => doc.setIn(['vm', 'login_bundle_dir'], '/nonexistent/vm-login'),
    });
    const { code, report } = await doctor(dir);
    expect(code).toBe(1);
    const c = report.checks.find((x) => x.id === 'vm-login')!;
    expect(c.status).toBe('fail');
    expect(c.summary).toContain('/nonexistent/vm-login');
    expect(c.hint).toMatch(/dist\/bin/);
  });
});

describe('blockhost doctor finds each fault', () => {
  it('the RPC serves another chain than chain_id says', async () => {
    const { code, check } = await doctor(
      variantConfig(stack.configDir, { web3: (d) => d.set('chain_id', 1) }),
    );
    expect(code).toBe(1);
    expect(check('rpc')).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(
        /^http:\/\/127\.0\.0\.1:\d+ serves chain 31337, web3-defaults\.yaml says chain_id 1$/,
      ),
      hint: expect.stringContaining('fix chain_id or rpc_url'),
    });
    expect(check('contracts').status).toBe('skip');
  });

  it('the token lacks a privilege (named, with the path)', async () => {
    const full = stack.sim.access.roles().BlockHost!;
    stack.sim.access.createRole(
      'BlockHost',
      full.filter((p) => p !== 'VM.Clone'),
    );
    try {
      const { code, check } = await doctor();
      expect(code).toBe(1);
      expect(check('token')).toEqual({
        id: 'token',
        status: 'fail',
        summary:
          'blockhost@pve!blockhost lacks VM.Clone on /nodes/pve1, /pool/blockhost, /sdn/zones/localnetwork/vmbr0, /storage/local, /storage/local-lvm',
        hint: 'run `blockhost pve setup-token` with an admin token to repair the role and ACLs',
      });
    } finally {
      stack.sim.access.createRole('BlockHost', full);
    }
    expect((await doctor()).check('token').status).toBe('ok');
  });

  it('the template VM is missing', async () => {
    const dir = variantConfig(stack.configDir, {
      blockhost: (d) => d.setIn(['proxmox', 'template_vmid'], 9100),
    });
    const { code, check } = await doctor(dir);
    expect(code).toBe(1);
    expect(check('template')).toMatchObject({
      status: 'fail',
      summary: 'template VM 9100 (proxmox.template_vmid) not found in the cluster',
      hint: expect.stringContaining('run `blockhost template build`'),
    });
  });

  it('a VM that is not a template at template_vmid', async () => {
    const dir = variantConfig(stack.configDir, {
      blockhost: (d) => d.setIn(['proxmox', 'template_vmid'], vm.vmid),
    });
    expect((await doctor(dir)).check('template')).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(
        new RegExp(`^VM ${vm.vmid} \\(.+\\) on pve1 is not a template$`),
      ),
    });
  });

  it('a decision refused in the last 24 hours is a warning that names it; older ones are not', async () => {
    const db = daemon.db;
    const hour = 60 * 60 * 1000;
    recordRefusal(db, {
      at: Date.now() - 25 * hour,
      reason: 'clock-skew',
      subscriptionId: null,
      detail: 'long ago',
    });
    expect((await doctor()).check('refusals').status).toBe('ok');
    recordRefusal(db, {
      at: Date.now() - hour,
      reason: 'owner-mismatch',
      subscriptionId: '7',
      detail: 'token 3 to 0xabc not confirmed by 1 of 3 RPCs (2 needed)',
    });
    try {
      const { code, check } = await doctor();
      expect(code).toBe(0); // a warning: the refusal kept the customer's VM as it was
      expect(check('refusals')).toMatchObject({
        status: 'warn',
        summary:
          '1 decision refused in the last 24 hours: 1× an NFT transfer the RPCs did not confirm; newest (subscription 7): token 3 to 0xabc not confirmed by 1 of 3 RPCs (2 needed)',
        hint: expect.stringContaining('compare your RPCs'),
      });
    } finally {
      db.prepare('DELETE FROM refusals').run();
    }
  });

  it('the IPv4 pool is exhausted by the journal’s allocations', async () => {
    const dir = variantConfig(stack.configDir, {
      db: (d) => d.setIn(['ipv4_pool', 'range'], { start: vm.ipv4, end: vm.ipv4 }),
    });
    const { code, check } = await doctor(dir);
    expect(code).toBe(1);
    expect(check('ipv4')).toMatchObject({
      status: 'fail',
      summary: `IPv4 addresses exhausted: 0 of 1 IPv4 addresses free in ipv4_pool ${vm.ipv4}–${vm.ipv4}`,
      hint: expect.stringContaining('widen ipv4_pool.range in db.yaml'),
    });
  });

  it('the VMID range is used up (journal and cluster)', async () => {
    const dir = variantConfig(stack.configDir, {
      db: (d) => d.set('vmid_range', { start: vm.vmid, end: vm.vmid + 2 }),
    });
    const a = (await doctor(dir)).check('vmids');
    expect(a.status).toBe('warn');
    expect(a.summary).toBe(
      `VMIDs running low: 2 of 3 VMIDs free in vmid_range ${vm.vmid}–${vm.vmid + 2}`,
    );
    const full = variantConfig(stack.configDir, {
      db: (d) => d.set('vmid_range', { start: vm.vmid, end: vm.vmid }),
    });
    expect((await doctor(full)).check('vmids').status).toBe('fail');
  });

  it('the storage or the bridge does not exist on the node', async () => {
    const storage = await doctor(
      variantConfig(stack.configDir, {
        blockhost: (d) => d.setIn(['proxmox', 'storage'], 'fast-ssd'),
      }),
    );
    expect(storage.code).toBe(1);
    expect(storage.check('storage')).toMatchObject({
      status: 'fail',
      summary: 'storage fast-ssd not found on pve1 (or the token may not see it)',
    });
    const bridge = await doctor(
      variantConfig(stack.configDir, { blockhost: (d) => d.setIn(['proxmox', 'bridge'], 'vmbr9') }),
    );
    expect(bridge.check('bridge')).toMatchObject({
      status: 'fail',
      summary: 'bridge vmbr9 not found on pve1 (bridges there: vmbr0)',
      hint: 'set proxmox.bridge in blockhost.yaml to a bridge that exists on every node',
    });
  });

  it('the server key does not hold its on-chain roles', async () => {
    const other = stack.anvil.accounts[5]!;
    const { code, check } = await doctor(
      variantConfig(stack.configDir, { serverKey: other.privateKey }),
    );
    expect(code).toBe(1);
    expect(check('roles')).toMatchObject({
      status: 'fail',
      summary: `server key ${other.address} lacks OPERATOR_ROLE on subscriptions ${stack.contracts.subscriptions} and MINTER_ROLE on the NFT ${stack.contracts.nft}`,
    });
    expect(check('contracts').status).toBe('ok');
  });

  it('Proxmox is unreachable: named, and the checks that need it are skipped', async () => {
    const dir = variantConfig(stack.configDir, {
      blockhost: (d) => d.setIn(['proxmox', 'api_url'], `https://127.0.0.1:${closedPort}`),
    });
    const { code, report, check } = await doctor(dir);
    expect(code).toBe(1);
    expect(check('proxmox')).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(
        new RegExp(`^https://127\\.0\\.0\\.1:${closedPort}: .*no answer from the Proxmox API`),
      ),
      hint: 'check proxmox.api_url and that pveproxy runs on the host',
    });
    for (const id of ['token', 'template', 'storage', 'bridge'])
      expect(check(id).status).toBe('skip');
    expect(check('vmids').summary).toContain('journal only: Proxmox not asked');
    expect(report.problems).toBe(1);
  });

  it('a wrong token secret is told apart from an unreachable host', async () => {
    const { check } = await doctor(
      variantConfig(stack.configDir, {
        blockhost: (d) => d.setIn(['proxmox', 'token_id'], 'blockhost@pve!nosuchtoken'),
      }),
    );
    expect(check('proxmox')).toMatchObject({
      status: 'fail',
      summary: expect.stringContaining('authentication failed'),
      hint: expect.stringContaining('blockhost pve setup-token'),
    });
  });

  it('the RPC is down: named, and the chain checks are skipped', async () => {
    const dir = variantConfig(stack.configDir, {
      web3: (d) => d.set('rpc_url', `http://127.0.0.1:${closedPort}`),
    });
    const { code, check } = await doctor(dir);
    expect(code).toBe(1);
    expect(check('rpc')).toMatchObject({
      status: 'fail',
      summary: expect.stringMatching(
        new RegExp(`^http://127\\.0\\.0\\.1:${closedPort} unreachable \\(`),
      ),
    });
    for (const id of ['contracts', 'roles', 'gas', 'clock']) expect(check(id).status).toBe('skip');
    expect(check('proxmox').status).toBe('ok');
  });

  it('one dead fallback RPC among good ones is a warning, not a failure (its key masked)', async () => {
    const dead = `http://127.0.0.1:${closedPort}/v3/0123SecretProviderKey`;
    const dir = variantConfig(stack.configDir, {
      web3: (d) => d.set('rpc_url', [stack.anvil.rpcUrl, dead]),
    });
    const { code, check, report } = await doctor(dir);
    expect(code).toBe(0);
    expect(check('rpc').status).toBe('warn');
    expect(check('rpc').summary).toContain(`http://127.0.0.1:${closedPort}/*** unreachable`);
    expect(JSON.stringify(report)).not.toContain('0123SecretProviderKey');
  });

  it("a VM of the journal outside BlockHost's pool: the token can not manage it", async () => {
    const admin = createPveClient({
      url: stack.sim.url,
      tokenId: stack.sim.rootToken.id,
      tokenSecret: stack.sim.rootToken.secret,
      fingerprint: stack.sim.tls!.fingerprint256,
    })._unsafeUnwrap();
    const pool = (vms: string, remove: boolean) =>
      pveCall(admin, (api) =>
        api.pools.$put({ poolid: 'blockhost', vms, ...(remove ? { delete: true } : {}) }),
      );
    (await pool(String(vm.vmid), true))._unsafeUnwrap();
    try {
      const { code, check } = await doctor();
      expect(code).toBe(1);
      expect(check('pool')).toMatchObject({
        status: 'fail',
        summary: `VM ${vm.vmid} of the journal is outside pool 'blockhost': the token can not manage it`,
        hint: expect.stringContaining('blockhost pve setup-token --adopt-vms'),
      });
    } finally {
      (await pool(String(vm.vmid), false))._unsafeUnwrap();
      await admin.close();
    }
    expect((await doctor()).check('pool').status).toBe('ok');
  });

  it('no journal yet is a warning; pools are counted from the config alone', async () => {
    const dir = variantConfig(stack.configDir, {
      db: (d) => d.set('database_path', `${stack.dir}/fresh/blockhost.db`),
    });
    const { code, check } = await doctor(dir);
    expect(code).toBe(0);
    expect(check('database')).toMatchObject({
      status: 'warn',
      summary: `no journal at ${stack.dir}/fresh/blockhost.db yet`,
    });
    expect(check('ipv4').summary).toContain('241 of 241');
    expect(check('attention').status).toBe('skip');
  });

  it('an invalid configuration is exit 2 with every problem, as JSON too', async () => {
    const dir = variantConfig(stack.configDir, {
      db: (d) => d.set('grace_days', 0),
      blockhost: (d) => d.setIn(['proxmox', 'nodes'], []),
    });
    const r = await cli(['doctor', '--json', '--config-dir', dir]);
    expect(r.code).toBe(2);
    const j = r.json<Json>();
    expect(j.ok).toBe(false);
    expect(j.checks[0]).toMatchObject({ id: 'config', status: 'fail' });
    expect(j.checks[0].summary).toMatch(
      /db\.yaml:\d+: grace_days: .*; .*blockhost\.yaml:\d+: proxmox\.nodes: /,
    );
  });

  it('human output marks the failure with ✖ and says what to do', async () => {
    const dir = variantConfig(stack.configDir, {
      blockhost: (d) => d.setIn(['proxmox', 'template_vmid'], 9100),
    });
    const r = await cli(['doctor', '--config-dir', dir], { ports: createDefaultPorts });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /✖ template\s+template VM 9100 \(proxmox\.template_vmid\) not found in the cluster\n\s+→ run `blockhost template build`/,
    );
    expect(r.stdout.trim().split('\n').at(-1)).toBe('1 problem');
  });
});
