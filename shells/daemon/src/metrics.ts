import {
  countAllocations,
  countJobsByState,
  countNeedingAttention,
  countVmsByState,
  type Db,
  getCursor,
  IPV6_STATES,
  type Ipv6Status,
} from '@blockhost/host';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface ChainProgress {
  head: bigint | null;
  cursor: bigint | null;
}

/**
 * Every series blockhostd exports on /metrics (prom-client, one registry per
 * daemon). Gauges read the journal when scraped; counters count as things happen.
 */
export function createDaemonMetrics(
  db: Db,
  chain: () => ChainProgress,
  ipv6: () => Ipv6Status | null = () => null,
) {
  const registry = new Registry();
  const counter = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers: [registry] });
  /** A gauge of per-label counts from the journal, e.g. `{ running: 3, suspended: 1 }`. */
  const countsGauge = (name: string, help: string, label: string, read: () => object) =>
    new Gauge({
      name,
      help,
      labelNames: [label],
      registers: [registry],
      collect() {
        this.reset();
        for (const [k, v] of Object.entries(read())) this.set({ [label]: k }, v as number);
      },
    });
  /** A gauge of one number; NaN while it is unknown (no block scanned yet). */
  const valueGauge = (name: string, help: string, read: () => number | null) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read() ?? Number.NaN);
      },
    });
  const flagged = (column: 'attention' | 'key_error') => () =>
    (
      db
        .prepare(`SELECT COUNT(*) AS n FROM subscription_status WHERE ${column} IS NOT NULL`)
        .get() as { n: number }
    ).n;

  const metrics = {
    registry,
    events: counter(
      'blockhost_chain_events_total',
      'Chain events stored in the journal, by name.',
      ['name'],
    ),
    removed: counter('blockhost_chain_events_removed_total', 'Events removed by reorgs.'),
    reorgs: counter('blockhost_chain_reorgs_total', 'Reorgs detected and undone.'),
    undecodable: counter(
      'blockhost_chain_undecodable_logs_total',
      'Logs from the contracts that did not decode.',
    ),
    rpcErrors: counter('blockhost_rpc_errors_total', 'Failed chain RPC interactions, by source.', [
      'source',
    ]),
    sweeps: counter('blockhost_state_sweeps_total', 'State sweeps completed.'),
    sweepRepairs: counter(
      'blockhost_state_sweep_repaired_events_total',
      'Events the state sweep found missing and stored.',
    ),
    steps: counter('blockhost_job_steps_total', 'Job steps run, by kind, step and outcome.', [
      'kind',
      'step',
      'outcome',
    ]),
    refusals: counter(
      'blockhost_refusals_total',
      'Decisions refused because an input could not be trusted (clock-skew, owner-mismatch, destroy-unconfirmed).',
      ['reason'],
    ),
    recovery: counter(
      'blockhost_recovery_actions_total',
      'Journal repairs from the cluster: adopt, relocate, gone, conflict.',
      ['action'],
    ),
    recoveryConflicts: new Gauge({
      name: 'blockhost_recovery_conflicts',
      help: 'What the last recovery could not settle (a second VM, an address two VMs use).',
      registers: [registry],
    }),
    provisionSeconds: new Histogram({
      name: 'blockhost_provision_duration_seconds',
      help: 'From the provision job being queued to the VM running with its NFT.',
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
      registers: [registry],
    }),
  };
  // Known label values start at 0, so a rate() over them works from the first scrape.
  for (const source of ['scanner', 'sweep']) metrics.rpcErrors.inc({ source }, 0);
  for (const reason of ['clock-skew', 'owner-mismatch', 'destroy-unconfirmed'])
    metrics.refusals.inc({ reason }, 0);
  for (const action of ['adopt', 'relocate', 'gone', 'conflict'])
    metrics.recovery.inc({ action }, 0);

  countsGauge('blockhost_jobs', 'Jobs in the journal, by state.', 'state', () =>
    countJobsByState(db),
  );
  countsGauge('blockhost_vms', 'VMs (newest per subscription), by state.', 'state', () =>
    countVmsByState(db),
  );
  countsGauge('blockhost_allocations', 'VMIDs and addresses held, by kind.', 'kind', () =>
    countAllocations(db),
  );
  valueGauge(
    'blockhost_subscriptions_needing_attention',
    'Subscriptions an operator must look at (what `blockhost sub list --attention` lists).',
    () => countNeedingAttention(db),
  );
  valueGauge(
    'blockhost_subscription_key_errors',
    'Subscriptions whose userEncrypted could not be used.',
    flagged('key_error'),
  );
  valueGauge('blockhost_chain_cursor_block', 'Last block processed by the scanner.', () => {
    const c = getCursor(db);
    return c ? Number(c.blockNumber) : null;
  });
  valueGauge(
    'blockhost_chain_cursor_lag_blocks',
    'Confirmed head minus the scanner cursor.',
    () => {
      const { head, cursor } = chain();
      return head !== null && cursor !== null ? Number(head - cursor) : null;
    },
  );
  // IPv6 (docs/ipv6.md): the named state, the tunnel's handshake age, the VM routes.
  new Gauge({
    name: 'blockhost_ipv6_state',
    help: 'IPv6 state (1 for the current one): off, manual, requesting, waiting, answered, tunnel-up, no-handshake, failed.',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const s = ipv6();
      for (const state of IPV6_STATES) this.set({ state }, s?.state === state ? 1 : 0);
    },
  });
  valueGauge(
    'blockhost_ipv6_tunnel_handshake_age_seconds',
    'Seconds since the broker tunnel last handshook, at the last `blockhost ipv6 apply` (NaN: none).',
    () => ipv6()?.tunnel?.handshakeAgeS ?? null,
  );
  countsGauge('blockhost_ipv6_vm_routes', 'VM IPv6 host routes at the last apply.', 'state', () => {
    const r = ipv6()?.routes;
    return r ? { present: r.present, missing: r.missing } : {};
  });
  return metrics;
}

export type DaemonMetrics = ReturnType<typeof createDaemonMetrics>;
