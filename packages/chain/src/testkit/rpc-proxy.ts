/**
 * TEST TOOLING: a small local JSON-RPC proxy that misbehaves like real providers do. It rejects
 * `eth_getLogs` wider than `maxLogRange` blocks with a provider-style error, can drop a
 * deterministic (seeded) share of HTTP requests, and can lose the answers of requests it did
 * forward (the node acted, the caller never heard). Used by the scanner's, the senders' and the
 * daemon's fault tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom } from '@blockhost/core';
import { AnvilError } from './anvil.js';

/**
 * How a too-wide `eth_getLogs` is refused:
 * - `limit`: names the maximum ("… max block range 100"), like most providers;
 * - `suggest`: names a range that would work (`[0x…, 0x…]`), no maximum;
 * - `opaque`: only "too many results", nothing to learn from.
 */
export type RangeErrorStyle = 'limit' | 'suggest' | 'opaque';

export interface StartRpcProxyOptions {
  /** Upstream JSON-RPC URL (e.g. anvil's). */
  readonly target: string;
  /** Reject `eth_getLogs` spanning more blocks than this (inclusive count). */
  readonly maxLogRange?: number | undefined;
  /** Share of HTTP requests (0..1) answered by closing the connection. */
  readonly dropRate?: number | undefined;
  /** Share of HTTP requests (0..1) answered with a JSON-RPC internal error, like an overloaded node. */
  readonly errorRate?: number | undefined;
  /** Seed of the drop and error decisions (same seed, same sequence). Default 1. */
  readonly seed?: number | undefined;
  readonly rangeErrorStyle?: RangeErrorStyle | undefined;
  /** JSON-RPC error code of the refusal (default -32602; -32005 makes viem retry first). */
  readonly rangeErrorCode?: number | undefined;
}

export interface RpcProxyStats {
  /** HTTP requests received. */
  requests: number;
  /** JSON-RPC calls received (batch members counted one by one). */
  calls: number;
  dropped: number;
  /** HTTP requests answered with an injected error (`errorRate`). */
  errored: number;
  rejectedLogRanges: number;
  byMethod: Record<string, number>;
}

/** One JSON-RPC call as the proxy saw it, for a `ResponseHook`. */
export interface ProxiedCall {
  readonly method: string;
  readonly params: readonly unknown[];
}

/**
 * Rewrites an upstream answer before it reaches the client: a lying RPC (forged logs, shifted
 * block times, another history). Gets the call and the upstream's JSON-RPC response object;
 * returns the response to send (the same object, changed, or a new one).
 */
export type ResponseHook = (call: ProxiedCall, response: Record<string, unknown>) => unknown;

export interface RpcProxy {
  readonly url: string;
  readonly stats: RpcProxyStats;
  /** Lie from now on (`null` stops lying). */
  setResponseHook(hook: ResponseHook | null): void;
  setMaxLogRange(blocks: number | undefined): void;
  setDropRate(rate: number): void;
  setErrorRate(rate: number): void;
  /** Forward the next `count` calls of `method`, then close the connection instead of answering. */
  loseNextAnswers(method: string, count?: number): void;
  stop(): Promise<void>;
}

interface JsonRpcCall {
  jsonrpc: '2.0';
  id: unknown;
  method: string;
  params?: unknown[];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Starts the proxy on a free local port. */
export async function startRpcProxy(options: StartRpcProxyOptions): Promise<RpcProxy> {
  let maxLogRange = options.maxLogRange;
  let hook: ResponseHook | null = null;
  let dropRate = options.dropRate ?? 0;
  let errorRate = options.errorRate ?? 0;
  const random = seededRandom(options.seed ?? 1);
  const toLose = new Map<string, number>();
  const style = options.rangeErrorStyle ?? 'limit';
  const code = options.rangeErrorCode ?? -32602;
  const stats: RpcProxyStats = {
    requests: 0,
    calls: 0,
    dropped: 0,
    errored: 0,
    rejectedLogRanges: 0,
    byMethod: {},
  };

  const upstream = async (body: unknown): Promise<unknown> => {
    const res = await fetch(options.target, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return res.json();
  };

  const blockNumber = async (tag: unknown): Promise<bigint | null> => {
    if (typeof tag !== 'string') return null;
    if (/^0x[0-9a-f]+$/i.test(tag)) return BigInt(tag);
    if (tag === 'earliest') return 0n;
    const res = (await upstream({
      jsonrpc: '2.0',
      id: 0,
      method: 'eth_blockNumber',
      params: [],
    })) as {
      result?: string;
    };
    return res.result ? BigInt(res.result) : null;
  };

  /** The refusal for a too-wide getLogs, or null to forward it. */
  const checkRange = async (call: JsonRpcCall): Promise<object | null> => {
    if (call.method !== 'eth_getLogs' || maxLogRange === undefined) return null;
    const filter = (call.params?.[0] ?? {}) as {
      fromBlock?: unknown;
      toBlock?: unknown;
      blockHash?: unknown;
    };
    if (filter.blockHash) return null;
    const from = (await blockNumber(filter.fromBlock ?? 'latest')) ?? 0n;
    const to = (await blockNumber(filter.toBlock ?? 'latest')) ?? from;
    const span = to - from + 1n;
    if (span <= BigInt(maxLogRange)) return null;
    stats.rejectedLogRanges++;
    const suggestedTo = from + BigInt(maxLogRange) - 1n;
    const message =
      style === 'limit'
        ? `query exceeds max block range ${maxLogRange}`
        : style === 'suggest'
          ? `query returned more than 10000 results. Try with this block range [0x${from.toString(16)}, 0x${suggestedTo.toString(16)}].`
          : 'query returned more than 10000 results';
    return { jsonrpc: '2.0', id: call.id, error: { code, message } };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    stats.requests++;
    const body = await readBody(req);
    if (dropRate > 0 && random() < dropRate) {
      stats.dropped++;
      req.socket.destroy();
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          jsonrpc: '2.0',
          id: null,
          error: { code: -32700, message: 'parse error' },
        }),
      );
      return;
    }
    const batch = Array.isArray(parsed);
    const calls = (batch ? parsed : [parsed]) as JsonRpcCall[];
    if (errorRate > 0 && random() < errorRate) {
      stats.errored++;
      const failed = calls.map((c) => ({
        jsonrpc: '2.0',
        id: c.id,
        error: { code: -32603, message: 'internal error (injected by the rpc proxy)' },
      }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(batch ? failed : failed[0]));
      return;
    }
    const lose = calls.some((c) => (toLose.get(c.method) ?? 0) > 0);
    for (const c of calls) {
      const n = toLose.get(c.method) ?? 0;
      if (n > 0) toLose.set(c.method, n - 1);
    }
    const answers = await Promise.all(
      calls.map(async (call) => {
        stats.calls++;
        stats.byMethod[call.method] = (stats.byMethod[call.method] ?? 0) + 1;
        const refused = await checkRange(call);
        if (refused) return refused;
        const answer = (await upstream(call)) as Record<string, unknown>;
        return hook ? hook({ method: call.method, params: call.params ?? [] }, answer) : answer;
      }),
    );
    if (lose) {
      stats.dropped++;
      req.socket.destroy();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(batch ? answers : answers[0]));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (res.headersSent) return;
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32603, message: String(e) } }),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(new AnvilError('rpc proxy could not listen', { cause: e })));
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    setMaxLogRange(blocks) {
      maxLogRange = blocks;
    },
    setDropRate(rate) {
      dropRate = rate;
    },
    setResponseHook(h) {
      hook = h;
    },
    setErrorRate(rate) {
      errorRate = rate;
    },
    loseNextAnswers(method, count = 1) {
      toLose.set(method, (toLose.get(method) ?? 0) + count);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
