/**
 * The simulated guest's files: large contents (the login programs every VM gets) are kept once
 * in the state, however many VMs carry them, and still read back byte for byte; the state file
 * does not grow with each VM by the size of those programs.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { destroyVm, guestExec, provisionVm, renderUserData } from '@blockhost/proxmox';
import { type Env, OWNER, provisionParams, raw, startEnv } from '@blockhost/pve-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PROGRAM = randomBytes(300 * 1024); // like a bundled login helper
const dir = mkdtempSync(join(tmpdir(), 'pve-sim-files-'));
const statePath = join(dir, 'state.json');
let env: Env;

const userData = (sub: bigint) =>
  renderUserData({
    hostname: `bh-31337-5fbdb231-${sub}`,
    user: { name: 'user', wallet: OWNER },
    writeFiles: [
      { path: '/usr/lib/blockhost/pam-verify', content: PROGRAM, permissions: '0755' },
      { path: '/etc/blockhost/vm-login.json', content: `{"sub":${sub}}\n` },
    ],
  })._unsafeUnwrap();

beforeAll(async () => {
  env = await startEnv({ bootMs: 0, statePath });
});
afterAll(async () => {
  await env.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('guest files in the simulator state', () => {
  it('keep a large content once for many VMs, read back whole; destroyed VMs release it', async () => {
    const subs = [1n, 2n, 3n, 4n, 5n, 6n];
    for (const sub of subs) {
      const p = provisionParams(env, sub, 10_000 + Number(sub));
      const r = await provisionVm(env.root, {
        ...p,
        cloudInit: { ...p.cloudInit, userData: userData(sub) },
      });
      r._unsafeUnwrap({ withStackTrace: true });
    }
    env.sim.save();
    const size = statSync(statePath).size;
    // One copy (base64: 4/3 of the bytes), not six.
    expect(size).toBeGreaterThan(PROGRAM.length * 1.3);
    expect(size).toBeLessThan(PROGRAM.length * 2.5);
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as {
      blobs: Record<string, string>;
    };
    expect(Object.keys(state.blobs)).toHaveLength(1);

    // Tests see every file whole; the agent reads it whole; small files stay as they were.
    const vm = env.sim.vm(10_003)!;
    const file = vm.guest.files['/usr/lib/blockhost/pam-verify']!;
    expect(Buffer.from(file.contentBase64, 'base64').equals(PROGRAM)).toBe(true);
    expect(file.permissions).toBe('0755');
    const read = await raw(
      env.sim,
      'GET',
      `/nodes/pve1/qemu/10003/agent/file-read?${new URLSearchParams({ file: '/usr/lib/blockhost/pam-verify', decode: '0' })}`,
    );
    expect(read.status).toBe(200);
    expect(
      Buffer.from((read.body as { data: { content: string } }).data.content, 'base64').equals(
        PROGRAM,
      ),
    ).toBe(true);
    const cat = await guestExec(env.root, {
      node: 'pve1',
      vmid: 10_004,
      command: ['cat', '/etc/blockhost/vm-login.json'],
    });
    expect(cat._unsafeUnwrap().stdout).toBe('{"sub":4}\n');

    for (const sub of subs)
      (await destroyVm(env.root, { node: 'pve1', vmid: 10_000 + Number(sub) }))._unsafeUnwrap({
        withStackTrace: true,
      });
    env.sim.save();
    const after = JSON.parse(readFileSync(statePath, 'utf8')) as { blobs: Record<string, string> };
    expect(after.blobs).toEqual({});
  });
});
