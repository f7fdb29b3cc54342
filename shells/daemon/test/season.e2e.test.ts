/**
 * The zero-touch season, CI-sized (issue 18): blockhostd as its own process (the shipped bundle)
 * on anvil + the Proxmox simulator, 100 seeded customers over 30 days of chain time (6 h per
 * step), every kind of fault along the way (RPC drops and errors, failed Proxmox tasks and 5xx
 * answers, the node at capacity, SIGKILLs, simulator restarts, small reorgs, the journal deleted
 * once, the host replaced once) and nobody touching it. After every step the invariants are
 * checked against the chain and the simulator; none may stay broken past the catch-up bound.
 * The full season (1,000 customers, 90 days) is `npm run bench -- season`.
 */
import { runSeason } from '@blockhost/devstack';
import { describe, expect, it } from 'vitest';

describe('a zero-touch season', () => {
  it(
    '100 customers, 30 days, faults on: every invariant holds',
    async () => {
      const report = await runSeason({
        customers: 100,
        days: 30,
        seed: 20261206,
        artifactsDir: '.tmp/artifacts/season',
        log: (line) => console.log(`season: ${line}`),
      });
      console.log(`season report: ${JSON.stringify(report, null, 2)}`);
      expect(report.violations).toEqual({ count: 0, first: [] });
      // The season did what it says: every customer behaviour and every fault happened.
      for (const e of [
        'buy (stablecoin)',
        'buy (native)',
        'renew before expiry',
        'renew in grace',
        'renew after destroy',
        'cancel',
        'transfer the NFT',
        'gift a renewal',
        'operator changes a price',
        'operator withdraws a plan',
      ])
        expect(report.events[e], e).toBeGreaterThan(0);
      for (const f of [
        'rpcDrop windows',
        'rpcError windows',
        'pveTasks windows',
        'pve5xx windows',
        'capacity windows',
        'daemon SIGKILLs',
        'simulator restarts',
        'reorgs',
        'journal deleted',
        'host replaced',
        'RPC requests dropped',
        'RPC requests answered with an error',
        'PVE tasks failed',
      ])
        expect(report.faults[f], f).toBeGreaterThan(0);
      expect(report.vms.created).toBeGreaterThan(90);
      expect(report.vms.suspended).toBeGreaterThan(0);
      expect(report.vms.resumed).toBeGreaterThan(0);
      expect(report.vms.destroyed).toBeGreaterThan(0);
    },
    30 * 60_000,
  );
});
