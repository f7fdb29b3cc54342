/**
 * Event logs decoded by a plan made once per ABI event, reading the log's hex directly. viem's
 * `decodeEventLog` turns the data into bytes and each value back into hex, character pair by
 * character pair: that was most of a backlog scan's CPU, and every consumer then paid again to
 * flatten those strings when storing them. Values are the ones viem gives (`strict: true`):
 * `decode.test.ts` checks the two differentially. Events with types outside the plan (signed
 * integers, arrays, tuples, unnamed inputs) return null here and stay with viem.
 */
import { type AbiEvent, type AbiParameter, checksumAddress, hexToBytes } from 'viem';

/** Decodes one log of the planned event; throws `LogDataError` when the log does not fit. */
export type LogDecoder = (
  topics: readonly string[],
  data: string,
) => { eventName: string; args: Record<string, unknown> | undefined };

/** A log's topics or data do not match its event. */
export class LogDataError extends Error {
  override readonly name = 'LogDataError';
}

type Read =
  | { kind: 'uint'; bits: number }
  | { kind: 'address' }
  | { kind: 'bool' }
  | { kind: 'fixed'; size: number }
  | { kind: 'bytes' }
  | { kind: 'string' };

function readOf(type: string): Read | null {
  const uint = /^uint(\d*)$/.exec(type);
  if (uint) {
    const bits = uint[1] ? Number(uint[1]) : 256;
    return bits >= 8 && bits <= 256 && bits % 8 === 0 ? { kind: 'uint', bits } : null;
  }
  const fixed = /^bytes(\d+)$/.exec(type);
  if (fixed) {
    const size = Number(fixed[1]);
    return size >= 1 && size <= 32 ? { kind: 'fixed', size } : null;
  }
  if (type === 'address' || type === 'bool' || type === 'bytes' || type === 'string') {
    return { kind: type };
  }
  return null;
}

const WORD = 64; // hex characters
const TOPIC = /^0x[0-9a-fA-F]{64}$/;
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const FALSE = '0'.repeat(WORD);
const TRUE = `${'0'.repeat(WORD - 1)}1`;

/** A whole word as an unsigned integer, refused past `bits` (the event cannot have emitted it). */
function uint(word: string, bits: number): bigint | number {
  const v = BigInt(`0x${word}`);
  if (bits < 256 && v >> BigInt(bits) !== 0n) throw new LogDataError(`not a uint${bits}`);
  return bits > 48 ? v : Number(v);
}

/** A word that must be a byte offset or length inside the data. */
function position(word: string, limit: number): number {
  const v = BigInt(`0x${word}`);
  if (v > BigInt(limit)) throw new LogDataError('an offset or length points past the data');
  return Number(v);
}

/** Reads one value at word `slot` of `hex` (no `0x`, lower case), the data's head. */
function readData(read: Read, hex: string, slot: number): unknown {
  const at = slot * WORD;
  const word = hex.slice(at, at + WORD);
  switch (read.kind) {
    case 'uint':
      return uint(word, read.bits);
    case 'address':
      return checksumAddress(`0x${word.slice(24)}`);
    case 'bool':
      if (word === FALSE) return false;
      if (word === TRUE) return true;
      throw new LogDataError('not a bool');
    case 'fixed':
      return `0x${word.slice(0, read.size * 2)}`;
    case 'bytes':
    case 'string': {
      const bytes = hex.length / 2;
      const offset = position(word, bytes - 32);
      const length = position(hex.slice(offset * 2, offset * 2 + WORD), bytes - offset - 32);
      const content = hex.slice(offset * 2 + WORD, offset * 2 + WORD + length * 2);
      if (read.kind === 'bytes') return `0x${content}`;
      return length === 0 ? '' : utf8.decode(hexToBytes(`0x${content}`));
    }
  }
}

/** Reads an indexed value from its topic; dynamic types are indexed by their hash. */
function readTopic(read: Read | 'hashed', topic: string): unknown {
  if (!TOPIC.test(topic)) throw new LogDataError('a topic is not 32 bytes of hex');
  if (read === 'hashed') return topic;
  const word = topic.slice(2).toLowerCase();
  return readData(read, word, 0);
}

/**
 * The decoder of one event, or null when it has inputs the plan does not read (decode those
 * with viem).
 */
export function planLogDecoder(event: AbiEvent): LogDecoder | null {
  if (event.anonymous) return null;
  const indexed: { name: string; read: Read | 'hashed' }[] = [];
  const data: { name: string; read: Read }[] = [];
  for (const input of event.inputs as readonly (AbiParameter & { indexed?: boolean })[]) {
    if (!input.name) return null;
    const read = readOf(input.type);
    if (input.indexed) {
      const hashed = input.type === 'string' || input.type === 'bytes';
      if (!read && !hashed) return null;
      indexed.push({ name: input.name, read: hashed ? 'hashed' : (read as Read) });
    } else {
      if (!read) return null;
      data.push({ name: input.name, read });
    }
  }
  const eventName = event.name;
  const headBytes = data.length * 32;
  return (topics, dataHex) => {
    const args: Record<string, unknown> = {};
    for (let i = 0; i < indexed.length; i++) {
      const topic = topics[i + 1];
      if (topic === undefined) throw new LogDataError(`${eventName}: topic ${i + 1} is missing`);
      args[indexed[i]!.name] = readTopic(indexed[i]!.read, topic);
    }
    if (data.length > 0) {
      // Solidity emits lower case; viem's values are lower case whatever the RPC sent.
      const hex = (/[A-F]/.test(dataHex) ? dataHex.toLowerCase() : dataHex).slice(2);
      if (hex.length % 2 !== 0 || hex.length / 2 < headBytes) {
        throw new LogDataError(
          `${eventName}: ${hex.length / 2} bytes of data, ${headBytes} needed`,
        );
      }
      for (let i = 0; i < data.length; i++) args[data[i]!.name] = readData(data[i]!.read, hex, i);
    }
    return { eventName, args: indexed.length + data.length > 0 ? args : undefined };
  };
}
