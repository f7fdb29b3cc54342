import type { VmState } from '@blockhost/core';
import { capStoredText } from './cap.js';
import type { Db } from './open.js';

export interface VmRow {
  id: number;
  subscriptionId: string;
  subscriptionKey: string;
  generation: number;
  state: VmState;
  node: string | null;
  vmid: number | null;
  name: string | null;
  ipv4: string | null;
  ipv6: string | null;
  suspendedAt: number | null;
  allowedWallet: string | null;
  failure: string | null;
  hold: boolean;
  createdAt: number;
  updatedAt: number;
}

interface Raw {
  id: number;
  subscription_id: string;
  subscription_key: string;
  generation: number;
  state: VmState;
  node: string | null;
  vmid: number | null;
  name: string | null;
  ipv4: string | null;
  ipv6: string | null;
  suspended_at: number | null;
  allowed_wallet: string | null;
  failure: string | null;
  hold: number;
  created_at: number;
  updated_at: number;
}

const toRow = (r: Raw): VmRow => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  subscriptionKey: r.subscription_key,
  generation: r.generation,
  state: r.state,
  node: r.node,
  vmid: r.vmid,
  name: r.name,
  ipv4: r.ipv4,
  ipv6: r.ipv6,
  suspendedAt: r.suspended_at,
  allowedWallet: r.allowed_wallet,
  failure: r.failure,
  hold: r.hold === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The newest VM record of every subscription. */
export function latestVms(db: Db): VmRow[] {
  const rows = db
    .prepare(
      `SELECT v.* FROM vms v
       JOIN (SELECT subscription_id, MAX(generation) AS g FROM vms GROUP BY subscription_id) n
         ON n.subscription_id = v.subscription_id AND n.g = v.generation`,
    )
    .all() as Raw[];
  return rows.map(toRow);
}

export function getVm(db: Db, id: number): VmRow | null {
  const r = db.prepare('SELECT * FROM vms WHERE id = ?').get(id) as Raw | undefined;
  return r ? toRow(r) : null;
}

export function latestVmOf(db: Db, subscriptionId: string): VmRow | null {
  const r = db
    .prepare('SELECT * FROM vms WHERE subscription_id = ? ORDER BY generation DESC LIMIT 1')
    .get(subscriptionId) as Raw | undefined;
  return r ? toRow(r) : null;
}

export function findVmByVmid(db: Db, vmid: number): VmRow | null {
  const r = db
    .prepare("SELECT * FROM vms WHERE vmid = ? AND state <> 'destroyed' ORDER BY id DESC LIMIT 1")
    .get(vmid) as Raw | undefined;
  return r ? toRow(r) : null;
}

/** Starts a new generation for a subscription (first VM, or one after a destroy). */
export function createVm(
  db: Db,
  subscriptionId: string,
  subscriptionKey: string,
  allowedWallet: string,
  now: number,
): VmRow {
  const prev = latestVmOf(db, subscriptionId);
  const generation = (prev?.generation ?? 0) + 1;
  const r = db
    .prepare(
      `INSERT INTO vms (subscription_id, subscription_key, generation, state, allowed_wallet, created_at, updated_at)
       VALUES (?, ?, ?, 'provisioning', ?, ?, ?) RETURNING *`,
    )
    .get(subscriptionId, subscriptionKey, generation, allowedWallet, now, now) as Raw;
  return toRow(r);
}

export type VmPatch = Partial<
  Pick<
    VmRow,
    | 'state'
    | 'node'
    | 'vmid'
    | 'name'
    | 'ipv4'
    | 'ipv6'
    | 'suspendedAt'
    | 'allowedWallet'
    | 'failure'
    | 'hold'
  >
>;

const COLUMNS: Record<keyof VmPatch, string> = {
  state: 'state',
  node: 'node',
  vmid: 'vmid',
  name: 'name',
  ipv4: 'ipv4',
  ipv6: 'ipv6',
  suspendedAt: 'suspended_at',
  allowedWallet: 'allowed_wallet',
  failure: 'failure',
  hold: 'hold',
};

export function updateVm(db: Db, id: number, patch: VmPatch, now: number): void {
  const keys = Object.keys(patch) as (keyof VmPatch)[];
  if (keys.length === 0) return;
  const sets = keys.map((k) => `${COLUMNS[k]} = @${k}`).join(', ');
  const values = {
    ...patch,
    hold: patch.hold === undefined ? undefined : patch.hold ? 1 : 0,
    ...(patch.failure !== undefined ? { failure: capStoredText(patch.failure) } : {}),
  };
  db.prepare(`UPDATE vms SET ${sets}, updated_at = @now WHERE id = @id`).run({
    ...values,
    id,
    now,
  });
}

export function listVms(db: Db, options: { includeDestroyed?: boolean } = {}): VmRow[] {
  const where = options.includeDestroyed ? '' : "WHERE state <> 'destroyed'";
  return (db.prepare(`SELECT * FROM vms ${where} ORDER BY id`).all() as Raw[]).map(toRow);
}

export function countVmsByState(db: Db): Record<VmState, number> {
  const out: Record<VmState, number> = {
    provisioning: 0,
    running: 0,
    suspended: 0,
    destroyed: 0,
    failed: 0,
  };
  for (const v of latestVms(db)) out[v.state]++;
  return out;
}
