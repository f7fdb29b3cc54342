/**
 * A package's file tree as data, written out for dpkg-deb with every mode and
 * time fixed: directories 0755, files the mode given, every mtime the build's
 * SOURCE_DATE_EPOCH. Owners are dpkg-deb's `--root-owner-group`. Nothing of
 * the building machine (umask, clock, file order) reaches the archive.
 */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  lutimesSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { BuildError } from '../errors.js';

export type TreeEntry =
  | { kind: 'file'; path: string; content: Buffer; mode: number }
  | { kind: 'symlink'; path: string; target: string };

export class PackageTree {
  readonly #entries = new Map<string, TreeEntry>();

  /** `path` is absolute in the installed system (`/usr/lib/blockhost/…`). */
  file(path: string, content: string | Buffer, mode = 0o644): this {
    this.#add({
      kind: 'file',
      path,
      content: typeof content === 'string' ? Buffer.from(content, 'utf8') : content,
      mode,
    });
    return this;
  }

  copy(path: string, source: string, mode = 0o644): this {
    let content: Buffer;
    try {
      content = readFileSync(source);
    } catch (e) {
      throw new BuildError('input', `${source}: cannot read it (${(e as Error).message})`, {
        hint: 'run `npm run build` first',
      });
    }
    return this.file(path, content, mode);
  }

  symlink(path: string, target: string): this {
    this.#add({ kind: 'symlink', path, target });
    return this;
  }

  #add(e: TreeEntry): void {
    if (!e.path.startsWith('/') || posix.normalize(e.path) !== e.path || e.path.endsWith('/'))
      throw new BuildError(
        'input',
        `package path '${e.path}': expected a normalised absolute path`,
      );
    if (this.#entries.has(e.path))
      throw new BuildError('input', `package path '${e.path}' is given twice`);
    this.#entries.set(e.path, e);
  }

  get entries(): TreeEntry[] {
    return [...this.#entries.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  files(): Extract<TreeEntry, { kind: 'file' }>[] {
    return this.entries.filter((e) => e.kind === 'file');
  }

  /** Every directory the entries need, parents first. */
  directories(): string[] {
    const dirs = new Set<string>();
    for (const e of this.#entries.values()) {
      for (let d = posix.dirname(e.path); d !== '/'; d = posix.dirname(d)) dirs.add(d);
    }
    return [...dirs].sort();
  }

  /** `dpkg-gencontrol`'s estimate: 1 KiB per directory and symlink, each file's size in KiB rounded up. */
  installedSizeKiB(): number {
    let kib = this.directories().length;
    for (const e of this.#entries.values())
      kib += e.kind === 'file' ? Math.max(1, Math.ceil(e.content.length / 1024)) : 1;
    return kib;
  }

  /** DEBIAN/md5sums: every regular file outside /etc (conffiles have their own hashes). */
  md5sums(): string {
    return this.files()
      .filter((f) => !f.path.startsWith('/etc/'))
      .map((f) => `${createHash('md5').update(f.content).digest('hex')}  ${f.path.slice(1)}\n`)
      .join('');
  }

  /** Writes the tree under `root` (an empty directory) with fixed modes and times. */
  writeTo(root: string, epochSeconds: number): void {
    const dirs = this.directories();
    for (const d of dirs) mkdirSync(join(root, d), { mode: 0o755 });
    for (const e of this.entries) {
      const target = join(root, e.path);
      mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
      if (e.kind === 'file') writeFileSync(target, e.content, { mode: e.mode });
      else symlinkSync(e.target, target);
    }
    // chmod after write: the umask must not matter.
    fixModesAndTimes(root, this, epochSeconds);
  }
}

function fixModesAndTimes(root: string, tree: PackageTree, epoch: number): void {
  for (const e of tree.entries) {
    const p = join(root, e.path);
    if (e.kind === 'file') chmodSync(p, e.mode);
    lutimesSync(p, epoch, epoch);
  }
  for (const d of [...tree.directories()].reverse()) {
    chmodSync(join(root, d), 0o755);
    lutimesSync(join(root, d), epoch, epoch);
  }
}
