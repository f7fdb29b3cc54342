/**
 * The signing service on the VM: serves the signing page of a pending login
 * and stores the signature the browser posts back, for `pam-verify` to pick
 * up. It stores only a signature that verifies for the session (the allowed
 * wallet's over the session's message, as `pam-verify` will check it), so
 * whoever learns a session id cannot spoil the login by posting first. It
 * guards its input: strict session-id format (no path ever comes from the
 * URL), bounded body, 404 for unknown sessions, 403 for a signature that is
 * not the wallet's (429 after a few: each may cost an RPC call), 409 for a
 * second signature.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ResultAsync } from 'neverthrow';
import { LoginStateError } from '../errors.js';
import type { LoginLogger } from '../log.js';
import { readSessionPage, storeSessionSignature } from '../state/run-dir.js';
import { parseSignatureText } from '../verify/parse-answer.js';
import { type ContractSignatureVerifier, verifyLoginSignature } from '../verify/verify-login.js';
import { PAGE_CSP, renderSigningPage } from './page.js';

export const DEFAULT_MAX_BODY_BYTES = 32 * 1024;
/** Refused signatures a session may receive before further posts get 429 (each may cost an RPC call). */
export const MAX_REFUSED_PER_SESSION = 5;

const ROUTE_RE = /^\/login\/([0-9a-f]{32})(\/signature|\/challenge)?\/?$/;

export interface SigningHandlerOptions {
  runDir: string;
  log?: LoginLogger | undefined;
  /** Unix ms. */
  now?: (() => number) | undefined;
  maxBodyBytes?: number | undefined;
  /** The chain, for smart-contract wallets' signatures (as `pam-verify` asks it); none: EOA only. */
  contractVerifier?: ContractSignatureVerifier | undefined;
}

const BASE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
  extra = {},
) {
  res.writeHead(status, {
    ...BASE_HEADERS,
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    ...extra,
  });
  res.end(body);
}

function json(res: ServerResponse, status: number, value: unknown) {
  send(res, status, `${JSON.stringify(value)}\n`, 'application/json');
}

/** Reads the body up to `max` bytes; `undefined` when it is larger (the rest is not read). */
function readBody(req: IncomingMessage, max: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (Number.isFinite(declared) && declared > max) return resolve(undefined);
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > max) {
        done = true;
        resolve(undefined);
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/** The request handler (exported for embedding in another server). */
export function createSigningHandler(opts: SigningHandlerOptions) {
  const now = opts.now ?? Date.now;
  const max = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  /** Refused posts per live session: session id → [count, expiresAt]. */
  const refused = new Map<string, [number, number]>();
  const refuse = (sessionId: string, expiresAt: number) => {
    if (refused.size > 1000)
      for (const [id, [, until]] of refused) if (until <= now()) refused.delete(id);
    refused.set(sessionId, [(refused.get(sessionId)?.[0] ?? 0) + 1, expiresAt]);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (path === '/healthz') return send(res, 200, 'ok\n');
    const m = ROUTE_RE.exec(path);
    if (!m) return send(res, 404, 'not found\n');
    const sessionId = m[1] as string;
    const sub = m[2];
    const method = req.method ?? 'GET';
    const wanted = sub === '/signature' ? ['POST'] : ['GET', 'HEAD'];
    if (!wanted.includes(method))
      return send(res, 405, 'method not allowed\n', undefined, { allow: wanted.join(', ') });

    const page = readSessionPage(opts.runDir, sessionId);
    if (page.isErr()) return send(res, 500, 'internal error\n');
    if (!page.value) return send(res, 404, 'unknown or finished login session\n');
    const expired = now() >= page.value.expiresAt;

    if (sub === undefined) {
      if (expired) return send(res, 410, 'this login has expired; reconnect with SSH\n');
      return send(res, 200, renderSigningPage(page.value), 'text/html; charset=utf-8', {
        'content-security-policy': PAGE_CSP,
      });
    }
    if (sub === '/challenge') {
      if (expired) return json(res, 410, { error: 'expired' });
      const { sessionId: id, user, host, wallet, chainId, code, message, expiresAt } = page.value;
      return json(res, 200, {
        sessionId: id,
        user,
        host,
        wallet,
        chainId,
        code,
        message,
        expiresAt,
      });
    }

    // POST /login/<sid>/signature
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      ?.trim()
      .toLowerCase();
    if (type !== 'application/json') {
      // A JSON content type forces a CORS preflight, which cross-site pages cannot pass.
      return json(res, 415, { error: 'content-type must be application/json' });
    }
    const body = await readBody(req, max);
    if (body === undefined) {
      res.setHeader('connection', 'close');
      return json(res, 413, { error: `body larger than ${max} bytes` });
    }
    if (expired) return json(res, 410, { error: 'expired' });
    let signatureText: unknown;
    try {
      signatureText = (JSON.parse(body) as { signature?: unknown } | null)?.signature;
    } catch {
      return json(res, 400, { error: 'body is not JSON' });
    }
    if (typeof signatureText !== 'string') return json(res, 400, { error: 'signature missing' });
    if ((refused.get(sessionId)?.[0] ?? 0) >= MAX_REFUSED_PER_SESSION)
      return json(res, 429, { error: 'too many refused signatures for this login; reconnect' });
    const signature = parseSignatureText(signatureText);
    if (signature.isErr()) return json(res, 400, { error: signature.error.shortMessage });
    const verified = await verifyLoginSignature({
      challenge: { wallet: page.value.wallet as `0x${string}`, message: page.value.message },
      signature: signature.value,
      contractVerifier: opts.contractVerifier,
    });
    if (verified.isErr()) {
      const e = verified.error;
      if (e.reason !== 'rpc-failed') refuse(sessionId, page.value.expiresAt);
      opts.log?.({
        outcome: 'denied',
        helper: 'signing-service',
        reason: e.reason,
        user: page.value.user,
        session: sessionId.slice(0, 8),
        rhost: req.socket.remoteAddress,
        detail: e.shortMessage,
      });
      if (e.reason === 'rpc-failed')
        return json(res, 503, { error: 'the chain cannot be asked right now; try again' });
      if (e.reason === 'answer-malformed') return json(res, 400, { error: e.shortMessage });
      return json(res, 403, { error: `not a signature of this login by ${page.value.wallet}` });
    }
    const stored = storeSessionSignature(opts.runDir, sessionId, signature.value);
    if (stored.isErr()) return json(res, 500, { error: 'internal error' });
    if (stored.value === 'unknown-session') return json(res, 404, { error: 'unknown session' });
    if (stored.value === 'exists')
      return json(res, 409, { error: 'this login already has a signature' });
    opts.log?.({
      outcome: 'signature-received',
      helper: 'signing-service',
      user: page.value.user,
      session: sessionId.slice(0, 8),
      rhost: req.socket.remoteAddress,
    });
    return json(res, 201, { stored: true });
  };
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error\n');
      else res.destroy();
    });
  };
}

export interface StartSigningServiceParameters extends SigningHandlerOptions {
  port: number;
  host?: string | undefined;
  /** PEM cert and key: HTTPS when given. */
  tls?: { cert: string | Buffer; key: string | Buffer } | undefined;
}

export interface RunningSigningService {
  server: Server;
  port: number;
  url: string;
  close: () => Promise<void>;
}

export function startSigningService(
  p: StartSigningServiceParameters,
): ResultAsync<RunningSigningService, LoginStateError> {
  const handler = createSigningHandler(p);
  const server: Server = p.tls
    ? createHttpsServer({ cert: p.tls.cert, key: p.tls.key }, handler)
    : createHttpServer(handler);
  // Slow clients cannot hold connections for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 20_000;
  server.keepAliveTimeout = 5_000;
  const listening = new Promise<RunningSigningService>((resolve, reject) => {
    server.once('error', reject);
    server.listen(p.port, p.host ?? '::', () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      const host = p.host ?? '::';
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        server,
        port,
        url: `${p.tls ? 'https' : 'http'}://${shown}:${port}`,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            server.closeAllConnections();
          }),
      });
    });
  });
  return ResultAsync.fromPromise(
    listening,
    (e) => new LoginStateError(`listening on port ${p.port}`, e),
  );
}
