import {
  allocateVmid,
  type InvalidInputError,
  type PoolExhaustedError,
  type VmidRange,
} from '@blockhost/core';
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { pveCall } from '../client/call.js';
import type { PveClient } from '../client/create-client.js';
import type { PveError } from '../errors.js';

/** An entry of `/cluster/resources` (the fields the SDK reads). */
export interface ClusterResource {
  id: string;
  type: 'qemu' | 'lxc' | 'node' | 'storage' | 'sdn' | 'pool' | string;
  node?: string;
  status?: string;
  vmid?: number;
  name?: string;
  tags?: string;
  lock?: string;
  template?: number | boolean;
  maxmem?: number;
  mem?: number;
  maxcpu?: number;
  cpu?: number;
  maxdisk?: number;
  disk?: number;
  storage?: string;
  shared?: number | boolean;
  content?: string;
}

export type GetClusterResourcesParameters = { type?: 'vm' | 'storage' | 'node' | 'sdn' };

/** `GET /cluster/resources`: nodes, VMs and storages the token may see. */
export function getClusterResources(
  client: PveClient,
  params: GetClusterResourcesParameters = {},
): ResultAsync<ClusterResource[], PveError> {
  return pveCall(client, (api) =>
    api.cluster.resources.$get(params.type ? { type: params.type } : {}),
  ).map((r) => r as unknown as ClusterResource[]);
}

/**
 * Every VMID in use in the cluster (VMs and containers, templates included).
 * Needs VM.Audit on /vms (a VM the token cannot see is not listed).
 */
export function getVmidsInUse(client: PveClient): ResultAsync<Set<number>, PveError> {
  return getClusterResources(client, { type: 'vm' }).map(
    (rs) => new Set(rs.filter((r) => typeof r.vmid === 'number').map((r) => r.vmid!)),
  );
}

export interface NextFreeVmidParameters {
  range: VmidRange;
  /** VMIDs already promised locally (allocated, not yet cloned). */
  reserved?: Iterable<number>;
}

/**
 * The lowest VMID in `range` used neither in the cluster nor in `reserved`.
 * Reserves nothing: call it under your own lock and record the result
 * before cloning (`/cluster/nextid` has the same race).
 */
export function nextFreeVmid(
  client: PveClient,
  params: NextFreeVmidParameters,
): ResultAsync<number, PveError | PoolExhaustedError | InvalidInputError> {
  return getVmidsInUse(client).andThen((used) => {
    const r = allocateVmid(params.range, [...used, ...(params.reserved ?? [])]);
    return r.isOk() ? okAsync(r.value) : errAsync(r.error);
  });
}
