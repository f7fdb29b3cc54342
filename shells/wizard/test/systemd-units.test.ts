/**
 * The wizard's units: systemd accepts them, rates their sandbox, and they hold
 * the privilege model the README describes (an unprivileged web process with
 * only CAP_NET_BIND_SERVICE; a root finalize started by a path unit; both
 * gone once setup is complete).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const UNITS = new URL('../../../image/systemd/', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'bh-wizard-units-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const unit = (n: string) => readFileSync(join(UNITS, n), 'utf8');
const analyze = (args: string[]) => {
  const r = spawnSync('systemd-analyze', args, { cwd: scratch, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
};
const NAMES = [
  'blockhost-wizard.service',
  'blockhost-wizard-finalize.service',
  'blockhost-wizard-finalize.path',
];

describe('the wizard units', () => {
  it('systemd accepts them without a warning', () => {
    const r = analyze(['verify', ...NAMES.map((n) => join(UNITS, n))]);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it('are sandboxed: exposure 1.6 for the web process, 2.6 for the root finalize', () => {
    const score = (n: string) =>
      Number(
        /Overall exposure level for \S+: ([0-9.]+)/.exec(
          analyze(['security', '--offline=true', join(UNITS, n)]).output,
        )?.[1],
      );
    expect(score('blockhost-wizard.service')).toBeLessThanOrEqual(1.6);
    expect(score('blockhost-wizard-finalize.service')).toBeLessThanOrEqual(2.6);
  });

  it('the web process: a dynamic user, port 80 by one capability, root only for prepare', () => {
    const u = unit('blockhost-wizard.service');
    expect(u).toMatch(/^DynamicUser=yes$/m);
    expect(u).toMatch(/^AmbientCapabilities=CAP_NET_BIND_SERVICE$/m);
    expect(u).toMatch(/^CapabilityBoundingSet=CAP_NET_BIND_SERVICE$/m);
    expect(u).toMatch(/^ExecStartPre=\+\S+ \S+blockhost-wizard\.m?js prepare$/m);
    expect(u).toMatch(/^ExecStart=\S+ \S+blockhost-wizard\.m?js serve --listen 0\.0\.0\.0:80$/m);
    expect(u).not.toMatch(/^User=/m);
  });

  it('first boot only: every unit stops once the marker exists; the finalize starts from the hand-off', () => {
    for (const n of NAMES)
      expect(unit(n), n).toMatch(/^ConditionPathExists=!\/var\/lib\/blockhost\/\.setup-complete$/m);
    expect(unit('blockhost-wizard-finalize.path')).toMatch(
      /^PathExists=\/run\/blockhost-wizard\/finalize\.request$/m,
    );
    expect(unit('blockhost-wizard-finalize.service')).toMatch(
      /^ExecStartPre=\/bin\/rm -f \/run\/blockhost-wizard\/finalize\.request$/m,
    );
  });
});
