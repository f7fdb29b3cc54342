/**
 * image/build-iso.sh as a user runs it after `npm ci && npm run build`: the
 * wrapper runs the tsup bundle in image/dist (built here first, as
 * `npm run build` does), and says what to do when that bundle is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE, makeDeb, makeSyntheticIso, removeTempDirs, tempDir } from './helpers.js';

let dir: string;

beforeAll(() => {
  execFileSync('npx', ['tsup'], { cwd: IMAGE, stdio: 'ignore' });
  dir = tempDir();
}, 120_000);

afterAll(removeTempDirs);

const wrapper = (args: string[], script = join(IMAGE, 'build-iso.sh')) =>
  spawnSync(script, args, { encoding: 'utf8', cwd: dir });

describe('image/build-iso.sh', () => {
  it('builds a testing ISO with the bundled tool, defaults relative to the working directory', () => {
    const stock = makeSyntheticIso(dir);
    mkdirSync(join(dir, 'build', 'packages'), { recursive: true });
    makeDeb(join(dir, 'build', 'packages'), 'blockhost-host');
    const r = wrapper(['--pve-iso', stock.path, '--testing', '--assistant', 'never']);
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('built build/blockhost_0.1.0.iso');
    expect(readdirSync(join(dir, 'build')).sort()).toEqual([
      'blockhost_0.1.0.iso',
      'blockhost_0.1.0.iso.test-key',
      'blockhost_0.1.0.iso.test-key.pub',
      'blockhost_0.1.0.iso.test-password',
      'packages',
    ]);
  });

  it('prints its usage with --help and refuses unknown options with exit 2', () => {
    const help = wrapper(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: build-iso\.sh --pve-iso PATH/);
    const bad = wrapper(['--frobnicate']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--frobnicate'");
  });

  it('without a build: exit 2 and the command that makes one', () => {
    const lone = join(dir, 'clone', 'image');
    mkdirSync(lone, { recursive: true });
    copyFileSync(join(IMAGE, 'build-iso.sh'), join(lone, 'build-iso.sh'));
    const r = wrapper(['--help'], join(lone, 'build-iso.sh'));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/dist\/build-iso\.js is missing: run `npm ci && npm run build`/);
  });
});
