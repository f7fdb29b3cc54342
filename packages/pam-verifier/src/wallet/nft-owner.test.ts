/** ownerOf over real HTTP against small JSON-RPC servers on loopback. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNftOwner } from './nft-owner.js';

const OWNER = '0xe05fcC23807536bEe418f142D19fa0d21BB0cfF7';
const CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const servers: Server[] = [];
const calls: unknown[] = [];

async function serve(
  handler: (body: { method: string; params: unknown[] }) => unknown,
): Promise<string> {
  const s = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const parsed = JSON.parse(body);
      calls.push(parsed);
      const answer = handler(parsed);
      if (answer === 'hang') return;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        typeof answer === 'string'
          ? answer
          : JSON.stringify({ jsonrpc: '2.0', id: parsed.id, ...(answer as object) }),
      );
    });
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

let good: string;
let reverts: string;
let garbage: string;
let hangs: string;
beforeAll(async () => {
  good = await serve(() => ({ result: `0x${'0'.repeat(24)}${OWNER.slice(2).toLowerCase()}` }));
  reverts = await serve(() => ({
    error: { code: 3, message: 'execution reverted: ERC721NonexistentToken(9)' },
  }));
  garbage = await serve(() => 'not json');
  hangs = await serve(() => 'hang');
});
afterAll(async () => {
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

const read = (rpcUrls: string[]) =>
  readNftOwner({ rpcUrls, contract: CONTRACT, tokenId: '9', timeoutMs: 300 });

describe('readNftOwner', () => {
  it('calls ownerOf(tokenId) and returns the owner', async () => {
    calls.length = 0;
    expect((await read([good]))._unsafeUnwrap()).toBe(OWNER.toLowerCase());
    expect(calls[0]).toMatchObject({
      method: 'eth_call',
      params: [{ to: CONTRACT, data: `0x6352211e${'9'.padStart(64, '0')}` }, 'latest'],
    });
  });

  it('a revert means the token does not exist: null', async () => {
    expect((await read([reverts]))._unsafeUnwrap()).toBeNull();
  });

  it('tries the next URL after garbage, a timeout or a refused connection', async () => {
    expect((await read(['http://127.0.0.1:1', garbage, hangs, good]))._unsafeUnwrap()).toBe(
      OWNER.toLowerCase(),
    );
  });

  it('fails with every URL named when none answers', async () => {
    const e = (await read([garbage, hangs]))._unsafeUnwrapErr();
    expect(e.reason).toBe('rpc-failed');
    expect(e.details).toMatch(/not JSON.*no answer within 300 ms/);
  });
});
