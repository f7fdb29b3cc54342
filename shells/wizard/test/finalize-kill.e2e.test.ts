/**
 * The finalize killed with SIGKILL at each step in turn (at its start, in
 * its middle where it has one, and after its effects but before they are
 * recorded), rerun each time: it ends complete with exactly one deployment
 * (two contract creations from the deployer), one plan, one token, one
 * template. A second finalize while one runs is refused by the lock.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listPlans } from '@blockhost/chain';
import { privateKeyToAddress } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FINALIZE_STEPS } from '../src/finalize/state.js';
import type { Settings } from '../src/settings.js';
import { startWorld, TSX, WIZARD_MAIN, type World } from './harness.js';

let world: World;
beforeAll(async () => {
  world = await startWorld();
}, 120_000);
afterAll(async () => {
  await world?.stop();
});

function finalize(killAt?: string): Promise<number | string> {
  const child = spawn(
    process.execPath,
    [...TSX, WIZARD_MAIN, 'finalize', '--layout', world.layoutFile, '--machine', world.machineFile],
    {
      env: { ...process.env, ...(killAt ? { BLOCKHOST_FINALIZE_KILL_AT: killAt } : {}) },
      stdio: 'ignore',
    },
  );
  return new Promise((r) => child.once('exit', (code, signal) => r(signal ?? code ?? -1)));
}

describe('finalize killed at every step', () => {
  it('resumes each time and creates everything exactly once', async () => {
    const deployer = world.anvil.accounts[0]!;
    const settings: Settings = {
      network: {
        bridge: 'vmbr0',
        cidr: '10.77.0.0/24',
        gateway: '10.77.0.1',
        rangeStart: '10.77.0.100',
        rangeEnd: '10.77.0.200',
        dns: ['10.77.0.1'],
        reserved: ['10.77.0.5'],
      },
      storage: {
        vmStorage: 'local-lvm',
        snippetsStorage: 'local',
        snippetsDir: '/var/lib/vz/snippets',
        importStorage: 'local',
      },
      chain: {
        chainId: world.anvil.chainId,
        rpcUrls: [world.anvil.rpcUrl],
        mode: 'new',
        deployer: deployer.address,
        admin: deployer.address,
        serverFundingWei: '50000000000000000',
        paymentTokens: [world.stablecoin],
        plan: { name: 'small', priceCents: '100', cores: 1, memoryMiB: 1024, diskGiB: 10 },
        graceDays: 7,
      },
      proxmox: {
        apiUrl: world.sim.url,
        fingerprint: world.sim.tls!.fingerprint256,
        nodes: ['pve1'],
        localNode: 'pve1',
        userid: 'blockhost@pve',
        tokenName: 'blockhost',
        roleId: 'BlockHost',
        pool: 'blockhost',
        template: {
          mode: 'build',
          vmid: 9000,
          name: 'blockhost-debian-13',
          imageUrl: world.imageUrl,
        },
      },
      ipv6: { mode: 'off' },
    };
    mkdirSync(world.layout.runDir, { recursive: true });
    writeFileSync(join(world.layout.runDir, 'settings.json'), JSON.stringify(settings), {
      mode: 0o600,
    });
    writeFileSync(join(world.layout.runDir, 'deployer.key'), `${deployer.privateKey}\n`, {
      mode: 0o600,
    });
    const startBlock = await world.anvil.clients(0).publicClient.getBlockNumber();

    const points = FINALIZE_STEPS.flatMap((s) => [
      `${s.id}:start`,
      ...(s.id === 'contracts' ? ['contracts:after-subscriptions'] : []),
      ...(s.id === 'proxmox-token' ? ['proxmox-token:after-create'] : []),
      `${s.id}:end`,
    ]);
    for (const p of points) {
      // Only points not yet passed can fire; a step already done is skipped on rerun.
      const exit = await finalize(p);
      const state = JSON.parse(readFileSync(join(world.layout.finalizeDir, 'state.json'), 'utf8'));
      const [step] = p.split(':');
      if (state.steps[step!].status !== 'done') expect(exit, p).toBe('SIGKILL');
    }
    expect(await finalize()).toBe(0);
    const state = JSON.parse(readFileSync(join(world.layout.finalizeDir, 'state.json'), 'utf8'));
    expect(FINALIZE_STEPS.map((s) => state.steps[s.id].status)).toEqual(
      FINALIZE_STEPS.map(() => 'done'),
    );

    // One deployment: two contract creations from the deployer since the start.
    const pub = world.anvil.clients(0).publicClient;
    const end = await pub.getBlockNumber();
    let creations = 0;
    for (let b = startBlock + 1n; b <= end; b++) {
      const block = await pub.getBlock({ blockNumber: b, includeTransactions: true });
      for (const tx of block.transactions)
        if (tx.from.toLowerCase() === deployer.address.toLowerCase() && tx.to === null) creations++;
    }
    expect(creations).toBe(2);
    const web3 = parse(readFileSync(join(world.layout.configDir, 'web3-defaults.yaml'), 'utf8'));
    const plans = (await listPlans(pub, { address: web3.contracts.subscriptions }))._unsafeUnwrap();
    expect(plans).toHaveLength(1);
    const access = world.sim.snapshot().access as unknown as {
      users: Record<string, { tokens?: Record<string, unknown> }>;
    };
    expect(Object.keys(access.users['blockhost@pve']?.tokens ?? {})).toEqual(['blockhost']);
    expect(world.sim.vms().filter((v) => v.template)).toHaveLength(1);
    const units = readFileSync(join(world.effectsDir, 'enabled-units'), 'utf8').trim().split('\n');
    expect(new Set(units)).toEqual(new Set(['blockhost-monitor.service', 'blockhost-gc.timer']));
    // The server key generated once and the contracts name it as operator.
    const key = readFileSync(world.layout.serverKeyFile, 'utf8').trim() as `0x${string}`;
    expect(state.data.serverAddress).toBe(privateKeyToAddress(key));
  }, 600_000);
});
