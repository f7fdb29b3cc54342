import { InvalidInputError } from '@blockhost/core';
import { errAsync, ResultAsync } from 'neverthrow';
import { unwrap } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import { type PveError, toPveError } from '../../errors.js';
import { runTaskOrThrow } from '../tasks/wait.js';
import { listStorageContent } from './content.js';

export interface DownloadUrlParameters {
  node: string;
  /** A storage with the content type enabled (`local` for import/iso). */
  storage: string;
  url: string;
  filename: string;
  content: 'import' | 'iso' | 'vztmpl';
  checksum?: {
    algorithm: 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
    value: string;
  };
  timeoutMs?: number;
}

export interface DownloadUrlReturnType {
  volid: string;
  /** False when the file was there already. */
  downloaded: boolean;
}

/** Downloads a file into a storage (`download-url`) unless it is there already. */
export function downloadUrl(
  client: PveClient,
  p: DownloadUrlParameters,
): ResultAsync<DownloadUrlReturnType, PveError | InvalidInputError> {
  if (!/^https?:\/\//.test(p.url))
    return errAsync(new InvalidInputError('url', `expected an http(s) URL, got '${p.url}'`));
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(p.filename)) {
    return errAsync(new InvalidInputError('filename', `'${p.filename}' is not a plain file name`));
  }
  const volid = `${p.storage}:${p.content}/${p.filename}`;
  return ResultAsync.fromPromise(
    (async () => {
      const have = await unwrap(
        listStorageContent(client, { node: p.node, storage: p.storage, content: p.content }),
      );
      if (have.some((v) => v.volid === volid)) return { volid, downloaded: false };
      await runTaskOrThrow(
        client,
        () =>
          client.api.nodes
            .$(p.node)
            .storage.$(p.storage)
            ['download-url'].$post({
              url: p.url,
              filename: p.filename,
              content: p.content,
              ...(p.checksum
                ? { checksum: p.checksum.value, 'checksum-algorithm': p.checksum.algorithm }
                : {}),
            } as never),
        { node: p.node, timeoutMs: p.timeoutMs ?? 60 * 60_000, label: `download ${p.filename}` },
      );
      return { volid, downloaded: true };
    })(),
    (e) => toPveError(e),
  );
}
