import type { Hex } from 'viem';
import type { EventDecodeError } from '../errors.js';
import type { BlockhostEvent, RawLog } from '../events/decode.js';

/** A block the scanner refers to. `timestamp` is unix seconds. */
export interface BlockRef {
  readonly number: bigint;
  readonly hash: Hex;
  readonly timestamp: number;
}

/** A log as kept in the checkpoint (JSON-safe: block number as a decimal string). */
export interface StoredLog {
  readonly address: string;
  readonly topics: readonly Hex[];
  readonly data: Hex;
  readonly blockNumber: string;
  readonly blockHash: Hex;
  readonly transactionHash: Hex;
  readonly transactionIndex: number;
  readonly logIndex: number;
}

/** A remembered block of the reorg window and the logs delivered from it. */
export interface StoredBlock {
  readonly number: string;
  readonly hash: Hex;
  readonly timestamp?: number | undefined;
  readonly logs: readonly StoredLog[];
}

/**
 * The scanner's persistent state. Plain JSON (`JSON.stringify` / `JSON.parse` round-trip it):
 * store it as one value and hand it back unchanged from `load()`.
 */
export interface ScanCheckpoint {
  readonly version: 1;
  readonly chainId: number;
  /** Watched contracts, lower case: subscriptions, nft. */
  readonly addresses: readonly string[];
  readonly fromBlock: string;
  /** Last fully processed block; null before the first step. */
  readonly cursor: {
    readonly number: string;
    readonly hash: Hex;
    readonly timestamp: number;
  } | null;
  /** Recent blocks (ascending): every block events came from, and each cursor, in the window. */
  readonly blocks: readonly StoredBlock[];
  /** True while the window still reaches back to `fromBlock` (nothing pruned yet). */
  readonly complete: boolean;
}

/** A log from a watched contract that is not a BlockHost event: reported, never dropped. */
export interface UndecodableLog {
  readonly log: RawLog;
  readonly error: EventDecodeError;
}

/**
 * Everything one scanner step changed. The store must apply it atomically (one transaction):
 * insert `added` (keyed by `event.key`), delete `removed` (by key), save `checkpoint`.
 */
export interface ScanCommit {
  /** Newly confirmed events, in chain order. */
  readonly added: readonly BlockhostEvent[];
  /** Earlier delivered events whose blocks a reorg orphaned, newest first. */
  readonly removed: readonly BlockhostEvent[];
  readonly undecodable: readonly UndecodableLog[];
  /** Last processed block after this step (null: rewound to before the start block). */
  readonly cursor: BlockRef | null;
  /** The confirmed head; its `timestamp` is the consumer's "now" for lifecycle decisions. */
  readonly head: BlockRef;
  /** The cursor reached the confirmed head. */
  readonly caughtUp: boolean;
  /** Set when this commit undoes a reorg: the common ancestor and how many blocks were undone. */
  readonly reorg: { readonly ancestor: bigint; readonly depth: number } | null;
  /** Persist this and return it from `load()`. */
  readonly checkpoint: ScanCheckpoint;
}

type MaybePromise<T> = T | Promise<T>;

/**
 * Where the scanner keeps its checkpoint and delivers events. Methods may be synchronous
 * (better-sqlite3) or asynchronous.
 */
export interface ScanStore {
  /** The last committed checkpoint, or null/undefined on first start. */
  load(): MaybePromise<ScanCheckpoint | null | undefined>;
  /** Applies one step atomically; if it throws, nothing of the step may persist. */
  commit(commit: ScanCommit): MaybePromise<void>;
}

export type StepResult =
  /** Nothing new is confirmed. */
  | { readonly kind: 'idle'; readonly head: BlockRef; readonly cursor: BlockRef | null }
  /** A range was scanned and committed. */
  | {
      readonly kind: 'scanned';
      readonly fromBlock: bigint;
      readonly toBlock: bigint;
      readonly commit: ScanCommit;
    }
  /** A reorg was detected and undone (events removed, cursor moved back) and committed. */
  | { readonly kind: 'reorg'; readonly commit: ScanCommit }
  /** The RPC gave an inconsistent view (a reorg mid-step); nothing was committed. */
  | { readonly kind: 'retry'; readonly reason: string };
