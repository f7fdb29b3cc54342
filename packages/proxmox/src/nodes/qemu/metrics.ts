import { ResultAsync } from 'neverthrow';
import { pveCall, unwrap } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import { type PveError, toPveError } from '../../errors.js';
import type { VmLocator } from './config.js';
import { getVmStatus, type VmStatus } from './status.js';

export type RrdTimeframe = 'hour' | 'day' | 'week' | 'month' | 'year';

/** One RRD row: averages (or maxima) over the row's step. */
export interface RrdPoint {
  time: number;
  cpu?: number;
  maxcpu?: number;
  mem?: number;
  maxmem?: number;
  disk?: number;
  maxdisk?: number;
  netin?: number;
  netout?: number;
  diskread?: number;
  diskwrite?: number;
}

export interface VmMetrics {
  current: VmStatus;
  series: RrdPoint[];
}

export interface GetVmMetricsParameters extends VmLocator {
  timeframe?: RrdTimeframe;
  cf?: 'AVERAGE' | 'MAX';
}

/** `rrddata` of a VM. */
export function getVmRrd(
  client: PveClient,
  p: GetVmMetricsParameters,
): ResultAsync<RrdPoint[], PveError> {
  return pveCall(client, (api) =>
    api.nodes
      .$(p.node)
      .qemu.$(p.vmid)
      .rrddata.$get({ timeframe: p.timeframe ?? 'hour', ...(p.cf ? { cf: p.cf } : {}) }),
  ).map((rows) => rows as unknown as RrdPoint[]);
}

/** Current status plus the RRD series of a VM (for /metrics and `blockhost vm show`). */
export function getVmMetrics(
  client: PveClient,
  p: GetVmMetricsParameters,
): ResultAsync<VmMetrics, PveError> {
  return ResultAsync.fromPromise(
    (async () => {
      const [current, series] = await Promise.all([
        unwrap(getVmStatus(client, p)),
        unwrap(getVmRrd(client, p)),
      ]);
      return { current, series };
    })(),
    (e) => toPveError(e),
  );
}
