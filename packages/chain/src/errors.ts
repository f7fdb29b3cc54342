/**
 * Typed errors of @blockhost/chain. Every public function returns them inside a neverthrow
 * `Result`; none is thrown through.
 */
import { BlockhostError, type BlockhostErrorOptions } from '@blockhost/core';

/**
 * The base of every error `@blockhost/chain` returns: `instanceof ChainError`
 * tells a chain failure from others; `code` names the kind.
 */
export abstract class ChainError extends BlockhostError {}

/** A contract call or transaction reverted; `errorName`/`args` are the decoded custom error. */
export class ContractRevertError extends ChainError {
  readonly code = 'CONTRACT_REVERT';
  readonly functionName: string;
  /** Custom error name (e.g. `PlanNotFound`), `Error` for a string reason, or undefined. */
  readonly errorName: string | undefined;
  readonly args: readonly unknown[];
  /** The `revert("…")` string, when the contract used one. */
  readonly reason: string | undefined;
  constructor(
    functionName: string,
    revert: {
      errorName?: string | undefined;
      args?: readonly unknown[];
      reason?: string | undefined;
    },
    options: BlockhostErrorOptions = {},
  ) {
    const what = revert.errorName
      ? `${revert.errorName}(${(revert.args ?? []).map(String).join(', ')})`
      : (revert.reason ?? 'without a reason');
    super(`${functionName} reverted: ${what}`, options);
    this.functionName = functionName;
    this.errorName = revert.errorName;
    this.args = revert.args ?? [];
    this.reason = revert.reason;
  }
}

/** The RPC could not be reached or answered with an error that is not a revert. */
export class RpcError extends ChainError {
  readonly code = 'RPC_ERROR';
  readonly method: string;
  constructor(method: string, options: BlockhostErrorOptions = {}) {
    super(`RPC request ${method} failed`, {
      hint: 'check the RPC URLs in web3-defaults.yaml and that the node is reachable',
      ...options,
    });
    this.method = method;
  }

  /**
   * The RPC gave no answer at all: the connection failed or timed out, or a gateway had no node
   * behind it (HTTP 408, 429, 5xx). Nothing is known about the request itself, so it is worth
   * waiting for the RPC rather than counting a failed try. A node's own error answer is not this.
   */
  get unreachable(): boolean {
    return noAnswer(this.cause);
  }
}

/** viem's errors of a transport that got no answer (its JSON-RPC errors are `RpcRequestError`). */
const TRANSPORT_FAILURES = new Set([
  'HttpRequestError',
  'TimeoutError',
  'SocketClosedError',
  'WebSocketRequestError',
]);

const gatewayStatus = (status: unknown) =>
  typeof status === 'number' && (status === 408 || status === 429 || status >= 500);

function noAnswer(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 10; depth++) {
    const { name, status } = e as { name?: unknown; status?: unknown };
    if (typeof name === 'string' && TRANSPORT_FAILURES.has(name))
      return status === undefined || gatewayStatus(status);
    if (name === 'RpcRequestError' && gatewayStatus(status)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** A transaction was mined but reverted (often: another transaction changed the state first). */
export class TransactionRevertedError extends ChainError {
  readonly code = 'TRANSACTION_REVERTED';
  readonly functionName: string;
  readonly transactionHash: `0x${string}`;
  constructor(
    functionName: string,
    transactionHash: `0x${string}`,
    options: BlockhostErrorOptions = {},
  ) {
    super(`${functionName} transaction ${transactionHash} reverted on chain`, options);
    this.functionName = functionName;
    this.transactionHash = transactionHash;
  }
}

/**
 * A subscription already has an access token, but not one minted to the address asked for: it is
 * not the result of an earlier mint for that recipient, so it is not reported as "already minted".
 */
export class AccessTokenConflictError extends BlockhostError {
  readonly code = 'ACCESS_TOKEN_CONFLICT';
  readonly subscriptionId: bigint;
  readonly tokenId: bigint;
  /** Who holds the token now. */
  readonly owner: `0x${string}`;
  /** Whom it was minted to (null when the contract cannot tell: an older deployment). */
  readonly mintedTo: `0x${string}` | null;
  readonly expected: `0x${string}`;
  constructor(
    p: {
      subscriptionId: bigint;
      tokenId: bigint;
      owner: `0x${string}`;
      mintedTo: `0x${string}` | null;
      expected: `0x${string}`;
    },
    options: BlockhostErrorOptions = {},
  ) {
    super(
      `subscription ${p.subscriptionId} already has token ${p.tokenId}, minted to ${p.mintedTo ?? 'an unknown address'} (now held by ${p.owner}), not to ${p.expected}`,
      {
        hint: 'a token of a subscription always goes to its buyer; if it went elsewhere, the admin wallet can move it (reassignAccessToken)',
        ...options,
      },
    );
    this.subscriptionId = p.subscriptionId;
    this.tokenId = p.tokenId;
    this.owner = p.owner;
    this.mintedTo = p.mintedTo;
    this.expected = p.expected;
  }
}

/** A receipt lacked the event a write expects (e.g. no `AccessTokenMinted` after `mint`). */
export class MissingEventError extends ChainError {
  readonly code = 'MISSING_EVENT';
  readonly eventName: string;
  constructor(eventName: string, transactionHash: string, options: BlockhostErrorOptions = {}) {
    super(`transaction ${transactionHash} has no ${eventName} event`, options);
    this.eventName = eventName;
  }
}

export type EventDecodeReason =
  | 'unknown-address'
  | 'no-topics'
  | 'unknown-event'
  | 'bad-data'
  | 'pending-log'
  | 'not-a-log';

/** A log could not be decoded as an event of the BlockHost contracts. */
export class EventDecodeError extends ChainError {
  readonly code = 'EVENT_DECODE';
  readonly reason: EventDecodeReason;
  constructor(reason: EventDecodeReason, options: BlockhostErrorOptions = {}) {
    super(`log is not a BlockHost event: ${reason}`, options);
    this.reason = reason;
  }
}

/** An existing deployment is not what BlockHost expects (missing code, interface or roles). */
export class DeploymentVerificationError extends ChainError {
  readonly code = 'DEPLOYMENT_INVALID';
  readonly problems: readonly string[];
  constructor(problems: readonly string[], options: BlockhostErrorOptions = {}) {
    super(`deployment check failed: ${problems[0] ?? 'unknown problem'}`, {
      details: problems.join('; '),
      hint: 'check the contract addresses in web3-defaults.yaml, or grant the roles with the admin wallet',
      ...options,
    });
    this.problems = problems;
  }
}

/** Bad arguments to a chain function (caught before anything is sent). */
export class ChainInputError extends ChainError {
  readonly code = 'CHAIN_INPUT';
  readonly what: string;
  constructor(what: string, expected: string, options: BlockhostErrorOptions = {}) {
    super(`${what}: expected ${expected}`, options);
    this.what = what;
  }
}

// ------------------------------------------------------------------ crypto

export type CryptoErrorReason =
  | 'empty'
  | 'not-hex'
  | 'too-short'
  | 'too-long'
  | 'invalid-point'
  | 'invalid-key'
  | 'not-decryptable'
  | 'not-a-signature'
  | 'wrong-signer'
  | 'bad-plaintext';

/**
 * Encrypted data or a key/signature that cannot be used. `reason` is stable for programs;
 * the message says what was expected.
 */
export class CryptoError extends ChainError {
  readonly code = 'CRYPTO';
  readonly reason: CryptoErrorReason;
  constructor(
    reason: CryptoErrorReason,
    shortMessage: string,
    options: BlockhostErrorOptions = {},
  ) {
    super(shortMessage, options);
    this.reason = reason;
  }
}

// ------------------------------------------------------------------ scanner

/** A reorg went below every block the scanner still remembers; it cannot find the fork point. */
export class ReorgTooDeepError extends ChainError {
  readonly code = 'REORG_TOO_DEEP';
  readonly oldestKnownBlock: bigint;
  constructor(oldestKnownBlock: bigint, options: BlockhostErrorOptions = {}) {
    super(`reorg deeper than the remembered window (oldest block ${oldestKnownBlock})`, {
      hint: 'raise maxReorgDepth, or reset the scanner cursor to a block before the fork and rescan',
      ...options,
    });
    this.oldestKnownBlock = oldestKnownBlock;
  }
}

/** The stored checkpoint belongs to another chain or other contracts, or is unreadable. */
export class CheckpointError extends ChainError {
  readonly code = 'CHECKPOINT';
  constructor(shortMessage: string, options: BlockhostErrorOptions = {}) {
    super(shortMessage, {
      hint: 'use a fresh store for a new deployment; do not share one between chains',
      ...options,
    });
  }
}

/** The scanner's store failed to load or commit. */
export class StoreError extends ChainError {
  readonly code = 'STORE';
  readonly operation: 'load' | 'commit';
  constructor(operation: 'load' | 'commit', options: BlockhostErrorOptions = {}) {
    super(`scanner store ${operation} failed`, options);
    this.operation = operation;
  }
}

/** Even a one-block `eth_getLogs` was refused as too large. */
export class LogRangeError extends ChainError {
  readonly code = 'LOG_RANGE';
  readonly fromBlock: bigint;
  readonly toBlock: bigint;
  constructor(fromBlock: bigint, toBlock: bigint, options: BlockhostErrorOptions = {}) {
    super(`eth_getLogs ${fromBlock}..${toBlock} refused even at the smallest range`, {
      hint: 'use an RPC without a response size limit for this chain',
      ...options,
    });
    this.fromBlock = fromBlock;
    this.toBlock = toBlock;
  }
}

/** Any error a scanner step can return. */
export type ScanError = RpcError | ReorgTooDeepError | CheckpointError | StoreError | LogRangeError;

/** Message of an unknown thrown value, for `details`. */
export function describe(error: unknown): string {
  if (error instanceof Error) {
    const short = (error as { shortMessage?: unknown }).shortMessage;
    const details = (error as { details?: unknown }).details;
    const head = typeof short === 'string' ? short : error.message.split('\n')[0]!;
    return typeof details === 'string' && details && !head.includes(details)
      ? `${head} (${details})`
      : head;
  }
  return String(error);
}
