import { describe, expect, it } from 'vitest';
import { ALICE, BOB, DAY, PLANS, POLICY, sub, T0, vm } from './fixtures.test-helpers.js';
import { reconcile } from './reconcile.js';
import type { Policy, Subscription, Vm } from './types.js';

const TOKEN = { id: 5n, owner: ALICE };

function one(s: Subscription | null, v: Vm | null, now = T0, policy: Policy = POLICY) {
  return reconcile({ subscriptions: s ? [s] : [], vms: v ? [v] : [], plans: PLANS, now, policy });
}

describe('reconcile: every transition', () => {
  it('provisions a new paid subscription', () => {
    expect(one(sub(), null)).toEqual([
      { kind: 'provision', subscriptionId: 1n, planId: 1n, owner: ALICE, reason: 'new' },
    ]);
  });
  it('does nothing for a subscription that expired before it was ever provisioned', () => {
    expect(one(sub({ expiresAt: T0 - 1 }), null)).toEqual([]);
  });
  it('does nothing while the provisioning job runs, even if cancelled meanwhile', () => {
    expect(one(sub({ cancelled: true }), vm({ state: 'provisioning', busy: true }))).toEqual([]);
    expect(one(sub({ cancelled: true }), vm({ state: 'provisioning', busy: false }))).toEqual([]);
  });
  it('suspends once a job that ran through a cancellation is done', () => {
    expect(one(sub({ cancelled: true, token: TOKEN }), vm())).toEqual([
      {
        kind: 'suspend',
        subscriptionId: 1n,
        vmid: 10000,
        reason: 'cancelled',
        mode: 'shutdown',
        at: T0,
      },
    ]);
  });
  it('leaves a busy VM alone whatever its state', () => {
    for (const state of ['running', 'suspended', 'failed', 'destroyed'] as const) {
      expect(
        one(
          sub({ expiresAt: T0 - 100 * DAY }),
          vm({ state, busy: true, suspendedAt: T0 - 50 * DAY }),
        ),
      ).toEqual([]);
    }
  });
  it('mints for a running VM without a token', () => {
    expect(one(sub(), vm())).toEqual([
      { kind: 'mint', subscriptionId: 1n, vmid: 10000, to: ALICE },
    ]);
  });
  it('is quiet when all is in order', () => {
    expect(one(sub({ token: TOKEN }), vm())).toEqual([]);
  });
  it('syncs the allowed wallet after an NFT transfer (case-insensitive compare)', () => {
    expect(one(sub({ token: { id: 5n, owner: BOB } }), vm())).toEqual([
      { kind: 'syncOwner', subscriptionId: 1n, vmid: 10000, tokenId: 5n, wallet: BOB },
    ]);
    expect(
      one(sub({ token: { id: 5n, owner: ALICE.toLowerCase() as typeof ALICE } }), vm()),
    ).toEqual([]);
  });
  it('suspends at expiry exactly at now, not a second before', () => {
    const s = sub({ expiresAt: T0, token: TOKEN });
    expect(one(s, vm(), T0 - 1)).toEqual([]);
    expect(one(s, vm(), T0)).toEqual([
      {
        kind: 'suspend',
        subscriptionId: 1n,
        vmid: 10000,
        reason: 'expired',
        mode: 'shutdown',
        at: T0,
      },
    ]);
  });
  it('passes the suspend mode through', () => {
    const hib = { ...POLICY, suspendMode: 'hibernate' as const };
    expect(one(sub({ expiresAt: T0, token: TOKEN }), vm(), T0, hib)[0]).toMatchObject({
      mode: 'hibernate',
    });
  });
  it('resumes a suspended VM when renewed during grace', () => {
    const renewed = sub({ expiresAt: T0 + DAY, token: TOKEN });
    expect(one(renewed, vm({ state: 'suspended', suspendedAt: T0 - 3 * DAY }))).toEqual([
      { kind: 'resume', subscriptionId: 1n, vmid: 10000 },
    ]);
  });
  it('destroys exactly when grace from suspension has passed', () => {
    const s = sub({ expiresAt: T0 - 10 * DAY, token: TOKEN });
    const v = vm({ state: 'suspended', suspendedAt: T0 - 7 * DAY });
    expect(one(s, v, T0 - 1)).toEqual([]);
    expect(one(s, v, T0)).toEqual([
      { kind: 'destroy', subscriptionId: 1n, vmid: 10000, reason: 'grace-elapsed' },
    ]);
  });
  it('counts grace from suspension, not from expiry', () => {
    // Expired 10 days ago, but only suspended 2 days ago (the host was down).
    const s = sub({ expiresAt: T0 - 10 * DAY, token: TOKEN });
    expect(one(s, vm({ state: 'suspended', suspendedAt: T0 - 2 * DAY }))).toEqual([]);
  });
  it('falls back to expiry when a suspension time is missing', () => {
    const s = sub({ expiresAt: T0 - 8 * DAY, token: TOKEN });
    expect(one(s, vm({ state: 'suspended', suspendedAt: null }))[0]?.kind).toBe('destroy');
  });
  it('still mints for a suspended VM that never got its token', () => {
    const s = sub({ expiresAt: T0 - DAY });
    expect(one(s, vm({ state: 'suspended', suspendedAt: T0 - DAY }))).toEqual([
      { kind: 'mint', subscriptionId: 1n, vmid: 10000, to: ALICE },
    ]);
  });
  it('never resumes a cancelled subscription', () => {
    const s = sub({ cancelled: true, expiresAt: T0 + 100 * DAY, token: TOKEN });
    expect(one(s, vm({ state: 'suspended', suspendedAt: T0 - DAY }))).toEqual([]);
  });
  it('destroys a cancelled subscription after grace', () => {
    const s = sub({ cancelled: true, expiresAt: T0 + 100 * DAY, token: TOKEN });
    expect(one(s, vm({ state: 'suspended', suspendedAt: T0 - 7 * DAY }))[0]).toMatchObject({
      kind: 'destroy',
    });
  });
  it('provisions a fresh VM when renewed after destroy', () => {
    expect(one(sub({ token: TOKEN }), vm({ state: 'destroyed', vmid: null }))).toEqual([
      { kind: 'provision', subscriptionId: 1n, planId: 1n, owner: ALICE, reason: 'reprovision' },
    ]);
  });
  it('re-provisions for the NFT holder, not the buyer, after the NFT was sold', () => {
    expect(
      one(sub({ token: { id: 5n, owner: BOB } }), vm({ state: 'destroyed', vmid: null })),
    ).toEqual([
      { kind: 'provision', subscriptionId: 1n, planId: 1n, owner: BOB, reason: 'reprovision' },
    ]);
  });
  it('only flags renewal after destroy when re-provisioning is off', () => {
    const p = { ...POLICY, reprovisionAfterDestroy: false };
    expect(one(sub({ token: TOKEN }), vm({ state: 'destroyed' }), T0, p)).toEqual([
      { kind: 'attention', subscriptionId: 1n, reason: 'renewed-after-destroy' },
    ]);
  });
  it('leaves a destroyed, unpaid subscription alone', () => {
    expect(one(sub({ expiresAt: T0 - DAY }), vm({ state: 'destroyed' }))).toEqual([]);
  });
  it('surfaces a subscription whose plan is unknown instead of dropping it', () => {
    expect(one(sub({ planId: 99n }), null)).toEqual([
      { kind: 'attention', subscriptionId: 1n, reason: 'plan-unknown', detail: 'plan 99' },
    ]);
  });
  it('surfaces a failed VM while paid and cleans it up once unpaid', () => {
    expect(one(sub(), vm({ state: 'failed', failure: 'no node fits 64 GiB' }))).toEqual([
      {
        kind: 'attention',
        subscriptionId: 1n,
        reason: 'provision-failed',
        detail: 'no node fits 64 GiB',
      },
    ]);
    expect(one(sub({ expiresAt: T0 }), vm({ state: 'failed' }))).toEqual([
      { kind: 'destroy', subscriptionId: 1n, vmid: 10000, reason: 'failed-unpaid' },
    ]);
  });
  it('destroys a VM whose subscription was reorged away, unless its job still runs', () => {
    expect(one(null, vm())).toEqual([
      { kind: 'destroy', subscriptionId: 1n, vmid: 10000, reason: 'subscription-gone' },
    ]);
    expect(one(null, vm({ busy: true }))).toEqual([]);
    expect(one(null, vm({ state: 'provisioning', busy: true }))).toEqual([]);
    expect(one(null, vm({ state: 'destroyed' }))).toEqual([]);
  });
});

describe('reconcile: a reorg replaces a purchase under the same id', () => {
  const bobs = sub({ subscriber: BOB, instance: '0xbob:0' });
  it('destroys the VM made for the vanished purchase', () => {
    expect(one(bobs, vm({ instance: '0xalice:0' }))).toEqual([
      { kind: 'destroy', subscriptionId: 1n, vmid: 10000, reason: 'subscription-gone' },
    ]);
  });
  it('then provisions the replacement as new, even with re-provisioning off', () => {
    const p = { ...POLICY, reprovisionAfterDestroy: false };
    expect(one(bobs, vm({ instance: '0xalice:0', state: 'destroyed' }), T0, p)).toEqual([
      { kind: 'provision', subscriptionId: 1n, planId: 1n, owner: BOB, reason: 'new' },
    ]);
  });
  it('leaves the VM alone when the purchase is the same', () => {
    expect(
      one(
        { ...bobs, token: { id: 1n, owner: BOB } },
        vm({ instance: '0xbob:0', allowedWallet: BOB }),
      ),
    ).toEqual([]);
  });
});

describe('reconcile: operator hold', () => {
  const paid = sub({ token: TOKEN });
  it('keeps a held VM suspended while paid, and suspends a held running one', () => {
    expect(one(paid, vm({ state: 'suspended', suspendedAt: T0 - DAY, hold: true }))).toEqual([]);
    expect(one(paid, vm({ hold: true }))).toEqual([
      {
        kind: 'suspend',
        subscriptionId: 1n,
        vmid: 10000,
        reason: 'held',
        mode: 'shutdown',
        at: T0,
      },
    ]);
  });
  it('does not count grace while a held VM is still paid', () => {
    expect(one(paid, vm({ state: 'suspended', suspendedAt: T0 - 30 * DAY, hold: true }))).toEqual(
      [],
    );
  });
  it('still destroys a held VM once unpaid and past grace, and never re-provisions it', () => {
    const unpaid = sub({ expiresAt: T0 - 10 * DAY, token: TOKEN });
    expect(
      one(unpaid, vm({ state: 'suspended', suspendedAt: T0 - 8 * DAY, hold: true }))[0]?.kind,
    ).toBe('destroy');
    expect(one(paid, vm({ state: 'destroyed', hold: true }))).toEqual([]);
  });
});

describe('reconcile: shape of the output', () => {
  it('sorts by subscription id regardless of input order', () => {
    const subs = [3n, 1n, 2n].map((id) => sub({ id }));
    const out = reconcile({ subscriptions: subs, vms: [], plans: PLANS, now: T0, policy: POLICY });
    expect(out.map((a) => a.subscriptionId)).toEqual([1n, 2n, 3n]);
  });
  it('takes the first record of a duplicated subscription', () => {
    const out = reconcile({
      subscriptions: [sub(), sub({ cancelled: true })],
      vms: [],
      plans: PLANS,
      now: T0,
      policy: POLICY,
    });
    expect(out).toHaveLength(1);
    expect(out[0]?.kind).toBe('provision');
  });

  describe('a job the customer can fail', () => {
    it('never holds back the suspension of an expired subscription', () => {
      const actions = reconcile({
        subscriptions: [sub({ expiresAt: T0 - 1 })],
        vms: [vm({ busy: true, yielding: true })],
        plans: PLANS,
        now: T0,
        policy: POLICY,
      });
      expect(actions.map((a) => a.kind)).toEqual(['suspend']);
    });

    it('holds back everything else, and a running job holds back all', () => {
      const input = {
        subscriptions: [sub({ token: { id: 1n, owner: BOB } })],
        plans: PLANS,
        now: T0,
        policy: POLICY,
      };
      expect(reconcile({ ...input, vms: [vm({ busy: true, yielding: true })] })).toEqual([]);
      expect(
        reconcile({
          ...input,
          subscriptions: [sub({ expiresAt: T0 - 1 })],
          vms: [vm({ busy: true })],
        }),
      ).toEqual([]);
    });
  });
});
