import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serializeErc6492Signature } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLoginChallenge } from '../challenge/create-challenge.js';
import { checkRateLimit, clearFailures, recordFailure, sourceKey } from './rate-limit.js';
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
  const A = '198.51.100.7';
  it('allows up to maxFailures-1 failures in the window, then says when to retry', () => {
    const t = 1_000_000;
    for (let i = 0; i < 2; i++)
      recordFailure(dir, 'alice', A, t + i * 1000, policy)._unsafeUnwrap();
    expect(checkRateLimit(dir, 'alice', A, t + 2000, policy).isOk()).toBe(true);
    recordFailure(dir, 'alice', A, t + 2000, policy)._unsafeUnwrap();
    const e = checkRateLimit(dir, 'alice', A, t + 3000, policy)._unsafeUnwrapErr();
    expect(e.reason).toBe('rate-limited');
    expect(e.retryAfterSeconds).toBe(57);
    expect(checkRateLimit(dir, 'bob', A, t + 3000, policy).isOk()).toBe(true);
    // Once the oldest failure leaves the window, one more attempt is allowed.
    expect(checkRateLimit(dir, 'alice', A, t + 60_001, policy).isOk()).toBe(true);
  });

  it('counts per source: failures from one address never lock the user out from another', () => {
    for (let i = 0; i < 50; i++) recordFailure(dir, 'alice', A, 1000 + i, policy)._unsafeUnwrap();
    expect(checkRateLimit(dir, 'alice', A, 2000, policy).isErr()).toBe(true);
    for (const other of ['198.51.100.8', '2001:db8::1', 'local'])
      expect(checkRateLimit(dir, 'alice', other, 2000, policy).isOk(), other).toBe(true);
  });

  it('an IPv6 source counts per /64; IPv4-mapped addresses as IPv4', () => {
    expect(sourceKey('2001:db8:1:2:aaaa::1')).toBe(sourceKey('2001:DB8:1:2:ffff:1:2:3'));
    expect(sourceKey('2001:db8:1:2::1')).not.toBe(sourceKey('2001:db8:1:3::1'));
    expect(sourceKey('::ffff:192.0.2.9')).toBe('192.0.2.9');
    expect(sourceKey('fe80::1%eth0')).toBe(sourceKey('fe80::2'));
    expect(sourceKey('::1')).toBe('0:0:0:0::_64');
    expect(sourceKey('client.example.net')).toBe('client.example.net');
    for (let i = 0; i < 3; i++)
      recordFailure(dir, 'alice', `2001:db8:1:2::${i + 1}`, 1000, policy)._unsafeUnwrap();
    expect(checkRateLimit(dir, 'alice', '2001:db8:1:2::99', 1001, policy).isErr()).toBe(true);
    expect(checkRateLimit(dir, 'alice', '2001:db8:1:3::1', 1001, policy).isOk()).toBe(true);
  });

  it('a success clears the failures from its source only; bad user names never touch the file system', () => {
    for (const src of [A, '192.0.2.1'])
      for (let i = 0; i < 3; i++)
        recordFailure(dir, 'alice', src, 5000 + i, policy)._unsafeUnwrap();
    clearFailures(dir, 'alice', A);
    expect(checkRateLimit(dir, 'alice', A, 6000, policy).isOk()).toBe(true);
    expect(checkRateLimit(dir, 'alice', '192.0.2.1', 6000, policy).isErr()).toBe(true);
    expect(recordFailure(dir, '../../etc/passwd', A, 1, policy).isOk()).toBe(true);
    expect(recordFailure(dir, 'alice', '../../x/y', 1, policy).isOk()).toBe(true);
    expect(readdirSync(join(dir, 'failures')).every((f) => f.startsWith('alice@'))).toBe(true);
    expect(readFileSync('/etc/passwd', 'utf8')).not.toMatch(/^1$/m);
  });

  it('failure records older than the window are pruned', () => {
    recordFailure(dir, 'alice', A, 1000, policy)._unsafeUnwrap();
    const [file] = readdirSync(join(dir, 'failures'));
    const old = new Date(Date.now() - 120_000);
    utimesSync(join(dir, 'failures', file as string), old, old);
    recordFailure(dir, 'alice', '192.0.2.1', 1000, policy)._unsafeUnwrap();
    pruneRunDir(dir, Date.now(), 600_000, 60_000);
    expect(readdirSync(join(dir, 'failures'))).toEqual([`alice@192.0.2.1`]);
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

  it('another encoding of a used signature counts as used: v, high s, 64-byte form, case, ERC-6492 wrapper', async () => {
    const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
    const account = privateKeyToAccount(`0x${'37'.repeat(32)}`);
    const used = await account.signMessage({ message: 'log in' });
    rememberSignature(dir, used, 1000);
    const r = used.slice(2, 66);
    const s = BigInt(`0x${used.slice(66, 130)}`);
    const v = Number.parseInt(used.slice(130), 16);
    const hex64 = (x: bigint) => x.toString(16).padStart(64, '0');
    const byte = (x: number) => x.toString(16).padStart(2, '0');
    const compactS = (v === 28 ? s | (1n << 255n) : s).toString(16).padStart(64, '0');
    const variants = [
      `0x${r}${hex64(s)}${byte(v - 27)}`, // v as 0/1
      `0x${r}${hex64(s)}${byte(55 - v)}`, // the other v (either parity is accepted)
      `0x${r}${hex64(n - s)}${byte(55 - v)}`, // high s, its parity flipped: the same key
      `0x${r}${hex64(n - s)}${byte(v)}`,
      `0x${r}${compactS}`, // EIP-2098
      `0X${used.slice(2).toUpperCase()}`,
      serializeErc6492Signature({
        address: '0x00000000000000000000000000000000000000aa',
        data: '0x1234',
        signature: used,
      }),
    ];
    for (const variant of variants) expect(isSignatureUsed(dir, variant, 2000), variant).toBe(true);
    const other = await account.signMessage({ message: 'log in again' });
    expect(isSignatureUsed(dir, other, 2000)).toBe(false);
  });
});
