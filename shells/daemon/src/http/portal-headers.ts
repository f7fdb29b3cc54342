/**
 * Security headers for the customer site when blockhostd serves it. The page talks to the chain
 * from the browser, so `connect-src` names exactly the RPC origins of its `config.json` (read at
 * start); nothing else may be fetched, framed or run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function rpcOrigins(portalDir: string): string[] {
  try {
    const config = JSON.parse(readFileSync(join(portalDir, 'config.json'), 'utf8')) as {
      rpcUrls?: unknown;
    };
    const urls = Array.isArray(config.rpcUrls) ? config.rpcUrls : [];
    return [
      ...new Set(
        urls.flatMap((u) => {
          try {
            const url = new URL(String(u));
            return /^(https?|wss?):$/.test(url.protocol) ? [url.origin] : [];
          } catch {
            return [];
          }
        }),
      ),
    ];
  } catch {
    return []; // no or bad config.json: the page itself says so
  }
}

export function portalHeaders(portalDir: string): Record<string, string> {
  const connect = ["'self'", ...rpcOrigins(portalDir)].join(' ');
  return {
    'content-security-policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      `connect-src ${connect}`,
      "manifest-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
  };
}
