import { describe, expect, it } from 'vitest';
import { daemonUnitEnvironment, unitEnvironment } from '../src/unit-env.js';

describe('the systemd unit environment a spawned daemon gets', () => {
  it("is the shipped unit's: glibc malloc with a fixed mmap threshold", () => {
    expect(daemonUnitEnvironment()).toMatchObject({ MALLOC_MMAP_THRESHOLD_: '131072' });
  });

  it("reads systemd's syntax: several assignments a line, quoted ones with spaces", () => {
    const text = [
      '[Service]',
      'EnvironmentFile=-/etc/blockhost/blockhost.env',
      'Environment=A=1 B=two',
      'Environment="C=with space" D=',
      '#Environment=E=commented',
    ].join('\n');
    expect(unitEnvironment(text)).toEqual({ A: '1', B: 'two', C: 'with space', D: '' });
  });

  it('refuses a line that is not KEY=value, naming the unit', () => {
    expect(() => unitEnvironment('Environment=NOEQUALS', 'x.service')).toThrow(
      /x\.service: Environment= expects KEY=value, got "NOEQUALS"/,
    );
    expect(() => unitEnvironment('Environment==1', 'x.service')).toThrow(/got "=1"/);
  });
});
