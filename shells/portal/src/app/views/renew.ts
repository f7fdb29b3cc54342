/**
 * Renew or gift: any subscription number, yours or someone else's. Shows the subscription, the
 * price and the new expiry before anything is signed; then approve (exact) and extend.
 */
import { extendSubscription } from '@blockhost/chain';
import { chainNow, loadSubscription, type SubscriptionView } from '../chain.js';
import { errorBox, steps } from '../components.js';
import type { App } from '../context.js';
import { clear, h, uid } from '../dom.js';
import { humanize } from '../errors.js';
import { DAY, formatDate, shortAddress } from '../format.js';
import { approveExact, checkBalance, explain, paymentFields } from '../payment.js';
import { planSummary } from './buy.js';
import { statusOf } from './vms.js';

export function renewView(app: App, main: HTMLElement, initialId: string | null): () => void {
  const errors = errorBox();
  const idInput = h('input', {
    type: 'text',
    inputMode: 'numeric',
    pattern: '[0-9]+',
    id: uid('sub'),
    value: initialId ?? '',
    autocomplete: 'off',
    required: true,
  });
  const summary = h('div', { class: 'summary', 'aria-live': 'polite' });
  const progress = h('div', { class: 'progress' });
  const button = h('button', { type: 'submit', disabled: true }, 'Renew');
  let current: SubscriptionView | null = null;
  let offset = 0;

  const pay = paymentFields(app, {
    planId: () => current?.subscription.planId ?? null,
    usdPerDay: () => current?.plan?.pricePerDayUsdCents,
    describe: async (q) => {
      if (!current) return null;
      const t = await chainNow(app.reader);
      if (t.isOk()) offset = t.value - Math.floor(Date.now() / 1000);
      const now = Math.floor(Date.now() / 1000) + offset;
      const next = Math.max(current.subscription.expiresAt, now) + q.days * DAY;
      return { text: `New expiry: ${formatDate(next)}.`, expiry: next };
    },
    onError: (e, retry) => errors.show(explain(e, 'getting the price'), retry),
  });
  const payBox = h('div', { hidden: true }, pay.el);

  const lookup = async (keepProgress = false) => {
    errors.clear();
    if (!keepProgress) clear(progress);
    current = null;
    button.disabled = true;
    payBox.hidden = true;
    const raw = idInput.value.trim();
    if (!/^[1-9][0-9]{0,18}$/.test(raw)) {
      clear(summary);
      errors.show({ title: 'Enter a subscription number (a whole number from 1).' });
      return;
    }
    clear(summary, h('p', {}, 'Looking it up…'));
    const [v, t] = await Promise.all([
      loadSubscription(app.reader, app.config, BigInt(raw), app.plans ?? []),
      chainNow(app.reader),
    ]);
    if (v.isErr() || t.isErr()) {
      clear(summary);
      errors.show(
        humanize(v.isErr() ? v.error : t._unsafeUnwrapErr(), 'looking up the subscription'),
        () => void lookup(),
      );
      return;
    }
    offset = t.value - Math.floor(Date.now() / 1000);
    current = v.value;
    const st = statusOf(current, t.value, app.config.graceDays);
    const mine =
      app.wallet && current.controller.toLowerCase() === app.wallet.address.toLowerCase();
    clear(
      summary,
      h(
        'dl',
        { class: 'facts' },
        h('dt', {}, 'Subscription'),
        h('dd', {}, String(current.subscription.id)),
        h('dt', {}, 'Plan'),
        h(
          'dd',
          {},
          current.plan
            ? `${current.plan.name}: ${planSummary(current.plan)}`
            : `plan ${current.subscription.planId}`,
        ),
        h('dt', {}, 'Held by'),
        h(
          'dd',
          {},
          mine
            ? `you (${shortAddress(current.controller)})`
            : h('span', {}, h('code', {}, current.controller), ' — your payment is a gift'),
        ),
        h('dt', {}, 'Status'),
        h(
          'dd',
          {},
          st.kind === 'active'
            ? `active, paid until ${formatDate(st.until)}`
            : st.kind === 'suspended'
              ? `suspended since ${formatDate(st.since)}; destroyed on ${formatDate(st.destroyAt)} unless renewed`
              : st.kind === 'gone'
                ? `expired; its VM was destroyed on ${formatDate(st.since)}`
                : 'cancelled',
        ),
      ),
    );
    if (st.kind === 'cancelled') {
      errors.show({ title: 'This subscription was cancelled; it cannot be renewed.' });
      return;
    }
    if (st.kind === 'gone')
      summary.append(
        h(
          'p',
          { class: 'notice' },
          'Its VM no longer exists. Whether a renewal sets up a new one depends on the host: ask support before paying.',
        ),
      );
    payBox.hidden = false;
    button.disabled = false;
    pay.refresh();
  };

  const submit = async () => {
    errors.clear();
    if (!current) return;
    button.disabled = true;
    const st = steps({ approve: 'Approve the exact price', pay: 'Pay for the days' });
    let step = 'approve';
    try {
      const w = app.requireWallet();
      const q = await pay.quote();
      await checkBalance(app, q, w.address);
      clear(progress, h('h2', {}, 'Progress'), st.el);
      if (q.token.native) st.set('approve', 'skipped', 'paying with the native coin');
      else {
        st.set('approve', 'active', 'in your wallet');
        const a = await approveExact(app, q);
        st.set(
          'approve',
          a === 'enough' ? 'skipped' : 'done',
          a === 'enough' ? 'already approved' : undefined,
        );
      }
      step = 'pay';
      st.set('pay', 'active', 'in your wallet');
      const r = await extendSubscription(app.writeClients(), {
        address: app.config.contracts.subscriptions,
        subscriptionId: current.subscription.id,
        days: q.days,
        token: q.token.address,
        maxAmount: q.maxAmount,
        ...(q.token.native ? { value: q.maxAmount } : {}),
        approve: false,
      });
      if (r.isErr()) throw r.error;
      st.set('pay', 'done');
      const wasDown = current.subscription.expiresAt <= Math.floor(Date.now() / 1000) + offset;
      progress.append(
        h(
          'p',
          { class: 'success' },
          `Renewed: subscription ${current.subscription.id} is paid until ${formatDate(r.value.newExpiresAt)}.`,
          wasDown ? ' The host resumes the VM within a minute.' : '',
        ),
      );
      await lookup(true);
    } catch (e) {
      st.set(step, 'failed');
      errors.show(explain(e, 'renewing'));
    } finally {
      button.disabled = current === null;
    }
  };

  const findForm = h(
    'form',
    {
      class: 'find',
      novalidate: true,
      on: {
        submit: (e) => {
          e.preventDefault();
          void lookup();
        },
      },
    },
    h(
      'div',
      { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: idInput.id }, 'Subscription number'), idInput),
      h('button', { type: 'submit', class: 'secondary' }, 'Look up'),
    ),
  );
  const payForm = h(
    'form',
    {
      class: 'renew',
      novalidate: true,
      'aria-label': 'Payment',
      on: {
        submit: (e) => {
          e.preventDefault();
          void submit();
        },
      },
    },
    payBox,
    button,
  );
  clear(
    main,
    h('h1', { id: 'page-title', tabIndex: -1 }, 'Renew or gift'),
    h(
      'p',
      { class: 'lead' },
      "Add days to any subscription: yours, or someone else's as a gift. A suspended VM is resumed as soon as the payment is on chain.",
    ),
    findForm,
    summary,
    payForm,
    errors.el,
    progress,
  );
  if (initialId) void lookup();
  return () => {};
}
