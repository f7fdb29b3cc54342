import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAllocation } from '../db/allocations.js';
import { type Db, openDb } from '../db/open.js';
import { createVm, getVm, updateVm } from '../db/vms.js';
import type { ClusterInventory } from '../jobs/ports.js';
import { recoverFromCluster } from './recover.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bh-recover-'));
  db = openDb(join(dir, 'journal.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const empty: ClusterInventory = {
  deployment: [],
  addresses: { ipv4: new Set(), ipv6: new Set() },
};
const deployment = {
  chainId: 31337,
  contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
} as const;

/** A running VM record of subscription `sub` at `vmid`, last changed at `at`. */
function runningVm(sub: string, vmid: number, at: number) {
  const vm = createVm(db, sub, `key-${sub}`, '0xabc', at);
  updateVm(db, vm.id, { state: 'running', node: 'pve1', vmid, ipv4: `10.0.0.${vmid % 200}` }, at);
  recordAllocation(db, vm.id, 'vmid', String(vmid));
  return vm.id;
}

describe('recovery while jobs go on', () => {
  it('leaves a VM the journal recorded while the cluster was being read; a VM gone before is released', async () => {
    let clock = 1_000;
    const old = runningVm('1', 10001, 500);
    let fresh = -1;
    const r = await recoverFromCluster({
      db,
      deployment,
      now: () => clock,
      blockTime: async () => null,
      // The cluster is read (without either VM); meanwhile a provision of subscription 2 finishes.
      inspect: async () => {
        clock = 1_500;
        fresh = runningVm('2', 10002, 1_400);
        return { ok: true, value: empty };
      },
    });
    expect(r.ok).toBe(true);
    // The newer record is not judged by the older picture of the cluster …
    expect(getVm(db, fresh)?.state).toBe('running');
    // … while a record that was there before the cluster was read and is not in it is gone.
    expect(getVm(db, old)?.state).toBe('destroyed');
  });
});
