import { InvalidInputError } from '@blockhost/core';
import { errAsync, ResultAsync } from 'neverthrow';
import { withRetries } from '../../../client/call.js';
import type { PveClient } from '../../../client/create-client.js';
import { type PveError, PveTimeoutError, toPveError } from '../../../errors.js';
import type { VmLocator } from '../config.js';

export interface GuestExecParameters extends VmLocator {
  /** Program and arguments (no shell). */
  command: readonly string[];
  /** Passed to the program's stdin. */
  inputData?: string;
  /** How long to wait for the program to exit (default 60 s). */
  timeoutMs?: number;
}

export interface GuestExecReturnType {
  exitcode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program in the guest through the QEMU guest agent (`agent/exec`)
 * and waits for it (`agent/exec-status`). A non-zero exit is a result, not
 * an error: see `exitcode`.
 */
export function guestExec(
  client: PveClient,
  p: GuestExecParameters,
): ResultAsync<GuestExecReturnType, PveError | InvalidInputError> {
  if (p.command.length === 0 || !p.command[0])
    return errAsync(new InvalidInputError('command', 'expected a program name'));
  const timeoutMs = p.timeoutMs ?? 60_000;
  const vm = client.api.nodes.$(p.node).qemu.$(p.vmid);
  return ResultAsync.fromPromise(
    (async () => {
      // The start is not retried: a lost answer would run the program twice.
      const { pid } = (await vm.agent.exec.$post({
        command: [...p.command],
        ...(p.inputData !== undefined ? { 'input-data': p.inputData } : {}),
      } as never)) as { pid: number };
      const started = client.now();
      let delay = 0;
      for (;;) {
        if (delay) await client.sleep(delay);
        delay = delay ? Math.min(client.poll.maxMs, delay * client.poll.factor) : client.poll.minMs;
        const s = (await withRetries(client, () => vm.agent['exec-status'].$get({ pid }))) as {
          exited: number | boolean;
          exitcode?: number;
          'out-data'?: string;
          'err-data'?: string;
        };
        if (s.exited === 1 || s.exited === true) {
          return {
            exitcode: s.exitcode ?? -1,
            stdout: s['out-data'] ?? '',
            stderr: s['err-data'] ?? '',
          };
        }
        if (client.now() - started > timeoutMs) {
          throw new PveTimeoutError(`\`${p.command.join(' ')}\` in VM ${p.vmid}`, timeoutMs);
        }
      }
    })(),
    (e) => toPveError(e),
  );
}
