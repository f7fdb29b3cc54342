import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIpv6, parseIpv6 } from '../net/ipv6.js';
import { allocateIpv6, checkRoutedPrefix, resolveIpv6Prefix } from './ipv6-prefix.js';

describe('IPv6 prefix plan', () => {
  it('gives VMs prefix+2 … prefix+254 of a /120, gateway prefix+1', () => {
    const plan = resolveIpv6Prefix('2001:db8:1::100/120')._unsafeUnwrap();
    const first = allocateIpv6(plan, [])._unsafeUnwrap();
    expect(first).toEqual({
      address: '2001:db8:1::102',
      prefixLength: 120,
      gateway: '2001:db8:1::101',
      cidr: '2001:db8:1::102/120',
    });
    const taken: string[] = [];
    for (let i = 0; i < 253; i++) taken.push(allocateIpv6(plan, taken)._unsafeUnwrap().address);
    expect(taken.at(-1)).toBe('2001:db8:1::1fe');
    expect(new Set(taken).size).toBe(253);
    expect(allocateIpv6(plan, taken)._unsafeUnwrapErr().code).toBe('POOL_EXHAUSTED');
  });
  it('compares taken addresses by value, not text', () => {
    const plan = resolveIpv6Prefix('2001:db8::/120')._unsafeUnwrap();
    expect(allocateIpv6(plan, ['2001:0DB8:0:0:0:0:0:0002'])._unsafeUnwrap().address).toBe(
      '2001:db8::3',
    );
  });
  it('rejects prefixes too narrow for a VM', () => {
    expect(resolveIpv6Prefix('2001:db8::/127').isErr()).toBe(true);
  });
});

describe('routed prefix check', () => {
  it('accepts a /120 and resolves its plan', () => {
    const plan = checkRoutedPrefix('2001:db8:7::300/120')._unsafeUnwrap();
    expect(formatIpv6(plan.gateway)).toBe('2001:db8:7::301');
    expect(formatIpv6(plan.first)).toBe('2001:db8:7::302');
    expect(formatIpv6(plan.last)).toBe('2001:db8:7::3fe');
  });
  it('refuses another size with the /120 to give instead', () => {
    const e = checkRoutedPrefix('2001:db8:1:2::/64')._unsafeUnwrapErr();
    expect(e.expected).toContain('got a /64');
    expect(e.hint).toContain('2001:db8:1:2::/120');
    expect(checkRoutedPrefix('2001:db8::/124')._unsafeUnwrapErr().hint).toContain('too small');
  });
  it('refuses host bits with the network meant', () => {
    expect(checkRoutedPrefix('2001:db8::1ff/120')._unsafeUnwrapErr().hint).toBe(
      'did you mean 2001:db8::100/120?',
    );
  });
});

describe('IPv6 allocation under allocate/free sequences (property)', () => {
  it('never hands out an address that is held, stays in prefix+2 … prefix+254, exhausts only when full', () => {
    const plan = resolveIpv6Prefix('2001:db8:9::/120')._unsafeUnwrap();
    const op = fc.oneof(
      fc.constant({ kind: 'allocate' as const }),
      fc.record({ kind: fc.constant('free' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), (ops) => {
        const held: string[] = [];
        for (const o of ops) {
          if (o.kind === 'free') {
            if (held.length > 0) held.splice(o.pick % held.length, 1);
            continue;
          }
          const r = allocateIpv6(plan, held);
          if (r.isErr()) {
            expect(held.length).toBe(253);
            continue;
          }
          const a = parseIpv6(r.value.address)._unsafeUnwrap();
          expect(held).not.toContain(r.value.address);
          expect(a >= plan.first && a <= plan.last).toBe(true);
          held.push(r.value.address);
        }
        expect(new Set(held).size).toBe(held.length);
      }),
      { numRuns: 200 },
    );
  });
});
