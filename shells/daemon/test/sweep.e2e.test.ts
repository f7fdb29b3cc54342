/**
 * The state sweep repairs a journal that lost an event (a restored backup, a
 * bad disk): the subscription's own events are fetched again by topic and
 * folded, so the lifecycle works from the chain's truth.
 */

import {
  type DevStack,
  settledRunning,
  startDevStack,
  startStackDaemon,
  waitFor,
} from '@blockhost/devstack';
import { emptyAffected, getSubscription, openDb, refold } from '@blockhost/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let stack: DevStack;
beforeAll(async () => {
  stack = await startDevStack({
    blockhost: 'daemon: { reconcile_interval_ms: 200, sweep_interval_ms: 1000 }',
  });
}, 60_000);
afterAll(async () => {
  await stack?.stop();
});

describe('state sweep', () => {
  it('finds a lost extension and restores it from the chain', async () => {
    const alice = await stack.customer(3);
    let daemon = await startStackDaemon(stack);
    const { subscriptionId } = await alice.buy(stack.planId, 5);
    const extendedTo = await alice.extend(subscriptionId, 30);
    await waitFor('provisioning', () => settledRunning(daemon.db, subscriptionId));
    await waitFor(
      'the extension',
      () => getSubscription(daemon.db, subscriptionId.toString())?.expiresAt === extendedTo,
    );
    await stack.anvil.mine(300); // beyond the scanner's reorg window
    await daemon.stop();

    // The journal loses the extension event.
    const db = openDb(stack.dbPath);
    db.transaction(() => {
      db.prepare("DELETE FROM events WHERE name = 'SubscriptionExtended'").run();
      const a = emptyAffected();
      a.subscriptions.add(subscriptionId.toString());
      refold(db, a);
    })();
    expect(getSubscription(db, subscriptionId.toString())!.expiresAt).toBeLessThan(extendedTo);
    db.close();

    daemon = await startStackDaemon(stack);
    await waitFor(
      'the sweep to repair it',
      () => getSubscription(daemon.db, subscriptionId.toString())?.expiresAt === extendedTo,
    );
    const metrics = await (await fetch(`${daemon.url}/metrics`)).text();
    expect(metrics).toMatch(/^blockhost_state_sweep_repaired_events_total 1$/m);
    expect(
      (
        daemon.db
          .prepare("SELECT COUNT(*) AS n FROM events WHERE name = 'SubscriptionExtended'")
          .get() as { n: number }
      ).n,
    ).toBe(1);
    await daemon.stop();
  }, 120_000);
});

describe('start-up checks', () => {
  it('refuses an RPC that serves another chain than web3-defaults.yaml names', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const file = `${stack.configDir}/web3-defaults.yaml`;
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('chain_id: 31337', 'chain_id: 11155111'));
    try {
      await expect(startStackDaemon(stack)).rejects.toThrow(
        /web3-defaults\.yaml: chain_id: is 11155111, but the RPC \(http:\/\/127\.0\.0\.1:\d+\) serves chain 31337/,
      );
    } finally {
      writeFileSync(file, good);
    }
    // The refused start left nothing holding the journal: a good start works.
    const daemon = await startStackDaemon(stack);
    await daemon.stop();
  });
});
