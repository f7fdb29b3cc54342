import { err, ok, type Result } from 'neverthrow';
import { InvalidInputError } from '../errors.js';

/** An IPv6 network: its first address as a 128-bit bigint and its prefix length. */
export interface Ipv6Cidr {
  readonly network: bigint;
  readonly prefixLength: number;
}

const GROUP_RE = /^[0-9a-fA-F]{1,4}$/;
const MAX = (1n << 128n) - 1n;

function parseGroups(part: string): number[] | null {
  if (part === '') return [];
  const groups = part.split(':');
  const out: number[] = [];
  for (const g of groups) {
    if (!GROUP_RE.test(g)) return null;
    out.push(Number.parseInt(g, 16));
  }
  return out;
}

/** Parses an IPv6 address in any RFC 4291 text form (without zone or embedded IPv4). */
export function parseIpv6(text: string): Result<bigint, InvalidInputError> {
  const bad = () => err(new InvalidInputError(text, 'expected an IPv6 address like 2001:db8::1'));
  const halves = text.split('::');
  if (halves.length > 2) return bad();
  let groups: number[];
  if (halves.length === 2) {
    const head = parseGroups(halves[0]!);
    const tail = parseGroups(halves[1]!);
    if (!head || !tail || head.length + tail.length > 7) return bad();
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    const all = parseGroups(text);
    if (all?.length !== 8) return bad();
    groups = all;
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return ok(value);
}

/** Formats per RFC 5952: lower case, longest run of two or more zero groups compressed. */
export function formatIpv6(value: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(':');
  const head = hex.slice(0, bestStart).join(':');
  const tail = hex.slice(bestStart + bestLen).join(':');
  return `${head}::${tail}`;
}

export function parseIpv6Cidr(text: string): Result<Ipv6Cidr, InvalidInputError> {
  const slash = text.indexOf('/');
  if (slash < 0)
    return err(new InvalidInputError(text, 'expected an IPv6 prefix like 2001:db8::/120'));
  const lenText = text.slice(slash + 1);
  const prefixLength = /^[0-9]{1,3}$/.test(lenText) ? Number(lenText) : Number.NaN;
  if (!(prefixLength >= 0 && prefixLength <= 128)) {
    return err(new InvalidInputError(text, 'expected a prefix length between 0 and 128'));
  }
  return parseIpv6(text.slice(0, slash)).andThen((address) => {
    const network = ipv6NetworkOf(address, prefixLength);
    if (network !== address) {
      return err(
        new InvalidInputError(text, 'host bits are set in the prefix', {
          hint: `did you mean ${formatIpv6(network)}/${prefixLength}?`,
        }),
      );
    }
    return ok({ network, prefixLength });
  });
}

export function ipv6NetworkOf(address: bigint, prefixLength: number): bigint {
  const hostBits = BigInt(128 - prefixLength);
  const mask = MAX ^ ((1n << hostBits) - 1n);
  return address & mask;
}

export function ipv6CidrSize(cidr: Ipv6Cidr): bigint {
  return 1n << BigInt(128 - cidr.prefixLength);
}

export function ipv6InCidr(address: bigint, cidr: Ipv6Cidr): boolean {
  return address >= cidr.network && address < cidr.network + ipv6CidrSize(cidr);
}

export function formatIpv6Cidr(cidr: Ipv6Cidr): string {
  return `${formatIpv6(cidr.network)}/${cidr.prefixLength}`;
}
