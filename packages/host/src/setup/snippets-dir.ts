import { chmodSync, chownSync, mkdirSync, statSync } from 'node:fs';
import { err, ok, type Result } from 'neverthrow';
import { SetupError } from './errors.js';
import type { FileOwner } from './files.js';

/**
 * The daemon (user `blockhost`) writes each VM's cloud-init snippet into the
 * snippet storage's directory, which Proxmox creates as root's 0755. Its group
 * becomes the daemon's, group-writable (the daemon's snippets get its group as
 * their creator's; no setgid bit, which the wizard's sandboxed finalize may
 * not set: RestrictSUIDSGID); the owner (root) and what Proxmox reads are unchanged. Without `owner` (not
 * root, as in tests) the directory is only created.
 */
export function ensureSnippetsDir(dir: string, owner?: FileOwner): Result<void, SetupError> {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    if (owner) {
      chownSync(dir, statSync(dir).uid, owner.gid);
      chmodSync(dir, 0o775);
    }
    return ok(undefined);
  } catch (e) {
    return err(
      new SetupError(
        'io',
        `cannot prepare the snippets directory ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        {
          hint: 'the snippet storage must be a directory storage on this node (storage.cfg `content snippets`)',
        },
      ),
    );
  }
}
