/**
 * The access tokens' half of the state sweep: who holds each token, as the
 * journal folded it from Transfer events, compared with `ownerOf` as every
 * configured RPC answers it (the scanner follows one of them, which may be the
 * one that lies). Where any answer differs, the token's Transfer events are
 * read again from every RPC and the journal keeps those a quorum returns: a
 * forged event is taken out (marked removed, like an event of an orphaned
 * block), a missed one put in. Then an owner sync still waiting for the old
 * answer is cancelled.
 */
import {
  accessCredentialNftAbi,
  type BlockhostContracts,
  decodeBlockhostLog,
  ownerOf,
  type ReadClient,
} from '@blockhost/chain';
import { sameAddress } from '@blockhost/core';
import { encodeEventTopics, numberToHex } from 'viem';
import { setJobState } from '../db/jobs.js';
import { emptyAffected, insertEvents, type JournalEvent } from '../db/journal.js';
import type { Db } from '../db/open.js';
import { refold } from '../db/projection.js';
import { type ChainView, quorumOf } from '../trust/quorum.js';
import { toJournalEvent } from './scan-store.js';

export interface SweepTokensOptions {
  db: Db;
  /** Every configured RPC on its own: each is asked who holds each token; a repair keeps what a quorum returns. */
  views: readonly ChainView[];
  contracts: BlockhostContracts;
  deployBlock: bigint;
  /** Compare as of this block (the scanner's cursor). */
  atBlock: bigint;
  maxLogRange: number;
  /** At most this many tokens are repaired per sweep. */
  maxRepairs?: number;
}

export interface SweepTokensResult {
  checked: number;
  /** Tokens whose journal owner differed from the chain's. */
  suspects: string[];
  removedEvents: number;
  insertedEvents: number;
  /** Owner syncs cancelled because the owner they were for was not the chain's. */
  cancelledJobs: number[];
}

const TRANSFER = encodeEventTopics({ abi: accessCredentialNftAbi, eventName: 'Transfer' })[0]!;

/** The token's Transfer logs as one RPC returns them, by journal key. */
async function transfersFrom(
  client: ReadClient,
  o: SweepTokensOptions,
  tokenId: bigint,
): Promise<Map<string, JournalEvent>> {
  const out = new Map<string, JournalEvent>();
  for (let from = o.deployBlock; from <= o.atBlock; from += BigInt(o.maxLogRange)) {
    const last = from + BigInt(o.maxLogRange) - 1n;
    const logs = await client.getLogs({
      address: o.contracts.nft,
      // Transfer(from, to, tokenId): the token id is the third indexed topic.
      topics: [TRANSFER, null, null, numberToHex(tokenId, { size: 32 })],
      fromBlock: from,
      toBlock: last < o.atBlock ? last : o.atBlock,
    } as Parameters<ReadClient['getLogs']>[0]);
    for (const l of logs) {
      const e = decodeBlockhostLog(l, o.contracts);
      if (e.isOk() && e.value.eventName === 'Transfer') {
        const j = toJournalEvent(e.value);
        out.set(`${j.key}@${j.blockHash}`, j);
      }
    }
  }
  return out;
}

export async function sweepTokens(o: SweepTokensOptions): Promise<SweepTokensResult> {
  const tokens = o.db.prepare('SELECT token_id, owner, subscription_id FROM tokens').all() as {
    token_id: string;
    owner: string;
    subscription_id: string | null;
  }[];
  const result: SweepTokensResult = {
    checked: tokens.length,
    suspects: [],
    removedEvents: 0,
    insertedEvents: 0,
    cancelledJobs: [],
  };
  for (const t of tokens) {
    const answers = await Promise.all(
      o.views.map((v) =>
        ownerOf(v.client, {
          address: o.contracts.nft,
          tokenId: BigInt(t.token_id),
          blockNumber: o.atBlock,
        }),
      ),
    );
    // An RPC that cannot answer (down, or behind the cursor) raises no suspicion.
    if (answers.every((a) => a.isErr() || sameAddress(a.value, t.owner))) continue;
    result.suspects.push(t.token_id);
  }
  const needed = quorumOf(o.views.length);
  for (const id of result.suspects.slice(0, o.maxRepairs ?? 20)) {
    const answers = await Promise.all(
      o.views.map((v) => transfersFrom(v.client, o, BigInt(id)).catch(() => null)),
    );
    if (answers.filter((a) => a !== null).length < needed) continue; // too few RPCs answered
    const count = new Map<string, { n: number; event: JournalEvent }>();
    for (const a of answers) {
      for (const [k, event] of a ?? []) count.set(k, { n: (count.get(k)?.n ?? 0) + 1, event });
    }
    const agreed = [...count.values()].filter((c) => c.n >= needed).map((c) => c.event);
    const agreedKeys = new Set(agreed.map((e) => e.key));
    o.db
      .transaction(() => {
        const live = o.db
          .prepare(
            "SELECT key, block_number FROM events WHERE token_id = ? AND name = 'Transfer' AND removed = 0",
          )
          .all(id) as { key: string; block_number: number }[];
        const affected = emptyAffected();
        affected.tokens.add(id);
        for (const e of live) {
          if (e.block_number > Number(o.atBlock) || agreedKeys.has(e.key)) continue;
          o.db.prepare('UPDATE events SET removed = 1 WHERE key = ?').run(e.key);
          result.removedEvents++;
        }
        result.insertedEvents += insertEvents(o.db, agreed, Date.now(), affected);
        refold(o.db, affected);
        const now = o.db
          .prepare('SELECT owner, subscription_id FROM tokens WHERE token_id = ?')
          .get(id) as { owner: string; subscription_id: string | null } | undefined;
        // An owner sync for anyone but the chain's owner is cancelled (it waits, or waits for
        // an operator after a refusal).
        const waiting = o.db
          .prepare(
            `SELECT id, payload FROM jobs WHERE kind = 'syncOwner' AND subscription_id = ?
               AND state IN ('queued', 'needs_operator')`,
          )
          .all(now?.subscription_id ?? '') as { id: number; payload: string }[];
        for (const j of waiting) {
          const wallet = String((JSON.parse(j.payload) as { wallet?: unknown }).wallet ?? '');
          if (now && sameAddress(wallet, now.owner)) continue;
          setJobState(
            o.db,
            j.id,
            'cancelled',
            Date.now(),
            'the owner it was for is not the chain’s',
          );
          result.cancelledJobs.push(j.id);
        }
      })
      .immediate();
  }
  return result;
}
