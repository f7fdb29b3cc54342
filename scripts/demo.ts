/**
 * Interim demo (until blockhostd exists, issue #5): plays the subscription
 * lifecycle through @blockhost/core's `reconcile` on an in-memory world.
 * There is no chain, no Proxmox and no daemon here yet, and it says so.
 */
import {
  type Action,
  parseConfig,
  policyFromConfig,
  reconcile,
  type Subscription,
  type Vm,
} from '@blockhost/core';

console.log('BlockHost demo (interim): no daemon, chain or Proxmox exists yet; this plays the');
console.log('lifecycle rules of @blockhost/core on an in-memory world. Issue #5 replaces it.\n');

const db = parseConfig(
  'db',
  'ipv4_pool: { cidr: 10.0.0.0/24, gateway: 10.0.0.1 }\n',
)._unsafeUnwrap();
const policy = policyFromConfig(db);
const DAY = 86_400;
const plans = new Map([
  [
    1n,
    {
      id: 1n,
      name: 'small',
      pricePerDayUsdCents: 100n,
      cores: 1,
      memoryMiB: 1024,
      diskGiB: 10,
      active: true,
    },
  ],
]);
const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;
let now = 1_800_000_000;
let sub: Subscription = {
  id: 1n,
  planId: 1n,
  subscriber: alice,
  expiresAt: now + 30 * DAY,
  cancelled: false,
  token: null,
};
let vm: Vm | null = null;

function step(label: string): Action[] {
  const actions = reconcile({ subscriptions: [sub], vms: vm ? [vm] : [], plans, now, policy });
  for (const a of actions) {
    console.log(
      `day ${((now - 1_800_000_000) / DAY).toFixed(0).padStart(3)}  ${label.padEnd(26)} → ${a.kind}`,
    );
    if (a.kind === 'provision')
      vm = {
        subscriptionId: 1n,
        vmid: 10000,
        state: 'running',
        busy: false,
        suspendedAt: null,
        allowedWallet: alice,
      };
    if (a.kind === 'mint') sub = { ...sub, token: { id: 1n, owner: alice } };
    if (a.kind === 'suspend' && vm) vm = { ...vm, state: 'suspended', suspendedAt: a.at };
    if (a.kind === 'resume' && vm) vm = { ...vm, state: 'running', suspendedAt: null };
    if (a.kind === 'destroy' && vm) vm = { ...vm, state: 'destroyed', vmid: null };
  }
  return actions;
}

const expect = (kinds: string[], got: Action[]) => {
  if (got.map((a) => a.kind).join() !== kinds.join())
    throw new Error(`expected ${kinds}, got ${got.map((a) => a.kind)}`);
};
expect(['provision'], step('subscription bought'));
expect(['mint'], step('VM running, no NFT yet'));
now = sub.expiresAt;
expect(['suspend'], step('subscription expired'));
sub = { ...sub, expiresAt: now + 10 * DAY };
now += 2 * DAY;
expect(['resume'], step('renewed inside grace'));
now = sub.expiresAt;
expect(['suspend'], step('expired again'));
now += policy.graceSeconds;
expect(['destroy'], step(`grace (${db.grace_days} days) passed`));
console.log('\nlifecycle played through: provision → mint → suspend → resume → suspend → destroy');
