import { describe, expect, it } from 'vitest';
import { createLogger, maskUrlsInLogs } from './log.js';

function capture() {
  const lines: string[] = [];
  return { lines, destination: { write: (s: string) => lines.push(s) } };
}

describe('the log', () => {
  it('masks the configured RPC URLs (they carry provider keys), in the root and in child loggers', () => {
    const { lines, destination } = capture();
    const log = createLogger({ level: 'info', destination });
    const url = 'https://eth-mainnet.g.alchemy.com/v2/AbCdEf0123456789';
    maskUrlsInLogs(log, [url]);
    log.warn({ error: `HTTP request failed.\nURL: ${url}` }, 'chain scan failed');
    log.child({ job: 1 }).error({ rpc: url }, 'mint failed');
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toContain('AbCdEf0123456789');
      expect(line).toContain('https://eth-mainnet.g.alchemy.com/***');
      expect(() => JSON.parse(line)).not.toThrow();
    }
  });
});
