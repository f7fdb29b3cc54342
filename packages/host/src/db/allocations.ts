import type { Db } from './open.js';

export type AllocationKind = 'vmid' | 'ipv4' | 'ipv6';

/** Values held by any VM that is not yet really gone. */
export function takenValues(db: Db, kind: AllocationKind): string[] {
  return (
    db.prepare('SELECT value FROM allocations WHERE kind = ?').all(kind) as { value: string }[]
  ).map((r) => r.value);
}

export function allocationsOf(db: Db, vmId: number): Partial<Record<AllocationKind, string>> {
  const out: Partial<Record<AllocationKind, string>> = {};
  for (const r of db.prepare('SELECT kind, value FROM allocations WHERE vm_id = ?').all(vmId) as {
    kind: AllocationKind;
    value: string;
  }[]) {
    out[r.kind] = r.value;
  }
  return out;
}

/** Records an allocation before it is used; the primary key refuses a double allocation. */
export function recordAllocation(db: Db, vmId: number, kind: AllocationKind, value: string): void {
  db.prepare('INSERT INTO allocations (kind, value, vm_id) VALUES (?, ?, ?)').run(
    kind,
    value,
    vmId,
  );
}

/** Releases a VM's allocations; only called once the VM is really gone. */
export function releaseAllocations(db: Db, vmId: number): number {
  return db.prepare('DELETE FROM allocations WHERE vm_id = ?').run(vmId).changes;
}

export function countAllocations(db: Db): Record<AllocationKind, number> {
  const out: Record<AllocationKind, number> = { vmid: 0, ipv4: 0, ipv6: 0 };
  for (const r of db.prepare('SELECT kind, COUNT(*) AS n FROM allocations GROUP BY kind').all() as {
    kind: AllocationKind;
    n: number;
  }[]) {
    out[r.kind] = r.n;
  }
  return out;
}
