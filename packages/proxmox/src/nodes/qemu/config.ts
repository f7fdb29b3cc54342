import type { ResultAsync } from 'neverthrow';
import { pveCall } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import { type PveError, PveHttpError } from '../../errors.js';

/** A VM config as PVE returns it: strings, integers and 0/1 booleans per key. */
export type VmConfig = Record<string, string | number | undefined>;

export interface VmLocator {
  node: string;
  vmid: number;
}

/** `GET /nodes/{node}/qemu/{vmid}/config` (the current config, `digest` included). */
export function getVmConfig(client: PveClient, params: VmLocator): ResultAsync<VmConfig, PveError> {
  return pveCall(client, (api) => api.nodes.$(params.node).qemu.$(params.vmid).config.$get()).map(
    (c) => c as unknown as VmConfig,
  );
}

/** PVE's answer for a VM that is not (or no longer) on that node. */
export function isVmMissing(e: unknown): boolean {
  return (
    e instanceof PveHttpError &&
    e.status === 500 &&
    /Configuration file '.*' does not exist|VM [0-9]+ does not exist/.test(e.reason)
  );
}
