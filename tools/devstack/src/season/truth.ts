/**
 * The season's own reading of the chain: every subscription and access NFT folded from the
 * contracts' logs with viem alone, independent of the daemon's journal and scanner, so the
 * invariants compare the daemon with the chain and not with itself.
 */
import { accessCredentialNftAbi, blockhostSubscriptionsAbi } from '@blockhost/chain';
import { type Address, type Log, type PublicClient, parseEventLogs } from 'viem';

export interface TruthSubscription {
  readonly id: bigint;
  planId: bigint;
  subscriber: Address;
  expiresAt: number;
  cancelled: boolean;
  /** Chain time of the cancellation. */
  cancelledAt: number | null;
  /** Access NFTs minted for it (exactly one is right once it ran). */
  tokens: bigint[];
}

export interface ChainTruth {
  readonly subscriptions: Map<bigint, TruthSubscription>;
  /** Current owner of every access NFT. */
  readonly owners: Map<bigint, Address>;
  /** Plans: active flag and price, as the operator last set them. */
  readonly plans: Map<bigint, { active: boolean; priceCents: bigint }>;
  /** Highest block folded. */
  head: bigint;
  /** Timestamp of that block: the chain time the daemon decides with (0 confirmations). */
  headTime: number;
}

const ZERO = '0x0000000000000000000000000000000000000000';
const abi = [...blockhostSubscriptionsAbi, ...accessCredentialNftAbi];

export function emptyTruth(): ChainTruth {
  return {
    subscriptions: new Map(),
    owners: new Map(),
    plans: new Map(),
    head: -1n,
    headTime: 0,
  };
}

/** Folds the logs of blocks (head, latest] into `truth`; `fromBlock` for a first or full fold. */
export async function foldChain(
  client: PublicClient,
  contracts: { subscriptions: Address; nft: Address },
  truth: ChainTruth,
  fromBlock: bigint,
): Promise<ChainTruth> {
  const latest = await client.getBlock({ blockTag: 'latest' });
  const from = truth.head >= 0n ? truth.head + 1n : fromBlock;
  const to = latest.number;
  const times = new Map<bigint, number>();
  const timeOf = async (n: bigint) => {
    let t = times.get(n);
    if (t === undefined) {
      t = Number((await client.getBlock({ blockNumber: n })).timestamp);
      times.set(n, t);
    }
    return t;
  };
  for (let start = from; start <= to; start += 2000n) {
    const end = start + 1999n < to ? start + 1999n : to;
    const logs = await client.getLogs({
      address: [contracts.subscriptions, contracts.nft],
      fromBlock: start,
      toBlock: end,
    });
    const events = parseEventLogs({ abi, logs: logs as Log[], strict: true });
    for (const e of events) {
      const a = e.args as Record<string, unknown>;
      switch (e.eventName) {
        case 'SubscriptionCreated':
          truth.subscriptions.set(a.subscriptionId as bigint, {
            id: a.subscriptionId as bigint,
            planId: a.planId as bigint,
            subscriber: a.subscriber as Address,
            expiresAt: Number(a.expiresAt),
            cancelled: false,
            cancelledAt: null,
            tokens: [],
          });
          break;
        case 'SubscriptionExtended': {
          const s = truth.subscriptions.get(a.subscriptionId as bigint);
          if (s) s.expiresAt = Number(a.newExpiresAt);
          break;
        }
        case 'SubscriptionCancelled': {
          const s = truth.subscriptions.get(a.subscriptionId as bigint);
          if (s) {
            s.cancelled = true;
            s.cancelledAt = await timeOf(e.blockNumber);
          }
          break;
        }
        case 'SubscriptionRestored': {
          const s = truth.subscriptions.get(a.subscriptionId as bigint);
          if (s) {
            s.cancelled = false;
            s.cancelledAt = null;
          }
          break;
        }
        case 'AccessTokenMinted': {
          const s = truth.subscriptions.get(a.subscriptionId as bigint);
          s?.tokens.push(a.tokenId as bigint);
          break;
        }
        case 'Transfer':
          if ((a.to as string) === ZERO) truth.owners.delete(a.tokenId as bigint);
          else truth.owners.set(a.tokenId as bigint, a.to as Address);
          break;
        case 'PlanCreated':
          truth.plans.set(a.planId as bigint, {
            active: true,
            priceCents: a.pricePerDayUsdCents as bigint,
          });
          break;
        case 'PlanUpdated':
          truth.plans.set(a.planId as bigint, {
            active: a.active as boolean,
            priceCents: a.pricePerDayUsdCents as bigint,
          });
          break;
        default:
          break;
      }
    }
  }
  truth.head = to;
  truth.headTime = Number(latest.timestamp);
  return truth;
}
