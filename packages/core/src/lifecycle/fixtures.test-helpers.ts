import type { Address } from '../types.js';
import type { Plan, Policy, Subscription, Vm } from './types.js';

export const ALICE: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
export const BOB: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
export const DAY = 86_400;
export const T0 = 1_800_000_000;

export const PLAN: Plan = {
  id: 1n,
  name: 'small',
  pricePerDayUsdCents: 100n,
  cores: 1,
  memoryMiB: 1024,
  diskGiB: 10,
  active: true,
};
export const PLANS: ReadonlyMap<bigint, Plan> = new Map([[1n, PLAN]]);
export const POLICY: Policy = {
  graceSeconds: 7 * DAY,
  suspendMode: 'shutdown',
  reprovisionAfterDestroy: true,
};

export function sub(over: Partial<Subscription> = {}): Subscription {
  return {
    id: 1n,
    planId: 1n,
    subscriber: ALICE,
    expiresAt: T0 + 30 * DAY,
    cancelled: false,
    token: null,
    ...over,
  };
}

export function vm(over: Partial<Vm> = {}): Vm {
  return {
    subscriptionId: 1n,
    vmid: 10000,
    state: 'running',
    busy: false,
    suspendedAt: null,
    allowedWallet: ALICE,
    ...over,
  };
}
