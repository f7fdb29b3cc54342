import { countAllocations } from './db/allocations.js';
import { countJobsByState } from './db/jobs.js';
import { getCursor } from './db/journal.js';
import type { Db } from './db/open.js';
import { countVmsByState } from './db/vms.js';
import { Counter, Gauge, Histogram, Registry } from './http/metrics.js';

export interface ChainProgress {
  head: bigint | null;
  cursor: bigint | null;
}

/** Every series blockhostd exports on /metrics. */
export function createDaemonMetrics(db: Db, chain: () => ChainProgress) {
  const registry = new Registry();
  const events = registry.add(
    new Counter('blockhost_chain_events_total', 'Chain events stored in the journal, by name.'),
  );
  const removed = registry.add(
    new Counter('blockhost_chain_events_removed_total', 'Events removed by reorgs.'),
  );
  const reorgs = registry.add(
    new Counter('blockhost_chain_reorgs_total', 'Reorgs detected and undone.'),
  );
  const undecodable = registry.add(
    new Counter(
      'blockhost_chain_undecodable_logs_total',
      'Logs from the contracts that did not decode.',
    ),
  );
  const rpcErrors = registry.add(
    new Counter('blockhost_rpc_errors_total', 'Failed chain RPC interactions, by source.'),
  );
  const sweeps = registry.add(
    new Counter('blockhost_state_sweeps_total', 'State sweeps completed.'),
  );
  const sweepRepairs = registry.add(
    new Counter(
      'blockhost_state_sweep_repaired_events_total',
      'Events the state sweep found missing and stored.',
    ),
  );
  const steps = registry.add(
    new Counter('blockhost_job_steps_total', 'Job steps run, by kind, step and outcome.'),
  );
  const provisionSeconds = registry.add(
    new Histogram(
      'blockhost_provision_duration_seconds',
      'From the provision job being queued to the VM running with its NFT.',
      [1, 5, 15, 30, 60, 120, 300, 600, 1800],
    ),
  );
  registry.add(
    new Gauge('blockhost_jobs', 'Jobs in the journal, by state.', () =>
      Object.entries(countJobsByState(db)).map(([state, value]) => ({ labels: { state }, value })),
    ),
  );
  registry.add(
    new Gauge('blockhost_vms', 'VMs (newest per subscription), by state.', () =>
      Object.entries(countVmsByState(db)).map(([state, value]) => ({ labels: { state }, value })),
    ),
  );
  registry.add(
    new Gauge('blockhost_allocations', 'VMIDs and addresses held, by kind.', () =>
      Object.entries(countAllocations(db)).map(([kind, value]) => ({ labels: { kind }, value })),
    ),
  );
  registry.add(
    new Gauge(
      'blockhost_subscriptions_needing_attention',
      'Subscriptions an operator must look at.',
      () => [
        {
          value: (
            db
              .prepare('SELECT COUNT(*) AS n FROM subscription_status WHERE attention IS NOT NULL')
              .get() as { n: number }
          ).n,
        },
      ],
    ),
  );
  registry.add(
    new Gauge(
      'blockhost_subscription_key_errors',
      'Subscriptions whose userEncrypted could not be used.',
      () => [
        {
          value: (
            db
              .prepare('SELECT COUNT(*) AS n FROM subscription_status WHERE key_error IS NOT NULL')
              .get() as { n: number }
          ).n,
        },
      ],
    ),
  );
  registry.add(
    new Gauge('blockhost_chain_cursor_block', 'Last block processed by the scanner.', () => {
      const c = getCursor(db);
      return c ? [{ value: Number(c.blockNumber) }] : [];
    }),
  );
  registry.add(
    new Gauge(
      'blockhost_chain_cursor_lag_blocks',
      'Confirmed head minus the scanner cursor.',
      () => {
        const { head, cursor } = chain();
        return head !== null && cursor !== null ? [{ value: Number(head - cursor) }] : [];
      },
    ),
  );
  return {
    registry,
    events,
    removed,
    reorgs,
    undecodable,
    rpcErrors,
    steps,
    provisionSeconds,
    sweeps,
    sweepRepairs,
  };
}

export type DaemonMetrics = ReturnType<typeof createDaemonMetrics>;
