/**
 * Trust boundaries, end to end on anvil + the Proxmox simulator with the real
 * daemon engine, with RPCs that lie (a proxy rewriting anvil's answers) and a
 * customer who breaks their own VM: no VM changes hands, is suspended or is
 * destroyed on a lie, and the honest path still works beside the liar.
 */
import {
  accessCredentialNftAbi,
  blockhostSubscriptionsAbi,
  tokenOfSubscription,
} from '@blockhost/chain';
import { type RpcProxy, startRpcProxy } from '@blockhost/chain/testkit';
import {
  type Customer,
  type Daemon,
  type DevStack,
  settledRunning,
  startDevStack,
  startStackDaemon,
  vmState,
  waitFor,
} from '@blockhost/devstack';
import { listRefusals } from '@blockhost/host';
import {
  encodeEventTopics,
  encodeFunctionData,
  encodeFunctionResult,
  type Hex,
  keccak256,
  numberToHex,
  pad,
} from 'viem';
import { afterEach, describe, expect, it } from 'vitest';

const DAY = 86_400;
let stack: DevStack | undefined;
let daemon: Daemon | undefined;
let proxies: RpcProxy[] = [];

afterEach(async () => {
  await daemon?.stop();
  daemon = undefined;
  for (const p of proxies) await p.stop();
  proxies = [];
  await stack?.stop();
  stack = undefined;
});

const DAEMON =
  'daemon: { reconcile_interval_ms: 200, retry_base_ms: 50, sweep_interval_ms: 1000, max_attempts: 3 }';

/** A stack whose daemon reads the chain through `n` proxies in front of anvil (the first may lie). */
async function start(o: { rpcs?: number; web3?: string } = {}) {
  const s = await startDevStack({ blockhost: DAEMON });
  stack = s;
  for (let i = 0; i < (o.rpcs ?? 1); i++)
    proxies.push(await startRpcProxy({ target: s.anvil.rpcUrl }));
  s.writeConfig({
    rpcUrl: proxies.length === 1 ? proxies[0]!.url : proxies.map((p) => p.url),
    ...(o.web3 ? { web3: o.web3 } : {}),
  });
  daemon = await startStackDaemon(s);
  return { s, liar: proxies[0]! };
}

async function buyRunning(s: DevStack, c: Customer, days = 30) {
  const { subscriptionId } = await c.buy(s.planId, days);
  const vm = await waitFor('the VM to run', () => settledRunning(daemon!.db, subscriptionId));
  const tokenId = await waitFor('the NFT', async () => {
    const t = await tokenOfSubscription(s.anvil.publicClient, {
      address: s.contracts.nft,
      subscriptionId,
    });
    return t.isOk() && t.value !== null ? t.value : undefined;
  });
  return { subscriptionId, vmid: vm.vmid!, tokenId };
}

const gecos = (s: DevStack, vmid: number) => s.sim.vm(vmid)?.guest.users.user?.gecos;
const usermods = (s: DevStack, vmid: number) =>
  (s.sim.vm(vmid)?.guest.execs ?? []).filter((e) => e.command[0] === 'usermod');
const journalOwner = (tokenId: bigint) =>
  (
    daemon!.db.prepare('SELECT owner FROM tokens WHERE token_id = ?').get(tokenId.toString()) as
      | { owner: string }
      | undefined
  )?.owner.toLowerCase();
const jobs = (sub: bigint, kind: string) =>
  daemon!.db
    .prepare(
      'SELECT state, last_error AS error FROM jobs WHERE subscription_id = ? AND kind = ? ORDER BY id',
    )
    .all(sub.toString(), kind) as { state: string; error: string | null }[];
const refusals = (reason: string) => listRefusals(daemon!.db).filter((r) => r.reason === reason);
async function metric(name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${daemon!.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return line ? Number(line.split(' ')[1]) : Number.NaN;
}
/** Lets the daemon run a few reconcile passes and sweeps. */
const settle = (ms = 3000) => new Promise((r) => setTimeout(r, ms));

const TRANSFER = encodeEventTopics({ abi: accessCredentialNftAbi, eventName: 'Transfer' })[0]!;
const CREATED = encodeEventTopics({
  abi: blockhostSubscriptionsAbi,
  eventName: 'SubscriptionCreated',
})[0]!;
const topicOf = (a: string) => pad(a.toLowerCase() as Hex, { size: 32 });

interface RpcLog {
  address: string;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  transactionIndex: Hex;
  logIndex: Hex;
  removed: boolean;
}

/**
 * A forged `Transfer` of `tokenId` to `to`, in a real block (its real hash, so the scanner takes
 * it), injected once into the first scan of that block: the sweep's per-token queries get the
 * truth.
 */
async function forgeTransfer(
  s: DevStack,
  liar: RpcProxy,
  o: { tokenId: bigint; from: string; to: string; ownerOfToo?: boolean },
) {
  await s.anvil.mine(1);
  const block = await s.anvil.publicClient.getBlock();
  const log: RpcLog = {
    address: s.contracts.nft.toLowerCase(),
    topics: [TRANSFER, topicOf(o.from), topicOf(o.to), numberToHex(o.tokenId, { size: 32 })],
    data: '0x',
    blockNumber: numberToHex(block.number),
    blockHash: block.hash,
    transactionHash: keccak256(numberToHex(block.number)),
    transactionIndex: '0x0',
    logIndex: '0x63',
    removed: false,
  };
  let injected = false;
  const ownerOfCall = encodeFunctionData({
    abi: accessCredentialNftAbi,
    functionName: 'ownerOf',
    args: [o.tokenId],
  });
  liar.setResponseHook((call, res) => {
    if (call.method === 'eth_getLogs' && !injected) {
      const f = call.params[0] as { fromBlock?: Hex; toBlock?: Hex; topics?: unknown[] };
      const from = BigInt(f.fromBlock ?? '0x0');
      const to = BigInt(f.toBlock ?? '0x0');
      // The scanner's query has no topics; the sweep's per-token ones do.
      if (
        !f.topics?.length &&
        from <= block.number &&
        block.number <= to &&
        Array.isArray(res.result)
      ) {
        injected = true;
        return { ...res, result: [...(res.result as RpcLog[]), log] };
      }
    }
    if (o.ownerOfToo && call.method === 'eth_call') {
      const c = call.params[0] as { to?: string; data?: string; input?: string };
      if ((c.data ?? c.input)?.toLowerCase() === ownerOfCall.toLowerCase()) {
        const result = encodeFunctionResult({
          abi: accessCredentialNftAbi,
          functionName: 'ownerOf',
          result: o.to as Hex,
        });
        return { ...res, result };
      }
    }
    return res;
  });
  return { injected: () => injected };
}

describe('a forged Transfer log: the login never changes hands', () => {
  it('one RPC forges a Transfer: ownerOf is re-read, the owner sync refused, the sweep takes the log out; a real transfer still hands over', async () => {
    const { s, liar } = await start();
    const alice = await s.customer(3);
    const mallory = s.anvil.accounts[7]!.address;
    const bob = s.anvil.accounts[8]!.address;
    const { subscriptionId, vmid, tokenId } = await buyRunning(s, alice);
    expect(gecos(s, vmid)).toBe(`wallet=${alice.address},nft=${tokenId}`);
    const before = usermods(s, vmid).length;

    const forged = await forgeTransfer(s, liar, { tokenId, from: alice.address, to: mallory });
    await waitFor('the forged log to be scanned', () => forged.injected() || undefined);
    const refusal = await waitFor('the owner sync refused', () => refusals('owner-mismatch')[0]);
    expect(refusal.subscriptionId).toBe(subscriptionId.toString());
    expect(refusal.detail).toContain(mallory);
    // The sweep compares the journal with ownerOf and keeps only what the RPCs return per token.
    await waitFor('the journal repaired', () =>
      journalOwner(tokenId) === alice.address.toLowerCase() ? true : undefined,
    );
    await waitFor('the refused sync cancelled', () =>
      jobs(subscriptionId, 'syncOwner').every((j) => j.state === 'cancelled') ? true : undefined,
    );
    await settle(1500);
    expect(gecos(s, vmid)).toBe(`wallet=${alice.address},nft=${tokenId}`);
    expect(usermods(s, vmid).slice(before)).toEqual([]);
    expect(await metric('blockhost_refusals_total', 'reason="owner-mismatch"')).toBeGreaterThan(0);
    expect(vmState(daemon!.db, subscriptionId)?.state).toBe('running');

    // The honest path: Alice really gives the token to Bob.
    liar.setResponseHook(null);
    await alice.transferToken(tokenId, bob);
    await waitFor('the login handed to Bob', () =>
      gecos(s, vmid) === `wallet=${bob},nft=${tokenId}` ? true : undefined,
    );
  }, 120_000);
});

describe('an RPC that does not answer is no disagreement', () => {
  it('a real transfer while ownerOf errors: the owner sync waits, refuses nothing, and hands over once the RPC answers', async () => {
    const { s, liar } = await start();
    const alice = await s.customer(3);
    const bob = s.anvil.accounts[8]!.address;
    const { subscriptionId, vmid, tokenId } = await buyRunning(s, alice);
    const ownerOfCall = encodeFunctionData({
      abi: accessCredentialNftAbi,
      functionName: 'ownerOf',
      args: [tokenId],
    }).toLowerCase();
    liar.setResponseHook((call, res) => {
      const c = call.params?.[0] as { data?: string; input?: string } | undefined;
      if (call.method === 'eth_call' && (c?.data ?? c?.input)?.toLowerCase() === ownerOfCall)
        return { jsonrpc: '2.0', id: res.id, error: { code: -32603, message: 'internal error' } };
      return res;
    });
    await alice.transferToken(tokenId, bob);
    const waiting = await waitFor('the owner sync waiting for the RPC', () =>
      jobs(subscriptionId, 'syncOwner').find((j) =>
        j.error?.includes('waits for the RPCs to answer'),
      ),
    );
    expect(waiting.state).toBe('queued');
    await settle(1500);
    expect(refusals('owner-mismatch')).toEqual([]);
    expect(gecos(s, vmid)).toBe(`wallet=${alice.address},nft=${tokenId}`);
    liar.setResponseHook(null);
    await waitFor('the login handed to Bob', () =>
      gecos(s, vmid) === `wallet=${bob},nft=${tokenId}` ? true : undefined,
    );
    await waitFor('the sync done', () =>
      jobs(subscriptionId, 'syncOwner').some((j) => j.state === 'done') ? true : undefined,
    );
    expect(refusals('owner-mismatch')).toEqual([]);
  }, 120_000);
});

describe('shifted block times: no suspend, no destroy on a lying clock', () => {
  it('+40 and +50 days from one RPC with max_clock_skew_seconds set: refused and not ready; a real cancel still suspends after', async () => {
    const { s, liar } = await start({ web3: 'max_clock_skew_seconds: 3600' });
    const alice = await s.customer(3);
    const { subscriptionId, vmid } = await buyRunning(s, alice, 30);

    for (const days of [40, 50]) {
      liar.setResponseHook((call, res) => {
        if (!call.method.startsWith('eth_getBlockBy')) return res;
        const b = res.result as { timestamp?: Hex } | null;
        if (!b?.timestamp) return res;
        return {
          ...res,
          result: { ...b, timestamp: numberToHex(BigInt(b.timestamp) + BigInt(days * DAY)) },
        };
      });
      await s.anvil.mine(1);
      const down = await waitFor(`not ready at +${days} d`, async () => {
        const r = await fetch(`${daemon!.url}/readyz`);
        return r.status === 503
          ? ((await r.json()) as { checks: { name: string; ok: boolean; detail: string }[] })
          : undefined;
      });
      expect(down.checks.find((c) => c.name === 'clock')).toMatchObject({ ok: false });
      await settle();
      expect(s.sim.vm(vmid)?.status).toBe('running');
      expect(vmState(daemon!.db, subscriptionId)?.state).toBe('running');
      expect(jobs(subscriptionId, 'suspend')).toEqual([]);
      expect(jobs(subscriptionId, 'destroy')).toEqual([]);
    }
    expect(await metric('blockhost_refusals_total', 'reason="clock-skew"')).toBeGreaterThan(0);
    expect(s.sim.tasks({ type: 'qmdestroy' })).toHaveLength(0);

    // The lie stops: ready again, and decisions are made again (a real cancel suspends).
    liar.setResponseHook(null);
    await s.anvil.mine(1);
    await waitFor(
      'ready again',
      async () => (await fetch(`${daemon!.url}/readyz`)).ok || undefined,
    );
    await alice.cancel(subscriptionId);
    await waitFor('suspended after the real cancel', () =>
      vmState(daemon!.db, subscriptionId)?.state === 'suspended' ? true : undefined,
    );
    expect(s.sim.vm(vmid)?.status).toBe('stopped');
  }, 120_000);
});

/**
 * A forged reorg: from the purchase block on, the liar serves other block hashes and a history
 * without the purchase; with `lieAboutState`, its `getSubscription` says there is no such
 * subscription and its `ownerOf` names another holder.
 */
async function forgeReorg(
  liar: RpcProxy,
  o: { subscriptionId: bigint; fromBlock: bigint; lieAboutState?: boolean },
) {
  const fake = (h: Hex) => keccak256(`${h}00` as Hex);
  const getSub = encodeFunctionData({
    abi: blockhostSubscriptionsAbi,
    functionName: 'getSubscription',
    args: [o.subscriptionId],
  }).toLowerCase();
  const subTopic = numberToHex(o.subscriptionId, { size: 32 });
  liar.setResponseHook((call, res) => {
    if (call.method.startsWith('eth_getBlockBy')) {
      const b = res.result as { number?: Hex; hash: Hex; parentHash: Hex } | null;
      if (!b?.number || BigInt(b.number) < o.fromBlock) return res;
      return {
        ...res,
        result: {
          ...b,
          hash: fake(b.hash),
          parentHash: BigInt(b.number) > o.fromBlock ? fake(b.parentHash) : b.parentHash,
        },
      };
    }
    if (call.method === 'eth_getLogs' && Array.isArray(res.result)) {
      const logs = (res.result as RpcLog[])
        .filter(
          (l) =>
            !(
              BigInt(l.blockNumber) >= o.fromBlock &&
              l.topics[0] === CREATED &&
              l.topics[1] === subTopic
            ),
        )
        .map((l) =>
          BigInt(l.blockNumber) >= o.fromBlock ? { ...l, blockHash: fake(l.blockHash) } : l,
        );
      return { ...res, result: logs };
    }
    if (o.lieAboutState && call.method === 'eth_call') {
      const c = call.params[0] as { data?: string; input?: string };
      if ((c.data ?? c.input)?.toLowerCase() === getSub)
        return {
          jsonrpc: '2.0',
          id: res.id,
          error: { code: 3, message: 'execution reverted', data: '0x' },
        };
    }
    return res;
  });
}

const createdBlock = (sub: bigint) =>
  BigInt(
    (
      daemon!.db
        .prepare(
          "SELECT block_number FROM events WHERE name = 'SubscriptionCreated' AND subscription_id = ?",
        )
        .get(sub.toString()) as { block_number: number }
    ).block_number,
  );

describe('a forged reorg: no destroy', () => {
  it('one RPC rewrites history without the purchase: the subscription is re-read, the destroy refused and held', async () => {
    const { s, liar } = await start();
    const alice = await s.customer(3);
    const { subscriptionId, vmid } = await buyRunning(s, alice);
    await s.anvil.mine(3);
    await forgeReorg(liar, { subscriptionId, fromBlock: createdBlock(subscriptionId) });
    // A destroy for a vanished purchase is weighed only once the finalized block (anvil: 64
    // behind its head) is past the purchase; until then it waits, refusing nothing.
    await s.anvil.mine(65);
    const refusal = await waitFor('the destroy refused', () => refusals('destroy-unconfirmed')[0]);
    expect(refusal.detail).toMatch(/subscription-gone/);
    await settle();
    expect(s.sim.vm(vmid)?.status).toBe('running');
    expect(s.sim.tasks({ type: 'qmdestroy' })).toHaveLength(0);
    expect(jobs(subscriptionId, 'destroy').map((j) => j.state)).not.toContain('done');

    // The lie stops: the scanner follows the real history again and the destroy is dropped.
    liar.setResponseHook(null);
    await s.anvil.mine(1);
    await waitFor('the destroy dropped', () =>
      jobs(subscriptionId, 'destroy').every((j) => j.state === 'done' || j.state === 'cancelled')
        ? true
        : undefined,
    );
    await waitFor('running in the journal', () =>
      vmState(daemon!.db, subscriptionId)?.state === 'running' ? true : undefined,
    );
    expect(s.sim.vm(vmid)?.status).toBe('running');
    expect(s.sim.tasks({ type: 'qmdestroy' })).toHaveLength(0);
    expect(
      await metric('blockhost_refusals_total', 'reason="destroy-unconfirmed"'),
    ).toBeGreaterThan(0);
  }, 120_000);
});

describe('one of three RPCs lying', () => {
  it('the liar (the scanner’s first RPC) forges a Transfer, ownerOf, a reorg and the subscription: 1 of 3 changes nothing; honest transfers and destroys go through', async () => {
    const { s, liar } = await start({ rpcs: 3 });
    const alice = await s.customer(3);
    const carol = await s.customer(4);
    const mallory = s.anvil.accounts[7]!.address;
    const bob = s.anvil.accounts[8]!.address;
    const a = await buyRunning(s, alice);
    const c = await buyRunning(s, carol);

    // A forged Transfer whose ownerOf agrees: the two honest RPCs outvote it.
    await forgeTransfer(s, liar, {
      tokenId: a.tokenId,
      from: alice.address,
      to: mallory,
      ownerOfToo: true,
    });
    const refused = await waitFor('the owner sync refused', () => refusals('owner-mismatch')[0]);
    expect(refused.detail).toMatch(/not confirmed by 1 of 3 RPCs \(2 needed\)/);
    await waitFor('the journal repaired', () =>
      journalOwner(a.tokenId) === alice.address.toLowerCase() ? true : undefined,
    );
    expect(gecos(s, a.vmid)).toBe(`wallet=${alice.address},nft=${a.tokenId}`);

    // Still lying about that token, the liar cannot stop a real transfer: 2 of 3 confirm Bob.
    await alice.transferToken(a.tokenId, bob);
    await waitFor('the login handed to Bob', () =>
      gecos(s, a.vmid) === `wallet=${bob},nft=${a.tokenId}` ? true : undefined,
    );

    // A forged reorg taking Carol's purchase away, and a getSubscription that agrees.
    await forgeReorg(liar, {
      subscriptionId: c.subscriptionId,
      fromBlock: createdBlock(c.subscriptionId),
      lieAboutState: true,
    });
    await s.anvil.mine(65); // past finality, as above
    const held = await waitFor('the destroy refused', () =>
      refusals('destroy-unconfirmed').find((r) => r.subscriptionId === c.subscriptionId.toString()),
    );
    expect(held.detail).toMatch(/of 3 RPCs \(2 needed\)/);
    await settle();
    expect(s.sim.vm(c.vmid)?.status).toBe('running');
    expect(s.sim.tasks({ type: 'qmdestroy' })).toHaveLength(0);

    // The honest destroy with the liar still there: Alice's (now Bob's) subscription is
    // cancelled, suspended, and destroyed after the grace period, confirmed by 2 of 3.
    liar.setResponseHook(null);
    await s.anvil.mine(1);
    const bobClients = s.anvil.clients(8);
    const { cancelSubscription } = await import('@blockhost/chain');
    (
      await cancelSubscription(bobClients, {
        address: s.contracts.subscriptions,
        subscriptionId: a.subscriptionId,
      })
    )._unsafeUnwrap();
    await waitFor('Bob’s VM suspended', () =>
      vmState(daemon!.db, a.subscriptionId)?.state === 'suspended' ? true : undefined,
    );
    await forgeReorg(liar, {
      subscriptionId: c.subscriptionId,
      fromBlock: createdBlock(c.subscriptionId),
      lieAboutState: true,
    });
    await s.anvil.increaseTime(8 * DAY);
    await s.anvil.mine(1);
    await waitFor(
      'Bob’s VM destroyed after the grace period',
      () => (s.sim.vm(a.vmid) ? undefined : true),
      30_000,
    );
    expect(s.sim.vm(c.vmid)?.status).toBe('running');
  }, 180_000);
});

describe('a customer breaks usermod in their VM', () => {
  it('the owner sync fails, yet the VM is suspended on expiry and destroyed after grace', async () => {
    const { s } = await start();
    const alice = await s.customer(3);
    const bob = s.anvil.accounts[8]!.address;
    const { subscriptionId, vmid, tokenId } = await buyRunning(s, alice, 2);
    s.sim.faults.breakGuestProgram(vmid, 'usermod', {
      exitcode: 1,
      stderr: 'usermod: cannot lock /etc/passwd; try again later.\n',
    });
    await alice.transferToken(tokenId, bob);
    await waitFor('the owner sync stuck', () =>
      jobs(subscriptionId, 'syncOwner').some(
        (j) => j.state === 'needs_operator' || j.state === 'failed',
      )
        ? true
        : undefined,
    );
    expect(gecos(s, vmid)).toBe(`wallet=${alice.address},nft=${tokenId}`);

    await s.anvil.increaseTime(3 * DAY);
    await s.anvil.mine(1);
    await waitFor('suspended on expiry', () =>
      vmState(daemon!.db, subscriptionId)?.state === 'suspended' ? true : undefined,
    );
    expect(s.sim.vm(vmid)?.status).toBe('stopped');
    await s.anvil.increaseTime(8 * DAY);
    await s.anvil.mine(1);
    await waitFor('destroyed after grace', () => (s.sim.vm(vmid) ? undefined : true), 30_000);
  }, 120_000);
});
