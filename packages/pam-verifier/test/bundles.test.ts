/** The bundled helpers: lean, self-contained, runnable by plain `node` from any directory. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractMessageFromPrompt } from '../src/challenge/prompt.js';
import { buildBundles, removeBundles } from './harness/bundles.js';
import { alice } from './harness/keys.js';

let bundles: string;
let tmp: string;
beforeAll(async () => {
  bundles = await buildBundles();
  tmp = mkdtempSync(join(tmpdir(), 'bh-bundle-run-'));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
  removeBundles();
});

describe('helper bundles', () => {
  it('the login path carries only noble and our own code: no viem', () => {
    for (const name of ['pam-challenge', 'pam-verify']) {
      const text = readFileSync(join(bundles, name), 'utf8');
      expect(text.includes('viem.sh')).toBe(false);
      expect(statSync(join(bundles, name)).size).toBeLessThan(120 * 1024);
    }
    // The RPC client is a separate file, loaded by pam-verify only for contract wallets.
    expect(readFileSync(join(bundles, 'pam-verify-rpc'), 'utf8').includes('viem.sh')).toBe(true);
    expect(readFileSync(join(bundles, 'pam-verify'), 'utf8').includes('"./pam-verify-rpc"')).toBe(
      true,
    );
  });

  it('run from a directory without node_modules, the way pam_exec runs them', async () => {
    const lib = join(tmp, 'usr-lib-blockhost');
    cpSync(bundles, lib, { recursive: true });
    writeFileSync(
      join(tmp, 'passwd'),
      `alice:x:1000:1000:wallet=${alice.address}:/home/alice:/bin/sh\n`,
    );
    const cfg = join(tmp, 'cfg.json');
    writeFileSync(
      cfg,
      JSON.stringify({
        chainId: 1,
        host: 'vm.example.net',
        runDir: join(tmp, 'run'),
        passwdFile: join(tmp, 'passwd'),
        signing: { enabled: false },
        log: { syslog: false, file: join(tmp, 'log') },
      }),
    );
    const env = {
      PAM_TYPE: 'auth',
      PAM_USER: 'alice',
      PAM_RHOST: '198.51.100.4',
      PAM_SERVICE: 'sshd',
    };
    // Both helpers share this test process as parent, as both pam_exec calls share sshd's PAM process.
    const challenge = spawnSync(join(lib, 'pam-challenge'), ['--config', cfg], {
      cwd: tmp,
      env,
      encoding: 'utf8',
    });
    expect(challenge.status).toBe(0);
    const message = extractMessageFromPrompt(challenge.stdout) as string;
    const signature = await alice.signMessage({ message });
    const verify = spawnSync(join(lib, 'pam-verify'), ['--config', cfg], {
      cwd: tmp,
      env,
      input: `${signature}\0`,
      encoding: 'utf8',
    });
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
    expect(readFileSync(join(tmp, 'log'), 'utf8')).toMatch(
      /outcome=success .*rhost=198\.51\.100\.4/,
    );
  });

  it('a failing helper prints one short line, never a stack trace', () => {
    const out = spawnSync(join(bundles, 'pam-challenge'), ['--config', join(tmp, 'missing.json')], {
      env: { PAM_TYPE: 'auth', PAM_USER: 'alice' },
      encoding: 'utf8',
    });
    expect(out.status).toBe(1);
    expect(`${out.stdout}${out.stderr}`).toBe('Wallet login is not available right now.\n');
  });
});
