/**
 * `blockhost ipv6 apply`'s work, from the files the daemon writes: network.json (wanted),
 * applied.json (what the last successful apply did, so what is no longer wanted is taken
 * away), and the result for the daemon and the operator in status.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ApplyReport,
  applyIpv6Network,
  type CommandRunner,
  type Ipv6Observation,
  observeIpv6Network,
} from './apply.js';
import { type Ipv6HostNetwork, NETWORK_FILE, readIpv6Network, writeFileAtomic } from './network.js';

export const APPLIED_FILE = 'applied.json';
export const STATUS_FILE = 'status.json';

/** What the last `blockhost ipv6 apply` did and saw (status.json). */
export interface Ipv6ApplyStatus {
  /** Unix ms of the last apply that succeeded (of this prefix); null before one. */
  readonly appliedAt: number | null;
  /** The prefix applied (or attempted). */
  readonly prefix: string | null;
  /** The last apply's failure, naming the step; null when it succeeded. */
  readonly error: string | null;
  readonly observation: Ipv6Observation | null;
}

export function readApplyStatus(dir: string): Ipv6ApplyStatus | null {
  const p = join(dir, STATUS_FILE);
  if (!existsSync(p)) return null;
  try {
    return JSON.parse(readFileSync(p, 'utf8')) as Ipv6ApplyStatus;
  } catch {
    return null;
  }
}

export interface ApplyFromFilesResult {
  readonly desired: Ipv6HostNetwork | null;
  readonly report: ApplyReport | null;
  readonly status: Ipv6ApplyStatus;
}

/**
 * Applies network.json from `dir` with `run` and records the outcome; never throws for a
 * failed step (status.json says which), only for unreadable files.
 */
export async function applyFromFiles(
  dir: string,
  run: CommandRunner,
  now: () => number = Date.now,
): Promise<ApplyFromFilesResult> {
  const desired = readIpv6Network(join(dir, NETWORK_FILE));
  const previous = readIpv6Network(join(dir, APPLIED_FILE));
  const before = readApplyStatus(dir);
  let report: ApplyReport | null = null;
  let error: string | null = null;
  try {
    report = await applyIpv6Network(desired, previous, run);
    writeFileAtomic(
      join(dir, APPLIED_FILE),
      `${JSON.stringify(desired ?? { version: 1, off: true }, null, 2)}\n`,
      0o640,
    );
  } catch (e) {
    error = (e as Error).message;
  }
  const observation = desired ? await observeIpv6Network(desired, run, now()) : null;
  // Since when this prefix has been applied without a failure: the handshake timeout counts
  // from there.
  const kept =
    before?.appliedAt && before.error === null && before.prefix === (desired?.prefix ?? null);
  const appliedAt = error !== null || !desired ? null : kept ? before.appliedAt : now();
  const status: Ipv6ApplyStatus = {
    appliedAt,
    prefix: desired?.prefix ?? null,
    error,
    observation,
  };
  writeFileAtomic(join(dir, STATUS_FILE), `${JSON.stringify(status, null, 2)}\n`, 0o644);
  return { desired, report, status };
}
