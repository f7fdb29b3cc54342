import { err, ok, type Result } from 'neverthrow';
import { InvalidInputError } from '../errors.js';

/** An IPv4 network: its first address as a 32-bit integer and its prefix length. */
export interface Ipv4Cidr {
  readonly network: number;
  readonly prefixLength: number;
}

const OCTET_RE = /^(0|[1-9][0-9]{0,2})$/;

/** Parses a dotted quad strictly (no leading zeros, which some tools read as octal). */
export function parseIpv4(text: string): Result<number, InvalidInputError> {
  const parts = text.split('.');
  if (parts.length !== 4)
    return err(new InvalidInputError(text, 'expected an IPv4 address like 10.0.0.1'));
  let value = 0;
  for (const part of parts) {
    const n = OCTET_RE.test(part) ? Number(part) : Number.NaN;
    if (!(n >= 0 && n <= 255)) {
      return err(new InvalidInputError(text, 'expected an IPv4 address like 10.0.0.1'));
    }
    value = value * 256 + n;
  }
  return ok(value);
}

export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Parses `a.b.c.d/n`; host bits must be zero so a typo is not silently widened. */
export function parseIpv4Cidr(text: string): Result<Ipv4Cidr, InvalidInputError> {
  const slash = text.indexOf('/');
  if (slash < 0) return err(new InvalidInputError(text, 'expected a CIDR like 10.0.0.0/24'));
  const lenText = text.slice(slash + 1);
  const prefixLength = /^[0-9]{1,2}$/.test(lenText) ? Number(lenText) : Number.NaN;
  if (!(prefixLength >= 0 && prefixLength <= 32)) {
    return err(new InvalidInputError(text, 'expected a prefix length between 0 and 32'));
  }
  return parseIpv4(text.slice(0, slash)).andThen((address) => {
    const network = ipv4NetworkOf(address, prefixLength);
    if (network !== address) {
      const fixed = `${formatIpv4(network)}/${prefixLength}`;
      return err(
        new InvalidInputError(text, 'host bits are set in the network address', {
          hint: `did you mean ${fixed}?`,
        }),
      );
    }
    return ok({ network, prefixLength });
  });
}

export function ipv4NetworkOf(address: number, prefixLength: number): number {
  if (prefixLength === 0) return 0;
  const mask = (0xffffffff << (32 - prefixLength)) >>> 0;
  return (address & mask) >>> 0;
}

export function ipv4CidrSize(cidr: Ipv4Cidr): number {
  return 2 ** (32 - cidr.prefixLength);
}

export function ipv4CidrLast(cidr: Ipv4Cidr): number {
  return cidr.network + ipv4CidrSize(cidr) - 1;
}

export function ipv4InCidr(address: number, cidr: Ipv4Cidr): boolean {
  return address >= cidr.network && address <= ipv4CidrLast(cidr);
}

export function formatIpv4Cidr(cidr: Ipv4Cidr): string {
  return `${formatIpv4(cidr.network)}/${cidr.prefixLength}`;
}

/**
 * The addresses a host may use inside a network: all but the network and
 * broadcast address, except on /31 and /32 (RFC 3021 point-to-point).
 */
export function ipv4HostRange(cidr: Ipv4Cidr): { first: number; last: number } {
  const last = ipv4CidrLast(cidr);
  if (cidr.prefixLength >= 31) return { first: cidr.network, last };
  return { first: cidr.network + 1, last: last - 1 };
}

/** Ranges no one reaches from the internet: RFC 1918, shared (CGNAT), loopback, link-local. */
const NOT_PUBLIC: readonly (readonly [number, number])[] = [
  [0x0a000000, 8],
  [0xac100000, 12],
  [0xc0a80000, 16],
  [0x64400000, 10],
  [0x7f000000, 8],
  [0xa9fe0000, 16],
];

/** True for an address reachable from the internet (not private, shared, loopback, link-local). */
export function isPublicIpv4(address: number): boolean {
  return !NOT_PUBLIC.some(([network, prefixLength]) =>
    ipv4InCidr(address, { network, prefixLength }),
  );
}
