/**
 * Contract calls are typed from the ABI: a misspelled function, a write sent
 * as a read, or wrong arguments fail `tsc` (npm run typecheck compiles this
 * file; an `@ts-expect-error` that no longer errors fails it too).
 */
import type { ResultAsync } from 'neverthrow';
import type { Address } from 'viem';
import { describe, expectTypeOf, it } from 'vitest';
import { accessCredentialNftAbi, blockhostSubscriptionsAbi } from '../contracts.js';
import type { ContractRevertError, RpcError } from '../errors.js';
import type { ReadClient, WriteClients } from './clients.js';
import { readContract, sendContract } from './send.js';

const address = '0x0000000000000000000000000000000000000001' as Address;

// Never called: only compiled.
function calls(client: ReadClient, clients: WriteClients) {
  const owner = readContract(client, {
    abi: accessCredentialNftAbi,
    address,
    functionName: 'ownerOf',
    args: [1n],
  });
  readContract(client, {
    abi: accessCredentialNftAbi,
    address,
    // @ts-expect-error: no such function
    functionName: 'ownerof',
    args: [1n],
  });
  readContract(client, {
    abi: blockhostSubscriptionsAbi,
    address,
    // @ts-expect-error: a write is not a read
    functionName: 'cancelSubscription',
    args: [1n],
  });
  readContract(client, {
    abi: accessCredentialNftAbi,
    address,
    functionName: 'ownerOf',
    // @ts-expect-error: the token id is a uint256 (bigint)
    args: ['1'],
  });
  sendContract(clients, {
    abi: blockhostSubscriptionsAbi,
    address,
    // @ts-expect-error: no such function
    functionName: 'cancelSubscriptoin',
    args: [1n],
  });
  return owner;
}

describe('contract calls', () => {
  it('read results are typed from the ABI', () => {
    expectTypeOf<ReturnType<typeof calls>>().toEqualTypeOf<
      ResultAsync<Address, ContractRevertError | RpcError>
    >();
  });
});
