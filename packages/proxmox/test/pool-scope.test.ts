/**
 * BlockHost's token reaches its resource pool and nothing else: a VM the
 * operator runs beside BlockHost can not be changed, powered, entered through
 * the guest agent or destroyed with it — only read (`VM.Audit` on `/vms`, so
 * BlockHost never hands out an address that VM is configured with) — while
 * BlockHost's own VMs (pool members) can be managed in full.
 */
import {
  cloneVm,
  destroyVm,
  findVm,
  getVmConfig,
  guestExec,
  guestFileWrite,
  nextFreeVmid,
  type PveClient,
  PvePermissionError,
  provisionVm,
  pveCall,
  setupAccess,
  snippetFilename,
  startVm,
  stopVm,
  suspendVm,
} from '@blockhost/proxmox';
import { clientFor, type Env, provisionParams, startEnv } from '@blockhost/pve-fixtures';
import type { Result } from 'neverthrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SETUP = {
  pool: 'blockhost',
  nodes: ['pve1'],
  storages: ['local-lvm'],
  importStorage: 'local',
  bridges: ['vmbr0'],
  templateVmid: 9000,
};
const OPERATOR_VM = 777;

let env: Env;
let token: PveClient;

const ok = async <T, E>(r: PromiseLike<Result<T, E>>): Promise<T> => {
  const x = await r;
  if (x.isErr()) throw x.error;
  return x.value;
};

/** The error of a call that must be refused with a 403 on the operator's VM. */
async function refused<T, E>(r: PromiseLike<Result<T, E>>): Promise<PvePermissionError> {
  const x = await r;
  if (x.isOk()) throw new Error(`allowed: ${JSON.stringify(x.value)}`);
  expect(x.error).toBeInstanceOf(PvePermissionError);
  return x.error as PvePermissionError;
}

beforeAll(async () => {
  env = await startEnv({ shutdownTimeoutMs: 5 });
  const access = (await setupAccess(env.root, SETUP))._unsafeUnwrap();
  token = clientFor(env.sim, { id: access.token.id, secret: access.token.secret! });
  // The operator's own VM, made with an administrator's token, in no pool.
  await ok(
    cloneVm(env.root, { node: 'pve1', templateVmid: 9000, newid: OPERATOR_VM, name: 'erp' }),
  );
  await ok(startVm(env.root, { node: 'pve1', vmid: OPERATOR_VM }));
}, 30_000);

afterAll(async () => {
  await token?.close();
  await env?.close();
});

describe("the daemon's token and a VM outside its pool", () => {
  const loc = { node: 'pve1', vmid: OPERATOR_VM };

  it('can read its config and see it in the cluster (to avoid its addresses), nothing more', async () => {
    expect((await ok(getVmConfig(token, loc))).name).toBe('erp');
    expect((await ok(findVm(token, OPERATOR_VM)))?.vmid).toBe(OPERATOR_VM);
  });

  it('can not change its config', async () => {
    const e = await refused(
      pveCall(token, (api) =>
        api.nodes.$('pve1').qemu.$(OPERATOR_VM).config.$put({ description: 'mine now' }),
      ),
    );
    expect(e.aclPath).toBe(`/vms/${OPERATOR_VM}`);
  });

  it('can not stop, suspend or start it', async () => {
    await refused(stopVm(token, loc));
    await refused(suspendVm(token, { ...loc, shutdownTimeoutS: 1 }));
    expect(env.sim.vm(OPERATOR_VM)!.status).toBe('running');
    await ok(stopVm(env.root, loc));
    await refused(startVm(token, loc));
    expect(env.sim.vm(OPERATOR_VM)!.status).toBe('stopped');
    await ok(startVm(env.root, loc));
  });

  it('can not run a command in it or write a file through the guest agent', async () => {
    expect((await refused(guestExec(token, { ...loc, command: ['true'] }))).aclPath).toBe(
      `/vms/${OPERATOR_VM}`,
    );
    await refused(
      guestFileWrite(token, { ...loc, path: '/root/.ssh/authorized_keys', content: 'x' }),
    );
    expect(env.sim.agentLog(OPERATOR_VM).execs).toEqual([]);
  });

  it('can not destroy it', async () => {
    await refused(destroyVm(token, { ...loc }));
    await refused(
      pveCall(token, (api) => api.nodes.$('pve1').qemu.$(OPERATOR_VM).$delete({ purge: true })),
    );
    expect(env.sim.vm(OPERATOR_VM)).toBeDefined();
  });

  it('does not allocate its VMID', async () => {
    const range = { start: OPERATOR_VM, end: OPERATOR_VM + 5 };
    expect(await ok(nextFreeVmid(token, { range }))).toBe(OPERATOR_VM + 1);
  });
});

describe("the daemon's token and its own pool", () => {
  it('clones into the pool, then configures, powers, enters and destroys its VM', async () => {
    const vmid = await ok(nextFreeVmid(token, { range: { start: 20_000, end: 20_100 } }));
    const p = provisionParams(env, 5n, vmid, { pool: 'blockhost', agentTimeoutMs: 2000 });
    await ok(provisionVm(token, p));
    expect(env.sim.access.pools().blockhost!.vms).toEqual([9000, vmid]);
    const loc = { node: 'pve1', vmid };
    expect((await ok(guestExec(token, { ...loc, command: ['hostname'] }))).exitcode).toBe(0);
    await ok(
      pveCall(token, (api) => api.nodes.$('pve1').qemu.$(vmid).config.$put({ onboot: false })),
    );
    await ok(suspendVm(token, { ...loc, shutdownTimeoutS: 1 }));
    await ok(startVm(token, loc));
    await ok(
      destroyVm(token, {
        vmid,
        expect: { deployment: p.deployment, subscriptionId: 5n },
        snippet: { store: env.snippets, filename: snippetFilename('bh-31337-5fbdb231-5') },
      }),
    );
    // PVE's remove_vm_access: a destroyed VM leaves its pool.
    expect(env.sim.access.pools().blockhost!.vms).toEqual([9000]);
  });

  it('a clone that does not name the pool is refused: the new VMID is outside it', async () => {
    const e = await refused(
      cloneVm(token, { node: 'pve1', templateVmid: 9000, newid: 20_500, name: 'stray' }),
    );
    expect(e.privilege).toBe('VM.Allocate');
    expect(env.sim.vm(20_500)).toBeUndefined();
  });
});
