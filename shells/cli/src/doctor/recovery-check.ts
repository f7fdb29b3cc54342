import type { Context } from '../context.js';
import { recoverJournal } from '../recovery.js';
import { type CheckResult, fail, ok, skip, warn } from './check.js';

/** Does the journal agree with the deployment's VMs in Proxmox (what recovery would change)? */
export async function recoveryCheck(ctx: Context, journalOpen: boolean): Promise<CheckResult> {
  if (!journalOpen) return skip('recovery', 'no journal to compare');
  const r = await recoverJournal(ctx, { dryRun: true });
  if (!r.ok) return skip('recovery', `the cluster cannot be read (${r.error.message})`);
  const { adopted, relocated, restated, gone, conflicts } = r.report;
  if (conflicts.length) {
    return fail(
      'recovery',
      conflicts.map((c) => `subscription ${c.subscriptionId}: ${c.detail}`).join('; '),
      'look at those VMs in Proxmox; BlockHost never destroys a VM to settle a conflict',
    );
  }
  const pending = adopted.length + relocated.length + restated.length + gone.length;
  if (pending) {
    return warn(
      'recovery',
      `the journal disagrees with the cluster: ${adopted.length} VM(s) to adopt, ${relocated.length} to relocate, ${restated.length} to restate, ${gone.length} gone`,
      'blockhostd repairs this before its next lifecycle pass; `blockhost recover` shows it',
    );
  }
  return ok('recovery', "the journal agrees with this deployment's VMs in Proxmox");
}
