import { ResultAsync } from 'neverthrow';
import { unwrap, withRetries } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import { pause } from '../../client/pause.js';
import {
  type PveError,
  PveHttpError,
  PveParameterError,
  PveProtocolError,
  PveTaskError,
  PveTimeoutError,
  toPveError,
} from '../../errors.js';

export interface WaitForTaskParameters {
  node: string;
  upid: string;
  /** Give up after this long (default 10 min). */
  timeoutMs?: number;
  /** How many log lines a failure carries (default 12). */
  logLines?: number;
  /** Gives the wait up (`PveAbortedError`); the task itself keeps running on the node. */
  signal?: AbortSignal;
}

export interface WaitForTaskReturnType {
  upid: string;
  /** `OK`, or `WARNINGS: n`. */
  exitstatus: string;
  warnings: number;
}

export type WaitForTaskErrorType = PveTaskError | PveTimeoutError | PveError;

const NODE_OF_UPID = /^UPID:([^:]+):/;

/** The last `n` lines of a task's log (best effort: empty on error). */
export async function taskLogTail(
  client: PveClient,
  node: string,
  upid: string,
  n = 12,
): Promise<string[]> {
  try {
    const lines = (await client.api.nodes
      .$(node)
      .tasks.$(upid)
      .log.$get({ start: 0, limit: 5000 })) as Array<{
      n: number;
      t: string;
    }>;
    return lines.slice(-n).map((l) => l.t);
  } catch {
    return [];
  }
}

/**
 * Polls a task until it stops: right away, then with growing intervals.
 * `OK` and `WARNINGS: n` are success; any other exit status is a
 * PveTaskError carrying the log's last lines. A task that is not visible yet
 * (400/404 right after it was started) and transient errors are tolerated.
 */
export function waitForTask(
  client: PveClient,
  params: WaitForTaskParameters,
): ResultAsync<WaitForTaskReturnType, WaitForTaskErrorType> {
  return ResultAsync.fromPromise(wait(client, params), (e) => toPveError(e));
}

async function wait(
  client: PveClient,
  params: WaitForTaskParameters,
): Promise<WaitForTaskReturnType> {
  const { upid } = params;
  const node = params.node || NODE_OF_UPID.exec(upid)?.[1] || '';
  const timeoutMs = params.timeoutMs ?? 600_000;
  const started = client.now();
  let delay = 0;
  let transient = 0;
  for (;;) {
    await pause(client, delay, `task ${upid}`, params.signal);
    delay =
      delay === 0 ? client.poll.minMs : Math.min(client.poll.maxMs, delay * client.poll.factor);
    const elapsed = client.now() - started;
    let status: { status?: string; exitstatus?: string };
    try {
      status = (await client.api.nodes.$(node).tasks.$(upid).status.$get()) as typeof status;
      transient = 0;
    } catch (e) {
      const error = toPveError(e);
      const notYet =
        error instanceof PveParameterError ||
        (error instanceof PveHttpError && (error.status === 404 || error.status === 400));
      if (notYet && elapsed < client.poll.newTaskGraceMs) continue;
      if (error.retryable && ++transient < client.retry.attempts * 2 && elapsed < timeoutMs)
        continue;
      throw error;
    }
    if (status.status === 'stopped') {
      const exit = status.exitstatus ?? '';
      if (exit === 'OK') return { upid, exitstatus: exit, warnings: 0 };
      const w = /^WARNINGS: ([0-9]+)$/.exec(exit);
      if (w) return { upid, exitstatus: exit, warnings: Number(w[1]) };
      throw new PveTaskError(
        upid,
        exit || 'unknown exit status',
        await taskLogTail(client, node, upid, params.logLines),
      );
    }
    if (status.status !== 'running') {
      throw new PveProtocolError(`task ${upid}: unexpected status '${String(status.status)}'`);
    }
    if (client.now() - started > timeoutMs) {
      const tail = await taskLogTail(client, node, upid, params.logLines);
      throw new PveTimeoutError(`task ${upid}`, timeoutMs, {
        details: tail.join('\n') || undefined,
        hint: 'the task may still finish; look at it in the Proxmox UI',
      });
    }
  }
}

/**
 * Starts a task with `start` (retrying the request on retryable errors),
 * waits for it, and starts it again when it failed for a retryable reason
 * (`can't lock file … got timeout`).
 */
export function runTask(
  client: PveClient,
  start: () => Promise<unknown>,
  opts: RunTaskOptions,
): ResultAsync<WaitForTaskReturnType, PveError> {
  return ResultAsync.fromPromise(runTaskOrThrow(client, start, opts), (e) => toPveError(e));
}

export interface RunTaskOptions {
  node: string;
  timeoutMs?: number;
  /** Gives the wait up (`PveAbortedError`). */
  signal?: AbortSignal;
  /** Describes the action for errors. */
  label?: string;
}

/** `runTask` for SDK internals: throws instead of returning a Result. */
export async function runTaskOrThrow(
  client: PveClient,
  start: () => Promise<unknown>,
  opts: RunTaskOptions,
): Promise<WaitForTaskReturnType> {
  return withRetries(client, async () => {
    const upid = await start();
    if (typeof upid !== 'string' || !upid.startsWith('UPID:')) {
      throw new PveProtocolError(
        `${opts.label ?? 'task'}: expected a task id (UPID), got ${JSON.stringify(upid)}`,
      );
    }
    return unwrap(
      waitForTask(client, {
        node: opts.node,
        upid,
        timeoutMs: opts.timeoutMs,
        signal: opts.signal,
      }),
    );
  });
}
