/** The two helpers' logic in-process, with a fake runtime (clock, randomness, stdin/stdout). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateKeyToAccount } from 'viem/accounts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractMessageFromPrompt } from '../challenge/prompt.js';
import { storeSessionSignature } from '../state/run-dir.js';
import { runChallenge } from './run-challenge.js';
import { runVerify } from './run-verify.js';
import type { HelperRuntime } from './runtime.js';

const wallet = privateKeyToAccount(`0x${'09'.repeat(32)}`);
let dir: string;
let cfgPath: string;
let logFile: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bh-helpers-'));
  cfgPath = join(dir, 'vm-login.json');
  logFile = join(dir, 'login.log');
  writeFileSync(
    join(dir, 'passwd'),
    `alice:x:1000:1000:wallet=${wallet.address}:/home/alice:/bin/sh\nerin:x:1001:1001:Erin:/h:/bin/sh\n`,
  );
  writeFileSync(
    cfgPath,
    JSON.stringify({
      chainId: 1,
      host: 'vm.example.net',
      runDir: join(dir, 'run'),
      passwdFile: join(dir, 'passwd'),
      browserWaitSeconds: 3,
      // The signing page on loopback (plain HTTP is allowed only there).
      signing: { listen: '127.0.0.1' },
      log: { syslog: false, file: logFile },
    }),
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function runtime(over: Partial<HelperRuntime> & { stdin?: string } = {}) {
  let t = 1_900_000_000_000;
  let r = 0;
  const out: string[] = [];
  const rt: HelperRuntime = {
    argv: ['--config', cfgPath],
    env: { PAM_TYPE: 'auth', PAM_USER: 'alice', PAM_RHOST: '192.0.2.7', PAM_SERVICE: 'sshd' },
    ppid: 31337,
    now: () => t,
    randomBytes: (n) => Uint8Array.from({ length: n }, () => ++r & 0xff),
    hostname: () => 'ignored',
    write: (s) => {
      out.push(s);
    },
    readStdin: () => over.stdin ?? '',
    readFile: (p) => readFileSync(p, 'utf8'),
    sleep: async (ms) => {
      t += ms;
    },
    ...over,
  };
  return { rt, out, advance: (ms: number) => (t += ms) };
}

const log = () => readFileSync(logFile, 'utf8');

describe('pam-challenge + pam-verify', () => {
  it('a pasted signature of the shown message succeeds (exit 0), once', async () => {
    const ch = runtime();
    expect(await runChallenge(ch.rt)).toBe(0);
    const message = extractMessageFromPrompt(ch.out.join('')) as string;
    const signature = await wallet.signMessage({ message });
    expect(await runVerify(runtime({ stdin: `${signature}\0` }).rt)).toBe(0);
    expect(log()).toMatch(/outcome=success .*user=alice rhost=192\.0\.2\.7 .*method=eoa/);
    // The challenge is gone: the same answer again fails.
    expect(await runVerify(runtime({ stdin: signature }).rt)).toBe(1);
    expect(log()).toMatch(/outcome=denied reason=no-challenge/);
  });

  it('an empty answer waits for the signing page and takes its signature', async () => {
    const ch = runtime();
    await runChallenge(ch.rt);
    const text = ch.out.join('');
    const message = extractMessageFromPrompt(text) as string;
    const sessionId = /\/login\/([0-9a-f]{32})/.exec(text)?.[1] as string;
    const signature = await wallet.signMessage({ message });
    let slept = 0;
    const v = runtime({
      stdin: '',
      // The browser posts while the helper waits.
      sleep: async () => {
        if (++slept === 5) storeSessionSignature(join(dir, 'run'), sessionId, signature);
      },
    });
    expect(await runVerify(v.rt)).toBe(0);
    expect(slept).toBe(5);
  });

  it('an empty answer with nothing from the page fails after the wait', async () => {
    await runChallenge(runtime().rt);
    const v = runtime({ stdin: '' });
    expect(await runVerify(v.rt)).toBe(1);
    expect(log()).toMatch(/reason=no-signature/);
  });

  it('refuses to run outside the auth stack', async () => {
    const env = { PAM_TYPE: 'session', PAM_USER: 'alice' };
    expect(await runChallenge(runtime({ env }).rt)).toBe(1);
    expect(await runVerify(runtime({ env }).rt)).toBe(1);
    expect(log()).toMatch(/outcome=error reason=pam-env-invalid/);
  });

  it('tells the user only a short reason, and logs the details', async () => {
    const e = runtime({ env: { PAM_TYPE: 'auth', PAM_USER: 'erin' } });
    expect(await runChallenge(e.rt)).toBe(1);
    expect(e.out.join('')).toBe('No wallet is set up for this account.\n');
    const u = runtime({ env: { PAM_TYPE: 'auth', PAM_USER: 'nobody-here' } });
    expect(await runChallenge(u.rt)).toBe(1);
    expect(u.out.join('')).toBe('Wallet login is not available right now.\n');
    expect(log()).toMatch(/reason=no-wallet .*user=erin/);
    expect(log()).toMatch(/reason=unknown-user .*user=nobody-here/);
  });

  it('a broken config fails closed with one friendly line', async () => {
    writeFileSync(cfgPath, '{ "chainId": ');
    const c = runtime();
    expect(await runChallenge({ ...c.rt, env: { ...c.rt.env } })).toBe(1);
    expect(c.out.join('')).toBe('Wallet login is not available right now.\n');
    expect(await runVerify(runtime({ stdin: '0x00' }).rt)).toBe(1);
  });
});
