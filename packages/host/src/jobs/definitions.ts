import { eventKeyTransaction } from '@blockhost/chain';
import {
  allocateIpv4,
  allocateVmid,
  type Deployment,
  isEntitled,
  resolveIpv4Pool,
  vmName,
} from '@blockhost/core';
import { type ProvisionStep, snippetFilename } from '@blockhost/proxmox';
import type { HostConfig } from '../config/load.js';
import { adoptedPurchaseBound } from '../db/adopted-purchase.js';
import {
  allocationsOf,
  recordAllocation,
  releaseAllocations,
  takenValues,
} from '../db/allocations.js';
import type { JobKind, JobRow } from '../db/jobs.js';
import type { Db } from '../db/open.js';
import { linkToken } from '../db/projection.js';
import { type RefusalRow, recordRefusal } from '../db/refusals.js';
import { getSubscription, listPlans, setKeyError } from '../db/subscriptions.js';
import { getVm, updateVm, type VmRow } from '../db/vms.js';
import {
  allocateVmIpv6,
  type VmConnectionDetails,
  vmConnectionDetails,
  vmIpv6,
} from '../ipv6/vm-address.js';
import type { QuorumVerdict } from '../trust/quorum.js';
import type { ChainPort, DestroyFacts, PortResult, ProxmoxPort, VmSpec } from './ports.js';
import type { JobDefinition, StepOutcome } from './runner.js';

export interface UserDataInput {
  readonly hostname: string;
  readonly user: string;
  readonly wallet: string;
  readonly tokenId: bigint | null;
}

export interface JobContext {
  readonly db: Db;
  readonly config: HostConfig;
  readonly deployment: Deployment;
  readonly proxmox: ProxmoxPort;
  readonly chain: ChainPort;
  /** Cloud-init user-data for a VM (login user with GECOS, login config, hostname). */
  readonly renderUserData: (input: UserDataInput) => string;
  readonly clock: () => number;
  /** Chain time of the newest confirmed block (for suspension stamps). */
  readonly chainNow: () => number | null;
  readonly onProvisioned?: (job: JobRow, latencyMs: number) => void;
  /** A decision was refused because a quorum of RPCs did not confirm it (log, metric, sweep). */
  readonly onRefusal?: (refusal: RefusalRow) => void;
}

const retry = (error: string): StepOutcome => ({ kind: 'retry', error });
const fail = (error: string): StepOutcome => ({ kind: 'fail', error });

function fromPort<T>(r: PortResult<T>, what: string): { value: T } | { outcome: StepOutcome } {
  if (r.ok) return { value: r.value };
  const msg = `${what}: ${r.error.message}`;
  if (r.error.wait)
    return { outcome: { kind: 'wait', reason: msg, soon: r.error.wait === 'unreachable' } };
  return { outcome: r.error.retryable ? retry(msg) : fail(msg) };
}

function requireVm(ctx: JobContext, job: JobRow): VmRow | StepOutcome {
  const vm = job.vmId === null ? null : getVm(ctx.db, job.vmId);
  return vm ?? fail(`job ${job.id} has no VM record`);
}

const isOutcome = (x: unknown): x is StepOutcome =>
  typeof x === 'object' && x !== null && 'kind' in x && !('id' in x);

/** The VM as the provisioning steps need it, from its record, allocations and plan. */
function vmSpec(
  ctx: JobContext,
  vm: VmRow,
  plan: { cores: number; memoryMiB: number; diskGiB: number },
): VmSpec | StepOutcome {
  const alloc = allocationsOf(ctx.db, vm.id);
  if (!vm.node || !alloc.vmid || !alloc.ipv4) return fail('VM has no allocation yet');
  const pool = resolveIpv4Pool(ctx.config.db.ipv4_pool);
  if (pool.isErr()) return fail(pool.error.message);
  const prefix = pool.value.cidr.prefixLength;
  const v6 = vmIpv6(ctx.db, ctx.config, alloc.ipv6);
  return {
    node: vm.node,
    vmid: Number(alloc.vmid),
    subscriptionId: BigInt(vm.subscriptionId),
    owner: vm.allowedWallet ?? '0x0000000000000000000000000000000000000000',
    purchase: eventKeyTransaction(vm.subscriptionKey),
    cores: plan.cores,
    memoryMiB: plan.memoryMiB,
    diskGiB: plan.diskGiB,
    ipv4: { cidr: `${alloc.ipv4}/${prefix}`, gateway: ctx.config.db.ipv4_pool.gateway },
    ipv6: v6,
    nameservers: ctx.config.db.ipv4_pool.dns,
  };
}

function planOf(ctx: JobContext, job: JobRow) {
  const planId = String(
    job.payload.planId ?? getSubscription(ctx.db, job.subscriptionId)?.planId ?? '',
  );
  return listPlans(ctx.db).find((p) => p.id === planId) ?? null;
}

const STEP_WHAT: Record<ProvisionStep, string> = {
  clone: 'clone',
  configure: 'configure',
  start: 'start',
  'wait-agent': 'waiting for the guest agent',
};

/**
 * The provisioning job: allocate → the Proxmox steps of `provisionVmStep`
 * (clone → configure → start → wait-agent) → mint → login → done.
 */
function provision(ctx: JobContext): JobDefinition {
  /** A step of @blockhost/proxmox's provisioning; the VM it reports is what the journal keeps. */
  const proxmoxStep =
    (step: ProvisionStep) =>
    async (job: JobRow, vm: VmRow, signal: AbortSignal): Promise<StepOutcome> => {
      const plan = planOf(ctx, job);
      if (!plan) return fail('plan is unknown');
      const spec = vmSpec(ctx, vm, plan);
      if (isOutcome(spec)) return spec;
      let userData: string | undefined;
      if (step === 'configure') {
        const sub = getSubscription(ctx.db, job.subscriptionId);
        const name = vmName(ctx.deployment, spec.subscriptionId);
        if (name.isErr()) return fail(name.error.message);
        try {
          userData = ctx.renderUserData({
            hostname: name.value,
            user: ctx.config.blockhost.vm.user,
            wallet: vm.allowedWallet ?? sub?.subscriber ?? '',
            tokenId: sub?.tokenId ? BigInt(sub.tokenId) : null,
          });
        } catch (e) {
          // A setup problem (e.g. the login bundles missing): retrying cannot fix it.
          return fail(`rendering the cloud-init user-data: ${(e as Error).message}`);
        }
      }
      const r = fromPort(
        await ctx.proxmox.provision(step, spec, {
          userData,
          agentTimeoutMs: ctx.config.blockhost.vm.agent_timeout_s * 1000,
          signal,
        }),
        STEP_WHAT[step],
      );
      if ('outcome' in r) return r.outcome;
      const { vm: at, next } = r.value;
      // The subscription's VM from before a crash was adopted: the journal follows it.
      const moved = at.vmid !== spec.vmid || at.node !== spec.node;
      const done = next === null;
      return {
        kind: 'next',
        step: next ?? 'mint',
        ...(moved || done
          ? {
              apply: (d: Db) => {
                if (at.vmid !== spec.vmid) {
                  d.prepare(
                    "UPDATE allocations SET value = ? WHERE vm_id = ? AND kind = 'vmid'",
                  ).run(String(at.vmid), vm.id);
                }
                updateVm(
                  d,
                  vm.id,
                  {
                    ...(moved ? { node: at.node, vmid: at.vmid } : {}),
                    ...(done ? { state: 'running' as const, failure: null } : {}),
                  },
                  ctx.clock(),
                );
              },
            }
          : {}),
      };
    };

  const steps: Record<
    string,
    (job: JobRow, vm: VmRow, signal: AbortSignal) => Promise<StepOutcome>
  > = {
    async allocate(job, vm) {
      const sub = getSubscription(ctx.db, job.subscriptionId);
      if (!sub) return fail(REORGED);
      const plan = planOf(ctx, job);
      if (!plan) return fail(`plan ${String(job.payload.planId)} is unknown`);
      const held = allocationsOf(ctx.db, vm.id);
      if (held.vmid && held.ipv4 && vm.node) return { kind: 'next', step: 'clone', node: vm.node };

      const placed = fromPort(await ctx.proxmox.place(plan), 'placement');
      if ('outcome' in placed) {
        // Waiting for room only while the subscription is paid for; a lapsed one stops here
        // (its record ends failed, the lifecycle closes it; a renewal provisions anew).
        const now = ctx.chainNow();
        if (placed.outcome.kind === 'wait' && now !== null && !isEntitled(sub, now)) {
          const what = placed.outcome.soon ? 'the Proxmox API' : 'room';
          return fail(
            `the subscription lapsed while waiting for ${what}: ${placed.outcome.reason}`,
          );
        }
        return placed.outcome;
      }
      const used = fromPort(
        await ctx.proxmox.usedVmids(takenValues(ctx.db, 'vmid').map(Number)),
        'listing cluster VMIDs',
      );
      if ('outcome' in used) return used.outcome;
      // Addresses any VM of the cluster is configured with are taken too (the operator's own
      // VMs on the bridge included), as VMIDs in use are. A listing up to 30 s old will do:
      // the journal's own allocations are always current.
      const cluster = fromPort(
        await ctx.proxmox.inspectCluster({ maxAgeMs: 30_000 }),
        'listing the addresses VMs in the cluster use',
      );
      if ('outcome' in cluster) return cluster.outcome;

      const { db, config } = ctx;
      // What an earlier, interrupted run already recorded is kept; only the rest is allocated.
      let vmid = held.vmid ? Number(held.vmid) : null;
      if (vmid === null) {
        const r = allocateVmid(config.db.vmid_range, [
          ...takenValues(db, 'vmid').map(Number),
          ...used.value,
        ]);
        if (r.isErr()) return fail(r.error.message);
        vmid = r.value;
      }
      let v4 = held.ipv4 ?? null;
      if (v4 === null) {
        const r = resolveIpv4Pool(config.db.ipv4_pool).andThen((pool) =>
          allocateIpv4(pool, [...takenValues(db, 'ipv4'), ...cluster.value.addresses.ipv4]),
        );
        if (r.isErr()) return fail(r.error.message);
        v4 = r.value.address;
      }
      // IPv6 is extra: without a prefix (yet) or with it exhausted the VM gets IPv4 only.
      const ipv6 = held.ipv6 ?? allocateVmIpv6(db, config, cluster.value.addresses.ipv6);
      const node = placed.value.node;
      const name = vmName(ctx.deployment, BigInt(job.subscriptionId));
      return {
        kind: 'next',
        step: 'clone',
        node,
        apply: (d) => {
          if (!held.vmid) recordAllocation(d, vm.id, 'vmid', String(vmid));
          if (!held.ipv4) recordAllocation(d, vm.id, 'ipv4', v4);
          if (ipv6 && !held.ipv6) recordAllocation(d, vm.id, 'ipv6', ipv6);
          updateVm(
            d,
            vm.id,
            { node, vmid, ipv4: v4, ipv6, name: name.isOk() ? name.value : null },
            ctx.clock(),
          );
        },
      };
    },

    clone: proxmoxStep('clone'),
    configure: proxmoxStep('configure'),
    start: proxmoxStep('start'),
    'wait-agent': proxmoxStep('wait-agent'),

    async mint(job, vm) {
      const out = await mintStep(ctx, job, vm);
      if (out.kind !== 'done' || out.tokenId === undefined) return out;
      return {
        kind: 'next',
        step: 'login',
        patch: { tokenId: out.tokenId.toString() },
        apply: out.apply,
      };
    },

    // The NFT id goes into GECOS too, so NFT-mode logins on the VM follow transfers.
    async login(job, vm) {
      const tokenId = BigInt(String(job.payload.tokenId));
      const r = fromPort(
        await ctx.proxmox.setLoginWallet({
          node: vm.node!,
          vmid: vm.vmid!,
          user: ctx.config.blockhost.vm.user,
          wallet: vm.allowedWallet!,
          tokenId,
        }),
        'writing the NFT id into the login user',
      );
      if ('outcome' in r) return r.outcome;
      ctx.onProvisioned?.(job, ctx.clock() - job.createdAt);
      return { kind: 'done' };
    },
  };

  return {
    async run(job, signal) {
      const vm = requireVm(ctx, job);
      if (isOutcome(vm)) return vm;
      const step = steps[job.step];
      if (!step) return fail(`unknown provisioning step ${job.step}`);
      // A reorg took the purchase while this ran: building on has no customer, and the VM
      // would stand orphaned until the job ended. It ends now; the lifecycle removes the VM
      // once the reorg is final.
      if (purchaseGone(ctx, job, vm)) return fail(REORGED);
      return step(job, vm, signal);
    },
    giveUp(job, error) {
      const vm = job.vmId === null ? null : getVm(ctx.db, job.vmId);
      return {
        // The record ends failed either way: the lifecycle destroys what a failed VM left.
        // (A gone purchase includes a gone subscription.)
        state: (vm ? purchaseGone(ctx, job, vm) : subscriptionGone(ctx, job))
          ? 'cancelled'
          : 'failed',
        apply: (d) => {
          if (job.vmId !== null)
            updateVm(d, job.vmId, { state: 'failed', failure: error }, ctx.clock());
        },
      };
    },
  };
}

/**
 * Connection details the customer decrypts with their signature (also `blockhost sub set-key`).
 * `signingCertSha256`: the fingerprint of the VM's signing-page certificate (see signing-tls.ts),
 * which the customer compares with the browser's before signing.
 */
export function connectionDetails(
  config: HostConfig,
  vm: Pick<VmRow, 'ipv4' | 'ipv6' | 'name'>,
): VmConnectionDetails {
  return vmConnectionDetails(config, vm);
}

/**
 * Mints (or finds) the subscription's NFT with the encrypted connection
 * details. A `userEncrypted` that cannot be used is recorded against the
 * subscription; the NFT is still minted (the customer paid), without details.
 */
async function mintStep(
  ctx: JobContext,
  job: JobRow,
  vm: VmRow,
): Promise<StepOutcome & { tokenId?: bigint }> {
  const sub = getSubscription(ctx.db, job.subscriptionId);
  if (!sub) return fail('the subscription is no longer on chain (reorged away)');
  let encrypted: `0x${string}` = '0x';
  let keyError: string | null = null;
  const sig = await ctx.chain.decryptSubscriberKey(sub.keyOverride ?? sub.userEncrypted);
  if (sig.ok) {
    const enc = ctx.chain.encryptConnectionDetails(sig.value, connectionDetails(ctx.config, vm));
    if (enc.ok) encrypted = enc.value;
    else keyError = enc.error.message;
  } else {
    keyError = sig.error.message;
  }
  const minted = fromPort(
    await ctx.chain.mint({
      to: sub.subscriber,
      subscriptionId: BigInt(sub.id),
      userEncrypted: encrypted,
    }),
    'minting the access NFT',
  );
  if ('outcome' in minted) return minted.outcome;
  const { tokenId, alreadyMinted } = minted.value;
  // A token minted for an earlier VM of this subscription carries stale details.
  if (alreadyMinted && encrypted !== '0x' && vm.generation > 1) {
    const upd = fromPort(
      await ctx.chain.updateUserEncrypted(tokenId, encrypted),
      'updating the NFT details',
    );
    if ('outcome' in upd) return upd.outcome;
  }
  const now = ctx.clock();
  return {
    kind: 'done',
    tokenId,
    apply: (d) => {
      linkToken(d, tokenId.toString(), sub.id, sub.tokenOwner ?? sub.subscriber);
      setKeyError(d, sub.id, keyError, now);
    },
  };
}

function single(
  ctx: JobContext,
  run: (job: JobRow, vm: VmRow) => Promise<StepOutcome>,
): JobDefinition {
  return {
    async run(job) {
      const vm = requireVm(ctx, job);
      if (isOutcome(vm)) return vm;
      return run(job, vm);
    },
    giveUp: (job) => ({ state: subscriptionGone(ctx, job) ? 'cancelled' : 'needs_operator' }),
  };
}

const DESTROY_REASONS = ['grace-elapsed', 'failed-unpaid', 'subscription-gone'] as const;

const agreeing = (v: QuorumVerdict) =>
  `${v.votes.filter((x) => x.agrees).length} of ${v.votes.length} RPCs (${v.needed} needed)`;
const said = (v: QuorumVerdict) => v.votes.map((x) => `${x.rpc}: ${x.said}`).join('; ');

function refuse(ctx: JobContext, reason: RefusalRow['reason'], sub: string, detail: string) {
  const r: RefusalRow = { at: ctx.clock(), reason, subscriptionId: sub, detail };
  recordRefusal(ctx.db, r);
  ctx.onRefusal?.(r);
}

/**
 * The purchase a VM was made for, from its creation event (kept even when a reorg removed it);
 * for a VM adopted without one, what its adoption recorded (its wallet, a block bound).
 */
function purchaseOf(db: Db, vm: VmRow): DestroyFacts['purchase'] {
  const row = db
    .prepare("SELECT block_number, args FROM events WHERE key = ? AND name = 'SubscriptionCreated'")
    .get(vm.subscriptionKey) as { block_number: number; args: string } | undefined;
  if (!row) {
    const bound = adoptedPurchaseBound(vm.subscriptionKey);
    return bound === null ? null : { subscriber: vm.allowedWallet, planId: null, block: bound };
  }
  const args = JSON.parse(row.args) as { subscriber?: string; planId?: string };
  if (!args.subscriber || !args.planId) return null;
  return {
    subscriber: args.subscriber,
    planId: String(args.planId),
    block: BigInt(row.block_number),
  };
}

/**
 * Null when a quorum of RPCs confirms the VM may go; else what the job does
 * instead: wait for a reorg to become final, stop when the journal no longer
 * wants the VM gone (a sweep repaired what a lying RPC told it), or retry.
 */
async function destroyConfirmed(
  ctx: JobContext,
  job: JobRow,
  vm: VmRow,
  reason: (typeof DESTROY_REASONS)[number],
): Promise<StepOutcome | null> {
  const v = fromPort(
    await ctx.chain.confirmDestroy({
      subscriptionId: BigInt(vm.subscriptionId),
      reason,
      purchase: purchaseOf(ctx.db, vm),
      suspendedAt: vm.suspendedAt,
    }),
    'confirming the destroy on chain',
  );
  if ('outcome' in v) return v.outcome;
  if (v.value.confirmed) return null;
  if (v.value.pending) {
    // A reorg took the purchase away and its replacement history is not final yet, or RPCs
    // did not answer: nobody disagrees, so nothing is refused; look again at the next
    // lifecycle pass. (The reason is kept the same from look to look: it is logged when it
    // changes.)
    const why = v.value.votes.some((x) => x.unanswered)
      ? 'waits for the RPCs to answer'
      : 'waits for the reorg to become final';
    return {
      kind: 'wait',
      reason: `destroy of VM ${vm.vmid} (${reason}) ${why}`,
      ms: ctx.config.blockhost.daemon.reconcile_interval_ms,
    };
  }
  const detail = `destroy of VM ${vm.vmid} (${reason}) not confirmed by ${agreeing(v.value)}: ${said(v.value)}`;
  refuse(ctx, 'destroy-unconfirmed', vm.subscriptionId, detail);
  const sub = getSubscription(ctx.db, job.subscriptionId);
  const now = ctx.chainNow();
  const stillWanted =
    reason === 'subscription-gone'
      ? sub === null || sub.createdKey !== vm.subscriptionKey
      : sub !== null && now !== null && (sub.cancelled || sub.expiresAt <= now);
  // The journal changed its mind: the VM stays; reconcile decides again.
  if (!stillWanted) return { kind: 'done' };
  // A reorg's replacement history is not final yet, or the RPCs disagree for now: look again
  // after the next state sweep, which repairs the journal from the chain.
  return { kind: 'wait', reason: detail, ms: ctx.config.blockhost.daemon.sweep_interval_ms };
}

const REORGED = 'the purchase is no longer on chain (reorged away)';

/** The journal's subscription is no longer the purchase this VM is being made for. */
function purchaseGone(ctx: JobContext, job: JobRow, vm: VmRow): boolean {
  const sub = getSubscription(ctx.db, job.subscriptionId);
  return sub === null || sub.createdKey !== vm.subscriptionKey;
}

/** A job whose subscription a reorg took away has nothing left to do: it is cancelled, not failed. */
function subscriptionGone(ctx: JobContext, job: JobRow): boolean {
  return getSubscription(ctx.db, job.subscriptionId) === null;
}

export function jobDefinitions(ctx: JobContext): Record<JobKind, JobDefinition> {
  return {
    provision: provision(ctx),

    suspend: single(ctx, async (job, vm) => {
      const mode = job.payload.mode === 'hibernate' ? 'hibernate' : 'shutdown';
      if (vm.node && vm.vmid !== null) {
        const r = fromPort(await ctx.proxmox.suspend(vm.node, vm.vmid, mode), 'suspend');
        if ('outcome' in r) return r.outcome;
      }
      const at = typeof job.payload.at === 'number' ? job.payload.at : (ctx.chainNow() ?? 0);
      return {
        kind: 'done',
        apply: (d) => updateVm(d, vm.id, { state: 'suspended', suspendedAt: at }, ctx.clock()),
      };
    }),

    resume: single(ctx, async (_job, vm) => {
      if (!vm.node || vm.vmid === null) return fail('VM has no node/vmid recorded');
      const r = fromPort(await ctx.proxmox.resume(vm.node, vm.vmid), 'resume');
      if ('outcome' in r) return r.outcome;
      return {
        kind: 'done',
        apply: (d) => updateVm(d, vm.id, { state: 'running', suspendedAt: null }, ctx.clock()),
      };
    }),

    destroy: single(ctx, async (job, vm) => {
      if (vm.node && vm.vmid !== null) {
        // The one irreversible act: a quorum of the configured RPCs must confirm it first.
        const reason = DESTROY_REASONS.find((r) => r === job.payload.reason);
        if (reason) {
          const held = await destroyConfirmed(ctx, job, vm, reason);
          if (held) return held;
        }
        const r = fromPort(
          await ctx.proxmox.destroy({
            node: vm.node,
            vmid: vm.vmid,
            subscriptionId: BigInt(vm.subscriptionId),
            snippet: vm.name ? snippetFilename(vm.name) : null,
          }),
          'destroy',
        );
        if ('outcome' in r) return r.outcome;
      }
      return {
        kind: 'done',
        apply: (d) => {
          // Released only now that the VM is really gone.
          releaseAllocations(d, vm.id);
          updateVm(d, vm.id, { state: 'destroyed' }, ctx.clock());
        },
      };
    }),

    mint: single(ctx, (job, vm) => mintStep(ctx, job, vm)),

    syncOwner: single(ctx, async (job, vm) => {
      const wallet = String(job.payload.wallet);
      const tokenId = String(job.payload.tokenId);
      if (!/^0x[0-9a-fA-F]{40}$/.test(wallet) || !/^[0-9]+$/.test(tokenId))
        return fail('bad syncOwner payload');
      if (!vm.node || vm.vmid === null) return fail('VM has no node/vmid recorded');
      // The login changes hands only when a quorum of RPCs says the token did (a forged
      // Transfer log must not hand a customer's VM to someone else).
      const owner = fromPort(
        await ctx.chain.confirmOwner({ tokenId: BigInt(tokenId), wallet }),
        'confirming the new owner on chain',
      );
      if ('outcome' in owner) return owner.outcome;
      if (!owner.value.confirmed && owner.value.pending) {
        // RPCs that did not answer are no disagreement: ask again, refuse nothing.
        return {
          kind: 'wait',
          reason: `the new owner of token ${tokenId} waits for the RPCs to answer: ${said(owner.value)}`,
          ms: ctx.config.blockhost.daemon.reconcile_interval_ms,
        };
      }
      if (!owner.value.confirmed) {
        const detail = `token ${tokenId} to ${wallet} not confirmed by ${agreeing(owner.value)}: ${said(owner.value)}`;
        refuse(ctx, 'owner-mismatch', vm.subscriptionId, detail);
        return fail(`the login stays with ${vm.allowedWallet}: ${detail}`);
      }
      const r = fromPort(
        await ctx.proxmox.setLoginWallet({
          node: vm.node,
          vmid: vm.vmid,
          user: ctx.config.blockhost.vm.user,
          wallet,
          tokenId: BigInt(tokenId),
        }),
        'updating the allowed wallet in the VM',
      );
      if ('outcome' in r) return r.outcome;
      return {
        kind: 'done',
        apply: (d) => updateVm(d, vm.id, { allowedWallet: wallet }, ctx.clock()),
      };
    }),
  };
}
