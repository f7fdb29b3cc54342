/**
 * TEST TOOLING: a real `anvil` (Foundry) on a free port, for the tests of every package.
 *
 * The process runs under a tiny `/bin/sh` watchdog that kills anvil as soon as this Node
 * process goes away (its stdin pipe closes even on SIGKILL), so no anvil outlives a crashed
 * test run. `stop()` ends it explicitly. Unlike the library API, these helpers throw on failure,
 * as test helpers do.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Address,
  type Chain,
  createPublicClient,
  createWalletClient,
  defineChain,
  type Hex,
  type HttpTransport,
  http,
  type PrivateKeyAccount,
  type PublicClient,
  type WalletClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ChainError } from '../errors.js';
import type { WriteClients } from '../internal/clients.js';

/** anvil could not be started or a control call failed. */
export class AnvilError extends ChainError {
  readonly code = 'ANVIL';
}

export interface StartAnvilOptions {
  /** Default 31337. */
  readonly chainId?: number | undefined;
  /** Interval mining in seconds; default: mine on every transaction (automine). */
  readonly blockTime?: number | undefined;
  /** Funded dev accounts (default 10). */
  readonly accounts?: number | undefined;
  /** Balance of each dev account in ether (default 10000). */
  readonly balance?: number | undefined;
  /** Genesis block timestamp (unix seconds). */
  readonly timestamp?: number | undefined;
  /**
   * EVM hardfork (default `cancun`: what the contracts are compiled for, and much faster than
   * anvil's newer default when mining thousands of blocks).
   */
  readonly hardfork?: string | undefined;
  /**
   * Keep no historical states (`--prune-history`): mining stays linear for long backlogs, but
   * calls at old blocks and deep reorgs/reverts are unavailable. For big scanning tests.
   */
  readonly pruneHistory?: boolean | undefined;
  /** More anvil flags (never secrets: argv is world-readable). */
  readonly args?: readonly string[] | undefined;
  /** Give up waiting for "Listening on" after this long (default 30 s). */
  readonly startTimeoutMs?: number | undefined;
  /** Path to the anvil binary; default: `@foundry-rs/anvil-linux-amd64`. */
  readonly binary?: string | undefined;
}

export interface AnvilAccount {
  readonly address: Address;
  readonly privateKey: Hex;
}

export interface Anvil {
  readonly rpcUrl: string;
  readonly port: number;
  /** The anvil process id, not its watchdog's (benchmarks read its CPU time); null once gone. */
  readonly pid: number | null;
  readonly chainId: number;
  readonly chain: Chain;
  /** The funded dev accounts (anvil's well-known test keys). */
  readonly accounts: readonly AnvilAccount[];
  /** A public client with fast polling (50 ms), for tests. */
  readonly publicClient: PublicClient<HttpTransport, Chain>;
  /** A wallet client for a dev account (by index), an account, or a private key. */
  walletClient(
    who?: number | AnvilAccount | Hex,
  ): WalletClient<HttpTransport, Chain, PrivateKeyAccount>;
  /** `{ publicClient, walletClient }` for the write actions of this package. */
  clients(who?: number | AnvilAccount | Hex): WriteClients;
  /** A raw JSON-RPC call. */
  request<T = unknown>(method: string, params?: readonly unknown[]): Promise<T>;
  mine(blocks?: number, intervalSeconds?: number): Promise<void>;
  /** Moves time forward; the next mined block carries it. */
  increaseTime(seconds: number): Promise<void>;
  setNextBlockTimestamp(timestamp: number | bigint): Promise<void>;
  setAutomine(enabled: boolean): Promise<void>;
  /** Sets an account's native balance (wei), e.g. to fund a fresh key or a contract wallet. */
  setBalance(address: Address, wei: bigint): Promise<void>;
  snapshot(): Promise<Hex>;
  /** Reverts to a snapshot (snapshots are single-use: take a new one afterwards). */
  revert(id: Hex): Promise<void>;
  /**
   * `anvil_reorg`: replaces the last `depth` blocks with new ones (new hashes), optionally
   * including transactions `[tx, blockOffset]` in the replacement blocks.
   */
  reorg(
    depth: number,
    transactions?: readonly [Record<string, unknown> | Hex, number][],
  ): Promise<void>;
  /** The latest block's timestamp. */
  now(): Promise<number>;
  /** Kills anvil and waits for it to exit. Safe to call twice. */
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook() {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of running) {
      try {
        child.kill('SIGTERM');
      } catch {
        // already gone
      }
    }
  });
}

// The watchdog: anvil in the background, killed when our stdin closes (the parent died or
// called stop()) or when we get SIGTERM. `wait` is interruptible by traps; a foreground
// command would delay them. Anvil's states written to disk go with it (ANVIL_STATES): left in
// ~/.foundry/anvil/tmp by every anvil that does not end cleanly, they had filled the disk.
const WATCHDOG = `
exec 3<&0
"$@" </dev/null &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM INT HUP
( cat <&3 >/dev/null; kill -TERM "$child" 2>/dev/null ) &
watcher=$!
wait "$child"
status=$?
kill "$watcher" 2>/dev/null
rm -rf "$ANVIL_STATES"
exit $status
`;

function defaultBinary(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@foundry-rs/anvil-linux-amd64/package.json');
  return join(pkg, '..', 'bin', 'anvil');
}

/** The anvil process under the watchdog shell `shell`. */
function anvilPid(shell: number | undefined): number | null {
  if (shell === undefined) return null;
  try {
    const children = readFileSync(`/proc/${shell}/task/${shell}/children`, 'utf8').split(' ');
    for (const c of children.filter(Boolean)) {
      if (readFileSync(`/proc/${c}/comm`, 'utf8').trim() === 'anvil') return Number(c);
    }
  } catch {
    // gone
  }
  return null;
}

/** Starts anvil on a free port and waits until it answers. */
export async function startAnvil(options: StartAnvilOptions = {}): Promise<Anvil> {
  const chainId = options.chainId ?? 31337;
  const dir = mkdtempSync(join(tmpdir(), 'blockhost-anvil-'));
  const configOut = join(dir, 'config.json');
  const states = mkdtempSync(join(tmpdir(), 'blockhost-anvil-states-'));
  const args = [
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    '--chain-id',
    String(chainId),
    '--accounts',
    String(options.accounts ?? 10),
    '--balance',
    String(options.balance ?? 10000),
    '--config-out',
    configOut,
    '--hardfork',
    options.hardfork ?? 'cancun',
    '--cache-path',
    states,
    ...(options.pruneHistory ? ['--prune-history'] : []),
    ...(options.blockTime ? ['--block-time', String(options.blockTime)] : []),
    ...(options.timestamp !== undefined ? ['--timestamp', String(options.timestamp)] : []),
    ...(options.args ?? []),
  ];
  installExitHook();
  const child = spawn(
    '/bin/sh',
    ['-c', WATCHDOG, 'anvil-watchdog', options.binary ?? defaultBinary(), ...args],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ANVIL_STATES: states },
    },
  );
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => {
    running.delete(child);
    // EOF for the watchdog's stdin reader, even when anvil ended on its own.
    child.stdin?.destroy();
  });

  const tail: string[] = [];
  const remember = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) tail.push(line);
    if (tail.length > 40) tail.splice(0, tail.length - 40);
  };
  child.stderr?.on('data', remember);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin?.end();
      const timer = setTimeout(() => child.kill('SIGTERM'), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(states, { recursive: true, force: true });
  };

  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      const timeout = setTimeout(
        () => reject(new AnvilError('anvil did not start in time', { details: tail.join('\n') })),
        options.startTimeoutMs ?? 30_000,
      );
      let buffered = '';
      const onData = (chunk: Buffer) => {
        remember(chunk);
        buffered += chunk.toString();
        const m = buffered.match(/Listening on [\d.]+:(\d+)/);
        if (m) {
          clearTimeout(timeout);
          buffered = '';
          // Keep draining stdout (anvil logs every call) but stop parsing it.
          child.stdout?.off('data', onData);
          child.stdout?.on('data', remember);
          resolve(Number(m[1]));
        }
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timeout);
        reject(new AnvilError(`anvil exited with code ${code}`, { details: tail.join('\n') }));
      });
    });
  } catch (e) {
    await stop();
    throw e;
  }

  let accounts: AnvilAccount[];
  try {
    const config = JSON.parse(readFileSync(configOut, 'utf8')) as {
      available_accounts: string[];
      private_keys: string[];
    };
    accounts = config.private_keys.map((k) => {
      const account = privateKeyToAccount(k as Hex);
      return { address: account.address, privateKey: k as Hex };
    });
  } catch (e) {
    await stop();
    throw new AnvilError('anvil config output unreadable', { cause: e });
  } finally {
    // The keys are anvil's public test keys, but do not leave files behind: the directory
    // only carried --config-out, so it goes now (not at stop(), which a killed owner never runs).
    rmSync(dir, { recursive: true, force: true });
  }

  const rpcUrl = `http://127.0.0.1:${port}`;
  const chain = defineChain({
    id: chainId,
    name: 'Anvil',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const transport = http(rpcUrl, { retryCount: 0 });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 50, cacheTime: 0 });

  const resolveAccount = (who: number | AnvilAccount | Hex = 0): PrivateKeyAccount => {
    if (typeof who === 'number') {
      const a = accounts[who];
      if (!a)
        throw new AnvilError(`no dev account ${who}`, { details: `${accounts.length} exist` });
      return privateKeyToAccount(a.privateKey);
    }
    return privateKeyToAccount(typeof who === 'string' ? who : who.privateKey);
  };
  const walletClient = (who?: number | AnvilAccount | Hex) =>
    createWalletClient({
      chain,
      transport,
      account: resolveAccount(who),
      pollingInterval: 50,
      cacheTime: 0,
    });

  let id = 0;
  const request = async <T>(method: string, params: readonly unknown[] = []): Promise<T> => {
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params }),
    });
    const body = (await res.json()) as { result?: T; error?: { message: string } };
    if (body.error) throw new AnvilError(`${method} failed`, { details: body.error.message });
    return body.result as T;
  };

  try {
    await request('eth_chainId');
  } catch (e) {
    await stop();
    throw e;
  }

  const hex = (n: number | bigint) => `0x${BigInt(n).toString(16)}`;
  return {
    rpcUrl,
    port,
    get pid() {
      return anvilPid(child.pid);
    },
    chainId,
    chain,
    accounts,
    publicClient,
    walletClient,
    clients: (who) => ({ publicClient, walletClient: walletClient(who) }),
    request,
    async mine(blocks = 1, intervalSeconds) {
      await request(
        'anvil_mine',
        intervalSeconds === undefined ? [hex(blocks)] : [hex(blocks), hex(intervalSeconds)],
      );
    },
    async increaseTime(seconds) {
      await request('evm_increaseTime', [hex(seconds)]);
    },
    async setNextBlockTimestamp(timestamp) {
      await request('evm_setNextBlockTimestamp', [hex(timestamp)]);
    },
    async setAutomine(enabled) {
      await request('evm_setAutomine', [enabled]);
    },
    async setBalance(address, wei) {
      await request('anvil_setBalance', [address, hex(wei)]);
    },
    snapshot: () => request<Hex>('evm_snapshot'),
    async revert(snapshotId) {
      const ok = await request<boolean>('evm_revert', [snapshotId]);
      if (!ok)
        throw new AnvilError(`evm_revert ${snapshotId} failed`, {
          hint: 'snapshots are single-use',
        });
    },
    async reorg(depth, transactions = []) {
      await request('anvil_reorg', [depth, transactions]);
    },
    async now() {
      const block = await publicClient.getBlock();
      return Number(block.timestamp);
    },
    stop,
  };
}
