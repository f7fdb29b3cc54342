/**
 * The season's invariants, checked against the chain (the season's own fold) and the simulator;
 * the journal is only compared with them, never trusted.
 */
import { existsSync } from 'node:fs';
import { openDb } from '@blockhost/host';
import type { SimVmView } from '@blockhost/pve-sim';
import type { ChainTruth, TruthSubscription } from './truth.js';

export interface Problem {
  /** Stable key (kind + subject), to count a lasting problem once. */
  readonly key: string;
  readonly detail: string;
}

export interface CheckInput {
  readonly truth: ChainTruth;
  /** The deployment's VMs in the cluster (by tag), templates and foreign VMs excluded. */
  readonly vms: readonly SimVmView[];
  readonly dbPath: string;
  readonly graceSeconds: number;
  /** Chain seconds a suspension may be recorded late (one season step and some). */
  readonly toleranceSeconds: number;
  /** Subscriptions that had a VM at some earlier check (a VM gone early is a violation). */
  readonly hadVm: Set<bigint>;
  /** New subscriptions may wait for a VM (the node is at capacity). */
  readonly capacityShort: boolean;
}

export type Expectation = 'running' | 'suspended' | 'suspended-or-gone' | 'gone';

/** What the chain says a subscription's VM must be at `now`. */
export function expectation(
  s: TruthSubscription,
  now: number,
  grace: number,
  tolerance: number,
): Expectation {
  if (!s.cancelled && s.expiresAt > now) return 'running';
  const lapsed = s.cancelled ? Math.min(s.cancelledAt ?? s.expiresAt, s.expiresAt) : s.expiresAt;
  if (now < lapsed + grace) return 'suspended';
  if (now >= lapsed + grace + tolerance) return 'gone';
  return 'suspended-or-gone';
}

const subOf = (vm: SimVmView): bigint | null => {
  const t = vm.tags.find((x) => /^sub-\d+$/.test(x));
  return t ? BigInt(t.slice(4)) : null;
};

const ipOf = (vm: SimVmView): string | null =>
  /ip=([0-9.]+)\//.exec(String(vm.config.ipconfig0 ?? ''))?.[1] ?? null;

const walletOf = (vm: SimVmView): string | null => {
  for (const u of Object.values(vm.guest.users)) {
    const m = /wallet=(0x[0-9a-fA-F]{40})/.exec(u.gecos);
    if (m) return m[1]!.toLowerCase();
  }
  return null;
};

interface JournalView {
  subs: Map<string, { expires: number; cancelled: boolean; owner: string | null }>;
  vms: Map<string, { state: string; vmid: number | null }>;
  allocations: { vmid: Set<string>; ipv4: Set<string> };
  stuckJobs: { id: number; kind: string; sub: string; state: string; error: string | null }[];
}

function readJournal(path: string): JournalView | null {
  if (!existsSync(path)) return null;
  const db = openDb(path, { readonly: true });
  try {
    const subs = new Map<string, { expires: number; cancelled: boolean; owner: string | null }>();
    for (const r of db
      .prepare(
        `SELECT s.id, s.expires_at, s.cancelled, t.owner FROM subscriptions s
         LEFT JOIN tokens t ON t.subscription_id = s.id`,
      )
      .all() as { id: string; expires_at: number; cancelled: number; owner: string | null }[]) {
      subs.set(r.id, { expires: r.expires_at, cancelled: r.cancelled === 1, owner: r.owner });
    }
    const vms = new Map<string, { state: string; vmid: number | null }>();
    for (const r of db
      .prepare(
        `SELECT subscription_id, state, vmid FROM vms v WHERE generation =
           (SELECT MAX(generation) FROM vms w WHERE w.subscription_id = v.subscription_id)`,
      )
      .all() as { subscription_id: string; state: string; vmid: number | null }[]) {
      vms.set(r.subscription_id, { state: r.state, vmid: r.vmid });
    }
    const allocations = { vmid: new Set<string>(), ipv4: new Set<string>() };
    for (const r of db.prepare('SELECT kind, value FROM allocations').all() as {
      kind: 'vmid' | 'ipv4';
      value: string;
    }[]) {
      allocations[r.kind]?.add(r.value);
    }
    const stuckJobs = db
      .prepare(
        `SELECT id, kind, subscription_id AS sub, state, last_error AS error FROM jobs
         WHERE state IN ('failed', 'needs_operator') AND finished_at IS NOT NULL`,
      )
      .all() as JournalView['stuckJobs'];
    return { subs, vms, allocations, stuckJobs };
  } finally {
    db.close();
  }
}

/** Every invariant that does not hold now (empty: the daemon has caught up and all is well). */
export function checkInvariants(i: CheckInput): Problem[] {
  const out: Problem[] = [];
  const now = i.truth.headTime;
  const bySub = new Map<bigint, SimVmView[]>();
  for (const vm of i.vms) {
    const id = subOf(vm);
    if (id === null) {
      out.push({ key: `untagged:${vm.vmid}`, detail: `VM ${vm.vmid} has no sub- tag` });
      continue;
    }
    bySub.set(id, [...(bySub.get(id) ?? []), vm]);
  }
  // VMs whose subscription the chain does not have (reorged away, or never there).
  for (const [id, vms] of bySub) {
    if (!i.truth.subscriptions.has(id)) {
      out.push({
        key: `orphan:${id}`,
        detail: `subscription ${id} is not on chain but VM ${vms.map((v) => v.vmid)} is`,
      });
    }
  }
  // One NFT per subscription, ever.
  for (const s of i.truth.subscriptions.values()) {
    if (s.tokens.length > 1) {
      out.push({ key: `nfts:${s.id}`, detail: `subscription ${s.id} has NFTs ${s.tokens}` });
    }
  }
  for (const s of i.truth.subscriptions.values()) {
    const vms = bySub.get(s.id) ?? [];
    const want = expectation(s, now, i.graceSeconds, i.toleranceSeconds);
    if (vms.length > 1) {
      out.push({
        key: `dup:${s.id}`,
        detail: `subscription ${s.id} has VMs ${vms.map((v) => v.vmid)}`,
      });
      continue;
    }
    const vm = vms[0];
    if (vm) i.hadVm.add(s.id);
    switch (want) {
      case 'running': {
        if (!vm) {
          if (!i.capacityShort)
            out.push({ key: `missing:${s.id}`, detail: `paid subscription ${s.id} has no VM` });
          break;
        }
        if (vm.status !== 'running') {
          out.push({
            key: `not-running:${s.id}`,
            detail: `paid subscription ${s.id}: VM ${vm.vmid} is ${vm.status}`,
          });
          break;
        }
        const token = s.tokens[0];
        if (token === undefined) {
          out.push({ key: `no-nft:${s.id}`, detail: `subscription ${s.id} runs without an NFT` });
          break;
        }
        const owner = i.truth.owners.get(token)?.toLowerCase();
        const wallet = walletOf(vm);
        if (wallet !== owner) {
          out.push({
            key: `login:${s.id}`,
            detail: `VM ${vm.vmid} of subscription ${s.id} logs in ${wallet}, NFT ${token} is held by ${owner}`,
          });
        }
        break;
      }
      case 'suspended':
        if (vm?.status === 'running') {
          out.push({
            key: `running-unpaid:${s.id}`,
            detail: `unpaid subscription ${s.id}: VM ${vm.vmid} runs`,
          });
        } else if (!vm && i.hadVm.has(s.id)) {
          out.push({
            key: `destroyed-early:${s.id}`,
            detail: `subscription ${s.id}: VM gone before grace ended`,
          });
        }
        break;
      case 'suspended-or-gone':
        if (vm?.status === 'running') {
          out.push({
            key: `running-unpaid:${s.id}`,
            detail: `unpaid subscription ${s.id}: VM ${vm.vmid} runs`,
          });
        }
        break;
      case 'gone':
        if (vm) {
          out.push({
            key: `kept:${s.id}`,
            detail: `subscription ${s.id} past grace keeps VM ${vm.vmid} (${vm.status})`,
          });
        }
        break;
    }
  }
  // Addresses: no address used twice.
  const ips = new Map<string, number>();
  for (const vm of i.vms) {
    const ip = ipOf(vm);
    if (!ip) continue;
    const other = ips.get(ip);
    if (other !== undefined)
      out.push({ key: `ip-twice:${ip}`, detail: `${ip} used by VMs ${other} and ${vm.vmid}` });
    ips.set(ip, vm.vmid);
  }

  // The journal: what it holds equals what is in use; its view equals the truth.
  const j = readJournal(i.dbPath);
  if (!j) {
    out.push({ key: 'journal:absent', detail: 'no journal yet' });
    return out;
  }
  const vmids = new Set(i.vms.map((v) => String(v.vmid)));
  for (const v of vmids)
    if (!j.allocations.vmid.has(v))
      out.push({ key: `vmid-unheld:${v}`, detail: `VMID ${v} in use, not held` });
  for (const v of j.allocations.vmid)
    if (!vmids.has(v)) out.push({ key: `vmid-leak:${v}`, detail: `VMID ${v} held, no VM uses it` });
  for (const ip of ips.keys())
    if (!j.allocations.ipv4.has(ip))
      out.push({ key: `ip-unheld:${ip}`, detail: `${ip} in use, not held` });
  for (const ip of j.allocations.ipv4)
    if (!ips.has(ip)) out.push({ key: `ip-leak:${ip}`, detail: `${ip} held, no VM uses it` });
  for (const job of j.stuckJobs) {
    out.push({
      key: `job:${job.id}`,
      detail: `${job.kind} job ${job.id} of subscription ${job.sub} is ${job.state}: ${job.error}`,
    });
  }
  for (const s of i.truth.subscriptions.values()) {
    const id = String(s.id);
    const js = j.subs.get(id);
    if (!js) {
      out.push({ key: `journal-sub:${id}`, detail: `journal lacks subscription ${id}` });
      continue;
    }
    if (js.expires !== s.expiresAt || js.cancelled !== s.cancelled) {
      out.push({
        key: `journal-sub:${id}`,
        detail: `journal has subscription ${id} expiring ${js.expires}${js.cancelled ? ' cancelled' : ''}, chain ${s.expiresAt}${s.cancelled ? ' cancelled' : ''}`,
      });
    }
    const token = s.tokens[0];
    if (token !== undefined) {
      const owner = i.truth.owners.get(token)?.toLowerCase() ?? null;
      if (js.owner?.toLowerCase() !== owner) {
        out.push({
          key: `journal-owner:${id}`,
          detail: `journal: NFT of ${id} held by ${js.owner}, chain ${owner}`,
        });
      }
    }
    const vm = (bySub.get(s.id) ?? [])[0];
    const jv = j.vms.get(id);
    const journalState = jv && jv.state !== 'destroyed' ? jv.state : 'gone';
    const clusterState = !vm ? 'gone' : vm.status === 'running' ? 'running' : 'suspended';
    // Waiting for room: the journal's record is provisioning, the cluster has no VM yet.
    if (i.capacityShort && !vm && journalState === 'provisioning') continue;
    if (journalState !== clusterState || (vm && jv?.vmid !== vm.vmid)) {
      out.push({
        key: `journal-vm:${id}`,
        detail: `journal: subscription ${id} VM ${jv?.vmid ?? '-'} ${journalState}; cluster: ${vm?.vmid ?? '-'} ${clusterState}`,
      });
    }
  }
  return out;
}
