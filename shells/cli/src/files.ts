/**
 * Writing the host's files the way an operator expects: atomically (a crash
 * leaves the old file or the new one, never half of one), keeping the mode
 * and owner of the file replaced, keeping comments in YAML, and secrets never
 * readable by other users, not even for the instant between write and chmod.
 */
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { type Document, parseDocument } from 'yaml';
import { CliError, EXIT } from './framework/errors.js';

function existing(path: string): { mode: number; uid: number; gid: number } | null {
  try {
    const s = statSync(path);
    return { mode: s.mode & 0o777, uid: s.uid, gid: s.gid };
  } catch {
    return null;
  }
}

/**
 * Replaces `path` with `content` through a temporary file in the same
 * directory (so the rename is atomic), created with its final mode.
 */
export function writeFileAtomic(path: string, content: string, mode: number): void {
  const before = existing(path);
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  let fd: number | null = null;
  try {
    // 'wx': never follow or reuse something already lying at the temporary name.
    fd = openSync(tmp, 'wx', mode);
    writeSync(fd, content);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    if (before) {
      try {
        // Keep root:blockhost (or whatever the operator chose); only root may chown.
        chownSync(tmp, before.uid, before.gid);
      } catch {
        // Not root: the file keeps our ownership, which is the operator running us.
      }
    }
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
    throw new CliError(
      `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      EXIT.failed,
      'run as a user that may write the BlockHost config directory (usually root)',
    );
  }
}

/**
 * Writes a secret (token secret, key) to its file: mode 0600 for a new file;
 * an existing file keeps a stricter-or-equal mode it already had (0640 for
 * the `blockhost` group), but never anything readable by other users.
 */
export function writeSecretFile(path: string, secret: string): void {
  const before = existing(path);
  const mode = before ? before.mode & 0o770 : 0o600;
  mkdirSync(dirname(path), { recursive: true, mode: 0o750 });
  writeFileAtomic(path, `${secret}\n`, mode | 0o600);
}

/** Reads a YAML config file as a Document (comments kept), or fails naming the file. */
export function readYamlDocument(path: string): Document {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(
      `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
      EXIT.usage,
      'check --config-dir (default /etc/blockhost)',
    );
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    throw new CliError(
      `${path}: not valid YAML (${doc.errors[0]!.message.split('\n')[0]})`,
      EXIT.usage,
      'fix the file and run `blockhost config validate`',
    );
  }
  return doc;
}

/** Writes a YAML Document back over its file, keeping the file's mode. */
export function writeYamlDocument(path: string, doc: Document): void {
  writeFileAtomic(path, doc.toString(), existing(path)?.mode ?? 0o644);
}
