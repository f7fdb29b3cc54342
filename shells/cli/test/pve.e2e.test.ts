/**
 * Setting a fresh Proxmox up the way an operator does: `pve setup-token` with
 * an administrator token, then `template build`, against the simulator
 * (HTTPS, pinned certificate, PVE's permission model).
 */
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@blockhost/devstack';
import { createPveClient } from '@blockhost/proxmox';
import { type PveSimulator, startPveSimulator } from '@blockhost/pve-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cli,
  type Json,
  makeConfigDir,
  removeTempDirs,
  tempFile,
  variantConfig,
} from './helpers.js';

let sim: PveSimulator;
let dir: string;
let adminFile: string;
let tokenFile: string;
const BAD_URL = 'https://images.example/missing.qcow2';

const blockhostYaml = (tokenPath: string) =>
  [
    '# BlockHost host config: written by hand, comments must survive the CLI',
    `server_key_file: ${join(dir, 'secrets', 'server.key')}`,
    'proxmox:',
    `  api_url: ${sim.url}`,
    `  tls_fingerprint: "${sim.tls!.fingerprint256}"`,
    `  token_file: ${tokenPath}  # written by blockhost pve setup-token`,
    '  nodes: [pve1]',
    '  template_vmid: 9000',
    '  storage: local-lvm',
    `  snippets_dir: ${sim.snippetsDir('pve1')}`,
    '',
  ].join('\n');

/** Whether the simulator accepts `secret` for BlockHost's token. */
async function tokenWorks(secret: string): Promise<boolean> {
  const c = createPveClient({
    url: sim.url,
    tokenId: 'blockhost@pve!blockhost',
    tokenSecret: secret,
    fingerprint: sim.tls!.fingerprint256,
    retry: { attempts: 1 },
  })._unsafeUnwrap();
  const r = await c.api.version.$get().then(
    () => true,
    () => false,
  );
  await c.close();
  return r;
}

beforeAll(async () => {
  sim = await startPveSimulator({
    https: true,
    nodes: [{ name: 'pve1' }],
    downloads: { [BAD_URL]: { error: '404 Not Found' } },
  });
  dir = makeConfigDir();
  tokenFile = join(dir, 'pve', 'pve-token');
  writeFileSync(join(dir, 'blockhost.yaml'), blockhostYaml(tokenFile));
  adminFile = tempFile('admin-token', `${sim.rootToken.id}=${sim.rootToken.secret}\n`);
}, 60_000);

afterAll(async () => {
  await sim?.close();
  removeTempDirs();
});

const setup = (extra: string[] = [], o: { stdin?: string; configDir?: string } = {}) =>
  cli(
    ['pve', 'setup-token', '--config-dir', o.configDir ?? dir, ...extra],
    o.stdin === undefined ? {} : { stdin: o.stdin },
  );

describe('blockhost pve setup-token', () => {
  it('refuses an admin token file other users can read', async () => {
    const loose = tempFile('admin-token', `${sim.rootToken.id}=${sim.rootToken.secret}\n`, 0o644);
    const r = await setup(['--admin-token-file', loose]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is readable by other users (mode 644)');
    expect(r.stderr).not.toContain(sim.rootToken.secret);
  });

  it('refuses a credential that is not a token, without echoing it', async () => {
    const r = await setup([], { stdin: 'root:hunter2-password\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'the admin credential is not a token: expected an API token as `user@realm!name=secret`',
    );
    expect(r.stderr).not.toContain('hunter2');
  });

  it('a wrong admin secret is exit 1 naming the authentication failure', async () => {
    const r = await setup([], {
      stdin: `${sim.rootToken.id}=00000000-0000-0000-0000-000000000000`,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /setting up Proxmox access with the admin token: .*authentication failed/,
    );
  });

  it('an admin token without the rights is exit 1 saying which token to use', async () => {
    sim.access.createUser('auditor@pve');
    const t = sim.access.createToken('auditor@pve', 'ro', { privsep: false });
    sim.access.grant(t.id, 'Auditor', ['Sys.Audit', 'VM.Audit'], ['/']);
    const r = await setup([], { stdin: `${t.id}=${t.secret}` });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /setting up Proxmox access: the admin token may not do this \(.*lacks/,
    );
    expect(r.stderr).toContain('hint: use an administrator token without privilege separation');
  });

  it('creates role, user, token and ACLs; writes the secret 0600 and the token id (comments kept)', async () => {
    const r = await setup(['--admin-token-file', adminFile, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = r.json<Json>();
    expect(Object.keys(j)).toEqual([
      'changed',
      'role',
      'user',
      'token',
      'pool',
      'members',
      'outside',
      'acls',
      'config',
      'check',
    ]);
    expect(j).toMatchObject({
      changed: true,
      role: { id: 'BlockHost', change: 'created' },
      user: { id: 'blockhost@pve', change: 'created' },
      token: {
        id: 'blockhost@pve!blockhost',
        change: 'created',
        privilegeSeparation: true,
        secretWritten: true,
        tokenFile,
      },
      config: { file: join(dir, 'blockhost.yaml'), tokenIdUpdated: true },
      check: { missing: [], extra: [] },
      pool: { id: 'blockhost', change: 'created' },
      outside: [],
    });
    expect(j.role.privileges).toContain('VM.Clone');
    // The pool (its VMs and storages), the node, the bridge: nothing on /vms or /.
    expect(j.acls.map((a: { path: string }) => a.path)).toEqual([
      '/nodes/pve1',
      '/pool/blockhost',
      '/sdn/zones/localnetwork/vmbr0',
    ]);
    expect(j.members).toEqual([
      { type: 'storage', id: 'local', change: 'created' },
      { type: 'storage', id: 'local-lvm', change: 'created' },
    ]);
    expect(j.acls.every((a: { change: string }) => a.change === 'created')).toBe(true);

    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const secret = readFileSync(tokenFile, 'utf8').trim();
    expect(r.stdout).not.toContain(secret);
    expect(await tokenWorks(secret)).toBe(true);
    expect(sim.access.privileges('blockhost@pve!blockhost', '/')).toEqual([]);
    // Outside the pool the token only reads (BlockHostAudit), so recovery sees every address.
    expect(sim.access.privileges('blockhost@pve!blockhost', '/vms/12345')).toEqual(['VM.Audit']);

    const yaml = readFileSync(join(dir, 'blockhost.yaml'), 'utf8');
    expect(yaml).toContain(
      '# BlockHost host config: written by hand, comments must survive the CLI',
    );
    expect(yaml).toContain('# written by blockhost pve setup-token');
    expect(yaml).toMatch(/token_id: blockhost@pve!blockhost/);
    expect((await cli(['config', 'validate', '--config-dir', dir])).code).toBe(0);
  });

  it('a second run (admin token on stdin) changes nothing and says so', async () => {
    const before = { text: readFileSync(tokenFile, 'utf8'), mtime: statSync(tokenFile).mtimeMs };
    const yamlBefore = readFileSync(join(dir, 'blockhost.yaml'), 'utf8');
    const r = await setup([], {
      stdin: `PVEAPIToken=${sim.rootToken.id}=${sim.rootToken.secret}\n`,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^OBJECT\s+ID\s+CHANGE\s+DETAIL$/m);
    expect(r.stdout).toMatch(/^token\s+blockhost@pve!blockhost\s+unchanged/m);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(
      'nothing changed: blockhost@pve!blockhost was already set up and holds the privileges BlockHost needs',
    );
    expect(readFileSync(tokenFile, 'utf8')).toBe(before.text);
    expect(statSync(tokenFile).mtimeMs).toBe(before.mtime);
    expect(readFileSync(join(dir, 'blockhost.yaml'), 'utf8')).toBe(yamlBefore);
    const json = (
      await setup(['--json'], { stdin: `${sim.rootToken.id} ${sim.rootToken.secret}` })
    ).json<Json>();
    expect(json.changed).toBe(false);
    expect(json.token).toMatchObject({ change: 'unchanged', secretWritten: false });
  });

  it('a lost token file needs --regenerate, which asks first and then replaces the secret', async () => {
    const old = readFileSync(tokenFile, 'utf8').trim();
    rmSync(tokenFile);
    const lost = await setup(['--admin-token-file', adminFile]);
    expect(lost.code).toBe(1);
    expect(lost.stderr).toContain(
      `token blockhost@pve!blockhost exists, but its secret is not in ${tokenFile}`,
    );
    expect(lost.stderr).toContain('hint: run again with --regenerate');

    const asked = await setup(['--admin-token-file', adminFile, '--regenerate']);
    expect(asked.code).toBe(2);
    expect(asked.stderr).toContain('refused without a terminal');

    const r = await setup(['--admin-token-file', adminFile, '--regenerate', '--yes', '--json']);
    expect(r.code).toBe(0);
    expect(r.json<Json>().token).toMatchObject({ change: 'updated', secretWritten: true });
    const fresh = readFileSync(tokenFile, 'utf8').trim();
    expect(fresh).not.toBe(old);
    expect(await tokenWorks(fresh)).toBe(true);
    expect(await tokenWorks(old)).toBe(false);
  });

  it('Proxmox unreachable is exit 1 with what to check', async () => {
    const port = await freePort();
    const off = variantConfig(dir, {
      blockhost: (d) => d.setIn(['proxmox', 'api_url'], `https://127.0.0.1:${port}`),
    });
    const r = await setup(['--admin-token-file', adminFile], { configDir: off });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no answer from the Proxmox API/);
    expect(r.stderr).toContain('hint: check proxmox.api_url and that pveproxy runs on the host');
  });

  it('names every problem of blockhost.yaml before asking Proxmox anything (exit 2)', async () => {
    const broken = variantConfig(dir, { blockhost: (d) => d.setIn(['proxmox', 'nodes'], []) });
    const r = await setup(['--admin-token-file', adminFile], { configDir: broken });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/blockhost\.yaml:\d+: proxmox\.nodes: /);
  });
});

describe('blockhost template build', () => {
  it('downloads the image, creates the VM and converts it to a template (--json)', async () => {
    expect(sim.vm(9000)).toBeUndefined();
    const r = await cli(['template', 'build', '--disk', '12', '--json', '--config-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({
      vmid: 9000,
      node: 'pve1',
      name: 'blockhost-debian-13',
      changed: true,
      steps: ['download', 'create', 'tag', 'resize', 'template'],
      image: {
        url: 'https://cloud.debian.org/images/cloud/trixie/latest/debian-13-genericcloud-amd64.qcow2',
        filename: 'debian-13-genericcloud-amd64.qcow2',
        storage: 'local',
        checksumVerified: false,
      },
    });
    const t = sim.vm(9000)!;
    expect(t.template).toBe(true);
    // Built with BlockHost's token, into its pool: the token manages it, and only through the pool.
    expect(sim.access.pools().blockhost!.vms).toEqual([9000]);
    expect(t.config).toMatchObject({ agent: 'enabled=1', serial0: 'socket' });
    expect(t.config.ide2).toMatch(/cloudinit/);
  });

  it('a second run leaves the finished template alone and says so', async () => {
    const tasks = sim.tasks().length;
    const r = await cli(['template', 'build', '--config-dir', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'template 9000 (blockhost-debian-13) on pve1 is already complete; nothing changed\n',
    );
    expect(sim.tasks().length).toBe(tasks);
  });

  it('never touches a different VM at the VMID', async () => {
    const r = await cli(['template', 'build', '--name', 'other-image', '--config-dir', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "VMID 9000 is taken by 'blockhost-debian-13' on pve1, not the template 'other-image'",
    );
    expect(r.stderr).toContain('hint: inspect the VMs in the Proxmox UI');
  });

  it('a failed download is reported with the node’s reason', async () => {
    const other = variantConfig(dir, {
      blockhost: (d) => d.setIn(['proxmox', 'template_vmid'], 9001),
    });
    const r = await cli(['template', 'build', '--image-url', BAD_URL, '--config-dir', other]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/building template 9001 on pve1: .*404 Not Found/);
    expect(sim.vm(9001)).toBeUndefined();
  });

  it('checks its options before calling Proxmox (exit 2)', async () => {
    const cases: [string[], RegExp][] = [
      [['--checksum', 'md5:abc'], /--checksum: expected sha256:<64 hex> or sha512:<128 hex>/],
      [
        ['--image-url', 'https://x.example/image.iso'],
        /must end in \.qcow2, \.raw, \.img or \.vmdk/,
      ],
      [['--node', 'pve7'], /--node: pve7 is not in proxmox.nodes \(pve1\)/],
      [['--disk', '0'], /--disk: expected an integer 1\.\.65536/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(['template', 'build', ...args, '--config-dir', dir]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
  });

  it('after setup-token and template build, doctor finds the token and the template in order', async () => {
    mkdirSync(sim.snippetsDir('pve1'), { recursive: true });
    const r = await cli(['doctor', '--json', '--config-dir', dir]);
    const checks = r.json<{ checks: { id: string; status: string }[] }>().checks;
    const status = Object.fromEntries(checks.map((c) => [c.id, c.status]));
    expect(status).toMatchObject({
      proxmox: 'ok',
      token: 'ok',
      template: 'ok',
      storage: 'ok',
      bridge: 'ok',
    });
    // This host has no chain yet: doctor says so rather than passing.
    expect(status.rpc).toBe('fail');
    expect(r.code).toBe(1);
  });
});
