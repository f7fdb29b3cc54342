import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseVmDescription, vmName } from '@blockhost/core';
import {
  buildTemplate,
  configureVm,
  destroyVm,
  findSubscriptionVm,
  getVmConfig,
  getVmMetrics,
  getVmStatus,
  guestExec,
  guestFileWrite,
  listDeploymentVms,
  NoNodeFitsError,
  PveConnectionError,
  PveTaskError,
  placeVm,
  provisionVm,
  resumeVm,
  setLoginWallet,
  snippetFilename,
  suspendVm,
  VmConflictError,
} from '@blockhost/proxmox';
import {
  clientFor,
  DEPLOYMENT,
  type Env,
  OWNER,
  provisionParams,
  startEnv,
} from '@blockhost/pve-fixtures';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

const GiB = 1024 ** 3;
const subVms = (env: Env, sub: bigint) =>
  env.sim
    .vms()
    .filter(
      (v) =>
        v.tags.includes(`sub-${sub}`) || v.config.name === vmName(DEPLOYMENT, sub)._unsafeUnwrap(),
    );

describe('provisioning', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv({ bootMs: 20 });
  });
  afterAll(() => env.close());

  it('clones, configures, starts and waits for the agent; the guest gets the wallet user', async () => {
    const r = (
      await provisionVm(env.root, { ...provisionParams(env, 1n, 10_001), tokenId: 7n })
    )._unsafeUnwrap();
    expect(r).toMatchObject({
      vmid: 10_001,
      node: 'pve1',
      name: 'bh-31337-5fbdb231-1',
      created: true,
    });
    expect(r.steps).toEqual(['clone', 'configure', 'start', 'wait-agent']);
    const vm = env.sim.vm(10_001)!;
    expect(vm.status).toBe('running');
    expect(vm.tags).toEqual(['blockhost', 'bhd-31337-5fbdb231', 'sub-1']);
    expect(vm.config).toMatchObject({
      cores: '2',
      memory: '2048',
      ipconfig0: 'ip=10.0.0.11/24,gw=10.0.0.1,ip6=2001:db8::3/120,gw6=2001:db8::1',
      nameserver: '1.1.1.1 9.9.9.9',
      cicustom: 'user=local:snippets/bh-31337-5fbdb231-1-user.yaml',
      agent: 'enabled=1',
      onboot: '1',
    });
    expect(vm.config.net0).toMatch(/^virtio=BC:24:11:[0-9A-F:]{8},bridge=vmbr0$/);
    expect(vm.config.scsi0).toMatch(/^local-lvm:vm-10001-disk-0,.*size=20G$/);
    expect(parseVmDescription(vm.config.description!)).toEqual({
      ...DEPLOYMENT,
      subscriptionId: 1n,
      owner: OWNER,
      tokenId: 7n,
    });
    expect(vm.guest.users.user).toMatchObject({
      gecos: `wallet=${OWNER}`,
      sudo: 'ALL=(ALL) NOPASSWD:ALL',
      groups: ['blockhost-wallet'],
    });
    expect(vm.guest.hostname).toBe('bh-31337-5fbdb231-1');
    expect(
      Buffer.from(
        vm.guest.files['/etc/blockhost/vm-login.yaml']!.contentBase64,
        'base64',
      ).toString(),
    ).toBe('chain_id: 31337\n');
    expect(vm.guest.runcmd).toEqual([['systemctl', 'restart', 'ssh']]);
  });

  it('is idempotent: a second run finds the VM and changes nothing', async () => {
    env.sim.clearRequests();
    const r = (
      await provisionVm(env.root, { ...provisionParams(env, 1n, 10_002), tokenId: 7n })
    )._unsafeUnwrap();
    expect(r).toMatchObject({ vmid: 10_001, created: false });
    expect(r.steps[0]).toBe('clone');
    const writes = env.sim
      .requests()
      .filter((q) => q.method !== 'GET' && !q.path.endsWith('/agent/ping'));
    expect(writes).toEqual([]);
    expect(env.sim.vm(10_002)).toBeUndefined();
    expect(subVms(env, 1n)).toHaveLength(1);
  });

  it('a crash between "clone sent" and "clone recorded" does not create a second VM', async () => {
    // The clone runs on the server, but the answer never reaches the daemon, which then dies.
    env.sim.faults.dropResponses('POST', /\/clone$/, 1);
    const noRetry = clientFor(env.sim, env.sim.rootToken, { retry: { attempts: 1 } });
    const crashed = await provisionVm(noRetry, provisionParams(env, 2n, 10_010));
    expect(crashed._unsafeUnwrapErr()).toBeInstanceOf(PveConnectionError);
    await noRetry.close();
    // The VM exists, untagged: configure never ran.
    expect(env.sim.vm(10_010)!.tags).toEqual(['blockhost-template']);
    // After the restart, the daemon allocated another VMID for the same subscription.
    const found = (
      await findSubscriptionVm(env.root, { deployment: DEPLOYMENT, subscriptionId: 2n })
    )._unsafeUnwrap();
    expect(found?.vmid).toBe(10_010);
    const r = (await provisionVm(env.root, provisionParams(env, 2n, 10_011)))._unsafeUnwrap();
    expect(r).toMatchObject({ vmid: 10_010, created: false });
    expect(env.sim.vm(10_011)).toBeUndefined();
    expect(subVms(env, 2n).map((v) => v.vmid)).toEqual([10_010]);
    expect(env.sim.vm(10_010)!.tags).toContain('sub-2');
  });

  it('after a crash past configure, the VM is found by its tags', async () => {
    const p = provisionParams(env, 3n, 10_020);
    const crashed = await provisionVm(env.root, {
      ...p,
      onStep: (s) => {
        if (s === 'configure') throw new Error('SIGKILL');
      },
    });
    expect(crashed.isErr()).toBe(true);
    expect(env.sim.vm(10_020)!.status).toBe('stopped');
    const r = (await provisionVm(env.root, provisionParams(env, 3n, 10_021)))._unsafeUnwrap();
    expect(r).toMatchObject({ vmid: 10_020, created: false });
    expect(env.sim.vm(10_020)!.status).toBe('running');
    expect(subVms(env, 3n)).toHaveLength(1);
  });

  it('adopts its own earlier clone at the same VMID and refuses a foreign one', async () => {
    env.sim.faults.dropResponses('POST', /\/clone$/, 1);
    // The retry of the clone meets "config file already exists" for its own VM.
    const r = (await provisionVm(env.root, provisionParams(env, 4n, 10_030)))._unsafeUnwrap();
    expect(r).toMatchObject({ vmid: 10_030, created: false });
    expect(subVms(env, 4n)).toHaveLength(1);
    env.sim.seedTemplate({ vmid: 10_040, name: 'someone-else' });
    const e = (await provisionVm(env.root, provisionParams(env, 5n, 10_040)))._unsafeUnwrapErr();
    expect(e).toBeInstanceOf(VmConflictError);
    expect(e.shortMessage).toBe("VMID 10040 is taken by 'someone-else', not 'bh-31337-5fbdb231-5'");
  });

  it("lists the deployment's VMs with their subscription ids", async () => {
    const vms = (await listDeploymentVms(env.root, DEPLOYMENT))._unsafeUnwrap();
    expect(vms.map((v) => [v.vmid, v.subscriptionId]).sort()).toEqual([
      [10_001, 1n],
      [10_010, 2n],
      [10_020, 3n],
      [10_030, 4n],
    ]);
  });

  it('configureVm writes only what differs and keeps the MAC', async () => {
    const loc = { node: 'pve1', vmid: 10_001 };
    const mac = env.sim.vm(10_001)!.config.net0;
    const base = provisionParams(env, 1n, 10_001);
    const r = (
      await configureVm(env.root, {
        ...loc,
        cores: 4,
        memoryMiB: 2048,
        network: base.network,
        cicustom: { user: 'local:snippets/bh-31337-5fbdb231-1-user.yaml' },
        tags: ['blockhost', 'bhd-31337-5fbdb231', 'sub-1'],
        description: env.sim.vm(10_001)!.config.description!,
      })
    )._unsafeUnwrap();
    expect(r.changed).toEqual(['cores']);
    expect(env.sim.vm(10_001)!.config.net0).toBe(mac);
    const bad = await configureVm(env.root, {
      ...loc,
      cores: 2,
      memoryMiB: 2048,
      network: { ...base.network, ipv4: { address: '10.0.0.5' } },
      tags: [],
      description: '',
    });
    expect(bad._unsafeUnwrapErr().shortMessage).toMatch(
      /network.ipv4.address: expected an IPv4 CIDR/,
    );
  });
});

describe('lifecycle: suspend, resume, destroy, guest agent, metrics', () => {
  let env: Env;
  const loc = { node: 'pve1', vmid: 11_001 };
  beforeAll(async () => {
    env = await startEnv({ shutdownTimeoutMs: 30 });
    (await provisionVm(env.root, provisionParams(env, 1n, 11_001)))._unsafeUnwrap();
  });
  afterAll(() => env.close());

  it('suspends with a clean shutdown and onboot=0, resumes with onboot=1', async () => {
    expect((await suspendVm(env.root, loc))._unsafeUnwrap()).toEqual({ action: 'shutdown' });
    expect(env.sim.vm(11_001)).toMatchObject({
      status: 'stopped',
      config: expect.objectContaining({ onboot: '0' }),
    });
    expect((await suspendVm(env.root, loc))._unsafeUnwrap()).toEqual({ action: 'none' });
    expect((await resumeVm(env.root, { ...loc, agentTimeoutMs: 2000 }))._unsafeUnwrap()).toEqual({
      started: true,
    });
    expect(env.sim.vm(11_001)).toMatchObject({
      status: 'running',
      config: expect.objectContaining({ onboot: '1' }),
    });
    expect((await resumeVm(env.root, loc))._unsafeUnwrap()).toEqual({ started: false });
  });

  it('stops a guest that ignores the shutdown', async () => {
    env.sim.faults.ignoreShutdown(11_001);
    expect((await suspendVm(env.root, { ...loc, shutdownTimeoutS: 1 }))._unsafeUnwrap()).toEqual({
      action: 'stopped',
    });
    expect(env.sim.vm(11_001)!.status).toBe('stopped');
    env.sim.faults.ignoreShutdown(11_001, false);
  });

  it('hibernates (suspend to disk) and resumes with the guest state intact', async () => {
    (await resumeVm(env.root, loc))._unsafeUnwrap();
    expect((await suspendVm(env.root, { ...loc, mode: 'hibernate' }))._unsafeUnwrap()).toEqual({
      action: 'hibernated',
    });
    const vm = env.sim.vm(11_001)!;
    expect(vm.status).toBe('stopped');
    expect(vm.config.lock).toBe('suspended');
    expect(vm.config.vmstate).toMatch(/^local-lvm:vm-11001-state-suspend-/);
    (await resumeVm(env.root, { ...loc, agentTimeoutMs: 2000 }))._unsafeUnwrap();
    expect(env.sim.vm(11_001)).toMatchObject({
      status: 'running',
      config: expect.not.objectContaining({ vmstate: expect.anything() }),
    });
  });

  it('rewrites the login wallet in GECOS through the guest agent', async () => {
    const wallet = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
    const r = (
      await setLoginWallet(env.root, { ...loc, user: 'user', wallet, tokenId: 9n })
    )._unsafeUnwrap();
    expect(r.gecos).toBe(`wallet=${wallet},nft=9`);
    expect(env.sim.vm(11_001)!.guest.users.user!.gecos).toBe(`wallet=${wallet},nft=9`);
    const execs = env.sim.agentLog(11_001).execs.map((e) => e.command);
    expect(execs.slice(-2)).toEqual([
      ['usermod', '-c', `wallet=${wallet},nft=9`, 'user'],
      ['getent', 'passwd', 'user'],
    ]);
    const missing = (
      await setLoginWallet(env.root, { ...loc, user: 'ghost', wallet })
    )._unsafeUnwrapErr();
    expect(missing.shortMessage).toBe(
      `VM 11001: \`usermod -c wallet=${wallet} ghost\` exited with 6`,
    );
  });

  it('runs commands and writes files through the agent', async () => {
    expect((await guestExec(env.root, { ...loc, command: ['hostname'] }))._unsafeUnwrap()).toEqual({
      exitcode: 0,
      stdout: 'bh-31337-5fbdb231-1\n',
      stderr: '',
    });
    const bytes = new Uint8Array([0, 1, 2, 255]);
    (
      await guestFileWrite(env.root, { ...loc, path: '/var/lib/blockhost/blob', content: bytes })
    )._unsafeUnwrap();
    expect(env.sim.agentLog(11_001).fileWrites.at(-1)).toMatchObject({
      file: '/var/lib/blockhost/blob',
      contentBase64: 'AAEC/w==',
    });
    expect(
      (
        await guestFileWrite(env.root, { ...loc, path: 'relative', content: 'x' })
      )._unsafeUnwrapErr().code,
    ).toBe('INVALID_INPUT');
  });

  it('reads metrics: current status and RRD series', async () => {
    const m = (await getVmMetrics(env.root, { ...loc, timeframe: 'hour' }))._unsafeUnwrap();
    expect(m.current).toMatchObject({
      vmid: 11_001,
      status: 'running',
      maxmem: 2048 * 1024 ** 2,
      cpus: 2,
    });
    expect(m.series).toHaveLength(70);
    expect(m.series.at(-1)!.time - m.series.at(-2)!.time).toBe(60);
  });

  it('destroys: stop, delete with purge, snippet gone; again is "already gone"; a foreign VM is refused', async () => {
    const snippet = snippetFilename('bh-31337-5fbdb231-1');
    expect(existsSync(join(env.sim.snippetsDir('pve1'), snippet))).toBe(true);
    const expect1 = { deployment: DEPLOYMENT, subscriptionId: 1n };
    const foreign = (
      await destroyVm(env.root, {
        vmid: 11_001,
        expect: { deployment: DEPLOYMENT, subscriptionId: 99n },
      })
    )._unsafeUnwrapErr();
    expect(foreign).toBeInstanceOf(VmConflictError);
    const r = (
      await destroyVm(env.root, {
        vmid: 11_001,
        expect: expect1,
        snippet: { store: env.snippets, filename: snippet },
      })
    )._unsafeUnwrap();
    expect(r).toEqual({ destroyed: true, snippetRemoved: true });
    expect(env.sim.vm(11_001)).toBeUndefined();
    expect(env.sim.volumes({ vmid: 11_001 })).toEqual([]);
    expect(existsSync(join(env.sim.snippetsDir('pve1'), snippet))).toBe(false);
    const again = (
      await destroyVm(env.root, {
        vmid: 11_001,
        node: 'pve1',
        snippet: { store: env.snippets, filename: snippet },
      })
    )._unsafeUnwrap();
    expect(again).toEqual({ destroyed: false, snippetRemoved: true });
    const del = env.sim.requests().find((q) => q.method === 'DELETE');
    expect(del?.params).toMatchObject({ purge: '1', 'destroy-unreferenced-disks': '1' });
  });

  it('destroys a hibernated VM (resume, stop, delete)', async () => {
    (await provisionVm(env.root, provisionParams(env, 2n, 11_002)))._unsafeUnwrap();
    (await suspendVm(env.root, { node: 'pve1', vmid: 11_002, mode: 'hibernate' }))._unsafeUnwrap();
    expect((await destroyVm(env.root, { vmid: 11_002 }))._unsafeUnwrap().destroyed).toBe(true);
    expect(env.sim.volumes({ vmid: 11_002 })).toEqual([]);
  });
});

describe('placement on a cluster', () => {
  let env: Env;
  beforeAll(async () => {
    env = await startEnv({
      nodes: [
        { name: 'pve1', memoryMiB: 8192, cores: 4 },
        { name: 'pve2', memoryMiB: 16_384, cores: 8 },
        { name: 'pve3', memoryMiB: 4096, cores: 2, storageGiB: { local: 10, 'local-lvm': 10 } },
      ],
    });
  });
  afterAll(() => env.close());
  const needs = { cores: 2, memoryMiB: 4096, diskGiB: 20, storage: 'local-lvm' };

  it('puts a plan on the node with most free memory, counting what VMs there commit', async () => {
    expect(
      (await placeVm(env.root, { nodes: ['pve1', 'pve2', 'pve3'], needs }))._unsafeUnwrap().node,
    ).toBe('pve2');
    env.sim.seedTemplate({ vmid: 500, node: 'pve2', name: 'x' });
    // Make that VM a normal stopped VM of 12 GiB on pve2.
    (await configureVmMemory(env, 'pve2', 500, 12_288))._unsafeUnwrap();
    expect(
      (await placeVm(env.root, { nodes: ['pve1', 'pve2', 'pve3'], needs }))._unsafeUnwrap().node,
    ).toBe('pve1');
  });

  it('fails with a typed error naming the plan when no node has room', async () => {
    const e = (
      await placeVm(env.root, {
        nodes: ['pve1', 'pve2', 'pve3'],
        needs: { ...needs, memoryMiB: 32_768 },
      })
    )._unsafeUnwrapErr();
    expect(e).toBeInstanceOf(NoNodeFitsError);
    expect(e.shortMessage).toBe(
      'no node has room for a VM with 2 cores, 32768 MiB memory and 20 GiB on local-lvm',
    );
    expect(Object.keys((e as NoNodeFitsError).reasons)).toEqual(['pve1', 'pve2', 'pve3']);
  });

  it('rotates with round-robin and skips an offline node', async () => {
    const small = { ...needs, memoryMiB: 1024, diskGiB: 5 };
    const picks: string[] = [];
    for (let i = 0; i < 3; i++)
      picks.push(
        (
          await placeVm(env.root, {
            nodes: ['pve1', 'pve2', 'pve3'],
            needs: small,
            strategy: 'round-robin',
          })
        )._unsafeUnwrap().node,
      );
    expect(picks).toEqual(['pve1', 'pve2', 'pve3']);
    env.sim.faults.nodeOnline('pve1', false);
    expect(
      (
        await placeVm(env.root, {
          nodes: ['pve1', 'pve2', 'pve3'],
          needs: small,
          strategy: 'first',
        })
      )._unsafeUnwrap().node,
    ).toBe('pve2');
    env.sim.faults.nodeOnline('pve1', true);
  });
});

async function configureVmMemory(env: Env, node: string, vmid: number, memoryMiB: number) {
  const { pveCall } = await import('@blockhost/proxmox');
  return pveCall(env.root, (api) =>
    api.nodes
      .$(node)
      .qemu.$(vmid)
      .config.$put({ memory: String(memoryMiB), delete: 'template' } as never),
  );
}

describe('template build', () => {
  let env: Env;
  const image = new TextEncoder().encode('pretend this is a qcow2 image');
  const url =
    'https://cloud.debian.org/images/cloud/trixie/latest/debian-13-genericcloud-amd64.qcow2';
  beforeAll(async () => {
    env = await startEnv({
      template: undefined,
      downloads: {
        [url]: { data: image },
        'https://example.invalid/gone.qcow2': { error: '404 Not Found' },
      },
    });
  });
  afterAll(() => env.close());
  afterEach(() => env.sim.clearRequests());

  const params = {
    node: 'pve1',
    vmid: 9100,
    name: 'blockhost-debian-13',
    image: {
      url,
      filename: 'debian-13-genericcloud-amd64.qcow2',
      checksum: { algorithm: 'sha256' as const, value: '' },
    },
    storage: 'local-lvm',
    bridge: 'vmbr0',
    diskGiB: 4,
  };

  it('downloads the image, imports it, adds cloud-init, serial and agent, and converts to a template', async () => {
    const { createHash } = await import('node:crypto');
    params.image.checksum.value = createHash('sha256').update(image).digest('hex');
    const r = (await buildTemplate(env.root, params))._unsafeUnwrap();
    // Tagged after the create: a create checks tags on /vms/<vmid>, outside any pool.
    expect(r.steps).toEqual(['download', 'create', 'tag', 'resize', 'template']);
    const vm = env.sim.vm(9100)!;
    expect(vm.template).toBe(true);
    expect(vm.config).toMatchObject({
      tags: 'blockhost-template',
      scsi0: 'local-lvm:base-9100-disk-0,discard=on,size=4G',
      ide2: 'local-lvm:vm-9100-cloudinit,media=cdrom',
      serial0: 'socket',
      vga: 'serial0',
      agent: 'enabled=1',
      boot: 'order=scsi0',
    });
    expect(env.sim.volumes({ storage: 'local' }).map((v) => v.volid)).toEqual([
      'local:import/debian-13-genericcloud-amd64.qcow2',
    ]);
    const create = env.sim
      .requests()
      .find((q) => q.method === 'POST' && q.path === '/api2/json/nodes/pve1/qemu');
    expect(create?.params.scsi0).toBe(
      'local-lvm:0,import-from=local:import/debian-13-genericcloud-amd64.qcow2,discard=on',
    );
  });

  it('leaves a complete template alone', async () => {
    expect((await buildTemplate(env.root, params))._unsafeUnwrap().steps).toEqual([]);
    expect(env.sim.requests().filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it('provisions from the built template', async () => {
    const r = await provisionVm(env.root, {
      ...provisionParams(env, 1n, 12_001),
      template: { vmid: 9100, node: 'pve1' },
    });
    expect(r._unsafeUnwrap().created).toBe(true);
    expect(
      (await getVmStatus(env.root, { node: 'pve1', vmid: 12_001 }))._unsafeUnwrap().status,
    ).toBe('running');
  });

  it('fails a download with the task log tail, and a bad checksum likewise', async () => {
    const gone = (
      await buildTemplate(env.root, {
        ...params,
        vmid: 9101,
        name: 'gone',
        image: { url: 'https://example.invalid/gone.qcow2', filename: 'gone.qcow2' },
      })
    )._unsafeUnwrapErr();
    expect(gone).toBeInstanceOf(PveTaskError);
    expect((gone as PveTaskError).logTail.at(-1)).toBe(
      'TASK ERROR: download failed: 404 Not Found',
    );
    const bad = (
      await buildTemplate(env.root, {
        ...params,
        vmid: 9102,
        name: 'bad',
        image: {
          ...params.image,
          filename: 'other.qcow2',
          checksum: { algorithm: 'sha256', value: '00'.repeat(32) },
        },
      })
    )._unsafeUnwrapErr();
    expect((bad as PveTaskError).exitstatus).toMatch(/^checksum mismatch/);
    expect(env.sim.vm(9101)).toBeUndefined();
  });
});

describe('clones are serialised per storage', () => {
  it('runs one clone at a time per node/storage by default, N when configured', async () => {
    for (const [limit, expected] of [
      [1, 1],
      [3, 3],
    ] as const) {
      const env = await startEnv({ taskMs: { qmclone: 40 } }, { clonesPerStorage: limit });
      const runs = [1n, 2n, 3n, 4n, 5n, 6n].map((sub) =>
        provisionVm(env.root, {
          ...provisionParams(env, sub, 13_000 + Number(sub)),
          agentTimeoutMs: 0,
        }),
      );
      for (const r of await Promise.all(runs)) expect(r.isOk()).toBe(true);
      expect(env.sim.cloneConcurrency()).toEqual({ 'pve1/local-lvm': expected });
      const cfg = (await getVmConfig(env.root, { node: 'pve1', vmid: 13_006 }))._unsafeUnwrap();
      expect(cfg.name).toBe('bh-31337-5fbdb231-6');
      await env.close();
    }
  });
});

void GiB;
