import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { type Address, erc20Abi, type Hex, parseAbi } from 'viem';
import { blockhostSubscriptionsAbi, NATIVE_TOKEN } from '../contracts.js';
import type { ChainInputError, MissingEventError } from '../errors.js';
import { toHexData } from '../internal/bytes.js';
import type { ReadClient, WriteClients } from '../internal/clients.js';
import { eventFromReceipt } from '../internal/receipt.js';
import { readContract, sendContract, type WriteErrorType } from '../internal/send.js';
import type { ReadErrorType } from './plans.js';

const abi = blockhostSubscriptionsAbi;
// Payments call the token: include the standard ERC-20 errors (ERC-6093) so its reverts decode.
const erc20Errors = parseAbi([
  'error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)',
  'error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)',
  'error ERC20InvalidApprover(address approver)',
  'error ERC20InvalidReceiver(address receiver)',
  'error ERC20InvalidSender(address sender)',
  'error ERC20InvalidSpender(address spender)',
]);
const payAbi = [...blockhostSubscriptionsAbi, ...erc20Errors];

/** A subscription as the contract stores it. */
export interface ChainSubscription {
  readonly id: bigint;
  readonly planId: bigint;
  /** Who bought it (fixed). Who controls it is the NFT's holder: `getSubscriptionController`. */
  readonly subscriber: Address;
  /** Unix seconds. */
  readonly expiresAt: number;
  readonly cancelled: boolean;
}

/** One subscription; an unknown id is `ContractRevertError` `SubscriptionNotFound`. */
export function getSubscription(
  client: ReadClient,
  p: {
    readonly address: Address;
    readonly subscriptionId: bigint;
    /** As of this block (default: the latest). */
    readonly blockNumber?: bigint | undefined;
  },
): ResultAsync<ChainSubscription, ReadErrorType> {
  return readContract(client, {
    abi,
    address: p.address,
    functionName: 'getSubscription',
    args: [p.subscriptionId],
    blockNumber: p.blockNumber,
  }).map((s) => ({
    id: s.id,
    planId: s.planId,
    subscriber: s.subscriber,
    expiresAt: Number(s.expiresAt),
    cancelled: s.cancelled,
  }));
}

/**
 * Who controls a subscription (may cancel it): its access NFT's holder once minted, the buyer
 * before.
 */
export function getSubscriptionController(
  client: ReadClient,
  p: { readonly address: Address; readonly subscriptionId: bigint },
): ResultAsync<Address, ReadErrorType> {
  return readContract(client, {
    abi,
    address: p.address,
    functionName: 'controllerOf',
    args: [p.subscriptionId],
  });
}

/** How many subscriptions exist (ids are 1..count). */
export function getSubscriptionCount(
  client: ReadClient,
  p: { readonly address: Address },
): ResultAsync<bigint, ReadErrorType> {
  return readContract(client, {
    abi,
    address: p.address,
    functionName: 'subscriptionCount',
    args: [],
  });
}

/**
 * Subscriptions `fromId`..count (default: all), read in parallel batches: the daemon's periodic
 * state sweep, which repairs anything an event stream could have missed.
 */
export function listSubscriptions(
  client: ReadClient,
  p: {
    readonly address: Address;
    readonly fromId?: bigint | undefined;
    readonly concurrency?: number | undefined;
  },
): ResultAsync<ChainSubscription[], ReadErrorType> {
  const batch = Math.max(1, p.concurrency ?? 16);
  return getSubscriptionCount(client, p).andThen((count) => {
    const ids: bigint[] = [];
    for (let id = p.fromId && p.fromId > 1n ? p.fromId : 1n; id <= count; id++) ids.push(id);
    const readBatch = (
      i: number,
      acc: ChainSubscription[],
    ): ResultAsync<ChainSubscription[], ReadErrorType> =>
      i >= ids.length
        ? okAsync(acc)
        : ResultAsync.combine(
            ids
              .slice(i, i + batch)
              .map((subscriptionId) =>
                getSubscription(client, { address: p.address, subscriptionId }),
              ),
          ).andThen((subs) => readBatch(i + batch, [...acc, ...subs]));
    return readBatch(0, []);
  });
}

/** The accepted ERC-20 payment tokens. */
export function getPaymentTokens(
  client: ReadClient,
  p: { readonly address: Address },
): ResultAsync<readonly Address[], ReadErrorType> {
  return readContract(client, {
    abi,
    address: p.address,
    functionName: 'getPaymentTokens',
    args: [],
  });
}

export interface QuoteParameters {
  readonly address: Address;
  readonly planId: bigint;
  readonly days: number;
  /** ERC-20 address, or `NATIVE_TOKEN` (the default) for the native coin. */
  readonly token?: Address | undefined;
}

/** The price of `days` days in the token's smallest unit (wei for the native coin). */
export function quote(client: ReadClient, p: QuoteParameters): ResultAsync<bigint, ReadErrorType> {
  return readContract(client, {
    abi,
    address: p.address,
    functionName: 'quote',
    args: [p.planId, BigInt(p.days), p.token ?? NATIVE_TOKEN],
  });
}

// `approve` without a declared result: USDT and its kind return nothing, and decoding a `bool`
// from no data would fail a call that succeeded.
const approveAbi = [
  {
    type: 'function',
    name: 'approve',
    stateMutability: 'nonpayable',
    inputs: [
      { name: 'spender', type: 'address' },
      { name: 'amount', type: 'uint256' },
    ],
    outputs: [],
  },
] as const;

/**
 * Approves the subscriptions contract for `amount` of `token` unless the allowance covers it.
 * A token that refuses to change a non-zero allowance (mainnet USDT) gets it set to 0 first.
 * Returns the hash of the (last) approval, or null when none was needed.
 */
export function ensureAllowance(
  clients: WriteClients,
  p: { readonly token: Address; readonly spender: Address; readonly amount: bigint },
): ResultAsync<Hex | null, WriteErrorType> {
  const owner = clients.walletClient.account.address;
  const approve = (amount: bigint) =>
    sendContract(clients, {
      abi: approveAbi,
      address: p.token,
      functionName: 'approve',
      args: [p.spender, amount],
    }).map((tx) => tx.transactionHash);
  return readContract(clients.publicClient, {
    abi: erc20Abi,
    address: p.token,
    functionName: 'allowance',
    args: [owner, p.spender],
  }).andThen((allowance) => {
    if (allowance >= p.amount) return okAsync(null);
    if (allowance === 0n) return approve(p.amount);
    // The simulation inside sendContract tells whether the token takes the change directly.
    return approve(p.amount).orElse((e) =>
      e.code === 'CONTRACT_REVERT' ? approve(0n).andThen(() => approve(p.amount)) : errAsync(e),
    );
  });
}

interface PaymentParameters {
  readonly address: Address;
  readonly days: number;
  /** ERC-20 address, or `NATIVE_TOKEN` (default) for the native coin. */
  readonly token?: Address | undefined;
  /** Refuse to pay more than this; default: the current quote. */
  readonly maxAmount?: bigint | undefined;
  /** Native payment: the value sent (excess is refunded); default `maxAmount`. Leave unset for ERC-20. */
  readonly value?: bigint | undefined;
  /** ERC-20 payment: approve the contract first when needed (default true). */
  readonly approve?: boolean | undefined;
}

function preparePayment(
  clients: WriteClients,
  p: PaymentParameters,
  planId: ResultAsync<bigint, ReadErrorType>,
): ResultAsync<{ token: Address; maxAmount: bigint; value: bigint | undefined }, WriteErrorType> {
  const token = p.token ?? NATIVE_TOKEN;
  const native = token.toLowerCase() === NATIVE_TOKEN;
  const maxAmount: ResultAsync<bigint, WriteErrorType> =
    p.maxAmount !== undefined
      ? okAsync(p.maxAmount)
      : planId.andThen((id) =>
          quote(clients.publicClient, { address: p.address, planId: id, days: p.days, token }),
        );
  return maxAmount.andThen((max) => {
    if (native) return okAsync({ token, maxAmount: max, value: p.value ?? max });
    const approved =
      p.approve === false
        ? okAsync(null)
        : ensureAllowance(clients, { token, spender: p.address, amount: max });
    return approved.map(() => ({ token, maxAmount: max, value: p.value }));
  });
}

export interface BuySubscriptionParameters extends PaymentParameters {
  readonly planId: bigint;
  /** The customer's signature ECIES-encrypted to the host key (`encryptUserSignature`). */
  readonly userEncrypted: Hex | Uint8Array;
}

export interface BuySubscriptionReturnType {
  readonly subscriptionId: bigint;
  readonly expiresAt: number;
  readonly paidAmount: bigint;
  readonly transactionHash: Hex;
  readonly blockNumber: bigint;
}

export type BuySubscriptionErrorType = WriteErrorType | MissingEventError | ChainInputError;
/** Buys a subscription from the wallet client's account (customer side: tests, demo, pages). */
export function buySubscription(
  clients: WriteClients,
  p: BuySubscriptionParameters,
): ResultAsync<BuySubscriptionReturnType, BuySubscriptionErrorType> {
  return toHexData(p.userEncrypted, 'userEncrypted')
    .asyncAndThen((userEncrypted) =>
      preparePayment(clients, p, okAsync(p.planId)).map((pay) => ({ pay, userEncrypted })),
    )
    .andThen(({ pay, userEncrypted }) =>
      sendContract(clients, {
        abi: payAbi,
        address: p.address,
        functionName: 'buySubscription',
        args: [p.planId, BigInt(p.days), pay.token, pay.maxAmount, userEncrypted],
        value: pay.value,
      }),
    )
    .andThen((tx) =>
      eventFromReceipt<{ subscriptionId: bigint; expiresAt: bigint; paidAmount: bigint }>(
        tx.receipt,
        abi,
        p.address,
        'SubscriptionCreated',
      ).map((e) => ({
        subscriptionId: e.subscriptionId,
        expiresAt: Number(e.expiresAt),
        paidAmount: e.paidAmount,
        transactionHash: tx.transactionHash,
        blockNumber: tx.blockNumber,
      })),
    );
}

export interface ExtendSubscriptionParameters extends PaymentParameters {
  readonly subscriptionId: bigint;
}

export interface ExtendSubscriptionReturnType {
  readonly newExpiresAt: number;
  readonly paidAmount: bigint;
  readonly transactionHash: Hex;
  readonly blockNumber: bigint;
}

export type ExtendSubscriptionErrorType = WriteErrorType | MissingEventError;
/** Pays for more days; anyone may extend anyone's subscription. */
export function extendSubscription(
  clients: WriteClients,
  p: ExtendSubscriptionParameters,
): ResultAsync<ExtendSubscriptionReturnType, ExtendSubscriptionErrorType> {
  const planId = getSubscription(clients.publicClient, p).map((s) => s.planId);
  return preparePayment(clients, p, planId)
    .andThen((pay) =>
      sendContract(clients, {
        abi: payAbi,
        address: p.address,
        functionName: 'extendSubscription',
        args: [p.subscriptionId, BigInt(p.days), pay.token, pay.maxAmount],
        value: pay.value,
      }),
    )
    .andThen((tx) =>
      eventFromReceipt<{ newExpiresAt: bigint; paidAmount: bigint }>(
        tx.receipt,
        abi,
        p.address,
        'SubscriptionExtended',
      ).map((e) => ({
        newExpiresAt: Number(e.newExpiresAt),
        paidAmount: e.paidAmount,
        transactionHash: tx.transactionHash,
        blockNumber: tx.blockNumber,
      })),
    );
}

/**
 * Cancels a subscription: its controller (the access NFT's holder, or the buyer before the NFT
 * is minted) or the operator.
 */
export function cancelSubscription(
  clients: WriteClients,
  p: { readonly address: Address; readonly subscriptionId: bigint },
): ResultAsync<{ transactionHash: Hex; blockNumber: bigint }, WriteErrorType> {
  return sendContract(clients, {
    abi,
    address: p.address,
    functionName: 'cancelSubscription',
    args: [p.subscriptionId],
  }).map((tx) => ({ transactionHash: tx.transactionHash, blockNumber: tx.blockNumber }));
}
