import { InvalidInputError } from '@blockhost/core';
import { errAsync, type ResultAsync } from 'neverthrow';
import { pveCall } from '../../../client/call.js';
import type { PveClient } from '../../../client/create-client.js';
import type { PveError } from '../../../errors.js';
import type { VmLocator } from '../config.js';

export interface GuestFileWriteParameters extends VmLocator {
  /** Absolute path in the guest. */
  path: string;
  content: string | Uint8Array;
}

/** PVE's limit for `file-write` content (60 KiB, after base64). */
export const GUEST_FILE_WRITE_MAX = 61_440;

/**
 * Writes a file in the guest through the agent. The bytes are sent base64
 * encoded (`encode=0`), so binary content survives.
 */
export function guestFileWrite(
  client: PveClient,
  p: GuestFileWriteParameters,
): ResultAsync<void, PveError | InvalidInputError> {
  if (!p.path.startsWith('/'))
    return errAsync(new InvalidInputError('path', `expected an absolute path, got '${p.path}'`));
  const b64 = Buffer.from(
    typeof p.content === 'string' ? Buffer.from(p.content, 'utf8') : p.content,
  ).toString('base64');
  if (b64.length > GUEST_FILE_WRITE_MAX) {
    return errAsync(
      new InvalidInputError(
        'content',
        `at most ${GUEST_FILE_WRITE_MAX} bytes after base64 encoding`,
      ),
    );
  }
  return pveCall(client, (api) =>
    api.nodes
      .$(p.node)
      .qemu.$(p.vmid)
      .agent['file-write'].$post({ file: p.path, content: b64, encode: false }),
  ).map(() => undefined);
}
