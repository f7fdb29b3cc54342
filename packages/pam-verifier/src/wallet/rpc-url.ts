/**
 * Which RPC URLs the login may trust: HTTPS anywhere, plain HTTP only to this
 * machine (loopback: a local node or a TLS-terminating proxy). An RPC decides
 * who owns an access NFT and which contract signatures are valid; over plain
 * HTTP anyone on the path could decide instead.
 */

/** True for `https:` URLs, and `http:` URLs to localhost, 127.0.0.0/8 or [::1]. */
export function isTrustedRpcUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:') return false;
  // URL normalises the host: IPv4 in dotted decimal, IPv6 in brackets, names lower case.
  const host = url.hostname;
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

export const TRUSTED_RPC_URL = 'https URLs (plain http only to localhost, 127.0.0.0/8 or [::1])';
