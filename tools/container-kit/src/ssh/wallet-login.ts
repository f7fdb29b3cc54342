/**
 * A wallet login with the real OpenSSH client: keyboard-interactive, the
 * prompt (challenge text + SIWE message) goes to an SSH_ASKPASS helper, which
 * signs the message with the customer's key and answers with the signature.
 * The key reaches the helper through a 0600 file named in the environment,
 * never through argv.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MESSAGE_BEGIN, MESSAGE_END } from '@blockhost/pam-verifier/helpers';
import { type RunResult, run } from '../process/run.js';

/** Resolves `viem` the way this package does. */
const RESOLVE_FROM = fileURLToPath(new URL('../../package.json', import.meta.url));

const askpass = (node: string) => `#!${node}
'use strict';
// SSH_ASKPASS for the tests: signs the SIWE message shown in the prompt.
const { appendFileSync, readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { privateKeyToAccount } = createRequire(process.env.BH_RESOLVE_FROM)('viem/accounts');
const prompt = process.argv[2] || '';
appendFileSync(process.env.BH_PROMPT_LOG, JSON.stringify(prompt) + '\\n');
const begin = process.env.BH_BEGIN + '\\n';
const end = '\\n' + process.env.BH_END;
const i = prompt.indexOf(begin);
const j = prompt.indexOf(end);
if (i < 0 || j < i) process.exit(1);
const message = prompt.slice(i + begin.length, j);
const key = readFileSync(process.env.BH_KEY_FILE, 'utf8').trim();
privateKeyToAccount(key).signMessage({ message }).then((s) => process.stdout.write(s + '\\n'));
`;

export interface OpensshLoginParameters {
  /** Argv prefix that puts the client on the VM's network (`ip netns exec …`). */
  onBridge: (argv: readonly string[]) => string[];
  host: string;
  user: string;
  /** `known_hosts` lines for `host` (the VM's real host keys: checked strictly). */
  knownHosts: string;
  /** The wallet's private key (0x…): written to a 0600 file for the helper only. */
  privateKey: string;
  command: string;
  timeoutMs?: number;
}

export interface OpensshLoginResult extends RunResult {
  /** Every prompt the helper was asked (what the customer sees). */
  prompts: string[];
}

export async function opensshWalletLogin(p: OpensshLoginParameters): Promise<OpensshLoginResult> {
  const dir = mkdtempSync(join(tmpdir(), 'bh-ssh-'));
  chmodSync(dir, 0o700);
  try {
    const helper = join(dir, 'askpass');
    writeFileSync(helper, askpass(process.execPath), { mode: 0o700 });
    const keyFile = join(dir, 'wallet.key');
    writeFileSync(keyFile, `${p.privateKey}\n`, { mode: 0o600 });
    const knownHosts = join(dir, 'known_hosts');
    writeFileSync(knownHosts, p.knownHosts);
    const promptLog = join(dir, 'prompts');
    writeFileSync(promptLog, '');
    const argv = p.onBridge([
      'ssh',
      '-F',
      '/dev/null',
      '-o',
      `UserKnownHostsFile=${knownHosts}`,
      '-o',
      'GlobalKnownHostsFile=/dev/null',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      'PreferredAuthentications=keyboard-interactive',
      '-o',
      'PubkeyAuthentication=no',
      '-o',
      'NumberOfPasswordPrompts=1',
      '-o',
      'ConnectTimeout=15',
      '-o',
      'LogLevel=ERROR',
      `${p.user}@${p.host}`,
      p.command,
    ]);
    const [cmd, ...args] = argv;
    const r = await run(cmd!, args, {
      timeoutMs: p.timeoutMs ?? 60_000,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: dir,
        SSH_ASKPASS: helper,
        SSH_ASKPASS_REQUIRE: 'force',
        BH_RESOLVE_FROM: RESOLVE_FROM,
        BH_KEY_FILE: keyFile,
        BH_PROMPT_LOG: promptLog,
        BH_BEGIN: MESSAGE_BEGIN,
        BH_END: MESSAGE_END,
      },
    });
    const prompts = readFileSync(promptLog, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as string);
    return { ...r, prompts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
