/**
 * A minimal JSON-RPC client over node:http(s): what `ownerOf` and the
 * ERC-1271 check need in the helpers, without loading an RPC library on
 * every login. Every request is a batch that starts with `eth_chainId`, so
 * an answer counts only from a node of the configured chain.
 */
import { type Result, ResultAsync } from 'neverthrow';
import { RpcRequestError } from '../errors.js';
import { isTrustedRpcUrl, TRUSTED_RPC_URL } from './rpc-url.js';

const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface JsonRpcRequest {
  method: string;
  params: unknown[];
}

/** The JSON-RPC error object, when the node answered with one (e.g. a revert). */
export class JsonRpcError extends Error {
  readonly rpcCode: number;
  readonly data: unknown;
  constructor(code: number, message: string, data: unknown) {
    super(message);
    this.rpcCode = code;
    this.data = data;
  }
}

export type JsonRpcOutcome =
  | { kind: 'result'; result: unknown }
  | { kind: 'error'; error: JsonRpcError };

type Answer = {
  id?: unknown;
  result?: unknown;
  error?: { code?: unknown; message?: unknown; data?: unknown };
};

function outcomeOf(a: Answer): JsonRpcOutcome | undefined {
  if (a.error && typeof a.error === 'object') {
    const e = a.error;
    return {
      kind: 'error',
      error: new JsonRpcError(
        typeof e.code === 'number' ? e.code : 0,
        typeof e.message === 'string' ? e.message : 'error',
        e.data,
      ),
    };
  }
  return 'result' in a ? { kind: 'result', result: a.result } : undefined;
}

/** POSTs `body` to `url`, resolving the parsed JSON (bounded size, bounded time). */
function postJson(url: URL, body: string, timeoutMs: number): Promise<unknown> {
  // Loaded on first use (NFT mode, contract wallets only), to keep the helpers' start-up small.
  const request =
    url.protocol === 'https:'
      ? process.getBuiltinModule('node:https').request
      : process.getBuiltinModule('node:http').request;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_RESPONSE_BYTES) req.destroy(new Error('response too large'));
          else chunks.push(c);
        });
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 400 && size === 0)
            return reject(new Error(`HTTP ${res.statusCode}`));
          try {
            resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
          } catch {
            reject(new Error(`HTTP ${res.statusCode}: not JSON`));
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * One batch to one URL: the outcome of each call, in order, or an Error
 * (transport, or an answer that is not a batch answer for these ids).
 */
async function batch(url: URL, calls: readonly JsonRpcRequest[], timeoutMs: number) {
  const body = JSON.stringify(
    calls.map((c, i) => ({ jsonrpc: '2.0', id: i + 1, method: c.method, params: c.params })),
  );
  const json = await postJson(url, body, timeoutMs);
  if (!Array.isArray(json)) {
    // A node refusing the whole batch answers one error object.
    const single = json && typeof json === 'object' ? outcomeOf(json as Answer) : undefined;
    throw new Error(
      single?.kind === 'error' ? `batch refused: ${single.error.message}` : 'answer is not a batch',
    );
  }
  return calls.map((c, i) => {
    const a = (json as Answer[]).find((x) => x && typeof x === 'object' && x.id === i + 1);
    const o = a && outcomeOf(a);
    if (!o) throw new Error(`no answer to ${c.method}`);
    return o;
  });
}

export interface CallOnChainParameters<T> {
  rpcUrls: readonly string[];
  /** The chain the answers must come from (each URL's `eth_chainId` is checked). */
  chainId: number;
  timeoutMs: number;
  calls: readonly JsonRpcRequest[];
  /** What the calls are for, in error messages (`ownerOf`, `isValidSignature`…). */
  what: string;
  /** The value of one URL's outcomes, or why they are unusable (then the next URL is asked). */
  interpret: (outcomes: JsonRpcOutcome[]) => Result<T, string>;
}

/**
 * Sends `calls` to each URL in turn, in one batch after `eth_chainId`, and
 * returns what `interpret` makes of the first usable answer from the
 * configured chain. A URL that is not trusted (plain http beyond loopback),
 * fails, serves another chain or gives an unusable answer is skipped with its
 * reason; Err names them all.
 */
export function callOnChain<T>(p: CallOnChainParameters<T>): ResultAsync<T, RpcRequestError> {
  const run = async (): Promise<T> => {
    const failures: string[] = [];
    for (const text of p.rpcUrls) {
      if (!isTrustedRpcUrl(text)) {
        failures.push(`an RPC URL is not trusted: expected ${TRUSTED_RPC_URL}`);
        continue;
      }
      const url = new URL(text);
      let outcomes: JsonRpcOutcome[];
      try {
        outcomes = await batch(
          url,
          [{ method: 'eth_chainId', params: [] }, ...p.calls],
          p.timeoutMs,
        );
      } catch (e) {
        failures.push(`${url.host}: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      const [chain, ...rest] = outcomes;
      const id = chain?.kind === 'result' && typeof chain.result === 'string' ? chain.result : '';
      const served = /^0x[0-9a-fA-F]{1,13}$/.test(id) ? Number.parseInt(id, 16) : undefined;
      if (served !== p.chainId) {
        failures.push(`${url.host}: serves chain ${served ?? '?'}, expected ${p.chainId}`);
        continue;
      }
      const value = p.interpret(rest);
      if (value.isOk()) return value.value;
      failures.push(`${url.host}: ${value.error}`);
    }
    throw new RpcRequestError(p.what, failures.join('; ') || 'no RPC URL configured');
  };
  return ResultAsync.fromPromise(run(), (e) =>
    e instanceof RpcRequestError ? e : new RpcRequestError(p.what, String(e)),
  );
}
