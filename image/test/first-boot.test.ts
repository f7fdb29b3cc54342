/**
 * The first-boot hook: what Proxmox requires of the file, and its logic run
 * with dash against a fake root (BLOCKHOST_FIRSTBOOT_PREFIX). The install
 * medium is the real /blockhost tree of a built ISO; `useradd --prefix`,
 * sha256sum, cp are real. blkid/mount/umount, apt-get/dpkg, systemctl and
 * agetty are recording stand-ins: there is no block device, package
 * database or systemd to act on here. (The hook on a real block device, with
 * apt and systemd in a booted Debian 13 container: deb-operator-path.e2e.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkHook,
  FIRST_BOOT_MAX_BYTES,
  renderFirstBoot,
  WIZARD_ISSUE_FILE,
} from '../src/first-boot.js';
import { sha256 } from '../src/packages.js';
import {
  extractAll,
  listTree,
  makeDeb,
  makeSyntheticIso,
  removeTempDirs,
  runTool,
  tempDir,
  writeHashFile,
} from './helpers.js';

describe('the hook file', () => {
  const sums = sha256('x');

  it('fills in version, mode and the packages list hash, and stays a small sh script', () => {
    const hook = renderFirstBoot({
      version: '1.2.3~rc1',
      testing: true,
      sumsSha256: sums,
    })._unsafeUnwrap();
    expect(hook.startsWith('#!/bin/sh\n')).toBe(true);
    expect(hook).toContain("BLOCKHOST_VERSION='1.2.3~rc1'");
    expect(hook).toContain("TESTING='1'");
    expect(hook).toContain(`SUMS_SHA256='${sums}'`);
    expect(hook).not.toMatch(/'@[A-Z_]+@'/);
    expect(Buffer.byteLength(hook)).toBeLessThan(FIRST_BOOT_MAX_BYTES / 50);
    expect(spawnSync('dash', ['-n'], { input: hook }).status).toBe(0);
    expect(spawnSync('bash', ['--posix', '-n'], { input: hook }).status).toBe(0);
  });

  it('refuses what prepare-iso refuses', () => {
    expect(checkHook(Buffer.alloc(FIRST_BOOT_MAX_BYTES + 1, 0x23)).isErr()).toBe(true);
    expect(checkHook(Buffer.from('echo no shebang\n'))._unsafeUnwrapErr().message).toMatch(
      /#! line or to be an ELF/,
    );
    expect(checkHook(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1])).isOk()).toBe(true);
    expect(
      renderFirstBoot({ version: '1.0; rm -rf /', testing: false, sumsSha256: sums }).isErr(),
    ).toBe(true);
  });
});

let dir: string;
/** The /blockhost tree of a real built ISO, and its hook. */
let medium: string;
let hookRelease: string;
let hookTesting: string;
let otherMedium: string;

beforeAll(async () => {
  dir = tempDir();
  const stock = makeSyntheticIso(dir);
  const debs = join(dir, 'debs');
  mkdirSync(debs);
  makeDeb(debs, 'blockhost-host');
  makeDeb(debs, 'blockhost-vm-tools', '0.2');
  const out = join(dir, 'out');
  const common = [
    '--pve-iso',
    stock.path,
    '--packages',
    debs,
    '--assistant',
    'never',
    '--out',
    out,
  ];
  const r = await runTool([...common, '--root-password-hash-file', writeHashFile(dir)]);
  expect(r.code).toBe(0);
  const x = extractAll(join(out, 'blockhost_0.1.0.iso'), join(dir, 'iso-release'));
  medium = x;
  hookRelease = join(x, 'proxmox-first-boot');
  const t = await runTool([...common, '--testing']);
  expect(t.code).toBe(0);
  hookTesting = join(
    extractAll(join(out, 'blockhost_0.1.0.iso'), join(dir, 'iso-testing')),
    'proxmox-first-boot',
  );
  // another BlockHost build: same layout, different packages
  const debs2 = join(dir, 'debs2');
  mkdirSync(debs2);
  makeDeb(debs2, 'blockhost-host', '0.0.9');
  const out2 = join(dir, 'out2');
  expect(
    (
      await runTool([
        '--pve-iso',
        stock.path,
        '--packages',
        debs2,
        '--assistant',
        'never',
        '--out',
        out2,
        '--testing',
      ])
    ).code,
  ).toBe(0);
  otherMedium = extractAll(join(out2, 'blockhost_0.1.0.iso'), join(dir, 'iso-other'));
});

afterAll(removeTempDirs);

const STUBS = {
  blkid: 'printf "%s\\n" $STUB_DEVICES',
  mount: `for a; do dev=$dir_; dir_=$a; done
src="$STUB_MEDIA/$(basename "$dev")"
[ -d "$src" ] || exit 32
cp -R "$src/." "$dir_/"`,
  umount: 'find "$1" -mindepth 1 -delete',
  'apt-get': `if [ "$1" = install ]; then
  if [ -e "$STUB/apt-fail-once" ]; then rm -f "$STUB/apt-fail-once"; echo "E: Sub-process /usr/bin/dpkg returned an error code (1)" >&2; exit 100; fi
  for a; do case "$a" in *.deb) [ -f "$a" ] || { echo "E: Unsupported file $a" >&2; exit 100; } ;; esac; done
fi`,
  dpkg: 'true',
  agetty: 'true',
  systemctl: `case "$1" in
start) [ -z "$STUB_WIZARD_WRITES" ] || printf 'Open http://192.0.2.10/ and enter K7QP-M2XW\\n' > "$BLOCKHOST_FIRSTBOOT_PREFIX${WIZARD_ISSUE_FILE}" ;;
is-failed) [ -n "$STUB_WIZARD_FAILED" ] || exit 1 ;;
esac`,
};

interface Root {
  readonly prefix: string;
  readonly stub: string;
  readonly media: string;
}

/** A fake root with /etc/passwd etc., the stand-in commands, and a media directory. */
function fakeRoot(name: string): Root {
  const base = join(dir, `root-${name}`);
  const prefix = join(base, 'root');
  const stub = join(base, 'stub');
  const media = join(base, 'media');
  mkdirSync(join(prefix, 'etc'), { recursive: true });
  mkdirSync(stub, { recursive: true });
  mkdirSync(media);
  writeFileSync(join(prefix, 'etc', 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
  writeFileSync(join(prefix, 'etc', 'group'), 'root:x:0:\n');
  writeFileSync(join(prefix, 'etc', 'shadow'), 'root:*:19000:0:99999:7:::\n', { mode: 0o640 });
  writeFileSync(join(prefix, 'etc', 'gshadow'), 'root:*::\n', { mode: 0o640 });
  for (const [cmd, body] of Object.entries(STUBS)) {
    writeFileSync(join(stub, cmd), `#!/bin/sh\necho "${cmd} $*" >> "$STUB/calls"\n${body}\n`, {
      mode: 0o755,
    });
  }
  return { prefix, stub, media };
}

/** Puts a medium (an extracted ISO) behind a device name. */
function insert(root: Root, device: string, tree: string): void {
  execFileSync('cp', ['-R', tree, join(root.media, device)]);
}

interface HookRun {
  readonly code: number | null;
  readonly stderr: string;
  readonly calls: string[];
}

function runHook(
  root: Root,
  o: {
    hook?: string;
    devices?: string[];
    wizardWrites?: boolean;
    wizardFailed?: boolean;
    wait?: number;
  } = {},
): HookRun {
  rmSync(join(root.stub, 'calls'), { force: true });
  const r = spawnSync('dash', [o.hook ?? hookRelease, 'fully-up'], {
    encoding: 'utf8',
    env: {
      PATH: `${root.stub}:/usr/sbin:/usr/bin:/sbin:/bin`,
      BLOCKHOST_FIRSTBOOT_PREFIX: root.prefix,
      BLOCKHOST_FIRSTBOOT_WAIT: String(o.wait ?? 5),
      STUB: root.stub,
      STUB_MEDIA: root.media,
      STUB_DEVICES: (o.devices ?? []).map((d) => `/dev/${d}`).join(' '),
      STUB_WIZARD_WRITES: (o.wizardWrites ?? true) ? '1' : '',
      STUB_WIZARD_FAILED: o.wizardFailed ? '1' : '',
    },
  });
  const calls = existsSync(join(root.stub, 'calls'))
    ? readFileSync(join(root.stub, 'calls'), 'utf8').trim().split('\n')
    : [];
  return { code: r.status, stderr: r.stderr, calls };
}

const issue = (root: Root, name: string) => {
  const f = join(root.prefix, 'etc', 'issue.d', name);
  return existsSync(f) ? readFileSync(f, 'utf8') : undefined;
};
const users = (root: Root) =>
  readFileSync(join(root.prefix, 'etc', 'passwd'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('blockhost:'));
const staged = (root: Root) => {
  const d = join(root.prefix, 'var', 'lib', 'blockhost-install', 'medium');
  return existsSync(d) ? listTree(d) : [];
};

describe('the hook on a fake root', () => {
  it('finds the medium, stages and installs the packages, creates the user, starts the wizard', () => {
    const root = fakeRoot('happy');
    insert(root, 'sr0', medium);
    const r = runHook(root, { devices: ['sda', 'sr0'] });
    expect(r.stderr).toContain('copying the packages from /dev/sr0');
    expect(r.code).toBe(0);
    expect(staged(root)).toEqual([
      'SHA256SUMS',
      'packages/blockhost-host_1.0_all.deb',
      'packages/blockhost-vm-tools_0.2_all.deb',
    ]);
    const stage = join(root.prefix, 'var/lib/blockhost-install/medium');
    expect(
      readFileSync(join(stage, 'SHA256SUMS')).equals(
        readFileSync(join(medium, 'blockhost/SHA256SUMS')),
      ),
    ).toBe(true);
    expect(users(root)).toEqual([
      'blockhost:x:999:999:BlockHost:/var/lib/blockhost:/usr/sbin/nologin',
    ]);
    expect(r.calls).toEqual([
      'agetty --reload', // the "setup is running" line on the console
      expect.stringMatching(/^blkid -c \/dev\/null -o device -t TYPE=iso9660$/),
      expect.stringMatching(/^mount -o ro -t iso9660 \/dev\/sda /), // not a medium: cannot mount
      expect.stringMatching(
        /^mount -o ro -t iso9660 \/dev\/sr0 \S+\/run\/blockhost-install-medium$/,
      ),
      expect.stringMatching(/^umount /),
      'dpkg --configure -a',
      'apt-get update',
      `apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=600 nodejs ${stage}/packages/blockhost-host_1.0_all.deb ${stage}/packages/blockhost-vm-tools_0.2_all.deb`,
      'systemctl enable blockhost-wizard.service',
      'systemctl start blockhost-wizard.service',
      'agetty --reload', // the wizard's code replaces it
    ]);
    expect(issue(root, 'blockhost-wizard.issue')).toContain('K7QP-M2XW');
    expect(issue(root, 'blockhost-first-boot.issue')).toBeUndefined();
    expect(existsSync(join(root.prefix, 'etc/ssh/sshd_config.d/50-blockhost-testing.conf'))).toBe(
      false,
    );
    expect(listTree(join(root.prefix, 'run/blockhost-install-medium'))).toEqual([]);
  });

  it('runs again without redoing what is done', () => {
    const root = fakeRoot('twice');
    insert(root, 'sr0', medium);
    expect(runHook(root, { devices: ['sr0'] }).code).toBe(0);
    rmSync(join(root.media, 'sr0'), { recursive: true }); // the stick is gone now
    const again = runHook(root, { devices: [] });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('packages already staged');
    expect(again.calls.some((c) => c.startsWith('mount') || c.startsWith('blkid'))).toBe(false);
    expect(users(root)).toHaveLength(1);
    expect(again.calls.filter((c) => c.startsWith('apt-get install'))).toHaveLength(1);
  });

  it('a failed install exits 1, says so on the console, and the next boot finishes the job', () => {
    const root = fakeRoot('retry');
    insert(root, 'sdb', medium);
    writeFileSync(join(root.stub, 'apt-fail-once'), '');
    const first = runHook(root, { devices: ['sdb'] });
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('FAILED: apt-get install of the BlockHost packages failed');
    expect(issue(root, 'blockhost-first-boot.issue')).toMatch(
      /setup failed: .*It runs again at the next boot/,
    );
    expect(first.calls.some((c) => c.startsWith('systemctl'))).toBe(false);
    expect(staged(root)).toHaveLength(3); // kept for the retry
    const second = runHook(root, { devices: ['sdb'] });
    expect(second.code).toBe(0);
    expect(second.calls.some((c) => c.startsWith('mount'))).toBe(false);
    expect(issue(root, 'blockhost-first-boot.issue')).toBeUndefined();
    expect(issue(root, 'blockhost-wizard.issue')).toContain('K7QP-M2XW');
  });

  it('without the medium: exit 1 and a console message saying what to do', () => {
    const root = fakeRoot('absent');
    const r = runHook(root, { devices: [] });
    expect(r.code).toBe(1);
    expect(issue(root, 'blockhost-first-boot.issue')).toMatch(
      /install medium was not found: plug in the USB stick .* and reboot/,
    );
    expect(staged(root)).toEqual([]);
    expect(r.calls.some((c) => c.startsWith('apt-get'))).toBe(false);
  });

  it("skips another build's medium and a damaged copy of its own", () => {
    const root = fakeRoot('wrong');
    insert(root, 'sdc', otherMedium);
    insert(root, 'sdd', medium);
    const deb = join(root.media, 'sdd', 'blockhost', 'packages', 'blockhost-host_1.0_all.deb');
    writeFileSync(deb, Buffer.concat([readFileSync(deb), Buffer.from('x')]));
    const r = runHook(root, { devices: ['sdc', 'sdd'] });
    expect(r.stderr).toContain('/dev/sdc: not the BlockHost medium this host was installed from');
    expect(r.stderr).toContain('/dev/sdd: the copied packages do not match SHA256SUMS');
    expect(r.code).toBe(1);
    expect(staged(root)).toEqual([]);
    expect(existsSync(join(root.prefix, 'var/lib/blockhost-install/incoming'))).toBe(false);
  });

  it('a step failing unexpectedly (set -e) still leaves a word on the console', () => {
    const root = fakeRoot('unexpected');
    insert(root, 'sr0', medium);
    mkdirSync(join(root.prefix, 'var/lib'), { recursive: true });
    writeFileSync(
      join(root.prefix, 'var/lib/blockhost-install'),
      'a file where the state directory goes',
    );
    const r = runHook(root, { devices: ['sr0'] });
    expect(r.code).toBe(1);
    expect(issue(root, 'blockhost-first-boot.issue')).toMatch(
      /setup stopped \(exit 1\)\. It runs again at the next boot/,
    );
  });

  it('a testing ISO enables root SSH; a release ISO does not touch sshd', () => {
    const root = fakeRoot('testing');
    insert(root, 'sr0', join(dir, 'iso-testing'));
    const r = runHook(root, { hook: hookTesting, devices: ['sr0'] });
    expect(r.code).toBe(0);
    expect(
      readFileSync(join(root.prefix, 'etc/ssh/sshd_config.d/50-blockhost-testing.conf'), 'utf8'),
    ).toMatch(/^PermitRootLogin yes\nPasswordAuthentication yes$/m);
    expect(r.calls).toContain('systemctl reload-or-restart ssh.service');
    expect(readFileSync(hookRelease, 'utf8')).toContain("TESTING='0'");
  });

  it('does not start the wizard once setup is complete', () => {
    const root = fakeRoot('complete');
    insert(root, 'sr0', medium);
    mkdirSync(join(root.prefix, 'var/lib/blockhost'), { recursive: true });
    writeFileSync(join(root.prefix, 'var/lib/blockhost/.setup-complete'), '');
    const r = runHook(root, { devices: ['sr0'] });
    expect(r.code).toBe(0);
    expect(r.calls.some((c) => c.includes('blockhost-wizard'))).toBe(false);
  });

  it('a wizard that fails to start fails the run (retried at the next boot)', () => {
    const root = fakeRoot('wizard-failed');
    insert(root, 'sr0', medium);
    const r = runHook(root, { devices: ['sr0'], wizardWrites: false, wizardFailed: true });
    expect(r.code).toBe(1);
    expect(issue(root, 'blockhost-first-boot.issue')).toMatch(/blockhost-wizard\.service failed/);
  });

  it('a wizard slow to show its code: the console points at the journal', () => {
    const root = fakeRoot('wizard-slow');
    insert(root, 'sr0', medium);
    const r = runHook(root, { devices: ['sr0'], wizardWrites: false, wait: 1 });
    expect(r.code).toBe(0);
    expect(issue(root, 'blockhost-first-boot.issue')).toMatch(
      /its one-time code: journalctl -u blockhost-wizard/,
    );
    expect(WIZARD_ISSUE_FILE).toBe('/etc/issue.d/blockhost-wizard.issue');
  });
});
