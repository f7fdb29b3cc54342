import { describe, expect, it } from 'vitest';
import { formatIpv4, ipv4HostRange, isPublicIpv4, parseIpv4, parseIpv4Cidr } from './ipv4.js';

describe('parseIpv4', () => {
  it('parses dotted quads', () => {
    expect(parseIpv4('10.0.0.1')._unsafeUnwrap()).toBe(0x0a000001);
    expect(parseIpv4('255.255.255.255')._unsafeUnwrap()).toBe(0xffffffff);
    expect(parseIpv4('0.0.0.0')._unsafeUnwrap()).toBe(0);
  });
  it.each([
    '10.0.0',
    '10.0.0.256',
    '10.0.0.01',
    '10.0.0.-1',
    'a.b.c.d',
    '',
    '1.2.3.4.5',
    ' 1.2.3.4',
  ])('rejects %j with a message naming it', (text) => {
    const r = parseIpv4(text);
    expect(r.isErr()).toBe(true);
    expect(r._unsafeUnwrapErr().message).toContain(text);
    expect(r._unsafeUnwrapErr().code).toBe('INVALID_INPUT');
  });
  it('round-trips through formatIpv4', () => {
    for (const s of ['1.2.3.4', '192.168.100.254', '0.0.0.0', '255.0.255.0']) {
      expect(formatIpv4(parseIpv4(s)._unsafeUnwrap())).toBe(s);
    }
  });
});

describe('parseIpv4Cidr', () => {
  it('parses networks', () => {
    expect(parseIpv4Cidr('10.0.0.0/24')._unsafeUnwrap()).toEqual({
      network: 0x0a000000,
      prefixLength: 24,
    });
    expect(parseIpv4Cidr('0.0.0.0/0')._unsafeUnwrap()).toEqual({ network: 0, prefixLength: 0 });
  });
  it('refuses host bits and suggests the network', () => {
    const e = parseIpv4Cidr('10.0.0.5/24')._unsafeUnwrapErr();
    expect(e.message).toContain('host bits');
    expect(e.hint).toBe('did you mean 10.0.0.0/24?');
  });
  it.each(['10.0.0.0', '10.0.0.0/33', '10.0.0.0/x', '10.0.0.0/'])('rejects %j', (t) => {
    expect(parseIpv4Cidr(t).isErr()).toBe(true);
  });
  it('excludes network and broadcast except on /31 and /32', () => {
    const n24 = parseIpv4Cidr('10.0.0.0/24')._unsafeUnwrap();
    expect(ipv4HostRange(n24)).toEqual({ first: 0x0a000001, last: 0x0a0000fe });
    const n31 = parseIpv4Cidr('10.0.0.0/31')._unsafeUnwrap();
    expect(ipv4HostRange(n31)).toEqual({ first: 0x0a000000, last: 0x0a000001 });
  });
});

describe('isPublicIpv4', () => {
  it('tells internet addresses from private, shared, loopback and link-local ones', () => {
    const pub = (a: string) => isPublicIpv4(parseIpv4(a)._unsafeUnwrap());
    for (const a of [
      '10.77.0.10',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '100.64.0.1',
      '127.0.0.1',
      '169.254.1.1',
    ])
      expect(pub(a), a).toBe(false);
    for (const a of ['203.0.113.5', '172.32.0.1', '8.8.8.8', '100.128.0.1', '192.169.0.1'])
      expect(pub(a), a).toBe(true);
  });
});
