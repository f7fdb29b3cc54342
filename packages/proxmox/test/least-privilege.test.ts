import { createHash } from 'node:crypto';
import {
  AUDIT_PRIVILEGES,
  blockhostPrivileges,
  buildTemplate,
  checkTokenPrivileges,
  destroyVm,
  downloadUrl,
  getVmMetrics,
  guestFileWrite,
  nextFreeVmid,
  type PveClient,
  PvePermissionError,
  PveTaskError,
  placeVm,
  provisionVm,
  pveCall,
  resumeVm,
  setLoginWallet,
  setupAccess,
  snippetFilename,
  startVm,
  suspendVm,
  waitForTask,
} from '@blockhost/proxmox';
import { SDK_CALLS } from '@blockhost/proxmox/schema';
import { clientFor, type Env, provisionParams, startEnv } from '@blockhost/pve-fixtures';
import type { Result } from 'neverthrow';
import { describe, expect, it } from 'vitest';

const IMAGE_URL =
  'https://cloud.debian.org/images/cloud/trixie/latest/debian-13-genericcloud-amd64.qcow2';
const BAD_URL = 'https://cloud.debian.org/missing.qcow2';
const image = new TextEncoder().encode('qcow2 bytes');
const SETUP = {
  pool: 'blockhost',
  nodes: ['pve1'],
  storages: ['local-lvm'],
  importStorage: 'local',
  bridges: ['vmbr0'],
};

const ok = async <T, E>(r: PromiseLike<Result<T, E>>): Promise<T> => {
  const x = await r;
  if (x.isErr()) throw x.error;
  return x.value;
};

async function freshEnv(): Promise<Env> {
  return startEnv({
    template: undefined,
    shutdownTimeoutMs: 5,
    downloads: { [IMAGE_URL]: { data: image }, [BAD_URL]: { error: '404 Not Found' } },
  });
}

async function tokenClient(env: Env): Promise<{ client: PveClient; id: string }> {
  const r = (await setupAccess(env.root, SETUP))._unsafeUnwrap();
  return {
    client: clientFor(env.sim, { id: r.token.id, secret: r.token.secret! }),
    id: r.token.id,
  };
}

/**
 * Everything the daemon, CLI and wizard do with the token: build the
 * template, place, allocate, provision, use the guest agent, read metrics,
 * suspend/resume both ways, destroy. Throws the first unexpected error.
 */
async function fullFlow(env: Env, c: PveClient): Promise<void> {
  const ok = async <T, E>(r: PromiseLike<Result<T, E>>): Promise<T> => {
    const x = await r;
    if (x.isErr()) throw x.error;
    return x.value;
  };
  await ok(
    buildTemplate(c, {
      node: 'pve1',
      vmid: 9000,
      name: 'blockhost-debian-13',
      image: {
        url: IMAGE_URL,
        filename: 'debian-13.qcow2',
        checksum: { algorithm: 'sha256', value: createHash('sha256').update(image).digest('hex') },
      },
      storage: 'local-lvm',
      pool: 'blockhost',
      bridge: 'vmbr0',
      diskGiB: 4,
    }),
  );
  // A failing task: its log tail is read (the only way the SDK reads task logs).
  const failed = await downloadUrl(c, {
    node: 'pve1',
    storage: 'local',
    url: BAD_URL,
    filename: 'missing.qcow2',
    content: 'import',
  });
  if (!(failed.isErr() && failed.error instanceof PveTaskError))
    throw failed.isErr() ? failed.error : new Error('download should fail');
  const needs = { cores: 2, memoryMiB: 2048, diskGiB: 20, storage: 'local-lvm' };
  const { node } = await ok(placeVm(c, { nodes: ['pve1'], needs }));
  const vmid = await ok(nextFreeVmid(c, { range: { start: 20_000, end: 20_100 } }));
  const p = provisionParams(env, 1n, vmid, {
    node,
    template: { vmid: 9000, node: 'pve1' },
    pool: 'blockhost',
    agentTimeoutMs: 2000,
  });
  await ok(provisionVm(c, p));
  const loc = { node, vmid };
  await ok(
    setLoginWallet(c, {
      ...loc,
      user: 'user',
      wallet: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
      tokenId: 3n,
    }),
  );
  await ok(guestFileWrite(c, { ...loc, path: '/etc/blockhost/note', content: 'hi' }));
  await ok(getVmMetrics(c, loc));
  // An operator paused the VM by hand: start resumes it.
  await ok(
    pveCall(env.root, (api) => api.nodes.$(node).qemu.$(vmid).status.suspend.$post({})).andThen(
      (upid) => waitForTask(env.root, { node, upid }),
    ),
  );
  await ok(startVm(c, loc));
  await ok(suspendVm(c, { ...loc, shutdownTimeoutS: 1 }));
  await ok(resumeVm(c, loc));
  await ok(suspendVm(c, { ...loc, mode: 'hibernate' }));
  await ok(resumeVm(c, { ...loc, agentTimeoutMs: 2000 }));
  await ok(
    destroyVm(c, {
      vmid,
      expect: { deployment: p.deployment, subscriptionId: 1n },
      snippet: { store: env.snippets, filename: snippetFilename(`bh-31337-5fbdb231-1`) },
    }),
  );
}

describe('least-privilege access setup', () => {
  it('derives the role from the schema: exactly these privileges', () => {
    expect(blockhostPrivileges().privileges).toEqual([
      'Datastore.AllocateSpace',
      'Datastore.AllocateTemplate',
      'SDN.Use',
      'Sys.AccessNetwork',
      'Sys.Audit',
      'VM.Allocate',
      'VM.Audit',
      'VM.Clone',
      'VM.Config.CDROM',
      'VM.Config.CPU',
      'VM.Config.Disk',
      'VM.Config.HWType',
      'VM.Config.Memory',
      'VM.Config.Network',
      'VM.Config.Options',
      'VM.GuestAgent.Unrestricted',
      'VM.PowerMgmt',
    ]);
  });

  it('creates role, user, privilege-separated token and ACLs; a second run changes nothing', async () => {
    const env = await freshEnv();
    try {
      const first = (await setupAccess(env.root, SETUP))._unsafeUnwrap();
      expect(first.role.change).toBe('created');
      expect(first.user).toEqual({ id: 'blockhost@pve', change: 'created' });
      expect(first.token).toMatchObject({ id: 'blockhost@pve!blockhost', change: 'created' });
      expect(first.token.secret).toMatch(/^[0-9a-f-]{36}$/);
      // The role on the pool (its VMs and storages), the node and the bridge: nothing on /vms.
      expect(first.acls).toEqual([
        { path: '/nodes/pve1', change: 'created' },
        { path: '/pool/blockhost', change: 'created' },
        { path: '/sdn/zones/localnetwork/vmbr0', change: 'created' },
      ]);
      expect(first.pool).toEqual({ id: 'blockhost', change: 'created' });
      expect(env.sim.access.pools()).toEqual({
        blockhost: { vms: [], storage: ['local', 'local-lvm'] },
      });
      const snap = env.sim.snapshot().access;
      expect(snap.users['blockhost@pve']!.tokens.blockhost!.privsep).toBe(true);
      expect(snap.acl.filter((e) => e.roleid === 'BlockHost')).toHaveLength(6);
      env.sim.clearRequests();
      const second = (await setupAccess(env.root, SETUP))._unsafeUnwrap();
      expect(second.role.change).toBe('unchanged');
      expect(second.user.change).toBe('unchanged');
      expect(second.token).toEqual({
        id: 'blockhost@pve!blockhost',
        change: 'unchanged',
        secret: null,
      });
      expect(second.acls.every((a) => a.change === 'unchanged')).toBe(true);
      expect(second.pool.change).toBe('unchanged');
      expect(second.members.every((m) => m.change === 'unchanged')).toBe(true);
      expect(env.sim.requests().filter((q) => q.method !== 'GET')).toEqual([]);
      expect(env.sim.snapshot().access).toEqual(snap);
      // A role someone edited is put back to exactly the derived privileges.
      env.sim.access.createRole('BlockHost', ['VM.Audit', 'Sys.Modify']);
      expect((await setupAccess(env.root, SETUP))._unsafeUnwrap().role.change).toBe('updated');
      expect(env.sim.access.roles().BlockHost).toEqual(blockhostPrivileges().privileges);
    } finally {
      await env.close();
    }
  });

  it('the token runs the whole flow, making exactly the calls the role was derived from', async () => {
    const env = await freshEnv();
    try {
      const { client, id } = await tokenClient(env);
      const check = (await checkTokenPrivileges(client, SETUP))._unsafeUnwrap();
      expect(check).toEqual({ missing: [], extra: [], vms: [] });
      await fullFlow(env, client);
      const made = new Set(
        env.sim
          .requests()
          .filter((q) => q.authid === id)
          .map((q) => `${q.method} ${q.template}`),
      );
      made.delete('GET /access/permissions'); // checkTokenPrivileges, for `blockhost doctor`
      expect([...made].sort()).toEqual(
        [...new Set(SDK_CALLS.map((c) => `${c.verb} ${c.path}`))].sort(),
      );
      // Every call the SDK makes passes the schema check (no 400) and the token's privileges (no 403).
      expect(
        env.sim.requests().filter((q) => q.authid === id && (q.status === 400 || q.status === 403)),
      ).toEqual([]);
      await client.close();
    } finally {
      await env.close();
    }
  });

  it('the flow fails, naming the privilege, when any one privilege is removed from the role', async () => {
    const all = blockhostPrivileges().privileges;
    for (const removed of all) {
      const env = await freshEnv();
      try {
        const { client } = await tokenClient(env);
        env.sim.access.createRole(
          'BlockHost',
          all.filter((p) => p !== removed),
        );
        // The read-only role on /vms grants it too: take it away there as well.
        if (AUDIT_PRIVILEGES.includes(removed)) env.sim.access.createRole('BlockHostAudit', []);
        const check = (await checkTokenPrivileges(client, SETUP))._unsafeUnwrap();
        expect(check.missing.flatMap((m) => m.privileges)).toContain(removed);
        const error = await fullFlow(env, client).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, `flow succeeded without ${removed}`).toBeInstanceOf(PvePermissionError);
        expect(
          (error as PvePermissionError).privilege!.split('|'),
          `wrong privilege reported without ${removed}`,
        ).toContain(removed);
        await client.close();
      } finally {
        await env.close();
      }
    }
  }, 120_000);
});

describe('an existing deployment from before pools', () => {
  /** What setupAccess made before: the role on /vms (every VM) and on each storage. */
  async function legacyDeployment(env: Env) {
    env.sim.access.createUser('blockhost@pve');
    const token = env.sim.access.createToken('blockhost@pve', 'blockhost', { privsep: true });
    env.sim.access.grant(token.id, 'BlockHost', blockhostPrivileges().privileges, [
      '/vms',
      '/nodes/pve1',
      '/storage/local-lvm',
      '/storage/local',
      '/sdn/zones/localnetwork/vmbr0',
    ]);
    // A customer's VM it made then (tagged `blockhost`), and a VM of the operator's.
    await provisionVm(env.root, provisionParams(env, 1n, 10_001));
    await provisionVm(env.root, {
      ...provisionParams(env, 2n, 10_002),
      deployment: { chainId: 1, contract: '0x1111111111111111111111111111111111111111' },
    });
    env.sim.access.pool('ops', { vms: [10_002] });
    return token;
  }

  it('is told which VMs are outside the pool and keeps its /vms grant until they are adopted', async () => {
    const env = await startEnv({ shutdownTimeoutMs: 5 });
    try {
      const legacy = await legacyDeployment(env);
      const first = (await setupAccess(env.root, { ...SETUP, templateVmid: 9000 }))._unsafeUnwrap();
      expect(first.pool.change).toBe('created');
      expect(first.members).toEqual([
        { type: 'storage', id: 'local', change: 'created' },
        { type: 'storage', id: 'local-lvm', change: 'created' },
        { type: 'qemu', id: '9000', change: 'created' },
      ]);
      // 10001 is BlockHost's (its tag) and in no pool; 10002 is in the operator's pool 'ops'.
      expect(first.outside).toEqual([
        expect.objectContaining({ vmid: 10_001, pool: undefined }),
        expect.objectContaining({ vmid: 10_002, pool: 'ops' }),
      ]);
      expect(first.acls).toContainEqual({ path: '/vms', change: 'unchanged' });
      const token = clientFor(env.sim, legacy);
      const check = (await checkTokenPrivileges(token, SETUP))._unsafeUnwrap();
      expect(check.missing).toEqual([]);
      expect(check.extra.map((x) => x.path)).toContain('/vms');

      // Adopting: only what is in no pool moves; the operator's pool keeps its VM.
      const adopt = (
        await setupAccess(env.root, { ...SETUP, templateVmid: 9000, adoptVms: true })
      )._unsafeUnwrap();
      expect(adopt.members).toContainEqual({ type: 'qemu', id: '10001', change: 'created' });
      expect(adopt.outside.map((v) => v.vmid)).toEqual([10_002]);
      expect(adopt.acls).toContainEqual({ path: '/vms', change: 'unchanged' });
      expect(env.sim.access.pools()).toEqual({
        blockhost: { vms: [9000, 10_001], storage: ['local', 'local-lvm'] },
        ops: { vms: [10_002], storage: [] },
      });

      // Once the operator has taken theirs out of BlockHost's sight, the /vms grant goes.
      await ok(
        pveCall(env.root, (api) => api.pools.$put({ poolid: 'ops', vms: '10002', delete: true })),
      );
      await ok(
        pveCall(env.root, (api) =>
          api.nodes.$('pve1').qemu.$(10_002).config.$put({ tags: 'other' }),
        ),
      );
      const done = (
        await setupAccess(env.root, { ...SETUP, templateVmid: 9000, adoptVms: true })
      )._unsafeUnwrap();
      expect(done.outside).toEqual([]);
      expect(done.acls).toContainEqual({ path: '/vms', change: 'removed' });
      // Only read access stays on the operator's VM (the audit role: its addresses are avoided).
      expect(env.sim.access.privileges(legacy.id, '/vms/10002')).toEqual([...AUDIT_PRIVILEGES]);
      expect(env.sim.access.privileges(legacy.id, '/vms/10001')).toContain('VM.PowerMgmt');
      expect((await checkTokenPrivileges(token, SETUP))._unsafeUnwrap().extra).toEqual([]);
      env.sim.clearRequests();
      const again = (
        await setupAccess(env.root, { ...SETUP, templateVmid: 9000, adoptVms: true })
      )._unsafeUnwrap();
      expect(again.acls.every((a) => a.change === 'unchanged')).toBe(true);
      expect(env.sim.requests().filter((q) => q.method !== 'GET')).toEqual([]);
      await token.close();
    } finally {
      await env.close();
    }
  });

  it('refuses, changing nothing, a template that sits in another pool', async () => {
    const env = await startEnv({ shutdownTimeoutMs: 5 });
    try {
      env.sim.access.pool('templates', { vms: [9000] });
      env.sim.clearRequests();
      const r = await setupAccess(env.root, { ...SETUP, templateVmid: 9000 });
      expect(r._unsafeUnwrapErr().message).toMatch(
        /template 9000 is in pool 'templates', but BlockHost's token reaches only pool 'blockhost'/,
      );
      expect(r._unsafeUnwrapErr().hint).toContain('--allow-move 1');
      expect(env.sim.requests().filter((q) => q.method !== 'GET')).toEqual([]);
    } finally {
      await env.close();
    }
  });
});
