import {
  getCursor,
  getSubscription,
  latestVmOf,
  listSubscriptions,
  needsAttention,
  type SubscriptionRow,
} from '@blockhost/host';
import type { Context } from '../context.js';
import type { CommandSpec } from '../framework/command.js';
import { CliError, EXIT, UsageError } from '../framework/errors.js';

/** The stable JSON shape of a subscription. */
function subView(ctx: Context, s: SubscriptionRow, chainNow: number | null) {
  const vm = latestVmOf(ctx.db(), s.id);
  return {
    id: s.id,
    planId: s.planId,
    subscriber: s.subscriber,
    // Who may cancel it: the NFT's holder once minted, the buyer before.
    controller: s.tokenOwner ?? s.subscriber,
    expiresAt: s.expiresAt,
    expiresAtIso: new Date(s.expiresAt * 1000).toISOString(),
    cancelled: s.cancelled,
    paid: chainNow === null ? null : !s.cancelled && s.expiresAt > chainNow,
    tokenId: s.tokenId,
    tokenOwner: s.tokenOwner,
    keyError: s.keyError,
    attention: s.attention ? { reason: s.attention, detail: s.attentionDetail } : null,
    vm: vm ? { state: vm.state, vmid: vm.vmid, generation: vm.generation } : null,
  };
}

export const subList: CommandSpec = {
  path: ['sub', 'list'],
  summary: 'list subscriptions known from the chain, with their VM and NFT',
  options: { attention: { type: 'boolean', description: 'only those needing an operator' } },
  examples: ['blockhost sub list', 'blockhost sub list --attention --json'],
  json: true,
  async run(ctx, _p, values) {
    const chainNow = getCursor(ctx.db())?.blockTimestamp ?? null;
    const rows = listSubscriptions(ctx.db())
      .filter((s) => !values.attention || needsAttention(s))
      .map((s) => subView(ctx, s, chainNow));
    ctx.out.data(rows);
    ctx.out.table(
      rows.map((s) => ({
        id: s.id,
        plan: s.planId,
        controller: s.controller,
        expires: s.expiresAtIso.replace('.000Z', 'Z'),
        status: s.cancelled ? 'cancelled' : s.paid === false ? 'expired' : 'paid',
        vm: s.vm ? `${s.vm.state}${s.vm.vmid ? ` #${s.vm.vmid}` : ''}` : null,
        nft: s.tokenId,
        problem: s.attention ? s.attention.reason : s.keyError ? 'key error' : null,
      })),
    );
    return EXIT.ok;
  },
};

export const subShow: CommandSpec = {
  path: ['sub', 'show'],
  summary: 'show one subscription',
  args: '<subscription-id>',
  positionals: [1, 1],
  examples: ['blockhost sub show 7'],
  json: true,
  async run(ctx, [id]) {
    if (!id || !/^[0-9]+$/.test(id))
      throw new UsageError(
        `expected a subscription id (a number), got ${JSON.stringify(id ?? '')}`,
      );
    const s = getSubscription(ctx.db(), BigInt(id).toString());
    if (!s)
      throw new CliError(
        `no subscription ${id} in the journal`,
        EXIT.failed,
        'see `blockhost sub list`; a new purchase shows up once confirmed',
      );
    const view = subView(ctx, s, getCursor(ctx.db())?.blockTimestamp ?? null);
    ctx.out.data(view);
    ctx.out.fields({
      ...view,
      attention: view.attention
        ? `${view.attention.reason}${view.attention.detail ? `: ${view.attention.detail}` : ''}`
        : null,
      vm: view.vm
        ? `${view.vm.state} (VMID ${view.vm.vmid ?? '-'}, generation ${view.vm.generation})`
        : null,
    });
    return EXIT.ok;
  },
};
