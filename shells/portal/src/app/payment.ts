/**
 * Days + payment token + live quote (buy and renew share it), and the payment itself: balance
 * check, exact approval, then the contract call — each a step the customer sees.
 */
import { ensureAllowance } from '@blockhost/chain';
import type { Address } from 'viem';
import { allowanceOf, balanceOf, loadPaymentTokens, type PaymentToken, quoteFor } from './chain.js';
import type { App } from './context.js';
import { h, uid } from './dom.js';
import { humanize } from './errors.js';
import { formatAmount, formatUsdCents } from './format.js';

export interface Quote {
  readonly amount: bigint;
  /** What the customer authorises: the quote, plus 1% for the native coin (its price moves; the contract refunds the excess). */
  readonly maxAmount: bigint;
  readonly token: PaymentToken;
  readonly days: number;
}

/** The quote in words; for the native coin also what the wallet authorises (the excess is refunded). */
export function quoteText(
  q: Quote,
  usdCentsPerDay: bigint | undefined,
): { text: string; note: string } {
  const usd =
    usdCentsPerDay === undefined ? '' : ` (${formatUsdCents(usdCentsPerDay * BigInt(q.days))})`;
  const price = formatAmount(q.amount, q.token.decimals, q.token.symbol);
  return {
    text: `${q.days} day${q.days === 1 ? '' : 's'}: ${price}${usd}`,
    note: q.token.native
      ? `The native coin's price moves: your wallet authorises up to ${formatAmount(q.maxAmount, 18, q.token.symbol)}, and the contract refunds what is not needed.`
      : '',
  };
}

export interface PaymentFields {
  readonly el: HTMLElement;
  days(): number | null;
  token(): PaymentToken | null;
  /** A fresh quote from the contract (also refreshes the output). */
  quote(): Promise<Quote>;
  refresh(): void;
}

/**
 * `planId` and `usdPerDay` say what is priced; `describe` adds a line under the quote (the
 * renewal's new expiry). Fails visibly (the error box) when tokens or quotes cannot be read.
 */
export function paymentFields(
  app: App,
  o: {
    planId: () => bigint | null;
    usdPerDay: () => bigint | undefined;
    /** A line under the quote; `expiry` (unix s) is also kept as data-expiry for tools. */
    describe?: (q: Quote) => Promise<{ text: string; expiry?: number } | null>;
    onError: (e: unknown, retry: () => void) => void;
  },
): PaymentFields {
  const daysInput = h('input', {
    type: 'number',
    min: '1',
    max: '3650',
    step: '1',
    value: '30',
    id: uid('days'),
    inputMode: 'numeric',
    required: true,
  });
  const tokenSelect = h('select', { id: uid('token'), required: true });
  const output = h('output', {
    class: 'quote',
    'aria-live': 'polite',
    for: `${daysInput.id} ${tokenSelect.id}`,
  });
  const extra = h('p', { class: 'quote-extra', 'aria-live': 'polite' });
  const note = h('p', { class: 'hint' });
  let tokens: PaymentToken[] = [];
  let seq = 0;

  const days = () => {
    const n = Number(daysInput.value);
    return Number.isInteger(n) && n >= 1 && n <= 3650 ? n : null;
  };
  const token = () => tokens.find((t) => t.address === tokenSelect.value) ?? null;

  const quote = async (): Promise<Quote> => {
    const d = days();
    const t = token();
    const planId = o.planId();
    if (d === null)
      throw Object.assign(new Error('days'), { code: 'CONTRACT_REVERT', errorName: 'InvalidDays' });
    if (!t || planId === null) throw new Error('no payment token or plan selected');
    const r = await quoteFor(app.reader, app.config, { planId, days: d, token: t.address });
    if (r.isErr()) throw r.error;
    const amount = r.value;
    return { amount, maxAmount: t.native ? amount + amount / 100n : amount, token: t, days: d };
  };

  const refresh = () => {
    const mine = ++seq;
    if (days() === null) {
      output.textContent = 'Enter a whole number of days from 1 to 3650.';
      extra.textContent = '';
      note.textContent = '';
      return;
    }
    if (!token() || o.planId() === null) return;
    output.textContent = 'Getting the price…';
    // The line under the quote belongs to the old quote until the new one is in: a 30-day
    // expiry beside a 10-day price would mislead (and did mislead a test reading data-expiry).
    extra.textContent = '';
    delete extra.dataset.expiry;
    quote().then(
      async (q) => {
        if (mine !== seq) return;
        const words = quoteText(q, token()?.native ? o.usdPerDay() : undefined);
        const more = o.describe ? await o.describe(q).catch(() => null) : null;
        if (mine !== seq) return;
        // Price and its line appear together, so nothing reads one without the other.
        output.textContent = words.text;
        note.textContent = words.note;
        extra.textContent = more?.text ?? '';
        if (more?.expiry !== undefined) extra.dataset.expiry = String(more.expiry);
        else delete extra.dataset.expiry;
      },
      (e) => {
        if (mine !== seq) return;
        output.textContent = '';
        note.textContent = '';
        o.onError(e, refresh);
      },
    );
  };

  const loadTokens = () => {
    const planId = o.planId() ?? 1n;
    loadPaymentTokens(app.reader, app.config, planId).then((r) => {
      if (r.isErr()) {
        o.onError(r.error, loadTokens);
        return;
      }
      tokens = r.value;
      tokenSelect.replaceChildren(
        ...tokens.map((t) =>
          h('option', { value: t.address }, t.native ? `${t.symbol} (native coin)` : t.symbol),
        ),
      );
      refresh();
    });
  };
  loadTokens();

  daysInput.addEventListener('input', refresh);
  tokenSelect.addEventListener('change', refresh);

  const el = h(
    'div',
    { class: 'payment' },
    h(
      'div',
      { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: daysInput.id }, 'Days'), daysInput),
      h('div', { class: 'field' }, h('label', { for: tokenSelect.id }, 'Pay with'), tokenSelect),
    ),
    output,
    note,
    extra,
  );
  return { el, days, token, quote, refresh };
}

/** Refuses before anything is signed when the wallet cannot pay. */
export async function checkBalance(app: App, q: Quote, owner: Address): Promise<void> {
  const r = await balanceOf(app.reader, q.token, owner);
  if (r.isErr()) throw r.error;
  if (r.value < q.maxAmount) {
    const have = formatAmount(r.value, q.token.decimals, q.token.symbol);
    const need = formatAmount(q.maxAmount, q.token.decimals, q.token.symbol);
    throw Object.assign(new Error('insufficient balance'), {
      code: 'INSUFFICIENT_BALANCE',
      human: {
        title: `Your wallet holds ${have}; this needs ${need}${q.token.native ? ' plus the network fee' : ''}.`,
        detail:
          'Nothing was signed or sent. Top up the wallet, or pick fewer days or another token.',
      },
    });
  }
}

/**
 * Approves exactly the price when the allowance is short, then checks what the wallet really
 * approved (wallets let people lower the spending cap): a short allowance stops here, before
 * the purchase is sent.
 */
export async function approveExact(app: App, q: Quote): Promise<'approved' | 'enough'> {
  const owner = app.requireWallet().address;
  const spender = app.config.contracts.subscriptions;
  const before = await allowanceOf(app.reader, app.config, q.token.address, owner);
  if (before.isErr()) throw before.error;
  if (before.value >= q.maxAmount) return 'enough';
  const r = await ensureAllowance(app.writeClients(), {
    token: q.token.address,
    spender,
    amount: q.maxAmount,
  });
  if (r.isErr()) throw r.error;
  const after = await allowanceOf(app.reader, app.config, q.token.address, owner);
  if (after.isErr()) throw after.error;
  if (after.value < q.maxAmount) {
    throw Object.assign(new Error('insufficient allowance'), {
      code: 'INSUFFICIENT_ALLOWANCE',
      human: {
        title: `The wallet approved only ${formatAmount(after.value, q.token.decimals, q.token.symbol)}; the price is ${formatAmount(q.maxAmount, q.token.decimals, q.token.symbol)}.`,
        detail:
          'Nothing was bought. Try again and keep the spending cap the wallet proposes (the exact price).',
      },
    });
  }
  return 'approved';
}

/** humanize() that knows this module's own refusals. */
export function explain(e: unknown, action: string) {
  const own = (e as { human?: { title: string; detail?: string } } | null)?.human;
  return own ?? humanize(e, action);
}
