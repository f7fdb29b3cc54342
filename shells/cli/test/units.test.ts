/** The CLI's small parts: credential parsing, secret files, prompts, progress, log lines. */
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAdminToken } from '../src/admin-token.js';
import { writeSecretFile } from '../src/files.js';
import { CliError, UsageError } from '../src/framework/errors.js';
import { humanLogLine } from '../src/framework/log.js';
import { startProgress } from '../src/framework/progress.js';
import { confirm } from '../src/framework/prompt.js';
import { removeTempDirs, tempFile } from './helpers.js';

afterAll(removeTempDirs);

const SECRET = '8f0c6a5e-1b2d-4c3e-9f8a-7b6c5d4e3f21';

describe('parseAdminToken', () => {
  it.each([
    [`root@pam!setup=${SECRET}`],
    [`PVEAPIToken=root@pam!setup=${SECRET}\n`],
    [`Authorization: PVEAPIToken=root@pam!setup=${SECRET}`],
    [`# admin token for the setup\nroot@pam!setup\n${SECRET}\n`],
    [`root@pam!setup ${SECRET}`],
    [JSON.stringify({ 'full-tokenid': 'root@pam!setup', info: { privsep: '0' }, value: SECRET })],
  ])('reads %j', (text) => {
    expect(parseAdminToken(text)).toEqual({ id: 'root@pam!setup', secret: SECRET });
  });

  it.each([
    ['root:password'],
    [SECRET],
    [`root!setup=${SECRET}`],
    ['root@pam!setup=not a secret'],
    ['{"value": 1}'],
  ])('refuses %j without repeating it', (text) => {
    let error: unknown;
    try {
      parseAdminToken(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).not.toContain(SECRET);
    expect((error as Error).message).not.toContain('password');
  });
});

describe('writeSecretFile', () => {
  it('creates a new secret file with mode 0600 (and its directory)', () => {
    const path = join(tempFile('x', ''), '..', 'sub', 'pve-token');
    writeSecretFile(path, SECRET);
    expect(readFileSync(path, 'utf8')).toBe(`${SECRET}\n`);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('keeps a group-readable 0640 file 0640, and drops read access for others', () => {
    const shared = tempFile('pve-token', 'old\n', 0o640);
    writeSecretFile(shared, SECRET);
    expect(statSync(shared).mode & 0o777).toBe(0o640);
    const loose = tempFile('pve-token', 'old\n', 0o644);
    chmodSync(loose, 0o644);
    writeSecretFile(loose, SECRET);
    expect(statSync(loose).mode & 0o777).toBe(0o640);
  });

  it('replaces the file atomically: no temporary file is left behind', () => {
    const path = tempFile('pve-token', 'old\n');
    writeSecretFile(path, SECRET);
    writeFileSync(`${path}.keep`, '');
    const dir = join(path, '..');
    expect(readdirSync(dir).sort()).toEqual(['pve-token', 'pve-token.keep']);
  });
});

describe('confirm', () => {
  const tty = (answer: string) => {
    const s = new PassThrough() as PassThrough & { isTTY?: boolean };
    s.isTTY = true;
    s.end(answer);
    return s;
  };

  it('goes ahead on "y" at a terminal and stops on anything else', async () => {
    const stderr = new PassThrough();
    await expect(
      confirm('Destroy?', { yes: false, stdin: tty('y\n'), stderr }),
    ).resolves.toBeUndefined();
    await expect(confirm('Destroy?', { yes: false, stdin: tty('n\n'), stderr })).rejects.toThrow(
      CliError,
    );
  });

  it('refuses without a terminal unless --yes', async () => {
    const pipe = new PassThrough();
    await expect(confirm('Destroy?', { yes: false, stdin: pipe })).rejects.toThrow(
      /refused without a terminal/,
    );
    await expect(confirm('Destroy?', { yes: true, stdin: pipe })).resolves.toBeUndefined();
  });
});

describe('progress', () => {
  const stream = (isTTY: boolean) => {
    const s = new PassThrough() as PassThrough & { isTTY?: boolean };
    s.isTTY = isTTY;
    let text = '';
    s.on('data', (c) => {
      text += c;
    });
    return { s: s as unknown as NodeJS.WriteStream, text: () => text };
  };

  it('draws a spinner on a terminal and ends with a mark', () => {
    const { s, text } = stream(true);
    const p = startProgress('downloading', s);
    p.update('creating');
    p.done('built');
    expect(text()).toContain('downloading');
    expect(text()).toMatch(/✔ built\n$/);
  });

  it('is silent when stderr is not a terminal', () => {
    const { s, text } = stream(false);
    const p = startProgress('downloading', s);
    p.fail('failed');
    expect(text()).toBe('');
  });
});

describe('library log lines', () => {
  it('become one plain line with their fields', () => {
    const line = JSON.stringify({
      level: 50,
      time: 't',
      service: 'blockhostd',
      job: 6,
      error: 'boom',
      msg: 'job failed',
    });
    expect(humanLogLine(line)).toBe('error: job failed (job=6, error=boom)\n');
  });
});
