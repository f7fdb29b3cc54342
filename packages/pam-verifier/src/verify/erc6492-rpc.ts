/**
 * The on-chain signature check for smart-contract wallets (ERC-1271, and
 * ERC-6492 for wallets not deployed yet), via viem. This module pulls in a
 * large part of viem, so the verify helper imports it lazily: an EOA login
 * never loads it.
 */
import { createPublicClient, fallback, http } from 'viem';
import { verifyMessage } from 'viem/actions';
import { type ContractSignatureVerifier, contractVerifierFrom } from './verify-login.js';

export interface CreateRpcContractVerifierParameters {
  rpcUrls: readonly string[];
  timeoutMs?: number | undefined;
}

export function createRpcContractVerifier(
  p: CreateRpcContractVerifierParameters,
): ContractSignatureVerifier {
  const transports = p.rpcUrls.map((url) =>
    http(url, { timeout: p.timeoutMs ?? 5000, retryCount: 0 }),
  );
  const client = createPublicClient({
    transport:
      transports.length === 1 ? (transports[0] as (typeof transports)[0]) : fallback(transports),
  });
  return contractVerifierFrom(({ address, message, signature }) =>
    verifyMessage(client, { address, message, signature }),
  );
}
