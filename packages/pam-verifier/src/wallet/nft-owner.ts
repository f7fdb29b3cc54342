/** `ownerOf(tokenId)` of the access NFT, trying each RPC URL in turn. */
import type { Address } from '@blockhost/core';
import { err, ok, type Result, type ResultAsync } from 'neverthrow';
import type { RpcRequestError } from '../errors.js';
import { callOnChain } from './json-rpc.js';

/** `ownerOf(uint256)` */
const OWNER_OF_SELECTOR = '0x6352211e';

export interface ReadNftOwnerParameters {
  rpcUrls: readonly string[];
  /** The chain the NFT lives on: a node of another chain is not asked. */
  chainId: number;
  contract: Address;
  tokenId: string;
  timeoutMs: number;
}

/** The owner (lower case), `null` when the token does not exist (the call reverts), or an RpcRequestError. */
export type ReadNftOwnerReturnType = Address | null;

function isRevert(code: number, message: string): boolean {
  return code === 3 || /revert/i.test(message);
}

/**
 * `ownerOf(tokenId)` from the first RPC URL that serves the configured chain
 * (see `callOnChain`); the answer must be one ABI word holding an address
 * (upper 12 bytes zero). A revert means the token does not exist.
 */
export function readNftOwner(
  p: ReadNftOwnerParameters,
): ResultAsync<ReadNftOwnerReturnType, RpcRequestError> {
  const data = OWNER_OF_SELECTOR + BigInt(p.tokenId).toString(16).padStart(64, '0');
  return callOnChain({
    rpcUrls: p.rpcUrls,
    chainId: p.chainId,
    timeoutMs: p.timeoutMs,
    what: 'ownerOf',
    calls: [{ method: 'eth_call', params: [{ to: p.contract, data }, 'latest'] }],
    interpret: ([outcome]): Result<ReadNftOwnerReturnType, string> => {
      if (outcome?.kind === 'error')
        return isRevert(outcome.error.rpcCode, outcome.error.message)
          ? ok(null)
          : err(outcome.error.message);
      const r = outcome?.result;
      if (typeof r !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(r))
        return err('answer is not one ABI word');
      if (!/^0x0{24}/.test(r)) return err('answer is not an address (upper 12 bytes set)');
      // Lower case: the challenge checksums the address once, into the message.
      const owner = `0x${r.slice(26).toLowerCase()}` as Address;
      return ok(/^0x0{40}$/.test(owner) ? null : owner);
    },
  });
}
