/**
 * An HTTP proxy for apt inside containers, the way a site runs apt-cacher-ng:
 * the container's own network cannot reach the Debian mirror (it is a
 * namespace without a route out, and the host's network is left alone), so
 * its apt is pointed at this proxy, which fetches from the host's mirror.
 * The container's apt-get therefore really runs (indexes, dependency
 * resolution, downloads, dpkg), only the transport differs.
 *
 * It forwards only to the given mirrors. Files that never change under their
 * name (`/pool/…` packages, `/by-hash/…` indexes) are kept in `cacheDir`, so
 * a second boot downloads only the release files.
 */
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { Agent, createServer, get, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';

export interface AptProxyOptions {
  /** Unix socket to listen on (the relay in the container's network brings connections here). */
  socketPath: string;
  /** URL prefixes the proxy may fetch from (`http://deb.debian.org/debian`). */
  mirrors: readonly string[];
  /** Where immutable files are cached. */
  cacheDir: string;
}

export interface AptProxyStats {
  requests: number;
  /** Served from the cache. */
  hits: number;
  /** Fetched from the mirror. */
  fetched: number;
  /** Not a configured mirror. */
  refused: number;
}

export interface AptProxy {
  readonly socketPath: string;
  readonly stats: AptProxyStats;
  close(): Promise<void>;
}

const IMMUTABLE = /\/(pool\/.+\.deb|by-hash\/[A-Za-z0-9]+\/[0-9a-f]{32,128})$/;
const HOP_BY_HOP = new Set([
  'connection',
  'proxy-connection',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'proxy-authorization',
]);

/** The cache file for an immutable URL, or undefined when the URL must always be fetched. */
export function cachePathFor(cacheDir: string, url: URL): string | undefined {
  if (!IMMUTABLE.test(url.pathname) || url.search) return undefined;
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments.some((s) => s === '..' || s === '.' || s.includes('\\'))) return undefined;
  return join(cacheDir, url.host, ...segments);
}

export function startAptProxy(o: AptProxyOptions): Promise<AptProxy> {
  const stats: AptProxyStats = { requests: 0, hits: 0, fetched: 0, refused: 0 };
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const allowed = o.mirrors.map((m) => m.replace(/\/+$/, ''));

  const refuse = (res: ServerResponse, status: number, why: string) => {
    stats.refused++;
    res.writeHead(status, { 'content-type': 'text/plain' }).end(`${why}\n`);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    stats.requests++;
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      return refuse(res, 400, 'expected an absolute http:// URL (proxy request)');
    }
    const href = `${url.protocol}//${url.host}${url.pathname}`;
    if (url.protocol !== 'http:' || !allowed.some((m) => href === m || href.startsWith(`${m}/`)))
      return refuse(res, 403, `${url.host} is not a configured Debian mirror`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'GET and HEAD only');

    const cached = req.method === 'GET' ? cachePathFor(o.cacheDir, url) : undefined;
    if (cached && existsSync(cached)) {
      stats.hits++;
      res.writeHead(200, {
        'content-length': String(statSync(cached).size),
        'content-type': 'application/octet-stream',
      });
      createReadStream(cached).pipe(res);
      return;
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (typeof v === 'string' && !HOP_BY_HOP.has(k.toLowerCase()) && k.toLowerCase() !== 'host')
        headers[k] = v;
    }
    const up = get(url, { agent, headers, method: req.method }, (ur) => {
      stats.fetched++;
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(ur.headers)) {
        if (v !== undefined && !HOP_BY_HOP.has(k.toLowerCase())) out[k] = v;
      }
      res.writeHead(ur.statusCode ?? 502, out);
      const keep = cached && ur.statusCode === 200 && !req.headers.range;
      if (!keep) {
        ur.pipe(res);
        return;
      }
      // Written beside the target and renamed when complete: a cached file is always whole.
      mkdirSync(dirname(cached), { recursive: true });
      const tmp = `${cached}.part-${process.pid}-${Math.random().toString(36).slice(2)}`;
      const file = createWriteStream(tmp);
      let bytes = 0;
      // The last chunk is held back until the file is committed: a client counting
      // content-length would otherwise finish (and ask again) before the cache has it.
      let held: Buffer | null = null;
      ur.on('data', (d: Buffer) => {
        bytes += d.length;
        file.write(d);
        if (held) res.write(held);
        held = d;
      });
      ur.on('end', () => {
        file.end(() => {
          const expected = Number(ur.headers['content-length'] ?? bytes);
          if (bytes === expected) renameSync(tmp, cached);
          else rmSync(tmp, { force: true });
          if (held) res.end(held);
          else res.end();
        });
      });
      ur.on('error', () => {
        file.destroy();
        rmSync(tmp, { force: true });
        res.destroy();
      });
    });
    up.on('error', (e) => {
      if (!res.headersSent)
        res.writeHead(502, { 'content-type': 'text/plain' }).end(`${e.message}\n`);
      else res.destroy();
    });
  };

  const server = createServer(handle);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.socketPath, () => {
      server.off('error', reject);
      resolve({
        socketPath: o.socketPath,
        stats,
        close: () =>
          new Promise<void>((r) => {
            server.closeAllConnections();
            server.close(() => r());
            agent.destroy();
          }),
      });
    });
  });
}
