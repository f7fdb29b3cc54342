/**
 * Real sshd + PAM with the installed defaults of the rate limit (5 failures in
 * 5 minutes): failures count per source address, so nobody can lock the
 * wallet owner out from elsewhere; and a used signature stays used in any of
 * its encodings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles, removeBundles } from './harness/bundles.js';
import { alice } from './harness/keys.js';
import { logLines, messageOf, outcomeOf, sessionOf } from './harness/login-log.js';
import { sshLogin } from './harness/ssh-client.js';
import {
  addToWalletGroup,
  createTestSystem,
  installInto,
  type RunningSshd,
  startSshd,
  type TestSystem,
  type TestUser,
  testConfig,
} from './harness/system.js';

const USERS: TestUser[] = [
  { name: 'alice', uid: 61031, gecos: `wallet=${alice.address}`, wallet: true },
  { name: 'frank', uid: 61032, gecos: `wallet=${alice.address}`, wallet: true },
];
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

let sys: TestSystem;
let sshd: RunningSshd;

beforeAll(async () => {
  const bundles = await buildBundles();
  sys = createTestSystem(USERS);
  // The default rate limit; no signing page (answers are pasted).
  installInto(sys, bundles, testConfig(sys, { signing: { enabled: false } }));
  addToWalletGroup(sys, USERS);
  sshd = await startSshd(sys);
});

afterAll(async () => {
  await sshd?.stop();
  sys?.cleanup();
  removeBundles();
});

const signAlice = (prompt: string) => alice.signMessage({ message: messageOf(prompt) });
const challenged = (r: { prompts: string[] }) => r.prompts.join('').includes('BEGIN MESSAGE');

describe('lockout counts per source address', () => {
  it('50 bad answers from one address; the owner then logs in from another at once', async () => {
    const attacker = '127.0.0.2';
    let refusedUpFront = 0;
    for (let round = 0; round < 10; round++) {
      const rs = await Promise.all(
        Array.from({ length: 5 }, () =>
          sshLogin({
            port: sshd.port,
            user: 'alice',
            localAddress: attacker,
            answer: () => `0x${'11'.repeat(65)}`,
          }),
        ),
      );
      for (const r of rs) {
        expect(r.ok).toBe(false);
        if (!challenged(r)) refusedUpFront++;
      }
    }
    // After the first few failures the attacker's address gets no challenge at all.
    expect(refusedUpFront).toBeGreaterThanOrEqual(40);
    expect(
      logLines(sys.logFile).some((l) =>
        /outcome=denied reason=rate-limited helper=pam-challenge user=alice rhost=127\.0\.0\.2/.test(
          l,
        ),
      ),
    ).toBe(true);

    const owner = await sshLogin({
      port: sshd.port,
      user: 'alice',
      localAddress: '127.0.0.3',
      answer: signAlice,
    });
    expect(owner.error).toBeUndefined();
    expect(owner.ok).toBe(true);
    expect(owner.output.trim()).toBe('alice');

    // The lock still holds where the failures came from, even for the right key.
    const fromAttacker = await sshLogin({
      port: sshd.port,
      user: 'alice',
      localAddress: attacker,
      answer: signAlice,
    });
    expect(fromAttacker.ok).toBe(false);
    expect(challenged(fromAttacker)).toBe(false);
  }, 120_000);
});

describe('replay records hold every encoding of a used signature', () => {
  it('v as 0/1, the other v, high s and the 64-byte form of a used signature are replays', async () => {
    const from = '127.0.0.4';
    let used = '';
    const first = await sshLogin({
      port: sshd.port,
      user: 'frank',
      localAddress: from,
      answer: async (prompt) => {
        used = await signAlice(prompt);
        return used;
      },
    });
    expect(first.ok).toBe(true);
    const r = used.slice(2, 66);
    const s = BigInt(`0x${used.slice(66, 130)}`);
    const v = Number.parseInt(used.slice(130), 16);
    const hex64 = (x: bigint) => x.toString(16).padStart(64, '0');
    const variants = [
      `0x${r}${hex64(s)}0${v - 27}`,
      `0x${r}${hex64(s)}${(55 - v).toString(16)}`,
      `0x${r}${hex64(N - s)}${(55 - v).toString(16)}`,
      `0x${r}${hex64(v === 28 ? s | (1n << 255n) : s)}`,
    ];
    for (const variant of variants) {
      const again = await sshLogin({
        port: sshd.port,
        user: 'frank',
        localAddress: from,
        answer: () => variant,
      });
      expect(again.ok).toBe(false);
      expect(outcomeOf(sys.logFile, sessionOf(again.prompts[0] ?? '')), variant).toEqual({
        outcome: 'denied',
        reason: 'signature-replayed',
      });
    }
  });
});
