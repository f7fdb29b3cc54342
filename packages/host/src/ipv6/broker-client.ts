/**
 * The host's IPv6 broker client (host.md, "IPv6 broker") as a durable state machine in the
 * journal. Each `stepBrokerClient` call does one bounded piece of work and records where it
 * got to, so a daemon restart resumes exactly there:
 *
 *   requesting ──submitRequest──▶ waiting ──answer for our id──▶ answered
 *        ▲                           │ deadline (attempts left)        │ renewed answers
 *        └───────────────────────────┘                                 ▼
 *   failed (reason): broker-unknown, request-refused, answer-undecryptable, answer-invalid,
 *                    no-answer — until the operator runs `blockhost ipv6 retry`.
 *
 * A request is prepared (payload stored) before it is sent; after a crash the payload finds
 * the sent request on chain, so one answer is never asked for twice. Answers are accepted only
 * from the broker's registered responder and only for the current request id.
 */
import {
  type BrokerAnswer,
  decryptBrokerAnswer,
  encryptBrokerRequest,
  findBrokerRequest,
  getBroker,
  type ReadClient,
  scanBrokerAnswers,
  submitBrokerRequest,
  type WriteClients,
} from '@blockhost/chain';
import {
  checkRoutedPrefix,
  type DbConfig,
  ipv6InCidr,
  parseIpv6,
  parseIpv6Cidr,
  sameAddress,
} from '@blockhost/core';
import type { Address, Hex } from 'viem';
import type { Secret } from '../config/secret.js';
import type { Db } from '../db/open.js';
import {
  type BrokerReason,
  type BrokerRow,
  getBrokerRow,
  logBroker,
  patchBrokerRow,
  putBrokerRow,
} from './journal.js';

export type BrokerConfig = NonNullable<DbConfig['ipv6']['broker']>;

export interface BrokerClientContext {
  readonly db: Db;
  readonly broker: BrokerConfig;
  /** Reads the broker's chain (registry, requests, blocks with the answers). */
  readonly client: ReadClient;
  /** Sends `submitRequest` from the server key on the broker's chain. */
  readonly writer: WriteClients;
  /** The server key: its address receives answers, its key decrypts them. */
  readonly serverKey: Secret<Hex>;
  readonly serverAddress: Address;
  readonly serverPublicKey: Hex;
  /** The host's access NFT contract (named in the request). */
  readonly nftContract: Address;
  /** The host's WireGuard public key (the private key stays in its file). */
  readonly wgPublicKey: string;
  /** Unix ms. */
  readonly now: () => number;
  /** VMs (descriptions) holding an IPv6 address inside `prefix`: the renumbering policy asks. */
  readonly holders: (prefix: string) => string[];
  /** Blocks read per step when looking for answers (default 200). */
  readonly maxBlocksPerStep?: number;
}

export interface BrokerStepResult {
  readonly row: BrokerRow;
  /** True when the accepted answer changed (the host's network must follow). */
  readonly answerChanged: boolean;
}

const short = (e: { shortMessage?: string; message: string }) =>
  (e.shortMessage ?? e.message).split('\n')[0]!;

export async function stepBrokerClient(ctx: BrokerClientContext): Promise<BrokerStepResult> {
  const { db, broker } = ctx;
  const now = ctx.now();
  let row = getBrokerRow(db);
  const note = (state: string, reason: BrokerReason | null, message: string) =>
    logBroker(db, { at: now, state, reason, message });

  // A new broker in db.yaml, or a new WireGuard key: a fresh request.
  if (
    !row ||
    !sameAddress(row.registry, broker.registry) ||
    !sameAddress(row.requests, broker.requests) ||
    row.wgPublicKey !== ctx.wgPublicKey
  ) {
    const why = !row
      ? 'first request'
      : row.wgPublicKey !== ctx.wgPublicKey
        ? 'the WireGuard key changed'
        : 'the broker in db.yaml changed';
    // A new key for the same broker keeps the accepted answer until the next one comes, so a
    // changed prefix meets the renumbering policy like any renewal.
    const keep =
      row &&
      sameAddress(row.registry, broker.registry) &&
      sameAddress(row.requests, broker.requests)
        ? { answer: row.answer, answerTx: row.answerTx, answeredAt: row.answeredAt }
        : {};
    putBrokerRow(db, { ...freshRow(broker, ctx.wgPublicKey), ...keep }, now);
    note('requesting', null, `new request to broker ${broker.requests} (${why})`);
    row = getBrokerRow(db)!;
  }
  const done = (answerChanged = false): BrokerStepResult => ({
    row: getBrokerRow(db)!,
    answerChanged,
  });
  const fail = (reason: BrokerReason, message: string) => {
    patchBrokerRow(db, { state: 'failed', reason, message }, now);
    note('failed', reason, message);
    return done();
  };
  /** A passing problem (the RPC): noted on the row, retried next step. */
  const notice = (reason: BrokerReason, message: string) => {
    patchBrokerRow(db, { reason, message }, now);
    return done();
  };

  if (row.state === 'failed') return done();

  const info = await getBroker(ctx.client, {
    registry: broker.registry,
    requests: broker.requests,
  });
  if (info.isErr()) {
    if (info.error.code === 'BROKER_NOT_FOUND') {
      // Keep a working answer: the tunnel may go on; a new request is what is impossible.
      if (row.state === 'answered') return notice('broker-unknown', short(info.error));
      return fail('broker-unknown', short(info.error));
    }
    return notice('rpc-error', `reading the broker registry: ${short(info.error)}`);
  }
  const { publicKey, responder } = info.value;

  if (row.state === 'requesting')
    return request(ctx, row, publicKey, now, { fail, notice, note, done });
  return lookForAnswers(ctx, row, responder, now, { fail, notice, note, done });
}

function freshRow(broker: BrokerConfig, wgPublicKey: string): Omit<BrokerRow, 'updatedAt'> {
  return {
    state: 'requesting',
    reason: null,
    message: null,
    registry: broker.registry,
    requests: broker.requests,
    wgPublicKey,
    attempts: 0,
    payload: null,
    preparedBlock: null,
    requestId: null,
    requestBlock: null,
    requestTx: null,
    requestedAt: null,
    scannedTo: null,
    answer: null,
    answerTx: null,
    answeredAt: null,
  };
}

interface Outcomes {
  fail(reason: BrokerReason, message: string): BrokerStepResult;
  notice(reason: BrokerReason, message: string): BrokerStepResult;
  note(state: string, reason: BrokerReason | null, message: string): void;
  done(answerChanged?: boolean): BrokerStepResult;
}

async function request(
  ctx: BrokerClientContext,
  row: BrokerRow,
  brokerPublicKey: Hex,
  now: number,
  o: Outcomes,
): Promise<BrokerStepResult> {
  const { db, broker } = ctx;
  const head = await ctx.client.getBlockNumber().then(
    (n) => n,
    (e: Error) => e,
  );
  if (head instanceof Error) return o.notice('rpc-error', `reading the head block: ${short(head)}`);
  let payload = row.payload;
  if (!payload) {
    const enc = encryptBrokerRequest(brokerPublicKey, {
      wgPubkey: ctx.wgPublicKey,
      nftContract: ctx.nftContract,
      serverPubkey: ctx.serverPublicKey,
    });
    if (enc.isErr())
      return o.fail('broker-unknown', `the registry's key for the broker: ${short(enc.error)}`);
    payload = enc.value;
    // Recorded before sending: after a crash this payload finds the request that went out.
    patchBrokerRow(db, { payload, preparedBlock: head }, now);
  } else if (row.preparedBlock !== null) {
    const found = await findBrokerRequest(ctx.client, {
      requests: broker.requests,
      requester: ctx.serverAddress,
      encryptedPayload: payload,
      fromBlock: row.preparedBlock,
      toBlock: head,
    });
    if (found.isErr())
      return o.notice('rpc-error', `looking for a sent request: ${short(found.error)}`);
    if (found.value) return sent(ctx, row, found.value, now, o, 'found on chain after a restart');
  }
  const r = await submitBrokerRequest(ctx.writer, {
    requests: broker.requests,
    nftContract: ctx.nftContract,
    encryptedPayload: payload,
  });
  if (r.isErr()) {
    if (r.error.code === 'CONTRACT_REVERT' || r.error.code === 'TRANSACTION_REVERTED')
      return o.fail('request-refused', `submitRequest to ${broker.requests}: ${short(r.error)}`);
    return o.notice('rpc-error', `sending the request: ${short(r.error)}`);
  }
  return sent(ctx, row, r.value, now, o, `tx ${r.value.transactionHash}`);
}

function sent(
  ctx: BrokerClientContext,
  row: BrokerRow,
  req: { requestId: bigint; blockNumber: bigint; transactionHash: Hex },
  now: number,
  o: Outcomes,
  how: string,
): BrokerStepResult {
  const attempts = row.attempts + 1;
  patchBrokerRow(
    ctx.db,
    {
      state: 'waiting',
      reason: null,
      message: null,
      attempts,
      requestId: req.requestId,
      requestBlock: req.blockNumber,
      requestTx: req.transactionHash,
      requestedAt: now,
      scannedTo: req.blockNumber - 1n,
    },
    now,
  );
  o.note(
    'waiting',
    null,
    `request ${req.requestId} sent (${how}; request ${attempts} of ${ctx.broker.max_requests}); waiting up to ${ctx.broker.answer_timeout_s} s for the answer`,
  );
  return o.done();
}

/** Checks what a decrypted answer assigns; null when usable, else what is wrong. */
export function answerProblem(answer: BrokerAnswer): string | null {
  const plan = checkRoutedPrefix(answer.prefix);
  if (plan.isErr())
    return `prefix ${answer.prefix}: ${plan.error.expected}${plan.error.hint ? ` (${plan.error.hint})` : ''}`;
  const gw = parseIpv6(answer.gateway);
  const cidr = parseIpv6Cidr(answer.prefix);
  if (gw.isOk() && cidr.isOk() && ipv6InCidr(gw.value, cidr.value))
    return `gateway ${answer.gateway}: the broker's tunnel address must lie outside the assigned prefix ${answer.prefix}`;
  return null;
}

async function lookForAnswers(
  ctx: BrokerClientContext,
  row: BrokerRow,
  responder: Address,
  now: number,
  o: Outcomes,
): Promise<BrokerStepResult> {
  const { db, broker } = ctx;
  const requestId = row.requestId!;
  const head = await ctx.client.getBlockNumber().then(
    (n) => n,
    (e: Error) => e,
  );
  if (head instanceof Error) return o.notice('rpc-error', `reading the head block: ${short(head)}`);
  const from = (row.scannedTo ?? row.requestBlock ?? head) + 1n;
  const scan = await scanBrokerAnswers(ctx.client, {
    server: ctx.serverAddress,
    responder,
    fromBlock: from,
    toBlock: head,
    maxBlocks: ctx.maxBlocksPerStep ?? 200,
  });
  if (scan.isErr())
    return o.notice('rpc-error', `reading blocks for the answer: ${short(scan.error)}`);

  let state = row.state;
  let current = row.answer;
  let changed = false;
  const patch: Parameters<typeof patchBrokerRow>[1] = { scannedTo: scan.value.scannedTo };
  for (const tx of scan.value.answers) {
    if (tx.requestId !== requestId) {
      const m = `ignored an answer for request ${tx.requestId} (tx ${tx.transactionHash}); this host waits for request ${requestId}`;
      o.note(state, 'answer-other-request', m);
      Object.assign(patch, { reason: 'answer-other-request', message: m });
      continue;
    }
    const opened = decryptBrokerAnswer(ctx.serverKey.reveal(), tx.data);
    const problem = opened.isErr() ? null : answerProblem(opened.value.answer);
    if (opened.isErr() || problem) {
      const reason: BrokerReason = opened.isErr()
        ? opened.error.reason === 'not-decryptable' || opened.error.reason === 'too-short'
          ? 'answer-undecryptable'
          : 'answer-invalid'
        : 'answer-invalid';
      const what = opened.isErr() ? short(opened.error) : problem!;
      const m = `the broker's answer to request ${requestId} (tx ${tx.transactionHash}) ${reason === 'answer-undecryptable' ? 'does not decrypt with the server key' : 'is unusable'}: ${what}`;
      if (state === 'waiting') {
        patchBrokerRow(db, patch, now);
        return o.fail(reason, m);
      }
      // A bad renewal does not take away a working answer.
      o.note(state, reason, `${m}; the accepted answer stays`);
      Object.assign(patch, { reason, message: `${m}; the accepted answer stays` });
      continue;
    }
    const answer = opened.value.answer;
    if (!current) {
      state = 'answered';
      current = answer;
      changed = true;
      Object.assign(patch, {
        state,
        reason: null,
        message: null,
        answer,
        answerTx: tx.transactionHash,
        answeredAt: now,
      });
      o.note(
        'answered',
        null,
        `request ${requestId} answered (tx ${tx.transactionHash}): prefix ${answer.prefix}, broker ${answer.brokerEndpoint}`,
      );
      continue;
    }
    // A renewed answer (or the answer to a retry while one was accepted). The same prefix:
    // take its tunnel details. Another prefix: renumbering is refused while any VM holds an
    // address of the old one (see docs/ipv6.md).
    if (state === 'waiting') {
      state = 'answered';
      patch.state = state;
    }
    if (answer.prefix !== current.prefix) {
      const held = ctx.holders(current.prefix);
      if (held.length > 0) {
        const m = `the broker now assigns ${answer.prefix} instead of ${current.prefix} (tx ${tx.transactionHash}); refused: ${held.length} VM${held.length === 1 ? '' : 's'} hold${held.length === 1 ? 's' : ''} addresses in ${current.prefix} (${held.slice(0, 10).join(', ')}). The host keeps ${current.prefix}; see docs/ipv6.md, "A changed prefix"`;
        o.note(state, 'prefix-change-refused', m);
        Object.assign(patch, { reason: 'prefix-change-refused', message: m });
        continue;
      }
    }
    const same = JSON.stringify(answer) === JSON.stringify(current);
    current = answer;
    changed = changed || !same;
    const m = same
      ? `request ${requestId} answered again, unchanged (tx ${tx.transactionHash})`
      : `request ${requestId} answered again (tx ${tx.transactionHash}): prefix ${answer.prefix}, broker ${answer.brokerEndpoint}`;
    o.note(state, 'answer-renewed', m);
    Object.assign(patch, {
      answer,
      answerTx: tx.transactionHash,
      answeredAt: now,
      reason: 'answer-renewed',
      message: m,
    });
  }

  if (state === 'waiting' && row.requestedAt !== null) {
    const deadline = row.requestedAt + broker.answer_timeout_s * 1000;
    if (now >= deadline) {
      patchBrokerRow(db, patch, now);
      if (row.attempts >= broker.max_requests)
        return o.fail(
          'no-answer',
          `no answer from the broker to request ${requestId} within ${broker.answer_timeout_s} s (${row.attempts} request${row.attempts === 1 ? '' : 's'} sent)`,
        );
      const m = `no answer to request ${requestId} within ${broker.answer_timeout_s} s; asking again (request ${row.attempts + 1} of ${broker.max_requests})`;
      patchBrokerRow(
        db,
        {
          state: 'requesting',
          payload: null,
          preparedBlock: null,
          reason: 'deadline-passed',
          message: m,
        },
        now,
      );
      o.note('requesting', 'deadline-passed', m);
      return o.done();
    }
  }
  patchBrokerRow(db, patch, now);
  return o.done(changed);
}

/** The operator's `blockhost ipv6 retry`: a failed (or any) client starts a fresh request. */
export function resetBrokerClient(db: Db, now: number): boolean {
  const row = getBrokerRow(db);
  if (!row) return false;
  patchBrokerRow(
    db,
    {
      state: 'requesting',
      reason: null,
      message: null,
      attempts: 0,
      payload: null,
      preparedBlock: null,
    },
    now,
  );
  logBroker(db, {
    at: now,
    state: 'requesting',
    reason: null,
    message:
      'retry asked by the operator: a fresh request (an accepted answer stays until a new one comes)',
  });
  return true;
}
