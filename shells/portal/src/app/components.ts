/** Pieces the views share: error box, step list, connection details. */
import type { ConnectionDetails } from '@blockhost/chain';
import type { PortalConfig } from '@blockhost/core';
import { clear, h } from './dom.js';
import type { HumanError } from './errors.js';

/** An alert region: empty until an error is shown; `retry` adds a button that runs it. */
export function errorBox(): {
  el: HTMLDivElement;
  show(e: HumanError, retry?: () => void): void;
  clear(): void;
} {
  const el = h('div', { class: 'error', role: 'alert', hidden: true });
  return {
    el,
    show(e, retry) {
      el.hidden = false;
      clear(
        el,
        h('p', { class: 'error-title' }, e.title),
        e.detail ? h('p', { class: 'error-detail' }, e.detail) : null,
        retry
          ? h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                on: {
                  click: () => {
                    el.hidden = true;
                    retry();
                  },
                },
              },
              'Try again',
            )
          : null,
      );
    },
    clear() {
      el.hidden = true;
      clear(el);
    },
  };
}

export type StepState = 'todo' | 'active' | 'done' | 'failed' | 'skipped';
const STATE_TEXT: Record<StepState, string> = {
  todo: 'to do',
  active: 'in progress',
  done: 'done',
  failed: 'failed',
  skipped: 'not needed',
};

/** An ordered list of steps whose states are announced as they change. */
export function steps(labels: Record<string, string>) {
  const items = new Map<
    string,
    { li: HTMLLIElement; state: HTMLSpanElement; note: HTMLSpanElement }
  >();
  const ol = h('ol', { class: 'steps', 'aria-live': 'polite' });
  for (const [key, label] of Object.entries(labels)) {
    const state = h('span', { class: 'step-state' }, STATE_TEXT.todo);
    const note = h('span', { class: 'step-note' });
    const li = h(
      'li',
      { class: 'step todo', dataset: { step: key } },
      h('span', { class: 'step-label' }, label),
      ' — ',
      state,
      note,
    );
    items.set(key, { li, state, note });
    ol.append(li);
  }
  return {
    el: ol,
    set(key: string, s: StepState, note?: string) {
      const it = items.get(key);
      if (!it) return;
      it.li.className = `step ${s}`;
      it.state.textContent = STATE_TEXT[s];
      it.note.textContent = note ? ` (${note})` : '';
    },
  };
}

/** `ssh user@host` (with `-p` off port 22; IPv6 hosts need no brackets for ssh). */
export function sshCommand(d: ConnectionDetails): string {
  return `ssh ${d.username}@${d.hostname}${d.port === 22 ? '' : ` -p ${d.port}`}`;
}

function signingPage(d: ConnectionDetails, config: PortalConfig): string | null {
  if (config.signingPageOrigin) return `${config.signingPageOrigin}/login/…`;
  return typeof d.signingUrl === 'string' && /^https?:\/\//.test(d.signingUrl)
    ? `${d.signingUrl}…`
    : null;
}

/** The decrypted details: the ssh line with a copy button, and how the wallet login goes. */
export function connectionCard(
  d: ConnectionDetails,
  config: PortalConfig,
  label: string,
): HTMLElement {
  const cmd = sshCommand(d);
  const status = h('span', { class: 'copy-status', role: 'status' });
  const copy = h(
    'button',
    {
      type: 'button',
      class: 'secondary copy',
      'aria-label': `Copy the command ${cmd}`,
      on: {
        click: async () => {
          try {
            await navigator.clipboard.writeText(cmd);
            status.textContent = 'Copied';
          } catch {
            // No clipboard permission (plain http, old browser): select it for Ctrl+C instead.
            const range = document.createRange();
            range.selectNodeContents(code);
            const sel = getSelection();
            sel?.removeAllRanges();
            sel?.addRange(range);
            status.textContent = 'Selected: press Ctrl+C';
          }
          setTimeout(() => {
            status.textContent = '';
          }, 4000);
        },
      },
    },
    'Copy',
  );
  const code = h('code', { class: 'ssh' }, cmd);
  const page = signingPage(d, config);
  return h(
    'section',
    { class: 'connection', 'aria-label': label },
    h('p', { class: 'connection-title' }, 'Log in with'),
    h('div', { class: 'cmd' }, code, copy, status),
    h(
      'details',
      { class: 'login-help' },
      h('summary', {}, 'How the wallet login works'),
      h(
        'ol',
        {},
        h('li', {}, 'Run the command above in a terminal. No password or SSH key is needed.'),
        h(
          'li',
          {},
          'ssh shows a short code and a link',
          page ? h('span', {}, ' (', h('code', {}, page), ')') : null,
          '. Open the link in this browser, check that the page shows the same code, and sign with this wallet.',
        ),
        h('li', {}, 'Back in the terminal, press Enter at the Password prompt. You are logged in.'),
        h(
          'li',
          {},
          'No browser at hand? ssh also prints the message: sign it with any wallet tool (personal_sign) and paste the signature at the prompt.',
        ),
      ),
    ),
  );
}
