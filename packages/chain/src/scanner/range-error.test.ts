import {
  HttpRequestError,
  InvalidParamsRpcError,
  ResponseBodyTooLargeError,
  RpcRequestError,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { classifyGetLogsError } from './range-error.js';

const rpc = (message: string, code = -32602) =>
  new RpcRequestError({
    body: { method: 'eth_getLogs' },
    error: { code, message },
    url: 'http://x',
  });

describe('classifyGetLogsError', () => {
  it.each([
    ['query exceeds max block range 100', 100],
    ['eth_getLogs is limited to a 10,000 range', 10_000],
    ['block range is too wide: maximum block range is 2000', 2000],
    ['exceed maximum block range: 50000', 50_000],
    ['ranges over 5000 blocks are not supported', 5000],
    ['You can make eth_getLogs requests with up to a 2K block range', 2000],
    ['block range limit of 1024 exceeded', 1024],
    ['eth_getLogs is limited to 0 - 3000 blocks range', 3000],
  ])('"%s" → range, limit %s', (message, limit) => {
    const info = classifyGetLogsError(rpc(message));
    expect(info.kind).toBe('range');
    if (info.kind === 'range') expect(info.limit).toBe(limit);
  });

  it('reads a suggested range', () => {
    const info = classifyGetLogsError(
      rpc(
        'query returned more than 10000 results. Try with this block range [0x10, 0x4f].',
        -32005,
      ),
    );
    expect(info).toEqual({ kind: 'range', limit: undefined, suggested: { from: 16n, to: 79n } });
  });

  it('treats "too many results" without numbers as range (halve)', () => {
    expect(classifyGetLogsError(rpc('query returned more than 10000 results'))).toEqual({
      kind: 'range',
      limit: undefined,
      suggested: undefined,
    });
    expect(classifyGetLogsError(rpc('Log response size exceeded.')).kind).toBe('range');
  });

  it("recognises viem's ResponseBodyTooLargeError and HTTP 413 through wrappers", () => {
    const tooLarge = new ResponseBodyTooLargeError({ maxSize: 10, size: 20 } as never);
    expect(classifyGetLogsError(tooLarge).kind).toBe('range');
    const wrapped = new InvalidParamsRpcError(tooLarge);
    expect(classifyGetLogsError(wrapped).kind).toBe('range');
    const http413 = new HttpRequestError({ url: 'http://x', status: 413 });
    expect(classifyGetLogsError(http413).kind).toBe('range');
  });

  it('leaves other errors alone', () => {
    expect(classifyGetLogsError(rpc('execution reverted')).kind).toBe('other');
    expect(classifyGetLogsError(new HttpRequestError({ url: 'http://x', status: 502 })).kind).toBe(
      'other',
    );
    expect(classifyGetLogsError(new Error('ECONNREFUSED')).kind).toBe('other');
    expect(classifyGetLogsError(undefined).kind).toBe('other');
  });

  it('does not read numbers from the request body viem puts into its message', () => {
    const e = new RpcRequestError({
      body: { method: 'eth_getLogs', params: [{ fromBlock: '0x1', toBlock: '0x7d0' }] },
      error: { code: -32602, message: 'block range too large' },
      url: 'http://x',
    });
    expect(classifyGetLogsError(e)).toEqual({
      kind: 'range',
      limit: undefined,
      suggested: undefined,
    });
  });
});
