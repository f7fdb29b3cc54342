/**
 * The BlockHost packages carried on the ISO: every `*.deb` of a directory,
 * checked to be Debian archives, staged as `blockhost/packages/*.deb` with a
 * `blockhost/SHA256SUMS` list (sha256sum format, paths relative to `blockhost/`).
 * The first-boot hook embeds the list's own hash, so it installs exactly these files.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import { BuildError } from './errors.js';

export interface PackageFile {
  readonly name: string;
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface PackageSet {
  readonly files: readonly PackageFile[];
  /** The SHA256SUMS text. */
  readonly sums: string;
  /** sha256 of `sums`, which the hook checks the medium against. */
  readonly sumsSha256: string;
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(path)
      .on('data', (c) => h.update(c))
      .on('error', reject)
      .on('end', () => resolve(h.digest('hex')));
  });
}

export const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** A .deb is an `ar` archive whose first member is `debian-binary`. */
async function isDebianArchive(path: string): Promise<boolean> {
  const f = await open(path, 'r');
  try {
    const head = Buffer.alloc(8 + 16);
    const { bytesRead } = await f.read(head, 0, head.length, 0);
    return (
      bytesRead === head.length &&
      head.subarray(0, 8).toString('latin1') === '!<arch>\n' &&
      head.subarray(8, 24).toString('latin1').startsWith('debian-binary')
    );
  } finally {
    await f.close();
  }
}

/** Debian's package file names: no spaces or shell metacharacters (the hook relies on it). */
const DEB_NAME = /^[A-Za-z0-9][A-Za-z0-9.+~_-]*\.deb$/;

export async function collectPackages(dir: string): Promise<Result<PackageSet, BuildError>> {
  const st = await stat(dir).catch(() => undefined);
  if (!st?.isDirectory()) {
    return err(
      new BuildError('input', `--packages ${dir}: no such directory`, {
        hint: 'point --packages at the directory holding the BlockHost .deb files',
      }),
    );
  }
  const names = (await readdir(dir)).filter((n) => n.endsWith('.deb')).sort();
  if (names.length === 0) {
    return err(new BuildError('input', `--packages ${dir}: no .deb files in it`));
  }
  const files: PackageFile[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const s = await stat(path);
    if (!s.isFile()) return err(new BuildError('input', `${path}: not a regular file`));
    if (!DEB_NAME.test(name)) {
      return err(
        new BuildError(
          'input',
          `${path}: not a Debian package file name (letters, digits, . + ~ _ -)`,
        ),
      );
    }
    if (!(await isDebianArchive(path))) {
      return err(
        new BuildError('input', `${path}: not a Debian package (no debian-binary member)`),
      );
    }
    files.push({ name, path, size: s.size, sha256: await sha256File(path) });
  }
  const sums = files.map((f) => `${f.sha256}  packages/${f.name}\n`).join('');
  return ok({ files, sums, sumsSha256: sha256(sums) });
}

/** Writes `<root>/packages/*.deb` and `<root>/SHA256SUMS`. */
export async function stagePackages(set: PackageSet, root: string): Promise<void> {
  await mkdir(join(root, 'packages'), { recursive: true });
  for (const f of set.files) await copyFile(f.path, join(root, 'packages', f.name));
  await writeFile(join(root, 'SHA256SUMS'), set.sums);
}
