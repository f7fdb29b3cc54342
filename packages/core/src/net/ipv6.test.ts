import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv6, parseIpv6, parseIpv6Cidr } from './ipv6.js';

describe('IPv6 text forms', () => {
  it.each([
    ['2001:db8::1', '2001:db8::1'],
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // longest run wins
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // first of equal runs
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group stays
  ])('%s formats as %s', (input, canonical) => {
    expect(formatIpv6(parseIpv6(input)._unsafeUnwrap())).toBe(canonical);
  });
  it.each([':::', '1:2:3:4:5:6:7:8:9', '1::2::3', 'g::1', '12345::1', '1:2:3:4:5:6:7', ''])(
    'rejects %j',
    (t) => {
      expect(parseIpv6(t).isErr()).toBe(true);
    },
  );
  it('format then parse is the identity on every 128-bit value', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), (v) => {
        expect(parseIpv6(formatIpv6(v))._unsafeUnwrap()).toBe(v);
      }),
    );
  });
  it('refuses host bits in a prefix', () => {
    const e = parseIpv6Cidr('2001:db8::5/120')._unsafeUnwrapErr();
    expect(e.hint).toBe('did you mean 2001:db8::/120?');
  });
});
