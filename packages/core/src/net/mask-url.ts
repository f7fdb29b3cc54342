/**
 * RPC URLs often carry a provider's API key in their path or query
 * (`https://eth-mainnet.g.alchemy.com/v2/<key>`), sometimes credentials
 * before the host. What is printed or logged keeps scheme, host and port —
 * enough to tell which endpoint is meant — and masks the rest.
 */

const MASK = '***';

/** `https://eth-mainnet.g.alchemy.com/v2/KEY` → `https://eth-mainnet.g.alchemy.com/***`. */
export function maskUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return '[unparseable URL]';
  }
  const creds = u.username !== '' || u.password !== '';
  const rest = (u.pathname !== '/' && u.pathname !== '') || u.search !== '' || u.hash !== '';
  if (!creds && !rest) return url;
  const host = `${u.protocol}//${creds ? `${MASK}@` : ''}${u.host}`;
  if (rest) return `${host}/${MASK}`;
  return url.endsWith('/') ? `${host}/` : host;
}

/** The spellings of `url` a library may print: as given, normalised, without credentials. */
function spellings(url: string): string[] {
  const out = new Set([url]);
  try {
    const u = new URL(url);
    out.add(u.toString());
    u.username = '';
    u.password = '';
    out.add(u.toString());
  } catch {
    // Only the literal spelling is known.
  }
  return [...out];
}

/** Replaces every occurrence of each of `urls` in `text` by its masked form. */
export function maskUrls(text: string, urls: readonly string[]): string {
  const pairs = urls
    .flatMap((url) => spellings(url).map((s) => [s, maskUrl(s)] as const))
    .filter(([s, masked]) => s !== masked && s.length > 0)
    .sort((a, b) => b[0].length - a[0].length);
  let out = text;
  for (const [s, masked] of pairs) out = out.split(s).join(masked);
  return out;
}
