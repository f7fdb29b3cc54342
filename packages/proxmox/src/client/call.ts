import { ResultAsync } from 'neverthrow';
import type { Proxmox } from 'proxmox-api';
import { PveError, toPveError } from '../errors.js';
import type { PveClient } from './create-client.js';

/** Backoff before try `attempt + 1`: base × 2^(attempt-1), capped, ±25 % jitter. */
export function backoffMs(client: PveClient, attempt: number): number {
  const { baseDelayMs, maxDelayMs } = client.retry;
  const raw = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return Math.round(raw * (0.75 + 0.5 * client.random()));
}

/**
 * Runs `fn` and retries it while it fails with a retryable error (lock
 * timeout, busy or unreachable node), at most `client.retry.attempts` times.
 * A 400 or 403 is never retried.
 */
export async function withRetries<T>(client: PveClient, fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!(error instanceof PveError) || !error.retryable || attempt >= client.retry.attempts)
        throw error;
      const delayMs = backoffMs(client, attempt);
      client.stats.retries++;
      client.onRetry?.({ attempt, delayMs, error });
      await client.sleep(delayMs);
    }
  }
}

/** One API call through the typed proxy, as a ResultAsync; retried unless `retry: false`. */
export function pveCall<T>(
  client: PveClient,
  fn: (api: Proxmox.Api) => Promise<T>,
  opts: { retry?: boolean } = {},
): ResultAsync<T, PveError> {
  const once = () => fn(client.api);
  return ResultAsync.fromPromise(opts.retry === false ? once() : withRetries(client, once), (e) =>
    toPveError(e),
  );
}

/** Unwraps a ResultAsync inside async code that already returns a Result (throws the error to the caller's catch). */
export async function unwrap<T, E>(r: ResultAsync<T, E>): Promise<T> {
  const x = await r;
  if (x.isErr()) throw x.error;
  return x.value;
}
