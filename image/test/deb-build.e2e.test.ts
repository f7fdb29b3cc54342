/**
 * Building the two packages (~45 s: bundling, dpkg-deb with xz, lintian):
 * twice from scratch → the same bytes; another SOURCE_DATE_EPOCH → other
 * bytes, every time inside equal to it; lintian (pedantic, info) finds
 * nothing beyond the package's own justified overrides; the contents are
 * what the packages promise (nothing under /etc/blockhost, the VM login's
 * files exactly pam-verifier's, the units, the Depends).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '@blockhost/core';
import { vmLoginBundleDir } from '@blockhost/devstack';
import { HELPER_CODE_FILES, HELPER_NAMES, vmLoginSystemFiles } from '@blockhost/pam-verifier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDebs } from '../src/deb/build-debs.js';
import { prepareHostBundles } from '../src/deb/bundle-host.js';
import { debianVersion } from '../src/deb/dpkg.js';
import { HOST_UNITS } from '../src/deb/host.js';
import { REPO, removeTemps, tempDir } from './deb-kit.js';

const EPOCH = 1_767_225_600; // 2026-01-01T00:00:00Z
const times: Record<string, number> = {};
let first: { host: string; vmLogin: string };

function build(epoch: number): { host: string; vmLogin: string } {
  const t = Date.now();
  const [host, vmLogin] = buildDebs({
    repo: REPO,
    outDir: tempDir('blockhost-debs-'),
    hostBundleDir: bundles,
    vmLoginBundleDir: vmLoginDir,
    sourceDateEpoch: epoch,
  });
  times[`build (${epoch})`] = (Date.now() - t) / 1000;
  return { host: host!.file, vmLogin: vmLogin!.file };
}

const dpkgDeb = (...args: string[]) => {
  const r = spawnSync('dpkg-deb', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`dpkg-deb ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const field = (deb: string, f: string) => dpkgDeb('-f', deb, f).trim();
/** `dpkg-deb -c` lines: [mode owner/group size date time path]. */
const listing = (deb: string) =>
  dpkgDeb('-c', deb)
    .trim()
    .split('\n')
    .map((l) => l.split(/\s+/));
const fileIn = (deb: string, path: string) => {
  const r = spawnSync(
    'sh',
    ['-c', `dpkg-deb --fsys-tarfile "$1" | tar -xO ".${path}"`, 'sh', deb],
    {
      maxBuffer: 64 << 20,
    },
  );
  if (r.status !== 0) throw new Error(`${path} not in ${deb}: ${r.stderr}`);
  return r.stdout.toString('utf8');
};

let bundles: string;
let vmLoginDir: string;
beforeAll(async () => {
  const t = Date.now();
  vmLoginDir = await vmLoginBundleDir();
  bundles = tempDir('blockhost-deb-bundles-');
  await prepareHostBundles(REPO, bundles);
  times.bundles = (Date.now() - t) / 1000;
  first = build(EPOCH);
}, 300_000);

afterAll(() => {
  removeTemps();
  console.log(`deb build, seconds: ${JSON.stringify(times)}`);
});

describe('building the Debian packages', () => {
  it('is reproducible: bundles and packages made again from scratch are the same bytes', async () => {
    const again = tempDir('blockhost-deb-bundles-');
    await prepareHostBundles(REPO, again);
    for (const f of ['blockhostd.mjs', 'blockhost.mjs', 'blockhost-wizard.mjs'])
      expect(readFileSync(join(again, f)).equals(readFileSync(join(bundles, f))), f).toBe(true);
    const second = build(EPOCH);
    expect(readFileSync(second.host).equals(readFileSync(first.host))).toBe(true);
    expect(readFileSync(second.vmLogin).equals(readFileSync(first.vmLogin))).toBe(true);
    times['host .deb KiB'] = Math.round(readFileSync(first.host).length / 1024);
    times['vm-login .deb KiB'] = Math.round(readFileSync(first.vmLogin).length / 1024);
  }, 300_000);

  it('ships bundles V8 keeps as one-byte text (nothing past Latin-1: that would double them in memory)', () => {
    for (const f of ['blockhostd.mjs', 'blockhost.mjs', 'blockhost-wizard.mjs']) {
      const text = readFileSync(join(bundles, f), 'utf8');
      expect({ f, wide: [...new Set(text.match(/[\u0100-\u{10ffff}]/gu) ?? [])] }).toEqual({
        f,
        wide: [],
      });
    }
  });

  it('takes every time from SOURCE_DATE_EPOCH and every owner as root', () => {
    const other = build(EPOCH + 86_400);
    expect(readFileSync(other.host).equals(readFileSync(first.host))).toBe(false);
    for (const deb of [first.host, first.vmLogin]) {
      const rows = listing(deb);
      expect(new Set(rows.map((r) => `${r[3]} ${r[4]}`))).toEqual(new Set(['2026-01-01 00:00']));
      expect(new Set(rows.map((r) => r[1]))).toEqual(new Set(['root/root']));
    }
    const ar = spawnSync('ar', ['tv', first.host], { encoding: 'utf8' }).stdout;
    expect(ar).not.toMatch(/ 19[0-9]{2}\n| 20(?!26)[0-9]{2}\n/);
  });

  it('lintian finds nothing but what the packages override, each with its reason', () => {
    const t = Date.now();
    const r = spawnSync(
      'lintian',
      ['--pedantic', '-I', '--no-tag-display-limit', first.host, first.vmLogin],
      {
        encoding: 'utf8',
      },
    );
    times.lintian = (Date.now() - t) / 1000;
    const tags = `${r.stdout}${r.stderr}`.split('\n').filter((l) => /^[EWIPX]: /.test(l));
    expect(tags).toEqual([]);
    expect(r.status).toBe(0);
    // Every override is preceded by a comment that says why.
    for (const pkg of ['blockhost', 'blockhost-vm-login']) {
      const text = readFileSync(join(REPO, 'image/deb', pkg, 'lintian-overrides'), 'utf8');
      const lines = text.split('\n');
      lines.forEach((l, i) => {
        if (l.startsWith(`${pkg}: `))
          expect(lines[i - 1], `${pkg}: ${l}`).toMatch(/^(#|blockhost)/);
      });
      expect(text).toMatch(/^# /m);
    }
  }, 120_000);

  it('the host package: programs, addon, units, user, examples; nothing under /etc', () => {
    const paths = listing(first.host).map((r) => r[5]!.replace(/^\./, ''));
    expect(paths.filter((p) => p.startsWith('/etc'))).toEqual([]);
    for (const p of [
      '/usr/bin/blockhost',
      '/usr/lib/blockhost/bin/blockhostd.mjs',
      '/usr/lib/blockhost/bin/blockhost.mjs',
      '/usr/lib/blockhost/bin/blockhost-wizard.mjs',
      '/usr/lib/blockhost/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      '/usr/lib/blockhost/static/wizard.css',
      '/usr/lib/blockhost/vm-login/pam-verify',
      '/usr/share/blockhost/site/index.html',
      '/usr/share/blockhost/examples/blockhost.yaml',
      '/usr/lib/sysusers.d/blockhost.conf',
      '/usr/lib/tmpfiles.d/blockhost.conf',
      '/usr/share/man/man1/blockhost.1.gz',
      ...HOST_UNITS.map((u) => `/usr/lib/systemd/system/${u}`),
    ])
      expect(paths, p).toContain(p);
    // No node_modules beyond the addon's own three packages.
    expect(
      new Set(
        paths
          .filter((p) => p.startsWith('/usr/lib/blockhost/node_modules/'))
          .map((p) => p.split('/')[5])
          .filter(Boolean),
      ),
    ).toEqual(new Set(['better-sqlite3', 'bindings', 'file-uri-to-path']));
    // The units' programs are in the package.
    for (const u of HOST_UNITS) {
      for (const m of fileIn(first.host, `/usr/lib/systemd/system/${u}`).matchAll(
        /^ExecStart(?:Pre)?=\+?\/usr\/bin\/node (\S+)/gm,
      ))
        expect(paths, `${u}: ${m[1]}`).toContain(m[1]);
    }
    const depends = field(first.host, 'Depends');
    expect(depends).toMatch(/^nodejs \(>= 20\.19\), /);
    expect(depends).toContain(`libnode${process.versions.modules}`);
    expect(depends).toMatch(/libc6 \(>= [0-9.]+\)/);
    expect(field(first.host, 'Version')).toBe(
      debianVersion(
        JSON.parse(readFileSync(join(REPO, 'shells/daemon/package.json'), 'utf8')).version,
      ),
    );
    expect(field(first.host, 'Architecture')).toBe('amd64');
    for (const [kind, file] of [
      ['db', 'db.yaml'],
      ['web3', 'web3-defaults.yaml'],
      ['blockhost', 'blockhost.yaml'],
    ] as const) {
      const r = parseConfig(kind, fileIn(first.host, `/usr/share/blockhost/examples/${file}`));
      expect(r.isOk(), `${file}: ${r.isErr() ? JSON.stringify(r.error) : ''}`).toBe(true);
    }
  });

  it('the VM login package: exactly the files of pam-verifier’s cloud-init recipe, /etc ones as conffiles', () => {
    const bundleDir = vmLoginDir;
    for (const f of vmLoginSystemFiles()) {
      const path = f.path.replace('/etc/systemd/system/', '/usr/lib/systemd/system/');
      expect(fileIn(first.vmLogin, path), path).toBe(f.content);
    }
    for (const n of [...HELPER_NAMES, ...HELPER_CODE_FILES, 'package.json'])
      expect(fileIn(first.vmLogin, `/usr/lib/blockhost/${n}`), n).toBe(
        readFileSync(join(bundleDir, n), 'utf8'),
      );
    const conffiles = spawnSync(
      'sh',
      ['-c', 'dpkg-deb --ctrl-tarfile "$1" | tar -xO ./conffiles', 'sh', first.vmLogin],
      {
        encoding: 'utf8',
      },
    ).stdout;
    expect(conffiles.trim().split('\n').sort()).toEqual([
      '/etc/pam.d/blockhost-wallet-auth',
      '/etc/ssh/sshd_config.d/50-blockhost-wallet.conf',
    ]);
    expect(field(first.vmLogin, 'Architecture')).toBe('all');
    expect(field(first.vmLogin, 'Depends')).toMatch(/^nodejs \(>= 20\.19\), openssh-server/);
  });
});
