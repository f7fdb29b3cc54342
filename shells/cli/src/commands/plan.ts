import { createPlan, getPlan, listPlans, type PlanInput, updatePlan } from '@blockhost/chain';
import type { Plan } from '@blockhost/core';
import { ensurePlan } from '@blockhost/host';
import type { Context } from '../context.js';
import { chainFailure } from '../failures.js';
import type { CommandSpec, OptionSpec } from '../framework/command.js';
import { CliError, EXIT, UsageError } from '../framework/errors.js';

const PLAN_OPTIONS: Record<string, OptionSpec> = {
  name: { type: 'string', description: 'plan name shown to customers' },
  'price-cents': { type: 'string', description: 'price per day in US cents (e.g. 150 = $1.50)' },
  cores: { type: 'string', description: 'vCPU cores' },
  memory: { type: 'string', description: 'memory in MiB' },
  disk: { type: 'string', description: 'disk in GiB' },
};

function int(
  values: Record<string, unknown>,
  key: string,
  min: number,
  max: number,
): number | undefined {
  const v = values[key];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${key}: expected an integer ${min}..${max}, got ${JSON.stringify(v)}`);
  return n;
}

function price(values: Record<string, unknown>): bigint | undefined {
  const v = values['price-cents'];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^[0-9]+$/.test(v) || v === '0')
    throw new UsageError(`--price-cents: expected a positive integer, got ${JSON.stringify(v)}`);
  return BigInt(v);
}

export const planView = (p: Plan) => ({
  id: p.id.toString(),
  name: p.name,
  pricePerDayUsdCents: p.pricePerDayUsdCents.toString(),
  cores: p.cores,
  memoryMiB: p.memoryMiB,
  diskGiB: p.diskGiB,
  active: p.active,
});

function writer(ctx: Context) {
  const c = ctx.chain();
  if (!c.walletClient) throw new CliError('no server key loaded', EXIT.usage);
  return {
    clients: { publicClient: c.publicClient, walletClient: c.walletClient },
    address: c.contracts.subscriptions,
  };
}

export const planList: CommandSpec = {
  path: ['plan', 'list'],
  summary: 'list the plans on chain',
  examples: ['blockhost plan list', 'blockhost plan list --json'],
  json: true,
  async run(ctx) {
    const c = ctx.chain();
    const r = await listPlans(c.publicClient, { address: c.contracts.subscriptions });
    if (r.isErr()) throw chainFailure('reading plans', r.error);
    const rows = r.value.map(planView);
    ctx.out.data(rows);
    ctx.out.table(
      rows.map((p) => ({
        ...p,
        pricePerDayUsdCents: undefined,
        'usd/day': (Number(p.pricePerDayUsdCents) / 100).toFixed(2),
      })),
      ['id', 'name', 'usd/day', 'cores', 'memoryMiB', 'diskGiB', 'active'],
    );
    return EXIT.ok;
  },
};

export const planCreate: CommandSpec = {
  path: ['plan', 'create'],
  summary: 'create a plan (price and VM resources) with the server key',
  options: {
    ...PLAN_OPTIONS,
    'if-absent': {
      type: 'boolean',
      description:
        'create it only if no active plan with the same name, price and resources exists',
    },
  },
  examples: [
    'blockhost plan create --name small --price-cents 100 --cores 1 --memory 1024 --disk 20',
    'blockhost plan create --if-absent --name small --price-cents 100 --cores 1 --memory 1024 --disk 20',
  ],
  json: true,
  async run(ctx, _p, values) {
    const plan: PlanInput = {
      name: String(values.name ?? ''),
      pricePerDayUsdCents: price(values) ?? 0n,
      cores: int(values, 'cores', 1, 512) ?? 0,
      memoryMiB: int(values, 'memory', 64, 4_194_304) ?? 0,
      diskGiB: int(values, 'disk', 1, 65_536) ?? 0,
    };
    const missing = Object.keys(PLAN_OPTIONS).filter((k) => values[k] === undefined);
    if (missing.length)
      throw new UsageError(
        `missing ${missing.map((m) => `--${m}`).join(', ')}`,
        'see `blockhost plan create --help`',
      );
    if (plan.name.length === 0 || plan.name.length > 64)
      throw new UsageError('--name: expected 1 to 64 characters');
    const w = writer(ctx);
    const progress = ctx.progress(`creating plan ${plan.name}`);
    if (values['if-absent']) {
      const e = await ensurePlan(w.clients, { address: w.address, plan });
      if (e.isErr()) {
        progress.fail();
        throw chainFailure('creating the plan', e.error);
      }
      const { planId, created } = e.value;
      progress.done(created ? `plan ${planId} created` : `plan ${planId} exists`);
      ctx.out.data({ planId: planId.toString(), created });
      ctx.out.line(
        created ? `plan ${planId} created` : `plan ${planId} already exists; nothing changed`,
      );
      return EXIT.ok;
    }
    const r = await createPlan(w.clients, { address: w.address, plan });
    if (r.isErr()) {
      progress.fail();
      throw chainFailure('creating the plan', r.error);
    }
    progress.done(`plan ${r.value.planId} created`);
    ctx.out.data({ planId: r.value.planId.toString(), transactionHash: r.value.transactionHash });
    ctx.out.line(`plan ${r.value.planId} created (tx ${r.value.transactionHash})`);
    return EXIT.ok;
  },
};

export const planUpdate: CommandSpec = {
  path: ['plan', 'update'],
  summary:
    'change a plan; unspecified fields keep their value; --inactive stops new sales (renewals continue)',
  args: '<plan-id>',
  positionals: [1, 1],
  options: {
    ...PLAN_OPTIONS,
    active: { type: 'boolean', description: 'reopen the plan for new purchases' },
    inactive: { type: 'boolean', description: 'close the plan to new purchases' },
  },
  examples: ['blockhost plan update 1 --price-cents 120', 'blockhost plan update 2 --inactive'],
  json: true,
  async run(ctx, [idArg], values) {
    if (!idArg || !/^[0-9]+$/.test(idArg))
      throw new UsageError(`expected a plan id, got ${JSON.stringify(idArg ?? '')}`);
    if (values.active && values.inactive)
      throw new UsageError('--active and --inactive exclude each other');
    const c = ctx.chain();
    const current = await getPlan(c.publicClient, {
      address: c.contracts.subscriptions,
      planId: BigInt(idArg),
    });
    if (current.isErr()) throw chainFailure(`reading plan ${idArg}`, current.error);
    const p = current.value;
    const next = {
      name: values.name === undefined ? p.name : String(values.name),
      pricePerDayUsdCents: price(values) ?? p.pricePerDayUsdCents,
      cores: int(values, 'cores', 1, 512) ?? p.cores,
      memoryMiB: int(values, 'memory', 64, 4_194_304) ?? p.memoryMiB,
      diskGiB: int(values, 'disk', 1, 65_536) ?? p.diskGiB,
      active: values.inactive ? false : values.active ? true : p.active,
    };
    const w = writer(ctx);
    const r = await updatePlan(w.clients, { address: w.address, planId: p.id, plan: next });
    if (r.isErr()) throw chainFailure(`updating plan ${idArg}`, r.error);
    ctx.out.data({
      planId: p.id.toString(),
      transactionHash: r.value.transactionHash,
      plan: planView({ ...next, id: p.id }),
    });
    ctx.out.line(`plan ${p.id} updated (tx ${r.value.transactionHash})`);
    return EXIT.ok;
  },
};
