/**
 * Failed-login rate limit per user and source: one file per (user, source
 * address) under `<runDir>/failures/`, one timestamp (unix ms) per line.
 * Appends are atomic for such small writes, so concurrent logins do not lose
 * counts.
 *
 * Per source, not per user: wallet users have no other way in, so failures
 * from one address must never lock the owner out from another. The source is
 * sshd's PAM_RHOST; IPv6 addresses count per /64 (one customer network, so
 * one attacker cannot rotate through 2⁶⁴ addresses).
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

/** The 8 groups of an IPv6 address (no zone), or undefined when it is not one. */
function ipv6Groups(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const part = (s: string) => (s === '' ? [] : s.split(':'));
  const head = part(halves[0] as string);
  const tail = halves.length === 2 ? part(halves[1] as string) : [];
  // An embedded IPv4 tail (::ffff:192.0.2.1) is two groups.
  const last = tail.length > 0 ? tail : head;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(last.at(-1) ?? '');
  if (v4) {
    const b = v4.slice(1).map(Number);
    if (b.some((x) => x > 255)) return undefined;
    last.splice(
      -1,
      1,
      ((b[0] as number) * 256 + (b[1] as number)).toString(16),
      ((b[2] as number) * 256 + (b[3] as number)).toString(16),
    );
  }
  const fill = 8 - head.length - tail.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? fill : 0).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => Number.parseInt(g, 16));
}

/**
 * The key failures of `rhost` count under: an IPv4 address as is (also when
 * IPv4-mapped), an IPv6 address as its /64, anything else (a host name,
 * `local`) as given.
 */
export function sourceKey(rhost: string): string {
  const host = rhost.toLowerCase().replace(/%.*$/, '');
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host)) return host;
  const g = ipv6Groups(host);
  if (!g) return host.replace(/[^0-9a-z._-]/g, '_') || 'unknown';
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff)
    return [g[6] as number, g[7] as number].flatMap((x) => [x >> 8, x & 0xff]).join('.');
  return `${g
    .slice(0, 4)
    .map((x) => x.toString(16))
    .join(':')}::_64`;
}

function failuresPath(runDir: string, user: string, rhost: string): string | undefined {
  return USER_NAME_RE.test(user)
    ? join(runDir, 'failures', `${user}@${sourceKey(rhost).slice(0, 64)}`)
    : undefined;
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

/** Err when `user` has `maxFailures` or more failures from `rhost`'s source inside the window. */
export function checkRateLimit(
  runDir: string,
  user: string,
  rhost: string,
  now: number,
  policy: RateLimitPolicy,
): Result<void, RateLimitedError> {
  const path = failuresPath(runDir, user, rhost);
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
  rhost: string,
  now: number,
  policy: RateLimitPolicy,
): Result<void, LoginStateError> {
  const path = failuresPath(runDir, user, rhost);
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

/** A successful login clears the failures of the user from that source. */
export function clearFailures(runDir: string, user: string, rhost: string): void {
  const path = failuresPath(runDir, user, rhost);
  if (!path) return;
  try {
    if (existsSync(path)) unlinkSync(path);
  } catch {
    // none recorded
  }
}
