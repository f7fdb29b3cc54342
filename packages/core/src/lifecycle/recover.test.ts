import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Address } from '../types.js';
import { ALICE, DAY, PLAN, PLANS, POLICY, sub, T0 } from './fixtures.test-helpers.js';
import { reconcile } from './reconcile.js';
import {
  type ClusterVm,
  type JournalVmRecord,
  planRecovery,
  type RecoveryAction,
  type RecoverySubscription,
} from './recover.js';
import type { Vm, VmState } from './types.js';

const cvm = (over: Partial<ClusterVm> & { vmid: number; subscriptionId: bigint }): ClusterVm => ({
  node: 'pve1',
  suspended: false,
  ipv4: `10.0.0.${over.vmid % 250}`,
  ipv6: null,
  owner: ALICE,
  ...over,
});
const rec = (
  over: Partial<JournalVmRecord> & { id: number; subscriptionId: bigint },
): JournalVmRecord => ({
  state: 'running',
  vmid: null,
  ipv4: null,
  ipv6: null,
  busy: false,
  ...over,
});
const NO_SUBS = new Map<bigint, RecoverySubscription>();

describe('planRecovery', () => {
  it('an empty journal adopts every VM with its VMID and addresses', () => {
    const plan = planRecovery({
      journal: [],
      cluster: [
        cvm({ vmid: 101, subscriptionId: 1n, ipv4: '10.0.0.9', ipv6: '2001:db8::9' }),
        cvm({ vmid: 102, subscriptionId: 2n, ipv4: '10.0.0.3' }),
      ],
      subscriptions: NO_SUBS,
    });
    expect(plan.map((a) => [a.kind, a.kind === 'adopt' ? a.vm.vmid : null])).toEqual([
      ['adopt', 101],
      ['adopt', 102],
    ]);
    const first = plan[0]!;
    expect(first.kind === 'adopt' && [first.vm.ipv4, first.vm.ipv6, first.state]).toEqual([
      '10.0.0.9',
      '2001:db8::9',
      'running',
    ]);
  });

  it('a VM BlockHost suspended is adopted suspended, dated by the chain: cancellation, else expiry', () => {
    const subs = new Map<bigint, RecoverySubscription>([
      [1n, { id: 1n, expiresAt: T0, cancelledAt: null }],
      [2n, { id: 2n, expiresAt: T0 + 30 * DAY, cancelledAt: T0 - DAY }],
    ]);
    const plan = planRecovery({
      journal: [],
      cluster: [
        cvm({ vmid: 101, subscriptionId: 1n, suspended: true }),
        cvm({ vmid: 102, subscriptionId: 2n, suspended: true }),
        cvm({ vmid: 103, subscriptionId: 3n, suspended: false }),
      ],
      subscriptions: subs,
    });
    expect(
      plan.map((a) => (a.kind === 'adopt' ? [a.vm.vmid, a.state, a.suspendedAt] : a.kind)),
    ).toEqual([
      [101, 'suspended', T0],
      [102, 'suspended', T0 - DAY],
      [103, 'running', null],
    ]);
  });

  it('a journal that agrees with the cluster needs nothing', () => {
    expect(
      planRecovery({
        journal: [rec({ id: 1, subscriptionId: 1n, vmid: 101, ipv4: '10.0.0.101' })],
        cluster: [cvm({ vmid: 101, subscriptionId: 1n })],
        subscriptions: NO_SUBS,
      }),
    ).toEqual([]);
  });

  it('a record follows its VM to the addresses and VMID the cluster has', () => {
    const plan = planRecovery({
      journal: [
        rec({ id: 1, subscriptionId: 1n, vmid: 101, ipv4: '10.0.0.50' }),
        rec({ id: 2, subscriptionId: 2n, vmid: 999, ipv4: '10.0.0.102' }),
      ],
      cluster: [cvm({ vmid: 101, subscriptionId: 1n }), cvm({ vmid: 102, subscriptionId: 2n })],
      subscriptions: NO_SUBS,
    });
    expect(plan.map((a) => (a.kind === 'relocate' ? [a.id, a.vm.vmid, a.why] : a))).toEqual([
      [1, 101, 'addresses'],
      [2, 102, 'vmid'],
    ]);
  });

  it('a record whose VM is gone from the cluster is forgotten, freeing its address for an adoption', () => {
    const plan = planRecovery({
      journal: [rec({ id: 1, subscriptionId: 1n, vmid: 101, ipv4: '10.0.0.7' })],
      cluster: [cvm({ vmid: 102, subscriptionId: 2n, ipv4: '10.0.0.7' })],
      subscriptions: NO_SUBS,
    });
    expect(plan.map((a) => a.kind)).toEqual(['gone', 'adopt']);
  });

  it("a record follows its VM's state: suspended or resumed since the journal knew", () => {
    const subs = new Map<bigint, RecoverySubscription>([
      [1n, { id: 1n, expiresAt: T0, cancelledAt: null }],
    ]);
    const plan = planRecovery({
      journal: [
        rec({ id: 1, subscriptionId: 1n, vmid: 101, ipv4: '10.0.0.101' }),
        rec({ id: 2, subscriptionId: 2n, vmid: 102, ipv4: '10.0.0.102', state: 'suspended' }),
      ],
      cluster: [
        cvm({ vmid: 101, subscriptionId: 1n, suspended: true }),
        cvm({ vmid: 102, subscriptionId: 2n, suspended: false }),
      ],
      subscriptions: subs,
    });
    expect(plan).toEqual([
      { kind: 'restate', id: 1, subscriptionId: 1n, state: 'suspended', suspendedAt: T0 },
      { kind: 'restate', id: 2, subscriptionId: 2n, state: 'running', suspendedAt: null },
    ]);
  });

  it('a VM down with onboot set moves no record: a shutdown stays running, an adoption never started stays suspended', () => {
    // Found in CI: the sweep's pass restated the adopted VM running before its resume started it.
    const cluster = [
      cvm({ vmid: 101, subscriptionId: 1n, running: false }),
      cvm({ vmid: 102, subscriptionId: 2n, running: false }),
    ];
    const first = planRecovery({ journal: [], cluster, subscriptions: NO_SUBS });
    expect(first.map((a) => a.kind === 'adopt' && a.state)).toEqual(['suspended', 'suspended']);
    const plan = planRecovery({
      journal: [
        rec({ id: 1, subscriptionId: 1n, vmid: 101, ipv4: '10.0.0.101', state: 'suspended' }),
        rec({ id: 2, subscriptionId: 2n, vmid: 102, ipv4: '10.0.0.102', state: 'running' }),
      ],
      cluster,
      subscriptions: NO_SUBS,
    });
    expect(plan).toEqual([]);
  });

  it('leaves a subscription with a job under way to its job', () => {
    expect(
      planRecovery({
        journal: [rec({ id: 1, subscriptionId: 1n, state: 'provisioning', busy: true })],
        cluster: [cvm({ vmid: 101, subscriptionId: 1n })],
        subscriptions: NO_SUBS,
      }),
    ).toEqual([]);
  });

  it('never adopts a second VM of a subscription, nor hands one address to two VMs', () => {
    const plan = planRecovery({
      journal: [rec({ id: 1, subscriptionId: 1n, vmid: 101, ipv4: '10.0.0.101' })],
      cluster: [
        cvm({ vmid: 101, subscriptionId: 1n }),
        cvm({ vmid: 105, subscriptionId: 1n }),
        cvm({ vmid: 106, subscriptionId: 2n, ipv4: '10.0.0.101' }),
      ],
      subscriptions: NO_SUBS,
    });
    expect(plan.map((a) => (a.kind === 'conflict' ? [a.vmid, a.reason] : a.kind))).toEqual([
      [105, 'duplicate-vm'],
      [106, 'address-in-use'],
    ]);
  });
});

// ── The invariants, whatever the journal holds ─────────────────────────────────

interface World {
  cluster: ClusterVm[];
  journal: JournalVmRecord[];
}

/** A cluster of this deployment's VMs, and a journal that is empty, stale, partial or wrong. */
const world: fc.Arbitrary<World> = fc
  .record({
    vms: fc.uniqueArray(
      fc.record({
        vmid: fc.integer({ min: 100, max: 140 }),
        sub: fc.integer({ min: 1, max: 12 }),
        v4: fc.integer({ min: 1, max: 40 }),
        v6: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
        // Running; stopped by a suspend (onboot cleared); or stopped with onboot set (shut down
        // by its customer, or made and never started).
        power: fc.constantFrom('running', 'suspended', 'down'),
      }),
      { selector: (v) => v.vmid, maxLength: 14 },
    ),
    records: fc.array(
      fc.record({
        sub: fc.integer({ min: 1, max: 12 }),
        vmid: fc.option(fc.integer({ min: 100, max: 140 }), { nil: null }),
        v4: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
        v6: fc.option(fc.integer({ min: 1, max: 40 }), { nil: null }),
        state: fc.constantFrom<VmState>(
          'running',
          'suspended',
          'destroyed',
          'provisioning',
          'failed',
        ),
        busy: fc.boolean(),
      }),
      { maxLength: 14 },
    ),
  })
  .map(({ vms, records }) => {
    const cluster = vms.map((v) =>
      cvm({
        vmid: v.vmid,
        subscriptionId: BigInt(v.sub),
        ipv4: `10.0.0.${v.v4}`,
        ipv6: v.v6 === null ? null : `2001:db8::${v.v6}`,
        suspended: v.power === 'suspended',
        running: v.power === 'running',
      }),
    );
    // The journal's allocations are unique by construction (a primary key in SQLite),
    // and one job per subscription.
    const taken = new Set<string>();
    const busySubs = new Set<number>();
    const journal: JournalVmRecord[] = [];
    records.forEach((r, i) => {
      const keep = (k: string | null) => {
        if (k === null || taken.has(k)) return null;
        taken.add(k);
        return k;
      };
      const live = r.state !== 'destroyed';
      const busy = r.busy && live && !busySubs.has(r.sub);
      if (busy) busySubs.add(r.sub);
      journal.push(
        rec({
          id: i + 1,
          subscriptionId: BigInt(r.sub),
          state: r.state,
          vmid: live ? (keep(r.vmid === null ? null : `vmid:${r.vmid}`) ? r.vmid : null) : r.vmid,
          ipv4: live ? keep(r.v4 === null ? null : `10.0.0.${r.v4}`) : null,
          ipv6: live ? keep(r.v6 === null ? null : `2001:db8::${r.v6}`) : null,
          busy,
        }),
      );
    });
    return { cluster, journal };
  });

/** Applies a plan the way the host does, refusing a second holder of any VMID or address. */
function apply(journal: JournalVmRecord[], plan: RecoveryAction[]): JournalVmRecord[] {
  const out = journal.map((r) => ({ ...r }));
  let next = Math.max(0, ...out.map((r) => r.id)) + 1;
  // The host's order: forget, release every relocated record, then assign, then adopt.
  const ordered = [
    ...plan.filter((a) => a.kind === 'gone'),
    ...plan.filter((a) => a.kind === 'relocate').map((a) => ({ ...a, kind: 'release' as const })),
    ...plan.filter((a) => a.kind === 'relocate'),
    ...plan.filter((a) => a.kind === 'restate'),
    ...plan.filter((a) => a.kind === 'adopt'),
  ];
  for (const a of ordered) {
    if (a.kind === 'release') {
      const r = out.find((x) => x.id === a.id)!;
      Object.assign(r, { vmid: null, ipv4: null, ipv6: null });
    } else if (a.kind === 'gone') {
      const r = out.find((x) => x.id === a.id)!;
      Object.assign(r, { state: 'destroyed', ipv4: null, ipv6: null });
    } else if (a.kind === 'relocate') {
      const r = out.find((x) => x.id === a.id)!;
      Object.assign(r, { vmid: a.vm.vmid, ipv4: a.vm.ipv4, ipv6: a.vm.ipv6 });
    } else if (a.kind === 'restate') {
      const r = out.find((x) => x.id === a.id)!;
      Object.assign(r, { state: a.state });
    } else if (a.kind === 'adopt') {
      out.push(
        rec({
          id: next++,
          subscriptionId: a.vm.subscriptionId,
          state: a.state,
          vmid: a.vm.vmid,
          ipv4: a.vm.ipv4,
          ipv6: a.vm.ipv6,
        }),
      );
    }
    const live = out.filter((r) => r.state !== 'destroyed');
    for (const values of [
      live.map((r) => r.vmid).filter((v) => v !== null) as unknown[],
      live.flatMap((r) => [r.ipv4, r.ipv6]).filter((v) => v !== null),
    ]) {
      if (new Set(values).size !== values.length) {
        throw new Error(`after ${a.kind}: a VMID or address is held twice: ${values}`);
      }
    }
  }
  return out;
}

describe('planRecovery invariants', () => {
  it('whatever the journal holds: nothing held twice, every cluster VM held once, jobs untouched, and a second pass has nothing to do', () => {
    fc.assert(
      fc.property(world, ({ cluster, journal }) => {
        const plan = planRecovery({ journal, cluster, subscriptions: NO_SUBS });
        const after = apply(journal, plan); // throws on a double holder
        // Records a job is working on are not touched.
        for (const r of journal.filter((x) => x.busy)) {
          expect(after.find((x) => x.id === r.id)).toEqual(r);
        }
        const live = after.filter((r) => r.state !== 'destroyed');
        const conflicted = new Set(
          plan.filter((a) => a.kind === 'conflict').map((a) => (a as { vmid: number }).vmid),
        );
        const busy = new Set(journal.filter((r) => r.busy).map((r) => r.subscriptionId));
        for (const vm of cluster) {
          if (conflicted.has(vm.vmid) || busy.has(vm.subscriptionId)) continue;
          const holders = live.filter((r) => r.vmid === vm.vmid);
          // A record may hold the VMID for another subscription only when the journal
          // already had it so for a job's or an unfinished record.
          expect(holders.length, `VM ${vm.vmid}`).toBe(1);
        }
        const again = planRecovery({ journal: after, cluster, subscriptions: NO_SUBS });
        expect(again.filter((a) => a.kind !== 'conflict')).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it('after recovery, reconcile provisions no subscription whose VM the cluster has', () => {
    fc.assert(
      fc.property(world, ({ cluster, journal }) => {
        const idle = journal.filter((r) => !r.busy);
        const plan = planRecovery({ journal: idle, cluster, subscriptions: NO_SUBS });
        const after = apply(idle, plan);
        const newest = new Map<bigint, JournalVmRecord>();
        for (const r of after) {
          const prev = newest.get(r.subscriptionId);
          if (!prev || prev.id < r.id) newest.set(r.subscriptionId, r);
        }
        const vms: Vm[] = [...newest.values()].map((r) => ({
          subscriptionId: r.subscriptionId,
          vmid: r.vmid,
          state: r.state,
          busy: false,
          suspendedAt: null,
          allowedWallet: ALICE as Address,
        }));
        const subs = [...new Set(cluster.map((v) => v.subscriptionId))].map((id) =>
          sub({ id, planId: PLAN.id, expiresAt: T0 + 30 * DAY }),
        );
        const actions = reconcile({
          subscriptions: subs,
          vms,
          plans: PLANS,
          now: T0,
          policy: POLICY,
        });
        const provisioned = actions
          .filter((a) => a.kind === 'provision')
          .map((a) => a.subscriptionId);
        const inCluster = new Set(cluster.map((v) => v.subscriptionId));
        // A subscription with a VM in the cluster gets no second one: at most a subscription
        // whose every record is gone and whose VM was a conflict (reported) could.
        const conflictSubs = new Set(
          plan
            .filter((a) => a.kind === 'conflict')
            .map((a) => (a as { subscriptionId: bigint }).subscriptionId),
        );
        for (const id of provisioned) {
          expect(inCluster.has(id) && !conflictSubs.has(id), `subscription ${id}`).toBe(false);
        }
      }),
      { numRuns: 400 },
    );
  });
});
