import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AptProxy, cachePathFor, startAptProxy } from '../src/index.js';

/** A stand-in mirror: counts requests, serves a package, a by-hash index and InRelease. */
let mirror: Server;
let base: string;
const hits: string[] = [];
const deb = Buffer.alloc(100_000, 7);
let proxy: AptProxy;
const dir = mkdtempSync(join(tmpdir(), 'bhk-proxy-'));

function viaProxy(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
    const req = request({ socketPath: proxy.socketPath, path: url, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  mirror = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (req.url === '/debian/pool/main/n/nodejs/nodejs_20.19.2_amd64.deb') {
      res.writeHead(200, { 'content-length': String(deb.length) }).end(deb);
    } else if (req.url === '/debian/dists/trixie/InRelease') {
      res.writeHead(200).end('release text');
    } else {
      res.writeHead(404).end('no');
    }
  });
  await new Promise<void>((r) => mirror.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/debian`;
  proxy = await startAptProxy({
    socketPath: join(dir, 'p.sock'),
    mirrors: [base],
    cacheDir: join(dir, 'cache'),
  });
});

afterAll(async () => {
  await proxy?.close();
  await new Promise((r) => mirror.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('the apt proxy', () => {
  it('fetches packages once and serves them from its cache afterwards', async () => {
    const url = `${base}/pool/main/n/nodejs/nodejs_20.19.2_amd64.deb`;
    const a = await viaProxy(url);
    expect(a.status).toBe(200);
    expect(a.body.equals(deb)).toBe(true);
    const b = await viaProxy(url);
    expect(b.body.equals(deb)).toBe(true);
    expect(hits.filter((h) => h.endsWith('.deb'))).toHaveLength(1);
    expect(proxy.stats.hits).toBe(1);
    expect(readFileSync(cachePathFor(join(dir, 'cache'), new URL(url))!).equals(deb)).toBe(true);
  });

  it('always asks the mirror for release files and passes errors through uncached', async () => {
    await viaProxy(`${base}/dists/trixie/InRelease`);
    const again = await viaProxy(`${base}/dists/trixie/InRelease`);
    expect(again.body.toString()).toBe('release text');
    expect(hits.filter((h) => h.endsWith('InRelease'))).toHaveLength(2);
    const missing = await viaProxy(`${base}/pool/main/x/x/x_1_amd64.deb`);
    expect(missing.status).toBe(404);
    expect(
      existsSync(cachePathFor(join(dir, 'cache'), new URL(`${base}/pool/main/x/x/x_1_amd64.deb`))!),
    ).toBe(false);
  });

  it('refuses other hosts, relative URLs and other methods', async () => {
    expect((await viaProxy('http://evil.example/debian/pool/x.deb')).status).toBe(403);
    expect((await viaProxy(`${base.replace('/debian', '/debianx')}/pool/x.deb`)).status).toBe(403);
    expect((await viaProxy('/relative')).status).toBe(400);
    expect(proxy.stats.refused).toBe(3);
  });

  it('caches only immutable paths, never outside its directory', () => {
    const c = '/cache';
    expect(cachePathFor(c, new URL('http://m/debian/pool/main/a/a/a_1_all.deb'))).toBe(
      '/cache/m/debian/pool/main/a/a/a_1_all.deb',
    );
    expect(
      cachePathFor(
        c,
        new URL(`http://m/debian/dists/trixie/main/binary-amd64/by-hash/SHA256/${'a'.repeat(64)}`),
      ),
    ).toBeDefined();
    expect(cachePathFor(c, new URL('http://m/debian/dists/trixie/InRelease'))).toBeUndefined();
    expect(cachePathFor(c, new URL('http://m/debian/pool/a.deb?x=1'))).toBeUndefined();
    expect(cachePathFor(c, new URL('http://m/debian/pool/%2e%2e/a.deb'))).toBeUndefined();
  });
});
