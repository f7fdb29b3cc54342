import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLoginChallenge } from '../challenge/create-challenge.js';
import { checkRateLimit, clearFailures, recordFailure } from './rate-limit.js';
import {
  challengePath,
  ensureRunDir,
  pruneRunDir,
  readSessionPage,
  readSessionSignature,
  removeSession,
  saveChallenge,
  storeSessionSignature,
  takeChallenge,
  writeSessionPage,
} from './run-dir.js';
import { isSignatureUsed, rememberSignature } from './used-signatures.js';

let dir: string;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'bh-state-')), 'run');
  ensureRunDir(dir)._unsafeUnwrap();
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

const challenge = createLoginChallenge({
  user: 'alice',
  host: 'vm',
  wallet: '0xe05fcC23807536bEe418f142D19fa0d21BB0cfF7',
  chainId: 1,
  ttlSeconds: 60,
  now: 1_700_000_000_000,
  randomBytes: (n) => new Uint8Array(n).fill(0xab),
})._unsafeUnwrap();

describe('run directory', () => {
  it('is root-only (0700)', () => {
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('a challenge is stored 0600 and can be taken exactly once', () => {
    saveChallenge(dir, 4242, challenge)._unsafeUnwrap();
    expect(statSync(challengePath(dir, 4242)).mode & 0o777).toBe(0o600);
    expect(takeChallenge(dir, 4242)._unsafeUnwrap()).toEqual(challenge);
    expect(takeChallenge(dir, 4242)._unsafeUnwrapErr().reason).toBe('no-challenge');
  });

  it('a corrupt challenge is an error and is deleted too', () => {
    writeFileSync(challengePath(dir, 77), '{"v":1,"user":"alice"');
    expect(takeChallenge(dir, 77)._unsafeUnwrapErr().reason).toBe('challenge-invalid');
    writeFileSync(challengePath(dir, 78), JSON.stringify({ ...challenge, sessionId: '../../x' }));
    expect(takeChallenge(dir, 78)._unsafeUnwrapErr().reason).toBe('challenge-invalid');
    expect(takeChallenge(dir, 78)._unsafeUnwrapErr().reason).toBe('no-challenge');
  });

  it('refuses pids that cannot be an sshd process', () => {
    expect(saveChallenge(dir, 1, challenge).isErr()).toBe(true);
    expect(takeChallenge(dir, -5).isErr()).toBe(true);
  });

  it('a session takes one signature; a second is refused; unknown sessions are refused', () => {
    writeSessionPage(dir, challenge)._unsafeUnwrap();
    expect(readSessionPage(dir, challenge.sessionId)._unsafeUnwrap()?.code).toBe('abab-abab');
    expect(storeSessionSignature(dir, challenge.sessionId, '0x01')._unsafeUnwrap()).toBe('stored');
    expect(storeSessionSignature(dir, challenge.sessionId, '0x02')._unsafeUnwrap()).toBe('exists');
    expect(readSessionSignature(dir, challenge.sessionId)).toBe('0x01');
    expect(storeSessionSignature(dir, 'c'.repeat(32), '0x01')._unsafeUnwrap()).toBe(
      'unknown-session',
    );
    expect(storeSessionSignature(dir, '../../etc/passwd', '0x01')._unsafeUnwrap()).toBe(
      'unknown-session',
    );
    removeSession(dir, challenge.sessionId);
    expect(readSessionPage(dir, challenge.sessionId)._unsafeUnwrap()).toBeUndefined();
  });

  it('prunes abandoned challenges and sessions by age', () => {
    saveChallenge(dir, 100, challenge)._unsafeUnwrap();
    writeSessionPage(dir, challenge)._unsafeUnwrap();
    saveChallenge(dir, 101, challenge)._unsafeUnwrap();
    const old = new Date(Date.now() - 3600_000);
    utimesSync(challengePath(dir, 100), old, old);
    utimesSync(join(dir, 'sessions', `${challenge.sessionId}.json`), old, old);
    expect(pruneRunDir(dir, Date.now(), 600_000)).toBe(2);
    expect(takeChallenge(dir, 101).isOk()).toBe(true);
  });
});

describe('rate limit', () => {
  const policy = { maxFailures: 3, windowSeconds: 60 };
  it('allows up to maxFailures-1 failures in the window, then says when to retry', () => {
    const t = 1_000_000;
    for (let i = 0; i < 2; i++) recordFailure(dir, 'alice', t + i * 1000, policy)._unsafeUnwrap();
    expect(checkRateLimit(dir, 'alice', t + 2000, policy).isOk()).toBe(true);
    recordFailure(dir, 'alice', t + 2000, policy)._unsafeUnwrap();
    const e = checkRateLimit(dir, 'alice', t + 3000, policy)._unsafeUnwrapErr();
    expect(e.reason).toBe('rate-limited');
    expect(e.retryAfterSeconds).toBe(57);
    expect(checkRateLimit(dir, 'bob', t + 3000, policy).isOk()).toBe(true);
    // Once the oldest failure leaves the window, one more attempt is allowed.
    expect(checkRateLimit(dir, 'alice', t + 60_001, policy).isOk()).toBe(true);
  });

  it('a success clears the failures; bad user names never touch the file system', () => {
    for (let i = 0; i < 3; i++) recordFailure(dir, 'alice', 5000 + i, policy)._unsafeUnwrap();
    clearFailures(dir, 'alice');
    expect(checkRateLimit(dir, 'alice', 6000, policy).isOk()).toBe(true);
    expect(recordFailure(dir, '../../etc/passwd', 1, policy).isOk()).toBe(true);
    expect(readFileSync('/etc/passwd', 'utf8')).not.toMatch(/^1$/m);
  });
});

describe('used signatures', () => {
  it('remembers a signature by fingerprint for a day', () => {
    rememberSignature(dir, '0xAbCd', 1000);
    expect(isSignatureUsed(dir, '0xabcd', 2000)).toBe(true);
    expect(isSignatureUsed(dir, '0xabce', 2000)).toBe(false);
    expect(isSignatureUsed(dir, '0xabcd', 1000 + 25 * 3600_000)).toBe(false);
    expect(readFileSync(join(dir, 'used-signatures'), 'utf8')).not.toContain('abcd');
  });
});
