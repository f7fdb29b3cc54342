import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLoginLogger, formatLoginEvent } from './log.js';

describe('login log', () => {
  it('writes key=value in a fixed order, quoting values with spaces', () => {
    expect(
      formatLoginEvent({
        outcome: 'denied',
        user: 'alice',
        reason: 'expired',
        rhost: '10.0.0.9',
        detail: 'too late now',
      }),
    ).toBe('outcome=denied reason=expired user=alice rhost=10.0.0.9 detail="too late now"');
  });

  it('cannot be made to forge lines or keys', () => {
    const line = formatLoginEvent({
      outcome: 'denied',
      user: 'x\noutcome=success user=root',
      detail: 'a\r\nb',
    });
    expect(line).not.toContain('\n');
    expect(line).toBe('outcome=denied user="x outcome=success user=root" detail="a  b"');
  });

  it('appends to the file and never throws when it cannot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bh-log-'));
    try {
      const file = join(dir, 'login.log');
      createLoginLogger({ syslog: false, file }, () => 0)({ outcome: 'success', user: 'alice' });
      expect(readFileSync(file, 'utf8')).toBe(
        '1970-01-01T00:00:00.000Z blockhost-login: outcome=success user=alice\n',
      );
      expect(() =>
        createLoginLogger({ syslog: false, file: join(dir, 'no/such/dir/x.log') })({
          outcome: 'error',
        }),
      ).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
