import { ResultAsync } from 'neverthrow';
import { unwrap } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import { type PveError, PveTaskError, toPveError } from '../../errors.js';
import { runTaskOrThrow } from '../tasks/wait.js';
import { getVmConfig, type VmLocator } from './config.js';
import { getVmStatus } from './status.js';

export interface PowerParameters extends VmLocator {
  timeoutMs?: number;
}

const run = (client: PveClient, p: PowerParameters, label: string, start: () => Promise<unknown>) =>
  runTaskOrThrow(client, start, {
    node: p.node,
    timeoutMs: p.timeoutMs,
    label: `${label} ${p.vmid}`,
  });

/** Starts the VM (a hibernated one resumes from its saved state). Running already: nothing to do. */
export function startVm(
  client: PveClient,
  p: PowerParameters,
): ResultAsync<{ started: boolean }, PveError> {
  return ResultAsync.fromPromise(
    (async () => {
      const s = await unwrap(getVmStatus(client, p));
      if (s.status === 'running' && s.qmpstatus === 'paused') {
        await run(client, p, 'resume', () =>
          client.api.nodes.$(p.node).qemu.$(p.vmid).status.resume.$post({}),
        );
        return { started: true };
      }
      if (s.status === 'running') return { started: false };
      try {
        await run(client, p, 'start', () =>
          client.api.nodes.$(p.node).qemu.$(p.vmid).status.start.$post({}),
        );
      } catch (e) {
        // Someone else started it meanwhile: the goal is reached.
        if (e instanceof PveTaskError && /already running/.test(e.exitstatus))
          return { started: false };
        throw e;
      }
      return { started: true };
    })(),
    (e) => toPveError(e),
  );
}

/** Hard stop (like pulling the plug). Stopped already: nothing to do. */
export function stopVm(
  client: PveClient,
  p: PowerParameters,
): ResultAsync<{ stopped: boolean }, PveError> {
  return ResultAsync.fromPromise(
    (async () => {
      const s = await unwrap(getVmStatus(client, p));
      if (s.status === 'stopped') return { stopped: false };
      await run(client, p, 'stop', () =>
        client.api.nodes.$(p.node).qemu.$(p.vmid).status.stop.$post({}),
      );
      return { stopped: true };
    })(),
    (e) => toPveError(e),
  );
}

export interface ShutdownVmParameters extends PowerParameters {
  /** Seconds the guest gets to power off (default 120). */
  shutdownTimeoutS?: number;
}

/**
 * ACPI shutdown with a timeout; `{ stopped: false }` when the guest did not
 * go down in time (it is left running: the caller decides to stop it).
 */
export function shutdownVm(
  client: PveClient,
  p: ShutdownVmParameters,
): ResultAsync<{ stopped: boolean; alreadyStopped: boolean }, PveError> {
  return ResultAsync.fromPromise(
    (async () => {
      const s = await unwrap(getVmStatus(client, p));
      if (s.status === 'stopped') return { stopped: true, alreadyStopped: true };
      try {
        await run(client, p, 'shutdown', () =>
          client.api.nodes
            .$(p.node)
            .qemu.$(p.vmid)
            .status.shutdown.$post({ timeout: p.shutdownTimeoutS ?? 120, forceStop: false }),
        );
      } catch (e) {
        if (e instanceof PveTaskError && /got timeout|not running/.test(e.exitstatus)) {
          const after = await unwrap(getVmStatus(client, p));
          return { stopped: after.status === 'stopped', alreadyStopped: false };
        }
        throw e;
      }
      return { stopped: true, alreadyStopped: false };
    })(),
    (e) => toPveError(e),
  );
}

/** Sets `onboot` when it differs (suspend: 0, resume: 1). */
export function setOnboot(
  client: PveClient,
  p: VmLocator & { onboot: boolean },
): ResultAsync<{ changed: boolean }, PveError> {
  return getVmConfig(client, p).andThen((config) => {
    const want = p.onboot ? 1 : 0;
    if (Number(config.onboot ?? 0) === want)
      return ResultAsync.fromSafePromise(Promise.resolve({ changed: false }));
    return ResultAsync.fromPromise(
      client.api.nodes.$(p.node).qemu.$(p.vmid).config.$put({ onboot: p.onboot }),
      (e) => toPveError(e),
    ).map(() => ({ changed: true }));
  });
}
