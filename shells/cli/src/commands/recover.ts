import type { RecoveryReport } from '@blockhost/host';
import type { CommandSpec } from '../framework/command.js';
import { CliError, EXIT } from '../framework/errors.js';
import { recoverJournal } from '../recovery.js';

function rows(r: RecoveryReport) {
  return [
    ...r.adopted.map((a) => ({
      sub: a.subscriptionId,
      vmid: a.vmid,
      action: 'adopt',
      detail: `${a.state} on ${a.node}, ${[a.ipv4, a.ipv6].filter(Boolean).join(' ') || 'no address'}`,
    })),
    ...r.relocated.map((a) => ({
      sub: a.subscriptionId,
      vmid: a.vmid,
      action: 'relocate',
      detail: a.why === 'vmid' ? 'the record follows the VM to its VMID' : 'addresses from the VM',
    })),
    ...r.restated.map((a) => ({
      sub: a.subscriptionId,
      vmid: null,
      action: 'restate',
      detail: `the record follows its VM: ${a.state}`,
    })),
    ...r.gone.map((a) => ({
      sub: a.subscriptionId,
      vmid: a.vmid,
      action: 'gone',
      detail: 'not in the cluster: record closed, allocations released',
    })),
    ...r.conflicts.map((a) => ({
      sub: a.subscriptionId,
      vmid: a.vmid,
      action: a.reason,
      detail: a.detail,
    })),
  ];
}

export const recover: CommandSpec = {
  path: ['recover'],
  summary: "compare the journal with this deployment's VMs in Proxmox; --execute adopts them",
  description:
    'What blockhostd does before its first lifecycle decision and with every sweep: VMs the journal\n' +
    'lost (a deleted or old database, a replaced host) are adopted with their VMID and addresses, a\n' +
    'record follows its VM, a record whose VM is gone is closed. Conflicts (a second VM of one\n' +
    'subscription, an address two VMs are configured with) are reported, never resolved by\n' +
    'destroying anything. Without --execute it changes nothing.',
  options: { execute: { type: 'boolean', description: 'apply the repairs to the journal' } },
  examples: ['blockhost recover', 'blockhost recover --execute --json'],
  json: true,
  async run(ctx, _p, values) {
    const execute = values.execute === true;
    const r = await recoverJournal(ctx, { dryRun: !execute });
    if (!r.ok) {
      throw new CliError(
        `cannot read the Proxmox cluster: ${r.error.message}`,
        EXIT.failed,
        'check the Proxmox connection (`blockhost doctor`)',
      );
    }
    const lines = rows(r.report);
    ctx.out.data({ executed: execute, ...r.report });
    if (lines.length === 0) {
      ctx.out.line('the journal agrees with the cluster: nothing to do');
      return EXIT.ok;
    }
    ctx.out.table(lines);
    const changes = lines.length - r.report.conflicts.length;
    ctx.out.line(
      execute
        ? `\n${changes} repair${changes === 1 ? '' : 's'} applied`
        : changes
          ? '\ndry run: nothing changed; run with --execute to apply'
          : '',
    );
    return r.report.conflicts.length ? EXIT.failed : EXIT.ok;
  },
};
