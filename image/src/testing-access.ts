/**
 * What a `--testing` ISO adds: an ed25519 key pair made at build time (the
 * public half goes into `root-ssh-keys`, the private half only beside the
 * ISO) and a root password generated at build time, printed at the end.
 * A release build calls none of this.
 */
import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { err, ok, type Result } from 'neverthrow';
import { BuildError } from './errors.js';
import { run } from './xorriso.js';

// No 0/O, 1/l/I: read off a screen and typed at a console.
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generatePassword(length = 20): string {
  let s = '';
  for (let i = 0; i < length; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}

export interface TestKey {
  readonly privateKeyPath: string;
  readonly publicKey: string;
}

/** `ssh-keygen -t ed25519` into `path` (+ `.pub`), no passphrase; ssh-keygen writes the private key 0600. */
export async function generateTestKey(
  path: string,
  comment: string,
): Promise<Result<TestKey, BuildError>> {
  const r = await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
  if (r.code !== 0) {
    const missing = r.code === 127;
    return err(
      new BuildError(
        missing ? 'input' : 'tool',
        `ssh-keygen: ${r.stderr.trim() || `exit ${r.code}`}`,
        {
          ...(missing ? { hint: 'apt-get install openssh-client' } : {}),
        },
      ),
    );
  }
  const publicKey = (await readFile(`${path}.pub`, 'utf8')).trim();
  return ok({ privateKeyPath: path, publicKey });
}
