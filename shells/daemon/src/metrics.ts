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

/** `{ state: n, … }` as one sample per label value. */
const byLabel = (label: string, counts: Record<string, number>) =>
  Object.entries(counts).map(([k, value]) => ({ labels: { [label]: k }, value }));

/** Every series blockhostd exports on /metrics. */
export function createDaemonMetrics(db: Db, chain: () => ChainProgress) {
  const registry = new Registry();
  const counter = (name: string, help: string) => registry.add(new Counter(name, help));
  const gauge = (name: string, help: string, collect: Gauge['collect']) =>
    registry.add(new Gauge(name, help, collect));
  const flagged = (column: 'attention' | 'key_error') => () => [
    {
      value: (
        db
          .prepare(`SELECT COUNT(*) AS n FROM subscription_status WHERE ${column} IS NOT NULL`)
          .get() as {
          n: number;
        }
      ).n,
    },
  ];

  const metrics = {
    registry,
    events: counter('blockhost_chain_events_total', 'Chain events stored in the journal, by name.'),
    removed: counter('blockhost_chain_events_removed_total', 'Events removed by reorgs.'),
    reorgs: counter('blockhost_chain_reorgs_total', 'Reorgs detected and undone.'),
    undecodable: counter(
      'blockhost_chain_undecodable_logs_total',
      'Logs from the contracts that did not decode.',
    ),
    rpcErrors: counter('blockhost_rpc_errors_total', 'Failed chain RPC interactions, by source.'),
    sweeps: counter('blockhost_state_sweeps_total', 'State sweeps completed.'),
    sweepRepairs: counter(
      'blockhost_state_sweep_repaired_events_total',
      'Events the state sweep found missing and stored.',
    ),
    steps: counter('blockhost_job_steps_total', 'Job steps run, by kind, step and outcome.'),
    provisionSeconds: registry.add(
      new Histogram(
        'blockhost_provision_duration_seconds',
        'From the provision job being queued to the VM running with its NFT.',
        [1, 5, 15, 30, 60, 120, 300, 600, 1800],
      ),
    ),
  };
  gauge('blockhost_jobs', 'Jobs in the journal, by state.', () =>
    byLabel('state', countJobsByState(db)),
  );
  gauge('blockhost_vms', 'VMs (newest per subscription), by state.', () =>
    byLabel('state', countVmsByState(db)),
  );
  gauge('blockhost_allocations', 'VMIDs and addresses held, by kind.', () =>
    byLabel('kind', countAllocations(db)),
  );
  gauge(
    'blockhost_subscriptions_needing_attention',
    'Subscriptions an operator must look at.',
    flagged('attention'),
  );
  gauge(
    'blockhost_subscription_key_errors',
    'Subscriptions whose userEncrypted could not be used.',
    flagged('key_error'),
  );
  gauge('blockhost_chain_cursor_block', 'Last block processed by the scanner.', () => {
    const c = getCursor(db);
    return c ? [{ value: Number(c.blockNumber) }] : [];
  });
  gauge('blockhost_chain_cursor_lag_blocks', 'Confirmed head minus the scanner cursor.', () => {
    const { head, cursor } = chain();
    return head !== null && cursor !== null ? [{ value: Number(head - cursor) }] : [];
  });
  return metrics;
}

export type DaemonMetrics = ReturnType<typeof createDaemonMetrics>;
