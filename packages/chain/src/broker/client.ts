/**
 * A host's calls to the IPv6 broker: look up the broker in its registry, submit a request, find
 * a submitted request again after a crash, and find the broker's answers — plain 0-value
 * transactions to the server address, so found by reading blocks (full transactions), in
 * windows the caller bounds and resumes.
 */
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { type Address, getAddress, type Hex, isAddressEqual, parseEventLogs } from 'viem';
import type { ReadErrorType } from '../actions/plans.js';
import { ChainError, describe, RpcError, type TransactionRevertedError } from '../errors.js';
import type { ReadClient, WriteClients } from '../internal/clients.js';
import { eventFromReceipt } from '../internal/receipt.js';
import {
  readContract,
  sendContract,
  sendTransaction,
  type WriteErrorType,
  waitForSuccess,
} from '../internal/send.js';
import { brokerRegistryAbi, brokerRequestsAbi } from './abi.js';
import { brokerAnswerRequestId } from './messages.js';

/** The registry does not list the broker, or lists it as removed. */
export class BrokerNotFoundError extends ChainError {
  readonly code = 'BROKER_NOT_FOUND';
  readonly requests: Address;
  constructor(registry: Address, requests: Address, removed: boolean) {
    super(
      removed
        ? `the broker registry ${registry} lists the broker ${requests} as removed`
        : `the broker registry ${registry} has no broker ${requests}`,
      { hint: 'check ipv6.broker.registry and ipv6.broker.requests in db.yaml' },
    );
    this.requests = requests;
  }
}

export interface BrokerInfo {
  /** secp256k1 public key (0x04…) requests are encrypted to. */
  readonly publicKey: Hex;
  /** The only address whose answers count. */
  readonly responder: Address;
}

/** The broker's encryption key and answering address from the registry. */
export function getBroker(
  client: ReadClient,
  p: { readonly registry: Address; readonly requests: Address },
): ResultAsync<BrokerInfo, ReadErrorType | BrokerNotFoundError> {
  return readContract(client, {
    abi: brokerRegistryAbi,
    address: p.registry,
    functionName: 'getBroker',
    args: [p.requests],
  }).andThen(([publicKey, responder, active]) =>
    publicKey === '0x' || !active
      ? errAsync(new BrokerNotFoundError(p.registry, p.requests, publicKey !== '0x'))
      : okAsync({ publicKey, responder }),
  );
}

export interface SubmittedBrokerRequest {
  readonly requestId: bigint;
  readonly blockNumber: bigint;
  readonly transactionHash: Hex;
}

/** `submitRequest(nftContract, encryptedPayload)`; the id comes from its `RequestSubmitted`. */
export function submitBrokerRequest(
  clients: WriteClients,
  p: { readonly requests: Address; readonly nftContract: Address; readonly encryptedPayload: Hex },
): ResultAsync<SubmittedBrokerRequest, WriteErrorType | ChainError> {
  return sendContract(clients, {
    abi: brokerRequestsAbi,
    address: p.requests,
    functionName: 'submitRequest',
    args: [p.nftContract, p.encryptedPayload],
  }).andThen((sent) =>
    eventFromReceipt<{ requestId: bigint }>(
      sent.receipt,
      brokerRequestsAbi,
      p.requests,
      'RequestSubmitted',
    ).map((args) => ({
      requestId: args.requestId,
      blockNumber: sent.blockNumber,
      transactionHash: sent.transactionHash,
    })),
  );
}

/**
 * Finds a request `requester` submitted with exactly `encryptedPayload` in a block range: after
 * a crash between sending and recording, the host learns its request id instead of sending a
 * second request.
 */
export function findBrokerRequest(
  client: ReadClient,
  p: {
    readonly requests: Address;
    readonly requester: Address;
    readonly encryptedPayload: Hex;
    readonly fromBlock: bigint;
    readonly toBlock: bigint;
  },
): ResultAsync<SubmittedBrokerRequest | null, RpcError> {
  return ResultAsync.fromPromise(
    client.getLogs({
      address: p.requests,
      event: brokerRequestsAbi[2],
      args: { requester: p.requester },
      fromBlock: p.fromBlock,
      toBlock: p.toBlock,
    }),
    (e) => new RpcError('eth_getLogs', { details: describe(e), cause: e }),
  ).map((logs) => {
    const parsed = parseEventLogs({ abi: brokerRequestsAbi, logs, eventName: 'RequestSubmitted' });
    const mine = parsed.find(
      (l) => l.args.encryptedPayload.toLowerCase() === p.encryptedPayload.toLowerCase(),
    );
    return mine
      ? {
          requestId: mine.args.requestId,
          blockNumber: mine.blockNumber,
          transactionHash: mine.transactionHash,
        }
      : null;
  });
}

/** A transaction from the broker to the host that looks like an answer (not yet decrypted). */
export interface BrokerAnswerTransaction {
  readonly requestId: bigint;
  readonly data: Hex;
  readonly transactionHash: Hex;
  readonly blockNumber: bigint;
}

export interface ScanBrokerAnswersReturnType {
  readonly answers: readonly BrokerAnswerTransaction[];
  /** The last block read (the next window starts after it). */
  readonly scannedTo: bigint;
}

/**
 * Reads blocks `fromBlock` … `min(toBlock, fromBlock + maxBlocks − 1)` and returns the 0-value
 * transactions from `responder` to `server` whose data is long enough to be an answer, in chain
 * order. Transactions from anyone else are not answers (anyone can encrypt to a public key).
 */
export function scanBrokerAnswers(
  client: ReadClient,
  p: {
    readonly server: Address;
    readonly responder: Address;
    readonly fromBlock: bigint;
    readonly toBlock: bigint;
    /** Blocks per call (default 200). */
    readonly maxBlocks?: number;
    /** Parallel block reads (default 8). */
    readonly concurrency?: number;
  },
): ResultAsync<ScanBrokerAnswersReturnType, RpcError> {
  const last = p.fromBlock + BigInt(p.maxBlocks ?? 200) - 1n;
  const to = last < p.toBlock ? last : p.toBlock;
  if (to < p.fromBlock) return okAsync({ answers: [], scannedTo: p.fromBlock - 1n });
  const numbers: bigint[] = [];
  for (let n = p.fromBlock; n <= to; n++) numbers.push(n);
  const width = p.concurrency ?? 8;
  const read = async () => {
    const out: BrokerAnswerTransaction[] = [];
    for (let i = 0; i < numbers.length; i += width) {
      const blocks = await Promise.all(
        numbers
          .slice(i, i + width)
          .map((blockNumber) => client.getBlock({ blockNumber, includeTransactions: true })),
      );
      for (const block of blocks) {
        for (const tx of block.transactions) {
          if (!tx.to || tx.value !== 0n) continue;
          if (!isAddressEqual(tx.to, p.server) || !isAddressEqual(tx.from, p.responder)) continue;
          const requestId = brokerAnswerRequestId(tx.input);
          if (requestId === null) continue;
          out.push({
            requestId,
            data: tx.input,
            transactionHash: tx.hash,
            blockNumber: block.number ?? 0n,
          });
        }
      }
    }
    return { answers: out, scannedTo: to };
  };
  return ResultAsync.fromPromise(
    read(),
    (e) => new RpcError('eth_getBlockByNumber', { details: describe(e), cause: e }),
  );
}

/** Broker side: sends an answer, a 0-value transaction to the host (for the reference broker). */
export function sendBrokerAnswer(
  clients: WriteClients,
  p: { readonly to: Address; readonly data: Hex },
): ResultAsync<Hex, RpcError | TransactionRevertedError> {
  return ResultAsync.fromPromise(
    sendTransaction(clients, { to: getAddress(p.to), data: p.data, value: 0n }),
    (e) => new RpcError('eth_sendRawTransaction', { details: describe(e), cause: e }),
  ).andThen((hash) => waitForSuccess(clients.publicClient, hash, 'broker answer').map(() => hash));
}
