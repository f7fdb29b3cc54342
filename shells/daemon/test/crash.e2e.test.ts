/**
 * Exactly-once under crashes: blockhostd is killed with SIGKILL at a random
 * moment while 5 subscriptions are being provisioned, and restarted. Every run
 * must end with exactly one running VM and one NFT per subscription, and no
 * VMID or address held that is not in use (and none in use that is not held).
 *
 * BLOCKHOST_CRASH_RUNS sets the number of runs (default 20; more for a soak).
 */
import { join } from 'node:path';
import { getTokenCount } from '@blockhost/chain';
import { seededRandom } from '@blockhost/core';
import {
  bundleDaemon,
  type DaemonProcess,
  type DevStack,
  freePort,
  spawnDaemon,
  startDevStack,
  waitFor,
} from '@blockhost/devstack';
import { openDb } from '@blockhost/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const RUNS = Number(process.env.BLOCKHOST_CRASH_RUNS ?? 20);
const SUBS_PER_RUN = 5;
let stack: DevStack;
let entry: string;
let listen: string;
let daemon: DaemonProcess | null = null;

beforeAll(async () => {
  listen = `127.0.0.1:${await freePort()}`;
  [stack, entry] = await Promise.all([
    startDevStack({
      listen,
      sim: { taskMs: 20, bootMs: 150 },
      blockhost:
        'daemon: { reconcile_interval_ms: 300, retry_base_ms: 50, retry_max_ms: 500, max_attempts: 50 }',
    }),
    bundleDaemon(),
  ]);
}, 120_000);

afterAll(async () => {
  if (daemon) {
    daemon.kill('SIGKILL');
    await daemon.exited;
  }
  await stack?.stop();
});

const start = () =>
  spawnDaemon({
    configDir: stack.configDir,
    listen,
    logFile: join(stack.dir, 'blockhostd.log'),
    entry,
  });

describe('blockhostd under SIGKILL', () => {
  it(
    `keeps exactly-once provisioning and minting over ${RUNS} random crashes`,
    async () => {
      // Deterministic kill moments, so a failing run can be replayed.
      const random = seededRandom(20261126);
      const customer = await stack.customer(3);
      const all: bigint[] = [];
      const killedAt: string[] = [];
      for (let run = 0; run < RUNS; run++) {
        daemon = await start();
        const subs: bigint[] = [];
        for (let i = 0; i < SUBS_PER_RUN; i++)
          subs.push((await customer.buy(stack.planId, 30)).subscriptionId);
        all.push(...subs);
        const delay = Math.floor(random() * 1800);
        await new Promise((r) => setTimeout(r, delay));
        daemon.kill('SIGKILL');
        expect(await daemon.exited).toBe('SIGKILL');

        // Where did the kill land? (for the record: provisioning must have been under way sometimes)
        const peek = openDb(stack.dbPath, { readonly: true });
        const steps = peek
          .prepare("SELECT step, state FROM jobs WHERE kind = 'provision' AND state <> 'done'")
          .all() as {
          step: string;
        }[];
        peek.close();
        killedAt.push(`${delay}ms:${steps.map((s) => s.step).join('/') || 'idle'}`);

        daemon = await start();
        await waitFor(
          `run ${run}: every subscription running with its NFT`,
          async () => {
            for (const id of subs) {
              const vms = stack.sim.vms().filter((v) => v.tags.includes(`sub-${id}`));
              if (vms.length !== 1 || vms[0]!.status !== 'running') return false;
              if ((await customer.tokenOf(id)) === null) return false;
            }
            return true;
          },
          60_000,
        );
        daemon.kill('SIGTERM');
        expect(await daemon.exited).toBe(0);
        daemon = null;

        // Exactly one VM per subscription so far, exactly one NFT each.
        const vms = stack.sim.vms().filter((v) => !v.template);
        expect(vms).toHaveLength(all.length);
        for (const id of all)
          expect(vms.filter((v) => v.tags.includes(`sub-${id}`))).toHaveLength(1);
        const supply = await getTokenCount(stack.anvil.publicClient, {
          address: stack.contracts.nft,
        });
        expect(supply._unsafeUnwrap()).toBe(BigInt(all.length));
        const tokens = await Promise.all(all.map((id) => customer.tokenOf(id)));
        expect(new Set(tokens.map(String)).size).toBe(all.length);

        // No leaked or missing allocations: held VMIDs are exactly the VMs that exist.
        const db = openDb(stack.dbPath, { readonly: true });
        const held = db.prepare("SELECT value FROM allocations WHERE kind = 'vmid'").all() as {
          value: string;
        }[];
        const ips = db.prepare("SELECT value FROM allocations WHERE kind = 'ipv4'").all() as {
          value: string;
        }[];
        db.close();
        expect(held.map((h) => Number(h.value)).sort()).toEqual(vms.map((v) => v.vmid).sort());
        expect(new Set(ips.map((i) => i.value)).size).toBe(all.length);
        expect(ips).toHaveLength(all.length);
      }
      // The kills must have hit provisioning in flight, not only idle moments.
      expect(killedAt.filter((k) => !k.endsWith('idle')).length).toBeGreaterThan(RUNS / 4);
      console.log(`SIGKILL moments (delay:steps in flight): ${killedAt.join(' ')}`);
    },
    40 * 60_000,
  );
});
