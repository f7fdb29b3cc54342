import { PveAbortedError } from '../errors.js';
import type { PveClient } from './create-client.js';

/**
 * The client's sleep, cut short by `signal`: every waiter polls through this,
 * so a caller can abandon a wait (a daemon shutting down) without waiting out
 * its deadline. Throws `PveAbortedError` naming `what` was waited for.
 */
export async function pause(
  client: PveClient,
  ms: number,
  what: string,
  signal?: AbortSignal,
): Promise<void> {
  if (signal?.aborted) throw new PveAbortedError(what, { cause: signal.reason });
  if (!signal) return ms > 0 ? client.sleep(ms) : undefined;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new PveAbortedError(what, { cause: signal.reason }));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    await Promise.race([client.sleep(ms), aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort!);
  }
}
