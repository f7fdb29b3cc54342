/** blockhost-vm-login install/uninstall into a directory tree (--root), via the bundled program and the library. */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { renderVmLoginConfig, WALLET_GROUP } from '../src/config/config.js';
import { vmLoginCloudInit } from '../src/install/cloud-init.js';
import {
  HELPER_CODE_CACHES,
  HELPER_CODE_FILES,
  HELPER_NAMES,
  LIB_DIR,
  PAM_SNIPPET_PATH,
  SIGNER_UNIT_PATH,
  SIGNING_TLS_CERT_PATH,
  SIGNING_TLS_KEY_PATH,
  SSHD_DROPIN_PATH,
  TMPFILES_PATH,
  vmLoginFiles,
} from '../src/install/files.js';
import { type CommandRunner, installVmLogin, uninstallVmLogin } from '../src/install/install.js';
import { deriveSigningTls } from '../src/tls/signing-identity.js';
import { buildBundles, removeBundles } from './harness/bundles.js';

let bundles: string;
let tmp: string;
let root: string;
const DEBIAN_PAM_SSHD = readFileSync('/etc/pam.d/sshd', 'utf8');
const config = {
  chainId: 11155111,
  host: 'vm-5.example.net',
  rpcUrls: ['https://rpc.example/k'],
  // The signing page needs TLS beyond loopback; the installer only names the files.
  signing: { tlsCert: SIGNING_TLS_CERT_PATH, tlsKey: SIGNING_TLS_KEY_PATH },
};

beforeAll(async () => {
  bundles = await buildBundles();
});
afterAll(() => removeBundles());

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'bh-install-'));
  root = join(tmp, 'root');
  mkdirSync(join(root, 'etc/pam.d'), { recursive: true });
  copyFileSync('/etc/pam.d/sshd', join(root, 'etc/pam.d/sshd'));
  for (const f of ['group', 'gshadow', 'passwd', 'shadow'])
    copyFileSync(`/etc/${f}`, join(root, 'etc', f));
  writeFileSync(join(tmp, 'cfg.json'), JSON.stringify(config));
  return () => rmSync(tmp, { recursive: true, force: true });
});

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(bundles, 'blockhost-vm-login'), ...args], { encoding: 'utf8' });
const at = (p: string) => join(root, p);
const mode = (p: string) => statSync(at(p)).mode & 0o777;

describe('blockhost-vm-login install --root', () => {
  it('writes every file with its mode, hooks PAM before common-auth, creates the group', () => {
    const r = cli('install', '--root', root, '--config', join(tmp, 'cfg.json'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    for (const n of HELPER_NAMES) expect(mode(`${LIB_DIR}/${n}`)).toBe(0o755);
    for (const n of HELPER_CODE_FILES) expect(mode(`${LIB_DIR}/${n}`)).toBe(0o644);
    expect(
      readFileSync(at(`${LIB_DIR}/pam-challenge`), 'utf8').startsWith('#!/usr/bin/node\n'),
    ).toBe(true);
    // The warm-up login ran the installed helpers and left their code caches.
    expect(r.stdout).toContain('ran     warm-up login');
    for (const n of HELPER_CODE_CACHES) {
      expect(r.stdout).toContain(`wrote   ${LIB_DIR}/${n}`);
      expect(statSync(at(`${LIB_DIR}/${n}`)).size).toBeGreaterThan(1000);
    }
    expect(JSON.parse(readFileSync(at(`${LIB_DIR}/package.json`), 'utf8'))).toEqual({
      type: 'commonjs',
    });
    expect(mode('/etc/blockhost/vm-login.json')).toBe(0o600);
    expect(JSON.parse(readFileSync(at('/etc/blockhost/vm-login.json'), 'utf8'))).toEqual(config);
    for (const p of [PAM_SNIPPET_PATH, SSHD_DROPIN_PATH, SIGNER_UNIT_PATH, TMPFILES_PATH])
      expect(mode(p)).toBe(0o644);
    const pam = readFileSync(at('/etc/pam.d/sshd'), 'utf8').split('\n');
    const include = pam.indexOf('@include blockhost-wallet-auth');
    expect(include).toBeGreaterThan(0);
    expect(include).toBeLessThan(pam.indexOf('@include common-auth'));
    expect(readFileSync(at('/etc/group'), 'utf8')).toMatch(
      new RegExp(`^${WALLET_GROUP}:x:\\d+:$`, 'm'),
    );
    expect(readFileSync(at(SSHD_DROPIN_PATH), 'utf8')).toContain(
      `Match Group ${WALLET_GROUP}\n    AuthenticationMethods keyboard-interactive`,
    );
    expect(readFileSync(at(SIGNER_UNIT_PATH), 'utf8')).toContain(
      `ExecStart=/usr/bin/node ${LIB_DIR}/blockhost-login-signer --config /etc/blockhost/vm-login.json`,
    );
  });

  it('is idempotent: a second install changes nothing in PAM or the group', () => {
    expect(cli('install', '--root', root, '--config', join(tmp, 'cfg.json')).status).toBe(0);
    const pam = readFileSync(at('/etc/pam.d/sshd'), 'utf8');
    const group = readFileSync(at('/etc/group'), 'utf8');
    expect(cli('install', '--root', root).status).toBe(0);
    expect(readFileSync(at('/etc/pam.d/sshd'), 'utf8')).toBe(pam);
    expect(readFileSync(at('/etc/group'), 'utf8')).toBe(group);
  });

  it('uninstall removes everything and restores /etc/pam.d/sshd exactly', () => {
    expect(cli('install', '--root', root, '--config', join(tmp, 'cfg.json')).status).toBe(0);
    const r = cli('uninstall', '--root', root);
    expect(r.status).toBe(0);
    expect(readFileSync(at('/etc/pam.d/sshd'), 'utf8')).toBe(DEBIAN_PAM_SSHD);
    for (const p of [
      PAM_SNIPPET_PATH,
      SSHD_DROPIN_PATH,
      SIGNER_UNIT_PATH,
      TMPFILES_PATH,
      '/etc/blockhost/vm-login.json',
    ])
      expect(existsSync(at(p))).toBe(false);
    for (const n of [...HELPER_NAMES, ...HELPER_CODE_FILES, ...HELPER_CODE_CACHES])
      expect(existsSync(at(`${LIB_DIR}/${n}`))).toBe(false);
  });

  it('--no-warm-up installs without running the helpers (no caches yet)', () => {
    const r = cli('install', '--root', root, '--config', join(tmp, 'cfg.json'), '--no-warm-up');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('warm-up');
    for (const n of HELPER_CODE_CACHES) expect(existsSync(at(`${LIB_DIR}/${n}`))).toBe(false);
  });

  it('a warm-up that cannot run the helpers is a warning, not a failed install', () => {
    const r = installVmLogin({
      root,
      bundleDir: bundles,
      configText: JSON.stringify(config),
      activate: false,
      run: (cmd, args) => ({ status: spawnSync(cmd, [...args]).status ?? 1, output: '' }),
      warmUpWith: () => ({ caches: [], problem: 'pam-challenge: exit 1' }),
    });
    expect(r._unsafeUnwrap().warnings).toEqual(['warm-up login failed: pam-challenge: exit 1']);
  });

  it('refuses without a config, with a bad config, and with bad arguments', () => {
    const none = cli('install', '--root', root);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('vm-login.json');
    writeFileSync(join(tmp, 'bad.json'), '{"chainId":1,"challengeTtlSeconds":999}');
    const bad = cli('install', '--root', root, '--config', join(tmp, 'bad.json'));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('challengeTtlSeconds');
    expect(existsSync(at(SSHD_DROPIN_PATH))).toBe(false);
    expect(cli('install', '--frobnicate').status).toBe(2);
    expect(cli('reinstall').status).toBe(2);
    expect(cli('--help').stdout).toContain('usage: blockhost-vm-login');
  });

  it('without the signing service no unit is installed', () => {
    writeFileSync(
      join(tmp, 'cfg.json'),
      JSON.stringify({ ...config, signing: { enabled: false } }),
    );
    expect(cli('install', '--root', root, '--config', join(tmp, 'cfg.json')).status).toBe(0);
    expect(existsSync(at(SIGNER_UNIT_PATH))).toBe(false);
  });
});

describe('installVmLogin on a live system (activate)', () => {
  it('rolls the sshd and PAM changes back when sshd -t fails', () => {
    const ran: string[] = [];
    const run: CommandRunner = (cmd, args) => {
      ran.push([cmd, ...args].join(' '));
      if (cmd === 'groupadd')
        return spawnSync(cmd, [...args], { encoding: 'utf8' }).status === 0
          ? { status: 0, output: '' }
          : { status: 1, output: 'groupadd failed' };
      return cmd.endsWith('sshd')
        ? { status: 255, output: 'line 3: Bad configuration option' }
        : { status: 0, output: '' };
    };
    const r = installVmLogin({
      root,
      bundleDir: bundles,
      configText: JSON.stringify(config),
      activate: true,
      run,
    });
    expect(r._unsafeUnwrapErr().shortMessage).toContain('rolled back');
    expect(r._unsafeUnwrapErr().details).toContain('Bad configuration option');
    expect(existsSync(at(SSHD_DROPIN_PATH))).toBe(false);
    expect(readFileSync(at('/etc/pam.d/sshd'), 'utf8')).toBe(DEBIAN_PAM_SSHD);
    expect(ran).toContain('/usr/sbin/sshd -t');
    expect(ran.some((c) => c.startsWith('systemctl'))).toBe(false);
  });

  it('validates, reloads sshd and enables the service when systemd runs', () => {
    mkdirSync(at('/run/systemd/system'), { recursive: true });
    const ran: string[] = [];
    const run: CommandRunner = (cmd, args) => {
      ran.push([cmd, ...args].join(' '));
      if (cmd === 'groupadd') spawnSync(cmd, [...args]);
      return { status: 0, output: '' };
    };
    const r = installVmLogin({
      root,
      bundleDir: bundles,
      configText: JSON.stringify(config),
      activate: true,
      run,
    });
    expect(r.isOk()).toBe(true);
    expect(ran).toEqual([
      `groupadd --prefix ${root} --system ${WALLET_GROUP}`,
      '/usr/sbin/sshd -t',
      `systemd-tmpfiles --create ${TMPFILES_PATH}`,
      'systemctl daemon-reload',
      'systemctl reload-or-restart ssh.service',
      'systemctl enable --now blockhost-login-signer.service',
    ]);
    ran.length = 0;
    expect(uninstallVmLogin({ root, activate: true, run }).isOk()).toBe(true);
    expect(ran).toEqual([
      'systemctl disable --now blockhost-login-signer.service',
      'systemctl daemon-reload',
      'systemctl reload-or-restart ssh.service',
    ]);
  });
});

describe('vmLoginFiles (data for cloud-init write_files)', () => {
  it('returns config, system files and bundles with absolute paths and modes', () => {
    const files = vmLoginFiles({ config, bundleDir: bundles })._unsafeUnwrap();
    const byPath = new Map(files.map((f) => [f.path, f]));
    expect(byPath.get('/etc/blockhost/vm-login.json')?.content).toBe(
      renderVmLoginConfig(config)._unsafeUnwrap().content,
    );
    for (const p of [PAM_SNIPPET_PATH, SSHD_DROPIN_PATH, SIGNER_UNIT_PATH, TMPFILES_PATH])
      expect(byPath.has(p)).toBe(true);
    for (const n of HELPER_NAMES) expect(byPath.get(`${LIB_DIR}/${n}`)?.mode).toBe(0o755);
    for (const f of files) expect(f.path.startsWith('/')).toBe(true);
    expect(vmLoginFiles({ config: { chainId: -1 }, bundleDir: bundles }).isErr()).toBe(true);
    expect(vmLoginFiles({ config, bundleDir: join(tmp, 'nowhere') }).isErr()).toBe(true);
  });

  it('with a TLS identity: cert 0644, key 0600, the config names both and the fingerprint, the page is on', () => {
    const signingTls = deriveSigningTls({
      secret: new Uint8Array(32).fill(9),
      hostName: 'vm-5.example.net',
    });
    const plain = { chainId: 11155111, host: 'vm-5.example.net' };
    // Without TLS the page would be plain HTTP beyond loopback: it stays off, no unit.
    const without = vmLoginFiles({ config: plain, bundleDir: bundles })._unsafeUnwrap();
    expect(without.some((f) => f.path === SIGNER_UNIT_PATH)).toBe(false);
    const files = vmLoginFiles({ config: plain, bundleDir: bundles, signingTls })._unsafeUnwrap();
    const byPath = new Map(files.map((f) => [f.path, f]));
    expect(byPath.get(SIGNING_TLS_CERT_PATH)).toEqual({
      path: SIGNING_TLS_CERT_PATH,
      content: signingTls.certPem,
      mode: 0o644,
    });
    expect(byPath.get(SIGNING_TLS_KEY_PATH)).toEqual({
      path: SIGNING_TLS_KEY_PATH,
      content: signingTls.keyPem,
      mode: 0o600,
    });
    expect(JSON.parse(byPath.get('/etc/blockhost/vm-login.json')?.content ?? '')).toEqual({
      ...plain,
      signing: {
        tlsCert: SIGNING_TLS_CERT_PATH,
        tlsKey: SIGNING_TLS_KEY_PATH,
        tlsFingerprint: signingTls.fingerprint,
      },
    });
    expect(byPath.has(SIGNER_UNIT_PATH)).toBe(true);
    // The cloud-init recipe carries the same files (the key 0600).
    const ci = vmLoginCloudInit({ config: plain, bundleDir: bundles, signingTls })._unsafeUnwrap();
    expect(ci.writeFiles.find((f) => f.path === SIGNING_TLS_KEY_PATH)).toEqual({
      path: SIGNING_TLS_KEY_PATH,
      content: signingTls.keyPem,
      permissions: '0600',
    });
  });
});
