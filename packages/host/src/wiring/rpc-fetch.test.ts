import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { deriveSigningTls } from '@blockhost/pam-verifier';
import { createPublicClient, http } from 'viem';
import { afterEach, describe, expect, it } from 'vitest';
import { createRpcFetch } from './rpc-fetch.js';

let server: Server | null = null;
afterEach(async () => {
  const s = server;
  server = null;
  if (!s) return;
  s.closeAllConnections();
  await new Promise((r) => s.close(r));
});

/** A JSON-RPC endpoint answering with `handle`; returns a viem client that uses the RPC fetch. */
async function rpc(
  handle: (body: { id: number; method: string }, res: ServerResponse, req: IncomingMessage) => void,
  o: { timeout?: number } = {},
) {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => {
      text += c;
    });
    req.on('end', () => handle(JSON.parse(text), res, req));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return createPublicClient({
    transport: http(url, { fetchFn: createRpcFetch(), retryCount: 0, timeout: o.timeout ?? 5000 }),
  });
}

const result = (res: ServerResponse, id: number, value: unknown) => {
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify({ jsonrpc: '2.0', id, result: value }));
};

describe('the RPC fetch (node:http under viem)', () => {
  it('carries requests and answers, over one kept-alive connection', async () => {
    const sockets = new Set<unknown>();
    const client = await rpc((b, res, req) => {
      sockets.add(req.socket);
      result(res, b.id, '0x7a69');
    });
    for (let i = 0; i < 5; i++) expect(await client.getChainId()).toBe(31337);
    expect(sockets.size).toBe(1);
  });

  it('keeps a character whose bytes arrive in two pieces', async () => {
    const client = await rpc((b, res) => {
      const bytes = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: b.id, result: 'héllo ✓' }));
      const at = bytes.indexOf(0xc3) + 1; // inside the two bytes of "é"
      res.setHeader('Content-Type', 'application/json');
      res.write(bytes.subarray(0, at));
      setTimeout(() => res.end(bytes.subarray(at)), 20);
    });
    expect(await client.request({ method: 'web3_clientVersion' } as never)).toBe('héllo ✓');
  });

  it('an HTTP error is viem’s HttpRequestError with the status and headers (Retry-After)', async () => {
    const client = await rpc((_b, res) => {
      res.writeHead(429, 'Too Many Requests', { 'Retry-After': '3' });
      res.end('slow down');
    });
    const e = (await client.getChainId().catch((x: unknown) => x)) as {
      name: string;
      status: number;
      headers: Headers;
    };
    expect(e.name).toBe('HttpRequestError');
    expect(e.status).toBe(429);
    expect(e.headers.get('retry-after')).toBe('3');
  });

  it('an RPC that never answers times out', async () => {
    const client = await rpc(() => {}, { timeout: 300 });
    const e = (await client.getChainId().catch((x: unknown) => x)) as Error;
    expect(e.name).toBe('TimeoutError');
  });

  it('an answer past viem’s size limit is refused while it arrives', async () => {
    let sent = 0;
    const client = await rpc((_b, res) => {
      res.setHeader('Content-Type', 'application/json');
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const more = () => {
        while (sent < 64 && res.write(chunk)) sent++;
        if (sent < 64 && !res.destroyed) res.once('drain', more);
      };
      more();
    });
    const e = (await client.getChainId().catch((x: unknown) => x)) as Error;
    expect(`${e.name} ${e.message}`).toMatch(/too large|ResponseBodyTooLarge/i);
    // it stopped reading long before the 64 MiB the server had to send
    expect(sent).toBeLessThan(64);
  });

  it('speaks TLS to an https RPC and verifies its certificate (NODE_EXTRA_CA_CERTS to trust one)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bh-rpc-tls-'));
    try {
      // A self-signed P-256 certificate for the address (the VMs' signing-page identity).
      const id = deriveSigningTls({ secret: new Uint8Array(32).fill(9), hostName: '127.0.0.1' });
      const cert = join(dir, 'cert.pem');
      writeFileSync(cert, id.certPem);
      const tls = createTlsServer({ key: id.keyPem, cert: id.certPem }, (req, res) => {
        let text = '';
        req.on('data', (c) => {
          text += c;
        });
        req.on('end', () => result(res, (JSON.parse(text) as { id: number }).id, '0x7a69'));
      });
      tls.listen(0, '127.0.0.1');
      await once(tls, 'listening');
      const url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
      try {
        // not trusted by this process: refused, never answered in clear
        const client = createPublicClient({
          transport: http(url, { fetchFn: createRpcFetch(), retryCount: 0 }),
        });
        const e = (await client.getChainId().catch((x: unknown) => x)) as Error;
        expect(`${e.message} ${String((e as { cause?: unknown }).cause)}`).toMatch(/certificate/i);
        // trusted through the environment the operator would set in the unit
        const script = `import { createRpcFetch } from '@blockhost/host';
          import { deriveSigningTls } from '@blockhost/pam-verifier';
import { createPublicClient, http } from 'viem';
          const c = createPublicClient({ transport: http(process.env.URL, { fetchFn: createRpcFetch(), retryCount: 0 }) });
          console.log(await c.getChainId());`;
        const { stdout } = await promisify(execFile)(
          process.execPath,
          [
            '--conditions=@blockhost/source',
            '--import',
            'tsx',
            '--input-type=module',
            '-e',
            script,
          ],
          { env: { ...process.env, URL: url, NODE_EXTRA_CA_CERTS: cert } },
        );
        expect(stdout.trim()).toBe('31337');
      } finally {
        tls.closeAllConnections();
        await new Promise((r) => tls.close(r));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
