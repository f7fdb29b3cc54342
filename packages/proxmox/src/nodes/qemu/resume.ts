import { ResultAsync } from 'neverthrow';
import { unwrap } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import { type PveError, toPveError } from '../../errors.js';
import type { VmLocator } from './config.js';
import { setOnboot, startVm } from './power.js';
import { waitForAgent } from './wait-agent.js';

export interface ResumeVmParameters extends VmLocator {
  /** Also wait for the guest agent (default: do not wait). */
  agentTimeoutMs?: number;
  timeoutMs?: number;
}

/** Resumes a suspended VM: `onboot=1`, then start (a hibernated VM continues where it was). */
export function resumeVm(
  client: PveClient,
  p: ResumeVmParameters,
): ResultAsync<{ started: boolean }, PveError> {
  return ResultAsync.fromPromise(
    (async () => {
      await unwrap(setOnboot(client, { ...p, onboot: true }));
      const r = await unwrap(startVm(client, p));
      if (p.agentTimeoutMs !== undefined)
        await unwrap(waitForAgent(client, { ...p, timeoutMs: p.agentTimeoutMs }));
      return r;
    })(),
    (e) => toPveError(e),
  );
}
