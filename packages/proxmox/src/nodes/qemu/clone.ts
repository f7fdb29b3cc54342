import { ResultAsync } from 'neverthrow';
import { unwrap, withRetries } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import { pause } from '../../client/pause.js';
import {
  type PveError,
  PveHttpError,
  PvePermissionError,
  PveTimeoutError,
  toPveError,
  VmConflictError,
  VmidUnavailableError,
} from '../../errors.js';
import { waitForTask } from '../tasks/wait.js';
import { getVmConfig } from './config.js';

export interface CloneVmParameters {
  /** The node holding the template. */
  node: string;
  templateVmid: number;
  newid: number;
  /** VM name (also the host name): `vmName` from @blockhost/core. */
  name: string;
  /** Written by the clone call itself, so a VM is identifiable before configure runs. */
  description?: string;
  /** Node for the new VM (default `node`; other nodes need the template on shared storage). */
  target?: string;
  /** Storage for the full clone's disks (default: the template's). */
  storage?: string;
  /** Full clone (default true): the VM does not depend on the template's disks. */
  full?: boolean;
  /**
   * Resource pool the new VM joins when the clone is done (BlockHost's): a
   * pool-scoped token needs VM.Allocate on the pool, not on `/vms/<newid>`.
   */
  pool?: string;
  timeoutMs?: number;
  /** Gives the waits up (`PveAbortedError`); a clone already started keeps running. */
  signal?: AbortSignal;
}

export interface CloneVmReturnType {
  vmid: number;
  node: string;
  /** False when the VM was already there (an earlier attempt's clone). */
  created: boolean;
}

const EXISTS = /config file already exists|already exists on node/;

/** Waits until the VM's config has no `lock` (a clone or create still running). */
export async function waitUnlockedOrThrow(
  client: PveClient,
  node: string,
  vmid: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const started = client.now();
  let delay = client.poll.minMs;
  for (;;) {
    const config = await unwrap(getVmConfig(client, { node, vmid }));
    if (!config.lock || config.lock === 'suspended') return;
    if (client.now() - started > timeoutMs) {
      throw new PveTimeoutError(`VM ${vmid} (locked '${String(config.lock)}')`, timeoutMs, {
        hint: `if no task is running for it, clear the lock with 'qm unlock ${vmid}'`,
      });
    }
    await pause(client, delay, `VM ${vmid} to be unlocked`, signal);
    delay = Math.min(client.poll.maxMs, delay * client.poll.factor);
  }
}

/** Waits until a VM's config lock (`clone`, `create`, …) is gone, up to `timeoutMs`. */
export function waitUnlocked(
  client: PveClient,
  p: { node: string; vmid: number; timeoutMs?: number; signal?: AbortSignal },
): ResultAsync<void, PveError> {
  return ResultAsync.fromPromise(
    waitUnlockedOrThrow(client, p.node, p.vmid, p.timeoutMs ?? 30 * 60_000, p.signal),
    (e) => toPveError(e),
  );
}

/**
 * Clones the template. At most `clonesPerStorage` clones run at once per
 * target node and storage (default 1). When `newid` already holds a VM of
 * the same name (an earlier attempt that got through), that VM is adopted
 * once its clone task is done; any other VM there is a conflict.
 */
export function cloneVm(
  client: PveClient,
  params: CloneVmParameters,
): ResultAsync<CloneVmReturnType, PveError> {
  const target = params.target ?? params.node;
  const timeoutMs = params.timeoutMs ?? 30 * 60_000;
  const key = `${target}/${params.storage ?? `template-${params.templateVmid}`}`;
  const adopt = async (): Promise<CloneVmReturnType> => {
    const read = await getVmConfig(client, { node: target, vmid: params.newid });
    if (read.isErr() && read.error instanceof PvePermissionError) {
      // A pool-scoped token sees no VM outside the pool, and a clone joins the pool only
      // when it is done: another VM, or an earlier attempt's clone still running.
      throw new VmidUnavailableError(params.newid);
    }
    if (read.isErr()) throw read.error;
    const config = read.value;
    if (config.name !== params.name) {
      throw new VmConflictError(
        `VMID ${params.newid} is taken by '${String(config.name)}', not '${params.name}'`,
        [params.newid],
      );
    }
    await waitUnlockedOrThrow(client, target, params.newid, timeoutMs, params.signal);
    return { vmid: params.newid, node: target, created: false };
  };
  return ResultAsync.fromPromise(
    client.cloneSlots.run(key, () =>
      withRetries(client, async () => {
        let upid: string;
        try {
          upid = (await client.api.nodes
            .$(params.node)
            .qemu.$(params.templateVmid)
            .clone.$post({
              newid: params.newid,
              name: params.name,
              full: params.full ?? true,
              ...(params.description !== undefined ? { description: params.description } : {}),
              ...(params.target && params.target !== params.node ? { target: params.target } : {}),
              ...(params.storage && (params.full ?? true) ? { storage: params.storage } : {}),
              ...(params.pool !== undefined ? { pool: params.pool } : {}),
            })) as string;
        } catch (e) {
          if (e instanceof PveHttpError && EXISTS.test(e.reason)) return adopt();
          throw e;
        }
        await unwrap(
          waitForTask(client, { node: params.node, upid, timeoutMs, signal: params.signal }),
        );
        return { vmid: params.newid, node: target, created: true };
      }),
    ),
    (e) => toPveError(e),
  );
}
