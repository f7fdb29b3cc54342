/** The signing service over real HTTP and HTTPS on loopback. */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { errAsync } from 'neverthrow';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginChallenge, type LoginChallenge } from '../challenge/create-challenge.js';
import { RpcRequestError } from '../errors.js';
import { ensureRunDir, readSessionSignature, writeSessionPage } from '../state/run-dir.js';
import { deriveSigningTls } from '../tls/signing-identity.js';
import {
  MAX_REFUSED_PER_SESSION,
  type RunningSigningService,
  startSigningService,
} from './signing-service.js';

let tmp: string;
let runDir: string;
let service: RunningSigningService;
let now = 1_800_000_000_000;
let n = 0;

function session(user = 'alice'): LoginChallenge {
  const c = createLoginChallenge({
    user,
    host: 'vm.example.net',
    wallet: owner.address,
    chainId: 1,
    ttlSeconds: 60,
    now,
    randomBytes: (len) => Uint8Array.from({ length: len }, () => ++n & 0xff),
  })._unsafeUnwrap();
  writeSessionPage(runDir, c)._unsafeUnwrap();
  return c;
}

const owner = privateKeyToAccount(`0x${'5e'.repeat(32)}`);
const stranger = privateKeyToAccount(`0x${'5f'.repeat(32)}`);
const sig = `0x${'ab'.repeat(65)}`;
const post = (path: string, body: string, type = 'application/json') =>
  fetch(`${service.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'bh-signer-'));
  runDir = join(tmp, 'run');
  ensureRunDir(runDir)._unsafeUnwrap();
  service = (
    await startSigningService({
      runDir,
      port: 0,
      host: '127.0.0.1',
      now: () => now,
      maxBodyBytes: 4096,
    })
  )._unsafeUnwrap();
});
afterAll(async () => {
  await service?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('signing service (HTTP)', () => {
  it('serves the page of a pending session with the code, message and a strict CSP', async () => {
    const c = session();
    const res = await fetch(`${service.url}/login/${c.sessionId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toMatch(
      /default-src 'none'; script-src 'sha256-/,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain(
      `<p class="code" id="code">${c.nonce.slice(0, 4)}-${c.nonce.slice(4, 8)}</p>`,
    );
    expect(html).toContain('Log in to vm.example.net as alice over SSH.');
    const json = await (await fetch(`${service.url}/login/${c.sessionId}/challenge`)).json();
    expect(json).toMatchObject({ message: c.message, wallet: c.wallet, sessionId: c.sessionId });
  });

  it("stores only the wallet's signature of the session's message (201), once (409)", async () => {
    const c = session();
    const path = `/login/${c.sessionId}/signature`;
    const refused: [unknown, number][] = [
      // No EOA signature (and no chain to ask), a broken ERC-6492 wrapper, another wallet's,
      // the wallet's over something else.
      [sig, 403],
      [`0x${'ab'.repeat(64)}${'6492'.repeat(16)}`, 400],
      [await stranger.signMessage({ message: c.message }), 403],
      [await owner.signMessage({ message: `${c.message}\n` }), 403],
    ];
    for (const [signature, status] of refused) {
      const res = await post(path, JSON.stringify({ signature }));
      expect(res.status, String(signature)).toBe(status);
    }
    expect(readSessionSignature(runDir, c.sessionId)).toBeUndefined();
    const good = await owner.signMessage({ message: c.message });
    expect((await post(path, JSON.stringify({ signature: good }))).status).toBe(201);
    expect(readSessionSignature(runDir, c.sessionId)).toBe(good);
    const again = await owner.signMessage({ message: c.message });
    expect((await post(path, JSON.stringify({ signature: `${again}` }))).status).toBe(409);
    expect(readSessionSignature(runDir, c.sessionId)).toBe(good);
  });

  it('after a few refused signatures a session takes no more posts (429), others are unaffected', async () => {
    const c = session();
    const path = `/login/${c.sessionId}/signature`;
    const wrong = JSON.stringify({ signature: await stranger.signMessage({ message: c.message }) });
    for (let i = 0; i < MAX_REFUSED_PER_SESSION; i++)
      expect((await post(path, wrong)).status).toBe(403);
    expect((await post(path, wrong)).status).toBe(429);
    const good = await owner.signMessage({ message: c.message });
    expect((await post(path, JSON.stringify({ signature: good }))).status).toBe(429);
    const d = session();
    const ok = await owner.signMessage({ message: d.message });
    expect(
      (await post(`/login/${d.sessionId}/signature`, JSON.stringify({ signature: ok }))).status,
    ).toBe(201);
  });

  it.each([
    '/login/0123456789abcdef0123456789abcdef',
    '/login/../../../etc/passwd',
    '/login/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/login/..%2f..%2fetc%2fpasswd',
    '/login/0123456789ABCDEF0123456789ABCDEF',
    '/login/0123456789abcdef0123456789abcde',
    '/login/0123456789abcdef0123456789abcdef0',
    '/etc/passwd',
    '/',
  ])('404 for %s (unknown or not a session id)', async (path) => {
    const res = await fetch(`${service.url}${path}`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('root:');
  });

  it('404 when posting to an unknown session', async () => {
    expect(
      (await post(`/login/${'e'.repeat(32)}/signature`, JSON.stringify({ signature: sig }))).status,
    ).toBe(404);
  });

  it('bounds the body (413) and checks content type (415) and input (400)', async () => {
    const c = session();
    const path = `/login/${c.sessionId}/signature`;
    expect((await post(path, JSON.stringify({ signature: `0x${'ab'.repeat(5000)}` }))).status).toBe(
      413,
    );
    expect((await post(path, `signature=${sig}`, 'application/x-www-form-urlencoded')).status).toBe(
      415,
    );
    expect((await post(path, 'not json')).status).toBe(400);
    expect((await post(path, JSON.stringify({ signature: 'hello' }))).status).toBe(400);
    expect((await post(path, JSON.stringify({ sig }))).status).toBe(400);
    expect(readSessionSignature(runDir, c.sessionId)).toBeUndefined();
  });

  it('405 for other methods, 410 once the session has expired', async () => {
    const c = session();
    expect((await fetch(`${service.url}/login/${c.sessionId}`, { method: 'DELETE' })).status).toBe(
      405,
    );
    expect((await fetch(`${service.url}/login/${c.sessionId}/signature`)).status).toBe(405);
    now += 61_000;
    expect((await fetch(`${service.url}/login/${c.sessionId}`)).status).toBe(410);
    expect(
      (await post(`/login/${c.sessionId}/signature`, JSON.stringify({ signature: sig }))).status,
    ).toBe(410);
  });

  it('escapes what it shows', async () => {
    const c = session('o_brien');
    const html = await (await fetch(`${service.url}/login/${c.sessionId}`)).text();
    expect(html).not.toMatch(/<script>(?!\s*\(function)/);
    const data =
      /<script type="application\/json" id="challenge">(.*?)<\/script>/s.exec(html)?.[1] ?? '';
    expect(JSON.parse(data).message).toBe(c.message);
  });
});

describe('signing service (HTTPS)', () => {
  it('serves the page over TLS with the given certificate', async () => {
    // A self-signed P-256 certificate: the VMs' own signing-page identity.
    const { certPem: cert, keyPem: key } = deriveSigningTls({
      secret: new Uint8Array(32).fill(3),
      hostName: 'localhost',
    });
    const tls = (
      await startSigningService({
        runDir,
        port: 0,
        host: '127.0.0.1',
        now: () => now,
        tls: { cert, key },
      })
    )._unsafeUnwrap();
    try {
      expect(tls.url).toMatch(/^https:/);
      const c = session();
      const { status, body } = await new Promise<{ status: number; body: string }>(
        (resolve, reject) => {
          const req = httpsRequest(
            `${tls.url}/login/${c.sessionId}`,
            {
              ca: cert,
              servername: 'localhost',
              checkServerIdentity: () => undefined,
            },
            (res) => {
              let b = '';
              res.on('data', (d) => {
                b += d;
              });
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
            },
          );
          req.on('error', reject);
          req.end();
        },
      );
      expect(status).toBe(200);
      expect(body).toContain('Sign in with wallet');
    } finally {
      await tls.close();
    }
  });
});

describe('signing service with a chain for contract wallets', () => {
  it('503 when the chain cannot be asked about a signature that does not recover', async () => {
    const down = (
      await startSigningService({
        runDir,
        port: 0,
        host: '127.0.0.1',
        now: () => now,
        contractVerifier: {
          hasCode: () => errAsync(new RpcRequestError('eth_getCode', 'connection refused')),
          isValidSignature: () => errAsync(new RpcRequestError('isValidSignature', 'refused')),
        },
      })
    )._unsafeUnwrap();
    try {
      const c = session();
      const signature = await stranger.signMessage({ message: c.message });
      const res = await fetch(`${down.url}/login/${c.sessionId}/signature`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ signature }),
      });
      expect(res.status).toBe(503);
      expect(readSessionSignature(runDir, c.sessionId)).toBeUndefined();
    } finally {
      await down.close();
    }
  });
});
