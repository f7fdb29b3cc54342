import type { ResultAsync } from 'neverthrow';
import { pveCall } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import type { PveError } from '../../errors.js';
import type { VmLocator } from './config.js';

/** `status/current` of a VM (the fields the SDK reads; PVE sends more). */
export interface VmStatus {
  vmid: number;
  status: 'running' | 'stopped' | string;
  /** QEMU's own state: `running`, `paused`, `stopped`, … */
  qmpstatus?: string;
  name?: string;
  lock?: string;
  tags?: string;
  template?: number;
  cpus?: number;
  cpu?: number;
  maxmem?: number;
  mem?: number;
  maxdisk?: number;
  disk?: number;
  uptime?: number;
  netin?: number;
  netout?: number;
  diskread?: number;
  diskwrite?: number;
  agent?: number;
}

/** `GET /nodes/{node}/qemu/{vmid}/status/current`. */
export function getVmStatus(client: PveClient, params: VmLocator): ResultAsync<VmStatus, PveError> {
  return pveCall(client, (api) =>
    api.nodes.$(params.node).qemu.$(params.vmid).status.current.$get(),
  ).map((s) => s as unknown as VmStatus);
}
