/**
 * A minimal JSON-RPC POST over node:http(s): what `ownerOf` needs in the
 * challenge helper, without loading an RPC library on every login.
 */
import { errAsync, ResultAsync } from 'neverthrow';
import { RpcRequestError } from '../errors.js';

const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface JsonRpcCallParameters {
  url: string;
  method: string;
  params: unknown[];
  timeoutMs: number;
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

/** One call to one URL: `result`, the node's JSON-RPC `error`, or an RpcRequestError (transport). */
export function jsonRpcCall(
  p: JsonRpcCallParameters,
): ResultAsync<JsonRpcOutcome, RpcRequestError> {
  let url: URL;
  try {
    url = new URL(p.url);
  } catch {
    return errAsync(new RpcRequestError(p.method, 'RPC URL is not a URL'));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return errAsync(new RpcRequestError(p.method, `unsupported scheme ${url.protocol}`));
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: p.method, params: p.params });
  const host = url.host;
  const send = async (): Promise<JsonRpcOutcome> => {
    // Loaded on first use (NFT mode only), to keep the helper's start-up small.
    const request =
      url.protocol === 'https:'
        ? process.getBuiltinModule('node:https').request
        : process.getBuiltinModule('node:http').request;
    return await new Promise<JsonRpcOutcome>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
          timeout: p.timeoutMs,
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
              const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
                result?: unknown;
                error?: { code?: unknown; message?: unknown; data?: unknown };
              };
              if (json.error && typeof json.error === 'object') {
                const e = json.error;
                resolve({
                  kind: 'error',
                  error: new JsonRpcError(
                    typeof e.code === 'number' ? e.code : 0,
                    typeof e.message === 'string' ? e.message : 'error',
                    e.data,
                  ),
                });
              } else if ('result' in json) resolve({ kind: 'result', result: json.result });
              else reject(new Error(`HTTP ${res.statusCode}: no result`));
            } catch {
              reject(new Error(`HTTP ${res.statusCode}: not JSON`));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${p.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  };
  return ResultAsync.fromPromise(
    send(),
    (e) => new RpcRequestError(p.method, `${host}: ${e instanceof Error ? e.message : String(e)}`),
  );
}
