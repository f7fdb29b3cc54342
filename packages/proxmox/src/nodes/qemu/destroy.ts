import {
  type Deployment,
  deploymentTag,
  type InvalidInputError,
  subscriptionTag,
  vmName,
} from '@blockhost/core';
import { ResultAsync } from 'neverthrow';
import { unwrap } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import type { SnippetStore } from '../../cloud-init/snippets.js';
import { type PveError, toPveError, VmConflictError } from '../../errors.js';
import { runTaskOrThrow } from '../tasks/wait.js';
import { getVmConfig, isVmMissing } from './config.js';
import { findVm, splitTags } from './find.js';
import { startVm, stopVm } from './power.js';

export interface DestroyVmParameters {
  vmid: number;
  /** Where it runs; looked up in the cluster when absent. */
  node?: string;
  /** Refuse unless the VM carries this subscription's tags or name (never destroy a foreign VM). */
  expect?: { deployment: Deployment; subscriptionId: bigint };
  /** The VM's cloud-init snippet, removed after the VM (on `node`, default the VM's node). */
  snippet?: { store: SnippetStore; filename: string; node?: string };
  timeoutMs?: number;
}

export interface DestroyVmReturnType {
  /** False when the VM was already gone ("already gone" is success). */
  destroyed: boolean;
  /** Whether a snippet removal was done (false when its node is unknown). */
  snippetRemoved: boolean;
}

function ownedBy(
  config: Record<string, unknown>,
  expect: NonNullable<DestroyVmParameters['expect']>,
): boolean {
  const tags = splitTags(typeof config.tags === 'string' ? config.tags : undefined);
  const dtag = deploymentTag(expect.deployment);
  const name = vmName(expect.deployment, expect.subscriptionId);
  if (
    dtag.isOk() &&
    tags.includes(dtag.value) &&
    tags.includes(subscriptionTag(expect.subscriptionId))
  )
    return true;
  return name.isOk() && config.name === name.value;
}

/**
 * Destroys a VM: stop, `DELETE` with purge and destroy-unreferenced-disks,
 * then remove its snippet. A VM that is already gone is success. A
 * hibernated VM is resumed and stopped first, since PVE refuses to delete a
 * VM locked `suspended` without root's skiplock.
 */
export function destroyVm(
  client: PveClient,
  p: DestroyVmParameters,
): ResultAsync<DestroyVmReturnType, PveError | InvalidInputError> {
  return ResultAsync.fromPromise(
    (async (): Promise<DestroyVmReturnType> => {
      const node = p.node ?? (await unwrap(findVm(client, p.vmid)))?.node;
      let destroyed = false;
      if (node) {
        let config: Record<string, unknown> | null = null;
        try {
          config = await unwrap(getVmConfig(client, { node, vmid: p.vmid }));
        } catch (e) {
          if (!isVmMissing(e)) throw e;
        }
        if (config) {
          if (p.expect && !ownedBy(config, p.expect)) {
            throw new VmConflictError(
              `VM ${p.vmid} ('${String(config.name)}') is not the VM of subscription ${p.expect.subscriptionId}`,
              [p.vmid],
            );
          }
          const loc = { node, vmid: p.vmid, timeoutMs: p.timeoutMs };
          if (config.lock === 'suspended') await unwrap(startVm(client, loc));
          await unwrap(stopVm(client, loc));
          try {
            await runTaskOrThrow(
              client,
              () =>
                client.api.nodes
                  .$(node)
                  .qemu.$(p.vmid)
                  .$delete({ purge: true, 'destroy-unreferenced-disks': true }),
              { node, timeoutMs: p.timeoutMs, label: `destroy ${p.vmid}` },
            );
            destroyed = true;
          } catch (e) {
            if (!isVmMissing(e) && !(e instanceof Error && /does not exist/.test(e.message)))
              throw e;
          }
        }
      }
      const snippetNode = p.snippet?.node ?? node;
      if (p.snippet && snippetNode)
        await unwrap(p.snippet.store.remove(snippetNode, p.snippet.filename));
      return { destroyed, snippetRemoved: Boolean(p.snippet && snippetNode) };
    })(),
    (e) => toPveError(e),
  );
}
