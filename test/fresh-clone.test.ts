/**
 * A fresh clone, as a new developer or operator gets it: after `npm ci` every
 * command the docs name is linked (and says it needs a build), after
 * `npm run build` each runs through npx, and the README's main job plays.
 * It clones the committed HEAD, so uncommitted changes are not part of it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from './support/build.js';

/** Every command the README and docs name, and a phrase of its --help. */
const COMMANDS: readonly [string, string][] = [
  ['blockhost', 'usage: blockhost <command>'],
  ['blockhostd', 'usage: blockhostd'],
  ['blockhost-pve-sim', 'usage: blockhost-pve-sim'],
  ['blockhost-vm-login', 'usage: blockhost-vm-login install'],
];

let dir: string;
let clone: string;

function sh(cmd: string, args: string[], timeoutMs = 600_000) {
  const r = spawnSync(cmd, args, {
    cwd: clone,
    encoding: 'utf8',
    timeout: timeoutMs,
    env: { ...process.env, npm_config_loglevel: 'error', BLOCKHOST_CONFIG_DIR: '' },
  });
  return { code: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'blockhost-clone-'));
  clone = join(dir, 'blockhost');
  const c = spawnSync('git', ['clone', '--quiet', '--no-local', REPO, clone], { encoding: 'utf8' });
  if (c.status !== 0) throw new Error(`git clone failed: ${c.stderr}`);
  // The packages come from the npm cache the workspace's own `npm ci` filled.
  const ci = sh('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
  if (ci.code !== 0) throw new Error(`npm ci failed:\n${ci.out}`);
}, 900_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a fresh clone', () => {
  it('links every command at install time; before a build each says so (exit 2)', () => {
    for (const [cmd] of COMMANDS) {
      const r = sh('npx', ['--no-install', cmd, '--help']);
      expect(r.out, cmd).toContain(`${cmd} is not built yet: run \`npm run build\` first`);
      expect(r.code, cmd).toBe(2);
    }
  });

  it('after `npm run build`, every command runs through npx', () => {
    const b = sh('npm', ['run', 'build', '--silent']);
    expect(b.code, b.out).toBe(0);
    for (const [cmd, usage] of COMMANDS) {
      const r = sh('npx', ['--no-install', cmd, '--help']);
      expect(r.out, cmd).toContain(usage);
      expect(r.code, `${cmd}: ${r.out}`).toBe(0);
    }
  }, 600_000);

  it('the main job plays (`npm run demo`)', () => {
    const r = sh('npm', ['run', 'demo', '--silent'], 300_000);
    expect(r.out).toContain('demo passed');
    expect(r.code, r.out.slice(-2000)).toBe(0);
  }, 300_000);
});
