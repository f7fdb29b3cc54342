/**
 * Backlog scanning throughput: events/second decoded and stored from a 10,000-event backlog on
 * a real anvil. Each event is a SubscriptionCreated carrying a realistic 225-byte ECIES
 * `userEncrypted`, so one `eth_getLogs` over the whole backlog is ~14 MB of JSON: more than
 * viem's 10 MiB response limit. With the default 2,000-block ranges the scanner therefore meets
 * `ResponseBodyTooLargeError` and has to shrink; the table shows what that costs next to ranges
 * that fit from the start. "Stored" = each event serialised to JSON in a keyed map, like a
 * journal insert without the database.
 *
 * The goal row: the scanner with default ranges into the daemon's real SQLite journal store
 * (`createJournalScanStore` on a file, WAL, synchronous=FULL, projections folded) against a plain
 * viem loop (`getLogs` over ranges that fit + `parseEventLogs`, nothing stored) over the same
 * anvil, interleaved run by run so both see the same machine load. Goal: ≥ 0.6×.
 *
 * Run: npm run bench -- chain-scan
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  accessCredentialNftAbi,
  blockhostSubscriptionsAbi,
  buySubscription,
  createMemoryStore,
  createScanner,
  encryptUserSignature,
  LIMITS,
  NATIVE_TOKEN,
  publicKeyFromSecretKey,
  quote,
  type ScanCheckpoint,
  type ScanStore,
} from '@blockhost/chain';
import {
  deployTestBlockhost,
  deployTestSmartWallet,
  startAnvil,
  testSmartWalletAbi,
} from '@blockhost/chain/testkit';
import { createJournalScanStore, openDb } from '@blockhost/host';
import { encodeFunctionData, parseEventLogs } from 'viem';
import { fmt, report, stats } from './lib/measure.js';

const EVENTS = 10_000;
const PER_TX = 100;
const RUNS = 5;

const anvil = await startAnvil({ pruneHistory: true });
try {
  const server = anvil.clients(0);
  const d = (
    await deployTestBlockhost(server, {
      admin: anvil.accounts[1]!.address,
      priceFeed: {
        test: { decimals: 8, answer: 2000_00000000n },
        maxStalenessSeconds: LIMITS.MAX_STALENESS_SECONDS,
      },
      firstPlan: {
        name: 'bench',
        pricePerDayUsdCents: 150n,
        cores: 1,
        memoryMiB: 1024,
        diskGiB: 10,
      },
    })
  )._unsafeUnwrap();
  const contracts = { subscriptions: d.subscriptions, nft: d.nft };

  // A realistic userEncrypted: a signature ECIES-encrypted to the server key (225 bytes).
  const serverPub = publicKeyFromSecretKey(anvil.accounts[0]!.privateKey)._unsafeUnwrap();
  const signature = await anvil
    .walletClient(2)
    .signMessage({ message: 'BlockHost access key | bench' });
  const userEncrypted = encryptUserSignature({
    serverPublicKey: serverPub,
    signature,
  })._unsafeUnwrap();
  (
    await buySubscription(anvil.clients(2), {
      address: d.subscriptions,
      planId: 1n,
      days: 1,
      userEncrypted,
    })
  )._unsafeUnwrap();

  // Generate the backlog fast: a test smart wallet buys 100 subscriptions per transaction
  // (anvil takes ~4 ms per transaction here; 10,000 single purchases would take a minute).
  const price = (
    await quote(anvil.publicClient, { address: d.subscriptions, planId: 1n, days: 1 })
  )._unsafeUnwrap();
  const data = encodeFunctionData({
    abi: blockhostSubscriptionsAbi,
    functionName: 'buySubscription',
    args: [1n, 1n, NATIVE_TOKEN, price, userEncrypted],
  });
  const owner = anvil.walletClient(2);
  const wallet = (
    await deployTestSmartWallet(server, { owner: owner.account.address })
  )._unsafeUnwrap().address;
  const started = performance.now();
  for (let bought = 1; bought < EVENTS; bought += PER_TX) {
    const n = Math.min(PER_TX, EVENTS - bought);
    // explicit gas: estimation would execute the 100 purchases a dozen times more
    const hash = await owner.writeContract({
      abi: testSmartWalletAbi,
      address: wallet,
      functionName: 'executeBatch',
      args: [Array(n).fill(d.subscriptions), Array(n).fill(price), Array(n).fill(data)],
      value: price * BigInt(n),
      gas: 25_000_000n,
    });
    const receipt = await anvil.publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== 'success') throw new Error('batch purchase reverted');
    // a few empty blocks between purchases (anvil recomputes its state root per block, which
    // grows with the 10,000 subscriptions, so more blocks make the generation slow)
    await anvil.mine(4);
  }
  const head = await anvil.publicClient.getBlockNumber();
  const truth = await anvil.publicClient
    .getLogs({
      address: d.subscriptions,
      event: blockhostSubscriptionsAbi.find(
        (x) => x.type === 'event' && x.name === 'SubscriptionCreated',
      ) as never,
      fromBlock: d.deployBlock,
      toBlock: head,
    })
    .catch(() => null); // may itself exceed 10 MiB: that is the point
  console.log(
    `backlog: ${EVENTS} purchases over ${head - d.deployBlock} blocks in ${fmt(performance.now() - started)}` +
      (truth ? '' : ' (a single getLogs over it is refused by viem: response > 10 MiB)'),
  );

  /** A store that serialises every event, like a journal insert. */
  const journalStore = (): ScanStore & { size: () => number } => {
    const rows = new Map<string, string>();
    let checkpoint: string | null = null;
    const replacer = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);
    return {
      load: () => (checkpoint ? (JSON.parse(checkpoint) as ScanCheckpoint) : null),
      commit: (c) => {
        for (const e of c.removed) rows.delete(e.key);
        for (const e of c.added) rows.set(e.key, JSON.stringify(e, replacer));
        checkpoint = JSON.stringify(c.checkpoint);
      },
      size: () => rows.size,
    };
  };

  const rows: Record<string, string | number>[] = [];
  for (const [label, maxLogRange] of [
    ['maxLogRange 2000 (default)', 2000],
    ['maxLogRange 100', 100],
    ['maxLogRange 25', 25],
  ] as const) {
    const samples: number[] = [];
    let last: { calls: number; shrinks: number; range: number; events: number } | undefined;
    for (let run = 0; run < RUNS; run++) {
      const store = journalStore();
      const scanner = createScanner({
        client: anvil.publicClient,
        contracts,
        store,
        fromBlock: d.deployBlock,
        confirmations: 0,
        maxLogRange,
      });
      const t = performance.now();
      const r = await scanner.poll();
      samples.push(performance.now() - t);
      if (r.isErr()) throw r.error;
      last = {
        calls: scanner.stats.getLogsCalls,
        shrinks: scanner.stats.rangeShrinks,
        range: scanner.logRange,
        events: store.size(),
      };
    }
    const s = stats(samples);
    rows.push({
      configuration: label,
      events: last!.events,
      runs: s.runs,
      'median time': fmt(s.median),
      'events/s (median)': Math.round((last!.events / s.median) * 1000),
      'p95 time': fmt(s.p95),
      'getLogs calls': last!.calls,
      'too-large refusals': last!.shrinks,
      'final range': last!.range,
    });
  }
  // The in-memory store (no serialisation) for comparison: the cost of decoding alone.
  const plain: number[] = [];
  let plainEvents = 0;
  for (let run = 0; run < RUNS; run++) {
    const store = createMemoryStore();
    const scanner = createScanner({
      client: anvil.publicClient,
      contracts,
      store,
      fromBlock: d.deployBlock,
      confirmations: 0,
      maxLogRange: 100,
    });
    const t = performance.now();
    (await scanner.poll())._unsafeUnwrap();
    plain.push(performance.now() - t);
    plainEvents = store.events.size;
  }
  const p = stats(plain);
  rows.push({
    configuration: 'maxLogRange 100, in-memory store (no serialisation)',
    events: plainEvents,
    runs: p.runs,
    'median time': fmt(p.median),
    'events/s (median)': Math.round((plainEvents / p.median) * 1000),
    'p95 time': fmt(p.p95),
  });
  // The goal: the daemon's store vs a plain viem loop, interleaved.
  const rawRange = 100n;
  const abi = [...blockhostSubscriptionsAbi, ...accessCredentialNftAbi];
  const rawLoop = async () => {
    let n = 0;
    for (let from = d.deployBlock; from <= head; from += rawRange) {
      const to = from + rawRange - 1n < head ? from + rawRange - 1n : head;
      const logs = await anvil.publicClient.getLogs({
        address: [d.subscriptions, d.nft],
        fromBlock: from,
        toBlock: to,
      });
      n += parseEventLogs({ abi, logs }).length;
    }
    return n;
  };
  const dir = mkdtempSync(join(tmpdir(), 'bench-scan-'));
  const raw: number[] = [];
  const journal: number[] = [];
  let rawEvents = 0;
  let journalEvents = 0;
  for (let run = 0; run < RUNS; run++) {
    let t = performance.now();
    rawEvents = await rawLoop();
    raw.push(performance.now() - t);
    const db = openDb(join(dir, `journal-${run}.db`));
    const scanner = createScanner({
      client: anvil.publicClient,
      contracts,
      store: createJournalScanStore(db, Date.now),
      fromBlock: d.deployBlock,
      confirmations: 0,
    });
    t = performance.now();
    (await scanner.poll())._unsafeUnwrap();
    journal.push(performance.now() - t);
    journalEvents = (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n;
    db.close();
  }
  rmSync(dir, { recursive: true, force: true });
  const r = stats(raw);
  const j = stats(journal);
  rows.push({
    configuration: 'plain viem loop: getLogs (100 blocks) + parseEventLogs, nothing stored',
    events: rawEvents,
    runs: r.runs,
    'median time': fmt(r.median),
    'events/s (median)': Math.round((rawEvents / r.median) * 1000),
    'p95 time': fmt(r.p95),
  });
  rows.push({
    configuration: `scanner, default ranges, daemon's SQLite journal store: ${(r.median / j.median).toFixed(2)}× the plain loop (goal ≥ 0.6×)`,
    events: journalEvents,
    runs: j.runs,
    'median time': fmt(j.median),
    'events/s (median)': Math.round((journalEvents / j.median) * 1000),
    'p95 time': fmt(j.p95),
  });
  report('chain-scan', rows);
} finally {
  await anvil.stop();
}
