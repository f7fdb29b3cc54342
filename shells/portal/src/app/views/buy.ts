/**
 * Buy: plan, days, token, live quote → sign the key message → ECIES to the host key → approve
 * (exact, stablecoins) → buySubscription → follow the subscription until its access NFT (the VM
 * is running) → decrypt and show the connection details with the signature already in hand.
 */
import {
  buySubscription,
  decryptConnectionDetails,
  encryptUserSignature,
  getPlan,
} from '@blockhost/chain';
import type { Plan } from '@blockhost/core';
import { encryptedDetails, tokenOf } from '../chain.js';
import { connectionCard, errorBox, steps } from '../components.js';
import type { App } from '../context.js';
import { clear, h } from '../dom.js';
import { formatDate, formatMemory, formatUsdCents } from '../format.js';
import { approveExact, checkBalance, explain, paymentFields } from '../payment.js';
import { rememberPending } from '../pending.js';

export function planSummary(p: Plan): string {
  return `${p.cores} vCPU${p.cores === 1 ? '' : 's'}, ${formatMemory(p.memoryMiB)} memory, ${p.diskGiB} GiB disk`;
}

export function buyView(app: App, main: HTMLElement): () => void {
  let stopped = false;
  const errors = errorBox();
  const plans = (app.plans ?? []).filter((p) => p.active);
  let planId: bigint | null = plans[0]?.id ?? null;

  const planList = h(
    'fieldset',
    { class: 'plans' },
    h('legend', {}, 'Plan'),
    ...plans.map((p, i) =>
      h(
        'label',
        { class: 'plan' },
        h('input', {
          type: 'radio',
          name: 'plan',
          value: String(p.id),
          checked: i === 0,
          on: {
            change: () => {
              planId = p.id;
              pay.refresh();
            },
          },
        }),
        h(
          'span',
          { class: 'plan-body' },
          h('span', { class: 'plan-name' }, p.name),
          h('span', { class: 'plan-spec' }, planSummary(p)),
          h('span', { class: 'plan-price' }, `${formatUsdCents(p.pricePerDayUsdCents)} per day`),
        ),
      ),
    ),
  );

  const pay = paymentFields(app, {
    planId: () => planId,
    usdPerDay: () => plans.find((p) => p.id === planId)?.pricePerDayUsdCents,
    onError: (e, retry) => errors.show(explain(e, 'getting the price'), retry),
  });

  const button = h('button', { type: 'submit' }, 'Buy');
  const progress = h('div', { class: 'progress' });
  const form = h(
    'form',
    { class: 'buy', 'aria-labelledby': 'page-title', novalidate: true },
    planList,
    pay.el,
    h(
      'p',
      { class: 'hint' },
      'Buying asks your wallet for a signature first (it protects your login details; it costs nothing), then for the payment.',
    ),
    button,
  );

  const follow = async (
    subscriptionId: bigint,
    signature: `0x${string}`,
    st: ReturnType<typeof steps>,
  ) => {
    st.set('setup', 'active', 'usually under a minute');
    for (;;) {
      if (stopped) return;
      const t = await tokenOf(app.reader, app.config, subscriptionId);
      if (t.isOk() && t.value !== null) {
        st.set('setup', 'done');
        const enc = await encryptedDetails(app.reader, app.config, t.value);
        if (enc.isErr()) throw enc.error;
        if (enc.value === '0x') {
          st.set('details', 'failed');
          errors.show({
            title:
              'Your VM is running, but the host could not read your encrypted key, so there are no login details yet.',
            detail: `Contact support with subscription number ${subscriptionId}.`,
          });
          return;
        }
        const d = decryptConnectionDetails({ signature }, enc.value);
        if (d.isErr()) throw d.error;
        st.set('details', 'done');
        progress.append(
          h('p', { class: 'success' }, `Your VM is running (access token #${t.value}).`),
          connectionCard(
            d.value,
            app.config,
            `Connection details for subscription ${subscriptionId}`,
          ),
          h('p', {}, 'You find it again any time under ', h('a', { href: '#/vms' }, 'My VMs'), '.'),
        );
        return;
      }
      await new Promise((r) => setTimeout(r, 1500));
    }
  };

  const submit = async () => {
    errors.clear();
    if (app.serverKeyOk === false) {
      errors.show({
        title:
          "This site is misconfigured: its server key is not the host's. Buying is turned off so your payment cannot go astray.",
        detail: 'Contact the operator (see Support below).',
      });
      return;
    }
    button.disabled = true;
    const st = steps({
      sign: 'Sign the key message',
      approve: 'Approve the exact price',
      pay: 'Pay',
      setup: 'Host sets up your VM',
      details: 'Show your login details',
    });
    let current = 'sign';
    let bought: bigint | null = null;
    try {
      const w = app.requireWallet();
      const q = await pay.quote();
      await checkBalance(app, q, w.address);
      clear(progress, h('h2', {}, 'Progress'), st.el);
      st.set('sign', 'active', 'in your wallet');
      const signature = await app.keySignature();
      const userEncrypted = encryptUserSignature({
        serverPublicKey: app.config.serverPublicKey,
        signature,
      });
      if (userEncrypted.isErr()) throw userEncrypted.error;
      st.set('sign', 'done');
      current = 'approve';
      if (q.token.native) st.set('approve', 'skipped', 'paying with the native coin');
      else {
        // An approval is only worth sending if the purchase can go through.
        const plan = await getPlan(app.reader, {
          address: app.config.contracts.subscriptions,
          planId: planId!,
        });
        if (plan.isErr()) throw plan.error;
        if (!plan.value.active)
          throw Object.assign(new Error('plan inactive'), {
            human: {
              title: 'This plan is no longer sold. Pick another plan.',
              detail: 'Checked before the approval: nothing was sent.',
            },
          });
        st.set('approve', 'active', 'in your wallet');
        const a = await approveExact(app, q);
        st.set(
          'approve',
          a === 'enough' ? 'skipped' : 'done',
          a === 'enough' ? 'already approved' : undefined,
        );
      }
      current = 'pay';
      st.set('pay', 'active', 'in your wallet');
      const r = await buySubscription(app.writeClients(), {
        address: app.config.contracts.subscriptions,
        planId: planId!,
        days: q.days,
        token: q.token.address,
        maxAmount: q.maxAmount,
        ...(q.token.native ? { value: q.maxAmount } : {}),
        approve: false,
        userEncrypted: userEncrypted.value,
      });
      if (r.isErr()) throw r.error;
      bought = r.value.subscriptionId;
      rememberPending(app, r.value.subscriptionId);
      st.set(
        'pay',
        'done',
        `subscription ${r.value.subscriptionId}, paid until ${formatDate(r.value.expiresAt)}`,
      );
      current = 'setup';
      await follow(r.value.subscriptionId, signature, st);
    } catch (e) {
      st.set(current, 'failed');
      const human = explain(e, current === 'sign' ? 'signing' : 'buying');
      errors.show(
        bought === null
          ? human
          : {
              title: `Your payment went through: subscription ${bought}. Following it failed: ${human.title}`,
              detail: 'Your VM is being set up regardless; find it under My VMs.',
            },
      );
    } finally {
      button.disabled = false;
    }
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void submit();
  });

  clear(
    main,
    h('h1', { id: 'page-title', tabIndex: -1 }, 'Buy a VM'),
    h(
      'p',
      { class: 'lead' },
      `Pay with your wallet on ${app.config.chainName}. ${app.config.operator.name} sets the VM up by itself, and you log in over SSH with the same wallet: no password, no keys.`,
    ),
    plans.length === 0 ? h('p', { class: 'notice' }, 'No plans are on sale right now.') : form,
    errors.el,
    progress,
  );
  return () => {
    stopped = true;
  };
}
