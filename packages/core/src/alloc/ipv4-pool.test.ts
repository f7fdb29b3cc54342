import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateIpv4, countFreeIpv4, resolveIpv4Pool } from './ipv4-pool.js';

const pool = (spec: Parameters<typeof resolveIpv4Pool>[0]) => resolveIpv4Pool(spec)._unsafeUnwrap();

describe('IPv4 pools', () => {
  it('skips network, gateway and reserved addresses', () => {
    const p = pool({ cidr: '10.0.0.0/29', gateway: '10.0.0.1', reserved: ['10.0.0.2'] });
    const a = allocateIpv4(p, [])._unsafeUnwrap();
    expect(a).toEqual({
      address: '10.0.0.3',
      prefixLength: 29,
      gateway: '10.0.0.1',
      cidr: '10.0.0.3/29',
    });
    expect(allocateIpv4(p, ['10.0.0.3', '10.0.0.4/29'])._unsafeUnwrap().address).toBe('10.0.0.5');
  });
  it('honours a range and works in any CIDR (not only /24)', () => {
    const p = pool({
      cidr: '172.16.0.0/12',
      gateway: '172.16.0.1',
      range: { start: '172.20.255.254', end: '172.21.0.1' },
    });
    expect(allocateIpv4(p, ['172.20.255.254', '172.20.255.255'])._unsafeUnwrap().address).toBe(
      '172.21.0.0',
    );
    expect(countFreeIpv4(p, [])).toBe(4);
  });
  it('is exhausted with a typed error', () => {
    const p = pool({ cidr: '192.168.1.0/30', gateway: '192.168.1.1' });
    expect(allocateIpv4(p, ['192.168.1.2'])._unsafeUnwrapErr().code).toBe('POOL_EXHAUSTED');
    expect(countFreeIpv4(p, ['192.168.1.2'])).toBe(0);
  });
  it.each([
    [{ cidr: '10.0.0.0/24', gateway: '10.0.1.1' }, 'gateway', 'not inside 10.0.0.0/24'],
    [
      { cidr: '10.0.0.0/24', gateway: '10.0.0.1', range: { start: '10.0.0.10', end: '10.0.1.5' } },
      'range.end',
      'not inside',
    ],
    [
      { cidr: '10.0.0.0/24', gateway: '10.0.0.1', range: { start: '10.0.0.10', end: '10.0.0.5' } },
      'range',
      'start must not come after end',
    ],
    [{ cidr: '10.0.0.1/24', gateway: '10.0.0.1' }, 'cidr', 'host bits'],
    [{ cidr: '10.0.0.0/24', gateway: '10.0.0.1', reserved: ['10.0.0.300'] }, 'reserved.0', 'IPv4'],
  ])('rejects %j naming %s', (spec, what, text) => {
    const e = resolveIpv4Pool(spec)._unsafeUnwrapErr();
    expect(e.what).toBe(what);
    expect(e.expected).toContain(text);
  });
  it('never hands out an excluded or taken address', () => {
    const p = pool({ cidr: '10.9.0.0/26', gateway: '10.9.0.1', reserved: ['10.9.0.7'] });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 70 }).map((n) => `10.9.0.${n}`)), (taken) => {
        const r = allocateIpv4(p, taken);
        if (r.isErr()) return expect(countFreeIpv4(p, taken)).toBe(0);
        expect(taken).not.toContain(r.value.address);
        expect(['10.9.0.0', '10.9.0.1', '10.9.0.7', '10.9.0.63']).not.toContain(r.value.address);
      }),
    );
  });
});
