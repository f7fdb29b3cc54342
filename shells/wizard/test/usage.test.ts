/**
 * The command line: `--help` alone or after a command prints the usage and
 * exits 0; no command or an unknown one prints it and exits 2.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { TSX, WIZARD_MAIN } from './harness.js';

const wizard = (...args: string[]) =>
  spawnSync(process.execPath, [...TSX, WIZARD_MAIN, ...args], { encoding: 'utf8' });

describe('blockhost-wizard usage', () => {
  it('--help and -h print the usage and exit 0, alone or after a command', () => {
    for (const args of [['--help'], ['-h'], ['serve', '--help']]) {
      const r = wizard(...args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toMatch(/^usage: blockhost-wizard <serve\|finalize\|prepare>/);
    }
  });

  it('no command or an unknown one: the usage and exit 2', () => {
    for (const args of [[], ['bogus']]) {
      const r = wizard(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toMatch(/^usage: blockhost-wizard/);
    }
  });
});
