import { describe, expect, it } from 'vitest';
import { allocateIpv6, resolveIpv6Prefix } from './ipv6-prefix.js';

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
