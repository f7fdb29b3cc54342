/**
 * Writing the host's files the way an operator expects: atomically (a crash
 * leaves the old file or the new one, never half of one), keeping the mode
 * and owner of a file replaced, keeping comments in YAML, and secrets never
 * readable by other users, not even between write and chmod.
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
import { err, ok, type Result } from 'neverthrow';
import { type Document, parseDocument } from 'yaml';
import { SetupError } from './errors.js';

/** Who owns a written file (root:blockhost on a host); absent: whoever runs us. */
export interface FileOwner {
  readonly uid: number;
  readonly gid: number;
}

function existing(path: string): { mode: number; uid: number; gid: number } | null {
  try {
    const s = statSync(path);
    return { mode: s.mode & 0o777, uid: s.uid, gid: s.gid };
  } catch {
    return null;
  }
}

const writeHint = 'run as a user that may write the BlockHost config directory (usually root)';

/**
 * Replaces `path` with `content` through a temporary file in the same
 * directory (so the rename is atomic), created with its final mode. The owner
 * is `owner`, else the replaced file's (when we may chown), else ours.
 */
export function writeFileAtomic(
  path: string,
  content: string,
  mode: number,
  owner?: FileOwner,
): Result<void, SetupError> {
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
    const to = owner ?? before;
    if (to) {
      try {
        chownSync(tmp, to.uid, to.gid);
      } catch (e) {
        // Only root may chown; an explicit owner that can not be set is an error.
        if (owner) throw e;
      }
    }
    renameSync(tmp, path);
    return ok(undefined);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    rmSync(tmp, { force: true });
    return err(
      new SetupError(
        'io',
        `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        { hint: writeHint },
      ),
    );
  }
}

/**
 * Writes a secret (token secret, key) to its file: mode 0600 for a new file,
 * 0640 with an owner (root:blockhost, the daemon's group reads it); an
 * existing file keeps a stricter-or-equal mode it had, never anything other
 * users can read.
 */
export function writeSecretFile(
  path: string,
  secret: string,
  owner?: FileOwner,
): Result<void, SetupError> {
  const before = existing(path);
  const mode = before ? before.mode & 0o770 : owner ? 0o640 : 0o600;
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o750 });
  } catch (e) {
    return err(
      new SetupError('io', `cannot create ${dirname(path)}: ${(e as NodeJS.ErrnoException).code}`, {
        hint: writeHint,
      }),
    );
  }
  return writeFileAtomic(path, `${secret}\n`, mode | 0o600, owner);
}

/** Reads a YAML config file as a Document (comments kept), or fails naming the file. */
export function readYamlDocument(path: string): Result<Document, SetupError> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return err(
      new SetupError(
        'input',
        `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
        {
          hint: 'check --config-dir (default /etc/blockhost)',
        },
      ),
    );
  }
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    return err(
      new SetupError(
        'input',
        `${path}: not valid YAML (${doc.errors[0]!.message.split('\n')[0]})`,
        {
          hint: 'fix the file and run `blockhost config validate`',
        },
      ),
    );
  }
  return ok(doc);
}

/** Writes a YAML Document back over its file, keeping the file's mode. */
export function writeYamlDocument(path: string, doc: Document): Result<void, SetupError> {
  return writeFileAtomic(path, doc.toString(), existing(path)?.mode ?? 0o644);
}
