/**
 * The signing page: connects the browser wallet (EIP-1193), shows the code
 * and the message, asks `personal_sign`, posts the signature back. One
 * self-contained document; the inline script and style are allowed by hash
 * in the Content-Security-Policy, nothing else loads.
 */
import { createHash } from 'node:crypto';
import type { SessionPage } from '../state/run-dir.js';

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1f24}
h1{font-size:1.4rem}code,pre{font-family:ui-monospace,monospace}
.code{font-size:1.6rem;letter-spacing:.1em;font-weight:700}
pre{background:#f3f4f6;padding:1rem;white-space:pre-wrap;word-break:break-all;border-radius:6px}
button{font-size:1rem;padding:.6rem 1.2rem;border-radius:6px;border:0;background:#2456d3;color:#fff;cursor:pointer}
button:disabled{background:#8a96b0;cursor:default}
#status{margin-top:1rem;font-weight:600}.error{color:#b42318}.done{color:#067647}
`;

const SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('challenge').textContent);
  var statusEl = document.getElementById('status');
  var button = document.getElementById('sign');
  function status(text, cls) { statusEl.textContent = text; statusEl.className = cls || ''; }
  function toHex(text) {
    var bytes = new TextEncoder().encode(text), out = '0x';
    for (var i = 0; i < bytes.length; i++) out += bytes[i].toString(16).padStart(2, '0');
    return out;
  }
  function left() { return Math.max(0, Math.round((data.expiresAt - Date.now()) / 1000)); }
  var timer = setInterval(function () {
    document.getElementById('left').textContent = String(left());
    if (left() === 0) { clearInterval(timer); button.disabled = true; status('This login has expired. Reconnect with SSH.', 'error'); }
  }, 1000);
  document.getElementById('left').textContent = String(left());
  if (!window.ethereum) {
    button.disabled = true;
    status('No browser wallet found. Sign the message shown in your terminal instead.', 'error');
    return;
  }
  button.addEventListener('click', async function () {
    button.disabled = true;
    try {
      status('Connecting to your wallet…');
      var accounts = await window.ethereum.request({ method: 'eth_requestAccounts' });
      var account = (accounts || []).find(function (a) { return String(a).toLowerCase() === data.wallet.toLowerCase(); });
      if (!account) {
        status('Switch your wallet to ' + data.wallet + ' and try again.', 'error');
        button.disabled = false;
        return;
      }
      status('Confirm the signature in your wallet…');
      var signature = await window.ethereum.request({ method: 'personal_sign', params: [toHex(data.message), account] });
      var res = await fetch(location.pathname.replace(/\\/$/, '') + '/signature', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ signature: signature })
      });
      if (res.status === 201) status('Signed. Go back to your terminal and press Enter.', 'done');
      else if (res.status === 409) status('This login was already signed. Press Enter in your terminal.', 'done');
      else { status('The server refused the signature (HTTP ' + res.status + '). Reconnect and try again.', 'error'); }
    } catch (e) {
      status('Not signed: ' + ((e && e.message) || e), 'error');
      button.disabled = false;
    }
  });
})();
`;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

export const PAGE_CSP = [
  "default-src 'none'",
  `script-src ${hash(SCRIPT)}`,
  `style-src ${hash(STYLE)}`,
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON safe inside a `<script type="application/json">` element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

export function renderSigningPage(page: SessionPage): string {
  const data = {
    wallet: page.wallet,
    message: page.message,
    expiresAt: page.expiresAt,
    code: page.code,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Wallet login to ${escapeHtml(page.host)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Log in to <code>${escapeHtml(page.host)}</code> as <code>${escapeHtml(page.user)}</code></h1>
<p>Check that your terminal shows the same code:</p>
<p class="code" id="code">${escapeHtml(page.code)}</p>
<p>Wallet: <code id="wallet">${escapeHtml(page.wallet)}</code> · expires in <span id="left"></span> s</p>
<p><button id="sign" type="button">Sign in with wallet</button></p>
<p id="status" role="status"></p>
<details><summary>Message to sign</summary><pre id="message">${escapeHtml(page.message)}</pre></details>
<script type="application/json" id="challenge">${scriptJson(data)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}
