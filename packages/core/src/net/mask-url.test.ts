import { describe, expect, it } from 'vitest';
import { maskUrl, maskUrls } from './mask-url.js';

describe('maskUrl', () => {
  it.each([
    [
      'https://eth-mainnet.g.alchemy.com/v2/AbCdEf0123456789',
      'https://eth-mainnet.g.alchemy.com/***',
    ],
    ['https://mainnet.infura.io/v3/0123456789abcdef', 'https://mainnet.infura.io/***'],
    ['https://rpc.example/?apikey=s3cret', 'https://rpc.example/***'],
    ['https://rpc.example#s3cret', 'https://rpc.example/***'],
    ['https://user:s3cret@rpc.example:8545/', 'https://***@rpc.example:8545/'],
    ['wss://node.example/ws/s3cret', 'wss://node.example/***'],
  ])('%s → %s', (url, masked) => {
    expect(maskUrl(url)).toBe(masked);
  });

  it('leaves a URL without path, query or credentials as it is', () => {
    expect(maskUrl('http://127.0.0.1:8545')).toBe('http://127.0.0.1:8545');
    expect(maskUrl('https://rpc.example/')).toBe('https://rpc.example/');
  });

  it('never returns an unparseable input (it could be a key)', () => {
    expect(maskUrl('not a url s3cret')).toBe('[unparseable URL]');
  });
});

describe('maskUrls', () => {
  const url = 'https://user:pw@eth-mainnet.g.alchemy.com/v2/AbCdEf0123456789';
  it('masks each given URL wherever it occurs, also as viem prints it (credentials stripped)', () => {
    const text = [
      `RPC ${url} unreachable`,
      'HTTP request failed.\nURL: https://eth-mainnet.g.alchemy.com/v2/AbCdEf0123456789',
      `"url":"${url}"`,
    ].join('\n');
    const out = maskUrls(text, [url]);
    expect(out).not.toContain('AbCdEf0123456789');
    expect(out).not.toContain('pw@');
    expect(out).toContain('RPC https://***@eth-mainnet.g.alchemy.com/*** unreachable');
    expect(out).toContain('URL: https://eth-mainnet.g.alchemy.com/***');
  });

  it('leaves other text alone', () => {
    expect(maskUrls('see https://docs.example/page', [url])).toBe('see https://docs.example/page');
  });
});
