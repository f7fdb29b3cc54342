/**
 * The operator commands against a real host in miniature: anvil with the
 * contracts, the Proxmox simulator, and blockhostd (in-process) that has
 * provisioned two customers' VMs — one of them with an unusable key.
 */

import type { Daemon } from '@blockhost/devstack';
import {
  type Customer,
  type DevStack,
  freePort,
  settledRunning,
  startDevStack,
  startStackDaemon,
  waitFor,
} from '@blockhost/devstack';
import { createDefaultPorts, type Db, openDb, RunnerLease } from '@blockhost/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, type Json, removeTempDirs, tempFile, variantConfig } from './helpers.js';

let stack: DevStack;
let daemon: Daemon | null = null;
let db: Db;
let alice: Customer;
let bob: Customer;
let a: string; // alice's subscription id
let b: string; // bob's (bought with a key nobody can decrypt)
let closedPort: number; // nothing listens there

const run = (argv: string[], o: { stdin?: string; configDir?: string } = {}) =>
  cli([...argv, '--config-dir', o.configDir ?? stack.configDir], {
    ports: createDefaultPorts,
    ...(o.stdin === undefined ? {} : { stdin: o.stdin }),
  });

beforeAll(async () => {
  stack = await startDevStack({
    listen: `127.0.0.1:${await freePort()}`,
    blockhost: 'daemon: { reconcile_interval_ms: 200, retry_base_ms: 50 }',
  });
  daemon = await startStackDaemon(stack);
  alice = await stack.customer(3);
  bob = await stack.customer(4);
  const sa = (await alice.buy(stack.planId, 30)).subscriptionId;
  const sb = (await bob.buy(stack.planId, 30, '0x1234')).subscriptionId;
  await waitFor(
    'both VMs to run',
    () => settledRunning(daemon!.db, sa) && settledRunning(daemon!.db, sb),
  );
  a = sa.toString();
  b = sb.toString();
  db = openDb(stack.dbPath, { mustExist: true });
  closedPort = await freePort();
}, 90_000);

afterAll(async () => {
  db?.close();
  await daemon?.stop();
  await stack?.stop();
  removeTempDirs();
});

const vmOf = (sub: string) => {
  const vmid = db
    .prepare('SELECT vmid FROM vms WHERE subscription_id = ? ORDER BY generation DESC')
    .get(sub) as { vmid: number };
  return stack.sim.vm(vmid.vmid);
};

describe('read commands with blockhostd running', () => {
  it('status --json: daemon ready, cursor, jobs, VMs and subscriptions', async () => {
    const r = await run(['status', '--json']);
    expect(r.code).toBe(0);
    const j = r.json<Json>();
    expect(Object.keys(j)).toEqual(['daemon', 'chain', 'jobs', 'vms', 'subscriptions']);
    expect(j.daemon).toMatchObject({ running: true, ready: true });
    expect(j.daemon.checks.map((c: { name: string }) => c.name)).toEqual([
      'chain',
      'proxmox',
      'clock',
      'recovery',
      'cursor',
    ]);
    expect(j.chain).toMatchObject({ chainId: 31337, error: null });
    expect(typeof j.chain.head).toBe('string');
    expect(typeof j.chain.cursor).toBe('string');
    expect(Object.keys(j.jobs).sort()).toEqual([
      'cancelled',
      'done',
      'failed',
      'needs_operator',
      'queued',
      'running',
    ]);
    expect(j.vms).toMatchObject({
      running: 2,
      provisioning: 0,
      suspended: 0,
      destroyed: 0,
      failed: 0,
    });
    expect(j.subscriptions).toEqual({ total: 2, needingAttention: 0, keyErrors: 1 });
    const human = await run(['status']);
    expect(human.stdout).toMatch(/daemon:\s+running, ready/);
    expect(human.stdout).toMatch(/subscriptions:\s+2 \(0 need attention, 1 key errors\)/);
  });

  it('vm list and vm show --json have the documented shape', async () => {
    const list = (await run(['vm', 'list', '--json'])).json<Record<string, unknown>[]>();
    expect(list.map((v) => v.subscriptionId)).toEqual([a, b]);
    expect(Object.keys(list[0]!)).toEqual([
      'subscriptionId',
      'generation',
      'state',
      'vmid',
      'node',
      'name',
      'ipv4',
      'ipv6',
      'allowedWallet',
      'hold',
      'suspendedAt',
      'failure',
      'job',
    ]);
    const show = await run(['vm', 'show', a, '--json']);
    expect(show.code).toBe(0);
    const v = show.json<Json>();
    expect(v).toMatchObject({
      subscriptionId: a,
      state: 'running',
      node: 'pve1',
      hold: false,
      job: null,
    });
    expect(v.allowedWallet.toLowerCase()).toBe(alice.address.toLowerCase());
    expect(stack.sim.vm(v.vmid)?.config.ipconfig0).toContain(`ip=${v.ipv4}/24`);
    const human = await run(['vm', 'list']);
    expect(human.stdout.split('\n')[0]).toMatch(
      /^SUB\s+VMID\s+NODE\s+STATE\s+IPV4\s+WALLET\s+JOB$/,
    );
  });

  it('an unknown VM or subscription is exit 1 with a hint; a malformed id is exit 2', async () => {
    const vm = await run(['vm', 'show', '999']);
    expect(vm.code).toBe(1);
    expect(vm.stderr).toContain('error: no VM for subscription 999');
    expect(vm.stderr).toContain('hint: see `blockhost vm list`');
    const sub = await run(['sub', 'show', '999', '--json']);
    expect(sub.code).toBe(1);
    expect(sub.json()).toEqual({
      error: {
        message: 'no subscription 999 in the journal',
        hint: 'see `blockhost sub list`; a new purchase shows up once confirmed',
        exitCode: 1,
      },
    });
    const bad = await run(['vm', 'suspend', 'seven']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('expected a subscription id (a number), got "seven"');
  });

  it('sub list and sub show --json, --attention lists the key error', async () => {
    const list = (await run(['sub', 'list', '--json'])).json<Json[]>();
    expect(list.map((s) => s.id)).toEqual([a, b]);
    expect(Object.keys(list[0]!)).toEqual([
      'id',
      'planId',
      'subscriber',
      'controller',
      'expiresAt',
      'expiresAtIso',
      'cancelled',
      'paid',
      'tokenId',
      'tokenOwner',
      'keyError',
      'attention',
      'vm',
    ]);
    expect(list[0]).toMatchObject({
      controller: list[0]!.tokenOwner ?? list[0]!.subscriber,
      planId: stack.planId.toString(),
      paid: true,
      keyError: null,
      cancelled: false,
    });
    const attention = (await run(['sub', 'list', '--attention', '--json'])).json<
      { id: string; keyError: string }[]
    >();
    expect(attention.map((s) => s.id)).toEqual([b]);
    expect(attention[0]!.keyError).toMatch(/userEncrypted/);
    const show = (await run(['sub', 'show', b, '--json'])).json<Json>();
    expect(show.vm).toMatchObject({ state: 'running', generation: 1 });
    expect(show.tokenId).not.toBeNull();
  });

  it('with blockhostd running, the daemon runs the jobs the CLI queues (runBy: daemon)', async () => {
    const r = await run(['vm', 'suspend', a, '--json']);
    expect(r.stderr).toBe('');
    expect(r.json<Json>()).toMatchObject({ queued: true, runBy: 'daemon' });
    await waitFor('the daemon to suspend it', () => vmOf(a)?.status === 'stopped');
    const back = await run(['vm', 'resume', a, '--json']);
    expect(back.json<Json>()).toMatchObject({ queued: true, runBy: 'daemon' });
    await waitFor('the daemon to resume it', () => settledRunning(daemon!.db, BigInt(a)));
    expect(vmOf(a)?.status).toBe('running');
  });

  it('status exits 1 and says so once blockhostd is gone', async () => {
    await daemon!.stop();
    daemon = null;
    const r = await run(['status', '--json']);
    expect(r.code).toBe(1);
    expect(r.json<{ daemon: unknown }>().daemon).toEqual({
      running: false,
      ready: false,
      checks: [],
    });
    expect((await run(['status'])).stdout).toMatch(/daemon:\s+not running/);
  });
});

describe('operating VMs and jobs (blockhostd stopped: the CLI runs the jobs)', () => {
  it('with a runner holding the lease, vm suspend only queues; job show and job cancel handle it', async () => {
    const lease = new RunnerLease(db, 'daemon');
    expect(lease.tryAcquire()).toBe(true);
    try {
      const r = await run(['vm', 'suspend', a, '--json']);
      expect(r.code).toBe(0);
      const q = r.json<{ job: number }>();
      expect(q).toEqual({
        job: q.job,
        queued: true,
        runBy: 'daemon',
        state: 'queued',
        error: null,
      });
      const again = await run(['vm', 'suspend', a]);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`subscription ${a} already has a suspend job (queued)`);

      const list = (await run(['job', 'list', '--json'])).json<Record<string, unknown>[]>();
      expect(list[0]).toMatchObject({
        id: q.job,
        subscriptionId: a,
        kind: 'suspend',
        state: 'queued',
        step: 'suspend',
        attempts: 0,
      });
      expect(Object.keys(list[0]!)).toEqual([
        'id',
        'subscriptionId',
        'kind',
        'state',
        'step',
        'attempts',
        'lastError',
        'node',
        'runAfter',
        'createdAt',
        'updatedAt',
        'finishedAt',
      ]);
      const show = (await run(['job', 'show', String(q.job), '--json'])).json<
        Record<string, unknown>
      >();
      expect(show.payload).toEqual({ reason: 'operator', mode: 'shutdown' });

      const cancel = await run(['job', 'cancel', String(q.job), '--json']);
      expect(cancel.code).toBe(0);
      expect(cancel.json()).toEqual({
        job: q.job,
        subscriptionId: a,
        kind: 'suspend',
        state: 'cancelled',
      });
      const twice = await run(['job', 'cancel', String(q.job)]);
      expect(twice.code).toBe(1);
      expect(twice.stderr).toContain('is cancelled; only queued or waiting jobs can be cancelled');
      expect((await run(['job', 'show', '4242'])).stderr).toContain('no job 4242 in the journal');
    } finally {
      lease.release();
    }
    expect(vmOf(a)?.status).toBe('running');
  });

  it('gc shows what the lifecycle would do (the held VM gets suspended) and --execute does it', async () => {
    const dry = await run(['gc', '--json']);
    expect(dry.code).toBe(0);
    const d = dry.json<{
      executed: boolean;
      actions: Record<string, unknown>[];
      chainTime: number;
    }>();
    expect(d.executed).toBe(false);
    expect(d.actions).toEqual([
      expect.objectContaining({ kind: 'suspend', subscriptionId: a, reason: 'held' }),
    ]);
    expect((await run(['gc'])).stdout).toContain(
      'dry run: nothing changed; run with --execute to do it',
    );
    expect(vmOf(a)?.status).toBe('running');

    const exec = await run(['gc', '--execute', '--json']);
    expect(exec.code).toBe(0);
    const e = exec.json<{ executed: boolean; runBy: string; jobs: Record<string, unknown>[] }>();
    expect(e).toMatchObject({ executed: true, runBy: 'cli' });
    expect(e.jobs).toEqual([
      expect.objectContaining({ subscriptionId: a, kind: 'suspend', state: 'done', error: null }),
    ]);
    expect(vmOf(a)?.status).toBe('stopped');
    expect((await run(['gc'])).stdout).toContain('nothing to do');
  });

  it('vm resume starts the VM and releases the hold', async () => {
    const r = await run(['vm', 'resume', a, '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ queued: false, runBy: 'cli', state: 'done', error: null });
    expect(vmOf(a)?.status).toBe('running');
    expect((await run(['vm', 'show', a, '--json'])).json()).toMatchObject({
      state: 'running',
      hold: false,
    });
  });

  it('a job refused for good waits for the operator: job list names it, job retry finishes it', async () => {
    // The token loses VM.PowerMgmt: Proxmox answers 403, which no retry can fix.
    const full = stack.sim.access.roles().BlockHost!;
    stack.sim.access.createRole(
      'BlockHost',
      full.filter((p) => p !== 'VM.PowerMgmt'),
    );
    const r = await run(['vm', 'suspend', a]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toMatch(
      /suspend of subscription \d+ did not complete \(job (\d+) needs operator\): .*the API token lacks VM\.PowerMgmt on \/vms\/\d+/,
    );
    const id = /job (\d+) needs operator/.exec(r.stderr)![1]!;
    expect(r.stderr).toContain(`hint: fix the cause, then \`blockhost job retry ${id}\``);

    const waiting = (await run(['job', 'list', '--state', 'needs_operator', '--json'])).json<
      Json[]
    >();
    expect(waiting).toEqual([
      expect.objectContaining({ id: Number(id), kind: 'suspend', state: 'needs_operator' }),
    ]);
    expect(waiting[0]!.lastError).toContain('VM.PowerMgmt');
    expect((await run(['vm', 'list'])).stdout).toMatch(/suspend:needs_operator/);
    expect((await run(['status', '--json'])).json<Json>().jobs.needs_operator).toBe(1);

    // The operator repairs the role, then retries.
    stack.sim.access.createRole('BlockHost', full);
    const retry = await run(['job', 'retry', id, '--json']);
    expect(retry.code).toBe(0);
    expect(retry.json()).toMatchObject({ job: Number(id), runBy: 'cli', state: 'done' });
    expect(vmOf(a)?.status).toBe('stopped');
    const done = await run(['job', 'retry', id]);
    expect(done.code).toBe(1);
    expect(done.stderr).toContain('is done; nothing to retry');
  });

  it('Proxmox unreachable: vm resume reports it, the job stays queued, job cancel drops it', async () => {
    const offline = variantConfig(stack.configDir, {
      blockhost: (d) => d.setIn(['proxmox', 'api_url'], `https://127.0.0.1:${closedPort}`),
    });
    const r = await run(['vm', 'resume', a], { configDir: offline });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /resume of subscription \d+ did not complete \(job (\d+) queued\): .*no answer from the Proxmox API/,
    );
    const id = /job (\d+) queued/.exec(r.stderr)![1]!;
    expect(r.stderr).toContain(`job ${id} stays queued`);
    expect((await run(['job', 'cancel', id])).code).toBe(0);
    expect(vmOf(a)?.status).toBe('stopped');
  });

  it('vm destroy asks first (refused without a terminal), --yes destroys the VM and holds it', async () => {
    const refused = await run(['vm', 'destroy', a]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /Destroy VM \d+ of subscription \d+ and its disks\? The subscription is still paid.*refused without a terminal/,
    );
    expect(refused.stderr).toContain('hint: pass --yes to confirm in scripts');
    const vmid = (await run(['vm', 'show', a, '--json'])).json<{ vmid: number }>().vmid;
    const r = await run(['vm', 'destroy', a, '--yes', '--json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ runBy: 'cli', state: 'done' });
    expect(stack.sim.vm(vmid)).toBeUndefined();
    expect(
      (await run(['vm', 'list', '--json']))
        .json<{ subscriptionId: string }[]>()
        .map((v) => v.subscriptionId),
    ).toEqual([b]);
    const all = (await run(['vm', 'list', '--all', '--json'])).json<
      { subscriptionId: string; state: string; hold: boolean }[]
    >();
    expect(all.find((v) => v.subscriptionId === a)).toMatchObject({
      state: 'destroyed',
      hold: true,
    });
    const resume = await run(['vm', 'resume', a]);
    expect(resume.code).toBe(1);
    expect(resume.stderr).toContain(`subscription ${a}'s VM is destroyed; cannot resume it`);
    // The held, destroyed VM is not provisioned again although the subscription is paid.
    expect((await run(['gc', '--json'])).json<{ actions: unknown[] }>().actions).toEqual([]);
  });
});

describe('sub set-key', () => {
  it('refuses a key signed by someone other than the NFT holder', async () => {
    const r = await run(['sub', 'set-key', b], { stdin: await alice.encryptedKey() });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the signature is not ${bob.address}'s (the holder of NFT`);
  });

  it('refuses input that is neither an encrypted key nor a signature, and a world-readable key file', async () => {
    const junk = await run(['sub', 'set-key', b], { stdin: 'hello' });
    expect(junk.code).toBe(2);
    const file = tempFile('key.txt', await bob.keySignature(), 0o644);
    const loose = await run(['sub', 'set-key', b, '--from-file', file]);
    expect(loose.code).toBe(2);
    expect(loose.stderr).toMatch(/readable by other users \(mode 644\).*\nhint: chmod 600/);
  });

  it("writes the details into the holder's NFT from a new encrypted key and clears the key error", async () => {
    const r = await run(['sub', 'set-key', b, '--json'], { stdin: await bob.encryptedKey() });
    expect(r.code).toBe(0);
    const j = r.json<Json>();
    expect(Object.keys(j)).toEqual([
      'subscriptionId',
      'tokenId',
      'holder',
      'transactionHash',
      'details',
    ]);
    expect(j.holder).toBe(bob.address);
    const vm = (await run(['vm', 'show', b, '--json'])).json<{ ipv4: string }>();
    const details = await bob.connectionDetails(BigInt(j.tokenId));
    expect(details).toMatchObject({ hostname: vm.ipv4, port: 22, username: 'user' });
    expect((await run(['sub', 'show', b, '--json'])).json()).toMatchObject({ keyError: null });
    // Kept for later mints (a re-provisioned VM): sealed to the server key, the signature never in clear.
    const kept = db
      .prepare('SELECT key_override FROM subscription_status WHERE subscription_id = ?')
      .get(b) as {
      key_override: string;
    };
    expect(kept.key_override).toMatch(/^0x04[0-9a-f]+$/);
    expect(kept.key_override).not.toContain((await bob.keySignature()).slice(2, 40));
  });

  it('also takes the bare signature from a 0600 file', async () => {
    const file = tempFile('sig.txt', `${await bob.keySignature()}\n`);
    const r = await run(['sub', 'set-key', b, '--from-file', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/now carries connection details for 0x/);
  });
});

describe('plans on chain', () => {
  it('plan list, create and update --json', async () => {
    const list = (await run(['plan', 'list', '--json'])).json<Record<string, unknown>[]>();
    expect(list).toEqual([
      {
        id: stack.planId.toString(),
        name: 'small',
        pricePerDayUsdCents: '100',
        cores: 1,
        memoryMiB: 1024,
        diskGiB: 10,
        active: true,
      },
    ]);
    const created = await run([
      'plan',
      'create',
      '--name',
      'large',
      '--price-cents',
      '450',
      '--cores',
      '4',
      '--memory',
      '8192',
      '--disk',
      '80',
      '--json',
    ]);
    expect(created.code).toBe(0);
    const c = created.json<{ planId: string; transactionHash: string }>();
    expect(c.transactionHash).toMatch(/^0x[0-9a-f]{64}$/);
    const updated = await run([
      'plan',
      'update',
      c.planId,
      '--inactive',
      '--price-cents',
      '500',
      '--json',
    ]);
    expect(updated.code).toBe(0);
    expect(updated.json<{ plan: unknown }>().plan).toEqual({
      id: c.planId,
      name: 'large',
      pricePerDayUsdCents: '500',
      cores: 4,
      memoryMiB: 8192,
      diskGiB: 80,
      active: false,
    });
    const human = await run(['plan', 'list']);
    expect(human.stdout).toMatch(/large\s+5\.00\s+4\s+8192\s+80\s+no/);
  });

  it('plan update of an unknown plan is exit 1 naming it', async () => {
    const r = await run(['plan', 'update', '99', '--name', 'x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error: reading plan 99: .*PlanNotFound/);
  });

  it('plan create names every missing option (exit 2)', async () => {
    const r = await run(['plan', 'create', '--name', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing --price-cents, --cores, --memory, --disk');
  });
});

describe('error paths', () => {
  it('RPC down: plan list and status say which RPC and what to do', async () => {
    const down = variantConfig(stack.configDir, {
      web3: (d) => d.set('rpc_url', `http://127.0.0.1:${closedPort}`),
    });
    const plans = await run(['plan', 'list'], { configDir: down });
    expect(plans.code).toBe(1);
    expect(plans.stderr).toMatch(/error: reading plans: /);
    expect(plans.stderr).toContain('hint: check');
    const status = await run(['status', '--json'], { configDir: down });
    expect(status.code).toBe(1);
    expect(status.json<{ chain: { error: string | null; head: unknown } }>().chain).toMatchObject({
      head: null,
      error: expect.any(String),
    });
  });

  it('job list checks its options (exit 2)', async () => {
    const r = await run(['job', 'list', '--state', 'stuck']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      '--state: unknown state "stuck"; one of queued, running, needs_operator, failed, done, cancelled',
    );
    expect((await run(['job', 'retry', 'x'])).code).toBe(2);
  });

  it('a missing daemon database is exit 2 with a hint, for every journal command', async () => {
    const empty = variantConfig(stack.configDir, {
      db: (d) => d.set('database_path', '/nonexistent/blockhost.db'),
    });
    for (const argv of [['vm', 'list'], ['sub', 'list'], ['job', 'list'], ['gc'], ['status']]) {
      const r = await run(argv, { configDir: empty });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).toContain('no BlockHost database at /nonexistent/blockhost.db');
      expect(r.stderr).toContain('hint: start blockhostd once');
    }
  });

  it('a bad config is exit 2 naming file, line and key, for --json too', async () => {
    const bad = variantConfig(stack.configDir, { db: (d) => d.set('grace_days', 0) });
    const r = await run(['vm', 'list', '--json'], { configDir: bad });
    expect(r.code).toBe(2);
    const e = r.json<{ error: { message: string; hint: string; exitCode: number } }>().error;
    expect(e.message).toMatch(/db\.yaml:\d+: grace_days: /);
    expect(e.hint).toBe('fix the files and run `blockhost config validate`');
    expect(e.exitCode).toBe(2);
  });
});
