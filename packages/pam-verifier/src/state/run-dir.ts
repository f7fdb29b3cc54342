/**
 * Login state under the run directory (`/run/blockhost-login`, root, 0700):
 *
 *   <pid>.json              the challenge of the sshd auth process <pid> (0600)
 *   sessions/<sid>.json     what the signing page shows for session <sid>
 *   sessions/<sid>.sig      the signature the signing page received
 *   failures/<user>@<src>   failed-login timestamps per user and source (rate limit)
 *   used-signatures         hashes of signatures that logged in (replay detection)
 *
 * Synchronous I/O: the helpers are short-lived processes doing a handful of
 * small file operations.
 */
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import {
  challengeCode,
  isSessionId,
  type LoginChallenge,
  USER_NAME_RE,
} from '../challenge/create-challenge.js';
import { ChallengeInvalidError, ChallengeNotFoundError, LoginStateError } from '../errors.js';

const errno = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;

export function ensureRunDir(runDir: string): Result<void, LoginStateError> {
  try {
    for (const dir of [runDir, join(runDir, 'sessions'), join(runDir, 'failures')]) {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
    }
    // mkdir's mode is masked by umask and ignored for existing dirs: enforce.
    chmodSync(runDir, 0o700);
    return ok(undefined);
  } catch (e) {
    return err(new LoginStateError(`creating ${runDir}`, e));
  }
}

/** Writes `content` to `path` (0600) via a temporary file and rename, so readers never see half a file. */
export function writeFileAtomic(path: string, content: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function unlinkQuiet(path: string): void {
  try {
    // existsSync first: a caught ENOENT costs a helper more than the extra syscall.
    if (existsSync(path)) unlinkSync(path);
  } catch {
    // already gone
  }
}

function isPid(pid: number): boolean {
  return Number.isInteger(pid) && pid > 1 && pid < 2 ** 22 + 1;
}

export function challengePath(runDir: string, pid: number): string {
  return join(runDir, `${pid}.json`);
}

export function saveChallenge(
  runDir: string,
  pid: number,
  challenge: LoginChallenge,
): Result<void, LoginStateError> {
  if (!isPid(pid)) return err(new LoginStateError('saving the challenge', `bad pid ${pid}`));
  try {
    writeFileAtomic(challengePath(runDir, pid), JSON.stringify(challenge));
    return ok(undefined);
  } catch (e) {
    return err(new LoginStateError('saving the challenge', e));
  }
}

function isChallenge(v: unknown): v is LoginChallenge {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as Record<string, unknown>;
  return (
    c.v === 1 &&
    typeof c.user === 'string' &&
    USER_NAME_RE.test(c.user) &&
    typeof c.host === 'string' &&
    typeof c.wallet === 'string' &&
    /^0x[0-9a-fA-F]{40}$/.test(c.wallet) &&
    (c.walletSource === 'gecos' || c.walletSource === 'nft') &&
    typeof c.chainId === 'number' &&
    isSessionId(c.sessionId) &&
    typeof c.nonce === 'string' &&
    typeof c.issuedAt === 'number' &&
    typeof c.expiresAt === 'number' &&
    typeof c.message === 'string'
  );
}

/**
 * Reads the challenge of `pid` and deletes it, whatever happens next: a
 * challenge is good for exactly one verification attempt.
 */
export function takeChallenge(
  runDir: string,
  pid: number,
): Result<LoginChallenge, ChallengeNotFoundError | ChallengeInvalidError | LoginStateError> {
  if (!isPid(pid)) return err(new ChallengeNotFoundError(`bad pid ${pid}`));
  const path = challengePath(runDir, pid);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (errno(e) === 'ENOENT') return err(new ChallengeNotFoundError());
    return err(new LoginStateError('reading the challenge', e));
  } finally {
    unlinkQuiet(path);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return err(new ChallengeInvalidError('not JSON'));
  }
  if (!isChallenge(value)) return err(new ChallengeInvalidError('fields missing or malformed'));
  return ok(value);
}

/** What the signing page needs about a session (no secrets: the message is shown to the user anyway). */
export interface SessionPage {
  sessionId: string;
  user: string;
  host: string;
  wallet: string;
  chainId: number;
  code: string;
  message: string;
  expiresAt: number;
}

export function sessionPagePath(runDir: string, sessionId: string): string {
  return join(runDir, 'sessions', `${sessionId}.json`);
}

export function sessionSignaturePath(runDir: string, sessionId: string): string {
  return join(runDir, 'sessions', `${sessionId}.sig`);
}

export function writeSessionPage(
  runDir: string,
  challenge: LoginChallenge,
): Result<void, LoginStateError> {
  const page: SessionPage = {
    sessionId: challenge.sessionId,
    user: challenge.user,
    host: challenge.host,
    wallet: challenge.wallet,
    chainId: challenge.chainId,
    code: challengeCode(challenge.nonce),
    message: challenge.message,
    expiresAt: challenge.expiresAt,
  };
  try {
    writeFileAtomic(sessionPagePath(runDir, challenge.sessionId), JSON.stringify(page));
    return ok(undefined);
  } catch (e) {
    return err(new LoginStateError('writing the session page', e));
  }
}

/** The session's page data; `undefined` when there is no such session. Never follows a path from outside: the id is validated first. */
export function readSessionPage(
  runDir: string,
  sessionId: string,
): Result<SessionPage | undefined, LoginStateError> {
  if (!isSessionId(sessionId)) return ok(undefined);
  try {
    const page = JSON.parse(
      readFileSync(sessionPagePath(runDir, sessionId), 'utf8'),
    ) as SessionPage;
    return ok(page.sessionId === sessionId ? page : undefined);
  } catch (e) {
    if (errno(e) === 'ENOENT') return ok(undefined);
    return err(new LoginStateError('reading the session page', e));
  }
}

export type StoreSignatureOutcome = 'stored' | 'exists' | 'unknown-session';

/** Stores the signing page's signature once (O_EXCL): a second one is refused. */
export function storeSessionSignature(
  runDir: string,
  sessionId: string,
  signature: string,
): Result<StoreSignatureOutcome, LoginStateError> {
  if (!isSessionId(sessionId)) return ok('unknown-session');
  const page = readSessionPage(runDir, sessionId);
  if (page.isErr()) return err(page.error);
  if (!page.value) return ok('unknown-session');
  try {
    const fd = openSync(sessionSignaturePath(runDir, sessionId), 'wx', 0o600);
    try {
      writeSync(fd, signature);
    } finally {
      closeSync(fd);
    }
    return ok('stored');
  } catch (e) {
    if (errno(e) === 'EEXIST') return ok('exists');
    return err(new LoginStateError('storing the signature', e));
  }
}

export function readSessionSignature(runDir: string, sessionId: string): string | undefined {
  if (!isSessionId(sessionId)) return undefined;
  try {
    const path = sessionSignaturePath(runDir, sessionId);
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

export function removeSession(runDir: string, sessionId: string): void {
  if (!isSessionId(sessionId)) return;
  unlinkQuiet(sessionPagePath(runDir, sessionId));
  unlinkQuiet(sessionSignaturePath(runDir, sessionId));
}

/**
 * Removes challenges and sessions older than `maxAgeMs` (abandoned
 * connections), and failure records untouched for `failuresMaxAgeMs` (the
 * rate-limit window: they no longer count). Cheap enough to run on every
 * challenge.
 */
export function pruneRunDir(
  runDir: string,
  now: number,
  maxAgeMs: number,
  failuresMaxAgeMs?: number,
): number {
  let removed = 0;
  const dirs: [string, RegExp, number][] = [
    [runDir, /^(\d+\.json|.*\.tmp)$/, maxAgeMs],
    [join(runDir, 'sessions'), /^([0-9a-f]{32}\.(json|sig)|.*\.tmp)$/, maxAgeMs],
  ];
  if (failuresMaxAgeMs !== undefined)
    dirs.push([join(runDir, 'failures'), /^[^.]/, failuresMaxAgeMs]);
  for (const [dir, pattern, maxAge] of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      if (!pattern.test(name)) continue;
      const path = join(dir, name);
      try {
        if (now - statSync(path).mtimeMs > maxAge) {
          unlinkSync(path);
          removed++;
        }
      } catch {
        // raced with another process
      }
    }
  }
  return removed;
}
