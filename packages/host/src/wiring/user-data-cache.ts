import type { SigningTlsIdentity } from '@blockhost/pam-verifier';
import type { UserDataInput } from '../jobs/definitions.js';

// Stand-ins rendered once in place of what differs per VM; none can occur in the login bundles.
const HOST = 'bhplaceholderhostname7f3a9c';
const WALLET = '0x5ea50e5ea50e5ea50e5ea50e5ea50e5ea50e5ea5';
const TOKEN = 8675309867530986753n;

/** The base64 lines between a PEM's BEGIN and END lines. */
const pemBody = (pem: string) => pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));

/** What a slot of a template takes from a VM's input and signing-page identity. */
type Fill = (input: UserDataInput, tls: SigningTlsIdentity | undefined) => string;

/** A template cut at its stand-ins: `parts[i]`, then `slots[i]`'s text, …, then the last part. */
interface Template {
  readonly parts: readonly string[];
  readonly slots: readonly Fill[];
}

interface Cut {
  readonly at: number;
  readonly length: number;
  readonly fill: Fill;
}

/** Every occurrence of `needle` in `text`. */
function occurrences(text: string, needle: string, fill: Fill): Cut[] {
  const out: Cut[] = [];
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
    out.push({ at, length: needle.length, fill });
  }
  return out;
}

/**
 * The first PEM body `of` in `text` as a YAML block scalar writes it (one indentation before
 * every line), to be replaced by `body(tls)`'s lines; null when it is not there in that form.
 */
function pemCut(text: string, of: string, body: (tls: SigningTlsIdentity) => string): Cut | null {
  const lines = pemBody(of);
  if (lines.length === 0) return null;
  const at = text.indexOf(lines[0]!);
  if (at < 0) return null;
  const indent = text.slice(text.lastIndexOf('\n', at) + 1, at);
  if (!/^ *$/.test(indent)) return null;
  const old = lines.join(`\n${indent}`);
  if (!text.startsWith(old, at)) return null;
  return {
    at,
    length: old.length,
    fill: (_, tls) => pemBody(body(tls!)).join(`\n${indent}`),
  };
}

/** `text` cut at its stand-ins; null when two overlap (it cannot be filled then). */
function cutTemplate(
  text: string,
  tls: SigningTlsIdentity | undefined,
  withToken: boolean,
): Template | null {
  const cuts: Cut[] = [];
  if (tls) {
    const cert = pemCut(text, tls.certPem, (t) => t.certPem);
    const key = pemCut(text, tls.keyPem, (t) => t.keyPem);
    if (!cert || !key) return null;
    cuts.push(cert, key, ...occurrences(text, tls.fingerprint, (_, t) => t!.fingerprint));
  }
  cuts.push(
    ...occurrences(text, HOST, (x) => x.hostname),
    ...occurrences(text, WALLET, (x) => x.wallet),
    ...(withToken ? occurrences(text, String(TOKEN), (x) => String(x.tokenId)) : []),
  );
  cuts.sort((a, b) => a.at - b.at);
  const parts: string[] = [];
  let from = 0;
  for (const c of cuts) {
    if (c.at < from) return null;
    parts.push(text.slice(from, c.at));
    from = c.at + c.length;
  }
  parts.push(text.slice(from));
  return { parts, slots: cuts.map((c) => c.fill) };
}

function fill(t: Template, input: UserDataInput, tls: SigningTlsIdentity | undefined): string {
  let out = t.parts[0]!;
  for (let i = 0; i < t.slots.length; i++) out += t.slots[i]!(input, tls) + t.parts[i + 1]!;
  return out;
}

/**
 * Renders a VM's user-data from a template made once per (user, with or without NFT id): the
 * YAML of the login programs (hundreds of KiB, the same for every VM) was most of the daemon's
 * CPU per VM. Only a DNS-label hostname, a hex wallet and a decimal token id are put in, which
 * YAML writes as plain text wherever they appear, and, with `tlsOf`, the VM's signing-page
 * certificate, key and fingerprint (derived from its hostname) in place of the template's. The
 * template is cut at those stand-ins once, so a VM's text is one pass of joins. The first use of
 * each template is checked against a full rendering, and a difference turns the template off for
 * good.
 */
export function memoizeUserData(
  render: (input: UserDataInput) => string,
  tlsOf?: (hostname: string) => SigningTlsIdentity,
): (input: UserDataInput) => string {
  const templates = new Map<string, Template | null>();
  const templateTls = tlsOf?.(HOST);
  const plain = (input: UserDataInput) =>
    /^[a-z0-9-]+$/.test(input.hostname) && /^0x[0-9a-fA-F]{40}$/.test(input.wallet);
  return (input) => {
    if (!plain(input)) return render(input);
    const key = `${input.user}\n${input.tokenId === null ? 'plain' : 'nft'}`;
    let template = templates.get(key);
    if (template === null) return render(input);
    const tls = tlsOf?.(input.hostname);
    if (template === undefined) {
      const text = render({
        hostname: HOST,
        user: input.user,
        wallet: WALLET,
        tokenId: input.tokenId === null ? null : TOKEN,
      });
      const full = render(input);
      const cut = cutTemplate(text, templateTls, input.tokenId !== null);
      template = cut && fill(cut, input, tls) === full ? cut : null;
      templates.set(key, template);
      return full;
    }
    return fill(template, input, tls);
  };
}
