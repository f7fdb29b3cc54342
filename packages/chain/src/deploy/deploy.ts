import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { type Address, getAddress, type Hex, isAddress } from 'viem';
import { createPlan, type PlanInput } from '../actions/plans.js';
import {
  accessCredentialNftAbi,
  accessCredentialNftBytecode,
  type BlockhostContracts,
  blockhostSubscriptionsAbi,
  blockhostSubscriptionsBytecode,
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
  /** Native-coin payment: a Chainlink-style native/USD feed. */
  readonly priceFeed?:
    | {
        readonly address: Address;
        readonly maxStalenessSeconds?: number | undefined;
      }
    | undefined;
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

/** Default staleness bound of the native price feed (Chainlink's ETH/USD heartbeat is 1 h). */
export const DEFAULT_MAX_STALENESS_SECONDS = 3600;

export type DeployBlockhostErrorType = WriteErrorType | MissingEventError | ChainInputError;
/**
 * A fresh BlockHost deployment from the wallet client's account: optional test stablecoin and
 * feed, the subscriptions contract, the access NFT, roles (admin = operator wallet,
 * operator + minter = server key) and the first plan.
 */
export function deployBlockhost(
  clients: WriteClients,
  p: DeployBlockhostParameters,
): ResultAsync<DeployBlockhostReturnType, DeployBlockhostErrorType> {
  const deployer = clients.walletClient.account.address;
  const server = p.server ?? deployer;
  for (const [what, value] of [
    ['admin', p.admin],
    ['server', server],
  ] as const) {
    if (!isAddress(value)) return errAsync(new ChainInputError(what, 'a 20-byte 0x address'));
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
  const feedAddress = p.priceFeed?.address ?? null;
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
      BigInt(feedAddress ? (p.priceFeed?.maxStalenessSeconds ?? DEFAULT_MAX_STALENESS_SECONDS) : 0),
    ],
  }).andThen((subs) => {
    transactions.push(subs.transactionHash);
    return deployContract(clients, {
      name: 'AccessCredentialNFT',
      abi: accessCredentialNftAbi,
      bytecode: accessCredentialNftBytecode,
      args: [p.nftName ?? 'BlockHost Access', p.nftSymbol ?? 'BHA', p.admin, server, subs.address],
    }).andThen((nft) => {
      transactions.push(nft.transactionHash);
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
