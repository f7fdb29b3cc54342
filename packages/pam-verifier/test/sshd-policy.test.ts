/**
 * Real sshd + PAM, second and third systems: a short challenge lifetime and a
 * tight rate limit; and the spec's first-draft PAM control values, to show
 * why the installed ones differ.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIB_DIR } from '../src/install/files.js';
import { buildBundles, removeBundles } from './harness/bundles.js';
import { alice } from './harness/keys.js';
import { logLines, messageOf, outcomeOf, sessionOf } from './harness/login-log.js';
import { sshLogin } from './harness/ssh-client.js';
import {
  addToWalletGroup,
  BOB_PASSWORD,
  BOB_PASSWORD_HASH,
  createTestSystem,
  installInto,
  type RunningSshd,
  startSshd,
  type TestSystem,
  type TestUser,
  testConfig,
} from './harness/system.js';

const USERS: TestUser[] = [
  { name: 'alice', uid: 61011, gecos: `wallet=${alice.address}`, wallet: true },
  { name: 'erin', uid: 61012, gecos: 'Erin Example,,,', wallet: true },
  { name: 'bob', uid: 61013, passwordHash: BOB_PASSWORD_HASH },
];

const signAlice = (prompt: string) => alice.signMessage({ message: messageOf(prompt) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let bundles: string;
beforeAll(async () => {
  bundles = await buildBundles();
});
afterAll(() => removeBundles());

describe('short lifetime and tight rate limit', () => {
  let sys: TestSystem;
  let sshd: RunningSshd;
  beforeAll(async () => {
    sys = createTestSystem(USERS);
    installInto(
      sys,
      bundles,
      testConfig(sys, {
        challengeTtlSeconds: 2,
        rateLimit: { maxFailures: 2, windowSeconds: 600 },
        signing: { enabled: false },
      }),
    );
    addToWalletGroup(sys, USERS);
    sshd = await startSshd(sys);
  });
  afterAll(async () => {
    await sshd?.stop();
    sys?.cleanup();
  });

  it('a signature given after the challenge expired is denied (expired)', async () => {
    const r = await sshLogin({
      port: sshd.port,
      user: 'alice',
      answer: async (prompt) => {
        const signature = await signAlice(prompt);
        await sleep(2500);
        return signature;
      },
    });
    expect(r.ok).toBe(false);
    expect(outcomeOf(sys.logFile, sessionOf(r.prompts[0] ?? ''))).toEqual({
      outcome: 'denied',
      reason: 'expired',
    });
  });

  it('a wallet-group user without a wallet gets no challenge (no-wallet)', async () => {
    const r = await sshLogin({ port: sshd.port, user: 'erin', answer: () => '' });
    expect(r.ok).toBe(false);
    expect(
      logLines(sys.logFile).some((l) => /outcome=denied reason=no-wallet .*user=erin/.test(l)),
    ).toBe(true);
  });

  it('after maxFailures failures even the right signature is refused (rate-limited)', async () => {
    // One failure so far (the expired one); a second makes the limit.
    const bad = await sshLogin({
      port: sshd.port,
      user: 'alice',
      answer: () => `0x${'11'.repeat(65)}`,
    });
    expect(bad.ok).toBe(false);
    const r = await sshLogin({ port: sshd.port, user: 'alice', answer: signAlice });
    expect(r.ok).toBe(false);
    // No challenge was issued: the challenge helper refused before signing.
    expect(r.prompts.join('')).not.toContain('BEGIN MESSAGE');
    expect(
      logLines(sys.logFile).some((l) =>
        /outcome=denied reason=rate-limited helper=pam-challenge user=alice/.test(l),
      ),
    ).toBe(true);
  });
});

describe("the spec's first-draft PAM controls break logins", () => {
  let sys: TestSystem;
  let sshd: RunningSshd;
  beforeAll(async () => {
    sys = createTestSystem(USERS);
    installInto(sys, bundles, testConfig(sys, { signing: { enabled: false } }));
    addToWalletGroup(sys, USERS);
    // `default=` without `ignore=`: PAM_IGNORE from pam_setcred jumps/dies; `default=1` skips only one line.
    writeFileSync(
      join(sys.root, 'etc/pam.d/blockhost-wallet-auth'),
      [
        'auth [success=ignore default=1] pam_succeed_if.so quiet user ingroup blockhost-wallet',
        `auth requisite pam_exec.so stdout quiet ${LIB_DIR}/pam-challenge`,
        `auth [success=done default=die] pam_exec.so expose_authtok quiet ${LIB_DIR}/pam-verify`,
        '',
      ].join('\n'),
    );
    sshd = await startSshd(sys);
  });
  afterAll(async () => {
    await sshd?.stop();
    sys?.cleanup();
  });

  it('a correct signature verifies, yet sshd refuses the session (pam_setcred dies on PAM_IGNORE)', async () => {
    const r = await sshLogin({ port: sshd.port, user: 'alice', answer: signAlice });
    expect(outcomeOf(sys.logFile, sessionOf(r.prompts[0] ?? '')).outcome).toBe('success');
    expect(r.ok).toBe(false);
    // sshd's log line may reach us after the client saw the connection close.
    for (let i = 0; i < 50 && !/pam_setcred/.test(sshd.output()); i++) await sleep(100);
    expect(sshd.output()).toMatch(/pam_setcred/);
  });

  it('a password user runs into pam-verify (default=1 skips one line, not two) and is refused', async () => {
    const r = await sshLogin({ port: sshd.port, user: 'bob', password: BOB_PASSWORD });
    expect(r.ok).toBe(false);
    expect(logLines(sys.logFile).some((l) => /helper=pam-verify user=bob/.test(l))).toBe(true);
  });
});
