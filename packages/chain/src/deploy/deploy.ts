import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { type Address, getAddress, type Hex, isAddress } from 'viem';
import { linkAccessCredential } from '../actions/admin.js';
import { createPlan, type PlanInput } from '../actions/plans.js';
import {
  accessCredentialNftAbi,
  accessCredentialNftBytecode,
  type BlockhostContracts,
  blockhostSubscriptionsAbi,
  blockhostSubscriptionsBytecode,
  LIMITS,
} from '../contracts.js';
import { ChainInputError, type MissingEventError } from '../errors.js';
import type { WriteClients } from '../internal/clients.js';
import type { WriteErrorType } from '../internal/send.js';
import { deployContract } from './deploy-contract.js';

export interface DeployBlockhostParameters {
  /** The operator's own wallet: DEFAULT_ADMIN_ROLE on both contracts (roles, tokens, withdraw). */
  readonly admin: Address;
  /** The host's server key: OPERATOR_ROLE and MINTER_ROLE. Default: the deploying account. */
  readonly server?: Address | undefined;
  /**
   * The USD stablecoin accepted from the start (an ERC-20), or nothing. (Test stablecoins:
   * `deployTestBlockhost` in `@blockhost/chain/testkit`.)
   */
  readonly stablecoin?: Address | undefined;
  /** More accepted ERC-20 stablecoins. */
  readonly paymentTokens?: readonly Address[] | undefined;
  /**
   * Native-coin payment: a Chainlink-style native/USD feed. Answers older than
   * `maxStalenessSeconds` are refused; default: the feed's heartbeat (`heartbeatSeconds`,
   * default 3600 like ETH/USD on Ethereum) plus a margin, so a payment does not fail while the
   * next scheduled update is on its way.
   */
  readonly priceFeed?: ({ readonly address: Address } & FeedStaleness) | undefined;
  /** Seconds a transfer of either contract's admin role waits before it can be accepted. */
  readonly adminDelaySeconds?: number | undefined;
  /** Created by the server key right after deployment (needs `server` = the deployer). */
  readonly firstPlan?: PlanInput | undefined;
  readonly nftName?: string | undefined;
  readonly nftSymbol?: string | undefined;
}

export interface DeployBlockhostReturnType extends BlockhostContracts {
  /** The block of the subscriptions contract's creation: scanning starts here. */
  readonly deployBlock: bigint;
  readonly stablecoin: Address | null;
  readonly priceFeed: Address | null;
  readonly firstPlanId: bigint | null;
  readonly transactions: readonly Hex[];
}

/** How stale a feed's answer may be: a heartbeat (plus the margin) or the bound itself. */
export interface FeedStaleness {
  readonly heartbeatSeconds?: number | undefined;
  readonly maxStalenessSeconds?: number | undefined;
}

/** Chainlink's ETH/USD heartbeat on Ethereum: an answer at least this often. */
export const DEFAULT_FEED_HEARTBEAT_SECONDS = 3600;
/** How late past its heartbeat a feed update may be before answers count as stale. */
export const FEED_STALENESS_MARGIN_SECONDS = 1800;

/**
 * The staleness bound for a feed with this heartbeat: heartbeat + margin. A bound equal to the
 * heartbeat would refuse payments for the minutes each scheduled update takes to land.
 */
export function feedMaxStaleness(heartbeatSeconds: number): number {
  return heartbeatSeconds + FEED_STALENESS_MARGIN_SECONDS;
}

/** Default staleness bound of the native price feed: ETH/USD's 1 h heartbeat + 30 min. */
export const DEFAULT_MAX_STALENESS_SECONDS = feedMaxStaleness(DEFAULT_FEED_HEARTBEAT_SECONDS);

/** Default wait of an admin-role transfer (OpenZeppelin AccessControlDefaultAdminRules). */
export const DEFAULT_ADMIN_DELAY_SECONDS = 2 * 86_400;

export type DeployBlockhostErrorType = WriteErrorType | MissingEventError | ChainInputError;

/**
 * A fresh BlockHost deployment from the wallet client's account: the subscriptions contract, the access NFT (linked to it: its holders control their
 * subscriptions), roles (admin = operator wallet, operator + minter = server key) and the first
 * plan.
 */
export function deployBlockhost(
  clients: WriteClients,
  p: DeployBlockhostParameters,
): ResultAsync<DeployBlockhostReturnType, DeployBlockhostErrorType> {
  const deployer = clients.walletClient.account.address;
  const server = p.server ?? deployer;
  const feed = p.priceFeed;
  const maxStaleness =
    feed?.maxStalenessSeconds ??
    feedMaxStaleness(feed?.heartbeatSeconds ?? DEFAULT_FEED_HEARTBEAT_SECONDS);
  const adminDelay = BigInt(p.adminDelaySeconds ?? DEFAULT_ADMIN_DELAY_SECONDS);
  for (const [what, value] of [
    ['admin', p.admin],
    ['server', server],
  ] as const) {
    if (!isAddress(value)) return errAsync(new ChainInputError(what, 'a 20-byte 0x address'));
  }
  if (
    feed &&
    (!Number.isInteger(maxStaleness) ||
      maxStaleness < 1 ||
      maxStaleness > LIMITS.MAX_STALENESS_SECONDS)
  ) {
    return errAsync(
      new ChainInputError(
        'priceFeed.maxStalenessSeconds',
        `whole seconds from 1 to ${LIMITS.MAX_STALENESS_SECONDS} (the feed's heartbeat plus a margin)`,
      ),
    );
  }
  if (
    p.adminDelaySeconds !== undefined &&
    (!Number.isInteger(p.adminDelaySeconds) ||
      p.adminDelaySeconds < 0 ||
      p.adminDelaySeconds >= 2 ** 48)
  ) {
    return errAsync(new ChainInputError('adminDelaySeconds', 'whole seconds, 0 or more'));
  }
  if (p.firstPlan && getAddress(server) !== getAddress(deployer)) {
    return errAsync(
      new ChainInputError('firstPlan', 'a deployment whose server key is the deploying account', {
        hint: 'create the plan afterwards with the server key',
      }),
    );
  }
  const transactions: Hex[] = [];

  const coin = p.stablecoin ?? null;
  const feedAddress = feed?.address ?? null;
  const tokens = [...(coin ? [coin] : []), ...(p.paymentTokens ?? [])];
  return deployContract(clients, {
    name: 'BlockhostSubscriptions',
    abi: blockhostSubscriptionsAbi,
    bytecode: blockhostSubscriptionsBytecode,
    args: [
      p.admin,
      server,
      tokens,
      feedAddress ?? '0x0000000000000000000000000000000000000000',
      BigInt(feedAddress ? maxStaleness : 0),
      adminDelay,
    ],
  }).andThen((subs) => {
    transactions.push(subs.transactionHash);
    return deployContract(clients, {
      name: 'AccessCredentialNFT',
      abi: accessCredentialNftAbi,
      bytecode: accessCredentialNftBytecode,
      args: [
        p.nftName ?? 'BlockHost Access',
        p.nftSymbol ?? 'BHA',
        p.admin,
        server,
        subs.address,
        adminDelay,
      ],
    })
      .andThen((nft) =>
        linkAccessCredential(clients, { address: subs.address, nft: nft.address }).map((link) => {
          transactions.push(nft.transactionHash, link.transactionHash);
          return nft;
        }),
      )
      .andThen((nft) => {
        const plan: ResultAsync<bigint | null, WriteErrorType | MissingEventError> = p.firstPlan
          ? createPlan(clients, { address: subs.address, plan: p.firstPlan }).map((r) => {
              transactions.push(r.transactionHash);
              return r.planId;
            })
          : okAsync(null);
        return plan.map((firstPlanId) => ({
          subscriptions: subs.address,
          nft: nft.address,
          deployBlock: subs.blockNumber,
          stablecoin: coin,
          priceFeed: feedAddress,
          firstPlanId,
          transactions,
        }));
      });
  });
}
