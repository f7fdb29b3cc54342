/**
 * The daemon's HTTP surface on Fastify: /healthz, /readyz, /metrics (loopback by default) and,
 * when configured, the customer site's built files. Bounded: header, request and idle timeouts
 * and a connection limit, so a slow or greedy client cannot pin the daemon's sockets.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '@blockhost/host';
import Fastify, { type FastifyInstance } from 'fastify';
import { portalHeaders } from './portal-headers.js';

export interface ReadinessCheck {
  name: string;
  ok: boolean;
  detail: string;
}

export interface HttpHandlers {
  /** Liveness: the process and its loops are alive. */
  health(): { ok: boolean; detail: string };
  /** Readiness: chain, Proxmox and the cursor are in a state to serve. */
  ready(): ReadinessCheck[];
  /** The Prometheus text exposition and its content type. */
  metrics(): Promise<{ contentType: string; text: string }>;
}

/** Socket limits (milliseconds, connections). The defaults suit a loopback ops endpoint. */
export interface HttpLimits {
  /** Time to receive a request's headers. */
  headersTimeoutMs: number;
  /** Time to receive a whole request. */
  requestTimeoutMs: number;
  /** An idle socket (no request in flight) is closed after this. */
  idleTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this are refused. */
  maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 15_000,
  idleTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 256,
};

export interface StartHttpServerOptions {
  /** `host:port` (`[v6]:port`); port 0 picks a free one. */
  listen: string;
  handlers: HttpHandlers;
  log: Logger;
  /** The customer site's built files (`index.html`, `config.json`, …); unset: not served. */
  portalDir?: string | undefined;
  limits?: Partial<HttpLimits> | undefined;
}

export interface HttpServer {
  readonly server: Server;
  readonly url: string;
  close(): Promise<void>;
}

export function parseListen(listen: string): { host: string; port: number } {
  const i = listen.lastIndexOf(':');
  const host = listen.slice(0, i).replace(/^\[|\]$/g, '');
  return { host, port: Number(listen.slice(i + 1)) };
}

/** 127.0.0.0/8, ::1 and localhost: reachable only from this machine. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function buildApp(o: StartHttpServerOptions, limits: HttpLimits): FastifyInstance {
  const app = Fastify({
    logger: false,
    connectionTimeout: limits.idleTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    bodyLimit: 16 * 1024,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      // Node checks the header and request timeouts on this interval (default 30 s).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, limits.headersTimeoutMs / 2)),
    },
    return503OnClosing: true,
  });

  app.get('/healthz', async (_req, reply) => {
    const h = o.handlers.health();
    return reply
      .code(h.ok ? 200 : 503)
      .type('text/plain; charset=utf-8')
      .send(`${h.detail}\n`);
  });
  app.get('/readyz', async (_req, reply) => {
    const checks = o.handlers.ready();
    const ok = checks.every((c) => c.ok);
    return reply
      .code(ok ? 200 : 503)
      .type('application/json')
      .send(`${JSON.stringify({ ready: ok, checks })}\n`);
  });
  app.get('/metrics', async (_req, reply) => {
    const m = await o.handlers.metrics();
    return reply.code(200).type(m.contentType).send(m.text);
  });

  if (o.portalDir) {
    const headers = portalHeaders(o.portalDir);
    // Loaded only here: most hosts serve no site, and the plugin (with glob, send, mime) is
    // ~1 MiB of an idle daemon's memory. Fastify awaits the import before it listens.
    app.register(import('@fastify/static'), {
      root: o.portalDir,
      prefix: '/',
      index: ['index.html'],
      dotfiles: 'deny',
      // config.json changes when the operator rewrites it: always revalidate.
      cacheControl: true,
      maxAge: 0,
      setHeaders: (res) => {
        for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      },
    });
  }

  app.setNotFoundHandler(async (req, reply) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return reply.code(405).header('allow', 'GET, HEAD').type('text/plain').send();
    }
    return reply.code(404).type('text/plain').send('not found\n');
  });
  app.setErrorHandler(async (e, _req, reply) => {
    const status = (e as { statusCode?: number }).statusCode ?? 500;
    // A client's mistake (too large, malformed, not allowed): say which, no stack.
    if (status >= 400 && status < 500) {
      return reply
        .code(status)
        .type('text/plain')
        .send(`${(e as Error).message}\n`);
    }
    o.log.error({ error: (e as Error).message }, 'HTTP handler failed');
    // The client learns that it failed, not why (the log has the why).
    return reply.code(500).type('text/plain').send('internal error\n');
  });
  return app;
}

/** Starts the HTTP surface; resolves once it listens. */
export async function startHttpServer(o: StartHttpServerOptions): Promise<HttpServer> {
  const limits = { ...DEFAULT_HTTP_LIMITS, ...o.limits };
  const app = buildApp(o, limits);
  const { host, port } = parseListen(o.listen);
  await app.listen({ host, port });
  const server = app.server;
  server.maxConnections = limits.maxConnections;
  if (!isLoopback(host)) {
    o.log.warn(
      { listen: o.listen },
      'HTTP listens on a non-loopback address without TLS or access control: /metrics and /readyz ' +
        '(and the customer site, if enabled) are open to anyone who reaches it; bind to loopback ' +
        'and put a reverse proxy with TLS in front, or firewall the port',
    );
  }
  const addr = server.address() as AddressInfo;
  const h = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return { server, url: `http://${h}:${addr.port}`, close: () => app.close() };
}
