/** blockhostd in the test process on a dev stack, and the waits tests need around it. */

import { type Daemon, startDaemon } from '@blockhost/daemon';
import {
  activeJobSubscriptions,
  createDefaultPorts,
  type Db,
  getSubscription,
  type Logger,
  latestVmOf,
  type VmRow,
} from '@blockhost/host';
import pino from 'pino';
import type { DevStack } from './stack.js';

export const quietLog = pino({ level: process.env.BLOCKHOST_TEST_LOG ?? 'silent' });

/** blockhostd in this process on a dev stack's config, wired to its simulator and chain. */
export function startStackDaemon(stack: DevStack, log: Logger = quietLog): Promise<Daemon> {
  return startDaemon({ configDir: stack.configDir, log, ports: createDefaultPorts });
}

/** Polls `check` until it returns a value (not undefined/false), or fails after `ms`. */
export async function waitFor<T>(
  what: string,
  check: () => T | Promise<T>,
  ms = 30_000,
): Promise<Exclude<T, false | undefined | null>> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false && v !== null)
        return v as Exclude<T, false | undefined | null>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end)
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function vmState(db: Db, sub: bigint): VmRow | null {
  return latestVmOf(db, sub.toString());
}

/** The subscription's VM is running with its NFT and no job is still at work on it. */
export function settledRunning(db: Db, sub: bigint): VmRow | undefined {
  const v = latestVmOf(db, sub.toString());
  if (v?.state !== 'running' || !tokenOf(db, sub)) return undefined;
  return activeJobSubscriptions(db).has(sub.toString()) ? undefined : v;
}

export function tokenOf(db: Db, sub: bigint): string | null {
  return getSubscription(db, sub.toString())?.tokenId ?? null;
}
