/**
 * The customer's side of a wallet login, with the real OpenSSH client:
 * keyboard-interactive only; the prompt (challenge + SIWE message) goes to
 * an SSH_ASKPASS program that signs the message between the markers with the
 * wallet key and answers with the signature. The key travels in a 0600 file
 * named in the environment, never in argv.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MESSAGE_BEGIN, MESSAGE_END } from '@blockhost/pam-verifier/helpers';

/** viem is resolved from the repository root, where npm put it. */
const RESOLVE_FROM = fileURLToPath(new URL('../../package.json', import.meta.url));

const ASKPASS = (node: string) => `#!${node}
'use strict';
const fs = require('node:fs');
const { privateKeyToAccount } = require('node:module').createRequire(process.env.BH_RESOLVE_FROM)('viem/accounts');
const prompt = process.argv[2] || '';
fs.appendFileSync(process.env.BH_PROMPTS, JSON.stringify(prompt) + '\\n');
const begin = prompt.indexOf(process.env.BH_BEGIN + '\\n');
const end = prompt.indexOf('\\n' + process.env.BH_END);
if (begin < 0 || end < begin) process.exit(1);
const message = prompt.slice(begin + process.env.BH_BEGIN.length + 1, end);
const key = fs.readFileSync(process.env.BH_KEY, 'utf8').trim();
privateKeyToAccount(key).signMessage({ message }).then((s) => process.stdout.write(s + '\\n'));
`;

export interface WalletSshResult {
  status: number | null;
  stdout: string;
  stderr: string;
  prompts: string[];
}

export async function walletSsh(o: {
  /** Argv prefix onto the VM's network (the bridge namespace). */
  onBridge: (argv: readonly string[]) => string[];
  host: string;
  user: string;
  knownHosts: string;
  privateKey: string;
  command: string;
}): Promise<WalletSshResult> {
  const dir = mkdtempSync(join(tmpdir(), 'blockhost-wallet-ssh-'));
  chmodSync(dir, 0o700);
  try {
    const askpass = join(dir, 'askpass');
    writeFileSync(askpass, ASKPASS(process.execPath), { mode: 0o700 });
    writeFileSync(join(dir, 'key'), `${o.privateKey}\n`, { mode: 0o600 });
    writeFileSync(join(dir, 'known_hosts'), o.knownHosts);
    writeFileSync(join(dir, 'prompts'), '');
    const [cmd, ...args] = o.onBridge([
      'ssh',
      '-F',
      '/dev/null',
      '-o',
      `UserKnownHostsFile=${join(dir, 'known_hosts')}`,
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
      `${o.user}@${o.host}`,
      o.command,
    ]);
    const r = await new Promise<{ status: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        const child = spawn(cmd!, args, {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: {
            PATH: process.env.PATH ?? '/usr/bin:/bin',
            HOME: dir,
            SSH_ASKPASS: askpass,
            SSH_ASKPASS_REQUIRE: 'force',
            BH_RESOLVE_FROM: RESOLVE_FROM,
            BH_KEY: join(dir, 'key'),
            BH_PROMPTS: join(dir, 'prompts'),
            BH_BEGIN: MESSAGE_BEGIN,
            BH_END: MESSAGE_END,
          },
        });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          stdout += d;
        });
        child.stderr.setEncoding('utf8').on('data', (d: string) => {
          stderr += d;
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.on('close', (status) => {
          clearTimeout(timer);
          resolve({ status, stdout, stderr });
        });
      },
    );
    const prompts = readFileSync(join(dir, 'prompts'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as string);
    return { ...r, prompts };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
