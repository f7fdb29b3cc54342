/**
 * The Debian side of a package build: the version from an npm version, the
 * control file, the shared-library dependencies of a native file
 * (`dpkg-shlibdeps`), and the archive (`dpkg-deb`) made reproducibly:
 * SOURCE_DATE_EPOCH for the ar and tar times, root:root owners, xz with one
 * thread (the output then never depends on the machine's core count).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildError } from '../errors.js';
import type { PackageTree } from './tree.js';

/**
 * npm semver → Debian version: a pre-release sorts before its release in
 * both (`1.2.0-rc.1` → `1.2.0~rc.1`); build metadata becomes `+…`. No Debian
 * revision: the packages are native (built from this repository).
 */
export function debianVersion(npmVersion: string): string {
  const m = /^(\d+\.\d+\.\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/.exec(npmVersion);
  if (!m) throw new BuildError('input', `version '${npmVersion}': expected a semver version`);
  const [, core, pre, meta] = m;
  return `${core}${pre ? `~${pre.replaceAll('-', '.')}` : ''}${meta ? `+${meta.replaceAll('-', '.')}` : ''}`;
}

export interface ControlFields {
  package: string;
  version: string;
  architecture: 'amd64' | 'all';
  maintainer: string;
  installedSizeKiB: number;
  depends: readonly string[];
  recommends?: readonly string[];
  suggests?: readonly string[];
  section: string;
  priority: 'optional';
  homepage: string;
  /** First line: the synopsis; the rest: the long description (plain paragraphs). */
  description: string;
}

function longDescription(text: string): string {
  return text
    .split('\n')
    .map((l) => (l.trim() === '' ? ' .' : ` ${l}`))
    .join('\n');
}

export function renderControl(c: ControlFields): string {
  const [synopsis, ...rest] = c.description.trim().split('\n');
  const lines = [
    `Package: ${c.package}`,
    `Version: ${c.version}`,
    `Architecture: ${c.architecture}`,
    `Maintainer: ${c.maintainer}`,
    `Installed-Size: ${c.installedSizeKiB}`,
    `Depends: ${c.depends.join(', ')}`,
  ];
  if (c.recommends?.length) lines.push(`Recommends: ${c.recommends.join(', ')}`);
  if (c.suggests?.length) lines.push(`Suggests: ${c.suggests.join(', ')}`);
  lines.push(
    `Section: ${c.section}`,
    `Priority: ${c.priority}`,
    `Homepage: ${c.homepage}`,
    `Description: ${synopsis}`,
  );
  const long = rest.join('\n').replace(/^\n+/, '');
  if (long) lines.push(longDescription(long));
  return `${lines.join('\n')}\n`;
}

function run(cmd: string, args: string[], o: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...o });
  if (r.error)
    throw new BuildError('tool', `${cmd}: ${r.error.message}`, {
      hint: `${cmd} comes with the Debian package dpkg-dev (scripts/debian-packages.sh)`,
    });
  if (r.status !== 0)
    throw new BuildError('tool', `${cmd} ${args.join(' ')} exited ${r.status}`, {
      details: `${r.stdout}${r.stderr}`.trim().slice(-3000),
    });
  return r.stdout;
}

/**
 * `dpkg-shlibdeps` on one ELF file: the `Depends` entries of the shared
 * libraries it links (libc6, libstdc++6…), as Debian's own packages get them.
 */
export function sharedLibraryDepends(elfFile: string, packageName: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'blockhost-shlibdeps-'));
  try {
    mkdirSync(join(dir, 'debian'));
    writeFileSync(
      join(dir, 'debian', 'control'),
      `Source: ${packageName}\n\nPackage: ${packageName}\nArchitecture: any\n`,
    );
    // Warnings name the node/V8 symbols the addon takes from the node binary: expected.
    const out = run('dpkg-shlibdeps', ['-O', '--warnings=0', elfFile], { cwd: dir });
    const m = /^shlibs:Depends=(.*)$/m.exec(out);
    if (!m?.[1])
      throw new BuildError('tool', `dpkg-shlibdeps printed no shlibs:Depends for ${elfFile}`);
    return m[1].split(',').map((s) => s.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface DebianMeta {
  control: string;
  /** Maintainer scripts by name (postinst, prerm, postrm…), mode 0755. */
  scripts: Readonly<Record<string, string>>;
  /** Absolute paths of the conffiles (every file under /etc). */
  conffiles: readonly string[];
}

/**
 * Writes `tree` + DEBIAN/ into a fresh staging directory and builds `outFile`
 * from it with dpkg-deb. Same tree, same meta, same epoch → same bytes.
 */
export function buildDeb(
  tree: PackageTree,
  meta: DebianMeta,
  epochSeconds: number,
  outFile: string,
  stagingParent: string,
): void {
  const staging = mkdtempSync(join(stagingParent, '.staging-'));
  try {
    const root = join(staging, 'root');
    mkdirSync(root, { mode: 0o755 });
    chmodSync(root, 0o755);
    tree.writeTo(root, epochSeconds);
    const debian = join(root, 'DEBIAN');
    mkdirSync(debian, { mode: 0o755 });
    chmodSync(debian, 0o755);
    const put = (name: string, text: string, mode: number) => {
      writeFileSync(join(debian, name), text, { mode });
      chmodSync(join(debian, name), mode);
      utimesSync(join(debian, name), epochSeconds, epochSeconds);
    };
    put('control', meta.control, 0o644);
    put('md5sums', tree.md5sums(), 0o644);
    if (meta.conffiles.length) put('conffiles', `${meta.conffiles.join('\n')}\n`, 0o644);
    for (const [name, text] of Object.entries(meta.scripts)) put(name, text, 0o755);
    utimesSync(debian, epochSeconds, epochSeconds);
    utimesSync(root, epochSeconds, epochSeconds);
    const tmpOut = join(staging, 'out.deb');
    run(
      'dpkg-deb',
      ['--root-owner-group', '-Zxz', '-z6', '--threads-max=1', '--build', root, tmpOut],
      {
        env: { ...process.env, SOURCE_DATE_EPOCH: String(epochSeconds), LC_ALL: 'C.UTF-8' },
      },
    );
    run('mv', ['-f', tmpOut, outFile]);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
