import { createPlan, listPlans, type PlanInput, type WriteClients } from '@blockhost/chain';
import { ResultAsync } from 'neverthrow';
import type { Address } from 'viem';
import { settledNonce } from './chain-util.js';
import { errorText, SetupError } from './errors.js';

const same = (a: PlanInput & { active?: boolean }, b: PlanInput) =>
  a.name === b.name &&
  a.pricePerDayUsdCents === b.pricePerDayUsdCents &&
  a.cores === b.cores &&
  a.memoryMiB === b.memoryMiB &&
  a.diskGiB === b.diskGiB &&
  a.active !== false;

/**
 * Creates the plan with the server key (OPERATOR_ROLE) unless an active plan
 * with the same name, price and resources exists: a rerun, or a second host
 * on the same contracts, never makes a duplicate.
 */
export function ensurePlan(
  server: WriteClients,
  p: { address: Address; plan: PlanInput },
): ResultAsync<{ planId: bigint; created: boolean }, SetupError> {
  return ResultAsync.fromPromise(
    (async () => {
      // A creation sent by a killed run must land (or not) before we look.
      await settledNonce(server.publicClient, server.walletClient.account.address);
      const plans = await listPlans(server.publicClient, { address: p.address });
      if (plans.isErr()) throw new SetupError('remote', `reading plans: ${errorText(plans.error)}`);
      const found = plans.value.find((x) => same(x, p.plan));
      if (found) return { planId: found.id, created: false };
      const r = await createPlan(server, { address: p.address, plan: p.plan });
      if (r.isErr()) {
        throw new SetupError('remote', `creating plan ${p.plan.name}: ${errorText(r.error)}`, {
          cause: r.error,
        });
      }
      return { planId: r.value.planId, created: true };
    })(),
    (e) => (e instanceof SetupError ? e : new SetupError('remote', errorText(e), { cause: e })),
  );
}
