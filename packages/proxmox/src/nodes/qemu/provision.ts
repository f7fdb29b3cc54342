import {
  type Address,
  type Deployment,
  type InvalidInputError,
  vmDescription,
  vmName,
  vmTags,
} from '@blockhost/core';
import { errAsync, ResultAsync } from 'neverthrow';
import { unwrap } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import type { SnippetStore } from '../../cloud-init/snippets.js';
import { type PveError, toSdkError } from '../../errors.js';
import { cloneVm, waitUnlockedOrThrow } from './clone.js';
import { configureVm, type VmNetwork } from './configure.js';
import { findSubscriptionVm } from './find.js';
import { startVm } from './power.js';
import { resizeVmDisk } from './resize.js';
import { waitForAgent } from './wait-agent.js';

export type ProvisionStep =
  | 'found'
  | 'cloned'
  | 'snippet'
  | 'configured'
  | 'resized'
  | 'started'
  | 'agent';

export interface ProvisionVmParameters {
  deployment: Deployment;
  subscriptionId: bigint;
  /** The subscriber (written into the description's owner metadata). */
  owner: Address;
  tokenId?: bigint;
  /** VMID the caller allocated and recorded. Not used when the subscription already has a VM. */
  vmid: number;
  /** Node chosen by placement. */
  node: string;
  template: { vmid: number; node: string };
  /** Storage for the VM's disks. */
  storage: string;
  /** Full clone (default true). */
  full?: boolean;
  resources: { cores: number; memoryMiB: number; diskGiB: number };
  network: VmNetwork;
  cloudInit: {
    /** Rendered user-data (`renderUserData`). */
    userData: string;
    /** Storage id whose snippets directory the store writes to (`local`). */
    snippetStorage: string;
    snippets: SnippetStore;
    ciuser?: string;
  };
  onboot?: boolean;
  /** Wait for the guest agent (default 300 s); 0 skips the wait. */
  agentTimeoutMs?: number;
  cloneTimeoutMs?: number;
  /** Called after each step, e.g. to journal progress. */
  onStep?: (step: ProvisionStep, vm: { vmid: number; node: string }) => void | Promise<void>;
}

export interface ProvisionVmReturnType {
  vmid: number;
  node: string;
  name: string;
  /** False when the subscription's VM existed already (found by tags or name + description). */
  created: boolean;
  snippet: string;
  steps: ProvisionStep[];
}

/** The snippet file of a VM: `<vm name>-user.yaml`. */
export const snippetFilename = (name: string) => `${name}-user.yaml`;

/**
 * Provisions a subscription's VM: find it (tags, or name + description for a
 * clone whose configure never ran) or clone the template → write the
 * cloud-init snippet → configure → grow the disk → start → wait for the
 * guest agent. Every step checks the world first, so the whole call can be
 * repeated after a crash at any point and ends with exactly one VM.
 */
export function provisionVm(
  client: PveClient,
  p: ProvisionVmParameters,
): ResultAsync<ProvisionVmReturnType, PveError | InvalidInputError> {
  const name = vmName(p.deployment, p.subscriptionId);
  if (name.isErr()) return errAsync(name.error);
  const tags = vmTags(p.deployment, p.subscriptionId);
  if (tags.isErr()) return errAsync(tags.error);
  const description = vmDescription({
    chainId: p.deployment.chainId,
    contract: p.deployment.contract,
    subscriptionId: p.subscriptionId,
    owner: p.owner,
    tokenId: p.tokenId,
  });
  const snippet = snippetFilename(name.value);
  return ResultAsync.fromPromise(
    (async (): Promise<ProvisionVmReturnType> => {
      const steps: ProvisionStep[] = [];
      const step = async (s: ProvisionStep, vm: { vmid: number; node: string }) => {
        steps.push(s);
        await p.onStep?.(s, vm);
      };
      let vm: { vmid: number; node: string };
      let created = false;
      const found = await unwrap(findSubscriptionVm(client, p));
      if (found) {
        vm = { vmid: found.vmid, node: found.node };
        if (found.lock === 'clone' || found.lock === 'create') {
          await waitUnlockedOrThrow(client, vm.node, vm.vmid, p.cloneTimeoutMs ?? 30 * 60_000);
        }
        await step('found', vm);
      } else {
        const c = await unwrap(
          cloneVm(client, {
            node: p.template.node,
            templateVmid: p.template.vmid,
            newid: p.vmid,
            name: name.value,
            description,
            target: p.node,
            storage: p.storage,
            full: p.full ?? true,
            timeoutMs: p.cloneTimeoutMs,
          }),
        );
        vm = { vmid: c.vmid, node: c.node };
        created = c.created;
        await step(c.created ? 'cloned' : 'found', vm);
      }
      await unwrap(p.cloudInit.snippets.write(vm.node, snippet, p.cloudInit.userData));

      await step('snippet', vm);
      const configured = await unwrap(
        configureVm(client, {
          ...vm,
          cores: p.resources.cores,
          memoryMiB: p.resources.memoryMiB,
          network: p.network,
          ciuser: p.cloudInit.ciuser,
          cicustom: { user: `${p.cloudInit.snippetStorage}:snippets/${snippet}` },
          tags: tags.value,
          description,
          agent: true,
          onboot: p.onboot ?? true,
        }),
      );
      await step('configured', vm);
      await unwrap(
        resizeVmDisk(client, {
          ...vm,
          disk: 'scsi0',
          sizeGiB: p.resources.diskGiB,
          config: configured.config,
        }),
      );
      await step('resized', vm);
      await unwrap(startVm(client, vm));
      await step('started', vm);
      if (p.agentTimeoutMs !== 0) {
        await unwrap(waitForAgent(client, { ...vm, timeoutMs: p.agentTimeoutMs ?? 300_000 }));
        await step('agent', vm);
      }
      return { ...vm, name: name.value, created, snippet, steps };
    })(),
    toSdkError,
  );
}
