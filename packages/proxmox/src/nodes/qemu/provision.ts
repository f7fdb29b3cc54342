import {
  type Address,
  type Deployment,
  InvalidInputError,
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
import { findSubscriptionVm, findVm } from './find.js';
import { startVm } from './power.js';
import { resizeVmDisk } from './resize.js';
import { waitForAgent } from './wait-agent.js';

/**
 * The steps of provisioning a subscription's VM, in order. Each is idempotent
 * and checks the world before acting, so a caller that records the step it
 * reached (the daemon's journal) can resume at that step after a crash.
 */
export const PROVISION_STEPS = ['clone', 'configure', 'start', 'wait-agent'] as const;
export type ProvisionStep = (typeof PROVISION_STEPS)[number];

export interface ProvisionVmParameters {
  deployment: Deployment;
  subscriptionId: bigint;
  /** The subscriber (written into the description's owner metadata). */
  owner: Address;
  tokenId?: bigint;
  /** The purchase's transaction hash (kept in the description, for recovery). */
  purchase?: `0x${string}`;
  /**
   * The VM's VMID and node. For `clone`: what the caller allocated and
   * recorded (not used when the subscription already has a VM). For the
   * later steps: the VM `clone` returned.
   */
  vmid: number;
  node: string;
  /** The template; its node is looked up when not given. */
  template: { vmid: number; node?: string };
  /** Storage for the VM's disks. */
  storage: string;
  /**
   * Resource pool the VM joins (BlockHost's, `proxmox.pool`): the token's
   * privileges reach the VM through it once the clone is done.
   */
  pool?: string;
  /** Full clone (default true). */
  full?: boolean;
  resources: { cores: number; memoryMiB: number; diskGiB: number };
  network: VmNetwork;
  cloudInit: {
    /** Rendered user-data (`renderUserData`); needed by `configure`. */
    userData?: string;
    /** Storage id whose snippets directory the store writes to (`local`). */
    snippetStorage: string;
    snippets: SnippetStore;
    ciuser?: string;
  };
  onboot?: boolean;
  /** Deadline of `wait-agent` (default 300 s). */
  agentTimeoutMs?: number;
  cloneTimeoutMs?: number;
  /** Gives the step's waits up (`PveAbortedError`). */
  signal?: AbortSignal;
}

export interface ProvisionVmStepReturnType {
  /** The VM the step worked on: after `clone`, the subscription's existing VM if it had one. */
  vm: { vmid: number; node: string };
  /** The step to run next; null when the VM is provisioned. */
  next: ProvisionStep | null;
  /** `clone` only: false when the subscription's VM existed already and was adopted. */
  created?: boolean;
}

export type ProvisionVmErrorType = PveError | InvalidInputError;

/** The snippet file of a VM: `<vm name>-user.yaml`. */
export const snippetFilename = (name: string) => `${name}-user.yaml`;

interface Derived {
  name: string;
  tags: string[];
  description: string;
  snippet: string;
}

function derive(p: ProvisionVmParameters): Derived | InvalidInputError {
  const name = vmName(p.deployment, p.subscriptionId);
  if (name.isErr()) return name.error;
  const tags = vmTags(p.deployment, p.subscriptionId);
  if (tags.isErr()) return tags.error;
  const description = vmDescription({
    chainId: p.deployment.chainId,
    contract: p.deployment.contract,
    subscriptionId: p.subscriptionId,
    owner: p.owner,
    tokenId: p.tokenId,
    purchase: p.purchase,
  });
  return { name: name.value, tags: tags.value, description, snippet: snippetFilename(name.value) };
}

const STEPS: Record<
  ProvisionStep,
  (client: PveClient, p: ProvisionVmParameters, d: Derived) => Promise<ProvisionVmStepReturnType>
> = {
  // Find the subscription's VM (tags, or name + description for a clone whose configure
  // never ran) before cloning: a crash between "clone sent" and "clone recorded" must not
  // make a second VM.
  async clone(client, p, d) {
    const found = await unwrap(findSubscriptionVm(client, p));
    if (found) {
      const vm = { vmid: found.vmid, node: found.node };
      if (found.lock === 'clone' || found.lock === 'create') {
        await waitUnlockedOrThrow(
          client,
          vm.node,
          vm.vmid,
          p.cloneTimeoutMs ?? 30 * 60_000,
          p.signal,
        );
      }
      return { vm, next: 'configure', created: false };
    }
    let templateNode = p.template.node;
    if (templateNode === undefined) {
      const t = await unwrap(findVm(client, p.template.vmid));
      if (!t) {
        throw new InvalidInputError(
          'template.vmid',
          `no VM ${p.template.vmid} in the cluster (build the template first)`,
        );
      }
      templateNode = t.node;
    }
    const c = await unwrap(
      cloneVm(client, {
        node: templateNode,
        templateVmid: p.template.vmid,
        newid: p.vmid,
        name: d.name,
        description: d.description,
        target: p.node,
        storage: p.storage,
        ...(p.pool !== undefined ? { pool: p.pool } : {}),
        full: p.full ?? true,
        timeoutMs: p.cloneTimeoutMs,
        signal: p.signal,
      }),
    );
    return { vm: { vmid: c.vmid, node: c.node }, next: 'configure', created: c.created };
  },

  // Snippet first: the config names it, and a VM must never start without its user-data.
  async configure(client, p, d) {
    const vm = { vmid: p.vmid, node: p.node };
    if (p.cloudInit.userData === undefined) {
      throw new InvalidInputError('cloudInit.userData', 'the configure step needs the user-data');
    }
    await unwrap(p.cloudInit.snippets.write(vm.node, d.snippet, p.cloudInit.userData));
    const configured = await unwrap(
      configureVm(client, {
        ...vm,
        cores: p.resources.cores,
        memoryMiB: p.resources.memoryMiB,
        network: p.network,
        ciuser: p.cloudInit.ciuser,
        cicustom: { user: `${p.cloudInit.snippetStorage}:snippets/${d.snippet}` },
        tags: d.tags,
        description: d.description,
        agent: true,
        onboot: p.onboot ?? true,
      }),
    );
    await unwrap(
      resizeVmDisk(client, {
        ...vm,
        disk: 'scsi0',
        sizeGiB: p.resources.diskGiB,
        config: configured.config,
      }),
    );
    return { vm, next: 'start' };
  },

  async start(client, p) {
    const vm = { vmid: p.vmid, node: p.node };
    await unwrap(startVm(client, vm));
    return { vm, next: 'wait-agent' };
  },

  async 'wait-agent'(client, p) {
    const vm = { vmid: p.vmid, node: p.node };
    await unwrap(
      waitForAgent(client, { ...vm, timeoutMs: p.agentTimeoutMs ?? 300_000, signal: p.signal }),
    );
    return { vm, next: null };
  },
};

/**
 * Runs one step of provisioning a subscription's VM and says which comes
 * next. Every step checks the world first, so it can be repeated after a
 * crash at any point; resuming at the recorded step ends with exactly one VM.
 */
export function provisionVmStep(
  client: PveClient,
  step: ProvisionStep,
  p: ProvisionVmParameters,
): ResultAsync<ProvisionVmStepReturnType, ProvisionVmErrorType> {
  const d = derive(p);
  if (d instanceof InvalidInputError) return errAsync(d);
  const run = STEPS[step];
  if (!run) return errAsync(new InvalidInputError('step', `'${step}' is not a provisioning step`));
  return ResultAsync.fromPromise(run(client, p, d), toSdkError);
}

export interface ProvisionVmReturnType {
  vmid: number;
  node: string;
  name: string;
  /** False when the subscription's VM existed already (found by tags or name + description). */
  created: boolean;
  snippet: string;
  /** The steps run, in order. */
  steps: ProvisionStep[];
}

/**
 * Provisions a subscription's VM from `from` (default `clone`) to the end:
 * clone (or find) → configure (snippet, config, disk) → start → wait for the
 * guest agent (skipped when `agentTimeoutMs` is 0). `onStep` is called after
 * each step, e.g. to journal progress.
 */
export function provisionVm(
  client: PveClient,
  p: ProvisionVmParameters & {
    from?: ProvisionStep;
    onStep?: (step: ProvisionStep, vm: { vmid: number; node: string }) => void | Promise<void>;
  },
): ResultAsync<ProvisionVmReturnType, ProvisionVmErrorType> {
  const d = derive(p);
  if (d instanceof InvalidInputError) return errAsync(d);
  return ResultAsync.fromPromise(
    (async (): Promise<ProvisionVmReturnType> => {
      const steps: ProvisionStep[] = [];
      let vm = { vmid: p.vmid, node: p.node };
      let created = false;
      let step: ProvisionStep | null = p.from ?? 'clone';
      while (step !== null) {
        if (step === 'wait-agent' && p.agentTimeoutMs === 0) break;
        const r: ProvisionVmStepReturnType = await unwrap(
          provisionVmStep(client, step, { ...p, ...vm }),
        );
        if (step === 'clone') created = r.created ?? false;
        vm = r.vm;
        steps.push(step);
        await p.onStep?.(step, vm);
        step = r.next;
      }
      return { ...vm, name: d.name, created, snippet: d.snippet, steps };
    })(),
    toSdkError,
  );
}
