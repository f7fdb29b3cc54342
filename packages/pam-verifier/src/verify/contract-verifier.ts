/**
 * The chain's answer for smart-contract wallets, over the configured RPC
 * URLs (each checked to serve the configured chain): whether the wallet holds
 * code, and its ERC-1271 `isValidSignature` answer, with the small JSON-RPC
 * client of the helpers; ERC-6492 wrappers through viem, loaded only for one.
 */
import type { Address } from '@blockhost/core';
import { err, ok, type Result, ResultAsync } from 'neverthrow';
import { RpcRequestError } from '../errors.js';
import { callOnChain, type JsonRpcOutcome } from '../wallet/json-rpc.js';
import type { ContractSignatureVerifier } from './verify-login.js';

/** `isValidSignature(bytes32,bytes)` and the value a wallet returns for a valid signature. */
const ERC1271_SELECTOR = '1626ba7e';
const ERC1271_MAGIC_WORD = `0x${ERC1271_SELECTOR}${'0'.repeat(56)}`;

export interface CreateRpcContractVerifierParameters {
  rpcUrls: readonly string[];
  /** Only nodes of this chain are asked. */
  chainId: number;
  timeoutMs?: number | undefined;
}

const isRevert = (o: JsonRpcOutcome) =>
  o.kind === 'error' && (o.error.rpcCode === 3 || /revert/i.test(o.error.message));

/** `isValidSignature(hash, signature)` calldata. */
function erc1271Calldata(hash: `0x${string}`, signature: `0x${string}`): string {
  const sig = signature.slice(2);
  const len = sig.length / 2;
  const padded = sig.padEnd(Math.ceil(len / 32) * 64, '0');
  const word = (n: number) => n.toString(16).padStart(64, '0');
  return `0x${ERC1271_SELECTOR}${hash.slice(2)}${word(64)}${word(len)}${padded}`;
}

export function createRpcContractVerifier(
  p: CreateRpcContractVerifierParameters,
): ContractSignatureVerifier {
  const base = { rpcUrls: p.rpcUrls, chainId: p.chainId, timeoutMs: p.timeoutMs ?? 5000 };
  return {
    hasCode: (address: Address) =>
      callOnChain({
        ...base,
        what: 'eth_getCode',
        calls: [{ method: 'eth_getCode', params: [address, 'latest'] }],
        interpret: ([o]): Result<boolean, string> =>
          o?.kind === 'result' &&
          typeof o.result === 'string' &&
          /^0x([0-9a-fA-F]{2})*$/.test(o.result)
            ? ok(o.result.length > 2)
            : err(o?.kind === 'error' ? o.error.message : 'answer is not code'),
      }),
    isValidSignature: ({ address, hash, signature, erc6492 }) => {
      if (erc6492)
        return ResultAsync.fromPromise(
          import('./erc6492-rpc.js').then((m) =>
            m.verifyErc6492OnChain({ ...base, address, hash, signature }),
          ),
          (e) =>
            e instanceof RpcRequestError
              ? e
              : new RpcRequestError('isValidSignature', `ERC-6492: ${String(e)}`),
        );
      return callOnChain({
        ...base,
        what: 'isValidSignature',
        calls: [
          {
            method: 'eth_call',
            params: [{ to: address, data: erc1271Calldata(hash, signature) }, 'latest'],
          },
        ],
        interpret: ([o]): Result<boolean, string> => {
          // A wallet may refuse by reverting: that is a "no", not a failed RPC.
          if (o && isRevert(o)) return ok(false);
          if (o?.kind !== 'result' || typeof o.result !== 'string')
            return err(o?.kind === 'error' ? o.error.message : 'no result');
          return ok(o.result.slice(0, 66).toLowerCase() === ERC1271_MAGIC_WORD);
        },
      });
    },
  };
}
