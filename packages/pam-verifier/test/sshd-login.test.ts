/**
 * Real OpenSSH sshd + Linux-PAM (pam_exec) on loopback, in a private mount
 * namespace, wired by the real installer; logins with the ssh2 client's
 * keyboard-interactive; the browser path with Debian's Chromium.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { buildBundles, removeBundles } from './harness/bundles.js';
import { alice, mallory } from './harness/keys.js';
import { logLines, messageOf, outcomeOf, sessionOf } from './harness/login-log.js';
import { launchChromium, type RunningSigner, startSigner } from './harness/processes.js';
import { sshLogin } from './harness/ssh-client.js';
import {
  addToWalletGroup,
  BOB_PASSWORD,
  BOB_PASSWORD_HASH,
  createTestSystem,
  freePort,
  installInto,
  type RunningSshd,
  spawnInSystem,
  startSshd,
  type TestSystem,
  type TestUser,
  testConfig,
} from './harness/system.js';

const HOST = 'vm-test.blockhost.test';
const USERS: TestUser[] = [
  { name: 'alice', uid: 61001, gecos: `wallet=${alice.address}`, wallet: true },
  { name: 'bob', uid: 61002, passwordHash: BOB_PASSWORD_HASH },
];

let sys: TestSystem;
let sshd: RunningSshd;
let signer: RunningSigner;
let signerPort: number;
/** Every signature and nonce used, to prove none reaches the log. */
const secrets: string[] = [];

const signWith = (account: typeof alice) => async (prompt: string) => {
  const message = messageOf(prompt);
  const signature = await account.signMessage({ message });
  secrets.push(signature.slice(2), /Nonce: (\w+)/.exec(message)?.[1] ?? '');
  return signature;
};

beforeAll(async () => {
  const bundles = await buildBundles();
  sys = createTestSystem(USERS);
  signerPort = await freePort();
  const config = testConfig(sys, {
    host: HOST,
    browserWaitSeconds: 2,
    // This instance tests each denial; the rate limit has its own test.
    rateLimit: { maxFailures: 100, windowSeconds: 60 },
    signing: { enabled: true, port: signerPort, listen: '127.0.0.1' },
  });
  installInto(sys, bundles, config);
  addToWalletGroup(sys, USERS);
  [sshd, signer] = await Promise.all([startSshd(sys), startSigner(bundles, config, sys.tmp)]);
});

afterAll(async () => {
  await Promise.all([sshd?.stop(), signer?.stop()]);
  sys?.cleanup();
  removeBundles();
});

describe('wallet login over real sshd + PAM', () => {
  it('signing the shown message with the right key logs in and runs a command', async () => {
    const r = await sshLogin({
      port: sshd.port,
      user: 'alice',
      answer: signWith(alice),
      command: 'id -un; pwd',
    });
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.output.split('\n')[0]).toBe('alice');
    const prompt = r.prompts[0] ?? '';
    expect(prompt).toContain(`Wallet login for alice@${HOST}`);
    expect(prompt).toMatch(/Code: +[0-9a-f]{4}-[0-9a-f]{4}/);
    expect(prompt).toContain(`http://${HOST}:${signerPort}/login/${sessionOf(prompt)}`);
    expect(prompt).toContain('Signature (or press Enter after signing in the browser)');
    expect(outcomeOf(sys.logFile, sessionOf(prompt)).outcome).toBe('success');
  });

  it('a signature by another key is denied (signature-mismatch)', async () => {
    const r = await sshLogin({ port: sshd.port, user: 'alice', answer: signWith(mallory) });
    expect(r.ok).toBe(false);
    expect(outcomeOf(sys.logFile, sessionOf(r.prompts[0] ?? ''))).toEqual({
      outcome: 'denied',
      reason: 'signature-mismatch',
    });
  });

  it.each([
    [
      'another user',
      (m: string) =>
        m.replaceAll('as alice over', 'as bob over').replace('ssh://alice@', 'ssh://bob@'),
    ],
    ['another host', (m: string) => m.replaceAll(HOST, 'other-vm.blockhost.test')],
    [
      'another session',
      (m: string) => m.replace(/Request ID: [0-9a-f]{32}/, `Request ID: ${'ab'.repeat(16)}`),
    ],
  ])('the right key signing a message for %s is denied', async (_what, alter) => {
    const r = await sshLogin({
      port: sshd.port,
      user: 'alice',
      answer: (prompt) => alice.signMessage({ message: alter(messageOf(prompt)) }),
    });
    expect(r.ok).toBe(false);
    expect(outcomeOf(sys.logFile, sessionOf(r.prompts[0] ?? ''))).toEqual({
      outcome: 'denied',
      reason: 'signature-mismatch',
    });
  });

  it("a concurrent connection's signature does not open another connection", async () => {
    // Connection A shows its message; connection B is answered with A's signature.
    let signatureA = '';
    let aSigned!: () => void;
    const aHasSigned = new Promise<void>((r) => {
      aSigned = r;
    });
    let bFinished!: () => void;
    const bHasFinished = new Promise<void>((r) => {
      bFinished = r;
    });
    const a = sshLogin({
      port: sshd.port,
      user: 'alice',
      answer: async (prompt) => {
        signatureA = await alice.signMessage({ message: messageOf(prompt) });
        aSigned();
        await bHasFinished;
        return signatureA;
      },
    });
    await aHasSigned;
    const b = sshLogin({ port: sshd.port, user: 'alice', answer: () => signatureA }).finally(
      bFinished,
    );
    const [ra, rb] = await Promise.all([a, b]);
    expect(rb.ok).toBe(false);
    expect(ra.ok).toBe(true);
    expect(outcomeOf(sys.logFile, sessionOf(rb.prompts[0] ?? '')).reason).toBe(
      'signature-mismatch',
    );
  });

  it('a replay of an earlier valid signature is denied (signature-replayed)', async () => {
    let used = '';
    const first = await sshLogin({
      port: sshd.port,
      user: 'alice',
      answer: async (p) => {
        used = await signWith(alice)(p);
        return used;
      },
    });
    expect(first.ok).toBe(true);
    const replay = await sshLogin({ port: sshd.port, user: 'alice', answer: () => used });
    expect(replay.ok).toBe(false);
    expect(outcomeOf(sys.logFile, sessionOf(replay.prompts[0] ?? ''))).toEqual({
      outcome: 'denied',
      reason: 'signature-replayed',
    });
  });

  it.each([
    ['a malformed', 'let me in', 'answer-malformed'],
    ['a too short', `0x${'12'.repeat(20)}`, 'answer-malformed'],
    ['an oversized', `0x${'ab'.repeat(50_000)}`, 'answer-too-large'],
  ])('%s answer is denied and nothing crashes', async (_what, answer, reason) => {
    const r = await sshLogin({ port: sshd.port, user: 'alice', answer: () => answer });
    expect(r.ok).toBe(false);
    expect(outcomeOf(sys.logFile, sessionOf(r.prompts[0] ?? ''))).toEqual({
      outcome: 'denied',
      reason,
    });
  });

  it('an empty answer with no browser signature is denied (no-signature)', async () => {
    const r = await sshLogin({ port: sshd.port, user: 'alice', answer: () => '' });
    expect(r.ok).toBe(false);
    expect(outcomeOf(sys.logFile, sessionOf(r.prompts[0] ?? '')).reason).toBe('no-signature');
  });

  it('the browser path: the signing page gets the signature, an empty answer logs in', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      // An EIP-1193 wallet whose personal_sign is answered by the test key in Node.
      await page.exposeFunction('__testSign', (hex: `0x${string}`) =>
        alice.signMessage({ message: { raw: hex } }),
      );
      await page.addInitScript((address: string) => {
        const w = globalThis as unknown as {
          ethereum: unknown;
          __testSign: (hex: string) => Promise<string>;
        };
        w.ethereum = {
          isTestWallet: true,
          request: async ({ method, params }: { method: string; params?: unknown[] }) => {
            if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [address];
            if (method === 'personal_sign') return w.__testSign(String(params?.[0]));
            throw Object.assign(new Error(`unsupported ${method}`), { code: 4200 });
          },
        };
      }, alice.address);
      let shownCode = '';
      const r = await sshLogin({
        port: sshd.port,
        user: 'alice',
        timeoutMs: 60_000,
        answer: async (prompt) => {
          const url = /(https?:\/\/\S+\/login\/[0-9a-f]{32})/.exec(prompt)?.[1] ?? '';
          // The prompt names the VM's host; the test reaches the service on loopback.
          await page.goto(url.replace(/^https?:\/\/[^/]+/, signer.url));
          shownCode = (await page.textContent('#code')) ?? '';
          expect(prompt).toContain(`Code:   ${shownCode}`);
          await page.click('#sign');
          await page.waitForSelector('#status.done', { timeout: 20_000 });
          expect(await page.textContent('#status')).toContain('Signed');
          return '';
        },
      });
      expect(r.error).toBeUndefined();
      expect(r.ok).toBe(true);
      expect(r.output.trim()).toBe('alice');
      const session = sessionOf(r.prompts[0] ?? '');
      expect(outcomeOf(sys.logFile, session).outcome).toBe('success');
      expect(
        logLines(sys.logFile).some(
          (l) => l.includes('outcome=signature-received') && l.includes(session.slice(0, 8)),
        ),
      ).toBe(true);
      // The session is gone after the attempt: the page is now unknown.
      const after = await page.goto(`${signer.url}/login/${session}`);
      expect(after?.status()).toBe(404);
    } finally {
      await browser.close();
    }
  }, 90_000);

  it('users outside the wallet group keep the normal password login', async () => {
    const ok = await sshLogin({ port: sshd.port, user: 'bob', password: BOB_PASSWORD });
    expect(ok.ok).toBe(true);
    expect(ok.output.trim()).toBe('bob');
    const wrong = await sshLogin({ port: sshd.port, user: 'bob', password: 'not-it' });
    expect(wrong.ok).toBe(false);
    // Through keyboard-interactive bob gets the plain password prompt, no wallet challenge.
    const kbd = await sshLogin({ port: sshd.port, user: 'bob', answer: () => BOB_PASSWORD });
    expect(kbd.ok).toBe(true);
    expect(kbd.prompts[0]).toBe('Password: ');
  });

  it('wallet users cannot fall back to a password', async () => {
    const r = await sshLogin({ port: sshd.port, user: 'alice', password: 'anything' });
    expect(r.ok).toBe(false);
  });

  it('after all the denials sshd still logs the right key in', async () => {
    const r = await sshLogin({ port: sshd.port, user: 'alice', answer: signWith(alice) });
    expect(r.ok).toBe(true);
  });

  it('the log has outcome, reason, user and remote host, never a nonce or a signature', () => {
    const lines = logLines(sys.logFile);
    expect(lines.length).toBeGreaterThan(10);
    for (const l of lines) {
      expect(l).toMatch(/outcome=\S+/);
      if (l.includes('outcome=denied'))
        expect(l).toMatch(/reason=\S+ helper=\S+ user=alice rhost=127\.0\.0\.1/);
    }
    const text = lines.join('\n').toLowerCase();
    for (const s of secrets.filter(Boolean)) expect(text).not.toContain(s.toLowerCase());
    // Nothing of the oversized or malformed answers either.
    expect(text).not.toContain('abababababab');
    expect(text).not.toContain('let me in');
  });

  it('the same PAM stack serves any PAM application (pamtester, same parent for both helpers)', async () => {
    const child = spawnInSystem(
      sys,
      // stdbuf: pamtester's info text must not wait in a stdio buffer while it reads the answer.
      '/usr/bin/stdbuf -o0 /usr/bin/pamtester -I rhost=192.0.2.50 sshd alice authenticate',
      'pipe',
    );
    let out = '';
    const exit = new Promise<number | null>((resolve) =>
      child.once('exit', (code) => resolve(code)),
    );
    // Never leave pamtester waiting for an answer when an assertion fails.
    const killer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 20_000);
    onTestFinished(() => {
      clearTimeout(killer);
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGKILL');
    });
    await new Promise<void>((resolve) => {
      child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Password: ') && out.includes('END MESSAGE TO SIGN')) resolve();
      });
      child.stderr?.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Password: ') && out.includes('END MESSAGE TO SIGN')) resolve();
      });
    });
    const signature = await alice.signMessage({ message: messageOf(out) });
    child.stdin?.end(`${signature}\n`);
    expect(await exit).toBe(0);
    expect(out).toContain('successfully authenticated');
    expect(outcomeOf(sys.logFile, sessionOf(out))).toEqual({
      outcome: 'success',
      reason: undefined,
    });
    expect(logLines(sys.logFile).some((l) => l.includes('rhost=192.0.2.50'))).toBe(true);
  });
});
