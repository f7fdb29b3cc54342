/**
 * Helper cost of one wallet login: `pam-challenge` + `pam-verify` (bundled,
 * EOA path, real files under a scratch run dir), each a fresh process
 * started the way pam_exec starts them (the executable file itself, PAM
 * items as the whole environment), measured side by side (interleaved) with
 * a bare `node -e 0` in the same environment. Goal: both helpers together
 * ≤ 2.5 × one bare start.
 *
 * The helpers are set up as `blockhost-vm-login install` leaves them: after
 * its warm-up login, so their V8 code caches exist for this node.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateKeyToAccount } from 'viem/accounts';
import { bundleHelpers } from '../packages/pam-verifier/src/bundler/bundle-helpers.js';
import { extractMessageFromPrompt } from '../packages/pam-verifier/src/challenge/prompt.js';
import { warmUpLoginHelpers } from '../packages/pam-verifier/src/install/warm-up.js';
import { fmt, report, stats } from './lib/measure.js';

const RUNS = Number(process.env.RUNS ?? 50);
const WARMUP = 5;

const dir = mkdtempSync(join(tmpdir(), 'bh-bench-pam-'));
try {
  const bin = join(dir, 'bin');
  await bundleHelpers(bin);
  const warm = warmUpLoginHelpers(bin);
  if (warm.problem) throw new Error(`warm-up login failed: ${warm.problem}`);
  const loadBefore = loadavg();
  const account = privateKeyToAccount(`0x${'5a'.repeat(32)}`);
  writeFileSync(
    join(dir, 'passwd'),
    `alice:x:1000:1000:wallet=${account.address}:/home/alice:/bin/sh\n`,
  );
  const cfg = join(dir, 'vm-login.json');
  writeFileSync(
    cfg,
    JSON.stringify({
      chainId: 1,
      host: 'vm-bench.example.net',
      runDir: join(dir, 'run'),
      passwdFile: join(dir, 'passwd'),
      log: { syslog: false, file: join(dir, 'login.log') },
    }),
  );
  // pam_exec's environment: the PAM items only. The bare starts get the same (a parent's
  // NODE_OPTIONS, e.g. from tsx, would otherwise slow them down).
  const env = { PAM_TYPE: 'auth', PAM_USER: 'alice', PAM_RHOST: '127.0.0.1', PAM_SERVICE: 'sshd' };
  const node = process.execPath;

  const timed = <T>(fn: () => T): [number, T] => {
    const t = performance.now();
    const r = fn();
    return [performance.now() - t, r];
  };

  // A second reference: starting an empty script file (what the helpers do) skips -e's eval setup.
  const empty = join(dir, 'empty.js');
  writeFileSync(empty, '');
  const emptyFile: number[] = [];
  const bare: number[] = [];
  const challenge: number[] = [];
  const verify: number[] = [];
  const both: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const [tBare] = timed(() => spawnSync(node, ['-e', '0'], { env }));
    const [tEmpty] = timed(() => spawnSync(node, [empty], { env }));
    const [tChallenge, ch] = timed(() =>
      spawnSync(join(bin, 'pam-challenge'), ['--config', cfg], { env, encoding: 'utf8' }),
    );
    if (ch.status !== 0) throw new Error(`pam-challenge failed: ${ch.stdout}${ch.stderr}`);
    // Signing is the user's part, not the helpers': untimed.
    const signature = await account.signMessage({
      message: extractMessageFromPrompt(ch.stdout) ?? '',
    });
    const [tVerify, v] = timed(() =>
      spawnSync(join(bin, 'pam-verify'), ['--config', cfg], { env, input: `${signature}\0` }),
    );
    if (v.status !== 0) throw new Error(`pam-verify denied a valid signature: ${v.stderr}`);
    if (i < WARMUP) continue;
    bare.push(tBare);
    emptyFile.push(tEmpty);
    challenge.push(tChallenge);
    verify.push(tVerify);
    both.push(tChallenge + tVerify);
  }

  const sBare = stats(bare);
  const row = (name: string, samples: number[]) => {
    const s = stats(samples);
    return {
      process: name,
      runs: s.runs,
      median: fmt(s.median),
      p95: fmt(s.p95),
      min: fmt(s.min),
      'median / bare': (s.median / sBare.median).toFixed(2),
    };
  };
  const ratio = stats(both).median / sBare.median;
  // On a busy machine the longer processes are preempted more; the minimum is the least disturbed run.
  const minRatio = stats(both).min / sBare.min;
  report('pam-login', [
    row('node -e 0 (bare start)', bare),
    row('node empty.js', emptyFile),
    row('pam-challenge', challenge),
    row('pam-verify (EOA)', verify),
    row('both helpers (one login)', both),
  ]);
  console.log(
    `\nboth helpers = ${ratio.toFixed(2)} × a bare node start (goal ≤ 2.50): ${ratio <= 2.5 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `both helpers = ${(stats(both).median / stats(emptyFile).median).toFixed(2)} × starting an empty script file`,
  );
  console.log(`minimum vs minimum: ${minRatio.toFixed(2)} ×`);
  const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
  console.log(
    `load average (1, 5, 15 min) before: ${fmtLoad(loadBefore)}, after: ${fmtLoad(loadavg())} (${cpus().length} CPUs)`,
  );
  console.log(
    `V8 code caches from the warm-up login: ${warm.caches.join(', ') || 'none'}; bare start: ${node}, helpers: #!/usr/bin/node`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
