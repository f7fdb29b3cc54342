import {
  type BlockhostContracts,
  ContractRevertError,
  decryptUserSignature,
  type EcdhSharedX,
  encryptConnectionDetails,
  mintAccessToken,
  RpcError,
  updateUserEncrypted,
  type WriteClients,
} from '@blockhost/chain';
import type { BlockhostError } from '@blockhost/core';
import type { Secret } from '../config/secret.js';
import { type ChainPort, errResult, okResult, type PortError } from '../jobs/ports.js';
import { type ChainView, confirmDestroy, confirmOwner } from '../trust/quorum.js';
import { createEcdhWorker } from './ecdh-worker.js';
import { nativeEcdh } from './native-ecdh.js';

/**
 * Only transport trouble is worth retrying; a revert (missing role, bad input) needs a person —
 * except a subscription the chain does not have: the journal is ahead of a reorg the scanner has
 * not seen yet, and catches up (the subscription comes back in the new chain, or the job ends).
 * An RPC that gives no answer at all is waited for without spending attempts: a provider's
 * outage must not leave a paid subscription without its NFT until an operator comes.
 */
export function chainPortError(e: BlockhostError): PortError {
  // The chain changed under a step the journal has not caught up with: a reorg took the
  // subscription or gave its id to another buyer, or a transaction that passed its simulation
  // reverted once mined. The next attempt simulates again; a step whose purchase is gone ends
  // cancelled there (and the attempts stay bounded).
  const reorged =
    e instanceof ContractRevertError &&
    (e.errorName === 'SubscriptionNotFound' || e.errorName === 'RecipientNotBuyer');
  const retryable =
    e.code === 'RPC_ERROR' ||
    e.code === 'MISSING_EVENT' ||
    e.code === 'TRANSACTION_REVERTED' ||
    reorged;
  const message = e.shortMessage + (e.details ? ` (${e.details})` : '');
  const wait = e instanceof RpcError && e.unreachable ? ('unreachable' as const) : undefined;
  return { message, retryable, wait };
}

// One per process, started on first use (see ecdh-worker).
const ecdhWorker = nativeEcdh ? createEcdhWorker() : null;

/**
 * The ECDH for decrypting `userEncrypted`: its one scalar multiplication done beforehand on the
 * worker thread for the ciphertext's ephemeral key (an uncompressed point leads it), handed back
 * when the decryption asks for exactly that key; any other question (or a failed worker) is
 * answered on this thread as before.
 */
async function ecdhFor(
  serverKey: `0x${string}`,
  userEncrypted: string,
): Promise<EcdhSharedX | undefined> {
  const hex = /^0x((?:04)[0-9a-fA-F]{128})/.exec(userEncrypted)?.[1];
  if (!ecdhWorker || !hex) return nativeEcdh;
  const ephemeral = Buffer.from(hex, 'hex');
  const x = await ecdhWorker
    .sharedX(Buffer.from(serverKey.slice(2), 'hex'), ephemeral)
    .catch(() => null);
  if (!x) return nativeEcdh;
  return (secretKey, publicKey) =>
    ephemeral.equals(publicKey) &&
    Buffer.from(secretKey).toString('hex') === serverKey.slice(2).toLowerCase()
      ? x
      : nativeEcdh!(secretKey, publicKey);
}

export function createChainPort(options: {
  clients: WriteClients;
  contracts: BlockhostContracts;
  serverKey: Secret<`0x${string}`>;
  /** Every configured RPC on its own: irreversible steps need a quorum of them. */
  views: readonly ChainView[];
  confirmations: number;
  graceSeconds: number;
  maxClockSkewSeconds: number | null;
}): ChainPort {
  const { clients, contracts, serverKey, views } = options;
  return {
    async confirmOwner({ tokenId, wallet }) {
      return okResult(
        await confirmOwner({
          views,
          nft: contracts.nft,
          tokenId,
          wallet,
          confirmations: options.confirmations,
        }),
      );
    },
    async confirmDestroy(facts) {
      return okResult(
        await confirmDestroy({
          ...facts,
          views,
          contracts,
          confirmations: options.confirmations,
          graceSeconds: options.graceSeconds,
          hostNowMs: Date.now(),
          maxClockSkewSeconds: options.maxClockSkewSeconds,
        }),
      );
    },
    async mint({ to, subscriptionId, userEncrypted }) {
      const r = await mintAccessToken(clients, {
        address: contracts.nft,
        to: to as `0x${string}`,
        subscriptionId,
        userEncrypted,
      });
      return r.isOk()
        ? okResult({ tokenId: r.value.tokenId, alreadyMinted: r.value.alreadyMinted })
        : { ok: false, error: chainPortError(r.error) };
    },
    async updateUserEncrypted(tokenId, userEncrypted) {
      const r = await updateUserEncrypted(clients, {
        address: contracts.nft,
        tokenId,
        userEncrypted,
      });
      return r.isOk() ? okResult(undefined) : { ok: false, error: chainPortError(r.error) };
    },
    async decryptSubscriberKey(userEncrypted) {
      const r = decryptUserSignature({
        serverPrivateKey: serverKey.reveal(),
        userEncrypted: userEncrypted as `0x${string}`,
        ecdh: await ecdhFor(serverKey.reveal(), userEncrypted),
      });
      return r.isOk() ? okResult(r.value.signature) : errResult(r.error.shortMessage, false);
    },
    encryptConnectionDetails(signature, details) {
      const r = encryptConnectionDetails(
        { signature },
        details as { hostname: string; port: number; username: string },
      );
      return r.isOk() ? okResult(r.value) : errResult(r.error.shortMessage, false);
    },
  };
}
