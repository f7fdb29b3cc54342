/**
 * The chain scanner. One cursor-driven path serves historical backfill and live polling: each
 * step checks the cursor's block hash (reorg handling lives only in `rewind`), fetches logs for
 * the next confirmed range with an adaptive size, and commits events + checkpoint as one unit.
 */
import { defaultConfirmations } from '@blockhost/core';
import { err, ok, type Result } from 'neverthrow';
import {
  BaseError,
  BlockNotFoundError,
  type Hex,
  HttpRequestError,
  type Log,
  TimeoutError,
} from 'viem';
import type { BlockhostContracts } from '../contracts.js';
import {
  CheckpointError,
  describe,
  LogRangeError,
  ReorgTooDeepError,
  RpcError,
  type ScanError,
  StoreError,
} from '../errors.js';
import {
  type BlockhostEvent,
  decodeBlockhostLog,
  eventKey,
  type RawLog,
} from '../events/decode.js';
import type { ReadClient } from '../internal/clients.js';
import { sleep } from '../internal/sleep.js';
import { classifyGetLogsError } from './range-error.js';
import type {
  BlockRef,
  ScanCheckpoint,
  ScanCommit,
  ScanStore,
  StepResult,
  StoredBlock,
  StoredLog,
  UndecodableLog,
} from './types.js';

export interface ScannerOptions {
  /** A viem public client; for several RPC URLs give it a `fallback` transport. */
  readonly client: ReadClient;
  readonly contracts: BlockhostContracts;
  readonly store: ScanStore;
  /** The deployment block: the first block scanned on a fresh store. */
  readonly fromBlock: bigint;
  /** Blocks an event must be buried under; default per chain (`defaultConfirmations`). */
  readonly confirmations?: number | undefined;
  /** Follow the RPC's `finalized` tag instead (falls back to confirmations if unsupported). */
  readonly finalized?: boolean | undefined;
  /**
   * Largest `eth_getLogs` range in blocks (default 2000). A fresh scanner starts at 100 and
   * doubles per success (not past an answer of ~4 MiB); shrinks on provider errors.
   */
  readonly maxLogRange?: number | undefined;
  /** Blocks below the confirmed head remembered for reorg walk-back (default 256). */
  readonly maxReorgDepth?: number | undefined;
  /** Successful requests before a shrunk range is allowed to grow again (default 8). */
  readonly growAfter?: number | undefined;
}

export interface PollReturnType {
  readonly steps: number;
  readonly added: number;
  readonly removed: number;
  readonly head: BlockRef | null;
  readonly cursor: BlockRef | null;
}

export interface RunOptions {
  readonly signal?: AbortSignal | undefined;
  /** Pause between polls once caught up (default 2000 ms). */
  readonly pollIntervalMs?: number | undefined;
  /** Longest pause after repeated errors (default 30 s). */
  readonly maxBackoffMs?: number | undefined;
  readonly onStep?: ((result: StepResult) => void) | undefined;
  readonly onError?: ((error: ScanError, consecutive: number) => void) | undefined;
}

/** Running totals since the scanner was created (for metrics and benchmarks). */
export interface ScannerStats {
  steps: number;
  commits: number;
  getLogsCalls: number;
  /** `eth_getLogs` refused as too large (range shrunk). */
  rangeShrinks: number;
  reorgs: number;
  eventsAdded: number;
  eventsRemoved: number;
}

export interface Scanner {
  /** One unit of work: a reorg check plus one log range (or nothing), committed atomically. */
  step(): Promise<Result<StepResult, ScanError>>;
  /** Steps until caught up with the confirmed head (stops at the first error). */
  poll(): Promise<Result<PollReturnType, ScanError>>;
  /** Polls until `signal` aborts; errors are reported and retried with backoff. */
  run(options?: RunOptions): Promise<void>;
  /**
   * Ends `run`'s idle pause now (a new head arrived by subscription): the next step starts at
   * once. A wake during a step makes the next pause end at once. Error backoff is not cut short.
   */
  wake(): void;
  /** The current `eth_getLogs` range in blocks (adapts to the provider). */
  readonly logRange: number;
  readonly stats: Readonly<ScannerStats>;
}

class Failure {
  constructor(readonly error: ScanError) {}
}

const toStoredLog = (log: Log): StoredLog => ({
  address: log.address.toLowerCase(),
  topics: log.topics as Hex[],
  data: log.data,
  blockNumber: String(log.blockNumber),
  blockHash: log.blockHash as Hex,
  transactionHash: log.transactionHash as Hex,
  transactionIndex: log.transactionIndex as number,
  logIndex: log.logIndex as number,
});

const fromStoredLog = (log: StoredLog): RawLog => ({
  ...log,
  blockNumber: BigInt(log.blockNumber),
});

function isTransportError(e: unknown): boolean {
  return (
    e instanceof BaseError &&
    e.walk((x) => x instanceof HttpRequestError || x instanceof TimeoutError) !== null
  );
}

function isCheckpoint(value: unknown): value is ScanCheckpoint {
  const v = value as Partial<ScanCheckpoint> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    v.version === 1 &&
    typeof v.chainId === 'number' &&
    Array.isArray(v.addresses) &&
    typeof v.fromBlock === 'string' &&
    Array.isArray(v.blocks) &&
    typeof v.complete === 'boolean' &&
    (v.cursor === null || typeof v.cursor === 'object')
  );
}

/** Creates a scanner. Nothing happens until `step`, `poll` or `run` is called. */
export function createScanner(options: ScannerOptions): Scanner {
  const { client, contracts, store } = options;
  const addresses = [contracts.subscriptions.toLowerCase(), contracts.nft.toLowerCase()];
  const maxRange = Math.max(1, options.maxLogRange ?? 2000);
  const maxReorgDepth = BigInt(Math.max(1, options.maxReorgDepth ?? 256));
  const growAfter = Math.max(1, options.growAfter ?? 8);

  let checkpoint: ScanCheckpoint | null = null;
  let chainId: number | null = null;
  let useFinalized = options.finalized ?? false;
  // Slow start: a fresh scanner knows nothing of the chain's density; a first request over the
  // whole default range of a dense backlog downloads 10 MiB only to be refused. It starts small
  // and doubles with each full-range success until a refusal (then the cautious growth below).
  let range = Math.min(maxRange, INITIAL_RANGE);
  let slowStart = true;
  let learnedLimit = Number.POSITIVE_INFINITY;
  let streak = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const stats: ScannerStats = {
    steps: 0,
    commits: 0,
    getLogsCalls: 0,
    rangeShrinks: 0,
    reorgs: 0,
    eventsAdded: 0,
    eventsRemoved: 0,
  };

  const rpc = async <T>(method: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      throw new Failure(new RpcError(method, { details: describe(e), cause: e }));
    }
  };

  const getChainId = async () => {
    chainId ??= await rpc('eth_chainId', () => client.getChainId());
    return chainId;
  };

  const blockRef = (b: {
    number: bigint | null;
    hash: Hex | null;
    timestamp: bigint;
  }): BlockRef => ({
    number: b.number ?? 0n,
    hash: b.hash as Hex,
    timestamp: Number(b.timestamp),
  });

  /** The block at `n`, or null when the chain has no such block (it got shorter). */
  const blockAt = async (n: bigint): Promise<BlockRef | null> => {
    try {
      return blockRef(await client.getBlock({ blockNumber: n }));
    } catch (e) {
      if (e instanceof BaseError && e.walk((x) => x instanceof BlockNotFoundError)) return null;
      throw new Failure(new RpcError('eth_getBlockByNumber', { details: describe(e), cause: e }));
    }
  };

  const confirmedHead = async (): Promise<BlockRef> => {
    if (useFinalized) {
      try {
        return blockRef(await client.getBlock({ blockTag: 'finalized' }));
      } catch (e) {
        if (isTransportError(e)) {
          throw new Failure(
            new RpcError('eth_getBlockByNumber', { details: describe(e), cause: e }),
          );
        }
        useFinalized = false; // the node answered but does not know the tag: count instead
      }
    }
    const confirmations = BigInt(options.confirmations ?? defaultConfirmations(await getChainId()));
    if (confirmations === 0n) {
      return rpc('eth_getBlockByNumber', async () => blockRef(await client.getBlock()));
    }
    const latest = await rpc('eth_blockNumber', () => client.getBlockNumber({ cacheTime: 0 }));
    const target = latest > confirmations ? latest - confirmations : 0n;
    const head = await blockAt(target);
    if (!head)
      throw new Failure(
        new RpcError('eth_getBlockByNumber', { details: `block ${target} missing` }),
      );
    return head;
  };

  const loadCheckpoint = async (): Promise<ScanCheckpoint> => {
    if (checkpoint) return checkpoint;
    const id = await getChainId();
    let loaded: unknown;
    try {
      loaded = await store.load();
    } catch (e) {
      throw new Failure(new StoreError('load', { details: describe(e), cause: e }));
    }
    if (loaded === null || loaded === undefined) {
      checkpoint = {
        version: 1,
        chainId: id,
        addresses,
        fromBlock: String(options.fromBlock),
        cursor: null,
        blocks: [],
        complete: true,
      };
      return checkpoint;
    }
    if (!isCheckpoint(loaded))
      throw new Failure(new CheckpointError('stored checkpoint is unreadable'));
    if (loaded.chainId !== id) {
      throw new Failure(
        new CheckpointError(
          `stored checkpoint is for chain ${loaded.chainId}, the RPC serves ${id}`,
        ),
      );
    }
    if (loaded.addresses.join() !== addresses.join()) {
      throw new Failure(
        new CheckpointError('stored checkpoint is for other contracts', {
          details: `stored ${loaded.addresses.join(', ')}; configured ${addresses.join(', ')}`,
        }),
      );
    }
    checkpoint = loaded;
    return checkpoint;
  };

  const commit = async (c: ScanCommit) => {
    try {
      await store.commit(c);
    } catch (e) {
      checkpoint = null; // unknown what persisted: reload before the next step
      throw new Failure(new StoreError('commit', { details: describe(e), cause: e }));
    }
    checkpoint = c.checkpoint;
    stats.commits++;
    stats.eventsAdded += c.added.length;
    stats.eventsRemoved += c.removed.length;
    if (c.reorg) stats.reorgs++;
  };

  const decodeStored = (logs: readonly StoredLog[]): BlockhostEvent[] =>
    logs.flatMap((l) => {
      const r = decodeBlockhostLog(fromStoredLog(l), contracts);
      return r.isOk() ? [r.value] : [];
    });

  /** Walks back to the newest remembered block that is still canonical and undoes the rest. */
  const rewind = async (cp: ScanCheckpoint, head: BlockRef): Promise<StepResult> => {
    const blocks = cp.blocks;
    const canonical = new Map<number, BlockRef | null>();
    const stillCanonical = async (i: number) => {
      if (!canonical.has(i)) canonical.set(i, await blockAt(BigInt(blocks[i]!.number)));
      return canonical.get(i)?.hash === blocks[i]!.hash;
    };
    // Hashes chain, so "still canonical" holds for a prefix of the window: binary search it.
    let lo = 0;
    let hi = blocks.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (await stillCanonical(mid)) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found === -1 && !cp.complete) {
      throw new Failure(new ReorgTooDeepError(BigInt(blocks[0]?.number ?? cp.fromBlock)));
    }
    const ancestor = found >= 0 ? blocks[found]! : null;
    const orphaned = blocks.slice(found + 1);
    const removed = decodeStored(orphaned.flatMap((b) => b.logs)).reverse();
    const ancestorRef = ancestor ? canonical.get(found)! : null;
    const oldCursor = BigInt(cp.cursor?.number ?? cp.fromBlock);
    const ancestorNumber = ancestorRef ? ancestorRef.number : BigInt(cp.fromBlock) - 1n;
    const next: ScanCheckpoint = {
      ...cp,
      cursor: ancestorRef
        ? {
            number: String(ancestorRef.number),
            hash: ancestorRef.hash,
            timestamp: ancestorRef.timestamp,
          }
        : null,
      blocks: blocks
        .slice(0, found + 1)
        .map((b, i) =>
          i === found && ancestorRef ? { ...b, timestamp: ancestorRef.timestamp } : b,
        ),
    };
    const c: ScanCommit = {
      added: [],
      removed,
      undecodable: [],
      cursor: ancestorRef,
      head,
      caughtUp: false,
      reorg: { ancestor: ancestorNumber, depth: Number(oldCursor - ancestorNumber) },
      checkpoint: next,
    };
    await commit(c);
    return { kind: 'reorg', commit: c };
  };

  const shrink = (attempted: number, e: unknown, from: bigint, to: bigint) => {
    const info = classifyGetLogsError(e);
    if (info.kind !== 'range') {
      throw new Failure(new RpcError('eth_getLogs', { details: describe(e), cause: e }));
    }
    if (attempted <= 1) {
      throw new Failure(new LogRangeError(from, to, { details: describe(e), cause: e }));
    }
    stats.rangeShrinks++;
    streak = 0;
    slowStart = false;
    let next = Math.floor(attempted / 2);
    if (info.limit !== undefined) {
      learnedLimit = Math.min(learnedLimit, info.limit);
      next = Math.min(attempted - 1, info.limit);
    } else if (info.suggested) {
      const suggested = Number(info.suggested.to - info.suggested.from + 1n);
      if (suggested >= 1 && suggested < attempted) next = suggested;
    }
    range = Math.max(1, next);
  };

  const grow = (used: number, bytes: number) => {
    if (used < range) return; // the range was cut by the head, not tested at full size
    const cap = Math.min(maxRange, learnedLimit);
    // Twice this answer would come near the transport's body limit: stay (dense logs).
    if (bytes * 2 > RESPONSE_BUDGET) {
      streak = 0;
      return;
    }
    if (slowStart) {
      range = Math.min(cap, range * 2);
      return;
    }
    streak++;
    if (streak >= growAfter && range < cap) {
      range = Math.min(cap, range * 2);
      streak = 0;
    }
  };

  /** Fetches logs from `from` over as many blocks as the provider allows, up to `head`. */
  const fetchRange = async (from: bigint, head: BlockRef) => {
    for (;;) {
      const span = range;
      const to = from + BigInt(span) - 1n < head.number ? from + BigInt(span) - 1n : head.number;
      const toBlock = to === head.number ? head : await blockAt(to);
      if (!toBlock) return null;
      try {
        stats.getLogsCalls++;
        const logs = await client.getLogs({
          address: addresses as Hex[],
          fromBlock: from,
          toBlock: to,
        });
        grow(Number(to - from + 1n), approxJsonBytes(logs));
        return { to: toBlock, logs };
      } catch (e) {
        shrink(Number(to - from + 1n), e, from, to);
      }
    }
  };

  const scan = async (cp: ScanCheckpoint, head: BlockRef): Promise<StepResult> => {
    const from = cp.cursor ? BigInt(cp.cursor.number) + 1n : BigInt(cp.fromBlock);
    if (from > head.number) return { kind: 'idle', head, cursor: cursorRef(cp) };
    const fetched = await fetchRange(from, head);
    if (!fetched) return { kind: 'retry', reason: 'the range end vanished (chain reorganised)' };
    const { to, logs } = fetched;

    const known = new Set(
      cp.blocks.flatMap((b) => b.logs.map((l) => eventKey(l.transactionHash, l.logIndex))),
    );
    const added: BlockhostEvent[] = [];
    const undecodable: UndecodableLog[] = [];
    const byBlock = new Map<string, StoredBlock & { logs: StoredLog[] }>();
    const sorted = [...logs]
      .filter((l) => !l.removed)
      .sort((a, b) =>
        a.blockNumber === b.blockNumber
          ? (a.logIndex ?? 0) - (b.logIndex ?? 0)
          : (a.blockNumber ?? 0n) < (b.blockNumber ?? 0n)
            ? -1
            : 1,
      );
    for (const log of sorted) {
      if (log.blockNumber === null || log.blockHash === null || log.transactionHash === null) {
        return { kind: 'retry', reason: 'the RPC returned a pending log' };
      }
      if (log.blockNumber < from || log.blockNumber > to.number) {
        return { kind: 'retry', reason: `the RPC returned a log outside ${from}..${to.number}` };
      }
      // Logs of the range's last block must carry the hash the cursor will store.
      if (log.blockNumber === to.number && log.blockHash !== to.hash) {
        return { kind: 'retry', reason: `block ${to.number} changed while scanning` };
      }
      const r = decodeBlockhostLog(log, contracts);
      if (r.isErr()) {
        undecodable.push({ log, error: r.error });
        continue;
      }
      if (known.has(r.value.key)) continue;
      known.add(r.value.key);
      added.push(r.value);
      const n = String(log.blockNumber);
      const block = byBlock.get(n) ?? { number: n, hash: log.blockHash, logs: [] };
      if (block.hash !== log.blockHash) {
        return { kind: 'retry', reason: `block ${n} has logs with two hashes` };
      }
      block.logs.push(toStoredLog(log));
      byBlock.set(n, block);
    }

    const toKey = String(to.number);
    const cursorBlock = byBlock.get(toKey);
    byBlock.set(toKey, {
      number: toKey,
      hash: to.hash,
      timestamp: to.timestamp,
      logs: cursorBlock?.logs ?? [],
    });
    let blocks: StoredBlock[] = [...cp.blocks, ...byBlock.values()];
    // Keep the window plus one anchor below it, so a reorg within the window finds its ancestor.
    // The window ends at the head, not the cursor: a block further below the head than a reorg
    // can reach need not be remembered, so a backlog keeps the logs of its last blocks only.
    const threshold = head.number - maxReorgDepth;
    const firstInWindow = blocks.findIndex((b) => BigInt(b.number) > threshold);
    const keepFrom = Math.max(0, (firstInWindow === -1 ? blocks.length : firstInWindow) - 1);
    const complete = cp.complete && keepFrom === 0;
    blocks = blocks.slice(keepFrom);

    const next: ScanCheckpoint = {
      ...cp,
      cursor: { number: toKey, hash: to.hash, timestamp: to.timestamp },
      blocks,
      complete,
    };
    const c: ScanCommit = {
      added,
      removed: [],
      undecodable,
      cursor: to,
      head,
      caughtUp: to.number === head.number,
      reorg: null,
      checkpoint: next,
    };
    await commit(c);
    return { kind: 'scanned', fromBlock: from, toBlock: to.number, commit: c };
  };

  const cursorRef = (cp: ScanCheckpoint): BlockRef | null =>
    cp.cursor
      ? { number: BigInt(cp.cursor.number), hash: cp.cursor.hash, timestamp: cp.cursor.timestamp }
      : null;

  const stepOnce = async (): Promise<StepResult> => {
    const cp = await loadCheckpoint();
    const head = await confirmedHead();
    if (cp.cursor) {
      const cursor = BigInt(cp.cursor.number);
      if (cursor === head.number && cp.cursor.hash === head.hash) {
        return { kind: 'idle', head, cursor: cursorRef(cp) };
      }
      const now = cursor === head.number ? head : await blockAt(cursor);
      if (now?.hash !== cp.cursor.hash) return rewind(cp, head);
    }
    return scan(cp, head);
  };

  const step = (): Promise<Result<StepResult, ScanError>> => {
    // Steps never overlap: the checkpoint and the adaptive range are shared state.
    const run = queue.then(async () => {
      stats.steps++;
      try {
        return ok<StepResult, ScanError>(await stepOnce());
      } catch (e) {
        if (e instanceof Failure) return err<StepResult, ScanError>(e.error);
        return err<StepResult, ScanError>(
          new RpcError('scanner step', { details: describe(e), cause: e }),
        );
      }
    });
    queue = run;
    return run;
  };

  const poll = async (): Promise<Result<PollReturnType, ScanError>> => {
    let steps = 0;
    let added = 0;
    let removed = 0;
    let head: BlockRef | null = null;
    let cursor: BlockRef | null = null;
    for (;;) {
      const r = await step();
      if (r.isErr()) return err(r.error);
      steps++;
      const s = r.value;
      if (s.kind === 'idle') return ok({ steps, added, removed, head: s.head, cursor: s.cursor });
      if (s.kind === 'retry') continue;
      added += s.commit.added.length;
      removed += s.commit.removed.length;
      head = s.commit.head;
      cursor = s.commit.cursor;
      if (s.kind === 'scanned' && s.commit.caughtUp)
        return ok({ steps, added, removed, head, cursor });
    }
  };

  let woken = false;
  let endPause: (() => void) | null = null;
  const wake = () => {
    woken = true;
    endPause?.();
  };
  /** The idle pause between polls, ended early by `wake`. */
  const pause = async (ms: number, signal: AbortSignal | undefined) => {
    if (woken) {
      woken = false;
      return;
    }
    const ctl = new AbortController();
    const onAbort = () => ctl.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    endPause = onAbort;
    await sleep(ms, ctl.signal);
    endPause = null;
    woken = false;
    signal?.removeEventListener('abort', onAbort);
  };

  const run = async (o: RunOptions = {}) => {
    const interval = o.pollIntervalMs ?? 2000;
    const maxBackoff = o.maxBackoffMs ?? 30_000;
    let failures = 0;
    while (!o.signal?.aborted) {
      const r = await step();
      if (r.isErr()) {
        failures++;
        o.onError?.(r.error, failures);
        await sleep(Math.min(maxBackoff, interval * 2 ** Math.min(failures - 1, 16)), o.signal);
        continue;
      }
      failures = 0;
      o.onStep?.(r.value);
      const s = r.value;
      const more =
        s.kind === 'reorg' || s.kind === 'retry' || (s.kind === 'scanned' && !s.commit.caughtUp);
      if (!more) await pause(interval, o.signal);
    }
  };

  return {
    step,
    poll,
    run,
    wake,
    get logRange() {
      return range;
    },
    stats,
  };
}

/** The first `eth_getLogs` range of a fresh scanner (blocks), before slow start doubles it. */
const INITIAL_RANGE = 100;
/** An answer larger than half of this stops the range growing (viem refuses bodies > 10 MiB). */
const RESPONSE_BUDGET = 4 * 1024 * 1024;

/** About the JSON size of logs as an RPC sends them (hex data and topics plus the fixed fields). */
function approxJsonBytes(logs: readonly Log[]): number {
  let n = 0;
  for (const l of logs) n += l.data.length + l.topics.length * 69 + 420;
  return n;
}
