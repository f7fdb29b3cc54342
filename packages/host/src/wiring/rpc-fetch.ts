import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** What viem's HTTP transport reads of an answer (`utils/rpc/http`): nothing more is made. */
interface RpcResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly body: {
    getReader(): {
      read(): Promise<{ done: true; value?: undefined } | { done: false; value: Uint8Array }>;
      cancel(): Promise<void>;
      releaseLock(): void;
    };
  };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

/**
 * The `fetch` the daemon's viem clients send JSON-RPC with: node:http(s) with keep-alive
 * connections. The global `fetch` builds WHATWG request, response and stream objects for every
 * call, and the chain is asked something several times per VM provisioned and every poll; this
 * answers with the few fields viem reads (status, headers, a body read as it arrives, so viem's
 * size limit stops a too-large answer early).
 */
export function createRpcFetch(): typeof fetch {
  const agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: 32 }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: 32 }),
  };
  const rpcFetch = (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const secure = url.protocol === 'https:';
    const send = secure ? httpsRequest : httpRequest;
    return new Promise<RpcResponse>((resolve, reject) => {
      const req = send(
        url,
        {
          method: init.method ?? 'GET',
          headers: init.headers as Record<string, string> | undefined,
          agent: secure ? agents.https : agents.http,
          signal: init.signal ?? undefined,
        },
        (res) => resolve(answer(res)),
      );
      req.on('error', reject);
      req.end(typeof init.body === 'string' ? init.body : undefined);
    });
  };
  return rpcFetch as unknown as typeof fetch;
}

function answer(res: IncomingMessage): RpcResponse {
  const headers = new Headers();
  for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
    headers.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
  }
  const status = res.statusCode ?? 0;
  const chunks = res[Symbol.asyncIterator]();
  const reader = {
    async read() {
      const r = await chunks.next();
      return r.done
        ? { done: true as const }
        : { done: false as const, value: r.value as Uint8Array };
    },
    async cancel() {
      res.destroy();
    },
    releaseLock() {},
  };
  const text = async () => {
    const parts: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    return Buffer.concat(parts).toString('utf8');
  };
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: res.statusMessage ?? '',
    headers,
    body: { getReader: () => reader },
    text,
    json: async () => JSON.parse(await text()),
  };
}

/** The process's RPC fetch: one keep-alive pool for every client of the configured RPCs. */
export const rpcFetch: typeof fetch = createRpcFetch();
