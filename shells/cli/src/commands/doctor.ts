import { existsSync } from 'node:fs';
import type { Db, HostConfig } from '@blockhost/host';
import type { Context } from '../context.js';
import { chainChecks } from '../doctor/chain-checks.js';
import { type CheckResult, type CheckStatus, fail, guarded, skip } from '../doctor/check.js';
import {
  attentionCheck,
  daemonCheck,
  databaseCheck,
  diskCheck,
  ipv4Check,
  poolCheck,
  snippetsCheck,
  vmidCheck,
  vmLoginCheck,
} from '../doctor/host-checks.js';
import { ipv6Checks } from '../doctor/ipv6-checks.js';
import { pveChecks } from '../doctor/pve-checks.js';
import { recoveryCheck } from '../doctor/recovery-check.js';
import { refusalsCheck } from '../doctor/refusals-check.js';
import type { CommandSpec } from '../framework/command.js';
import { CliError, EXIT } from '../framework/errors.js';

const MARK: Record<CheckStatus, string> = { ok: '✔', warn: '⚠', fail: '✖', skip: '-' };

function render(ctx: Context, checks: readonly CheckResult[]): void {
  const width = Math.max(...checks.map((c) => c.id.length));
  for (const c of checks) {
    ctx.out.line(`${MARK[c.status]} ${c.id.padEnd(width)}  ${c.summary}`);
    if (c.hint && (c.status === 'fail' || c.status === 'warn'))
      ctx.out.line(`  ${' '.repeat(width)}  → ${c.hint}`);
  }
}

function report(ctx: Context, checks: CheckResult[]): number {
  const problems = checks.filter((c) => c.status === 'fail').length;
  const warnings = checks.filter((c) => c.status === 'warn').length;
  ctx.out.data({ ok: problems === 0, problems, warnings, checks });
  render(ctx, checks);
  ctx.out.line();
  ctx.out.line(
    problems === 0
      ? `all checks passed${warnings ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`
      : `${problems} problem${problems === 1 ? '' : 's'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`,
  );
  return problems === 0 ? EXIT.ok : EXIT.failed;
}

function openJournal(ctx: Context, config: HostConfig): { db: Db | null; check?: CheckResult } {
  if (!existsSync(config.db.database_path)) return { db: null };
  try {
    return { db: ctx.db() };
  } catch (e) {
    return {
      db: null,
      check: fail(
        'database',
        `cannot open ${config.db.database_path}: ${(e as Error).message}`,
        (e as CliError).hint ?? 'check the file and its permissions',
      ),
    };
  }
}

export const doctor: CommandSpec = {
  path: ['doctor'],
  summary:
    'check everything BlockHost depends on (chain, contracts, roles, Proxmox, token, template, pools, IPv6, disk, clock)',
  description:
    'One line per check: ✔ fine, ⚠ works but needs a look, ✖ broken (with what to do), - skipped because\n' +
    'something it depends on is broken. Exits 1 when any check fails, 2 when the configuration is invalid.\n' +
    'Changes nothing.',
  options: {
    'import-storage': {
      type: 'string',
      description: 'storage template builds download to, for the privilege check (default local)',
    },
    netns: {
      type: 'string',
      description: 'read the IPv6 routes and tunnel inside this network namespace (see ipv6 apply)',
    },
  },
  examples: [
    'blockhost doctor',
    'blockhost doctor --json | jq \'.checks[] | select(.status == "fail")\'',
  ],
  json: true,
  async run(ctx, _p, v) {
    let config: HostConfig;
    try {
      config = ctx.config();
    } catch (e) {
      if (!(e instanceof CliError)) throw e;
      const checks = [
        fail('config', e.message.replace(/\n\s*/g, '; '), e.hint ?? null),
        skip('rest', 'nothing else is checked with an invalid configuration'),
      ];
      report(ctx, checks);
      return EXIT.usage;
    }
    const progress = ctx.progress('checking');
    const journal = openJournal(ctx, config);
    const db = journal.db;
    const [chain, pve, daemon] = await Promise.all([
      guarded('rpc', () => chainChecks(config, Date.now)),
      (async () => {
        try {
          return await pveChecks(
            config,
            ctx.pve(),
            (v['import-storage'] as string | undefined) ?? 'local',
          );
        } catch (e) {
          return {
            results: [fail('proxmox', (e as Error).message, (e as CliError).hint ?? null)],
            usedVmids: null,
          };
        }
      })(),
      guarded('daemon', () => daemonCheck(config)),
    ]);
    const host = [
      ...(await guarded('snippets', async () => snippetsCheck(config))),
      ...(await guarded('vm-login', async () => vmLoginCheck(config))),
      ...(await guarded('vmids', async () => vmidCheck(config, db, pve.usedVmids))),
      ...(await guarded('pool', async () =>
        poolCheck(config, db, pve.tokenVms, pve.legacyVmsGrant ?? false),
      )),
      ...(await guarded('ipv4', async () => ipv4Check(config, db))),
      ...(await guarded('ipv6', () =>
        ipv6Checks(config, db, { netns: v.netns as string | undefined }),
      )),
      journal.check ?? databaseCheck(config, db),
      ...(await guarded('disk', async () => diskCheck(config))),
      ...daemon,
      ...(await guarded('attention', async () => attentionCheck(db))),
      ...(await guarded('refusals', async () => refusalsCheck(db, Date.now()))),
      ...(pve.results.some((c) => c.status === 'fail')
        ? [skip('recovery', 'Proxmox is not usable')]
        : await guarded('recovery', () => recoveryCheck(ctx, db !== null))),
    ];
    progress.clear();
    const checks = [
      {
        id: 'config',
        status: 'ok' as const,
        summary: `configuration in ${ctx.configDir} is valid`,
        hint: null,
      },
      ...chain,
      ...pve.results,
      ...host,
    ];
    return report(ctx, checks);
  },
};
