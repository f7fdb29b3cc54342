/**
 * Real sshd + Linux-PAM: whatever the verify line's pam_exec answers, a wallet
 * user never reaches the password modules after it. The verify helper is
 * replaced by a stand-in that exits with each interesting status, is killed
 * by a signal or outlasts LoginGraceTime; the wallet user has a password that
 * pam_unix (common-auth, after the wallet lines) would accept, and answers
 * every prompt with it.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { LIB_DIR, PAM_SNIPPET_PATH } from '../src/install/files.js';
import { buildBundles, removeBundles } from './harness/bundles.js';
import { alice } from './harness/keys.js';
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

const PASSWORD = BOB_PASSWORD;
const USERS: TestUser[] = [
  // A wallet user whose password pam_unix would accept.
  {
    name: 'alice',
    uid: 61041,
    gecos: `wallet=${alice.address}`,
    wallet: true,
    passwordHash: BOB_PASSWORD_HASH,
  },
  // The control: the same password hash outside the wallet group logs in with it.
  { name: 'dora', uid: 61042, passwordHash: BOB_PASSWORD_HASH },
];

let sys: TestSystem;
let sshd: RunningSshd;
let modeFile: string;
let ranFile: string;
let pidFile: string;
let snippet: string;
let installedSnippet: string;

beforeAll(async () => {
  const bundles = await buildBundles();
  sys = createTestSystem(USERS);
  installInto(
    sys,
    bundles,
    testConfig(sys, {
      signing: { enabled: false },
      loginGraceTimeSeconds: 10,
      challengeTtlSeconds: 10,
      rateLimit: { maxFailures: 1000, windowSeconds: 60 },
    }),
  );
  addToWalletGroup(sys, USERS);
  modeFile = join(sys.tmp, 'verify-mode');
  ranFile = join(sys.tmp, 'verify-ran');
  pidFile = join(sys.tmp, 'verify-pid');
  // The stand-in for pam-verify: reads the answer like the real one, then does what the mode says.
  const standIn = join(sys.root, LIB_DIR.slice(1), 'pam-verify');
  writeFileSync(
    standIn,
    [
      '#!/bin/sh',
      `mode=$(cat ${modeFile})`,
      'cat >/dev/null',
      `echo "$mode" >> ${ranFile}`,
      `echo $$ > ${pidFile}`,
      'arg=$(echo "$mode" | cut -d: -f2)',
      'case "$mode" in',
      '  exit:*) exit "$arg" ;;',
      '  signal:*) kill -s "$arg" $$ ; sleep 5 ; exit 0 ;;',
      // Beyond LoginGraceTime (10 s): sshd gives up on the connection first.
      '  hang) sleep 14 ; exit 0 ;;',
      'esac',
      'exit 0',
      '',
    ].join('\n'),
  );
  chmodSync(standIn, 0o755);
  snippet = join(sys.root, PAM_SNIPPET_PATH.slice(1));
  installedSnippet = readFileSync(snippet, 'utf8');
  sshd = await startSshd(sys);
});

afterAll(async () => {
  await sshd?.stop();
  sys?.cleanup();
  removeBundles();
});

const ranModes = () =>
  existsSync(ranFile) ? readFileSync(ranFile, 'utf8').trim().split('\n') : [];

/** alice over keyboard-interactive, answering every prompt with her (valid) password. */
const aliceWithPassword = () =>
  sshLogin({ port: sshd.port, user: 'alice', answer: () => PASSWORD, timeoutMs: 30_000 });

describe('a wallet user never falls through to the password modules', () => {
  it('controls: the password is one pam_unix accepts, and the stand-in decides (exit 0 logs in)', async () => {
    const dora = await sshLogin({ port: sshd.port, user: 'dora', answer: () => PASSWORD });
    expect(dora.ok).toBe(true);
    writeFileSync(modeFile, 'exit:0');
    const r = await aliceWithPassword();
    expect(r.ok).toBe(true);
    expect(ranModes().at(-1)).toBe('exit:0');
  });

  it.each([
    'exit:1',
    'exit:2',
    'exit:25', // PAM_IGNORE's number: pam_exec still reports PAM_SYSTEM_ERR
    'exit:7', // PAM_AUTH_ERR's
    'exit:126',
    'exit:127',
    'exit:255',
    'signal:KILL',
    'signal:SEGV',
    'signal:TERM',
  ])('the verify helper answering %s: refused, password or not', async (mode) => {
    writeFileSync(modeFile, mode);
    const before = ranModes().length;
    const r = await aliceWithPassword();
    expect(r.ok).toBe(false);
    expect(ranModes().slice(before)).toEqual([mode]);
    // Nothing but the wallet prompt was asked: no second (password) round.
    expect(r.prompts.length).toBe(1);
    expect(r.prompts[0]).toContain('BEGIN MESSAGE');
  });

  it('the verify helper outlasting LoginGraceTime: refused', async () => {
    writeFileSync(modeFile, 'hang');
    onTestFinished(() => {
      // The stand-in runs in its own session (pam_exec's setsid): end it here.
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGKILL');
      } catch {
        // already gone
      }
    });
    const r = await aliceWithPassword();
    expect(r.ok).toBe(false);
    expect(ranModes().at(-1)).toBe('hang');
  }, 40_000);

  it('pam_exec answering PAM_IGNORE (here: its type= does not match) still refuses', async () => {
    writeFileSync(modeFile, 'exit:0');
    // The verify line as installed, but pam_exec told to run only for another module type.
    writeFileSync(
      snippet,
      installedSnippet.replace(
        'pam_exec.so expose_authtok',
        'pam_exec.so type=account expose_authtok',
      ),
    );
    onTestFinished(() => writeFileSync(snippet, installedSnippet));
    const before = ranModes().length;
    const r = await aliceWithPassword();
    expect(ranModes().length).toBe(before); // pam_exec did not run the helper
    expect(r.ok).toBe(false);
  });

  it('an unknown user meets the usual password prompt (the guard tells nothing)', async () => {
    const r = await sshLogin({ port: sshd.port, user: 'nosuchuser', answer: () => PASSWORD });
    expect(r.ok).toBe(false);
    expect(r.prompts[0]).toBe('Password: ');
  });

  it('password authentication is not even offered to a wallet user', async () => {
    const r = await sshLogin({ port: sshd.port, user: 'alice', password: PASSWORD });
    expect(r.ok).toBe(false);
  });
});
