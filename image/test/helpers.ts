/**
 * Test kit for the ISO step: small synthetic "stock" ISOs made with xorriso
 * (BIOS + UEFI El Torito images, an MBR/GPT system area, the
 * `/auto-installer-capable` marker), tiny real .deb files made with dpkg-deb,
 * the build tool run in-process or as a child, and temp-dir cleanup.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const IMAGE = join(ROOT, 'image');

const dirs: string[] = [];

export function tempDir(prefix = 'blockhost-iso-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function sh(program: string, args: string[], o: { cwd?: string } = {}): string {
  return execFileSync(program, args, {
    cwd: o.cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface SyntheticIso {
  readonly path: string;
  /** The tree the image was made from (boot images to compare against). */
  readonly tree: string;
}

/**
 * A stand-in for a stock Proxmox VE ISO, built the way such hybrid images
 * are: random MBR boot code in the system area (`-G`), a protective MBR +
 * GPT whose EFI partition is the El Torito EFI image inside the tree, a
 * BIOS no-emulation boot image, volume id PVE. `appendedPartition` puts the
 * EFI image in a partition after the ISO 9660 tree instead (an image the
 * prepare-iso method would damage).
 */
export function makeSyntheticIso(
  dir: string,
  o: { marker?: boolean; appendedPartition?: boolean; name?: string } = {},
): SyntheticIso {
  const tree = join(dir, `${o.name ?? 'pve'}-tree`);
  mkdirSync(join(tree, 'boot', 'grub'), { recursive: true });
  writeFileSync(join(tree, 'boot', 'grub', 'eltorito.img'), randomBytes(4 * 2048));
  writeFileSync(
    join(tree, 'boot', 'grub', 'grub.cfg'),
    'menuentry "Install Proxmox VE (Automated)" {}\n',
  );
  writeFileSync(join(tree, '.cd-info'), "PRODUCT='pve'\nRELEASE='9.2'\n");
  mkdirSync(join(tree, 'proxmox', 'packages'), { recursive: true });
  writeFileSync(join(tree, 'proxmox', 'packages', 'placeholder.deb'), randomBytes(50_000));
  if (o.marker ?? true) writeFileSync(join(tree, 'auto-installer-capable'), '');
  const efi = randomBytes(256 * 1024);
  const sysArea = Buffer.alloc(32 * 1024);
  randomBytes(440).copy(sysArea, 0);
  sysArea[510] = 0x55;
  sysArea[511] = 0xaa;
  const sa = join(dir, `${o.name ?? 'pve'}-sysarea.bin`);
  writeFileSync(sa, sysArea);
  const path = join(dir, `${o.name ?? 'pve'}.iso`);
  const common = ['-as', 'mkisofs', '-o', path, '-V', 'PVE', '-R', '-J', '-G', sa];
  const bios = [
    '-b',
    'boot/grub/eltorito.img',
    '-no-emul-boot',
    '-boot-load-size',
    '4',
    '-boot-info-table',
  ];
  let args: string[];
  if (o.appendedPartition) {
    const efiFile = join(dir, `${o.name ?? 'pve'}-efi.img`);
    writeFileSync(efiFile, efi);
    args = [
      ...common,
      ...bios,
      '-append_partition',
      '2',
      '0xef',
      efiFile,
      '-eltorito-alt-boot',
      '-e',
      '--interval:appended_partition_2:all::',
      '-no-emul-boot',
      tree,
    ];
  } else {
    writeFileSync(join(tree, 'efi.img'), efi);
    args = [
      ...common,
      '--protective-msdos-label',
      ...bios,
      '-eltorito-alt-boot',
      '-e',
      'efi.img',
      '-no-emul-boot',
      '--efi-boot-part',
      '--efi-boot-image',
      tree,
    ];
  }
  sh('xorriso', args);
  return { path, tree };
}

/** A real, minimal Debian package (Architecture: all, no dependencies). */
export function makeDeb(dir: string, name: string, version = '1.0'): string {
  const root = mkdtempSync(join(dir, `${name}-root-`));
  mkdirSync(join(root, 'DEBIAN'));
  mkdirSync(join(root, 'usr', 'share', 'doc', name), { recursive: true });
  writeFileSync(
    join(root, 'DEBIAN', 'control'),
    `Package: ${name}\nVersion: ${version}\nArchitecture: all\nMaintainer: BlockHost tests <tests@example.invalid>\nDescription: ${name} test package\n`,
  );
  writeFileSync(
    join(root, 'usr', 'share', 'doc', name, 'README'),
    randomBytes(3000).toString('hex'),
  );
  const out = join(dir, `${name}_${version}_all.deb`);
  sh('dpkg-deb', ['--root-owner-group', '-b', root, out]);
  rmSync(root, { recursive: true, force: true });
  return out;
}

export interface ToolRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI in this process (fast; what build-iso.sh runs, minus the signal handlers). */
export async function runTool(args: string[]): Promise<ToolRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
  });
  return { code, stdout, stderr };
}

/** The CLI as its own process from the TypeScript sources (signals, exit codes). */
export function spawnTool(
  args: string[],
  o: { env?: NodeJS.ProcessEnv; onSpawn?: (pid: number) => void } = {},
): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@blockhost/source', '--import', 'tsx', 'image/src/main.ts', ...args],
      { cwd: ROOT, env: o.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.once('error', reject);
    if (child.pid) o.onSpawn?.(child.pid);
    child.once('close', (code, signal) =>
      resolve({ code: code ?? (signal ? -1 : null), stdout, stderr }),
    );
  });
}

/** Every file under `dir`, relative, sorted. */
export function listTree(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(join(d, e.name), r);
      else out.push(r);
    }
  };
  walk(dir, '');
  return out.sort();
}

/** Extracts the whole image to a fresh directory. */
export function extractAll(iso: string, into: string): string {
  mkdirSync(into, { recursive: true });
  sh('xorriso', ['-osirrox', 'on', '-indev', iso, '-extract', '/', into]);
  return into;
}

export function report(
  iso: string,
  what: '-report_el_torito' | '-report_system_area',
  mode: string,
): string {
  return sh('xorriso', ['-indev', iso, what, mode]);
}

/** The hash files a release build is made with (`openssl passwd -6`). */
export function writeHashFile(dir: string): string {
  const f = join(dir, 'root.hash');
  const hash = sh('openssl', [
    'passwd',
    '-6',
    '-salt',
    'blockhosttest',
    'release-password-not-in-tests',
  ]).trim();
  writeFileSync(f, `${hash}\n`);
  return f;
}
