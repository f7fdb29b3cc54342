import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import type { PveClient } from '../client/create-client.js';
import {
  NoNodeFitsError,
  type PlacementNeeds,
  type PveError,
  PvePermissionError,
} from '../errors.js';
import { type ClusterResource, getClusterResources } from './resources.js';

export type PlacementStrategy = 'most-free-memory' | 'round-robin' | 'first';

const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** What a node can still take, from `/cluster/resources`. */
export interface NodeCapacity {
  node: string;
  online: boolean;
  /** Bytes: total RAM, the host's own use, what VMs on the node are configured with, what is left. */
  memory: { total: number; host: number; committed: number; free: number };
  cores: number;
  /** The target storage on this node (null when absent or not visible). */
  storage: { id: string; total: number; used: number; free: number } | null;
  /** Why the node has no numbers (offline, no Sys.Audit), if so. */
  unknown?: string | undefined;
}

export interface CapacityOptions {
  /** Allow committing this multiple of RAM (default 1: no overcommit). */
  memoryOvercommit?: number;
}

/**
 * Capacity per node. Memory counts every non-template VM's configured RAM
 * (running or stopped: a suspended VM comes back on renewal) plus what the
 * host uses itself (node `mem` minus running VMs).
 */
export function nodeCapacities(
  resources: readonly ClusterResource[],
  nodes: readonly string[],
  storage: string,
  opts: CapacityOptions = {},
): NodeCapacity[] {
  const over = opts.memoryOvercommit ?? 1;
  return nodes.map((name) => {
    const n = resources.find((r) => r.type === 'node' && r.node === name);
    const vms = resources.filter(
      (r) => (r.type === 'qemu' || r.type === 'lxc') && r.node === name && !r.template,
    );
    const committed = vms.reduce((s, r) => s + (r.maxmem ?? 0), 0);
    const running = vms
      .filter((r) => r.status === 'running')
      .reduce((s, r) => s + (r.maxmem ?? 0), 0);
    const st = resources.find(
      (r) => r.type === 'storage' && r.node === name && r.storage === storage,
    );
    const online = n?.status === 'online';
    const total = n?.maxmem ?? 0;
    const host = Math.max(0, (n?.mem ?? 0) - running);
    const unknown = !n
      ? 'not in the cluster'
      : !online
        ? `node is ${n.status ?? 'offline'}`
        : n.maxmem === undefined
          ? `no numbers (the token needs Sys.Audit on /nodes/${name})`
          : undefined;
    return {
      node: name,
      online,
      memory: {
        total,
        host,
        committed,
        free: Math.max(0, Math.floor(total * over) - host - committed),
      },
      cores: n?.maxcpu ?? 0,
      storage: st
        ? {
            id: storage,
            total: st.maxdisk ?? 0,
            used: st.disk ?? 0,
            free: Math.max(0, (st.maxdisk ?? 0) - (st.disk ?? 0)),
          }
        : null,
      unknown,
    };
  });
}

/** Why `c` cannot take `needs`, or null when it can. */
export function whyNot(c: NodeCapacity, needs: PlacementNeeds): string | null {
  if (c.unknown) return c.unknown;
  const problems: string[] = [];
  if (c.memory.free < needs.memoryMiB * MiB) {
    problems.push(`${Math.floor(c.memory.free / MiB)} MiB memory free, needs ${needs.memoryMiB}`);
  }
  if (c.cores < needs.cores) problems.push(`${c.cores} cores, needs ${needs.cores}`);
  if (!c.storage)
    problems.push(`storage ${needs.storage} not available (or no Datastore.Audit on it)`);
  else if (c.storage.free < needs.diskGiB * GiB) {
    problems.push(
      `${(c.storage.free / GiB).toFixed(1)} GiB free on ${needs.storage}, needs ${needs.diskGiB}`,
    );
  }
  return problems.length ? problems.join('; ') : null;
}

export interface Placement {
  node: string;
  capacity: NodeCapacity;
}

/**
 * Picks a node for `needs` among `capacities` (in configured order):
 * `most-free-memory` (ties: configured order), `first` fit, or
 * `round-robin` starting after `cursor`.
 */
export function choosePlacement(
  capacities: readonly NodeCapacity[],
  needs: PlacementNeeds,
  strategy: PlacementStrategy,
  cursor = 0,
): Result<Placement & { cursor: number }, NoNodeFitsError> {
  const reasons: Record<string, string> = {};
  const fits: Array<{ c: NodeCapacity; i: number }> = [];
  capacities.forEach((c, i) => {
    const why = whyNot(c, needs);
    if (why) reasons[c.node] = why;
    else fits.push({ c, i });
  });
  if (fits.length === 0) {
    // Full now, or never? A node whose whole size holds the plan has room once VMs go; an
    // offline node may come back.
    const roomLater = capacities.some((c) =>
      c.unknown
        ? !c.online && c.unknown.startsWith('node is')
        : c.memory.total >= needs.memoryMiB * MiB &&
          c.cores >= needs.cores &&
          (c.storage?.total ?? 0) >= needs.diskGiB * GiB,
    );
    return err(new NoNodeFitsError(needs, reasons, { roomLater }));
  }
  let pick = fits[0]!;
  if (strategy === 'most-free-memory') {
    for (const f of fits) if (f.c.memory.free > pick.c.memory.free) pick = f;
  } else if (strategy === 'round-robin') {
    const n = capacities.length;
    pick = [...fits].sort((a, b) => ((a.i - cursor + n) % n) - ((b.i - cursor + n) % n))[0]!;
  }
  return ok({ node: pick.c.node, capacity: pick.c, cursor: (pick.i + 1) % capacities.length });
}

export interface PlaceVmParameters {
  /** Candidate nodes, in the configured order. */
  nodes: readonly string[];
  needs: PlacementNeeds;
  strategy?: PlacementStrategy;
  memoryOvercommit?: number;
}

/**
 * Reads `/cluster/resources` and picks a node for the plan (round-robin
 * state lives in the client). PVE hides a node's numbers from a token
 * without Sys.Audit on it instead of refusing: that is reported as the
 * permission error it is, not as a full cluster.
 */
export function placeVm(
  client: PveClient,
  params: PlaceVmParameters,
): ResultAsync<Placement, PveError | NoNodeFitsError> {
  return getClusterResources(client).andThen((resources) => {
    const caps = nodeCapacities(resources, params.nodes, params.needs.storage, {
      memoryOvercommit: params.memoryOvercommit,
    });
    const hidden = caps.find((c) => c.online && c.unknown?.includes('Sys.Audit'));
    if (hidden) {
      return err(
        new PvePermissionError(
          'GET',
          '/cluster/resources',
          `Permission check failed (/nodes/${hidden.node}, Sys.Audit)`,
        ),
      );
    }
    return choosePlacement(
      caps,
      params.needs,
      params.strategy ?? 'most-free-memory',
      client.placementCursor,
    ).map((p) => {
      if (params.strategy === 'round-robin') client.placementCursor = p.cursor;
      return { node: p.node, capacity: p.capacity };
    });
  });
}
