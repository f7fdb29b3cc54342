/**
 * A few DOM helpers: elements are built with properties and children, never from HTML strings,
 * so nothing read from the chain or a wallet (names, icons, addresses) can inject markup.
 */

type Child = Node | string | number | null | undefined | false;
type Props = Record<string, unknown> & {
  class?: string;
  dataset?: Record<string, string>;
  on?: Record<string, (e: Event) => void>;
};

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = String(v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'on')
      for (const [ev, fn] of Object.entries(v as Record<string, EventListener>))
        el.addEventListener(ev, fn);
    else if (k.startsWith('aria-') || k === 'role' || k === 'for' || k.startsWith('data-'))
      el.setAttribute(k, v === true ? 'true' : String(v));
    else (el as unknown as Record<string, unknown>)[k] = v;
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

export function clear(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, children);
}

let ids = 0;
/** A unique id for label/for and aria-describedby pairs. */
export const uid = (p: string) => `${p}-${++ids}`;

/** A labelled form field: label, control, optional hint tied with aria-describedby. */
export function field(
  label: string,
  control: HTMLInputElement | HTMLSelectElement,
  hint?: string,
): HTMLDivElement {
  control.id ||= uid('f');
  const hintEl = hint ? h('p', { class: 'hint', id: uid('hint') }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}
