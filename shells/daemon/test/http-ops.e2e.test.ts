/**
 * The daemon's operational surface: /healthz, /readyz (chain, Proxmox,
 * cursor), /metrics in Prometheus text format, NFT transfers followed into
 * the VM's login user, and JSON logs that never carry a secret.
 */
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { accessCredentialNftAbi } from '@blockhost/chain';
import { type DevStack, settledRunning, startDevStack, waitFor } from '@blockhost/devstack';
import { createDefaultPorts, createLogger } from '@blockhost/host';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Daemon, startDaemon } from '../src/engine.js';

let stack: DevStack;
let daemon: Daemon;
const logLines: string[] = [];

beforeAll(async () => {
  stack = await startDevStack({
    blockhost: 'daemon: { reconcile_interval_ms: 200, retry_base_ms: 20 }',
  });
  const sink = new Writable({
    write(chunk, _enc, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  daemon = await startDaemon({
    configDir: stack.configDir,
    log: createLogger({ level: 'debug', destination: sink }),
    ports: createDefaultPorts,
  });
}, 60_000);

afterAll(async () => {
  await daemon?.stop();
  await stack?.stop();
});

describe('HTTP surface', () => {
  it('answers /healthz, /readyz and /metrics', async () => {
    const alice = await stack.customer(3);
    const { subscriptionId } = await alice.buy(stack.planId, 10);
    await waitFor('provisioning', () => settledRunning(daemon.db, subscriptionId));

    const health = await fetch(`${daemon.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok\n');

    const ready = await waitFor('readiness', async () => {
      const r = await fetch(`${daemon.url}/readyz`);
      return r.status === 200
        ? ((await r.json()) as { ready: boolean; checks: { name: string; ok: boolean }[] })
        : undefined;
    });
    expect(ready.ready).toBe(true);
    expect(ready.checks.map((c) => c.name)).toEqual([
      'chain',
      'proxmox',
      'clock',
      'recovery',
      'cursor',
    ]);

    const res = await fetch(`${daemon.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    const text = await res.text();
    expect(text).toMatch(/^# TYPE blockhost_chain_events_total counter$/m);
    expect(text).toMatch(/^blockhost_chain_events_total\{name="SubscriptionCreated"\} 1$/m);
    expect(text).toMatch(/^blockhost_jobs\{state="done"\} 1$/m);
    expect(text).toMatch(/^blockhost_vms\{state="running"\} 1$/m);
    expect(text).toMatch(/^blockhost_provision_duration_seconds_count 1$/m);
    expect(text).toMatch(/^blockhost_provision_duration_seconds_bucket\{le="\+Inf"\} 1$/m);
    expect(text).toMatch(/^blockhost_chain_cursor_lag_blocks 0$/m);
    expect(text).toMatch(/^blockhost_rpc_errors_total\{source="scanner"\} 0$/m);
    expect(text).toMatch(/^blockhost_allocations\{kind="ipv4"\} 1$/m);

    expect((await fetch(`${daemon.url}/nope`)).status).toBe(404);
    expect((await fetch(`${daemon.url}/metrics`, { method: 'POST' })).status).toBe(405);
  });

  it('reports not ready while Proxmox is unreachable, and ready again after', async () => {
    stack.sim.faults.errorRate({ rate: 1, statuses: [503] });
    const down = await waitFor('not ready', async () => {
      const r = await fetch(`${daemon.url}/readyz`);
      return r.status === 503
        ? ((await r.json()) as { checks: { name: string; ok: boolean; detail: string }[] })
        : undefined;
    });
    const pve = down.checks.find((c) => c.name === 'proxmox')!;
    expect(pve.ok).toBe(false);
    // Generic: the status, not the upstream's text (that is in the log and `blockhost doctor`).
    expect(pve.detail).toBe('Proxmox API request failed (HTTP 503)');
    expect(logLines.some((l) => l.includes('Proxmox API check failed') && l.includes('503'))).toBe(
      true,
    );
    expect((await fetch(`${daemon.url}/healthz`)).status).toBe(200); // alive, just not ready
    stack.sim.faults.errorRate(null);
    await waitFor('ready again', async () => (await fetch(`${daemon.url}/readyz`)).status === 200);
  });
});

describe('NFT transfers', () => {
  it('moves the VM login to the new owner', async () => {
    const alice = await stack.customer(4);
    const bob = await stack.customer(5);
    const { subscriptionId } = await alice.buy(stack.planId, 10);
    const vm = await waitFor('provisioning', () => settledRunning(daemon.db, subscriptionId));
    const tokenId = (await alice.tokenOf(subscriptionId))!;
    expect(stack.sim.vm(vm.vmid!)?.guest.users.user?.gecos).toBe(
      `wallet=${alice.address},nft=${tokenId}`,
    );

    const wallet = stack.anvil.walletClient(4);
    const hash = await wallet.writeContract({
      address: stack.contracts.nft,
      abi: accessCredentialNftAbi,
      functionName: 'transferFrom',
      args: [alice.address, bob.address, tokenId],
    });
    await stack.anvil.publicClient.waitForTransactionReceipt({ hash });

    await waitFor(
      'the new owner in GECOS',
      () =>
        stack.sim.vm(vm.vmid!)?.guest.users.user?.gecos === `wallet=${bob.address},nft=${tokenId}`,
    );
    await waitFor(
      'the VM record',
      () => settledRunning(daemon.db, subscriptionId)?.allowedWallet === bob.address,
    );
    const execs = stack.sim.agentLog(vm.vmid!).execs.map((e) => e.command.join(' '));
    expect(execs.some((c) => c.includes(bob.address))).toBe(true);
  });
});

describe('logs', () => {
  it('are one JSON object per line and never carry a secret', () => {
    expect(logLines.length).toBeGreaterThan(5);
    for (const l of logLines) expect(() => JSON.parse(l)).not.toThrow();
    const key = readFileSync(`${stack.configDir}/secrets/server.key`, 'utf8').trim();
    const token = readFileSync(`${stack.configDir}/secrets/pve-token`, 'utf8').trim();
    const all = logLines.join('\n');
    expect(all).not.toContain(key.slice(2));
    expect(all).not.toContain(token);
  });
});
