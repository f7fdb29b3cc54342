import type { Dispatcher } from 'undici';

/** A whole HTTP answer: the status line (PVE puts its error message in the reason) and body. */
export interface HttpAnswer {
  status: number;
  statusText: string;
  text: string;
}

export interface SendOptions {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  headers: Record<string, string>;
  body?: string | undefined;
  timeoutMs: number;
}

/** No answer within the request's time limit. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
  readonly code = 'UND_ERR_TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/**
 * One request through an undici dispatcher's handler interface. `fetch` on the same dispatcher
 * builds WHATWG request, response and stream objects for every call: about a third of a
 * millisecond of CPU per request, and a VM takes a score of them. Connection and TLS errors
 * (the pinned certificate's included) reject with the dispatcher's own error.
 */
export function send(dispatcher: Dispatcher, url: URL, o: SendOptions): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    let status = 0;
    let statusText = '';
    const chunks: Buffer[] = [];
    let abort: ((reason?: Error) => void) | null = null;
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    const timer = setTimeout(() => {
      const e = new RequestTimeoutError(o.timeoutMs);
      if (abort) abort(e);
      settle(() => reject(e));
    }, o.timeoutMs);
    try {
      dispatcher.dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: o.method,
          headers: o.headers,
          body: o.body,
        },
        {
          onConnect(a) {
            abort = a;
          },
          onHeaders(code, _headers, _resume, text) {
            status = code;
            statusText = text;
            return true;
          },
          onData(chunk) {
            chunks.push(chunk);
            return true;
          },
          onComplete() {
            settle(() =>
              resolve({ status, statusText, text: Buffer.concat(chunks).toString('utf8') }),
            );
          },
          onError(e) {
            settle(() => reject(e));
          },
        },
      );
    } catch (e) {
      settle(() => reject(e));
    }
  });
}
