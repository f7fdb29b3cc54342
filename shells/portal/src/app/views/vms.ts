/**
 * My VMs: every access NFT of the wallet with its subscription's state and a countdown, purchases
 * still being set up, and the connection details decrypted in the page with one signature.
 */
import { decryptConnectionDetails } from '@blockhost/chain';
import {
  chainNow,
  encryptedDetails,
  loadSubscription,
  type SubscriptionView,
  subscriptionOfToken,
  tokenOf,
  tokensOf,
} from '../chain.js';
import { connectionCard, errorBox } from '../components.js';
import type { App } from '../context.js';
import { clear, h } from '../dom.js';
import { humanize } from '../errors.js';
import { DAY, formatDate, formatDuration, shortAddress } from '../format.js';
import { forgetPending, pendingFor } from '../pending.js';
import { planSummary } from './buy.js';

export type VmStatus =
  | { kind: 'active'; until: number }
  | { kind: 'suspended'; since: number; destroyAt: number }
  | { kind: 'gone'; since: number }
  | { kind: 'cancelled' };

/** The subscription's state as the host's lifecycle sees it (chain time, grace period). */
export function statusOf(s: SubscriptionView, now: number, graceDays: number): VmStatus {
  const { expiresAt, cancelled } = s.subscription;
  if (cancelled) return { kind: 'cancelled' };
  if (now < expiresAt) return { kind: 'active', until: expiresAt };
  const destroyAt = expiresAt + graceDays * DAY;
  return now < destroyAt
    ? { kind: 'suspended', since: expiresAt, destroyAt }
    : { kind: 'gone', since: destroyAt };
}

const LABEL: Record<VmStatus['kind'], string> = {
  active: 'Active',
  suspended: 'Suspended',
  gone: 'Gone',
  cancelled: 'Cancelled',
};

export function vmsView(app: App, main: HTMLElement): () => void {
  let stopped = false;
  const timers: ReturnType<typeof setInterval>[] = [];
  const errors = errorBox();
  const list = h('div', { class: 'vm-list', 'aria-busy': 'true' });
  /** Chain time minus wall time, so countdowns follow the chain's clock. */
  let offset = 0;
  const now = () => Math.floor(Date.now() / 1000) + offset;

  const card = (tokenId: bigint, s: SubscriptionView) => {
    const id = s.subscription.id;
    const st = statusOf(s, now(), app.config.graceDays);
    const countdown = h('span', { class: 'countdown' });
    const tick = () => {
      const cur = statusOf(s, now(), app.config.graceDays);
      if (cur.kind === 'active')
        countdown.textContent = ` (in ${formatDuration(cur.until - now())})`;
      else if (cur.kind === 'suspended')
        countdown.textContent = ` (in ${formatDuration(cur.destroyAt - now())})`;
      else countdown.textContent = '';
    };
    tick();
    timers.push(setInterval(tick, 1000));
    const what =
      st.kind === 'active'
        ? h('p', {}, `Paid until ${formatDate(st.until)}`, countdown, '.')
        : st.kind === 'suspended'
          ? h(
              'p',
              {},
              `Expired on ${formatDate(st.since)}: the VM is stopped, its disk kept. It will be destroyed on ${formatDate(st.destroyAt)}`,
              countdown,
              ' unless renewed.',
            )
          : st.kind === 'gone'
            ? h(
                'p',
                {},
                `Not renewed within the grace period: the VM was destroyed on ${formatDate(st.since)}.`,
              )
            : h('p', {}, 'This subscription was cancelled; its VM is stopped.');
    const details = h('div', { class: 'vm-details' });
    const detailErrors = errorBox();
    const show = h(
      'button',
      {
        type: 'button',
        class: st.kind === 'gone' || st.kind === 'cancelled' ? 'secondary' : '',
        on: {
          click: async () => {
            detailErrors.clear();
            show.disabled = true;
            try {
              const enc = await encryptedDetails(app.reader, app.config, tokenId);
              if (enc.isErr()) throw enc.error;
              if (enc.value === '0x') {
                detailErrors.show({
                  title:
                    'This VM has no login details stored: the host could not read the key of the purchase.',
                  detail: `Contact support with subscription number ${id}.`,
                });
                return;
              }
              const signature = await app.keySignature();
              const d = decryptConnectionDetails({ signature }, enc.value);
              if (d.isErr()) {
                detailErrors.show({
                  title:
                    'This wallet cannot open these details: they were encrypted for the wallet that bought the VM.',
                  detail: `If the access token was given or sold to you, ask support to re-issue the details for subscription ${id}.`,
                });
                return;
              }
              clear(
                details,
                connectionCard(d.value, app.config, `Connection details for subscription ${id}`),
              );
              show.hidden = true;
            } catch (e) {
              detailErrors.show(humanize(e, 'signing'));
            } finally {
              show.disabled = false;
            }
          },
        },
      },
      'Show connection details',
    );
    return h(
      'article',
      { class: `vm ${st.kind}`, 'aria-labelledby': `vm-${id}` },
      h(
        'h2',
        { id: `vm-${id}` },
        `Subscription ${id}`,
        h('span', { class: `badge ${st.kind}` }, LABEL[st.kind]),
      ),
      h(
        'p',
        { class: 'vm-plan' },
        s.plan ? `${s.plan.name}: ${planSummary(s.plan)}` : `plan ${s.subscription.planId}`,
        ` · access token #${tokenId}`,
      ),
      what,
      h(
        'div',
        { class: 'actions' },
        st.kind === 'cancelled' ? null : show,
        st.kind === 'cancelled'
          ? null
          : h(
              'a',
              { class: 'button secondary', href: `#/renew/${id}` },
              st.kind === 'active' ? 'Extend' : 'Renew',
            ),
      ),
      detailErrors.el,
      details,
    );
  };

  const load = async () => {
    errors.clear();
    list.setAttribute('aria-busy', 'true');
    clear(list, h('p', {}, 'Loading your VMs…'));
    const w = app.wallet;
    if (!w) {
      clear(list, h('p', { class: 'notice' }, 'Connect your wallet to see the VMs it holds.'));
      list.setAttribute('aria-busy', 'false');
      return;
    }
    try {
      const t = await chainNow(app.reader);
      if (t.isErr()) throw t.error;
      offset = t.value - Math.floor(Date.now() / 1000);
      const tokens = await tokensOf(app.reader, app.config, w.address);
      if (tokens.isErr()) throw tokens.error;
      const views = await Promise.all(
        tokens.value.map(async (tokenId) => {
          const sub = await subscriptionOfToken(app.reader, app.config, tokenId);
          if (sub.isErr()) throw sub.error;
          const v = await loadSubscription(app.reader, app.config, sub.value, app.plans ?? []);
          if (v.isErr()) throw v.error;
          return [tokenId, v.value] as const;
        }),
      );
      // Purchases from this browser whose token is not minted yet.
      const pending: bigint[] = [];
      for (const id of pendingFor(app, w.address)) {
        const t = await tokenOf(app.reader, app.config, id);
        if (t.isOk() && t.value !== null) forgetPending(app, id);
        else if (t.isOk()) pending.push(id);
      }
      if (stopped) return;
      views.sort((a, b) => Number(b[1].subscription.id - a[1].subscription.id));
      clear(
        list,
        ...pending.map((id) =>
          h(
            'article',
            { class: 'vm pending', 'aria-labelledby': `vm-${id}` },
            h(
              'h2',
              { id: `vm-${id}` },
              `Subscription ${id}`,
              h('span', { class: 'badge pending' }, 'Setting up'),
            ),
            h('p', {}, 'Paid. The host is setting up the VM; this page shows it when it runs.'),
          ),
        ),
        ...views.map(([tokenId, v]) => card(tokenId, v)),
        views.length + pending.length === 0
          ? h(
              'p',
              { class: 'notice' },
              `The wallet ${shortAddress(w.address)} holds no VM access token on this host. `,
              h('a', { href: '#/buy' }, 'Buy a VM'),
              '.',
            )
          : null,
      );
      if (pending.length > 0) timers.push(setTimeout(() => void refresh(), 3000));
    } catch (e) {
      clear(list);
      errors.show(humanize(e, 'loading your VMs'), () => void load());
    } finally {
      list.setAttribute('aria-busy', 'false');
    }
  };
  const refresh = async () => {
    for (const t of timers.splice(0)) clearInterval(t);
    if (!stopped) await load();
  };

  const reload = h(
    'button',
    { type: 'button', class: 'secondary', on: { click: () => void refresh() } },
    'Refresh',
  );
  clear(
    main,
    h('h1', { id: 'page-title', tabIndex: -1 }, 'My VMs'),
    h(
      'p',
      { class: 'lead' },
      'Every VM whose access token this wallet holds. Opening the login details asks your wallet for one signature, which stays in this page.',
    ),
    h('div', { class: 'toolbar' }, reload),
    errors.el,
    list,
  );
  const off = app.onChange(() => void refresh());
  void load();
  return () => {
    stopped = true;
    off();
    for (const t of timers) clearInterval(t);
  };
}
