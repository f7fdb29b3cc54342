/**
 * The one path every write takes: simulate (typed revert reasons before spending gas), send
 * with a locally managed nonce, wait for the receipt.
 */
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import {
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  encodeFunctionData,
  type Hex,
  keccak256,
  type ReadContractReturnType,
  type TransactionReceipt,
  type TransactionSerializable,
} from 'viem';
import {
  type ContractRevertError,
  describe,
  RpcError,
  TransactionRevertedError,
} from '../errors.js';
import type { ReadClient, SignerClient, WriteClients } from './clients.js';
import { sleep } from './sleep.js';
import { toChainError } from './viem-errors.js';

type Mutability = 'nonpayable' | 'payable';
type ReadOnly = 'pure' | 'view';

/** A write, typed from the ABI: a misspelled function or wrong arguments do not compile. */
export interface ContractCall<
  abi extends Abi = Abi,
  name extends ContractFunctionName<abi, Mutability> = ContractFunctionName<abi, Mutability>,
> {
  readonly abi: abi;
  readonly address: Address;
  readonly functionName: name;
  readonly args: ContractFunctionArgs<abi, Mutability, name>;
  readonly value?: bigint | undefined;
}

/** A read of a view or pure function, typed from the ABI. */
export interface ContractRead<
  abi extends Abi = Abi,
  name extends ContractFunctionName<abi, ReadOnly> = ContractFunctionName<abi, ReadOnly>,
> {
  readonly abi: abi;
  readonly address: Address;
  readonly functionName: name;
  readonly args: ContractFunctionArgs<abi, ReadOnly, name>;
  /** Read the state as of this block (default: the latest). */
  readonly blockNumber?: bigint | undefined;
}

export interface SentTransaction {
  readonly transactionHash: Hex;
  readonly blockNumber: bigint;
  readonly receipt: TransactionReceipt;
}

export type WriteErrorType = ContractRevertError | RpcError | TransactionRevertedError;

interface Lane {
  tail: Promise<void>;
  /** Next nonce while sends are queued; forgotten when the lane drains (chains get reset in tests). */
  next: number | undefined;
  waiting: number;
}

// One lane per (chain, sender, endpoint): sends from one key never race for a nonce, even when
// the daemon mints for several subscriptions at once; reads and receipt waits stay parallel.
const lanes = new Map<string, Lane>();

// A client's chain id, asked of the node once (not before every send); a failed ask is not kept.
type ChainClient = Pick<ReadClient, 'chain' | 'getChainId'>;
const chainIds = new WeakMap<ChainClient, Promise<number>>();

function chainIdOf(client: ChainClient): Promise<number> {
  if (client.chain) return Promise.resolve(client.chain.id);
  let id = chainIds.get(client);
  if (!id) {
    id = client.getChainId();
    chainIds.set(client, id);
    id.catch(() => chainIds.delete(client));
  }
  return id;
}

/** The node(s) a client talks to: two local chains with the same id must not share a lane. */
function endpointOf(publicClient: ReadClient): string {
  const t = publicClient.transport as {
    url?: unknown;
    transports?: { value?: { url?: unknown } }[];
  };
  if (typeof t.url === 'string') return t.url;
  const urls = (t.transports ?? []).map((x) => x.value?.url).filter((u) => typeof u === 'string');
  return urls.length > 0 ? urls.join(',') : publicClient.uid;
}

/**
 * How often a send is retried with a fresh nonce when the node says the nonce was taken: another
 * process sending from the same key (the CLI while the daemon runs) is only visible on chain.
 */
const NONCE_CONFLICT_RETRIES = 8;

const NONCE_CONFLICT =
  /nonce too low|nonce has already been used|replacement transaction underpriced|nonce .*(?:lower|expired)/i;

/**
 * True when a send failed because its nonce was used by another transaction. Not "already
 * known": that is this very transaction, already in the pool — a new nonce would send it twice.
 */
export function isNonceConflict(error: unknown): boolean {
  return someCause(
    error,
    (e) =>
      e.name === 'NonceTooLowError' ||
      NONCE_CONFLICT.test(`${String(e.message ?? '')} ${String(e.details ?? '')}`),
  );
}

type ErrorLike = { name?: unknown; message?: unknown; details?: unknown; cause?: unknown };

/** True when `error` or one of its causes (viem nests them) matches. */
function someCause(error: unknown, test: (e: ErrorLike) => boolean): boolean {
  for (let e = error, depth = 0; e && depth < 8; depth++) {
    if (test(e as ErrorLike)) return true;
    e = (e as ErrorLike).cause;
  }
  return false;
}

/** What a write sends: a contract call (`to` + data) or a deployment (data only). */
export interface TransactionToSend {
  readonly to?: Address | undefined;
  readonly data: Hex;
  readonly value?: bigint | undefined;
}

/** What a send pays: EIP-1559 fees, or a gas price on a chain without them. */
type Fees = { maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } | { gasPrice: bigint };

/** How long a client's fee estimate is used: a burst of sends shares one. */
const FEES_FRESH_MS = 1_000;
const feeEstimates = new WeakMap<ReadClient, { at: number; fees: Promise<Fees> }>();

/**
 * The fees of a send, asked of the node at most once a second per client. viem's estimate
 * leaves the base fee room to rise by a fifth, more than one block can raise it (an eighth).
 */
function feesOf(publicClient: ReadClient): Promise<Fees> {
  const now = Date.now();
  const hit = feeEstimates.get(publicClient);
  if (hit && now - hit.at < FEES_FRESH_MS) return hit.fees;
  const fees: Promise<Fees> = publicClient.estimateFeesPerGas().then(
    (f) => ({ maxFeePerGas: f.maxFeePerGas, maxPriorityFeePerGas: f.maxPriorityFeePerGas }),
    (e: unknown) => {
      if (!someCause(e, (x) => x.name === 'Eip1559FeesNotSupportedError')) throw e;
      return publicClient
        .estimateFeesPerGas({ type: 'legacy', chain: undefined })
        .then((f) => ({ gasPrice: f.gasPrice }));
    },
  );
  feeEstimates.set(publicClient, { at: now, fees });
  fees.catch(() => {
    if (feeEstimates.get(publicClient)?.fees === fees) feeEstimates.delete(publicClient);
  });
  return fees;
}

/** A send signed by a local key: everything but the gas limit and the nonce, found before the lane. */
type Unsigned = TransactionToSend & Fees & { chainId: number };

/**
 * Estimates the gas of `tx` (in the lane: after the sender's earlier sends, so one that a send
 * before it made fail — the loser of a race — is refused here, not sent to revert and cost gas),
 * signs it with the local key and `nonce` and sends it; returns its hash. The hash is known
 * before sending, so when the send fails — the answer was lost, the node refuses the nonce of a
 * retransmission or calls the transaction known — a lookup tells whether this very transaction
 * is in: then it is a success, never a reason to send again.
 */
async function signAndSend(clients: WriteClients, tx: Unsigned, nonce: number): Promise<Hex> {
  const { walletClient, publicClient } = clients;
  const account = walletClient.account;
  if (!account.signTransaction) throw new Error('signAndSend: the account has no local key');
  const gas = await publicClient.estimateGas({
    ...tx,
    account,
    prepare: false,
  } as Parameters<ReadClient['estimateGas']>[0]);
  // Signed by the key itself: the wallet client's action would ask the node for the chain id.
  const serializedTransaction = await account.signTransaction(
    { ...tx, gas, nonce } as TransactionSerializable,
    { serializer: walletClient.chain?.serializers?.transaction },
  );
  const hash = keccak256(serializedTransaction);
  try {
    return await walletClient.sendRawTransaction({ serializedTransaction });
  } catch (e) {
    // The node may hold it although the answer says otherwise (a nonce refusal of a
    // retransmission, "already known") or never came (a lost answer): only the hash tells.
    const ours = await publicClient.getTransaction({ hash }).then(
      () => true,
      () => false,
    );
    if (ours) return hash;
    throw e;
  }
}

/**
 * Sends `tx` from the wallet's account with the next free nonce of its lane (see `withNonce`);
 * returns the hash. A local key's transaction is prepared outside the lane and recognised by its
 * hash when a send fails (see `signAndSend`); any other account's wallet sends it in the lane.
 */
export async function sendTransaction(clients: WriteClients, tx: TransactionToSend): Promise<Hex> {
  const { walletClient } = clients;
  const account = walletClient.account;
  if (account.type !== 'local') {
    return withNonce(clients, (nonce) =>
      walletClient.sendTransaction({
        ...tx,
        account,
        chain: walletClient.chain ?? null,
        nonce,
      } as Parameters<SignerClient['sendTransaction']>[0]),
    );
  }
  // The chain id and the fees do not depend on the sender's other sends: found before its lane,
  // in parallel with them, so the lane holds only the gas estimate, the signature and the send.
  const [chainId, fees] = await Promise.all([
    chainIdOf(walletClient),
    feesOf(clients.publicClient),
  ]);
  return withNonce(clients, (nonce) => signAndSend(clients, { ...tx, ...fees, chainId }, nonce));
}

/**
 * Runs `send(nonce)` in the sender's lane with the next free nonce. Within a process the lane
 * orders sends; across processes the node decides, and a taken nonce is retried with a fresh
 * count (bounded) — only for local keys, whose sends recognise their own transaction (see
 * `sendTransaction`), so a retry never sends one twice.
 */
async function withNonce<T>(
  clients: WriteClients,
  send: (nonce: number) => Promise<T>,
): Promise<T> {
  const address = clients.walletClient.account.address.toLowerCase();
  const key = `${await chainIdOf(clients.publicClient)}:${address}@${endpointOf(clients.publicClient)}`;
  let lane = lanes.get(key);
  if (!lane) {
    lane = { tail: Promise.resolve(), next: undefined, waiting: 0 };
    lanes.set(key, lane);
  }
  const l = lane;
  l.waiting++;
  const run = l.tail.then(async () => {
    let floor = l.next ?? 0;
    for (let attempt = 0; ; attempt++) {
      // In a burst the lane's own count is the next nonce (the node's pending count cannot be
      // higher unless another process sent: its refusal below brings a fresh count).
      const pending =
        attempt === 0 && l.next !== undefined
          ? l.next
          : await clients.publicClient.getTransactionCount({
              address: clients.walletClient.account.address,
              blockTag: 'pending',
            });
      const nonce = Math.max(pending, floor);
      try {
        const result = await send(nonce);
        l.next = nonce + 1;
        return result;
      } catch (e) {
        const local = clients.walletClient.account.type === 'local';
        if (!local || attempt >= NONCE_CONFLICT_RETRIES || !isNonceConflict(e)) throw e;
        // Someone else holds this nonce (mined, or pending where the count may not show it).
        floor = nonce + 1;
        // A random pause breaks the lockstep with a process sending just as fast.
        await new Promise((r) => setTimeout(r, (10 + Math.random() * 40) * (attempt + 1)));
      }
    }
  });
  l.tail = run.then(
    () => undefined,
    () => undefined,
  );
  try {
    return await run;
  } finally {
    l.waiting--;
    if (l.waiting === 0) l.next = undefined;
  }
}

/** Checks in a row that must not find the transaction before it counts as dropped. */
const DROPPED_AFTER_MISSES = 3;
const DROP_CHECK_MS = 2_000;

/**
 * Why the node will never mine the transaction now, or null while it may: it no longer knows it,
 * or it waits behind a nonce gap (the sender's transactions before it were dropped: a reorg took
 * the blocks they were in, or the pool evicted them). An RPC that does not answer says nothing.
 */
async function unmineable(publicClient: ReadClient, hash: Hex): Promise<string | null> {
  const tx = await publicClient.getTransaction({ hash }).then(
    (t) => t,
    (e: unknown) =>
      someCause(e, (x) => x.name === 'TransactionNotFoundError') ? ('gone' as const) : null,
  );
  if (tx === 'gone') return 'the node no longer knows it (a reorg or an evicted pool entry)';
  if (tx === null || tx.blockNumber !== null) return null;
  // The sender's next nonce counts every one of its transactions the node can run: one at or past it
  // waits for transactions the node does not have.
  const next = await publicClient
    .getTransactionCount({ address: tx.from, blockTag: 'pending' })
    .catch(() => null);
  if (next === null || tx.nonce < next) return null;
  return `it waits behind a nonce gap (nonce ${tx.nonce}, the node's next for ${tx.from} is ${next}: the transactions before it were dropped by a reorg or an evicted pool entry)`;
}

/**
 * Waits for the receipt; meanwhile looks every few seconds itself. viem's wait asks for the
 * receipt when a new block appears; a receipt not yet indexed when its own block was first seen
 * (anvil under load: the block is counted before its receipts are served) is then asked for
 * again only at the next block, and a chain that mines only when sent to (anvil, a quiet
 * devnet) may make none: the look finds it. The look also watches that the node can still mine
 * the transaction: one a reorg or a pool eviction dropped, or one behind the gap they left,
 * never gets a receipt; rather than wait out the timeout, it is reported (retryable) after a
 * few looks in a row, and the lanes recount their nonces.
 */
async function receiptOf(publicClient: ReadClient, hash: Hex): Promise<TransactionReceipt> {
  const stop = new AbortController();
  let dropped: string | null = null;
  let found: TransactionReceipt | null = null;
  const watch = (async () => {
    let misses = 0;
    while (!stop.signal.aborted) {
      // A pause that ends early when the receipt came (the send must not wait for it).
      await sleep(DROP_CHECK_MS, stop.signal);
      if (stop.signal.aborted) return;
      found = await publicClient.getTransactionReceipt({ hash }).catch(() => null);
      if (found) {
        stop.abort();
        return;
      }
      const why = await unmineable(publicClient, hash);
      misses = why === null ? 0 : misses + 1;
      if (why !== null && misses >= DROPPED_AFTER_MISSES) {
        dropped = why;
        stop.abort();
      }
    }
  })();
  try {
    return await publicClient.waitForTransactionReceipt({ hash, signal: stop.signal });
  } catch (e) {
    if (found) return found;
    if (dropped === null) throw e;
    for (const l of lanes.values()) l.next = undefined;
    throw new Error(`transaction ${hash} was dropped: ${dropped}`);
  } finally {
    stop.abort();
    await watch;
  }
}

/** Waits for a receipt and insists on success. */
export function waitForSuccess(
  publicClient: ReadClient,
  hash: Hex,
  functionName: string,
): ResultAsync<SentTransaction, RpcError | TransactionRevertedError> {
  return ResultAsync.fromPromise(
    receiptOf(publicClient, hash),
    (e) => new RpcError('eth_getTransactionReceipt', { details: describe(e), cause: e }),
  ).andThen((receipt) =>
    receipt.status === 'success'
      ? okAsync({ transactionHash: hash, blockNumber: receipt.blockNumber, receipt })
      : errAsync(new TransactionRevertedError(functionName, hash)),
  );
}

/** True when the node's gas estimate (or the send) reverted: the reason is in a simulation. */
function revertedOnSend(error: unknown): boolean {
  return someCause(
    error,
    (e) => e.name === 'ExecutionRevertedError' || e.name === 'EstimateGasExecutionError',
  );
}

/** Simulates, sends and waits for `call` from the wallet client's account. */
export function sendContract<
  const abi extends Abi,
  name extends ContractFunctionName<abi, Mutability>,
>(
  clients: WriteClients,
  call: ContractCall<abi, name>,
): ResultAsync<SentTransaction, WriteErrorType> {
  const { publicClient, walletClient } = clients;
  const account = walletClient.account;
  const simulate = () =>
    ResultAsync.fromPromise(
      publicClient.simulateContract({
        abi: call.abi,
        address: call.address,
        functionName: call.functionName,
        args: call.args,
        account,
        ...(call.value === undefined ? {} : { value: call.value }),
      } as Parameters<ReadClient['simulateContract']>[0]),
      (e) => toChainError(e, call.functionName),
    );
  return simulate()
    .andThen(() =>
      ResultAsync.fromPromise(
        sendTransaction(clients, {
          to: call.address,
          data: encodeFunctionData({
            abi: call.abi,
            functionName: call.functionName,
            args: call.args,
          } as Parameters<typeof encodeFunctionData>[0]),
          value: call.value,
        }),
        (e) => toChainError(e, call.functionName),
      ).orElse((error) =>
        // The state changed between simulation and sending (another transaction won a race) and
        // gas estimation reverted without a decodable reason: simulate again to name it.
        (error.code === 'CONTRACT_REVERT' && !error.errorName) || revertedOnSend(error)
          ? simulate().andThen(() => errAsync(error))
          : errAsync(error),
      ),
    )
    .andThen((hash) => waitForSuccess(publicClient, hash, call.functionName));
}

/** Reads a view function with errors mapped to typed ones; the result is typed from the ABI. */
export function readContract<
  const abi extends Abi,
  name extends ContractFunctionName<abi, ReadOnly>,
>(
  publicClient: ReadClient,
  call: ContractRead<abi, name>,
): ResultAsync<ReadContractReturnType<abi, name>, ContractRevertError | RpcError> {
  return ResultAsync.fromPromise(
    publicClient.readContract({
      abi: call.abi,
      address: call.address,
      functionName: call.functionName,
      args: call.args,
      ...(call.blockNumber === undefined ? {} : { blockNumber: call.blockNumber }),
    } as Parameters<ReadClient['readContract']>[0]) as Promise<ReadContractReturnType<abi, name>>,
    (e) => toChainError(e, call.functionName),
  );
}
