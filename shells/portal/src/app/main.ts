/**
 * The customer site: loads config.json, finds the browser's wallets, and routes between Buy,
 * Renew and My VMs (hash routes, so any static host serves it).
 */
import { parsePortalConfig } from '@blockhost/core';
import { createReader, loadPlans, serverKeyIsMinter } from './chain.js';
import { App } from './context.js';
import { clear, h } from './dom.js';
import { humanize, isUserRejection } from './errors.js';
import { shortAddress } from './format.js';
import { buyView } from './views/buy.js';
import { renewView } from './views/renew.js';
import { vmsView } from './views/vms.js';
import {
  discoverWallets,
  type Eip1193Provider,
  requestAccounts,
  switchChain,
  type WalletChoice,
  walletChainId,
} from './wallet.js';

const $ = (id: string) => document.getElementById(id) as HTMLElement;

async function loadConfig() {
  let json: unknown;
  try {
    const res = await fetch('config.json', { cache: 'no-store' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    json = await res.json();
  } catch (e) {
    return { error: `config.json could not be loaded (${(e as Error).message}).` };
  }
  const c = parsePortalConfig(json);
  return c.isOk() ? { config: c.value } : { error: c.error.message };
}

function fatal(text: string): void {
  clear(
    $('main'),
    h('h1', { id: 'page-title', tabIndex: -1 }, 'This site is not set up'),
    h('div', { class: 'error', role: 'alert' }, h('p', { class: 'error-title' }, text)),
    h('p', {}, 'The operator needs to write a valid config.json next to this page.'),
  );
}

function walletArea(app: App): void {
  const area = $('wallet');
  const note = $('wallet-note');
  const showNote = (text: string) => {
    note.hidden = !text;
    note.textContent = text;
  };
  let watched: Eip1193Provider | null = null;
  const onAccounts = (a: unknown) => {
    const list = a as string[];
    if (!app.wallet) return;
    if (!list?.[0]) app.setWallet(null);
    else void connect(app.wallet.choice, true);
  };
  const onChain = (id: unknown) => {
    if (app.wallet) app.setWallet({ ...app.wallet, chainId: Number(id) });
  };
  const watch = (p: Eip1193Provider | null) => {
    if (watched === p) return;
    watched?.removeListener?.('accountsChanged', onAccounts);
    watched?.removeListener?.('chainChanged', onChain);
    watched = p;
    p?.on?.('accountsChanged', onAccounts);
    p?.on?.('chainChanged', onChain);
  };

  const connect = async (choice: WalletChoice, quiet = false) => {
    showNote('');
    try {
      const address = await requestAccounts(choice.provider);
      const chainId = await walletChainId(choice.provider);
      watch(choice.provider);
      app.setWallet({ choice, address, chainId });
    } catch (e) {
      if (!quiet)
        showNote(
          isUserRejection(e)
            ? 'You declined the connection in your wallet.'
            : humanize(e, 'connecting the wallet').title,
        );
    }
  };

  const render = () => {
    const w = app.wallet;
    if (w) {
      clear(
        area,
        h(
          'span',
          { class: 'account', title: w.address },
          w.choice.icon ? h('img', { src: w.choice.icon, alt: '', width: 20, height: 20 }) : null,
          h('span', { class: 'sr-only' }, 'Connected: '),
          shortAddress(w.address),
        ),
        h(
          'button',
          { type: 'button', class: 'secondary small', on: { click: () => app.setWallet(null) } },
          'Disconnect',
        ),
      );
    } else {
      const pick = h('div', {
        class: 'wallet-pick',
        role: 'group',
        'aria-label': 'Choose a wallet',
        hidden: true,
      });
      const open = h(
        'button',
        {
          type: 'button',
          on: {
            click: () => {
              if (app.wallets.length === 0)
                showNote(
                  'No browser wallet found. Install a wallet extension (or open this page in a wallet app) and reload.',
                );
              else if (app.wallets.length === 1) void connect(app.wallets[0]!);
              else {
                clear(
                  pick,
                  ...app.wallets.map((c) =>
                    h(
                      'button',
                      { type: 'button', class: 'secondary', on: { click: () => void connect(c) } },
                      c.icon ? h('img', { src: c.icon, alt: '', width: 20, height: 20 }) : null,
                      c.name,
                    ),
                  ),
                );
                pick.hidden = false;
                (pick.firstElementChild as HTMLElement | null)?.focus();
              }
            },
          },
        },
        'Connect wallet',
      );
      clear(area, open, pick);
    }
    // The network banner: shown whenever the wallet is on another chain.
    const banner = $('network');
    if (w && !app.onRightChain) {
      banner.hidden = false;
      const msg = h(
        'p',
        {},
        `Your wallet is on another network (chain ${w.chainId}). ${app.config.operator.name} sells on ${app.config.chainName} (chain ${app.config.chainId}).`,
      );
      const status = h('p', { class: 'error-detail' });
      clear(
        banner,
        msg,
        h(
          'button',
          {
            type: 'button',
            on: {
              click: async () => {
                status.textContent = '';
                try {
                  await switchChain(w.choice.provider, app.config);
                  const chainId = await walletChainId(w.choice.provider);
                  if (app.wallet) app.setWallet({ ...app.wallet, chainId });
                } catch (e) {
                  status.textContent = isUserRejection(e)
                    ? 'You declined the switch in your wallet. Switch the network there, or try again.'
                    : humanize(e, 'switching the network').title;
                }
              },
            },
          },
          `Switch to ${app.config.chainName}`,
        ),
        status,
      );
    } else {
      banner.hidden = true;
      clear(banner);
    }
  };
  app.onChange(render);
  discoverWallets((list) => {
    app.wallets = list;
  });
  render();
}

function route(app: App): void {
  let stop: () => void = () => {};
  const go = () => {
    stop();
    const [, page, arg] = location.hash.match(/^#\/(\w+)(?:\/(\d+))?/) ?? [];
    const main = $('main');
    for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
      if (a.getAttribute('href') === `#/${page ?? 'buy'}`) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    if (page === 'vms') stop = vmsView(app, main);
    else if (page === 'renew') stop = renewView(app, main, arg ?? null);
    else stop = buyView(app, main);
    document.title = `${$('page-title')?.textContent ?? 'BlockHost'} · ${app.config.operator.name}`;
    if (go.moved) $('page-title')?.focus();
    go.moved = true;
  };
  go.moved = false;
  window.addEventListener('hashchange', go);
  go();
}

async function start(): Promise<void> {
  const loaded = await loadConfig();
  if ('error' in loaded) {
    fatal(loaded.error ?? 'config.json is invalid');
    return;
  }
  const config = loaded.config;
  const app = new App(config, createReader(config));
  $('brand').textContent = config.operator.name;
  const support = $('support') as HTMLAnchorElement;
  support.href = config.operator.support;
  support.textContent = config.operator.support.replace(/^mailto:/, '');
  $('chain').textContent = `${config.chainName} (chain ${config.chainId})`;
  walletArea(app);
  // Plans first (every page names them); the server-key check runs beside it.
  const main = $('main');
  const load = async () => {
    clear(main, h('p', { 'aria-busy': 'true' }, 'Loading plans from the chain…'));
    const [plans, key] = await Promise.all([
      loadPlans(app.reader, config),
      serverKeyIsMinter(app.reader, config),
    ]);
    if (plans.isErr()) {
      const e = humanize(plans.error, 'loading the plans');
      clear(
        main,
        h('h1', { id: 'page-title', tabIndex: -1 }, 'Cannot load the plans'),
        h(
          'div',
          { class: 'error', role: 'alert' },
          h('p', { class: 'error-title' }, e.title),
          e.detail ? h('p', { class: 'error-detail' }, e.detail) : null,
          h(
            'button',
            { type: 'button', class: 'secondary', on: { click: () => void load() } },
            'Try again',
          ),
        ),
      );
      return;
    }
    app.plans = plans.value;
    app.serverKeyOk = key.isOk() ? key.value : null;
    route(app);
  };
  await load();
}

void start();
