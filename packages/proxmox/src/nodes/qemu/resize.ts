import { InvalidInputError } from '@blockhost/core';
import { errAsync, ResultAsync } from 'neverthrow';
import { unwrap } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import { type PveError, toSdkError } from '../../errors.js';
import { runTaskOrThrow } from '../tasks/wait.js';
import { getVmConfig, type VmConfig } from './config.js';

export interface ResizeVmDiskParameters {
  node: string;
  vmid: number;
  /** Drive key (default `scsi0`). */
  disk?: string;
  /** Wanted size in GiB; disks only grow. */
  sizeGiB: number;
  /** The VM's current config, if the caller has just read it (saves a request). */
  config?: VmConfig;
}

export interface ResizeVmDiskReturnType {
  /** False when the disk already had at least that size. */
  resized: boolean;
  /** The size before, in bytes. */
  before: number;
}

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 };

/** The `size=` of a drive value, in bytes (NaN when absent). */
export function driveSizeBytes(value: string): number {
  const m = /(?:^|,)size=([0-9]+(?:\.[0-9]+)?)([KMGT]?)(?:,|$)/.exec(value);
  return m ? Math.round(Number(m[1]) * UNITS[m[2]!]!) : Number.NaN;
}

/** Grows a disk to `sizeGiB` (absolute). A disk already that big is left alone. */
export function resizeVmDisk(
  client: PveClient,
  params: ResizeVmDiskParameters,
): ResultAsync<ResizeVmDiskReturnType, PveError | InvalidInputError> {
  const disk = params.disk ?? 'scsi0';
  if (!Number.isInteger(params.sizeGiB) || params.sizeGiB < 1) {
    return errAsync(new InvalidInputError('sizeGiB', 'expected an integer ≥ 1'));
  }
  return ResultAsync.fromPromise(
    (async () => {
      const config = params.config ?? (await unwrap(getVmConfig(client, params)));
      const value = config[disk];
      if (typeof value !== 'string')
        throw new InvalidInputError(`VM ${params.vmid} ${disk}`, 'the VM has no such disk');
      const before = driveSizeBytes(value);
      if (before >= params.sizeGiB * 1024 ** 3) return { resized: false, before };
      await runTaskOrThrow(
        client,
        () =>
          client.api.nodes
            .$(params.node)
            .qemu.$(params.vmid)
            .resize.$put({ disk, size: `${params.sizeGiB}G` } as never),
        { node: params.node, label: `resize ${params.vmid} ${disk}` },
      );
      return { resized: true, before };
    })(),
    toSdkError,
  );
}
