import type { SuspendMode } from '@blockhost/core';
import { ResultAsync } from 'neverthrow';
import { unwrap } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import { type PveError, toPveError } from '../../errors.js';
import { runTaskOrThrow } from '../tasks/wait.js';
import type { VmLocator } from './config.js';
import { setOnboot, shutdownVm, stopVm } from './power.js';
import { getVmStatus } from './status.js';

export interface SuspendVmParameters extends VmLocator {
  /** `shutdown` (default): ACPI shutdown, then stop. `hibernate`: suspend to disk. */
  mode?: SuspendMode;
  /** Seconds the guest gets to shut down before it is stopped (default 120). */
  shutdownTimeoutS?: number;
  timeoutMs?: number;
}

export interface SuspendVmReturnType {
  /** What it took: nothing (already down), a clean shutdown, a hard stop after the timeout, or hibernation. */
  action: 'none' | 'shutdown' | 'stopped' | 'hibernated';
}

/**
 * Suspends a subscription's VM: `onboot=0` first (so a host reboot does not
 * bring it back), then shutdown with timeout and stop if still running, or
 * suspend-to-disk in `hibernate` mode. The disk is kept.
 */
export function suspendVm(
  client: PveClient,
  p: SuspendVmParameters,
): ResultAsync<SuspendVmReturnType, PveError> {
  return ResultAsync.fromPromise(
    (async (): Promise<SuspendVmReturnType> => {
      await unwrap(setOnboot(client, { ...p, onboot: false }));
      const s = await unwrap(getVmStatus(client, p));
      if (s.status === 'stopped') return { action: 'none' };
      if (p.mode === 'hibernate') {
        await runTaskOrThrow(
          client,
          () => client.api.nodes.$(p.node).qemu.$(p.vmid).status.suspend.$post({ todisk: true }),
          { node: p.node, timeoutMs: p.timeoutMs, label: `hibernate ${p.vmid}` },
        );
        return { action: 'hibernated' };
      }
      const down = await unwrap(shutdownVm(client, { ...p, shutdownTimeoutS: p.shutdownTimeoutS }));
      if (down.stopped) return { action: 'shutdown' };
      await unwrap(stopVm(client, p));
      return { action: 'stopped' };
    })(),
    (e) => toPveError(e),
  );
}
