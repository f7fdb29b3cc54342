/**
 * How long `reconcile` takes over 1k, 10k and 100k subscriptions with VMs in
 * every state, and whether it grows linearly. Run: npm run bench -- core-reconcile
 */
import {
  type Address,
  type Plan,
  type Policy,
  reconcile,
  type Subscription,
  type Vm,
  type VmState,
} from '@blockhost/core';
import { fmt, measure, report } from './lib/measure.js';

const DAY = 86_400;
const NOW = 1_800_000_000;
const WALLETS: Address[] = [
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
];
const STATES: VmState[] = [
  'running',
  'running',
  'running',
  'suspended',
  'destroyed',
  'provisioning',
  'failed',
];
const plans = new Map<bigint, Plan>([
  [
    1n,
    {
      id: 1n,
      name: 's',
      pricePerDayUsdCents: 100n,
      cores: 1,
      memoryMiB: 1024,
      diskGiB: 10,
      active: true,
    },
  ],
]);
const policy: Policy = {
  graceSeconds: 7 * DAY,
  suspendMode: 'shutdown',
  reprovisionAfterDestroy: true,
};

/** A deterministic mix: paid, expired, cancelled; with and without VMs and tokens. */
function world(n: number): { subscriptions: Subscription[]; vms: Vm[] } {
  const subscriptions: Subscription[] = [];
  const vms: Vm[] = [];
  for (let i = 0; i < n; i++) {
    const id = BigInt(i + 1);
    const owner = WALLETS[i % 2]!;
    subscriptions.push({
      id,
      planId: 1n,
      subscriber: WALLETS[0]!,
      expiresAt: NOW + ((i % 11) - 4) * DAY,
      cancelled: i % 17 === 0,
      token: i % 5 === 0 ? null : { id, owner },
    });
    if (i % 9 !== 0) {
      vms.push({
        subscriptionId: id,
        vmid: 10000 + i,
        state: STATES[i % STATES.length]!,
        busy: i % 13 === 0,
        suspendedAt: NOW - (i % 10) * DAY,
        allowedWallet: WALLETS[0]!,
      });
    }
  }
  return { subscriptions, vms };
}

const rows: Record<string, string | number>[] = [];
const medians: number[] = [];
for (const n of [1_000, 10_000, 100_000]) {
  const w = world(n);
  const runs = n >= 100_000 ? 15 : 50;
  let actions = 0;
  const s = await measure(() => {
    actions = reconcile({ ...w, plans, now: NOW, policy }).length;
  }, runs);
  medians.push(s.median);
  rows.push({
    subscriptions: n,
    vms: w.vms.length,
    actions,
    runs: s.runs,
    median: fmt(s.median),
    p95: fmt(s.p95),
    'per subscription': fmt(s.median / n),
    'ratio to previous (10x input)':
      medians.length > 1 ? (s.median / medians[medians.length - 2]!).toFixed(1) : '-',
  });
}
report('core-reconcile', rows);
