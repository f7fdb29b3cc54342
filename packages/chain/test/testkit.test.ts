/**
 * The test kit itself: anvil comes up on a free port with funded keys, its helpers work, and it
 * never outlives its owner — not after stop(), not after the owning process is SIGKILLed.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  AnvilError,
  deployTestSmartWalletFactory,
  deployTestStablecoin,
  predictTestSmartWallet,
  startAnvil,
  testSmartWalletAbi,
  testSmartWalletDeployCall,
} from '@blockhost/chain/testkit';
import { keccak256, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';

async function answers(rpcUrl: string): Promise<boolean> {
  try {
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_chainId', params: [] }),
      signal: AbortSignal.timeout(1000),
    });
    return res.ok;
  } catch {
    return false;
  }
}

async function waitUntilGone(rpcUrl: string, ms = 10_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!(await answers(rpcUrl))) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe('startAnvil', () => {
  it('starts on a free port with funded dev keys; helpers move blocks and time; stop() ends it', async () => {
    const [a, b] = await Promise.all([startAnvil(), startAnvil({ chainId: 1337, accounts: 3 })]);
    try {
      expect(a.port).not.toBe(b.port);
      expect(a.accounts).toHaveLength(10);
      expect(b.accounts).toHaveLength(3);
      expect(await b.publicClient.getChainId()).toBe(1337);
      for (const acct of a.accounts) {
        expect(privateKeyToAccount(acct.privateKey).address).toBe(acct.address);
        expect(await a.publicClient.getBalance({ address: acct.address })).toBe(
          10_000n * 10n ** 18n,
        );
      }
      const n0 = await a.publicClient.getBlockNumber();
      await a.mine(5);
      expect(await a.publicClient.getBlockNumber()).toBe(n0 + 5n);
      const t0 = await a.now();
      await a.increaseTime(86_400);
      await a.mine();
      expect(await a.now()).toBeGreaterThanOrEqual(t0 + 86_400);
      await a.setNextBlockTimestamp(t0 + 10 * 86_400);
      await a.mine();
      expect(await a.now()).toBe(t0 + 10 * 86_400);

      const snap = await a.snapshot();
      await a.mine(3);
      await a.revert(snap);
      expect(await a.publicClient.getBlockNumber()).toBe(n0 + 7n);
      await expect(a.revert(snap)).rejects.toThrow(AnvilError); // snapshots are single-use

      const before = await a.publicClient.getBlock();
      await a.reorg(2);
      const after = await a.publicClient.getBlock();
      expect(after.number).toBe(before.number);
      expect(after.hash).not.toBe(before.hash);

      const hash = await a
        .walletClient(1)
        .sendTransaction({ to: a.accounts[2]!.address, value: 1n });
      expect((await a.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success');

      // same chain id, same dev key, two nodes: concurrent writes keep separate nonces
      const b31337 = await startAnvil();
      try {
        const results = await Promise.all(
          [a, b31337, a, b31337, a, b31337].map((node) => deployTestStablecoin(node.clients(3))),
        );
        expect(results.every((r) => r.isOk())).toBe(true);
      } finally {
        await b31337.stop();
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(await waitUntilGone(a.rpcUrl, 2000)).toBe(true);
    expect(await waitUntilGone(b.rpcUrl, 2000)).toBe(true);
    await a.stop(); // twice is fine
  });

  it('dies with its owner: a SIGKILLed process leaves no anvil, and no anvil states, behind', async () => {
    const anvilModule = fileURLToPath(new URL('../src/testkit/anvil.ts', import.meta.url));
    const code = `
      const { startAnvil } = await import(${JSON.stringify(anvilModule)});
      const anvil = await startAnvil();
      console.log(anvil.rpcUrl, anvil.pid);
      setInterval(() => {}, 1000);
    `;
    const child = spawn(
      process.execPath,
      ['--conditions=@blockhost/source', '--import', 'tsx', '--input-type=module', '-e', code],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const [rpcUrl, pid] = await new Promise<[string, number]>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        const m = d.toString().match(/(http:\/\/127\.0\.0\.1:\d+) (\d+)/);
        if (m) resolve([m[1]!, Number(m[2])]);
      });
      child.once('exit', (c) => reject(new Error(`child exited ${c}`)));
    });
    expect(await answers(rpcUrl)).toBe(true);
    // where this anvil writes the states it does not keep in memory
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const states = argv[argv.indexOf('--cache-path') + 1]!;
    expect(states).toMatch(/blockhost-anvil-states-/);
    expect(existsSync(states)).toBe(true);
    child.kill('SIGKILL');
    expect(await waitUntilGone(rpcUrl)).toBe(true);
    for (let i = 0; i < 50 && existsSync(states); i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(states)).toBe(false);
  }, 30_000);

  it('a missing binary is a typed error and leaves nothing behind', async () => {
    await expect(
      startAnvil({ binary: '/nonexistent/anvil', startTimeoutMs: 5000 }),
    ).rejects.toThrow(AnvilError);
  });
});

describe('test smart-wallet factory (ERC-6492 tooling)', () => {
  it('predicts the CREATE2 address, deploys there once, and a second deploy is a no-op', async () => {
    const a = await startAnvil();
    try {
      const clients = a.clients(0);
      const owner = a.accounts[1]!.address;
      const salt = keccak256(toHex('wallet-1'));
      const factory = (await deployTestSmartWalletFactory(clients))._unsafeUnwrap().address;
      const predicted = (
        await predictTestSmartWallet(a.publicClient, { factory, owner, salt })
      )._unsafeUnwrap();
      const other = (
        await predictTestSmartWallet(a.publicClient, { factory, owner, salt: keccak256('0x02') })
      )._unsafeUnwrap();
      expect(other).not.toBe(predicted);
      expect(await a.publicClient.getCode({ address: predicted })).toBeUndefined();

      const deployCall = { to: factory, data: testSmartWalletDeployCall({ owner, salt }) };
      const first = await a.walletClient(0).sendTransaction(deployCall);
      await a.publicClient.waitForTransactionReceipt({ hash: first });
      expect(await a.publicClient.getCode({ address: predicted })).toMatch(/^0x[0-9a-f]{100,}$/);
      expect(
        await a.publicClient.readContract({
          address: predicted,
          abi: testSmartWalletAbi,
          functionName: 'owner',
        }),
      ).toBe(owner);
      const again = await a.walletClient(0).sendTransaction(deployCall);
      const receipt = await a.publicClient.waitForTransactionReceipt({ hash: again });
      expect(receipt.status).toBe('success');
      expect(receipt.logs).toHaveLength(0); // nothing deployed twice
    } finally {
      await a.stop();
    }
  });
});
