/**
 * Per-user failed-login rate limit: one file per user under
 * `<runDir>/failures/`, one timestamp (unix ms) per line. Appends are atomic
 * for such small writes, so concurrent logins do not lose counts.
 */
import { appendFileSync, existsSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import { USER_NAME_RE } from '../challenge/create-challenge.js';
import { LoginStateError, RateLimitedError } from '../errors.js';
import { writeFileAtomic } from './run-dir.js';

export interface RateLimitPolicy {
  maxFailures: number;
  windowSeconds: number;
}

function failuresPath(runDir: string, user: string): string | undefined {
  return USER_NAME_RE.test(user) ? join(runDir, 'failures', user) : undefined;
}

function recentFailures(path: string, now: number, windowMs: number): number[] {
  let text: string;
  try {
    // existsSync first: a caught ENOENT costs a helper more than the extra syscall.
    if (!existsSync(path)) return [];
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .map(Number)
    .filter((t) => Number.isFinite(t) && t > 0 && now - t < windowMs && t <= now + 60_000);
}

/** Err when the user has `maxFailures` or more failures inside the window. */
export function checkRateLimit(
  runDir: string,
  user: string,
  now: number,
  policy: RateLimitPolicy,
): Result<void, RateLimitedError> {
  const path = failuresPath(runDir, user);
  if (!path) return ok(undefined);
  const windowMs = policy.windowSeconds * 1000;
  const recent = recentFailures(path, now, windowMs);
  if (recent.length < policy.maxFailures) return ok(undefined);
  // Allowed again once enough of the counted failures have left the window.
  const sorted = recent.sort((a, b) => a - b);
  const freeAt = (sorted[sorted.length - policy.maxFailures] as number) + windowMs;
  return err(
    new RateLimitedError(user, recent.length, Math.max(1, Math.ceil((freeAt - now) / 1000))),
  );
}

export function recordFailure(
  runDir: string,
  user: string,
  now: number,
  policy: RateLimitPolicy,
): Result<void, LoginStateError> {
  const path = failuresPath(runDir, user);
  if (!path) return ok(undefined);
  try {
    appendFileSync(path, `${now}\n`, { mode: 0o600 });
    // Compact now and then so the file stays small.
    const text = readFileSync(path, 'utf8');
    if (text.length > 4096) {
      const keep = recentFailures(path, now, policy.windowSeconds * 1000);
      writeFileAtomic(path, keep.map((t) => `${t}\n`).join(''));
    }
    return ok(undefined);
  } catch (e) {
    return err(new LoginStateError('recording a failed login', e));
  }
}

/** A successful login clears the user's failures. */
export function clearFailures(runDir: string, user: string): void {
  const path = failuresPath(runDir, user);
  if (!path) return;
  try {
    if (existsSync(path)) unlinkSync(path);
  } catch {
    // none recorded
  }
}
