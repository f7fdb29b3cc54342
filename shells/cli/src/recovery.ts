/**
 * Recovery from the CLI: the same `recoverFromCluster` blockhostd runs before
 * its first lifecycle decision, for `blockhost recover`, `blockhost gc
 * --execute` (which may queue jobs while the daemon is down) and `doctor`.
 */
import { type RecoverResult, recoverFromCluster } from '@blockhost/host';
import type { Context } from './context.js';
import { CliError, EXIT } from './framework/errors.js';

export async function recoverJournal(ctx: Context, o: { dryRun: boolean }): Promise<RecoverResult> {
  const config = ctx.config();
  const ports = await ctx.proxmox();
  const { publicClient } = ctx.chain();
  return recoverFromCluster({
    db: ctx.db(),
    deployment: { chainId: config.web3.chain_id, contract: config.web3.contracts.subscriptions },
    inspect: () => ports.proxmox.inspectCluster(),
    blockTime: async (blockNumber) => {
      const b = await publicClient.getBlock({ blockNumber }).catch(() => null);
      return b ? Number(b.timestamp) : null;
    },
    headBlock: () => publicClient.getBlockNumber({ cacheTime: 0 }).catch(() => null),
    dryRun: o.dryRun,
  });
}

/** Recovery before queueing lifecycle jobs: a refusal when the cluster cannot be read. */
export async function recoverBeforeJobs(ctx: Context): Promise<void> {
  const r = await recoverJournal(ctx, { dryRun: false });
  if (!r.ok) {
    throw new CliError(
      `cannot read the Proxmox cluster: ${r.error.message}`,
      EXIT.failed,
      'lifecycle actions wait until the journal agrees with the cluster (`blockhost doctor`)',
    );
  }
}
