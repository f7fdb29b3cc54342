import { ResultAsync } from 'neverthrow';
import type { PveClient } from '../../client/create-client.js';
import { pause } from '../../client/pause.js';
import {
  PveAuthError,
  type PveError,
  PveParameterError,
  PvePermissionError,
  PveTimeoutError,
  toPveError,
} from '../../errors.js';
import type { VmLocator } from './config.js';

export interface WaitForAgentParameters extends VmLocator {
  /** Deadline (default 300 s). */
  timeoutMs?: number;
  /** Gives the wait up (`PveAbortedError`). */
  signal?: AbortSignal;
}

/**
 * Pings the guest agent until it answers (the guest has booted and
 * `qemu-guest-agent` runs), polling with backoff up to the deadline. A 400,
 * 401 or 403 ends the wait at once.
 */
export function waitForAgent(
  client: PveClient,
  p: WaitForAgentParameters,
): ResultAsync<{ waitedMs: number }, PveError> {
  const timeoutMs = p.timeoutMs ?? 300_000;
  return ResultAsync.fromPromise(
    (async () => {
      const started = client.now();
      let delay = client.poll.minMs;
      let last: PveError | undefined;
      for (;;) {
        try {
          await client.api.nodes.$(p.node).qemu.$(p.vmid).agent.ping.$post();
          return { waitedMs: client.now() - started };
        } catch (e) {
          last = toPveError(e);
          if (
            last instanceof PvePermissionError ||
            last instanceof PveParameterError ||
            last instanceof PveAuthError
          ) {
            throw last;
          }
        }
        if (client.now() - started >= timeoutMs) {
          throw new PveTimeoutError(`guest agent of VM ${p.vmid}`, timeoutMs, {
            details: last?.shortMessage,
            hint: 'is qemu-guest-agent installed and enabled in the template?',
            cause: last,
          });
        }
        await pause(client, delay, `the guest agent of VM ${p.vmid}`, p.signal);
        delay = Math.min(client.poll.maxMs, delay * client.poll.factor);
      }
    })(),
    (e) => toPveError(e),
  );
}
