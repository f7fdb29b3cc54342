/**
 * Login log lines: `outcome=denied reason=expired user=alice rhost=10.0.0.9 …`.
 * Only outcome, reason, user, remote host, wallet, session prefix and short
 * code (all shown to the user anyway) — never a nonce or a signature.
 * Targets: syslog (authpriv, via logger(1), since Node has no datagram Unix
 * sockets) and/or an append-only file.
 */
import { appendFileSync } from 'node:fs';
import { isoTimestamp } from './internal/iso-time.js';

export interface LoginEvent {
  outcome: 'challenge' | 'success' | 'denied' | 'error' | 'signature-received';
  helper?: string | undefined;
  reason?: string | undefined;
  user?: string | undefined;
  rhost?: string | undefined;
  wallet?: string | undefined;
  source?: string | undefined;
  method?: string | undefined;
  /** First 8 characters of the session id. */
  session?: string | undefined;
  code?: string | undefined;
  /** A short human explanation (an error's short message). */
  detail?: string | undefined;
}

const ORDER: (keyof LoginEvent)[] = [
  'outcome',
  'reason',
  'helper',
  'user',
  'rhost',
  'wallet',
  'source',
  'method',
  'session',
  'code',
  'detail',
];

/** Removes anything that could forge another log line or key; quotes values with spaces. */
function clean(value: string): string {
  let v = '';
  for (const ch of value.slice(0, 300)) {
    const code = ch.charCodeAt(0);
    v += code < 0x20 || code === 0x7f ? ' ' : ch;
  }
  return /[\s"=]/.test(v) ? JSON.stringify(v) : v;
}

export function formatLoginEvent(e: LoginEvent): string {
  return ORDER.filter((k) => e[k] !== undefined && e[k] !== '')
    .map((k) => `${k}=${clean(String(e[k]))}`)
    .join(' ');
}

export type LoginLogger = (event: LoginEvent) => void;

export interface LogTarget {
  syslog: boolean;
  file?: string | undefined;
}

export const SYSLOG_TAG = 'blockhost-login';

/** A logger that never throws: a login must not fail because logging did. */
export function createLoginLogger(target: LogTarget, now: () => number = Date.now): LoginLogger {
  return (event) => {
    const line = formatLoginEvent(event);
    if (target.file) {
      try {
        appendFileSync(target.file, `${isoTimestamp(now())} ${SYSLOG_TAG}: ${line}\n`, {
          mode: 0o600,
        });
      } catch {
        // ignore
      }
    }
    if (target.syslog) {
      try {
        const priority =
          event.outcome === 'denied' || event.outcome === 'error' ? 'notice' : 'info';
        // child_process is loaded only when syslog is on (start-up time of every login).
        const { spawn } = process.getBuiltinModule('node:child_process');
        const child = spawn(
          '/usr/bin/logger',
          ['-t', SYSLOG_TAG, '-p', `authpriv.${priority}`, '--', line],
          {
            stdio: 'ignore',
            detached: true,
          },
        );
        child.on('error', () => {});
        child.unref();
      } catch {
        // ignore
      }
    }
  };
}
