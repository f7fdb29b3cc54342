/**
 * ERC-6492 (a smart-contract wallet not deployed yet) through viem: its
 * universal validator simulates the wrapper's deployment and asks the wallet
 * (ERC-1271), in one `eth_call`, deploying nothing. This module pulls in a
 * large part of viem, so the helpers load it lazily (bundled as
 * `pam-verify-rpc`): only a well-formed ERC-6492 wrapper ever loads it.
 */
import { createPublicClient, http } from 'viem';
import { getChainId, verifyHash } from 'viem/actions';
import { RpcRequestError } from '../errors.js';
import { isTrustedRpcUrl, TRUSTED_RPC_URL } from '../wallet/rpc-url.js';

export interface VerifyErc6492Parameters {
  rpcUrls: readonly string[];
  chainId: number;
  timeoutMs: number;
  address: `0x${string}`;
  hash: `0x${string}`;
  signature: `0x${string}`;
}

/**
 * Whether the wrapped signature is `address`'s over `hash`, asked of the first
 * URL that serves `chainId`; throws an RpcRequestError naming every URL's
 * failure when none could answer.
 */
export async function verifyErc6492OnChain(p: VerifyErc6492Parameters): Promise<boolean> {
  const failures: string[] = [];
  for (const url of p.rpcUrls) {
    if (!isTrustedRpcUrl(url)) {
      failures.push(`an RPC URL is not trusted: expected ${TRUSTED_RPC_URL}`);
      continue;
    }
    const host = new URL(url).host;
    const client = createPublicClient({
      transport: http(url, { timeout: p.timeoutMs, retryCount: 0 }),
    });
    try {
      const served = await getChainId(client);
      if (served !== p.chainId) {
        failures.push(`${host}: serves chain ${served}, expected ${p.chainId}`);
        continue;
      }
      return await verifyHash(client, { address: p.address, hash: p.hash, signature: p.signature });
    } catch (e) {
      failures.push(`${host}: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  throw new RpcRequestError('isValidSignature', failures.join('; ') || 'no RPC URL configured');
}
