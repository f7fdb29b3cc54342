import type { ResultAsync } from 'neverthrow';
import { pveCall } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import type { PveError } from '../../errors.js';

export interface StorageVolume {
  volid: string;
  content: string;
  format: string;
  size?: number;
  vmid?: number;
  ctime?: number;
}

export interface ListStorageContentParameters {
  node: string;
  storage: string;
  content?: 'images' | 'rootdir' | 'iso' | 'vztmpl' | 'import' | 'snippets' | 'backup';
  vmid?: number;
}

/** `GET /nodes/{node}/storage/{storage}/content`. */
export function listStorageContent(
  client: PveClient,
  p: ListStorageContentParameters,
): ResultAsync<StorageVolume[], PveError> {
  return pveCall(client, (api) =>
    api.nodes
      .$(p.node)
      .storage.$(p.storage)
      .content.$get({
        ...(p.content ? { content: p.content } : {}),
        ...(p.vmid !== undefined ? { vmid: p.vmid } : {}),
      } as never),
  ).map((v) => v as unknown as StorageVolume[]);
}
