import type { ApiRequestable } from 'proxmox-api';
import type { Dispatcher } from 'undici';
import {
  PveAuthError,
  PveConnectionError,
  PveHttpError,
  PveParameterError,
  PvePermissionError,
  PveProtocolError,
  PveTlsError,
} from '../errors.js';
import { FingerprintMismatch } from './pinned-agent.js';
import { type HttpAnswer, type SendOptions, send } from './send.js';

/** One finished API request, for metrics and benchmarks. */
export interface RequestEvent {
  method: string;
  /** The path with ids replaced by `*` (`/api2/json/nodes/*\/qemu/*\/clone`). */
  pathTemplate: string;
  path: string;
  /** 0 when no answer arrived. */
  status: number;
  ms: number;
}

export interface EngineOptions {
  baseUrl: string;
  tokenId: string;
  tokenSecret: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
  fingerprint?: string | undefined;
  onRequest?: ((e: RequestEvent) => void) | undefined;
}

type Params = Record<string, unknown> | undefined;

/** PVE's form encoding: booleans as 1/0, arrays as repeated keys, nulls left out. */
export function encodeParams(params: Params): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const item of v) out.append(k, String(item));
    else if (typeof v === 'boolean') out.append(k, v ? '1' : '0');
    else out.append(k, String(v));
  }
  return out;
}

function findCause<T>(e: unknown, type: new (...a: never[]) => T): T | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    if (cur instanceof type) return cur;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * The request engine behind the typed `proxmox-api` proxy. It replaces the
 * package's default engine, which reduces HTTP errors to message strings,
 * silently resends a request once on a socket error (a clone sent twice) and
 * writes to the console: here every failure becomes a typed error carrying
 * PVE's status, reason and per-parameter errors, and retries are decided
 * one level up, per operation.
 */
export class PveEngine implements ApiRequestable {
  requests = 0;
  private readonly auth: string;

  constructor(private readonly opts: EngineOptions) {
    this.auth = `PVEAPIToken=${opts.tokenId}=${opts.tokenSecret}`;
  }

  async doRequest(
    httpMethod: string,
    path: string,
    pathTemplate: string,
    params?: Params,
  ): Promise<unknown> {
    const method = httpMethod.toUpperCase();
    const url = new URL(`${this.opts.baseUrl}${path}`);
    const encoded = encodeParams(params);
    let body: string | undefined;
    const headers: Record<string, string> = {
      Authorization: this.auth,
      Accept: 'application/json',
    };
    if (method === 'POST' || method === 'PUT') {
      body = encoded.toString();
      headers['Content-Type'] = 'application/x-www-form-urlencoded';
    } else {
      for (const [k, v] of encoded) url.searchParams.append(k, v);
    }
    const apiPath = path.replace(/^\/api2\/json/, '');
    const started = performance.now();
    this.requests++;
    let status = 0;
    try {
      let res: HttpAnswer;
      try {
        res = await send(this.opts.dispatcher, url, {
          method: method as SendOptions['method'],
          headers,
          body,
          timeoutMs: this.opts.timeoutMs,
        });
      } catch (e) {
        const pin = findCause(e, FingerprintMismatch);
        if (pin) throw new PveTlsError(this.opts.baseUrl, pin.expected, pin.actual, e);
        const tlsCode = (findCause(e, Error) as { code?: string } | undefined)?.code;
        const inner = (e as { cause?: { code?: string } }).cause?.code ?? tlsCode;
        if (inner && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(inner)) {
          throw new PveTlsError(this.opts.baseUrl, undefined, undefined, e);
        }
        throw new PveConnectionError(method, apiPath, e);
      }
      status = res.status;
      const text = res.text;
      let json: { data?: unknown; errors?: Record<string, string>; message?: string } | undefined;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      if (res.status === 200) {
        if (!json || !('data' in json)) {
          throw new PveProtocolError(`${method} ${apiPath}: answer is not PVE's {"data": …} JSON`, {
            details: text.slice(0, 200),
          });
        }
        return json.data;
      }
      const reason = (json?.message?.trim() || res.statusText || `HTTP ${res.status}`).trim();
      switch (res.status) {
        case 400:
          throw new PveParameterError(method, apiPath, json?.errors ?? {}, reason);
        case 401:
          throw new PveAuthError(method, apiPath, reason);
        case 403:
          throw new PvePermissionError(method, apiPath, reason);
        default:
          throw new PveHttpError(res.status, reason, method, apiPath);
      }
    } finally {
      this.opts.onRequest?.({
        method,
        pathTemplate,
        path: apiPath,
        status,
        ms: performance.now() - started,
      });
    }
  }
}
