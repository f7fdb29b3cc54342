import { countJobsByState, countVmsByState, getCursor, listSubscriptions } from '@blockhost/host';
import type { CommandSpec } from '../framework/command.js';
import { EXIT } from '../framework/errors.js';

interface Readiness {
  ready: boolean;
  checks: { name: string; ok: boolean; detail: string }[];
}

async function daemonReadiness(
  listen: string,
): Promise<{ running: boolean; readiness: Readiness | null; error?: string }> {
  try {
    const res = await fetch(`http://${listen}/readyz`, { signal: AbortSignal.timeout(2000) });
    return { running: true, readiness: (await res.json()) as Readiness };
  } catch (e) {
    return { running: false, readiness: null, error: (e as Error).message };
  }
}

export const status: CommandSpec = {
  path: ['status'],
  summary: 'daemon health, chain cursor lag, jobs and VMs by state',
  examples: ['blockhost status', 'blockhost status --json'],
  json: true,
  async run(ctx) {
    const config = ctx.config();
    const db = ctx.db();
    const daemon = await daemonReadiness(config.blockhost.http.listen);
    const cursor = getCursor(db);
    let head: bigint | null = null;
    let chainError: string | null = null;
    try {
      head = await ctx.chain().publicClient.getBlockNumber({ cacheTime: 0 });
    } catch (e) {
      chainError = (e as Error).message.split('\n')[0] ?? 'unreachable';
    }
    const subs = listSubscriptions(db);
    const result = {
      daemon: {
        running: daemon.running,
        ready: daemon.readiness?.ready ?? false,
        checks: daemon.readiness?.checks ?? [],
      },
      chain: {
        chainId: config.web3.chain_id,
        head: head?.toString() ?? null,
        cursor: cursor && cursor.blockNumber >= 0n ? cursor.blockNumber.toString() : null,
        cursorTime: cursor?.blockTimestamp ?? null,
        lag: head !== null && cursor ? (head - cursor.blockNumber).toString() : null,
        error: chainError,
      },
      jobs: countJobsByState(db),
      vms: countVmsByState(db),
      subscriptions: {
        total: subs.length,
        needingAttention: subs.filter((s) => s.attention).length,
        keyErrors: subs.filter((s) => s.keyError).length,
      },
    };
    ctx.out.data(result);
    ctx.out.fields({
      daemon: daemon.running
        ? result.daemon.ready
          ? 'running, ready'
          : 'running, NOT ready'
        : 'not running',
      chain: chainError
        ? `unreachable (${chainError})`
        : `chain ${config.web3.chain_id}, head ${head}`,
      cursor:
        result.chain.cursor === null
          ? 'nothing scanned yet'
          : `block ${result.chain.cursor} (${result.chain.lag} behind)`,
      jobs: Object.entries(result.jobs)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
      vms: Object.entries(result.vms)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
      subscriptions: `${subs.length} (${result.subscriptions.needingAttention} need attention, ${result.subscriptions.keyErrors} key errors)`,
    });
    for (const c of result.daemon.checks.filter((c) => !c.ok))
      ctx.out.line(`  ✖ ${c.name}: ${c.detail}`);
    return daemon.running && result.daemon.ready ? EXIT.ok : EXIT.failed;
  },
};
