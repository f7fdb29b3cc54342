/**
 * The systemd units in image/systemd: systemd itself accepts them (`systemd-analyze verify`, no
 * warning), they are hardened (`systemd-analyze security --offline`, exposure score), and they
 * run what the docs say. A broken copy is refused, so the check is real.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const UNITS = new URL('../../../image/systemd/', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'blockhost-units-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function analyze(args: string[]): { status: number | null; output: string } {
  // Run from a scratch dir: verify looks for units next to the given files and in the cwd.
  const r = spawnSync('systemd-analyze', args, { cwd: scratch, encoding: 'utf8' });
  if (r.error) throw new Error(`systemd-analyze: ${r.error.message} (Debian package systemd)`);
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const unit = (name: string) => readFileSync(join(UNITS, name), 'utf8');
const exposure = (name: string) => {
  const r = analyze(['security', '--offline=true', join(UNITS, name)]);
  const m = /Overall exposure level for \S+: ([0-9.]+)/.exec(r.output);
  if (!m?.[1]) throw new Error(`no exposure level in:\n${r.output}`);
  return Number(m[1]);
};

describe('systemd units', () => {
  it('systemd accepts every unit without a warning', () => {
    const files = [
      'blockhost-monitor.service',
      'blockhost-gc.service',
      'blockhost-gc.timer',
      'blockhost-ipv6.service',
      'blockhost-ipv6.path',
      'blockhost-ipv6.timer',
    ].map((f) => join(UNITS, f));
    const r = analyze(['verify', ...files]);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it('a unit with an unknown key or a missing program is refused (the check can fail)', () => {
    const broken = join(scratch, 'blockhost-monitor.service');
    writeFileSync(
      broken,
      unit('blockhost-monitor.service')
        .replace('NoNewPrivileges=yes', 'NoNewPrivilege=yes')
        .replace('/usr/bin/node ', '/usr/bin/no-such-node '),
    );
    const r = analyze(['verify', broken]);
    expect(r.output).toMatch(/Unknown key 'NoNewPrivilege'/);
    expect(r.output).toMatch(/no-such-node is not executable/);
    expect(r.status).not.toBe(0);
  });

  it('both services are hardened: systemd rates their exposure no worse than before issue 20', () => {
    // 1.9 and 3.0 before the issue-20 hardening, 1.5 both after; they may only get better.
    expect(exposure('blockhost-monitor.service')).toBeLessThanOrEqual(1.5);
    expect(exposure('blockhost-gc.service')).toBeLessThanOrEqual(1.5);
  });

  it('no core dumps (they would hold the server key), /proc of other processes hidden, no privileged or resource syscalls', () => {
    for (const name of ['blockhost-monitor.service', 'blockhost-gc.service']) {
      const u = unit(name);
      expect(u, name).toMatch(/^LimitCORE=0$/m);
      expect(u, name).toMatch(/^ProtectProc=invisible$/m);
      expect(u, name).toMatch(/^SystemCallFilter=@system-service$/m);
      expect(u, name).toMatch(/^SystemCallFilter=~@privileged @resources$/m);
      // A refused call fails with EPERM instead of killing node (it raises its fd limit at start).
      expect(u, name).toMatch(/^SystemCallErrorNumber=EPERM$/m);
    }
  });

  it('the gc unit is sandboxed like the daemon: every Protect*, Restrict*, Lock* and capability line', () => {
    const sandbox = (u: string) =>
      u
        .split('\n')
        .filter((l) =>
          /^(Protect|Restrict|Lock|Private|NoNewPrivileges|MemoryDenyWriteExecute|SystemCall|CapabilityBoundingSet|AmbientCapabilities|LimitCORE|UMask)/.test(
            l,
          ),
        )
        .sort();
    expect(sandbox(unit('blockhost-gc.service'))).toEqual(
      sandbox(unit('blockhost-monitor.service')),
    );
  });

  it('the environment comes only from the read-only config directory, never from /opt', () => {
    for (const name of ['blockhost-monitor.service', 'blockhost-gc.service']) {
      const files = [...unit(name).matchAll(/^EnvironmentFile=-?(.*)$/gm)].map((m) => m[1]);
      expect(files, name).toEqual(['/etc/blockhost/blockhost.env']);
      expect(unit(name), name).toMatch(/^ReadOnlyPaths=\/etc\/blockhost$/m);
    }
  });

  it("the daemon's malloc keeps a fixed mmap threshold (so start-up's freed memory goes back)", () => {
    // Any other value, or none (glibc's sliding threshold), is a change bench/daemon.ts must see.
    const env = [...unit('blockhost-monitor.service').matchAll(/^Environment=(.*)$/gm)].map(
      (m) => m[1],
    );
    expect(env).toEqual(['MALLOC_MMAP_THRESHOLD_=131072']);
  });

  it('the IPv6 apply service (root, for routes and WireGuard) is rated OK too', () => {
    // Root with CAP_NET_ADMIN (routes, WireGuard) and CAP_DAC_OVERRIDE only.
    expect(exposure('blockhost-ipv6.service')).toBeLessThanOrEqual(3.5);
  });

  it('they run what the docs say: the daemon on /etc/blockhost, gc daily and catching up', () => {
    const monitor = unit('blockhost-monitor.service');
    expect(monitor).toMatch(
      /^ExecStart=\/usr\/bin\/node \S+blockhostd\.m?js --config-dir \/etc\/blockhost$/m,
    );
    expect(monitor).toMatch(/^Restart=on-failure$/m);
    expect(monitor).toMatch(/^User=blockhost$/m);
    expect(monitor).toMatch(/^ReadWritePaths=\/var\/lib\/blockhost/m);
    const gc = unit('blockhost-gc.service');
    expect(gc).toMatch(/^Type=oneshot$/m);
    expect(gc).toMatch(/^ExecStart=\/usr\/bin\/node \S+blockhost\.m?js gc --execute --yes /m);
    const timer = unit('blockhost-gc.timer');
    expect(timer).toMatch(/^OnCalendar=daily$/m);
    expect(timer).toMatch(/^Persistent=true$/m);
    // IPv6: applied by root when blockhostd changes the plan, after boot, and every minute.
    const ipv6 = unit('blockhost-ipv6.service');
    expect(ipv6).toMatch(
      /^ExecStart=\/usr\/bin\/node \S+blockhost\.m?js ipv6 apply --config-dir \/etc\/blockhost$/m,
    );
    expect(ipv6).toMatch(/^CapabilityBoundingSet=CAP_NET_ADMIN CAP_DAC_OVERRIDE$/m);
    expect(ipv6).not.toMatch(/^User=/m);
    expect(unit('blockhost-ipv6.path')).toMatch(
      /^PathChanged=\/var\/lib\/blockhost\/ipv6\/network\.json$/m,
    );
    expect(unit('blockhost-ipv6.timer')).toMatch(/^OnUnitActiveSec=60s$/m);
  });
});
