/** A 20-byte EVM address as 0x-prefixed hex (any case). */
export type Address = `0x${string}`;

/** Unix time in seconds. Core never reads a clock: callers pass it in. */
export type UnixSeconds = number;

const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;

export function isAddress(value: unknown): value is Address {
  return typeof value === 'string' && ADDRESS_RE.test(value);
}

/** Case-insensitive address equality (checksums differ only in case). */
export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  return a.toLowerCase() === b.toLowerCase();
}
