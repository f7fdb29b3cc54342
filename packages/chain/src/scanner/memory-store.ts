import type { BlockhostEvent } from '../events/decode.js';
import type { ScanCheckpoint, ScanCommit, ScanStore, UndecodableLog } from './types.js';

/** A store in memory: for tests, tools and short-lived processes. */
export interface MemoryStore extends ScanStore {
  /** Live events (added and not removed), in delivery order, keyed by `event.key`. */
  readonly events: ReadonlyMap<string, BlockhostEvent>;
  /** Every commit, in order. */
  readonly commits: readonly ScanCommit[];
  readonly undecodable: readonly UndecodableLog[];
  /** Keys that were added while already live (a scanner bug if ever non-empty). */
  readonly duplicates: readonly string[];
  /** The checkpoint as the last commit left it (a JSON round-trip, like a real store). */
  readonly checkpoint: ScanCheckpoint | null;
  /** Head timestamp of the last commit: the consumer's "now". */
  readonly now: number | null;
}

/** Creates an in-memory store, optionally starting from a saved checkpoint. */
export function createMemoryStore(initial: ScanCheckpoint | null = null): MemoryStore {
  const events = new Map<string, BlockhostEvent>();
  const commits: ScanCommit[] = [];
  const undecodable: UndecodableLog[] = [];
  const duplicates: string[] = [];
  let saved = initial ? JSON.stringify(initial) : null;
  let now: number | null = null;
  return {
    events,
    commits,
    undecodable,
    duplicates,
    get checkpoint() {
      return saved ? (JSON.parse(saved) as ScanCheckpoint) : null;
    },
    get now() {
      return now;
    },
    load() {
      return saved ? (JSON.parse(saved) as ScanCheckpoint) : null;
    },
    commit(c) {
      for (const e of c.removed) events.delete(e.key);
      for (const e of c.added) {
        if (events.has(e.key)) duplicates.push(e.key);
        events.set(e.key, e);
      }
      undecodable.push(...c.undecodable);
      commits.push(c);
      saved = JSON.stringify(c.checkpoint);
      now = c.head.timestamp;
    },
  };
}
