import {
  applyFromFiles,
  brokerLog,
  commandRunner,
  ipv6StateDir,
  ipv6Status,
  readApplyStatus,
  resetBrokerClient,
} from '@blockhost/host';
import type { CommandSpec } from '../framework/command.js';
import { CliError, EXIT, UsageError } from '../framework/errors.js';

const time = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const ipv6StatusCmd: CommandSpec = {
  path: ['ipv6', 'status'],
  summary: 'the IPv6 state: prefix, broker request and answer, tunnel handshake, VM routes',
  description:
    'States: off, manual, requesting, waiting, answered, tunnel-up, no-handshake, failed (docs/ipv6.md).\n' +
    'Exits 1 when IPv6 is failed or its tunnel does not handshake, else 0. Changes nothing.',
  examples: ['blockhost ipv6 status', 'blockhost ipv6 status --json | jq .status.state'],
  json: true,
  async run(ctx) {
    const config = ctx.config();
    const db = ctx.db();
    const s = ipv6Status(db, config, readApplyStatus(ipv6StateDir(config)), Date.now());
    const log = config.db.ipv6.mode === 'broker' ? brokerLog(db, 10) : [];
    ctx.out.data({ status: s, log });
    ctx.out.line(`state: ${s.state}${s.reason ? ` (${s.reason})` : ''}`);
    ctx.out.line(s.message);
    if (s.prefix)
      ctx.out.line(
        `prefix ${s.prefix}, gateway ${s.gateway}, ${s.vms} VM address${s.vms === 1 ? '' : 'es'}`,
      );
    if (s.routes)
      ctx.out.line(
        `VM routes at the last apply: ${s.routes.present} present, ${s.routes.missing} missing`,
      );
    if (s.broker?.requestId)
      ctx.out.line(
        `broker ${s.broker.requests}: request ${s.broker.requestId} (${s.broker.attempts} of ${s.broker.maxRequests} sent)${s.broker.deadlineAt ? `, deadline ${time(s.broker.deadlineAt)}` : ''}`,
      );
    if (s.broker?.dnsZone) ctx.out.line(`DNS zone from the broker: ${s.broker.dnsZone}`);
    if (log.length) {
      ctx.out.line();
      ctx.out.line('recent:');
      for (const e of log) ctx.out.line(`  ${time(e.at)}  ${e.message}`);
    }
    return s.state === 'failed' || s.state === 'no-handshake' ? EXIT.failed : EXIT.ok;
  },
};

export const ipv6Apply: CommandSpec = {
  path: ['ipv6', 'apply'],
  summary:
    'make the host network match the IPv6 plan blockhostd wrote (bridge gateway, VM routes, tunnel)',
  description:
    'Reads network.json from the IPv6 state directory (next to the journal), applies it with ip, wg and\n' +
    'sysctl (CAP_NET_ADMIN: run as root; blockhost-ipv6.path runs it when the file changes), takes away\n' +
    'what the last apply did and is no longer wanted, and records the result in status.json for\n' +
    '`blockhost ipv6 status`. Safe to run again: only differences are changed.',
  options: {
    netns: {
      type: 'string',
      description:
        'apply inside this network namespace (a host that keeps its VM network in one; tests)',
    },
  },
  examples: ['blockhost ipv6 apply', 'blockhost ipv6 apply --json'],
  json: true,
  async run(ctx, _p, v) {
    const config = ctx.config();
    if (process.getuid?.() !== 0)
      throw new CliError(
        'blockhost ipv6 apply changes addresses, routes and WireGuard: it needs root',
        EXIT.failed,
        'run it as root, or let blockhost-ipv6.service do it',
      );
    const netns = v.netns as string | undefined;
    const r = await applyFromFiles(ipv6StateDir(config), commandRunner(netns ? { netns } : {}));
    ctx.out.data({ changes: r.report?.changes ?? [], status: r.status });
    if (!r.desired) ctx.out.line('IPv6: nothing to serve (off, or no prefix yet)');
    for (const c of r.report?.changes ?? []) ctx.out.line(`changed: ${c}`);
    if (r.report && r.report.changes.length === 0 && r.desired)
      ctx.out.line('already as planned: nothing changed');
    const t = r.status.observation?.tunnel;
    if (t)
      ctx.out.line(
        `${t.interface}: ${t.latestHandshake ? `last handshake ${Math.round(Date.now() / 1000 - t.latestHandshake)} s ago` : 'no handshake yet'}`,
      );
    if (r.status.error)
      throw new CliError(`applying the IPv6 plan failed: ${r.status.error}`, EXIT.failed);
    return EXIT.ok;
  },
};

export const ipv6Retry: CommandSpec = {
  path: ['ipv6', 'retry'],
  summary: 'ask the IPv6 broker again (after a failure): blockhostd sends a fresh request',
  description:
    'Resets the broker client to a fresh request; an accepted answer stays in use until a new one\n' +
    'comes (a different prefix is still refused while VMs hold addresses of the old one).',
  examples: ['blockhost ipv6 retry'],
  json: true,
  async run(ctx) {
    const config = ctx.config();
    if (config.db.ipv6.mode !== 'broker')
      throw new UsageError(
        `ipv6.mode is ${config.db.ipv6.mode}: there is no broker to ask`,
        'set ipv6.mode: broker in db.yaml',
      );
    const reset = resetBrokerClient(ctx.db(), Date.now());
    ctx.out.data({ reset });
    ctx.out.line(
      reset
        ? 'a fresh request goes out with blockhostd’s next chain poll (`blockhost ipv6 status` follows it)'
        : 'no request was made yet: blockhostd makes the first one by itself',
    );
    return EXIT.ok;
  },
};
