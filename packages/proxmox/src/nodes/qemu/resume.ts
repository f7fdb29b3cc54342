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

/**
 * Resumes a suspended VM: start (a hibernated VM continues where it was),
 * then `onboot=1`. Start comes first because PVE refuses config changes
 * while a hibernated VM is locked `suspended`; a rerun completes either step.
 */
export function resumeVm(
  client: PveClient,
  p: ResumeVmParameters,
): ResultAsync<{ started: boolean }, PveError> {
  return ResultAsync.fromPromise(
    (async () => {
      const r = await unwrap(startVm(client, p));
      await unwrap(setOnboot(client, { ...p, onboot: true }));
      if (p.agentTimeoutMs !== undefined)
        await unwrap(waitForAgent(client, { ...p, timeoutMs: p.agentTimeoutMs }));
      return r;
    })(),
    (e) => toPveError(e),
  );
}
