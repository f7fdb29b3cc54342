/**
 * What a customer reads when something goes wrong: one sentence saying what happened and what
 * to do, never a stack or an RPC dump (the raw text goes to the console for support).
 */
import { walletErrorCode } from './wallet.js';

export interface HumanError {
  readonly title: string;
  readonly detail?: string | undefined;
}

/** Contract errors a customer can meet, in words. */
const REVERTS: Record<string, string> = {
  PlanInactive: 'This plan is no longer sold. Pick another plan.',
  PlanNotFound: 'This plan does not exist on this host.',
  SubscriptionNotFound: 'There is no subscription with this number.',
  SubscriptionIsCancelled: 'This subscription was cancelled; it cannot be renewed.',
  InvalidDays: 'The number of days must be between 1 and 3650.',
  UserEncryptedTooLong: 'The encrypted key is too long (the wallet signature is unusual).',
  TokenNotAccepted: 'This host does not accept that token.',
  PaymentShortfall: 'The token delivered less than the price (it takes a fee on transfers).',
  NativePaymentDisabled: 'This host does not accept the native coin.',
  StalePrice:
    'The price feed for the native coin is out of date. Pay with a stablecoin, or try later.',
  InvalidPrice: 'The price feed for the native coin gave no valid price. Pay with a stablecoin.',
  SequencerDown: 'The network is degraded right now; native payments are paused. Try later.',
  SequencerGracePeriodNotOver: 'The network just recovered; native payments resume shortly.',
  PriceAboveMaximum: 'The price went up since the quote. Check the new quote and try again.',
  InsufficientPayment:
    'The amount sent does not cover the price. Check the new quote and try again.',
  ERC20InsufficientBalance: 'Your token balance does not cover the price.',
  ERC20InsufficientAllowance:
    'The token allowance is lower than the price (was the spending cap changed in the wallet?). Approve at least the price and try again.',
};

interface ErrorLike {
  name?: string;
  code?: string | number;
  errorName?: string;
  shortMessage?: string;
  message?: string;
  cause?: unknown;
}

function walk(e: unknown, test: (x: ErrorLike) => boolean): ErrorLike | undefined {
  for (let x = e, i = 0; x && i < 10; i++) {
    if (test(x as ErrorLike)) return x as ErrorLike;
    x = (x as ErrorLike).cause;
  }
  return undefined;
}

export function isUserRejection(e: unknown): boolean {
  return walletErrorCode(e) === 4001 || !!walk(e, (x) => x.name === 'UserRejectedRequestError');
}

/** Turns any failure into words; `action` says what was being done ("buying", "renewing"). */
export function humanize(e: unknown, action: string): HumanError {
  console.error(`${action} failed:`, e);
  if (isUserRejection(e))
    return {
      title: `You declined the request in your wallet. Nothing was ${action === 'signing' ? 'signed' : 'sent'}.`,
    };
  const revert = walk(e, (x) => x.code === 'CONTRACT_REVERT' && typeof x.errorName === 'string');
  if (revert?.errorName) {
    const words = REVERTS[revert.errorName];
    return {
      title: words ?? `The contract refused: ${revert.errorName}.`,
      detail: `The transaction was checked before sending and would have failed (${revert.errorName}); nothing was sent.`,
    };
  }
  if (walk(e, (x) => x.code === 'TRANSACTION_REVERTED'))
    return {
      title: 'The transaction was mined but failed (the state changed after the check).',
      detail: 'Your wallet paid the gas only. Reload and try again.',
    };
  if (walk(e, (x) => x.name === 'ChainMismatchError' || x.code === 'WRONG_CHAIN'))
    return { title: 'Your wallet switched to another network. Switch back and try again.' };
  if (
    walk(
      e,
      (x) =>
        x.name === 'InsufficientFundsError' || /insufficient funds/i.test(String(x.message ?? '')),
    )
  )
    return {
      title: 'Your wallet does not hold enough for the payment plus the network fee (gas).',
    };
  if (walletErrorCode(e) === 4100 || walletErrorCode(e) === 4900)
    return { title: 'The wallet is locked or disconnected. Unlock it and try again.' };
  if (
    walk(
      e,
      (x) =>
        x.code === 'RPC_ERROR' ||
        x.name === 'HttpRequestError' ||
        x.name === 'TimeoutError' ||
        x.name === 'WebSocketRequestError' ||
        /fetch|network/i.test(String(x.message ?? '')),
    )
  )
    return {
      title: 'The blockchain cannot be reached right now.',
      detail: 'Its RPC service did not answer. Check your connection and try again in a moment.',
    };
  const short = walk(e, (x) => typeof x.shortMessage === 'string')?.shortMessage;
  return { title: `Something went wrong while ${action}.`, detail: short?.split('\n')[0] };
}
