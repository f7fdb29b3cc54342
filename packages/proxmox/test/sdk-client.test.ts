import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import {
  createPveClient,
  getClusterResources,
  getVmidsInUse,
  nextFreeVmid,
  PveConnectionError,
  PveHttpError,
  PveParameterError,
  PvePermissionError,
  PveTaskError,
  PveTimeoutError,
  PveTlsError,
  pveCall,
  runTask,
  waitForTask,
} from '@blockhost/proxmox';
import { clientFor, type Env, startEnv } from '@blockhost/pve-fixtures';
import { startPveSimulator } from '@blockhost/pve-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('createPveClient', () => {
  const base = {
    url: 'https://pve:8006',
    tokenId: 'blockhost@pve!blockhost',
    tokenSecret: '5f0e3c3a-0000-4000-8000-000000000000',
  };
  it('validates its options without throwing', () => {
    expect(createPveClient({ ...base, url: 'not a url' })._unsafeUnwrapErr().what).toBe(
      'proxmox url',
    );
    expect(createPveClient({ ...base, url: 'ftp://pve' })._unsafeUnwrapErr().what).toBe(
      'proxmox url',
    );
    expect(createPveClient({ ...base, tokenId: 'blockhost' })._unsafeUnwrapErr().what).toBe(
      'proxmox token id',
    );
    expect(createPveClient({ ...base, tokenSecret: 'a b' })._unsafeUnwrapErr().what).toBe(
      'proxmox token secret',
    );
    expect(createPveClient({ ...base, fingerprint: 'AB:CD' })._unsafeUnwrapErr().what).toBe(
      'tls fingerprint',
    );
    expect(
      createPveClient({
        ...base,
        url: 'http://pve:8006',
        fingerprint: 'AB'.repeat(32),
      })._unsafeUnwrapErr().expected,
    ).toMatch(/https/);
    expect(createPveClient({ ...base, clonesPerStorage: 0 })._unsafeUnwrapErr().what).toBe(
      'clonesPerStorage',
    );
    expect(createPveClient({ ...base, fingerprint: 'ab'.repeat(32) }).isOk()).toBe(true);
  });
});

describe('TLS: the host certificate is pinned by fingerprint', () => {
  let sim: Awaited<ReturnType<typeof startPveSimulator>>;
  beforeAll(async () => {
    sim = await startPveSimulator({ https: true });
  });
  afterAll(() => sim.close());
  const client = (extra: { fingerprint?: string; ca?: string }) =>
    createPveClient({
      url: sim.url,
      tokenId: sim.rootToken.id,
      tokenSecret: sim.rootToken.secret,
      retry: { attempts: 1 },
      ...extra,
    })._unsafeUnwrap();

  it('connects when the fingerprint matches (any case or separator)', async () => {
    const c = client({ fingerprint: sim.tls!.fingerprint256.replaceAll(':', '').toLowerCase() });
    expect((await pveCall(c, (api) => api.version.$get()))._unsafeUnwrap()).toMatchObject({
      version: '9.2.3',
    });
    await c.close();
  });

  it('refuses a different certificate before sending the token', async () => {
    const c = client({ fingerprint: 'AB'.repeat(32) });
    sim.clearRequests();
    const e = (await pveCall(c, (api) => api.version.$get()))._unsafeUnwrapErr();
    expect(e).toBeInstanceOf(PveTlsError);
    expect((e as PveTlsError).actual).toBe(sim.tls!.fingerprint256);
    expect(e.retryable).toBe(false);
    expect(sim.requests()).toHaveLength(0);
    await c.close();
  });

  it('without a pin, verifies against the CA given (and fails without it)', async () => {
    const untrusted = client({});
    expect(
      (await pveCall(untrusted, (api) => api.version.$get()))._unsafeUnwrapErr(),
    ).toBeInstanceOf(PveTlsError);
    const trusted = client({ ca: sim.tls!.certPem });
    expect((await pveCall(trusted, (api) => api.version.$get())).isOk()).toBe(true);
    await untrusted.close();
    await trusted.close();
  });
});

describe('errors and retries', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv({ lockTimeoutMs: 30 });
  });
  afterAll(() => env.close());

  it('reports a 400 with every parameter error and never retries it (an unknown parameter fails loudly)', async () => {
    const before = env.root.stats.requests;
    const r = await pveCall(env.root, (api) =>
      api.nodes
        .$('pve1')
        .qemu.$(9000)
        .config.$put({ cores: 2, memroy: '2048' } as never),
    );
    const e = r._unsafeUnwrapErr();
    expect(e).toBeInstanceOf(PveParameterError);
    expect((e as PveParameterError).errors).toEqual({
      memroy:
        'property is not defined in schema and the schema does not allow additional properties',
    });
    expect(e.shortMessage).toBe(
      'PUT /nodes/pve1/qemu/9000/config: parameter verification failed for memroy',
    );
    expect(e.retryable).toBe(false);
    expect(env.root.stats.requests - before).toBe(1);
  });

  it('reports a 403 with the missing privilege and path, not retried', async () => {
    env.sim.access.createUser('ro@pve');
    const token = env.sim.access.createToken('ro@pve', 'ro');
    env.sim.access.grant(token.id, 'RO', ['VM.Audit'], ['/vms']);
    const c = clientFor(env.sim, token);
    const e = (
      await pveCall(c, (api) => api.nodes.$('pve1').qemu.$(9000).status.start.$post({}))
    )._unsafeUnwrapErr();
    expect(e).toBeInstanceOf(PvePermissionError);
    expect(e).toMatchObject({ privilege: 'VM.PowerMgmt', aclPath: '/vms/9000', status: 403 });
    expect(e.shortMessage).toBe(
      'POST /nodes/pve1/qemu/9000/status/start: the API token lacks VM.PowerMgmt on /vms/9000',
    );
    expect(e.hint).toMatch(/grant VM.PowerMgmt on \/vms\/9000/);
    expect(c.stats.requests).toBe(1);
    await c.close();
  });

  it('retries 500/595/503 answers and succeeds', async () => {
    env.sim.faults.errorRate({ rate: 0.5, statuses: [500, 595, 503], methods: ['GET'] });
    const c = clientFor(env.sim, env.sim.rootToken, {
      retry: { attempts: 20, baseDelayMs: 1, maxDelayMs: 2 },
    });
    for (let i = 0; i < 10; i++) expect((await getClusterResources(c)).isOk()).toBe(true);
    expect(c.stats.retries).toBeGreaterThan(0);
    env.sim.faults.errorRate(null);
    await c.close();
  });

  it('gives up after the configured attempts with the last retryable error', async () => {
    env.sim.faults.errorRate({ rate: 1, statuses: [595] });
    const c = clientFor(env.sim, env.sim.rootToken, {
      retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    });
    const e = (await getClusterResources(c))._unsafeUnwrapErr();
    expect(e).toBeInstanceOf(PveHttpError);
    expect(e).toMatchObject({ status: 595, retryable: true });
    expect(c.stats.requests).toBe(3);
    env.sim.faults.errorRate(null);
    await c.close();
  });

  it('retries a config update that hits a lock timeout until the lock is free', async () => {
    const release = await env.sim.faults.holdLock(9000, 150);
    const delays: number[] = [];
    const c = clientFor(env.sim, env.sim.rootToken, {
      retry: { attempts: 10, baseDelayMs: 20, maxDelayMs: 60 },
      onRetry: (e) => delays.push(e.delayMs),
    });
    const r = await pveCall(c, (api) =>
      api.nodes.$('pve1').qemu.$(9000).config.$put({ description: 'x' }),
    );
    expect(r.isOk()).toBe(true);
    const puts = env.sim
      .requests()
      .filter((q) => q.method === 'PUT' && q.path.endsWith('/9000/config'));
    expect(puts.filter((q) => q.status === 500).length).toBeGreaterThan(0);
    expect(puts.at(-1)!.status).toBe(200);
    expect(delays.length).toBe(puts.filter((q) => q.status === 500).length);
    release();
    await c.close();
  });

  /** A client of a raw TCP server on `port`, one attempt per call. */
  const rawClient = (port: number, timeoutMs?: number) =>
    createPveClient({
      url: `http://127.0.0.1:${port}`,
      tokenId: 'a@pve!b',
      tokenSecret: 'x',
      ...(timeoutMs ? { timeoutMs } : {}),
      retry: { attempts: 1 },
    })._unsafeUnwrap();

  it('reports a connection failure as retryable', async () => {
    // A port that was just free: nothing listens there.
    const srv = createServer().listen(0, '127.0.0.1');
    await once(srv, 'listening');
    const port = (srv.address() as AddressInfo).port;
    await new Promise((r) => srv.close(r));
    const c = rawClient(port);
    const e = (await getClusterResources(c))._unsafeUnwrapErr();
    expect(e).toBeInstanceOf(PveConnectionError);
    expect(e.retryable).toBe(true);
    expect(e.shortMessage).toMatch(/no answer from the Proxmox API \(.*ECONNREFUSED/);
    await c.close();
  });

  it('reports an API that takes the connection but never answers, at its time limit', async () => {
    const sockets: import('node:net').Socket[] = [];
    const srv = createServer((s) => sockets.push(s)).listen(0, '127.0.0.1');
    await once(srv, 'listening');
    const c = rawClient((srv.address() as AddressInfo).port, 300);
    const e = (await getClusterResources(c))._unsafeUnwrapErr();
    expect(e).toBeInstanceOf(PveConnectionError);
    expect(e.retryable).toBe(true);
    expect(e.shortMessage).toMatch(/no answer from the Proxmox API \(.*300 ms/);
    await c.close();
    for (const s of sockets) s.destroy();
    await new Promise((r) => srv.close(r));
  });

  it("takes the reason from PVE's status line when the body has no message", async () => {
    const srv = createServer((s) => {
      s.once('data', () => {
        const body = '{"data":null}';
        s.end(
          `HTTP/1.1 596 Connection timed out\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        );
      });
    }).listen(0, '127.0.0.1');
    await once(srv, 'listening');
    const c = rawClient((srv.address() as AddressInfo).port);
    const e = (await getClusterResources(c))._unsafeUnwrapErr();
    expect(e).toBeInstanceOf(PveHttpError);
    expect(e.shortMessage).toMatch(/596.*Connection timed out|Connection timed out.*596/);
    await c.close();
    await new Promise((r) => srv.close(r));
  });
});

describe('the task waiter', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv({ taskMs: { default: 0, qmstart: 120 }, lockTimeoutMs: 30 });
  });
  afterAll(() => env.close());

  const clone = (newid: number) =>
    pveCall(
      env.root,
      (api) => api.nodes.$('pve1').qemu.$(9000).clone.$post({ newid, full: true }),
      { retry: false },
    );

  it('waits for OK, tolerating a task that is not visible yet', async () => {
    env.sim.faults.taskInvisibleFor(60);
    const upid = (await clone(500))._unsafeUnwrap();
    const r = (await waitForTask(env.root, { node: 'pve1', upid }))._unsafeUnwrap();
    expect(r).toEqual({ upid, exitstatus: 'OK', warnings: 0 });
    const reads = env.sim
      .requests()
      .filter((q) => q.path.includes('/tasks/') && q.path.endsWith('/status'));
    expect(reads.some((q) => q.status === 400 || q.status === 404)).toBe(true);
    env.sim.faults.taskInvisibleFor(0);
  });

  it('fails with the exit status and the log tail', async () => {
    env.sim.faults.failNextTasks(1, { type: 'qmclone', message: 'storage went away' });
    const upid = (await clone(501))._unsafeUnwrap();
    const e = (await waitForTask(env.root, { node: 'pve1', upid }))._unsafeUnwrapErr();
    expect(e).toBeInstanceOf(PveTaskError);
    expect(e).toMatchObject({ upid, exitstatus: 'storage went away', retryable: false });
    expect((e as PveTaskError).logTail).toEqual(['TASK ERROR: storage went away']);
    expect(e.shortMessage).toBe('task qmclone 9000 failed: storage went away');
  });

  it('gives up at the deadline', async () => {
    const upid = (
      await pveCall(env.root, (api) => api.nodes.$('pve1').qemu.$(500).status.start.$post({}))
    )._unsafeUnwrap();
    const e = (
      await waitForTask(env.root, { node: 'pve1', upid, timeoutMs: 30 })
    )._unsafeUnwrapErr();
    expect(e).toBeInstanceOf(PveTimeoutError);
    expect((await waitForTask(env.root, { node: 'pve1', upid }))._unsafeUnwrap().exitstatus).toBe(
      'OK',
    );
  });

  it('starts a task again when it failed on a lock timeout', async () => {
    await pveCall(env.root, (api) => api.nodes.$('pve1').qemu.$(500).status.stop.$post({})).andThen(
      (upid) => waitForTask(env.root, { node: 'pve1', upid }),
    );
    const release = await env.sim.faults.holdLock(500, 100);
    const r = await runTask(
      env.root,
      () => env.root.api.nodes.$('pve1').qemu.$(500).status.start.$post({}),
      { node: 'pve1' },
    );
    expect(r._unsafeUnwrap().exitstatus).toBe('OK');
    const starts = env.sim.tasks({ type: 'qmstart', id: '500' });
    expect(starts.some((t) => /can't lock file/.test(t.exitstatus ?? ''))).toBe(true);
    expect(starts.at(-1)!.exitstatus).toBe('OK');
    release();
  });
});

describe('VMIDs in use', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv();
  });
  afterAll(() => env.close());

  it('lists every VMID of the cluster and allocates the lowest free one in range', async () => {
    env.sim.seedTemplate({ vmid: 10_000, name: 'other' });
    expect([...(await getVmidsInUse(env.root))._unsafeUnwrap()].sort((a, b) => a - b)).toEqual([
      9000, 10_000,
    ]);
    expect(
      (await nextFreeVmid(env.root, { range: { start: 10_000, end: 10_005 } }))._unsafeUnwrap(),
    ).toBe(10_001);
    expect(
      (
        await nextFreeVmid(env.root, {
          range: { start: 10_000, end: 10_005 },
          reserved: [10_001, 10_002],
        })
      )._unsafeUnwrap(),
    ).toBe(10_003);
    const full = (
      await nextFreeVmid(env.root, { range: { start: 10_000, end: 10_000 } })
    )._unsafeUnwrapErr();
    expect(full.code).toBe('POOL_EXHAUSTED');
  });
});

describe('cluster listings asked for together', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv();
  });
  afterAll(() => env.close());

  it('share requests, and a VM made before a call is in its answer', async () => {
    env.sim.clearRequests();
    env.sim.faults.latency(30);
    try {
      const first = getClusterResources(env.root, { type: 'vm' });
      // Made after the first call: every call after it must list it (that no answer comes from a
      // request sent before its call is the property test of sharedRounds).
      env.sim.seedTemplate({ vmid: 10_050, name: 'made-meanwhile' });
      const burst = Array.from({ length: 15 }, () => getClusterResources(env.root, { type: 'vm' }));
      const other = getClusterResources(env.root, { type: 'node' });
      const answers = await Promise.all(burst);
      for (const a of answers) {
        expect(a._unsafeUnwrap().map((r) => r.vmid)).toContain(10_050);
      }
      expect((await first).isOk()).toBe(true);
      expect((await other)._unsafeUnwrap().every((r) => r.type === 'node')).toBe(true);
      const listings = env.sim.requests().filter((r) => r.path.endsWith('/cluster/resources'));
      // The first, one shared by the burst, and the node listing (a different question).
      expect(listings).toHaveLength(3);
    } finally {
      env.sim.faults.latency(null);
    }
  });
});
