import { sameAddress } from '../types.js';
import { isEntitled } from './policy.js';
import type { Action, ReconcileInput, Subscription, Vm } from './types.js';

function compareIds(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Actions driven by time and payment: they never wait behind a job the customer's VM can fail. */
const LIFECYCLE: ReadonlySet<Action['kind']> = new Set(['suspend', 'resume', 'destroy']);

/** The decision for one subscription and its newest VM (`undefined`: never had one). */
function decide(sub: Subscription, vmRecord: Vm | undefined, input: ReconcileInput): Action | null {
  const action = decideIdle(sub, vmRecord, input);
  // A waiting job the customer's VM can fail yields to the lifecycle, to nothing else.
  if (vmRecord?.busy && vmRecord.yielding && action && !LIFECYCLE.has(action.kind)) return null;
  return action;
}

function decideIdle(
  sub: Subscription,
  vmRecord: Vm | undefined,
  input: ReconcileInput,
): Action | null {
  let vm = vmRecord;
  const { now, policy, plans } = input;
  const entitled = isEntitled(sub, now);
  const id = sub.id;

  // One job per subscription at a time: a busy VM is left to its job, which is
  // what keeps a cleanup from racing a resume — unless that job waits on the
  // customer's own VM (see `yielding`).
  if (vm && ((vm.busy && !vm.yielding) || vm.state === 'provisioning')) return null;

  // The VM was made for another purchase under this id (a reorg replaced it):
  // remove it first; the new purchase is provisioned once it is gone.
  if (
    vm &&
    sub.instance !== undefined &&
    vm.instance !== undefined &&
    vm.instance !== sub.instance
  ) {
    if (vm.state !== 'destroyed') {
      return { kind: 'destroy', subscriptionId: id, vmid: vm.vmid, reason: 'subscription-gone' };
    }
    vm = undefined;
  }

  if (!vm || vm.state === 'destroyed') {
    if (!entitled || vm?.hold) return null;
    if (!plans.has(sub.planId)) {
      return {
        kind: 'attention',
        subscriptionId: id,
        reason: 'plan-unknown',
        detail: `plan ${sub.planId}`,
      };
    }
    if (vm && !policy.reprovisionAfterDestroy) {
      return { kind: 'attention', subscriptionId: id, reason: 'renewed-after-destroy' };
    }
    return {
      kind: 'provision',
      subscriptionId: id,
      planId: sub.planId,
      // The controller: the NFT's holder once minted (re-provisioning after a sale), else the buyer.
      owner: sub.token?.owner ?? sub.subscriber,
      reason: vm ? 'reprovision' : 'new',
    };
  }

  const vmid = vm.vmid;
  switch (vm.state) {
    case 'running': {
      if (!entitled || vm.hold) {
        return {
          kind: 'suspend',
          subscriptionId: id,
          vmid,
          reason: !entitled ? (sub.cancelled ? 'cancelled' : 'expired') : 'held',
          mode: policy.suspendMode,
          at: now,
        };
      }
      if (!sub.token) return { kind: 'mint', subscriptionId: id, vmid, to: sub.subscriber };
      if (!sameAddress(sub.token.owner, vm.allowedWallet)) {
        return {
          kind: 'syncOwner',
          subscriptionId: id,
          vmid,
          tokenId: sub.token.id,
          wallet: sub.token.owner,
        };
      }
      return null;
    }
    case 'suspended': {
      if (entitled && !vm.hold) return { kind: 'resume', subscriptionId: id, vmid };
      if (entitled)
        return sub.token ? null : { kind: 'mint', subscriptionId: id, vmid, to: sub.subscriber };
      // A suspension with no recorded time counts from expiry, so it still ends.
      const graceStart = vm.suspendedAt ?? sub.expiresAt;
      if (now >= graceStart + policy.graceSeconds) {
        return { kind: 'destroy', subscriptionId: id, vmid, reason: 'grace-elapsed' };
      }
      // The customer paid for the time they had: their NFT is still owed.
      if (!sub.token) return { kind: 'mint', subscriptionId: id, vmid, to: sub.subscriber };
      return null;
    }
    case 'failed': {
      if (entitled) {
        return {
          kind: 'attention',
          subscriptionId: id,
          reason: 'provision-failed',
          detail: vm.failure,
        };
      }
      return { kind: 'destroy', subscriptionId: id, vmid, reason: 'failed-unpaid' };
    }
    case 'provisioning':
      return null; // handled above; listed so a new state cannot slip through
    default: {
      const unreachable: never = vm.state;
      return unreachable;
    }
  }
}

const bySubscription =
  <T>(id: (x: T) => bigint) =>
  (a: T, b: T) =>
    compareIds(id(a), id(b));

/**
 * The lifecycle rules of BlockHost, as one pure function: given what the
 * chain says (subscriptions, plans, the confirmed `now`) and what the host has
 * (VM records), return what must happen next. The daemon runs it continuously
 * and `blockhost gc` runs it on demand; it is the only place these rules live.
 *
 * Same input, same output, sorted by subscription id; at most one action per
 * subscription, none for a subscription whose job is still running. A
 * subscription listed twice counts once (its first record); so does a VM.
 */
export function reconcile(input: ReconcileInput): Action[] {
  // Sort-and-merge rather than hash maps: linear in practice at 100k entries,
  // where maps keyed by bigint spend most of their time growing.
  const subs = [...input.subscriptions].sort(bySubscription((s: Subscription) => s.id));
  const vms = [...input.vms].sort(bySubscription((v: Vm) => v.subscriptionId));

  const actions: Action[] = [];
  let i = 0;
  let j = 0;
  while (i < subs.length || j < vms.length) {
    const sub = subs[i];
    const vm = vms[j];
    const order = !sub ? 1 : !vm ? -1 : compareIds(sub.id, vm.subscriptionId);
    if (order > 0) {
      // A VM whose subscription the chain no longer has (e.g. reorged away).
      const free = !vm!.busy || vm!.yielding;
      if (free && vm!.state !== 'destroyed' && vm!.state !== 'provisioning') {
        actions.push({
          kind: 'destroy',
          subscriptionId: vm!.subscriptionId,
          vmid: vm!.vmid,
          reason: 'subscription-gone',
        });
      }
    } else {
      const action = decide(sub!, order === 0 ? vm : undefined, input);
      if (action) actions.push(action);
    }
    // Skip duplicates of the id just handled.
    const id = order > 0 ? vm!.subscriptionId : sub!.id;
    if (order <= 0) while (i < subs.length && subs[i]!.id === id) i++;
    if (order >= 0) while (j < vms.length && vms[j]!.subscriptionId === id) j++;
  }
  return actions;
}
/** Actions with a side effect (everything but `attention`). */
export function isEffect(action: Action): action is Exclude<Action, { kind: 'attention' }> {
  return action.kind !== 'attention';
}
