import fc from 'fast-check';
import {
  type AbiEvent,
  type AbiParameter,
  bytesToHex,
  decodeEventLog,
  encodeAbiParameters,
  encodeEventTopics,
  type Hex,
  toEventSelector,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { accessCredentialNftAbi, blockhostSubscriptionsAbi } from '../contracts.js';
import { planLogDecoder } from './log-decoder.js';

type Input = AbiParameter & { indexed?: boolean };

const events = (
  [...blockhostSubscriptionsAbi, ...accessCredentialNftAbi] as readonly unknown[]
).filter((x): x is AbiEvent => (x as { type: string }).type === 'event');

const bytesOf = (min: number, max: number) =>
  fc.uint8Array({ minLength: min, maxLength: max }).map((b) => bytesToHex(b));

/** Any value the ABI type can hold, as viem's encoder takes it. */
function arbitraryOf(type: string): fc.Arbitrary<unknown> {
  const uint = /^uint(\d*)$/.exec(type);
  if (uint) return fc.bigInt({ min: 0n, max: 2n ** BigInt(uint[1] || 256) - 1n });
  const fixed = /^bytes(\d+)$/.exec(type);
  if (fixed) return bytesOf(Number(fixed[1]), Number(fixed[1]));
  if (type === 'address') return bytesOf(20, 20);
  if (type === 'bool') return fc.boolean();
  if (type === 'bytes') return bytesOf(0, 300);
  if (type === 'string') return fc.string({ unit: 'binary', maxLength: 80 });
  throw new Error(`no arbitrary for ${type}`);
}

/** A log of `event` with arbitrary arguments, encoded by viem. */
function logOf(event: AbiEvent) {
  const inputs = event.inputs as readonly Input[];
  return fc.tuple(...inputs.map((i) => arbitraryOf(i.type))).map((values) => {
    const args = Object.fromEntries(inputs.map((i, n) => [i.name, values[n]]));
    const topics = encodeEventTopics({
      abi: [event],
      args: Object.fromEntries(inputs.filter((i) => i.indexed).map((i) => [i.name, args[i.name!]])),
    } as never) as Hex[];
    const dataInputs = inputs.filter((i) => !i.indexed);
    const data = encodeAbiParameters(
      dataInputs,
      dataInputs.map((i) => args[i.name!]),
    );
    return { topics, data };
  });
}

const viemDecode = (event: AbiEvent, topics: readonly Hex[], data: Hex) =>
  decodeEventLog({ abi: [event], topics: topics as [Hex, ...Hex[]], data, strict: true });

const outcome = (f: () => unknown) => {
  try {
    return { ok: true as const, value: f() };
  } catch (e) {
    return { ok: false as const, error: e };
  }
};

describe('planLogDecoder: the same values as viem, read from the hex', () => {
  it('plans every event of both contracts (none falls back to viem)', () => {
    expect(events.length).toBeGreaterThan(20);
    for (const e of events) expect(planLogDecoder(e), e.name).not.toBeNull();
  });

  it.each(events.map((e) => [e.name, e] as const))('%s: arbitrary arguments', (_, event) => {
    const decode = planLogDecoder(event)!;
    fc.assert(
      fc.property(logOf(event), ({ topics, data }) => {
        const ours = decode(topics, data);
        expect(ours).toEqual(viemDecode(event, topics, data));
        // viem's values are lower case whatever case the RPC sends
        expect(decode(topics, data.toUpperCase().replace(/^0X/, '0x'))).toEqual(ours);
      }),
      { numRuns: 60 },
    );
  });

  it('never decodes a log viem refuses, nor to anything else (damaged topics and data)', () => {
    const damage = fc.oneof(
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('flip' as const),
        at: fc.nat(),
        to: fc.constantFrom(...'0123456789abcdefABCDEF'),
      }),
      fc.record({ kind: fc.constant('drop-topic' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('grow' as const), words: bytesOf(1, 96) }),
    );
    for (const event of events) {
      const decode = planLogDecoder(event)!;
      fc.assert(
        fc.property(logOf(event), fc.array(damage, { minLength: 1, maxLength: 3 }), (log, ds) => {
          let { topics, data } = log;
          for (const d of ds) {
            if (d.kind === 'cut') data = data.slice(0, 2 + (d.at % (data.length - 1))) as Hex;
            if (d.kind === 'flip' && data.length > 2) {
              const i = 2 + (d.at % (data.length - 2));
              data = `${data.slice(0, i)}${d.to}${data.slice(i + 1)}` as Hex;
            }
            if (d.kind === 'drop-topic' && topics.length > 1) {
              topics = topics.filter((_, i) => i !== 1 + (d.at % (topics.length - 1)));
            }
            if (d.kind === 'grow') data = `${data}${d.words.slice(2)}` as Hex;
          }
          const ours = outcome(() => decode(topics, data));
          const theirs = outcome(() => viemDecode(event, topics, data));
          if (ours.ok) {
            expect(theirs.ok, `${event.name}: viem refuses what we decoded`).toBe(true);
            if (theirs.ok) expect(ours.value).toEqual(theirs.value);
          }
        }),
        { numRuns: 40 },
      );
    }
  });

  it('refuses a log without its indexed topics and data too short for the event', () => {
    const created = events.find((e) => e.name === 'SubscriptionCreated')!;
    const decode = planLogDecoder(created)!;
    const selector = toEventSelector(created);
    expect(() => decode([selector], '0x')).toThrow(/topic 1 is missing/);
    const topics = [
      selector,
      `0x${'0'.repeat(63)}1`,
      `0x${'0'.repeat(63)}2`,
      `0x${'0'.repeat(64)}`,
    ];
    expect(() => decode(topics, `0x${'00'.repeat(64)}`)).toThrow(/64 bytes of data, 128 needed/);
    // the bytes' offset points past the data
    const head = `${'00'.repeat(32 * 3)}${'ff'.repeat(32)}`;
    expect(() => decode(topics, `0x${head}`)).toThrow(/past the data/);
  });
});
