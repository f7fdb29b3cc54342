/**
 * The manual prefix through the journal, under random allocate/free sequences: an address is
 * never handed to two VMs at once (the allocations table's key would refuse it), stays in
 * prefix+2 … prefix+254, runs out only when all 253 are held, and the host's routes
 * (network.json's `vms`) are exactly the held addresses.
 */

import { parseIpv6 } from '@blockhost/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordAllocation, releaseAllocations } from '../../src/db/allocations.js';
import { createVm } from '../../src/db/vms.js';
import { allocateVmIpv6, desiredIpv6Network, openDb } from '../../src/index.js';
import { buildHostConfig } from './fixture.js';

const config = buildHostConfig({
  dir: '/nonexistent',
  ipv6: 'ipv6: { mode: manual, prefix: "2001:db8:9::100/120" }',
});
const lo = parseIpv6('2001:db8:9::102')._unsafeUnwrap();
const hi = parseIpv6('2001:db8:9::1fe')._unsafeUnwrap();

describe('IPv6 allocation in the journal (property)', () => {
  it('never hands one address to two VMs, and the routes follow the held addresses', () => {
    const stats = { exhausted: 0 };
    const op = fc.oneof(
      { weight: 4, arbitrary: fc.constant({ kind: 'allocate' as const }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('free' as const), pick: fc.nat() }) },
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 600, size: 'max' }), (ops) => {
        const db = openDb(':memory:');
        try {
          const held = new Map<number, string>();
          let exhausted = 0;
          let sub = 0;
          for (const o of ops) {
            if (o.kind === 'free') {
              const ids = [...held.keys()];
              if (ids.length === 0) continue;
              const id = ids[o.pick % ids.length]!;
              releaseAllocations(db, id);
              held.delete(id);
              continue;
            }
            const address = allocateVmIpv6(db, config);
            if (address === null) {
              expect(held.size).toBe(253);
              exhausted++;
              continue;
            }
            const a = parseIpv6(address)._unsafeUnwrap();
            expect(a >= lo && a <= hi).toBe(true);
            const vm = createVm(
              db,
              String(++sub),
              'k',
              '0x0000000000000000000000000000000000000001',
              0,
            );
            recordAllocation(db, vm.id, 'ipv6', address); // throws on a double allocation
            held.set(vm.id, address);
          }
          expect(new Set(held.values()).size).toBe(held.size);
          stats.exhausted += exhausted > 0 ? 1 : 0;
          expect([...(desiredIpv6Network(db, config)?.vms ?? [])].sort()).toEqual(
            [...held.values()].sort(),
          );
        } finally {
          db.close();
        }
      }),
      // One sequence that surely fills the prefix, beside the random ones (which did in ~97 % of
      // runs: the check below failed a CI run now and then).
      {
        numRuns: 10,
        examples: [[Array.from({ length: 300 }, () => ({ kind: 'allocate' as const }))]],
      },
    );
    // Some sequences fill the prefix: exhaustion was exercised, not only assumed.
    expect(stats.exhausted).toBeGreaterThan(0);
  });
});
