/** HTML built from strings, every interpolated value escaped. */
const ESC: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const esc = (s: unknown): string => String(s ?? '').replace(/[&<>"']/g, (c) => ESC[c]!);

export interface FieldSpec {
  name: string;
  label: string;
  value?: string | string[];
  error?: string;
  note?: string;
  help?: string;
  type?: 'text' | 'number' | 'password' | 'textarea' | 'select' | 'radio' | 'checkboxes';
  options?: { value: string; label: string; disabled?: boolean; note?: string }[];
  required?: boolean;
  autocomplete?: string;
  inputmode?: string;
}

/** One field: label, control, help, and its error (announced, linked with aria-describedby). */
export function field(f: FieldSpec): string {
  const id = `f-${f.name}`;
  const described = [
    f.error ? `${id}-error` : '',
    f.help ? `${id}-help` : '',
    f.note ? `${id}-note` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const aria = `${described ? ` aria-describedby="${described}"` : ''}${f.error ? ' aria-invalid="true"' : ''}`;
  const val = Array.isArray(f.value) ? (f.value[0] ?? '') : (f.value ?? '');
  const req = f.required ? ' required' : '';
  let control: string;
  const t = f.type ?? 'text';
  if (t === 'textarea') {
    control = `<textarea id="${id}" name="${esc(f.name)}" rows="3"${aria}${req}>${esc(val)}</textarea>`;
  } else if (t === 'select') {
    control = `<select id="${id}" name="${esc(f.name)}"${aria}${req}>${(f.options ?? [])
      .map(
        (o) =>
          `<option value="${esc(o.value)}"${o.value === val ? ' selected' : ''}>${esc(o.label)}</option>`,
      )
      .join('')}</select>`;
  } else if (t === 'radio' || t === 'checkboxes') {
    const chosen = Array.isArray(f.value) ? f.value : [val];
    const kind = t === 'radio' ? 'radio' : 'checkbox';
    return `<fieldset class="field${f.error ? ' invalid' : ''}"${aria}><legend>${esc(f.label)}</legend>${(
      f.options ?? []
    )
      .map(
        (o, i) =>
          `<div class="choice"><input type="${kind}" id="${id}-${i}" name="${esc(f.name)}" value="${esc(o.value)}"${chosen.includes(o.value) ? ' checked' : ''}${o.disabled ? ' disabled' : ''}><label for="${id}-${i}">${esc(o.label)}${o.note ? ` <span class="muted">${esc(o.note)}</span>` : ''}</label></div>`,
      )
      .join('')}${help(f, id)}</fieldset>`;
  } else {
    control = `<input id="${id}" name="${esc(f.name)}" type="${t}"${t === 'password' ? '' : ` value="${esc(val)}"`}${f.autocomplete ? ` autocomplete="${f.autocomplete}"` : ''}${f.inputmode ? ` inputmode="${f.inputmode}"` : ''}${aria}${req}>`;
  }
  return `<div class="field${f.error ? ' invalid' : ''}"><label for="${id}">${esc(f.label)}</label>${control}${help(f, id)}</div>`;
}

function help(f: FieldSpec, id: string): string {
  return `${f.help ? `<p id="${id}-help" class="help">${esc(f.help)}</p>` : ''}${f.note ? `<p id="${id}-note" class="note">${esc(f.note)}</p>` : ''}${f.error ? `<p id="${id}-error" class="error" role="alert">${esc(f.error)}</p>` : ''}`;
}

export function page(o: { title: string; body: string; nav?: string; refresh?: number }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${o.refresh ? `<noscript><meta http-equiv="refresh" content="${o.refresh}"></noscript>` : ''}
<title>${esc(o.title)} · BlockHost setup</title>
<link rel="stylesheet" href="/static/wizard.css">
<script src="/static/wizard.js" defer></script>
</head>
<body>
<header class="top"><div class="wrap"><span class="brand">BlockHost</span> <span class="sub">first-boot setup</span></div></header>
<div class="wrap">
${o.nav ?? ''}
<main id="main">
<h1>${esc(o.title)}</h1>
${o.body}
</main>
</div>
</body>
</html>
`;
}
