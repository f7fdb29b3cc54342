/** ownerOf over real HTTP against small JSON-RPC servers on loopback. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNftOwner } from './nft-owner.js';

const OWNER = '0xe05fcC23807536bEe418f142D19fa0d21BB0cfF7';
const CONTRACT = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const servers: Server[] = [];
const calls: unknown[] = [];

/**
 * A JSON-RPC server on loopback (single calls and batches; `eth_chainId` answers `chainId`).
 * The handler's answer is merged into the reply; 'hang' never answers, other strings are sent raw.
 */
async function serve(
  handler: (body: { method: string; params: unknown[] }) => unknown,
  chainId = '0x7a69',
): Promise<string> {
  const s = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const parsed = JSON.parse(body);
      const answers = (Array.isArray(parsed) ? parsed : [parsed]).map((call) => {
        calls.push(call);
        return call.method === 'eth_chainId' ? { result: chainId } : handler(call);
      });
      if (answers.includes('hang')) return;
      const raw = answers.find((a) => typeof a === 'string');
      res.writeHead(200, { 'content-type': 'application/json' });
      if (raw !== undefined) return res.end(raw);
      const replies = answers.map((a, i) => ({
        jsonrpc: '2.0',
        id: (Array.isArray(parsed) ? parsed[i] : parsed).id,
        ...(a as object),
      }));
      res.end(JSON.stringify(Array.isArray(parsed) ? replies : replies[0]));
    });
  });
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

const MALLORY = '0x000000000000000000000000000000000000bad0';
const word = (address: string, upper = '0'.repeat(24)) =>
  `0x${upper}${address.slice(2).toLowerCase()}`;

let good: string;
let reverts: string;
let garbage: string;
let hangs: string;
let otherChain: string;
let dirtyWord: string;
beforeAll(async () => {
  good = await serve(() => ({ result: word(OWNER) }));
  reverts = await serve(() => ({
    error: { code: 3, message: 'execution reverted: ERC721NonexistentToken(9)' },
  }));
  garbage = await serve(() => 'not json');
  hangs = await serve(() => 'hang');
  // Another chain's node: it may well answer for the same contract address.
  otherChain = await serve(() => ({ result: word(MALLORY) }), '0x1');
  // Upper 12 bytes not zero: not an ABI-encoded address.
  dirtyWord = await serve(() => ({ result: word(MALLORY, `${'ff'.repeat(11)}00`) }));
});
afterAll(async () => {
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

const read = (rpcUrls: string[]) =>
  readNftOwner({ rpcUrls, contract: CONTRACT, tokenId: '9', timeoutMs: 300, chainId: 31337 });

describe('readNftOwner', () => {
  it('calls ownerOf(tokenId) and returns the owner', async () => {
    calls.length = 0;
    expect((await read([good]))._unsafeUnwrap()).toBe(OWNER.toLowerCase());
    expect(calls.find((c) => (c as { method: string }).method === 'eth_call')).toMatchObject({
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

  it("refuses a node of another chain (its eth_chainId is not the config's) and asks the next", async () => {
    const e = (await read([otherChain]))._unsafeUnwrapErr();
    expect(e.reason).toBe('rpc-failed');
    expect(e.details).toMatch(/chain 1.*31337/);
    expect((await read([otherChain, good]))._unsafeUnwrap()).toBe(OWNER.toLowerCase());
  });

  it('refuses an ownerOf answer whose upper 12 bytes are not zero', async () => {
    const e = (await read([dirtyWord]))._unsafeUnwrapErr();
    expect(e.reason).toBe('rpc-failed');
    expect(e.details).toMatch(/not an address/);
    expect((await read([dirtyWord, good]))._unsafeUnwrap()).toBe(OWNER.toLowerCase());
  });
});
