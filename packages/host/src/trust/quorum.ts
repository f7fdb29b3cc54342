/**
 * One RPC is not trusted with what cannot be undone. Before a login changes
 * hands or a VM is destroyed, the fact behind it is read again from every
 * configured RPC at a confirmed block, and a quorum — more than half of all
 * configured RPCs, answering or not — must agree. One lying, broken or
 * lagging RPC can delay such a step, never cause it.
 */
import {
  type BlockhostContracts,
  type ChainSubscription,
  getSubscription,
  ownerOf,
  type ReadClient,
} from '@blockhost/chain';
import { sameAddress } from '@blockhost/core';

/** One configured RPC, read on its own. */
export interface ChainView {
  /** For logs: the URL with its path and query masked. */
  readonly label: string;
  readonly client: ReadClient;
}

export interface Vote {
  readonly rpc: string;
  readonly agrees: boolean;
  /** What this RPC said (or why it could not be asked). */
  readonly said: string;
  /** Not a disagreement: what the decision rests on is not final on this RPC yet. */
  readonly pending?: boolean;
  /** Not a disagreement either: the RPC did not answer (down, timing out, erring). */
  readonly unanswered?: boolean;
}

export interface QuorumVerdict {
  readonly confirmed: boolean;
  /**
   * Not confirmed only because a quorum is still waiting — for finality, or for RPCs to
   * answer — with none of them disagreeing that far: look again soon, refuse nothing.
   */
  readonly pending: boolean;
  readonly needed: number;
  readonly votes: readonly Vote[];
}

/** More than half of all configured RPCs. */
export const quorumOf = (n: number) => Math.floor(n / 2) + 1;

function verdict(votes: Vote[], total: number): QuorumVerdict {
  const needed = quorumOf(total);
  const confirmed = votes.filter((v) => v.agrees).length >= needed;
  const pending =
    !confirmed && votes.filter((v) => v.agrees || v.pending || v.unanswered).length >= needed;
  return { confirmed, pending, needed, votes };
}

/** The block `confirmations` behind this RPC's head (or its `finalized` block), with its time. */
async function confirmedBlock(
  client: ReadClient,
  at: { confirmations: number } | 'finalized',
): Promise<{ number: bigint; timestamp: number }> {
  if (at === 'finalized') {
    const b = await client.getBlock({ blockTag: 'finalized' });
    return { number: b.number, timestamp: Number(b.timestamp) };
  }
  const head = await client.getBlockNumber({ cacheTime: 0 });
  const n = head > BigInt(at.confirmations) ? head - BigInt(at.confirmations) : 0n;
  const b = await client.getBlock({ blockNumber: n });
  return { number: b.number, timestamp: Number(b.timestamp) };
}

const short = (e: unknown) =>
  String((e as Error)?.message ?? e)
    .split('\n')[0]!
    .slice(0, 200);

export interface ConfirmOwnerParameters {
  readonly views: readonly ChainView[];
  readonly nft: `0x${string}`;
  readonly tokenId: bigint;
  /** The wallet the journal says holds the token now. */
  readonly wallet: string;
  readonly confirmations: number;
}

/** Does a quorum of RPCs say `wallet` holds the token (at a confirmed block)? */
export async function confirmOwner(p: ConfirmOwnerParameters): Promise<QuorumVerdict> {
  const votes = await Promise.all(
    p.views.map(async (v): Promise<Vote> => {
      try {
        const block = await confirmedBlock(v.client, { confirmations: p.confirmations });
        const owner = await ownerOf(v.client, {
          address: p.nft,
          tokenId: p.tokenId,
          blockNumber: block.number,
        });
        if (owner.isErr()) {
          // A revert (no such token) is an answer; transport trouble is not.
          const unanswered = owner.error.code !== 'CONTRACT_REVERT';
          return { rpc: v.label, agrees: false, said: owner.error.shortMessage, unanswered };
        }
        return {
          rpc: v.label,
          agrees: sameAddress(owner.value, p.wallet),
          said: `owner ${owner.value} at block ${block.number}`,
        };
      } catch (e) {
        return { rpc: v.label, agrees: false, said: short(e), unanswered: true };
      }
    }),
  );
  return verdict(votes, p.views.length);
}

export interface ConfirmDestroyParameters {
  readonly views: readonly ChainView[];
  readonly contracts: BlockhostContracts;
  readonly subscriptionId: bigint;
  /** Why reconcile wants the VM gone. */
  readonly reason: 'grace-elapsed' | 'failed-unpaid' | 'subscription-gone';
  /**
   * The purchase the VM was made for (from the journal's creation event): a reorg that took it
   * away is final only when a finalized block is past it. For a VM adopted without its event,
   * what is known of it: made for `subscriber` (its recorded wallet, null: unknown), plan
   * unknown (null), at or before `block` (the head when it was adopted).
   */
  readonly purchase: { subscriber: string | null; planId: string | null; block: bigint } | null;
  /** When the VM was suspended (chain time), for the grace period. */
  readonly suspendedAt: number | null;
  readonly graceSeconds: number;
  readonly confirmations: number;
  /** Host clock (ms) and the tolerance of chain time around it (null: none). */
  readonly hostNowMs: number;
  readonly maxClockSkewSeconds: number | null;
}

/** The subscription as one RPC sees it at a block, or null when it does not exist there. */
async function subscriptionAt(
  client: ReadClient,
  address: `0x${string}`,
  id: bigint,
  blockNumber: bigint,
): Promise<ChainSubscription | null> {
  const r = await getSubscription(client, { address, subscriptionId: id, blockNumber });
  if (r.isOk()) return r.value;
  if (r.error.code === 'CONTRACT_REVERT') return null; // SubscriptionNotFound
  throw r.error;
}

/**
 * Does a quorum of RPCs confirm that the VM may go? Each reads the
 * subscription at a confirmed block (for a purchase a reorg took away: at its
 * finalized block, past the purchase) and checks it against its block's time
 * — which must itself be near the host clock.
 */
export async function confirmDestroy(p: ConfirmDestroyParameters): Promise<QuorumVerdict> {
  const votes = await Promise.all(
    p.views.map(async (v): Promise<Vote> => {
      try {
        const gone = p.reason === 'subscription-gone';
        const block = await confirmedBlock(
          v.client,
          gone ? 'finalized' : { confirmations: p.confirmations },
        );
        if (p.maxClockSkewSeconds !== null) {
          const skew = block.timestamp - Math.floor(p.hostNowMs / 1000);
          // A confirmed block trails the head: allow for that behind, never ahead.
          if (skew > p.maxClockSkewSeconds || skew < -(p.maxClockSkewSeconds + 3600)) {
            return {
              rpc: v.label,
              agrees: false,
              said: `block time off the host clock by ${skew} s`,
            };
          }
        }
        // Not final yet: nothing to read (the finalized block may even predate the contract).
        if (gone && (!p.purchase || block.number < p.purchase.block)) {
          return {
            rpc: v.label,
            agrees: false,
            said: `finalized block ${block.number} is not yet past the purchase`,
            pending: true,
          };
        }
        const sub = await subscriptionAt(
          v.client,
          p.contracts.subscriptions,
          p.subscriptionId,
          block.number,
        );
        if (gone && p.purchase) {
          // What is not known of the purchase counts as matching: unsure means keep the VM.
          const same =
            sub !== null &&
            (p.purchase.subscriber === null ||
              sameAddress(sub.subscriber, p.purchase.subscriber)) &&
            (p.purchase.planId === null || sub.planId.toString() === p.purchase.planId);
          return {
            rpc: v.label,
            agrees: !same,
            said: same
              ? `the purchase is still there at finalized block ${block.number}`
              : `the purchase is gone at finalized block ${block.number}`,
          };
        }
        if (!sub) return { rpc: v.label, agrees: false, said: 'no such subscription' };
        const paid = !sub.cancelled && sub.expiresAt > block.timestamp;
        if (paid) {
          return {
            rpc: v.label,
            agrees: false,
            said: `paid until ${sub.expiresAt} at block ${block.number}`,
          };
        }
        if (p.reason === 'grace-elapsed') {
          const start = p.suspendedAt ?? sub.expiresAt;
          if (block.timestamp < start + p.graceSeconds) {
            return {
              rpc: v.label,
              agrees: false,
              said: `grace runs until ${start + p.graceSeconds}`,
            };
          }
        }
        return {
          rpc: v.label,
          agrees: true,
          said: `${sub.cancelled ? 'cancelled' : `expired at ${sub.expiresAt}`} at block ${block.number}`,
        };
      } catch (e) {
        return { rpc: v.label, agrees: false, said: short(e), unanswered: true };
      }
    }),
  );
  return verdict(votes, p.views.length);
}
