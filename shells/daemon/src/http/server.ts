import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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

function parseListen(listen: string): { host: string; port: number } {
  const i = listen.lastIndexOf(':');
  const host = listen.slice(0, i).replace(/^\[|\]$/g, '');
  return { host, port: Number(listen.slice(i + 1)) };
}

/** The daemon's HTTP surface: /healthz, /readyz, /metrics (loopback by default). */
export async function startHttpServer(
  listen: string,
  handlers: HttpHandlers,
): Promise<{ server: Server; url: string }> {
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    try {
      if (path === '/healthz') {
        const h = handlers.health();
        res
          .writeHead(h.ok ? 200 : 503, { 'content-type': 'text/plain; charset=utf-8' })
          .end(`${h.detail}\n`);
      } else if (path === '/readyz') {
        const checks = handlers.ready();
        const ok = checks.every((c) => c.ok);
        res
          .writeHead(ok ? 200 : 503, { 'content-type': 'application/json' })
          .end(`${JSON.stringify({ ready: ok, checks })}\n`);
      } else if (path === '/metrics') {
        const m = await handlers.metrics();
        res.writeHead(200, { 'content-type': m.contentType }).end(m.text);
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      }
    } catch (e) {
      res
        .writeHead(500, { 'content-type': 'text/plain' })
        .end(`internal error: ${(e as Error).message}\n`);
    }
  });
  const { host, port } = parseListen(listen);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const h = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return { server, url: `http://${h}:${addr.port}` };
}
