import type { DbConfig } from '../config/db.js';
import type { UnixSeconds } from '../types.js';
import type { Policy, Subscription } from './types.js';

export const SECONDS_PER_DAY = 86_400;

export function policyFromConfig(
  db: Pick<DbConfig, 'grace_days' | 'suspend_mode' | 'reprovision_after_destroy'>,
): Policy {
  return {
    graceSeconds: db.grace_days * SECONDS_PER_DAY,
    suspendMode: db.suspend_mode,
    reprovisionAfterDestroy: db.reprovision_after_destroy,
  };
}

/** A subscription entitles its holder to a running VM while paid up and not cancelled. */
export function isEntitled(
  sub: Pick<Subscription, 'expiresAt' | 'cancelled'>,
  now: UnixSeconds,
): boolean {
  return !sub.cancelled && sub.expiresAt > now;
}
