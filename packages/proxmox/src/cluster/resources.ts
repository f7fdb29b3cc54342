import {
  allocateVmid,
  InvalidInputError,
  PoolExhaustedError,
  type VmidRange,
} from '@blockhost/core';
import { errAsync, okAsync, type Result, ResultAsync } from 'neverthrow';
import { pveCall, unwrap } from '../client/call.js';
import type { PveClient } from '../client/create-client.js';
import { sharedRounds } from '../client/shared-rounds.js';
import { type PveError, PveParameterError, toPveError } from '../errors.js';

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
  /** The VM's resource pool (listed only to who may audit that pool). */
  pool?: string;
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

type Listing = () => Promise<Result<ClusterResource[], PveError>>;
const listings = new WeakMap<PveClient, Map<string, Listing>>();

/**
 * `GET /cluster/resources`: nodes, VMs and storages the token may see. Calls of one client that
 * come together share requests (`sharedRounds`: each answer is still from a request sent after
 * its call): every provisioning job lists the cluster a few times, and the answer grows with it.
 */
export function getClusterResources(
  client: PveClient,
  params: GetClusterResourcesParameters = {},
): ResultAsync<ClusterResource[], PveError> {
  let byType = listings.get(client);
  if (!byType) {
    byType = new Map();
    listings.set(client, byType);
  }
  const key = params.type ?? '';
  let list = byType.get(key);
  if (!list) {
    list = sharedRounds(() =>
      pveCall(client, (api) =>
        api.cluster.resources.$get(params.type ? { type: params.type } : {}),
      ).map((r) => r as unknown as ClusterResource[]),
    );
    byType.set(key, list);
  }
  // Each caller gets its own array (the entries are read, never changed).
  return new ResultAsync(list()).map((rs) => [...rs]);
}

/**
 * Whether `vmid` is free in the whole cluster, VMs the token can not see
 * included: `/cluster/nextid?vmid=` asks PVE's VM list and needs no privilege.
 */
export function isVmidFree(client: PveClient, vmid: number): ResultAsync<boolean, PveError> {
  return pveCall(client, (api) => api.cluster.nextid.$get({ vmid }))
    .map(() => true)
    .orElse((e) =>
      e instanceof PveParameterError && /already exists/.test(e.errors?.vmid ?? '')
        ? okAsync(false)
        : errAsync(e),
    );
}

export interface GetVmidsInUseParameters {
  /**
   * Also find VMs the token can not see (outside BlockHost's pool) among
   * the lowest VMIDs of `range` that look free, until `free` of them are
   * confirmed free (default 8): what an allocator in that range picks next. VMIDs in
   * `reserved` (the caller's own allocations, not cloned yet) are neither probed nor counted:
   * with them given, `free: 1` finds exactly the VMID the allocator takes (one call, usually).
   */
  probe?: { range: VmidRange; free?: number; reserved?: Iterable<number> };
}

/**
 * VMIDs in use (VMs and containers, templates included): those the token
 * can see (VM.Audit: its pool's), plus with `probe` the hidden ones among
 * the next candidates of a range.
 */
export function getVmidsInUse(
  client: PveClient,
  params: GetVmidsInUseParameters = {},
): ResultAsync<Set<number>, PveError> {
  return getClusterResources(client, { type: 'vm' }).andThen((rs) => {
    const used = new Set(rs.filter((r) => typeof r.vmid === 'number').map((r) => r.vmid!));
    const probe = params.probe;
    if (!probe) return okAsync(used);
    return ResultAsync.fromPromise(
      (async () => {
        let free = 0;
        const reserved = new Set(probe.reserved ?? []);
        for (let id = probe.range.start; id <= probe.range.end; id++) {
          if (used.has(id) || reserved.has(id)) continue;
          if (!(await unwrap(isVmidFree(client, id)))) used.add(id);
          else if (++free >= (probe.free ?? 8)) break;
        }
        return used;
      })(),
      (e) => toPveError(e),
    );
  });
}

export interface NextFreeVmidParameters {
  range: VmidRange;
  /** VMIDs already promised locally (allocated, not yet cloned). */
  reserved?: Iterable<number>;
}

/**
 * The lowest VMID in `range` used neither in the cluster (VMs outside the
 * token's sight included) nor in `reserved`. Reserves nothing: call it under
 * your own lock and record the result before cloning.
 */
export function nextFreeVmid(
  client: PveClient,
  params: NextFreeVmidParameters,
): ResultAsync<number, PveError | PoolExhaustedError | InvalidInputError> {
  return getVmidsInUse(client).andThen((used) =>
    ResultAsync.fromPromise(
      (async () => {
        const taken = [...used, ...(params.reserved ?? [])];
        for (;;) {
          const r = allocateVmid(params.range, taken);
          if (r.isErr()) throw r.error;
          if (await unwrap(isVmidFree(client, r.value))) return r.value;
          taken.push(r.value);
        }
      })(),
      (e) =>
        e instanceof PoolExhaustedError || e instanceof InvalidInputError ? e : toPveError(e),
    ),
  );
}
