import {
  ACTIVE_JOB_STATES,
  enqueueJob,
  FIRST_STEP,
  getCursor,
  getSubscription,
  type JobKind,
  type JobRow,
  latestVmOf,
  latestVms,
  listJobs,
  updateVm,
  type VmRow,
} from '@blockhost/host';
import type { Context } from '../context.js';
import type { CommandSpec } from '../framework/command.js';
import { CliError, EXIT, UsageError } from '../framework/errors.js';
import { confirm } from '../framework/prompt.js';
import { jobHint, runJobs } from '../run-jobs.js';

function activeJob(ctx: Context, subscriptionId: string): JobRow | null {
  return (
    listJobs(ctx.db(), { states: ACTIVE_JOB_STATES }).find(
      (j) => j.subscriptionId === subscriptionId,
    ) ?? null
  );
}

/** The stable JSON shape of a VM (documented in the CLI README). */
export function vmView(ctx: Context, v: VmRow) {
  const job = activeJob(ctx, v.subscriptionId);
  return {
    subscriptionId: v.subscriptionId,
    generation: v.generation,
    state: v.state,
    vmid: v.vmid,
    node: v.node,
    name: v.name,
    ipv4: v.ipv4,
    ipv6: v.ipv6,
    allowedWallet: v.allowedWallet,
    hold: v.hold,
    suspendedAt: v.suspendedAt,
    failure: v.failure,
    job: job
      ? { id: job.id, kind: job.kind, state: job.state, step: job.step, lastError: job.lastError }
      : null,
  };
}

function subscriptionArg(arg: string | undefined): string {
  if (!arg || !/^[0-9]+$/.test(arg))
    throw new UsageError(`expected a subscription id (a number), got ${JSON.stringify(arg ?? '')}`);
  return BigInt(arg).toString();
}

function findVm(ctx: Context, arg: string | undefined): VmRow {
  const id = subscriptionArg(arg);
  const vm = latestVmOf(ctx.db(), id);
  if (!vm)
    throw new CliError(`no VM for subscription ${id}`, EXIT.failed, 'see `blockhost vm list`');
  return vm;
}

export const vmList: CommandSpec = {
  path: ['vm', 'list'],
  summary: 'list VMs (newest per subscription) with state, address and any job under way',
  options: { all: { type: 'boolean', description: 'include destroyed VMs' } },
  examples: ['blockhost vm list', 'blockhost vm list --all --json'],
  json: true,
  async run(ctx, _p, values) {
    const rows = latestVms(ctx.db())
      .filter((v) => values.all || v.state !== 'destroyed')
      .sort((a, b) => (BigInt(a.subscriptionId) < BigInt(b.subscriptionId) ? -1 : 1))
      .map((v) => vmView(ctx, v));
    ctx.out.data(rows);
    ctx.out.table(
      rows.map((r) => ({
        sub: r.subscriptionId,
        vmid: r.vmid,
        node: r.node,
        state: r.hold ? `${r.state} (held)` : r.state,
        ipv4: r.ipv4,
        wallet: r.allowedWallet,
        job: r.job ? `${r.job.kind}:${r.job.state}` : null,
      })),
    );
    return EXIT.ok;
  },
};

export const vmShow: CommandSpec = {
  path: ['vm', 'show'],
  summary: "show one subscription's VM",
  args: '<subscription-id>',
  positionals: [1, 1],
  examples: ['blockhost vm show 7'],
  json: true,
  async run(ctx, [id]) {
    const view = vmView(ctx, findVm(ctx, id));
    ctx.out.data(view);
    ctx.out.fields({
      ...view,
      job: view.job
        ? `${view.job.kind} ${view.job.state} at ${view.job.step}${view.job.lastError ? ` (${view.job.lastError})` : ''}`
        : null,
    });
    return EXIT.ok;
  },
};

async function operate(
  ctx: Context,
  arg: string | undefined,
  kind: Extract<JobKind, 'suspend' | 'resume' | 'destroy'>,
): Promise<number> {
  const db = ctx.db();
  const vm = findVm(ctx, arg);
  const sub = getSubscription(db, vm.subscriptionId);
  const chainNow = getCursor(db)?.blockTimestamp ?? Math.floor(Date.now() / 1000);
  const paid = sub !== null && !sub.cancelled && sub.expiresAt > chainNow;
  const allowed: Record<typeof kind, VmRow['state'][]> = {
    suspend: ['running'],
    resume: ['suspended'],
    destroy: ['running', 'suspended', 'failed', 'provisioning'],
  };
  if (!allowed[kind].includes(vm.state)) {
    throw new CliError(
      `subscription ${vm.subscriptionId}'s VM is ${vm.state}; cannot ${kind} it`,
      EXIT.failed,
    );
  }
  const busy = activeJob(ctx, vm.subscriptionId);
  if (busy) {
    throw new CliError(
      `subscription ${vm.subscriptionId} already has a ${busy.kind} job (${busy.state})`,
      EXIT.failed,
      busy.state === 'needs_operator'
        ? `its last error: ${busy.lastError}; ${jobHint(busy)}`
        : `wait for it to finish (\`blockhost job show ${busy.id}\`)`,
    );
  }
  if (kind === 'destroy') {
    const warning = paid
      ? ' The subscription is still paid: the VM will be held and not re-created.'
      : '';
    await confirm(
      `Destroy VM ${vm.vmid} of subscription ${vm.subscriptionId} and its disks?${warning}`,
      {
        yes: ctx.yes,
        stdin: ctx.stdin,
        stderr: ctx.stderr,
      },
    );
  }
  const now = Date.now();
  const payload: Record<string, unknown> =
    kind === 'suspend'
      ? { reason: 'operator', mode: ctx.config().db.suspend_mode }
      : { reason: 'operator' };
  const job = db
    .transaction(() => {
      // An operator's suspend or destroy holds the VM so the lifecycle does not undo it; resume releases it.
      updateVm(db, vm.id, { hold: kind !== 'resume' }, now);
      return enqueueJob(
        db,
        { subscriptionId: vm.subscriptionId, vmId: vm.id, kind, step: FIRST_STEP[kind], payload },
        now,
      );
    })
    .immediate();
  if (!job)
    throw new CliError(
      `subscription ${vm.subscriptionId} got a job meanwhile; try again`,
      EXIT.failed,
    );
  const r = await runJobs(ctx, [job.id]);
  if (r.by === 'daemon') {
    ctx.out.data({ job: job.id, queued: true, runBy: 'daemon', state: 'queued', error: null });
    ctx.out.line(
      `${kind} of subscription ${vm.subscriptionId} queued as job ${job.id}; blockhostd runs it`,
    );
    return EXIT.ok;
  }
  const done = r.jobs[0]!;
  ctx.out.data({
    job: done.id,
    queued: false,
    runBy: 'cli',
    state: done.state,
    error: done.lastError,
  });
  if (done.state !== 'done') {
    throw new CliError(
      `${kind} of subscription ${vm.subscriptionId} did not complete (job ${done.id} ${done.state.replace('_', ' ')}): ${done.lastError}`,
      EXIT.failed,
      jobHint(done),
    );
  }
  ctx.out.line(`${kind} of subscription ${vm.subscriptionId} (VM ${vm.vmid}) done`);
  return EXIT.ok;
}

export const vmSuspend: CommandSpec = {
  path: ['vm', 'suspend'],
  summary: 'shut a VM down and hold it (the lifecycle will not resume it until `vm resume`)',
  args: '<subscription-id>',
  positionals: [1, 1],
  examples: ['blockhost vm suspend 7'],
  json: true,
  run: (ctx, [id]) => operate(ctx, id, 'suspend'),
};

export const vmResume: CommandSpec = {
  path: ['vm', 'resume'],
  summary: 'start a suspended VM and release an operator hold',
  args: '<subscription-id>',
  positionals: [1, 1],
  examples: ['blockhost vm resume 7'],
  json: true,
  run: (ctx, [id]) => operate(ctx, id, 'resume'),
};

export const vmDestroy: CommandSpec = {
  path: ['vm', 'destroy'],
  summary: 'stop and delete a VM with its disks (asks first; --yes in scripts)',
  args: '<subscription-id>',
  positionals: [1, 1],
  examples: ['blockhost vm destroy 7', 'blockhost vm destroy 7 --yes'],
  json: true,
  run: (ctx, [id]) => operate(ctx, id, 'destroy'),
};
