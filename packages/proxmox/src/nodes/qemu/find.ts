import {
  BLOCKHOST_TAG,
  type Deployment,
  deploymentTag,
  type InvalidInputError,
  parseVmDescription,
  sameAddress,
  vmName,
  vmTags,
} from '@blockhost/core';
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { unwrap } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import { type ClusterResource, getClusterResources } from '../../cluster/resources.js';
import { type PveError, toPveError, VmConflictError } from '../../errors.js';
import { getVmConfig } from './config.js';

/** A VM as the cluster lists it. */
export interface VmRef {
  vmid: number;
  node: string;
  name: string | undefined;
  status: string | undefined;
  tags: string[];
  /** A config lock (`clone`, `create`, `suspended`, …) if set. */
  lock: string | undefined;
  template: boolean;
}

export function splitTags(tags: string | undefined): string[] {
  return (tags ?? '').split(/[;,\s]+/).filter(Boolean);
}

export function toVmRef(r: ClusterResource): VmRef {
  return {
    vmid: r.vmid!,
    node: r.node!,
    name: r.name,
    status: r.status,
    tags: splitTags(r.tags),
    lock: r.lock,
    template: r.template === 1 || r.template === true,
  };
}

export interface FindSubscriptionVmParameters {
  deployment: Deployment;
  subscriptionId: bigint;
}

export type FindSubscriptionVmReturnType = VmRef | null;

/**
 * The VM of a subscription, if one exists: by its tags (`blockhost`, the
 * deployment tag, `sub-<id>`), or, for a clone whose configure step never
 * ran, by its name plus the owner metadata the clone call already wrote into
 * the description. This is what keeps a crash between "clone sent" and
 * "clone recorded" from producing a second VM. Two matches are a conflict.
 */
export function findSubscriptionVm(
  client: PveClient,
  params: FindSubscriptionVmParameters,
): ResultAsync<FindSubscriptionVmReturnType, PveError | InvalidInputError> {
  const tags = vmTags(params.deployment, params.subscriptionId);
  if (tags.isErr()) return errAsync(tags.error);
  const name = vmName(params.deployment, params.subscriptionId);
  if (name.isErr()) return errAsync(name.error);
  return getClusterResources(client, { type: 'vm' }).andThen((resources) =>
    ResultAsync.fromPromise(
      (async () => {
        const vms = resources
          .filter((r) => r.type === 'qemu' && typeof r.vmid === 'number')
          .map(toVmRef);
        const matches = vms.filter(
          (vm) => !vm.template && tags.value.every((t) => vm.tags.includes(t)),
        );
        for (const vm of vms) {
          if (vm.template || matches.includes(vm) || vm.name !== name.value) continue;
          const config = await unwrap(getVmConfig(client, { node: vm.node, vmid: vm.vmid }));
          const meta = parseVmDescription(String(config.description ?? ''));
          if (
            meta &&
            meta.chainId === params.deployment.chainId &&
            sameAddress(meta.contract, params.deployment.contract) &&
            meta.subscriptionId === params.subscriptionId
          ) {
            matches.push(vm);
          }
        }
        if (matches.length > 1) {
          throw new VmConflictError(
            `subscription ${params.subscriptionId} has ${matches.length} VMs (${matches.map((m) => m.vmid).join(', ')})`,
            matches.map((m) => m.vmid),
          );
        }
        return matches[0] ?? null;
      })(),
      (e) => toPveError(e),
    ),
  );
}

export interface DeploymentVm extends VmRef {
  subscriptionId: bigint;
}

/** Every VM of a deployment (by tags), with the subscription id from its `sub-<id>` tag. */
export function listDeploymentVms(
  client: PveClient,
  deployment: Deployment,
): ResultAsync<DeploymentVm[], PveError | InvalidInputError> {
  const dtag = deploymentTag(deployment);
  if (dtag.isErr()) return errAsync(dtag.error);
  return getClusterResources(client, { type: 'vm' }).andThen((resources) => {
    const out: DeploymentVm[] = [];
    for (const r of resources) {
      if (r.type !== 'qemu' || typeof r.vmid !== 'number') continue;
      const vm = toVmRef(r);
      if (vm.template || !vm.tags.includes(BLOCKHOST_TAG) || !vm.tags.includes(dtag.value))
        continue;
      const sub = vm.tags.map((t) => /^sub-([0-9]+)$/.exec(t)?.[1]).find(Boolean);
      if (sub) out.push({ ...vm, subscriptionId: BigInt(sub) });
    }
    return okAsync(out);
  });
}

/** The VM `vmid` wherever it runs, or null. */
export function findVm(client: PveClient, vmid: number): ResultAsync<VmRef | null, PveError> {
  return getClusterResources(client, { type: 'vm' }).map((rs) => {
    const r = rs.find((x) => x.type === 'qemu' && x.vmid === vmid);
    return r ? toVmRef(r) : null;
  });
}
