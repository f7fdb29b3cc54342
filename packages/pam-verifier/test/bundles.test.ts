/** The bundled helpers: lean, self-contained, runnable by plain `node` from any directory. */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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
  it('the login path carries only our own code and neverthrow: no viem, no node:crypto', () => {
    for (const name of ['pam-challenge', 'pam-verify']) {
      // `<name>` is the code-cache loader, `<name>.js` the helper's code.
      expect(statSync(join(bundles, name)).size).toBeLessThan(4 * 1024);
      const text = readFileSync(join(bundles, `${name}.js`), 'utf8');
      expect(text.includes('viem.sh')).toBe(false);
      expect(text.includes('node:crypto')).toBe(false);
      expect(statSync(join(bundles, `${name}.js`)).size).toBeLessThan(120 * 1024);
    }
    // The RPC client is a separate file, loaded by pam-verify only for contract wallets.
    expect(readFileSync(join(bundles, 'pam-verify-rpc'), 'utf8').includes('viem.sh')).toBe(true);
    expect(
      readFileSync(join(bundles, 'pam-verify.js'), 'utf8').includes('require("./pam-verify-rpc")'),
    ).toBe(true);
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

describe('V8 code cache of the login helpers', () => {
  let lib: string;
  let run: string;
  let cfg: string;
  const env = {
    PAM_TYPE: 'auth',
    PAM_USER: 'alice',
    PAM_RHOST: '198.51.100.7',
    PAM_SERVICE: 'sshd',
  };
  const cache = (name: string) => join(lib, `${name}.v8cache`);

  beforeAll(() => {
    run = mkdtempSync(join(tmpdir(), 'bh-cache-'));
    lib = join(run, 'lib');
    cpSync(bundles, lib, { recursive: true });
    writeFileSync(
      join(run, 'passwd'),
      `alice:x:1000:1000:wallet=${alice.address}:/home/alice:/bin/sh\n`,
    );
    cfg = join(run, 'cfg.json');
    writeFileSync(
      cfg,
      JSON.stringify({
        chainId: 1,
        host: 'vm.example.net',
        runDir: join(run, 'run'),
        passwdFile: join(run, 'passwd'),
        log: { syslog: false, file: join(run, 'log') },
      }),
    );
  });
  afterAll(() => rmSync(run, { recursive: true, force: true }));

  /** One login as pam_exec runs it; the verify answer is the right signature unless `answer` is given. */
  async function login(answer?: string): Promise<{ challenge: number; verify: number }> {
    const ch = spawnSync(join(lib, 'pam-challenge'), ['--config', cfg], { env, encoding: 'utf8' });
    expect(ch.stderr).toBe('');
    if (ch.status !== 0) return { challenge: ch.status ?? -1, verify: -1 };
    const message = extractMessageFromPrompt(ch.stdout) as string;
    const input = answer ?? (await alice.signMessage({ message }));
    const v = spawnSync(join(lib, 'pam-verify'), ['--config', cfg], {
      env,
      input: `${input}\0`,
      encoding: 'utf8',
    });
    expect(v.stderr).toBe('');
    return { challenge: 0, verify: v.status ?? -1 };
  }

  it('a failed login writes no cache; the first successful one writes both, later ones keep them', async () => {
    expect(await login(`0x${'11'.repeat(65)}`)).toEqual({ challenge: 0, verify: 1 });
    expect(existsSync(cache('pam-verify'))).toBe(false);
    expect(await login()).toEqual({ challenge: 0, verify: 0 });
    const made = statSync(cache('pam-verify')).mtimeMs;
    const header = readFileSync(cache('pam-verify')).subarray(0, 200).toString('latin1');
    expect(header.split('\n')[0]).toContain(`node=${process.version}`);
    expect(existsSync(cache('pam-challenge'))).toBe(true);
    expect(await login()).toEqual({ challenge: 0, verify: 0 });
    // Used, not rewritten.
    expect(statSync(cache('pam-verify')).mtimeMs).toBe(made);
  });

  it('a stale, foreign or corrupt cache never denies a valid login and is replaced', async () => {
    const good = readFileSync(cache('pam-verify'));
    const headerLength = good.indexOf(10) + 1;
    const variants: Buffer[] = [
      // Another build of the code (same V8): the header no longer matches.
      Buffer.concat([
        Buffer.from(
          good
            .subarray(0, headerLength)
            .toString('latin1')
            .replace(/ [0-9a-f]{32} /, ` ${'0'.repeat(32)} `),
        ),
        good.subarray(headerLength),
      ]),
      // Right header, garbage bytecode: V8 rejects it.
      Buffer.concat([
        good.subarray(0, headerLength),
        Buffer.alloc(good.length - headerLength, 0x5a),
      ]),
      // Truncated.
      good.subarray(0, headerLength + 100),
      Buffer.alloc(0),
    ];
    for (const bad of variants) {
      writeFileSync(cache('pam-verify'), bad);
      writeFileSync(cache('pam-challenge'), bad);
      expect(await login()).toEqual({ challenge: 0, verify: 0 });
      expect(readFileSync(cache('pam-verify')).subarray(0, headerLength)).toEqual(
        good.subarray(0, headerLength),
      );
      expect(readFileSync(cache('pam-verify')).length).toBeGreaterThan(headerLength + 1000);
    }
  });

  it('a cache that cannot be read or written (here: a directory in its place) is skipped', async () => {
    for (const name of ['pam-challenge', 'pam-verify']) {
      rmSync(cache(name), { force: true });
      mkdirSync(cache(name));
    }
    expect(await login()).toEqual({ challenge: 0, verify: 0 });
    expect(await login(`0x${'11'.repeat(65)}`)).toEqual({ challenge: 0, verify: 1 });
    expect(readdirSync(lib).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    for (const name of ['pam-challenge', 'pam-verify']) rmSync(cache(name), { recursive: true });
  });

  it('missing helper code fails closed with one short line', () => {
    rmSync(join(lib, 'pam-challenge.js'));
    const out = spawnSync(join(lib, 'pam-challenge'), ['--config', cfg], { env, encoding: 'utf8' });
    expect(out.status).toBe(1);
    expect(`${out.stdout}${out.stderr}`).toBe('Wallet login is not available right now.\n');
  });
});
