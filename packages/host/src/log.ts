import pino from 'pino';

export type Logger = pino.Logger;

/**
 * Structured JSON logs on stdout for journald. Secrets are kept out by
 * construction (they live in `Secret` wrappers); these paths are redacted as
 * a second line of defence.
 */
export function createLogger(
  options: { level?: string; destination?: pino.DestinationStream } = {},
): Logger {
  return pino(
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
    },
    options.destination,
  );
}
