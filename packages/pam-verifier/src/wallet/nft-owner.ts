/** `ownerOf(tokenId)` of the access NFT, trying each RPC URL in turn. */
import type { Address } from '@blockhost/core';
import { errAsync, okAsync, type ResultAsync } from 'neverthrow';
import { RpcRequestError } from '../errors.js';
import { jsonRpcCall } from './json-rpc.js';

/** `ownerOf(uint256)` */
const OWNER_OF_SELECTOR = '0x6352211e';

export interface ReadNftOwnerParameters {
  rpcUrls: readonly string[];
  contract: Address;
  tokenId: string;
  timeoutMs: number;
}

/** The owner (lower case), `null` when the token does not exist (the call reverts), or an RpcRequestError. */
export type ReadNftOwnerReturnType = Address | null;

function isRevert(code: number, message: string): boolean {
  return code === 3 || /revert/i.test(message);
}

export function readNftOwner(
  p: ReadNftOwnerParameters,
): ResultAsync<ReadNftOwnerReturnType, RpcRequestError> {
  const data = OWNER_OF_SELECTOR + BigInt(p.tokenId).toString(16).padStart(64, '0');
  const failures: string[] = [];
  const attempt = (i: number): ResultAsync<ReadNftOwnerReturnType, RpcRequestError> => {
    const url = p.rpcUrls[i];
    if (url === undefined)
      return errAsync(
        new RpcRequestError('ownerOf', failures.join('; ') || 'no RPC URL configured'),
      );
    return jsonRpcCall({
      url,
      method: 'eth_call',
      params: [{ to: p.contract, data }, 'latest'],
      timeoutMs: p.timeoutMs,
    })
      .andThen((outcome) => {
        if (outcome.kind === 'error') {
          if (isRevert(outcome.error.rpcCode, outcome.error.message)) return okAsync(null);
          return errAsync(new RpcRequestError('ownerOf', outcome.error.message));
        }
        const r = outcome.result;
        if (typeof r !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(r))
          return errAsync(new RpcRequestError('ownerOf', 'answer is not one ABI word'));
        // Lower case: the challenge checksums the address once, into the message.
        const owner = `0x${r.slice(26).toLowerCase()}` as Address;
        return okAsync(/^0x0{40}$/.test(owner) ? null : owner);
      })
      .orElse((e) => {
        failures.push(e.details ?? e.shortMessage);
        return attempt(i + 1);
      });
  };
  return attempt(0);
}
