import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pveSchema } from '@blockhost/proxmox/schema';
import { type Env, raw, startEnv } from '@blockhost/pve-fixtures';
import { SIMULATED_METHODS, startPveSimulator } from '@blockhost/pve-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const enc = encodeURIComponent;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitTask(env: Env, upid: string): Promise<{ status: string; exitstatus?: string }> {
  for (let i = 0; i < 500; i++) {
    const r = await raw(env.sim, 'GET', `/nodes/pve1/tasks/${enc(upid)}/status`);
    const s = r.body.data as { status: string; exitstatus?: string };
    if (s.status === 'stopped') return s;
    await sleep(5);
  }
  throw new Error('task did not stop');
}

describe('simulator: the API surface', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv({ lockTimeoutMs: 200 });
  });
  afterAll(() => env.close());

  it('implements only methods that exist in the PVE 9.2.3 schema', () => {
    const schema = pveSchema();
    expect(SIMULATED_METHODS.length).toBeGreaterThan(50);
    for (const key of SIMULATED_METHODS) {
      const [verb, path] = key.split(' ') as ['GET', string];
      expect(schema.paths[path]?.[verb], key).toBeDefined();
    }
  });

  it("answers an unknown parameter with PVE's 400 shape", async () => {
    const r = await raw(env.sim, 'PUT', '/nodes/pve1/qemu/9000/config', { form: { coers: '4' } });
    expect(r.status).toBe(400);
    expect(r.statusText).toBe('Parameter verification failed.');
    expect(r.body).toEqual({
      data: null,
      errors: {
        coers:
          'property is not defined in schema and the schema does not allow additional properties',
      },
      message: 'Parameter verification failed.\n',
    });
  });

  it('checks JSON bodies as strictly as form bodies', async () => {
    const r = await raw(env.sim, 'PUT', '/nodes/pve1/qemu/9000/config', { json: { cores: 'two' } });
    expect(r.status).toBe(400);
    expect(r.body.errors).toEqual({ cores: "type check ('integer') failed - got 'two'" });
  });

  it('needs a valid token', async () => {
    expect((await raw(env.sim, 'GET', '/version', { token: null })).status).toBe(401);
    const bad = await raw(env.sim, 'GET', '/version', {
      token: { id: 'root@pam!bootstrap', secret: '00000000-0000-0000-0000-000000000000' },
    });
    expect(bad.status).toBe(401);
    expect((await raw(env.sim, 'GET', '/version')).body.data).toMatchObject({ version: '9.2.3' });
  });

  it('answers 501 for paths outside the schema and for schema methods it does not simulate', async () => {
    const unknown = await raw(env.sim, 'GET', '/nodes/pve1/bogus');
    expect(unknown.status).toBe(501);
    expect(unknown.statusText).toBe("Method 'GET /api2/json/nodes/pve1/bogus' not implemented");
    const ceph = await raw(env.sim, 'GET', '/nodes/pve1/ceph/osd');
    expect(ceph.status).toBe(501);
    expect(ceph.statusText).toMatch(
      /in the PVE 9.2.3 schema but not implemented by blockhost-pve-sim/,
    );
  });

  it('answers 403 naming the missing privilege and path, like PVE', async () => {
    env.sim.access.createUser('viewer@pve');
    const token = env.sim.access.createToken('viewer@pve', 'ro');
    env.sim.access.grant(token.id, 'ViewOnly', ['VM.Audit'], ['/vms']);
    const ok = await raw(env.sim, 'GET', '/nodes/pve1/qemu/9000/config', { token });
    expect(ok.status).toBe(200);
    const denied = await raw(env.sim, 'POST', '/nodes/pve1/qemu/9000/clone', {
      token,
      form: { newid: '150' },
    });
    expect(denied.status).toBe(403);
    expect(denied.statusText).toBe('Permission check failed (/vms/9000, VM.Clone)');
    // A per-key config check beyond the schema's "any VM.Config.*": cores needs VM.Config.CPU.
    env.sim.access.grant(token.id, 'Opts', ['VM.Audit', 'VM.Config.Options'], ['/vms']);
    const cpu = await raw(env.sim, 'PUT', '/nodes/pve1/qemu/9000/config', {
      token,
      form: { cores: '4' },
    });
    expect(cpu.statusText).toBe('Permission check failed (/vms/9000, VM.Config.CPU)');
    const lock = await raw(env.sim, 'PUT', '/nodes/pve1/qemu/9000/config', {
      token,
      form: { args: '-foo' },
    });
    expect(lock.statusText).toBe('Permission check failed (user != root@pam)');
  });

  it('runs tasks with PVE-format UPIDs, status and log', async () => {
    const r = await raw(env.sim, 'POST', '/nodes/pve1/qemu/9000/clone', {
      form: { newid: '120', name: 'c120', full: '1' },
    });
    const upid = r.body.data as string;
    expect(upid).toMatch(
      /^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmclone:9000:root@pam!bootstrap:$/,
    );
    expect(await waitTask(env, upid)).toMatchObject({ status: 'stopped', exitstatus: 'OK' });
    const log = await raw(env.sim, 'GET', `/nodes/pve1/tasks/${enc(upid)}/log`);
    expect((log.body.data as Array<{ n: number; t: string }>).at(-1)).toEqual({
      n: 3,
      t: 'TASK OK',
    });
    const vm = env.sim.vm(120)!;
    expect(vm.config.name).toBe('c120');
    expect(vm.config.scsi0).toMatch(/^local-lvm:vm-120-disk-0,discard=on,iothread=1,size=3G$/);
    expect(vm.config.ide2).toBe('local-lvm:vm-120-cloudinit,media=cdrom');
    expect(vm.config.net0).not.toBe(env.sim.vm(9000)!.config.net0);
    expect(
      env.sim
        .volumes({ vmid: 120 })
        .map((v) => v.volid)
        .sort(),
    ).toEqual(['local-lvm:vm-120-cloudinit', 'local-lvm:vm-120-disk-0']);
  });

  it('answers a lock timeout under contention, for sync calls (500) and tasks (exit status)', async () => {
    const release = await env.sim.faults.holdLock(120);
    const sync = await raw(env.sim, 'PUT', '/nodes/pve1/qemu/120/config', { form: { cores: '3' } });
    expect(sync.status).toBe(500);
    expect(sync.statusText).toBe(
      "can't lock file '/var/lock/qemu-server/lock-120.conf' - got timeout",
    );
    const upid = (await raw(env.sim, 'POST', '/nodes/pve1/qemu/120/status/start', { form: {} }))
      .body.data as string;
    expect(await waitTask(env, upid)).toMatchObject({
      exitstatus: "can't lock file '/var/lock/qemu-server/lock-120.conf' - got timeout",
    });
    release();
    expect(
      (await raw(env.sim, 'PUT', '/nodes/pve1/qemu/120/config', { form: { cores: '3' } })).status,
    ).toBe(200);
  }, 15_000);

  it('reflects allocations in /cluster/resources and node status', async () => {
    const before = (await raw(env.sim, 'GET', '/nodes/pve1/status')).body.data as {
      memory: { used: number };
    };
    const upid = (await raw(env.sim, 'POST', '/nodes/pve1/qemu/120/status/start', { form: {} }))
      .body.data as string;
    expect(await waitTask(env, upid)).toMatchObject({ exitstatus: 'OK' });
    const after = (await raw(env.sim, 'GET', '/nodes/pve1/status')).body.data as {
      memory: { used: number };
    };
    expect(after.memory.used - before.memory.used).toBe(2048 * 1024 ** 2);
    const res = (await raw(env.sim, 'GET', '/cluster/resources')).body.data as Array<
      Record<string, unknown>
    >;
    expect(res.find((r) => r.id === 'qemu/120')).toMatchObject({
      status: 'running',
      maxmem: 2048 * 1024 ** 2,
      node: 'pve1',
    });
    const lvm = res.find((r) => r.id === 'storage/pve1/local-lvm')!;
    expect(lvm.disk).toBe(
      env.sim.volumes({ storage: 'local-lvm' }).reduce((s, v) => s + v.size, 0),
    );
    const stop = (await raw(env.sim, 'POST', '/nodes/pve1/qemu/120/status/stop', { form: {} })).body
      .data as string;
    await waitTask(env, stop);
  });
});

describe('simulator: cloud-init and the guest agent', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv({ bootMs: 150 });
  });
  afterAll(() => env.close());

  it('refuses to start a VM whose cicustom snippet is missing', async () => {
    await raw(env.sim, 'POST', '/nodes/pve1/qemu/9000/clone', {
      form: { newid: '200', name: 'g200' },
    }).then((r) => waitTask(env, r.body.data as string));
    await raw(env.sim, 'PUT', '/nodes/pve1/qemu/200/config', {
      form: { cicustom: 'user=local:snippets/g200.yaml' },
    });
    const upid = (await raw(env.sim, 'POST', '/nodes/pve1/qemu/200/status/start', { form: {} }))
      .body.data as string;
    expect(await waitTask(env, upid)).toMatchObject({
      exitstatus: "volume 'local:snippets/g200.yaml' does not exist",
    });
    expect(env.sim.vm(200)!.status).toBe('stopped');
  });

  it('feeds the user-data to the guest, and the agent answers only after boot', async () => {
    writeFileSync(
      join(env.sim.snippetsDir('pve1'), 'g200.yaml'),
      '#cloud-config\nhostname: g200\nusers:\n  - name: user\n    gecos: wallet=0xabc\n    sudo: ALL=(ALL) NOPASSWD:ALL\n',
    );
    const upid = (await raw(env.sim, 'POST', '/nodes/pve1/qemu/200/status/start', { form: {} }))
      .body.data as string;
    expect(await waitTask(env, upid)).toMatchObject({ exitstatus: 'OK' });
    const early = await raw(env.sim, 'POST', '/nodes/pve1/qemu/200/agent/ping', { form: {} });
    expect(early.status).toBe(500);
    expect(early.statusText).toBe('QEMU guest agent is not running');
    await sleep(200);
    expect(
      (await raw(env.sim, 'POST', '/nodes/pve1/qemu/200/agent/ping', { form: {} })).status,
    ).toBe(200);
    expect(env.sim.vm(200)!.guest.users.user).toMatchObject({
      gecos: 'wallet=0xabc',
      sudo: 'ALL=(ALL) NOPASSWD:ALL',
    });
    expect(env.sim.vm(200)!.guest.hostname).toBe('g200');
  });

  it('runs usermod and getent against the guest and records every exec and file write', async () => {
    const exec = async (command: string[]) => {
      const form = new URLSearchParams();
      for (const c of command) form.append('command', c);
      const res = await fetch(`${env.sim.url}/api2/json/nodes/pve1/qemu/200/agent/exec`, {
        method: 'POST',
        headers: {
          Authorization: `PVEAPIToken=${env.sim.rootToken.id}=${env.sim.rootToken.secret}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: form.toString(),
      });
      const { pid } = ((await res.json()) as { data: { pid: number } }).data;
      return (await raw(env.sim, 'GET', `/nodes/pve1/qemu/200/agent/exec-status?pid=${pid}`)).body
        .data as Record<string, unknown>;
    };
    expect(await exec(['usermod', '-c', 'wallet=0xdef,nft=2', 'user'])).toEqual({
      exited: 1,
      exitcode: 0,
    });
    expect(await exec(['getent', 'passwd', 'user'])).toMatchObject({
      exitcode: 0,
      'out-data': 'user:x:1000:1000:wallet=0xdef,nft=2:/home/user:/bin/sh\n',
    });
    expect(await exec(['usermod', '-c', 'x', 'nobody'])).toMatchObject({
      exitcode: 6,
      'err-data': "usermod: user 'nobody' does not exist\n",
    });
    expect(await exec(['rm', '-rf', '/'])).toMatchObject({ exitcode: 127 });
    const fw = await raw(env.sim, 'POST', '/nodes/pve1/qemu/200/agent/file-write', {
      form: { file: '/etc/motd', content: 'hello' },
    });
    expect(fw.status).toBe(200);
    const log = env.sim.agentLog(200);
    expect(log.execs.map((e) => [e.command[0], e.exitcode, e.simulated])).toEqual([
      ['usermod', 0, true],
      ['getent', 0, true],
      ['usermod', 6, true],
      ['rm', 127, false],
    ]);
    expect(log.fileWrites).toEqual([
      expect.objectContaining({
        file: '/etc/motd',
        contentBase64: Buffer.from('hello').toString('base64'),
      }),
    ]);
  });
});

describe('simulator: faults, persistence, HTTPS', () => {
  it('injects the same failures for the same seed', async () => {
    const run = async () => {
      const sim = await startPveSimulator({ seed: 42 });
      sim.faults.errorRate({ rate: 0.3, statuses: [500, 595, 503] });
      const seen: number[] = [];
      for (let i = 0; i < 40; i++) seen.push((await raw(sim, 'GET', '/version')).status);
      await sim.close();
      return seen;
    };
    const a = await run();
    const b = await run();
    expect(a).toEqual(b);
    expect(new Set(a)).toEqual(new Set([200, 500, 595, 503]));
  });

  it('fails the next N tasks and adds latency', async () => {
    const sim = await startPveSimulator({ template: { vmid: 9000 } });
    sim.faults.failNextTasks(1, { type: 'qmclone', message: 'disk full' });
    const upid = (await raw(sim, 'POST', '/nodes/pve1/qemu/9000/clone', { form: { newid: '300' } }))
      .body.data as string;
    for (let i = 0; i < 100 && sim.tasks({ type: 'qmclone' })[0]?.status !== 'stopped'; i++)
      await sleep(5);
    expect(sim.tasks({ type: 'qmclone' })[0]).toMatchObject({ upid, exitstatus: 'disk full' });
    expect(sim.vm(300)).toBeUndefined();
    sim.faults.latency({ minMs: 5, maxMs: 40 });
    sim.clearRequests();
    for (let i = 0; i < 5; i++) await raw(sim, 'GET', '/version');
    const delays = sim.requests().map((r) => r.delayedMs!);
    expect(delays).toHaveLength(5);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(5);
    for (const d of delays) expect(d).toBeLessThanOrEqual(40);
    expect(new Set(delays).size).toBeGreaterThan(1);
    await sim.close();
  });

  it('fails a seeded share of tasks of the chosen types', async () => {
    const outcomes = async () => {
      const sim = await startPveSimulator({ template: { vmid: 9000 }, seed: 7 });
      sim.faults.taskFailureRate({ rate: 0.5, types: ['qmclone'], message: 'flaky storage' });
      for (let i = 0; i < 20; i++) {
        await raw(sim, 'POST', '/nodes/pve1/qemu/9000/clone', { form: { newid: String(300 + i) } });
      }
      for (
        let i = 0;
        i < 200 && sim.tasks({ type: 'qmclone' }).some((t) => t.status !== 'stopped');
        i++
      )
        await sleep(5);
      const r = sim.tasks({ type: 'qmclone' }).map((t) => t.exitstatus);
      await sim.close();
      return r;
    };
    const a = await outcomes();
    expect(a).toHaveLength(20);
    const failed = a.filter((x) => x === 'flaky storage').length;
    expect(failed).toBeGreaterThan(3);
    expect(failed).toBeLessThan(17);
    expect(a.filter((x) => x === 'OK').length).toBe(20 - failed);
    expect(await outcomes()).toEqual(a); // same seed, same failures
  });

  it('keeps VMs, tokens and tasks across a restart with a state file (mode 0600)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pve-sim-state-'));
    const statePath = join(dir, 'state.json');
    try {
      const a = await startPveSimulator({ statePath, template: { vmid: 9000 } });
      const upid = (
        await raw(a, 'POST', '/nodes/pve1/qemu/9000/clone', {
          form: { newid: '400', name: 'keep' },
        })
      ).body.data as string;
      for (let i = 0; i < 100 && a.tasks()[0]?.status !== 'stopped'; i++) await sleep(5);
      const token = a.rootToken;
      await a.close();
      expect(statSync(statePath).mode & 0o777).toBe(0o600);
      const b = await startPveSimulator({ statePath });
      expect(b.rootToken.secret).toBe(token.secret);
      expect(b.vm(400)?.config.name).toBe('keep');
      expect(b.tasks()[0]).toMatchObject({ upid, exitstatus: 'OK' });
      expect((await raw(b, 'GET', '/nodes/pve1/qemu/400/config', { token })).status).toBe(200);
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves HTTPS with a self-signed certificate whose fingerprint it reports', async () => {
    const sim = await startPveSimulator({ https: true });
    expect(sim.url).toMatch(/^https:/);
    expect(sim.tls?.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    // Node's fetch refuses an untrusted certificate.
    await expect(fetch(`${sim.url}/api2/json/version`)).rejects.toThrow();
    await sim.close();
  });
});

describe('simulator: resource pools', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv({});
  });
  afterAll(() => env.close());

  it("creates pools and adds members with PVE's checks and messages", async () => {
    expect((await raw(env.sim, 'POST', '/pools', { form: { poolid: 'bh' } })).status).toBe(200);
    const again = await raw(env.sim, 'POST', '/pools', { form: { poolid: 'bh' } });
    expect([again.status, again.statusText]).toEqual([500, "pool 'bh' already exists"]);
    expect((await raw(env.sim, 'POST', '/pools', { form: { poolid: 'x/y' } })).statusText).toBe(
      "parent 'x' of pool 'x/y' does not exist",
    );
    expect((await raw(env.sim, 'POST', '/pools', { form: { poolid: '9x' } })).statusText).toBe(
      'pool name must start with a letter',
    );
    const add = await raw(env.sim, 'PUT', '/pools', {
      form: { poolid: 'bh', vms: '9000', storage: 'local-lvm' },
    });
    expect(add.status).toBe(200);
    const twice = await raw(env.sim, 'PUT', '/pools', { form: { poolid: 'bh', vms: '9000' } });
    expect(twice.statusText).toBe('VM 9000 is already a pool member');
    await raw(env.sim, 'POST', '/pools', { form: { poolid: 'other' } });
    const move = await raw(env.sim, 'PUT', '/pools', { form: { poolid: 'other', vms: '9000' } });
    expect(move.statusText).toBe(
      "VM 9000 belongs already to pool 'bh' and 'allow-move' is not set",
    );
    const listed = await raw(env.sim, 'GET', '/pools?poolid=bh');
    expect(listed.body.data).toEqual([
      {
        poolid: 'bh',
        members: [
          expect.objectContaining({ id: 'qemu/9000', type: 'qemu', vmid: 9000, node: 'pve1' }),
          expect.objectContaining({ id: 'storage/pve1/local-lvm', type: 'storage' }),
        ],
      },
    ]);
    // An administrator sees which pool a VM is in.
    const res = await raw(env.sim, 'GET', '/cluster/resources?type=vm');
    expect(res.body.data).toContainEqual(expect.objectContaining({ vmid: 9000, pool: 'bh' }));
    const del = await raw(env.sim, 'DELETE', '/pools?poolid=bh');
    expect(del.statusText).toBe("pool 'bh' is not empty (contains VM 9000)");
  });

  it('adding an object needs the right to modify its permissions', async () => {
    env.sim.access.createUser('ops@pve');
    const t = env.sim.access.createToken('ops@pve', 'x');
    env.sim.access.grant(t.id, 'PoolAdmin', ['Pool.Allocate', 'Pool.Audit'], ['/pool/team']);
    await raw(env.sim, 'POST', '/pools', { form: { poolid: 'team' } });
    const r = await raw(env.sim, 'PUT', '/pools', {
      token: t,
      form: { poolid: 'team', vms: '9000' },
    });
    expect([r.status, r.statusText]).toEqual([
      403,
      'Permission check failed (/vms/9000, Permissions.Modify|VM.Allocate)',
    ]);
    expect(env.sim.access.pools().team).toEqual({ vms: [], storage: [] });
  });

  it('a clone into a pool that does not exist is refused like PVE (403)', async () => {
    const r = await raw(env.sim, 'POST', '/nodes/pve1/qemu/9000/clone', {
      form: { newid: '300', pool: 'nope' },
    });
    expect([r.status, r.statusText]).toEqual([
      403,
      "Permission check failed (pool 'nope' does not exist)",
    ]);
    expect(env.sim.vm(300)).toBeUndefined();
  });

  it("a destroyed VM leaves its pool and its ACLs (PVE's remove_vm_access)", async () => {
    await raw(env.sim, 'POST', '/pools', { form: { poolid: 'gone' } });
    const c = await raw(env.sim, 'POST', '/nodes/pve1/qemu/9000/clone', {
      form: { newid: '301', pool: 'gone' },
    });
    await waitTask(env, c.body.data as string);
    expect(env.sim.access.pools().gone!.vms).toEqual([301]);
    env.sim.access.setAcl({ path: '/vms/301', roleid: 'PVEAuditor', users: ['ops@pve'] });
    const d = await raw(env.sim, 'DELETE', '/nodes/pve1/qemu/301');
    await waitTask(env, d.body.data as string);
    expect(env.sim.access.pools().gone!.vms).toEqual([]);
    expect(env.sim.snapshot().access.acl.filter((e) => e.path === '/vms/301')).toEqual([]);
  });
});
