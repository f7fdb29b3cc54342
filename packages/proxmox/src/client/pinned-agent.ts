import type { TLSSocket } from 'node:tls';
import { Agent, buildConnector } from 'undici';

/** Thrown inside the connector when the peer's certificate is not the pinned one. */
export class FingerprintMismatch extends Error {
  readonly expected: string;
  readonly actual: string | undefined;
  constructor(expected: string, actual: string | undefined) {
    super(`certificate fingerprint ${actual ?? '(none)'} does not match the pinned ${expected}`);
    this.expected = expected;
    this.actual = actual;
  }
}

/** `ab:cd…`, `ABCD…` → `AB:CD:…`; null when not 32 bytes of hex. */
export function normalizeFingerprint(text: string): string | null {
  const hex = text.replace(/[:\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(hex)) return null;
  return hex.match(/../g)!.join(':');
}

export interface TlsOptions {
  /** SHA-256 fingerprint to pin (normalised). The CA chain is then not consulted. */
  fingerprint?: string | undefined;
  /** Extra trust anchor (PEM) when not pinning. */
  ca?: string | undefined;
  connectTimeoutMs?: number | undefined;
}

/**
 * An undici dispatcher that either pins the server certificate by its
 * SHA-256 fingerprint or verifies it against `ca`/the system store. With a
 * pin, the socket is checked right after the TLS handshake, before a byte of
 * HTTP (or the token) is sent; a mismatch closes it.
 */
export function createDispatcher(tls: TlsOptions): Agent {
  const pin = tls.fingerprint;
  const base = buildConnector({
    // A self-signed PVE certificate has no chain to verify: the pin replaces that check.
    rejectUnauthorized: pin === undefined,
    // A resumed TLS session carries no peer certificate to compare: always do a full handshake.
    ...(pin !== undefined ? { maxCachedSessions: 0 } : {}),
    ...(tls.ca ? { ca: tls.ca } : {}),
    timeout: tls.connectTimeoutMs ?? 10_000,
  });
  const connect: buildConnector.connector = (opts, cb) => {
    base(opts, (err, socket) => {
      if (err || !socket) {
        cb(err ?? new Error('connect failed'), null);
        return;
      }
      if (pin !== undefined && opts.protocol === 'https:') {
        const actual = (socket as TLSSocket).getPeerCertificate?.()?.fingerprint256;
        if (!actual || normalizeFingerprint(actual) !== pin) {
          socket.destroy();
          cb(new FingerprintMismatch(pin, actual), null);
          return;
        }
      }
      cb(null, socket);
    });
  };
  return new Agent({ connect, keepAliveTimeout: 4000, keepAliveMaxTimeout: 4000 });
}
