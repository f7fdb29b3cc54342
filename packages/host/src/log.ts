import { maskUrls } from '@blockhost/core';
import pino from 'pino';

export type Logger = pino.Logger;

/** Where a logger keeps the URLs it masks (children find it on their prototype chain). */
const MASKED = Symbol('blockhost.maskedUrls');
type Masking = { [MASKED]?: string[] };

/**
 * Structured JSON logs on stdout for journald. Secrets are kept out by
 * construction (they live in `Secret` wrappers); these paths are redacted as
 * a second line of defence, and the URLs given to `maskUrlsInLogs` (RPC URLs
 * with a provider key in them) are masked in every line.
 */
export function createLogger(
  options: { level?: string; destination?: pino.DestinationStream } = {},
): Logger {
  const masked: string[] = [];
  const log = pino(
    {
      base: { service: 'blockhostd' },
      level: options.level ?? process.env.BLOCKHOST_LOG_LEVEL ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          '*.privateKey',
          '*.serverKey',
          '*.tokenSecret',
          '*.signature',
          '*.secret',
          'privateKey',
          'signature',
        ],
        censor: '[redacted]',
      },
      hooks: {
        streamWrite: (line) => (masked.length === 0 ? line : maskUrls(line, masked)),
      },
    },
    options.destination,
  );
  (log as Masking)[MASKED] = masked;
  return log;
}

/**
 * Masks `urls` (path, query and credentials) in every line `log` and its
 * children write from now on: an RPC error names its URL, and RPC URLs often
 * carry a provider's API key.
 */
export function maskUrlsInLogs(log: Logger, urls: readonly string[]): void {
  const list = (log as Masking)[MASKED];
  if (!list) return;
  for (const u of urls) if (!list.includes(u)) list.push(u);
}
