/**
 * Typed decoding of every event of both BlockHost contracts. A log that is not one of them
 * comes back as an `EventDecodeError` in a Result, never as a throw.
 */
import { err, ok, type Result } from 'neverthrow';
import {
  type Abi,
  type AbiEvent,
  type Address,
  type DecodeEventLogReturnType,
  decodeEventLog,
  type Hex,
  isHex,
  toEventSelector,
} from 'viem';
import {
  type AccessCredentialNftAbi,
  accessCredentialNftAbi,
  type BlockhostContracts,
  type BlockhostSubscriptionsAbi,
  blockhostSubscriptionsAbi,
} from '../contracts.js';
import { describe, EventDecodeError } from '../errors.js';
import { type LogDecoder, planLogDecoder } from './log-decoder.js';

/** Where an event sits on chain; `key` (`txHash:logIndex`) identifies it across rescans. */
export interface EventLocation {
  /** `${transactionHash}:${logIndex}`: stable, unique, the consumer's idempotency key. */
  readonly key: string;
  readonly address: Address;
  readonly blockNumber: bigint;
  readonly blockHash: Hex;
  readonly transactionHash: Hex;
  readonly transactionIndex: number;
  readonly logIndex: number;
}

export type SubscriptionsEvent = DecodeEventLogReturnType<BlockhostSubscriptionsAbi> & {
  readonly contract: 'subscriptions';
} & EventLocation;

export type NftEvent = DecodeEventLogReturnType<AccessCredentialNftAbi> & {
  readonly contract: 'nft';
} & EventLocation;

/** Any event of the two contracts; narrow on `contract` and `eventName`. */
export type BlockhostEvent = SubscriptionsEvent | NftEvent;

export type BlockhostEventName = BlockhostEvent['eventName'];

/** An event narrowed by name (and optionally contract). */
export type BlockhostEventOf<N extends BlockhostEventName> = Extract<
  BlockhostEvent,
  { eventName: N }
>;

/** The log fields decoding needs (viem's `Log`, or the same fields from a store). */
export interface RawLog {
  readonly address: string;
  readonly topics: readonly Hex[];
  readonly data: Hex;
  readonly blockNumber: bigint | null;
  readonly blockHash: Hex | null;
  readonly transactionHash: Hex | null;
  readonly transactionIndex: number | null;
  readonly logIndex: number | null;
}

// Each event by its selector: the log decoder planned for it (log-decoder.ts), or viem's
// decodeEventLog over an ABI narrowed to that event when the plan does not read its types.
interface Planned {
  readonly abi: Abi;
  readonly decode: LogDecoder | null;
}
function bySelector(abi: Abi): Map<string, Planned> {
  const map = new Map<string, Planned>();
  for (const item of abi) {
    if (item.type === 'event' && !item.anonymous)
      map.set(toEventSelector(item as AbiEvent), { abi: [item], decode: planLogDecoder(item) });
  }
  return map;
}
const selectors = {
  subscriptions: bySelector(blockhostSubscriptionsAbi),
  nft: bySelector(accessCredentialNftAbi),
};

/** `txHash:logIndex`, the stable event key. */
export function eventKey(transactionHash: Hex, logIndex: number): string {
  return `${transactionHash.toLowerCase()}:${logIndex}`;
}

/** The transaction hash an `eventKey` names (null: not such a key). */
export function eventKeyTransaction(key: string): Hex | null {
  const m = /^(0x[0-9a-f]{64}):[0-9]+$/i.exec(key);
  return m ? (m[1]!.toLowerCase() as Hex) : null;
}

function isRawLog(value: unknown): value is RawLog {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.address === 'string' &&
    Array.isArray(v.topics) &&
    v.topics.every((t) => typeof t === 'string' && isHex(t)) &&
    typeof v.data === 'string' &&
    isHex(v.data)
  );
}

/**
 * Decodes a log emitted by one of `contracts`. Unknown addresses, unknown event signatures,
 * malformed topics or data, and pending logs (no block/tx/index yet) are typed errors.
 */
export function decodeBlockhostLog(
  log: unknown,
  contracts: BlockhostContracts,
): Result<BlockhostEvent, EventDecodeError> {
  if (!isRawLog(log)) {
    return err(
      new EventDecodeError('not-a-log', { details: 'expected address, topics and data as hex' }),
    );
  }
  const address = log.address.toLowerCase();
  const contract =
    address === contracts.subscriptions.toLowerCase()
      ? 'subscriptions'
      : address === contracts.nft.toLowerCase()
        ? 'nft'
        : null;
  if (!contract) {
    return err(new EventDecodeError('unknown-address', { details: `log from ${log.address}` }));
  }
  if (log.topics.length === 0) {
    return err(new EventDecodeError('no-topics', { details: 'anonymous events are not ours' }));
  }
  const { blockNumber, blockHash, transactionHash, transactionIndex, logIndex } = log;
  if (
    blockNumber === null ||
    blockHash === null ||
    transactionHash === null ||
    transactionIndex === null ||
    logIndex === null
  ) {
    return err(new EventDecodeError('pending-log', { details: 'the log is not mined yet' }));
  }
  const planned = selectors[contract].get(log.topics[0]!.toLowerCase());
  if (!planned) {
    return err(
      new EventDecodeError('unknown-event', {
        details: `no ${contract} event has topic ${log.topics[0]}`,
      }),
    );
  }
  let decoded: { eventName: string; args: unknown };
  try {
    decoded = planned.decode
      ? planned.decode(log.topics, log.data)
      : (decodeEventLog({
          abi: planned.abi,
          topics: log.topics as [Hex, ...Hex[]],
          data: log.data,
          strict: true,
        }) as { eventName: string; args: unknown });
  } catch (e) {
    return err(new EventDecodeError('bad-data', { details: describe(e), cause: e }));
  }
  return ok({
    ...decoded,
    contract,
    key: eventKey(transactionHash, logIndex),
    address: log.address as Address,
    blockNumber,
    blockHash,
    transactionHash,
    transactionIndex,
    logIndex,
  } as BlockhostEvent);
}
