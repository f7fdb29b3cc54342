import { err, ok, type Result } from 'neverthrow';
import { bytesToHex, type Hex, hexToBytes, isHex } from 'viem';
import { ChainInputError } from '../errors.js';

/** Hex or bytes in, 0x-hex out; bad hex is a typed error. */
export function toHexData(value: Hex | Uint8Array, what: string): Result<Hex, ChainInputError> {
  if (value instanceof Uint8Array) return ok(bytesToHex(value));
  if (typeof value === 'string' && isHex(value, { strict: true }) && value.length % 2 === 0) {
    return ok(value.toLowerCase() as Hex);
  }
  return err(new ChainInputError(what, '0x-prefixed hex with an even number of digits'));
}

/** Hex (with or without 0x) or bytes in, bytes out; undefined for anything else. */
export function toBytes(value: unknown): Uint8Array | undefined {
  if (value instanceof Uint8Array) return value;
  if (typeof value !== 'string') return undefined;
  const hex = value.startsWith('0x') || value.startsWith('0X') ? value.slice(2) : value;
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  return hexToBytes(`0x${hex}`);
}
