import type { SigningTlsIdentity } from '@blockhost/pam-verifier';
import type { UserDataInput } from '../jobs/definitions.js';

// Stand-ins rendered once in place of what differs per VM; none can occur in the login bundles.
const HOST = 'bhplaceholderhostname7f3a9c';
const WALLET = '0x5ea50e5ea50e5ea50e5ea50e5ea50e5ea50e5ea5';
const TOKEN = 8675309867530986753n;

/** The base64 lines between a PEM's BEGIN and END lines. */
const pemBody = (pem: string) => pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));

/**
 * `text` with the PEM body `from` (as a YAML block scalar writes it: one indentation before
 * every line) replaced by `to`'s; null when `from` is not there in that form.
 */
function swapPemBody(text: string, from: string, to: string): string | null {
  const a = pemBody(from);
  const b = pemBody(to);
  if (a.length === 0 || b.length === 0) return null;
  const at = text.indexOf(a[0]!);
  if (at < 0) return null;
  const indent = text.slice(text.lastIndexOf('\n', at) + 1, at);
  if (!/^ *$/.test(indent)) return null;
  const old = a.join(`\n${indent}`);
  if (!text.startsWith(old, at)) return null;
  return text.slice(0, at) + b.join(`\n${indent}`) + text.slice(at + old.length);
}

/**
 * Renders a VM's user-data from a template made once per (user, with or without NFT id): the
 * YAML of the login programs (hundreds of KiB, the same for every VM) was most of the daemon's
 * CPU per VM. Only a DNS-label hostname, a hex wallet and a decimal token id are put in, which
 * YAML writes as plain text wherever they appear, and, with `tlsOf`, the VM's signing-page
 * certificate, key and fingerprint (derived from its hostname) in place of the template's. The
 * first use of each template is checked against a full rendering, and a difference turns the
 * template off for good.
 */
export function memoizeUserData(
  render: (input: UserDataInput) => string,
  tlsOf?: (hostname: string) => SigningTlsIdentity,
): (input: UserDataInput) => string {
  const templates = new Map<string, string | null>();
  const templateTls = tlsOf?.(HOST);
  const fill = (template: string, input: UserDataInput): string | null => {
    let out: string | null = template;
    if (tlsOf && templateTls) {
      const tls = tlsOf(input.hostname);
      out = swapPemBody(out, templateTls.certPem, tls.certPem);
      out = out && swapPemBody(out, templateTls.keyPem, tls.keyPem);
      if (out === null) return null;
      out = out.replaceAll(templateTls.fingerprint, tls.fingerprint);
    }
    out = out.replaceAll(HOST, input.hostname).replaceAll(WALLET, input.wallet);
    if (input.tokenId !== null) out = out.replaceAll(String(TOKEN), String(input.tokenId));
    return out;
  };
  const plain = (input: UserDataInput) =>
    /^[a-z0-9-]+$/.test(input.hostname) && /^0x[0-9a-fA-F]{40}$/.test(input.wallet);
  return (input) => {
    if (!plain(input)) return render(input);
    const key = `${input.user}\n${input.tokenId === null ? 'plain' : 'nft'}`;
    let template = templates.get(key);
    if (template === null) return render(input);
    if (template === undefined) {
      const t = render({
        hostname: HOST,
        user: input.user,
        wallet: WALLET,
        tokenId: input.tokenId === null ? null : TOKEN,
      });
      const full = render(input);
      template = fill(t, input) === full ? t : null;
      templates.set(key, template);
      return full;
    }
    return fill(template, input) ?? render(input);
  };
}
