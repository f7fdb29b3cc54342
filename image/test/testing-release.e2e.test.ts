/**
 * `--testing` vs release: a testing ISO carries the build's public test key
 * and a known root password (the private key only beside the ISO, 0600); a
 * release ISO, read back file by file and byte by byte, carries neither.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAnswer } from '../src/answer/validate.js';
import {
  extractAll,
  listTree,
  makeDeb,
  makeSyntheticIso,
  removeTempDirs,
  runTool,
  type ToolRun,
  tempDir,
  writeHashFile,
} from './helpers.js';

const ISO = 'blockhost_0.1.0.iso';
let dir: string;
let testingOut: string;
let releaseOut: string;
let testing: ToolRun;
let release: ToolRun;

beforeAll(async () => {
  dir = tempDir();
  const stock = makeSyntheticIso(dir);
  const debs = join(dir, 'debs');
  mkdirSync(debs);
  makeDeb(debs, 'blockhost-host');
  const common = [
    '--pve-iso',
    stock.path,
    '--packages',
    debs,
    '--iso-version',
    '0.1.0',
    '--assistant',
    'never',
  ];
  testingOut = join(dir, 'testing');
  releaseOut = join(dir, 'release');
  testing = await runTool([...common, '--out', testingOut, '--testing']);
  // the release build goes into a directory that held a testing build before
  await runTool([...common, '--out', releaseOut, '--testing']);
  release = await runTool([
    ...common,
    '--out',
    releaseOut,
    '--root-password-hash-file',
    writeHashFile(dir),
  ]);
});

afterAll(removeTempDirs);

/** The base64 body of an OpenSSH private key file. */
const privateBody = (pem: string) =>
  pem
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .join('');

describe('a --testing build', () => {
  it('prints the root password and where the private key is', () => {
    expect(testing.code).toBe(0);
    const password = readFileSync(join(testingOut, `${ISO}.test-password`), 'utf8').trim();
    expect(password).toMatch(/^[A-Za-z2-9]{20}$/);
    expect(testing.stdout).toContain('TESTING build');
    expect(testing.stdout).toContain(`root password: ${password}`);
    expect(testing.stdout).toContain(`root SSH key:  ${join(testingOut, `${ISO}.test-key`)}`);
  });

  it('writes the private key (and password) beside the ISO, readable by the owner only', () => {
    expect(readdirSync(testingOut).sort()).toEqual([
      ISO,
      `${ISO}.test-key`,
      `${ISO}.test-key.pub`,
      `${ISO}.test-password`,
    ]);
    expect(statSync(join(testingOut, `${ISO}.test-key`)).mode & 0o777).toBe(0o600);
    expect(statSync(join(testingOut, `${ISO}.test-password`)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(testingOut, `${ISO}.test-key`), 'utf8')).toContain(
      'BEGIN OPENSSH PRIVATE KEY',
    );
  });

  it('puts the public key and the password in the answer, the private key nowhere in the ISO', () => {
    const files = extractAll(join(testingOut, ISO), join(dir, 'x-testing'));
    const answer = validateAnswer(readFileSync(join(files, 'answer.toml'), 'utf8'), {
      blockhost: true,
    })._unsafeUnwrap();
    const pub = readFileSync(join(testingOut, `${ISO}.test-key.pub`), 'utf8').trim();
    const password = readFileSync(join(testingOut, `${ISO}.test-password`), 'utf8').trim();
    expect(pub).toMatch(/^ssh-ed25519 \S+ blockhost-testing-0\.1\.0$/);
    expect(answer.global.rootSshKeys).toEqual([pub]);
    expect(answer.global.rootPassword).toBe(password);
    expect(answer.global.rootPasswordHashed).toBeUndefined();
    expect(readFileSync(join(files, 'proxmox-first-boot'), 'utf8')).toContain("TESTING='1'");
    const body = privateBody(readFileSync(join(testingOut, `${ISO}.test-key`), 'utf8'));
    const image = readFileSync(join(testingOut, ISO)).toString('latin1');
    expect(image).not.toContain(body.slice(0, 60));
    expect(image).not.toContain('OPENSSH PRIVATE KEY');
  });
});

describe('a release build', () => {
  it('is just the ISO: no key or password files, even where a testing build was', () => {
    expect(release.code).toBe(0);
    expect(release.stdout).toContain('release build');
    expect(release.stdout).not.toMatch(/root password|SSH key|TESTING/);
    expect(readdirSync(releaseOut)).toEqual([ISO]);
  });

  it('contains no test key and no password in any file or anywhere in the image', () => {
    const files = extractAll(join(releaseOut, ISO), join(dir, 'x-release'));
    const pub = readFileSync(join(testingOut, `${ISO}.test-key.pub`), 'utf8')
      .trim()
      .split(' ')[1]!;
    const priv = privateBody(readFileSync(join(testingOut, `${ISO}.test-key`), 'utf8')).slice(
      0,
      60,
    );
    const password = readFileSync(join(testingOut, `${ISO}.test-password`), 'utf8').trim();
    const listed = listTree(files);
    expect(listed).toEqual(
      expect.arrayContaining(['answer.toml', 'proxmox-first-boot', 'blockhost/SHA256SUMS']),
    );
    for (const f of listed) {
      const text = readFileSync(join(files, f)).toString('latin1');
      for (const secret of [
        pub,
        priv,
        password,
        'OPENSSH PRIVATE KEY',
        'ssh-ed25519',
        'root-password =',
      ]) {
        expect(text.includes(secret), `${f} contains ${secret}`).toBe(false);
      }
    }
    const image = readFileSync(join(releaseOut, ISO)).toString('latin1');
    for (const secret of [pub, priv, password, 'OPENSSH PRIVATE KEY', 'ssh-ed25519']) {
      expect(image.includes(secret), `the image contains ${secret}`).toBe(false);
    }
    const answer = validateAnswer(readFileSync(join(files, 'answer.toml'), 'utf8'), {
      blockhost: true,
    })._unsafeUnwrap();
    expect(answer.global.rootPassword).toBeUndefined();
    expect(answer.global.rootSshKeys).toBeUndefined();
    expect(answer.global.rootPasswordHashed).toMatch(/^\$6\$blockhosttest\$/);
    expect(readFileSync(join(files, 'proxmox-first-boot'), 'utf8')).toContain("TESTING='0'");
  });
});
