import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Address } from '../types.js';
import { ALICE, BOB, DAY, PLANS, T0 } from './fixtures.test-helpers.js';
import { isEntitled } from './policy.js';
import { isEffect, reconcile } from './reconcile.js';
import type { Action, Policy, Subscription, Vm, VmState } from './types.js';

const wallets: Address[] = [ALICE, BOB, '0x90F79bf6EB2c4f870365E785982E1f101E93b906'];

const arbSub = (id: bigint) =>
  fc.record({
    id: fc.constant(id),
    planId: fc.constantFrom(1n, 1n, 1n, 2n),
    subscriber: fc.constantFrom(...wallets),
    expiresAt: fc.integer({ min: T0 - 20 * DAY, max: T0 + 20 * DAY }),
    cancelled: fc.boolean(),
    token: fc.option(
      fc.record({ id: fc.bigInt({ min: 1n, max: 100n }), owner: fc.constantFrom(...wallets) }),
      {
        nil: null,
      },
    ),
    instance: fc.constantFrom(undefined, 'a', 'b'),
  }) as fc.Arbitrary<Subscription>;

const arbVm = (id: bigint) =>
  fc.record({
    subscriptionId: fc.constant(id),
    vmid: fc.option(fc.integer({ min: 100, max: 999 }), { nil: null }),
    state: fc.constantFrom<VmState>('provisioning', 'running', 'suspended', 'destroyed', 'failed'),
    busy: fc.boolean(),
    yielding: fc.boolean(),
    suspendedAt: fc.option(fc.integer({ min: T0 - 20 * DAY, max: T0 }), { nil: null }),
    allowedWallet: fc.option(fc.constantFrom(...wallets), { nil: null }),
    hold: fc.boolean(),
    instance: fc.constantFrom(undefined, 'a', 'b'),
  }) as fc.Arbitrary<Vm>;

/** A world of up to 8 subscriptions, each with or without a VM record, plus some orphans. */
const arbWorld = fc
  .record({
    subIds: fc.uniqueArray(fc.bigInt({ min: 1n, max: 12n }), { maxLength: 8 }),
    vmIds: fc.uniqueArray(fc.bigInt({ min: 1n, max: 12n }), { maxLength: 8 }),
  })
  .chain(({ subIds, vmIds }) =>
    fc.record({
      subscriptions: fc.tuple(...subIds.map(arbSub)),
      vms: fc.tuple(...vmIds.map(arbVm)),
      now: fc.integer({ min: T0 - 10 * DAY, max: T0 + 10 * DAY }),
      policy: fc.record({
        graceSeconds: fc.integer({ min: 1, max: 90 }).map((d) => d * DAY),
        suspendMode: fc.constantFrom('shutdown' as const, 'hibernate' as const),
        reprovisionAfterDestroy: fc.boolean(),
      }) as fc.Arbitrary<Policy>,
    }),
  );

/** What the daemon's jobs do to the world, modelled: each action completes. */
function apply(
  subs: Subscription[],
  vms: Vm[],
  actions: Action[],
): { subs: Subscription[]; vms: Vm[] } {
  const subById = new Map(subs.map((s) => [s.id, s]));
  const vmById = new Map(vms.map((v) => [v.subscriptionId, v]));
  for (const a of actions) {
    const s = subById.get(a.subscriptionId);
    const v = vmById.get(a.subscriptionId);
    switch (a.kind) {
      case 'provision':
        vmById.set(a.subscriptionId, {
          subscriptionId: a.subscriptionId,
          vmid: 500,
          state: 'running',
          busy: false,
          suspendedAt: null,
          allowedWallet: s?.token?.owner ?? a.owner,
          instance: s?.instance,
        });
        break;
      case 'suspend':
        vmById.set(a.subscriptionId, { ...v!, state: 'suspended', suspendedAt: a.at });
        break;
      case 'resume':
        vmById.set(a.subscriptionId, { ...v!, state: 'running', suspendedAt: null });
        break;
      case 'destroy':
        vmById.set(a.subscriptionId, { ...v!, state: 'destroyed', vmid: null });
        break;
      case 'mint':
        subById.set(a.subscriptionId, {
          ...s!,
          token: { id: 1000n + a.subscriptionId, owner: a.to },
        });
        break;
      case 'syncOwner':
        vmById.set(a.subscriptionId, { ...v!, allowedWallet: a.wallet });
        break;
      case 'attention':
        break;
    }
  }
  return { subs: [...subById.values()], vms: [...vmById.values()] };
}

describe('reconcile invariants (fast-check)', () => {
  it('is deterministic and independent of input order', () => {
    fc.assert(
      fc.property(arbWorld, (w) => {
        const a = reconcile({ ...w, plans: PLANS });
        const b = reconcile({
          ...w,
          subscriptions: [...w.subscriptions].reverse(),
          vms: [...w.vms].reverse(),
          plans: PLANS,
        });
        expect(b).toEqual(a);
        expect(reconcile({ ...w, plans: PLANS })).toEqual(a);
      }),
    );
  });

  it('never destroys the VM of a paid subscription, nor suspends it unless an operator holds it', () => {
    fc.assert(
      fc.property(arbWorld, (w) => {
        const subs = new Map(w.subscriptions.map((s) => [s.id, s]));
        const vms = new Map(w.vms.map((v) => [v.subscriptionId, v]));
        for (const a of reconcile({ ...w, plans: PLANS })) {
          if (a.kind !== 'destroy' && a.kind !== 'suspend') continue;
          const s = subs.get(a.subscriptionId);
          if (!s || !isEntitled(s, w.now)) continue;
          const v = vms.get(a.subscriptionId);
          const replaced =
            s.instance !== undefined && v?.instance !== undefined && v.instance !== s.instance;
          if (a.kind === 'destroy') expect(replaced).toBe(true);
          else expect(v?.hold).toBe(true);
        }
      }),
    );
  });

  it('gives at most one action per subscription, none to a busy one, and only suspend, resume or destroy past a yielding job', () => {
    fc.assert(
      fc.property(arbWorld, (w) => {
        const out = reconcile({ ...w, plans: PLANS });
        const ids = out.map((a) => a.subscriptionId);
        expect(new Set(ids).size).toBe(ids.length);
        const firstVm = (id: bigint) => w.vms.find((v) => v.subscriptionId === id);
        for (const a of out) {
          const vm = firstVm(a.subscriptionId);
          if (!vm) continue;
          expect(vm.state).not.toBe('provisioning');
          if (vm.busy) {
            expect(vm.yielding).toBe(true);
            expect(['suspend', 'resume', 'destroy']).toContain(a.kind);
          }
        }
      }),
    );
  });

  it('a job the customer can fail never holds back a suspension, resumption or destruction', () => {
    fc.assert(
      fc.property(arbWorld, (w) => {
        const idle = reconcile({
          ...w,
          plans: PLANS,
          vms: w.vms.map((v) => ({ ...v, busy: false })),
        });
        const yielding = reconcile({
          ...w,
          plans: PLANS,
          vms: w.vms.map((v) => ({ ...v, busy: true, yielding: true })),
        });
        const lifecycle = (as: typeof idle) =>
          as.filter((a) => ['suspend', 'resume', 'destroy'].includes(a.kind));
        expect(lifecycle(yielding)).toEqual(lifecycle(idle));
      }),
    );
  });

  it('only provisions paid subscriptions with a known plan and no live VM', () => {
    fc.assert(
      fc.property(arbWorld, (w) => {
        const subs = new Map(w.subscriptions.map((s) => [s.id, s]));
        const vms = new Map(w.vms.map((v) => [v.subscriptionId, v]));
        for (const a of reconcile({ ...w, plans: PLANS })) {
          if (a.kind !== 'provision') continue;
          const s = subs.get(a.subscriptionId)!;
          expect(isEntitled(s, w.now)).toBe(true);
          expect(PLANS.has(s.planId)).toBe(true);
          const v = vms.get(a.subscriptionId);
          expect(v === undefined || v.state === 'destroyed').toBe(true);
        }
      }),
    );
  });

  it('never acts twice for one state: after the actions complete, none repeats', () => {
    fc.assert(
      fc.property(arbWorld, (w) => {
        const first = reconcile({ ...w, plans: PLANS }).filter(isEffect);
        const next = apply(w.subscriptions, w.vms, first);
        const second = reconcile({
          ...w,
          subscriptions: next.subs,
          vms: next.vms,
          plans: PLANS,
        }).filter(isEffect);
        for (const a of second) {
          expect(
            first.some((b) => b.subscriptionId === a.subscriptionId && b.kind === a.kind),
          ).toBe(false);
        }
      }),
    );
  });

  it('converges: every paid subscription ends with exactly one running VM, a token and the right wallet', () => {
    fc.assert(
      fc.property(arbWorld, (w) => {
        let subs: Subscription[] = w.subscriptions;
        // Jobs finish: nothing stays busy.
        let vms: Vm[] = w.vms.map((v) => ({
          ...v,
          busy: false,
          state: v.state === 'provisioning' ? 'running' : v.state,
        }));
        let steps = 0;
        for (;;) {
          const effects = reconcile({
            subscriptions: subs,
            vms,
            plans: PLANS,
            now: w.now,
            policy: w.policy,
          }).filter(isEffect);
          if (effects.length === 0) break;
          ({ subs, vms } = apply(subs, vms, effects));
          steps++;
          expect(steps).toBeLessThanOrEqual(4);
        }
        const vmBySub = new Map(vms.map((v) => [v.subscriptionId, v]));
        for (const s of subs) {
          const v = vmBySub.get(s.id);
          // A VM that survives for an entitled subscription was made for this very purchase.
          if (
            v &&
            v.state !== 'destroyed' &&
            isEntitled(s, w.now) &&
            s.instance !== undefined &&
            v.instance !== undefined
          ) {
            expect(v.instance).toBe(s.instance);
          }
          if (isEntitled(s, w.now) && v?.hold) {
            // Held by an operator: stays down while paid, but keeps its token.
            expect(['suspended', 'destroyed', 'failed']).toContain(v.state);
          } else if (isEntitled(s, w.now)) {
            if (v?.state === 'failed') continue; // surfaced to the operator instead
            // A plan nobody knows is surfaced, not provisioned (an existing VM keeps running).
            if (!PLANS.has(s.planId) && (!v || v.state === 'destroyed')) continue;
            if (v?.state === 'destroyed' && !w.policy.reprovisionAfterDestroy) continue;
            expect(v?.state).toBe('running');
            expect(s.token).not.toBeNull();
            expect(v?.allowedWallet?.toLowerCase()).toBe(s.token?.owner.toLowerCase());
          } else if (v) {
            expect(['suspended', 'destroyed']).toContain(v.state);
          }
        }
        const known = new Set(subs.map((s) => s.id));
        for (const v of vms) if (!known.has(v.subscriptionId)) expect(v.state).toBe('destroyed');
      }),
      { numRuns: 300 },
    );
  });
});
