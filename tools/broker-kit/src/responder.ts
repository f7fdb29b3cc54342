/**
 * The reference broker's responder: follows `RequestSubmitted` on its requests contract, opens
 * each request with the broker's key, assigns the host a /120 from its pool, lets the caller
 * route it (its WireGuard end), and answers with the encrypted 0-value transaction to the host's
 * server address. Tests steer single answers into the failures a host must handle.
 */
import {
  type BrokerAnswer,
  brokerRequestsAbi,
  decryptBrokerRequest,
  encryptBrokerAnswer,
  publicKeyFromSecretKey,
  sendBrokerAnswer,
  type WriteClients,
} from '@blockhost/chain';
import { type Address, getAddress, type Hex, parseEventLogs } from 'viem';
import { publicKeyToAddress } from 'viem/accounts';
import type { PrefixPool } from './pool.js';

/** What the responder does with one request (tests): the default answers it properly. */
export type ResponderFault =
  /** Never answer. */
  | { kind: 'silent' }
  /** Answer encrypted to another key: it does not decrypt at the host. */
  | { kind: 'undecryptable' }
  /** Answer naming another request id (and nothing for this one). */
  | { kind: 'other-request'; requestId: bigint }
  /** Answer with this endpoint instead of the broker's (e.g. one that never handshakes). */
  | { kind: 'endpoint'; endpoint: string }
  /** Answer with a /120 this host did not hold before (a renumbering). */
  | { kind: 'new-prefix' }
  /** Answer with these fields replaced (e.g. a /64 prefix). */
  | { kind: 'patch'; patch: Partial<BrokerAnswer> }
  /** Answer after `ms`. */
  | { kind: 'delay'; ms: number };

export interface SeenRequest {
  readonly requestId: bigint;
  readonly requester: Address;
  readonly nftContract: Address;
  readonly wgPubkey: string | null;
  /** Why it was not answered, or the prefix it got. */
  readonly outcome: { prefix: string; txHash: Hex } | { skipped: string };
}

export interface BrokerResponderOptions {
  /** The responder account (the one registered in the registry). */
  readonly clients: WriteClients;
  /** The broker's secp256k1 secret key (requests are encrypted to its public key). */
  readonly secretKey: Hex;
  readonly requests: Address;
  readonly fromBlock: bigint;
  readonly pool: PrefixPool;
  /** The broker's address inside the tunnel, and its WireGuard key and endpoint. */
  readonly gateway: string;
  readonly wireguardPublicKey: string;
  readonly endpoint: string;
  readonly dnsZone?: string;
  /** Routes the prefix to the host's key before the answer goes out (the broker's WireGuard end). */
  readonly onAssign?: (a: { requestId: bigint; wgPubkey: string; prefix: string }) => Promise<void>;
  /** Picks a fault for a request (tests); undefined answers properly. */
  readonly fault?: (requestId: bigint) => ResponderFault | undefined;
  readonly pollIntervalMs?: number;
}

export interface BrokerResponder {
  readonly seen: readonly SeenRequest[];
  /** Handles the requests mined since the last poll; resolves with how many it saw. */
  poll(): Promise<number>;
  stop(): Promise<void>;
}

export function startBrokerResponder(o: BrokerResponderOptions): BrokerResponder {
  const seen: SeenRequest[] = [];
  let next = o.fromBlock;
  let stopped = false;
  let busy: Promise<number> = Promise.resolve(0);
  const client = o.clients.publicClient;

  const answer = async (requestId: bigint, requester: Address, payload: Hex, nft: Address) => {
    const opened = decryptBrokerRequest(o.secretKey, payload);
    const record = (outcome: SeenRequest['outcome'], wgPubkey: string | null) =>
      seen.push({ requestId, requester, nftContract: nft, wgPubkey, outcome });
    if (opened.isErr()) return record({ skipped: opened.error.shortMessage }, null);
    const req = opened.value;
    const fault = o.fault?.(requestId);
    if (fault?.kind === 'silent') return record({ skipped: 'silent (test fault)' }, req.wgPubkey);
    const prefix =
      fault?.kind === 'new-prefix' ? o.pool.reassign(req.wgPubkey) : o.pool.assign(req.wgPubkey);
    await o.onAssign?.({ requestId, wgPubkey: req.wgPubkey, prefix });
    const body: BrokerAnswer = {
      prefix,
      gateway: o.gateway,
      brokerPubkey: o.wireguardPublicKey,
      brokerEndpoint: fault?.kind === 'endpoint' ? fault.endpoint : o.endpoint,
      dnsZone: o.dnsZone ?? '',
      ...(fault?.kind === 'patch' ? fault.patch : {}),
    };
    // Another key: the responder's own account key stands for "not the server's".
    const to =
      fault?.kind === 'undecryptable'
        ? publicKeyFromSecretKey(o.secretKey)._unsafeUnwrap()
        : req.serverPubkey;
    const id = fault?.kind === 'other-request' ? fault.requestId : requestId;
    const data = encryptBrokerAnswer(to, id, body)._unsafeUnwrap();
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    // The answer goes to the address of the server key the host named.
    const server = getAddress(publicKeyToAddress(req.serverPubkey));
    const sent = await sendBrokerAnswer(o.clients, { to: server, data });
    if (sent.isErr()) return record({ skipped: sent.error.shortMessage }, req.wgPubkey);
    return record({ prefix, txHash: sent.value }, req.wgPubkey);
  };

  const poll = async () => {
    const head = await client.getBlockNumber();
    if (head < next) return 0;
    const logs = await client.getLogs({
      address: o.requests,
      event: brokerRequestsAbi[2],
      fromBlock: next,
      toBlock: head,
    });
    next = head + 1n;
    const parsed = parseEventLogs({ abi: brokerRequestsAbi, logs, eventName: 'RequestSubmitted' });
    for (const l of parsed)
      await answer(l.args.requestId, l.args.requester, l.args.encryptedPayload, l.args.nftContract);
    return parsed.length;
  };

  // One poll at a time, whether from the timer or a test.
  const tick = () => {
    busy = busy.then(poll, poll);
    return busy;
  };
  const loop = async () => {
    while (!stopped) {
      await tick().catch(() => 0);
      await new Promise((r) => setTimeout(r, o.pollIntervalMs ?? 100));
    }
  };
  void loop();
  return {
    seen,
    poll: tick,
    async stop() {
      stopped = true;
      await busy.catch(() => 0);
    },
  };
}
