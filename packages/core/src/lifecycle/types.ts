import type { Address, UnixSeconds } from '../types.js';

/** A plan as listed on chain: price and the VM resources it buys. */
export interface Plan {
  readonly id: bigint;
  readonly name: string;
  readonly pricePerDayUsdCents: bigint;
  readonly cores: number;
  readonly memoryMiB: number;
  readonly diskGiB: number;
  readonly active: boolean;
}

/** What a plan sells, as its creator gives it (the chain assigns the id; new plans are active). */
export type PlanInput = Pick<
  Plan,
  'name' | 'pricePerDayUsdCents' | 'cores' | 'memoryMiB' | 'diskGiB'
>;

/** The access NFT of a subscription, once minted. */
export interface AccessToken {
  readonly id: bigint;
  /** Current owner; after a transfer this is who may log in. */
  readonly owner: Address;
}

/** A subscription as the chain knows it (confirmed events plus state reads). */
export interface Subscription {
  readonly id: bigint;
  readonly planId: bigint;
  readonly subscriber: Address;
  readonly expiresAt: UnixSeconds;
  readonly cancelled: boolean;
  readonly token: AccessToken | null;
  /**
   * Which on-chain purchase this is (e.g. the creation event's `txHash:logIndex`).
   * After a reorg the same id can name a different purchase; VMs made for the
   * old one must not serve the new one.
   */
  readonly instance?: string | undefined;
}

/**
 * Where a subscription's VM stands.
 * - `provisioning`: the provision job is under way (allocate … mint).
 * - `running`: provisioned and started.
 * - `suspended`: shut down, disk kept, waiting for renewal or grace to pass.
 * - `destroyed`: gone, allocations released.
 * - `failed`: provisioning gave up; an operator must look (reason in `failure`).
 */
export type VmState = 'provisioning' | 'running' | 'suspended' | 'destroyed' | 'failed';

/** The host's record of the newest VM of one subscription. */
export interface Vm {
  readonly subscriptionId: bigint;
  readonly vmid: number | null;
  readonly state: VmState;
  /** A job for this subscription is queued or running: reconcile leaves it alone. */
  readonly busy: boolean;
  /**
   * The job that makes it busy is one the customer's own VM can fail (an owner
   * sync, the login step of a provisioning), and it is waiting, not running:
   * suspend, resume and destroy — driven by time and payment — go ahead of it
   * (the host cancels it); nothing else does.
   */
  readonly yielding?: boolean | undefined;
  /** Chain time of suspension; grace is counted from here. */
  readonly suspendedAt: UnixSeconds | null;
  /** The wallet written into the VM's GECOS (who may log in). */
  readonly allowedWallet: Address | null;
  readonly failure?: string | undefined;
  /** The `Subscription.instance` this VM was made for. */
  readonly instance?: string | undefined;
  /**
   * Put on hold by an operator (`blockhost vm suspend`): kept suspended even
   * while paid, never resumed or re-provisioned until released.
   */
  readonly hold?: boolean | undefined;
}

export type SuspendMode = 'shutdown' | 'hibernate';

/** Operator knobs that change lifecycle decisions. */
export interface Policy {
  readonly graceSeconds: number;
  readonly suspendMode: SuspendMode;
  readonly reprovisionAfterDestroy: boolean;
}

export type ProvisionAction = {
  readonly kind: 'provision';
  readonly subscriptionId: bigint;
  readonly planId: bigint;
  readonly owner: Address;
  readonly reason: 'new' | 'reprovision';
};
export type SuspendAction = {
  readonly kind: 'suspend';
  readonly subscriptionId: bigint;
  readonly vmid: number | null;
  readonly reason: 'expired' | 'cancelled' | 'held';
  readonly mode: SuspendMode;
  /** Chain time to record as the start of grace. */
  readonly at: UnixSeconds;
};
export type ResumeAction = {
  readonly kind: 'resume';
  readonly subscriptionId: bigint;
  readonly vmid: number | null;
};
export type DestroyAction = {
  readonly kind: 'destroy';
  readonly subscriptionId: bigint;
  readonly vmid: number | null;
  /**
   * `grace-elapsed`: suspended for the whole grace period.
   * `subscription-gone`: its subscription is no longer on chain (reorged away).
   * `failed-unpaid`: provisioning failed and the subscription is no longer paid.
   */
  readonly reason: 'grace-elapsed' | 'subscription-gone' | 'failed-unpaid';
};
export type MintAction = {
  readonly kind: 'mint';
  readonly subscriptionId: bigint;
  readonly vmid: number | null;
  readonly to: Address;
};
export type SyncOwnerAction = {
  readonly kind: 'syncOwner';
  readonly subscriptionId: bigint;
  readonly vmid: number | null;
  readonly tokenId: bigint;
  readonly wallet: Address;
};
/** Not a side effect: something only an operator can resolve, surfaced, never dropped. */
export type AttentionAction = {
  readonly kind: 'attention';
  readonly subscriptionId: bigint;
  readonly reason: 'plan-unknown' | 'provision-failed' | 'renewed-after-destroy';
  readonly detail?: string | undefined;
};

export type Action =
  | ProvisionAction
  | SuspendAction
  | ResumeAction
  | DestroyAction
  | MintAction
  | SyncOwnerAction
  | AttentionAction;

export type ActionKind = Action['kind'];

/** Everything `reconcile` decides from. */
export interface ReconcileInput {
  readonly subscriptions: Iterable<Subscription>;
  /** The newest VM record per subscription (older, destroyed ones may be left out). */
  readonly vms: Iterable<Vm>;
  /** Plans known from chain, by id. */
  readonly plans: ReadonlyMap<bigint, Plan>;
  /** Timestamp of the newest confirmed block. */
  readonly now: UnixSeconds;
  readonly policy: Policy;
}
