/**
 * A seeded population of customers for the season: when each arrives, what they buy and how they
 * behave afterwards. Pure: the same seed and size give the same season.
 */
import { seededRandom } from '@blockhost/core';

export type Behaviour =
  | 'renew-before'
  | 'renew-in-grace'
  | 'renew-after-destroy'
  | 'cancel'
  | 'lapse'
  | 'transfer'
  | 'gifted';

export interface CustomerPlan {
  readonly index: number;
  /** Seconds after the season's start. */
  readonly arrival: number;
  /** 0: small, 1: medium, 2: large (the large plan is withdrawn mid-season). */
  readonly planSlot: 0 | 1 | 2;
  readonly native: boolean;
  readonly days: number;
  readonly behaviour: Behaviour;
  /** How many times a renewing customer renews before letting it lapse. */
  readonly renewals: number;
  /** A number in [0,1) for the behaviour's timing (when in the term, in grace, …). */
  readonly timing: number;
  /** Another customer (index) for transfers and gifts. */
  readonly other: number;
}

const BEHAVIOURS: ReadonlyArray<readonly [Behaviour, number]> = [
  ['renew-before', 0.3],
  ['renew-in-grace', 0.14],
  ['renew-after-destroy', 0.08],
  ['cancel', 0.1],
  ['lapse', 0.2],
  ['transfer', 0.1],
  ['gifted', 0.08],
];

export function population(o: { customers: number; days: number; seed: number }): CustomerPlan[] {
  const random = seededRandom(o.seed);
  const pick = () => {
    let r = random();
    for (const [b, w] of BEHAVIOURS) {
      r -= w;
      if (r < 0) return b;
    }
    return 'lapse' as const;
  };
  const out: CustomerPlan[] = [];
  for (let index = 0; index < o.customers; index++) {
    const p = random();
    out.push({
      index,
      // Arrivals over the first 85 % of the season, so the last ones still see a lifecycle.
      arrival: Math.floor(random() * o.days * 0.85 * 86_400),
      planSlot: p < 0.5 ? 0 : p < 0.8 ? 1 : 2,
      native: random() < 0.3,
      days: 2 + Math.floor(random() * 12),
      behaviour: pick(),
      renewals: 1 + Math.floor(random() * 3),
      timing: random(),
      other: Math.floor(random() * o.customers),
    });
  }
  return out.sort((a, b) => a.arrival - b.arrival);
}
