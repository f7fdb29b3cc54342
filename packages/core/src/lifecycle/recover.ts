/**
 * Recovery: the journal is a cache of two truths, the chain and the Proxmox
 * cluster. `planRecovery` compares the journal's VM records with the
 * deployment's VMs in the cluster and says how to bring the journal back to
 * the cluster's truth — adopt a VM the journal lost (with its VMID and
 * addresses, so nothing is re-addressed), follow a VM the journal has at
 * another VMID, forget a VM that is gone — before any lifecycle decision is
 * taken on it. Pure: the host reads both sides and applies the plan.
 */
import type { Address, UnixSeconds } from '../types.js';
import type { VmState } from './types.js';

/** What the journal holds about one VM record. */
export interface JournalVmRecord {
  /** The journal's row id. */
  readonly id: number;
  readonly subscriptionId: bigint;
  readonly state: VmState;
  readonly vmid: number | null;
  /** Addresses the record holds (its allocations). */
  readonly ipv4: string | null;
  readonly ipv6: string | null;
  /** A job is queued or running for the subscription: the record is its job's to change. */
  readonly busy: boolean;
}

/** One of the deployment's VMs as the cluster has it (tags, config). */
export interface ClusterVm {
  readonly subscriptionId: bigint;
  readonly vmid: number;
  readonly node: string;
  /**
   * Suspended by BlockHost: its suspend clears `onboot`, its resume sets it. (The power state
   * alone is not the signal: a customer may shut their VM down. But a running VM is not
   * suspended, whatever `onboot` says: that is a suspend cut short, to be driven again.)
   */
  readonly suspended: boolean;
  /**
   * Powered on now. A VM the journal lost while it was being made (cloned and configured, never
   * started) is stopped with `onboot` set: adopted suspended, and so started when paid.
   */
  readonly running?: boolean;
  /** The addresses its cloud-init config gives it (`ipconfig0`), without prefix length. */
  readonly ipv4: string | null;
  readonly ipv6: string | null;
  /** The owner its description names (the wallet the VM was set up for). */
  readonly owner: Address | null;
  /** The transaction of the purchase its description names (older VMs: none). */
  readonly purchase?: `0x${string}` | null;
}

/** What the chain says about a subscription, to date a suspension the journal lost. */
export interface RecoverySubscription {
  readonly id: bigint;
  readonly expiresAt: UnixSeconds;
  /** Chain time of the cancellation, when cancelled. */
  readonly cancelledAt: UnixSeconds | null;
}

export interface RecoveryInput {
  readonly journal: Iterable<JournalVmRecord>;
  readonly cluster: Iterable<ClusterVm>;
  readonly subscriptions: ReadonlyMap<bigint, RecoverySubscription>;
}

export type RecoveryAction =
  /** The cluster has the subscription's VM and the journal has no record of it. */
  | {
      readonly kind: 'adopt';
      readonly vm: ClusterVm;
      readonly state: 'running' | 'suspended';
      /** Start of grace for a suspended VM: its cancellation, else its expiry. */
      readonly suspendedAt: UnixSeconds | null;
    }
  /** The journal's record follows the subscription's VM to the VMID, node and addresses it has. */
  | { readonly kind: 'relocate'; readonly id: number; readonly vm: ClusterVm; readonly why: string }
  /**
   * The record's state follows its VM: BlockHost suspended it (`onboot` cleared) or resumed
   * it since this journal last knew.
   */
  | {
      readonly kind: 'restate';
      readonly id: number;
      readonly subscriptionId: bigint;
      readonly state: 'running' | 'suspended';
      readonly suspendedAt: UnixSeconds | null;
    }
  /** The record's VM is no longer in the cluster: gone, its allocations free. */
  | {
      readonly kind: 'gone';
      readonly id: number;
      readonly subscriptionId: bigint;
      readonly vmid: number | null;
    }
  /** Something a person must look at; nothing is changed for it. */
  | {
      readonly kind: 'conflict';
      readonly subscriptionId: bigint;
      readonly vmid: number;
      readonly reason: 'duplicate-vm' | 'address-in-use' | 'vmid-in-use';
      readonly detail: string;
    };

const LIVE: ReadonlySet<VmState> = new Set(['running', 'suspended']);

const byVmid = (a: ClusterVm, b: ClusterVm) => a.vmid - b.vmid;
const key = (id: bigint) => id.toString();

/**
 * The journal repairs that make it agree with the cluster. Apply them in one
 * transaction, in this order: forget (`gone`), release what every relocated
 * record holds, then give each its VM's, then adopt — so a freed address or
 * a swapped VMID is never held twice on the way.
 *
 * Invariants (property-tested): after applying the plan no VMID or address is
 * held by two records; every cluster VM of the deployment is held by exactly
 * one live record, except those reported as a conflict; records with a job
 * under way are never touched.
 */
export function planRecovery(input: RecoveryInput): RecoveryAction[] {
  const cluster = [...input.cluster].sort(byVmid);
  // Destroyed records count for which record is the newest (the one reconcile reads).
  const records = [...input.journal].sort((a, b) => a.id - b.id);
  const ofSub = (id: bigint) => cluster.filter((v) => v.subscriptionId === id);
  const busy = new Set(records.filter((r) => r.busy).map((r) => key(r.subscriptionId)));
  // Grace counts from the suspension; the chain dates one the journal lost: the
  // cancellation, else the expiry.
  const suspensionOf = (id: bigint): UnixSeconds | null => {
    const chain = input.subscriptions.get(id);
    return chain ? (chain.cancelledAt ?? chain.expiresAt) : null;
  };

  /** Cluster VMs a record holds. */
  const held = new Set<number>();
  /** Records that keep what they hold, records to move, records whose VM is gone. */
  const kept: JournalVmRecord[] = [];
  const moved: { record: JournalVmRecord; vm: ClusterVm; why: string }[] = [];
  const unmatched: JournalVmRecord[] = [];
  const gone: RecoveryAction[] = [];
  const forget = (r: JournalVmRecord) =>
    gone.push({ kind: 'gone', id: r.id, subscriptionId: r.subscriptionId, vmid: r.vmid });

  const groups = new Map<string, JournalVmRecord[]>();
  for (const r of records) {
    const list = groups.get(key(r.subscriptionId)) ?? [];
    list.push(r);
    groups.set(key(r.subscriptionId), list);
  }
  for (const [sub, group] of groups) {
    // A subscription with a job under way is its job's: its records and VMs stay as they are.
    if (busy.has(sub)) {
      for (const r of group.filter((x) => x.state !== 'destroyed')) {
        kept.push(r);
        if (r.vmid !== null) held.add(r.vmid);
      }
      continue;
    }
    // The newest record is the subscription's; an older one still open was superseded.
    const newest = group[group.length - 1]!;
    for (const r of group.slice(0, -1)) if (r.state !== 'destroyed') forget(r);
    if (newest.state === 'destroyed') continue;
    // A record whose VMID the cluster gives to another subscription's VM holds nothing real.
    const other = cluster.find(
      (v) => v.vmid === newest.vmid && v.subscriptionId !== newest.subscriptionId,
    );
    if (other && !LIVE.has(newest.state)) {
      forget(newest);
      continue;
    }
    // Records without a VM yet, or whose provisioning failed, are left to reconcile.
    if (!LIVE.has(newest.state) || newest.vmid === null) {
      kept.push(newest);
      if (newest.vmid !== null) held.add(newest.vmid);
      continue;
    }
    const same = ofSub(newest.subscriptionId).find((v) => v.vmid === newest.vmid);
    if (!same) {
      unmatched.push(newest);
      continue;
    }
    held.add(same.vmid);
    if (same.ipv4 !== newest.ipv4 || same.ipv6 !== newest.ipv6) {
      moved.push({ record: newest, vm: same, why: 'addresses' });
    } else kept.push(newest);
  }
  for (const r of unmatched) {
    // The subscription's VM is at another VMID (an old journal; a clone adopted after a crash).
    const target = ofSub(r.subscriptionId).find((v) => !held.has(v.vmid));
    if (target) {
      held.add(target.vmid);
      moved.push({ record: r, vm: target, why: 'vmid' });
    } else forget(r);
  }

  const conflicts: RecoveryAction[] = [];
  const hasRecord = new Set(
    [...kept, ...moved.map((m) => m.record)].map((r) => key(r.subscriptionId)),
  );
  const adopted: { vm: ClusterVm; state: 'running' | 'suspended'; suspendedAt: number | null }[] =
    [];
  for (const vm of cluster) {
    if (busy.has(key(vm.subscriptionId))) continue;
    if (held.has(vm.vmid)) {
      const holder = kept.find((r) => r.vmid === vm.vmid);
      if (holder && holder.subscriptionId !== vm.subscriptionId) {
        // Only a job's record can hold another subscription's VMID: its job decides.
        conflicts.push({
          kind: 'conflict',
          subscriptionId: vm.subscriptionId,
          vmid: vm.vmid,
          reason: 'vmid-in-use',
          detail: `VM ${vm.vmid} is recorded for subscription ${holder.subscriptionId}, whose job is under way`,
        });
      }
      continue;
    }
    if (hasRecord.has(key(vm.subscriptionId))) {
      // The subscription has its VM already: a second one is never adopted, nor destroyed
      // without a person looking.
      conflicts.push({
        kind: 'conflict',
        subscriptionId: vm.subscriptionId,
        vmid: vm.vmid,
        reason: 'duplicate-vm',
        detail: `VM ${vm.vmid} on ${vm.node} is a second VM of subscription ${vm.subscriptionId}`,
      });
      continue;
    }
    held.add(vm.vmid);
    hasRecord.add(key(vm.subscriptionId));
    // Adopted as suspended when it is not running, whatever `onboot` says: a paid one is then
    // resumed (started), an unpaid one stays down. (A kept record's state is not moved by the
    // power state alone: a customer may shut their own VM down.)
    const down = vm.suspended || vm.running === false;
    adopted.push({
      vm,
      state: down ? 'suspended' : 'running',
      suspendedAt: down ? suspensionOf(vm.subscriptionId) : null,
    });
  }

  // What each holder holds: its VMID and addresses. Kept records hold theirs. A move takes
  // its VM's, unless someone else holds one of them (or another move wants it too): then it
  // fails, is reported, and its record keeps what it held — which may make more moves fail.
  // Adoptions come last. So nothing is ever held twice, not even while the plan is applied.
  const keysOf = (vmid: number | null, ...addrs: (string | null)[]) =>
    [vmid === null ? null : `VMID ${vmid}`, ...addrs].filter((k): k is string => k !== null);
  const reserved = new Map<string, string>();
  const reserve = (keys: string[], holder: string) => {
    for (const k of keys) reserved.set(k, holder);
  };
  const clashOf = (keys: string[], holder: string) =>
    keys.find((k) => reserved.has(k) && reserved.get(k) !== holder);
  for (const r of kept) reserve(keysOf(r.vmid, r.ipv4, r.ipv6), `record ${r.id}`);

  const addressConflict = (vm: ClusterVm, key: string, by: string): RecoveryAction => ({
    kind: 'conflict',
    subscriptionId: vm.subscriptionId,
    vmid: vm.vmid,
    reason: 'address-in-use',
    detail: `VM ${vm.vmid} has ${key}, which ${by} holds`,
  });
  let moving = moved;
  for (;;) {
    const wanted = new Map<string, number>();
    for (const m of moving)
      for (const k of keysOf(m.vm.vmid, m.vm.ipv4, m.vm.ipv6))
        wanted.set(k, (wanted.get(k) ?? 0) + 1);
    const failing = moving.filter((m) => {
      const keys = keysOf(m.vm.vmid, m.vm.ipv4, m.vm.ipv6);
      return (
        clashOf(keys, `record ${m.record.id}`) !== undefined || keys.some((k) => wanted.get(k)! > 1)
      );
    });
    if (failing.length === 0) break;
    for (const m of failing) {
      const keys = keysOf(m.vm.vmid, m.vm.ipv4, m.vm.ipv6);
      const k = clashOf(keys, `record ${m.record.id}`) ?? keys.find((x) => wanted.get(x)! > 1)!;
      conflicts.push(addressConflict(m.vm, k, reserved.get(k) ?? 'another record moving there'));
      reserve(keysOf(m.record.vmid, m.record.ipv4, m.record.ipv6), `record ${m.record.id}`);
    }
    moving = moving.filter((m) => !failing.includes(m));
  }
  const out: RecoveryAction[] = [...gone];
  for (const m of moving) {
    reserve(keysOf(m.vm.vmid, m.vm.ipv4, m.vm.ipv6), `record ${m.record.id}`);
    out.push({ kind: 'relocate', id: m.record.id, vm: m.vm, why: m.why });
  }
  // A record (kept or moved) whose state is not what its VM says.
  const heldBy = new Map<number, ClusterVm>(cluster.map((v) => [v.vmid, v]));
  const followed = [
    ...kept.map((r) => ({ r, vm: r.vmid === null ? undefined : heldBy.get(r.vmid) })),
    ...moving.map((m) => ({ r: m.record, vm: m.vm })),
  ];
  for (const { r, vm } of followed) {
    if (!vm || r.busy || !LIVE.has(r.state) || vm.subscriptionId !== r.subscriptionId) continue;
    // Down with `onboot` set says nothing new: a customer's shutdown of a running VM, or one
    // adopted suspended because it was never started (restated running before its resume, it
    // would never be started).
    if (vm.running === false && !vm.suspended) continue;
    const state = vm.suspended ? 'suspended' : 'running';
    if (state === r.state) continue;
    out.push({
      kind: 'restate',
      id: r.id,
      subscriptionId: r.subscriptionId,
      state,
      suspendedAt: vm.suspended ? suspensionOf(vm.subscriptionId) : null,
    });
  }
  for (const a of adopted) {
    const keys = keysOf(a.vm.vmid, a.vm.ipv4, a.vm.ipv6);
    const clash = clashOf(keys, `VM ${a.vm.vmid}`);
    if (clash) {
      conflicts.push(addressConflict(a.vm, clash, reserved.get(clash)!));
      continue;
    }
    reserve(keys, `VM ${a.vm.vmid}`);
    out.push({ kind: 'adopt', ...a });
  }
  return [...out, ...conflicts];
}
