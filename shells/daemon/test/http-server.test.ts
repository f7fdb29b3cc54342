/**
 * The HTTP surface on its own (Fastify, real sockets): routes and methods, errors that do not
 * leak, header/request timeouts and the connection limit, the warning for a non-loopback
 * listener, /readyz's generic details, and the customer site's files (off by default).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '@blockhost/host';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { genericChainDetail, genericProxmoxDetail } from '../src/http/readiness.js';
import {
  type HttpHandlers,
  type HttpServer,
  isLoopback,
  type StartHttpServerOptions,
  startHttpServer,
} from '../src/http/server.js';

const handlers: HttpHandlers = {
  health: () => ({ ok: true, detail: 'ok' }),
  ready: () => [{ name: 'chain', ok: true, detail: 'last scan 0 s ago' }],
  metrics: async () => ({ contentType: 'text/plain; version=0.0.4', text: 'x 1\n' }),
};

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { lines, log: createLogger({ level: 'debug', destination: sink }) };
}

const servers: HttpServer[] = [];
async function start(o: Partial<StartHttpServerOptions> = {}) {
  const c = capture();
  const s = await startHttpServer({ listen: '127.0.0.1:0', handlers, log: c.log, ...o });
  servers.push(s);
  return { ...s, lines: c.lines };
}
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** Opens a raw socket; resolves with it once connected. */
function rawSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const s = connect({ host: hostname, port: Number(port) }, () => resolve(s));
    s.once('error', reject);
  });
}
/** Resolves with what the server sent before it closed the socket. */
function closed(s: Socket): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    s.on('data', (d) => {
      got += String(d);
    });
    s.on('error', () => {});
    s.once('close', () => resolve(got));
  });
}

describe('routes', () => {
  it('GET and HEAD the three endpoints; other methods 405 with Allow; unknown paths 404', async () => {
    const s = await start();
    const h = await fetch(`${s.url}/healthz`);
    expect([h.status, await h.text()]).toEqual([200, 'ok\n']);
    const r = await fetch(`${s.url}/readyz`);
    expect(r.headers.get('content-type')).toContain('application/json');
    expect(await r.json()).toEqual({
      ready: true,
      checks: [{ name: 'chain', ok: true, detail: 'last scan 0 s ago' }],
    });
    const m = await fetch(`${s.url}/metrics`);
    expect(m.headers.get('content-type')).toBe('text/plain; version=0.0.4');
    expect(await m.text()).toBe('x 1\n');
    expect((await fetch(`${s.url}/metrics`, { method: 'HEAD' })).status).toBe(200);
    const post = await fetch(`${s.url}/metrics`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${s.url}/`)).status).toBe(404); // no customer site unless configured
    expect((await fetch(`${s.url}/nope`)).status).toBe(404);
  });

  it('a failing handler is a 500 without its message; the message is logged', async () => {
    const s = await start({
      handlers: {
        ...handlers,
        metrics: async () => {
          throw new Error('secret-ish upstream detail');
        },
      },
    });
    const res = await fetch(`${s.url}/metrics`);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('internal error\n');
    expect(s.lines.some((l) => l.error === 'secret-ish upstream detail')).toBe(true);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200); // still serving
  });

  it('refuses a large request body', async () => {
    const s = await start();
    const big = await fetch(`${s.url}/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ x: 'y'.repeat(100_000) }),
    });
    expect(big.status).toBe(413);
  });
});

describe('socket limits', () => {
  it('closes a connection whose headers never finish', async () => {
    const s = await start({ limits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    const sock = await rawSocket(s.url);
    const done = closed(sock);
    sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n'); // and nothing more
    const answer = await done; // resolves only when the server hangs up
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it('closes an idle connection that sends nothing', async () => {
    const s = await start({ limits: { idleTimeoutMs: 300 } });
    const sock = await rawSocket(s.url);
    expect(await closed(sock)).toBe('');
  });

  it('refuses connections beyond the limit and serves again once they close', async () => {
    const s = await start({ limits: { maxConnections: 2 } });
    const held = [await rawSocket(s.url), await rawSocket(s.url)];
    const third = await rawSocket(s.url);
    const thirdClosed = closed(third);
    third.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(await thirdClosed).toBe(''); // dropped without an answer
    for (const h of held) h.destroy();
    const again = async (): Promise<number> => {
      try {
        return (await fetch(`${s.url}/healthz`)).status;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
        return again();
      }
    };
    expect(await again()).toBe(200);
  });
});

describe('listen address', () => {
  it('tells loopback from the rest', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', '::1', 'localhost'])
      expect(isLoopback(h)).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.2', 'fe80::1'])
      expect(isLoopback(h)).toBe(false);
  });

  it('warns on a non-loopback listener, not on loopback', async () => {
    const lo = await start();
    expect(lo.lines.some((l) => l.level === 40)).toBe(false);
    const open = await start({ listen: '0.0.0.0:0' });
    const warn = open.lines.find((l) => l.level === 40);
    expect(warn?.msg).toMatch(/non-loopback address without TLS or access control/);
    expect(warn?.listen).toBe('0.0.0.0:0');
  });
});

describe('/readyz details are generic', () => {
  it('keeps the HTTP status, drops the upstream text', () => {
    const raw =
      'PVE API GET https://10.1.2.3:8006/api2/json/cluster/resources failed: HTTP 503 (backend pve-internal-7 down)';
    expect(genericProxmoxDetail(raw)).toBe('Proxmox API request failed (HTTP 503)');
    expect(genericProxmoxDetail('connect ECONNREFUSED 10.1.2.3:8006')).toBe(
      'Proxmox API unreachable',
    );
    expect(
      genericChainDetail('HTTP request failed. URL: https://rpc.example/v3/KEY123 Status: 429'),
    ).toBe('RPC request failed (HTTP 429)');
    expect(genericChainDetail('fetch failed')).toBe('RPC request failed');
    expect(genericChainDetail('not scanned yet')).toBe('not scanned yet');
  });
});

describe('the customer site (http.portal_dir)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bh-portal-'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>BlockHost</title>');
    writeFileSync(join(dir, 'app.js'), 'console.log(1)');
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ rpcUrls: ['https://rpc.example:8545/key', 'not a url'] }),
    );
    writeFileSync(join(dir, '.env'), 'SECRET=1');
    mkdirSync(join(dir, 'assets'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the built files with security headers, beside the ops endpoints', async () => {
    const s = await start({ portalDir: dir });
    const index = await fetch(`${s.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toContain('text/html');
    expect(await index.text()).toContain('<title>BlockHost</title>');
    const csp = index.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' https://rpc.example:8545;");
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    const js = await fetch(`${s.url}/app.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
    const config = await fetch(`${s.url}/config.json`);
    expect(config.headers.get('cache-control')).toBe('public, max-age=0');
    expect(((await config.json()) as { rpcUrls: string[] }).rpcUrls[0]).toBe(
      'https://rpc.example:8545/key',
    );
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it('never serves dotfiles or anything outside the directory', async () => {
    const s = await start({ portalDir: dir });
    expect([403, 404]).toContain((await fetch(`${s.url}/.env`)).status);
    const sock = await rawSocket(s.url);
    const done = closed(sock);
    sock.write('GET /../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const answer = await done;
    expect(answer).toMatch(/^HTTP\/1\.1 (400|403|404)/);
    expect(answer).not.toContain('root:');
  });
});
