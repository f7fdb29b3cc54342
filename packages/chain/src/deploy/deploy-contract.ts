import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { type Abi, type Address, encodeDeployData, getAddress, type Hex } from 'viem';
import { MissingEventError } from '../errors.js';
import type { WriteClients } from '../internal/clients.js';
import { sendTransaction, type WriteErrorType, waitForSuccess } from '../internal/send.js';
import { toChainError } from '../internal/viem-errors.js';

export interface DeployedContract {
  readonly address: Address;
  readonly blockNumber: bigint;
  readonly transactionHash: Hex;
}

/** Deploys one contract from the wallet client's account and waits for it. */
export function deployContract(
  clients: WriteClients,
  p: {
    readonly name: string;
    readonly abi: Abi;
    readonly bytecode: Hex;
    readonly args: readonly unknown[];
  },
): ResultAsync<DeployedContract, WriteErrorType | MissingEventError> {
  const { publicClient } = clients;
  return ResultAsync.fromPromise(
    sendTransaction(clients, {
      data: encodeDeployData({
        abi: p.abi,
        bytecode: p.bytecode,
        args: p.args,
      } as Parameters<typeof encodeDeployData>[0]),
    }),
    (e) => toChainError(e, `deploy ${p.name}`),
  )
    .andThen((hash) => waitForSuccess(publicClient, hash, `deploy ${p.name}`))
    .andThen((tx) =>
      tx.receipt.contractAddress
        ? okAsync({
            address: getAddress(tx.receipt.contractAddress),
            blockNumber: tx.blockNumber,
            transactionHash: tx.transactionHash,
          })
        : errAsync(new MissingEventError('contract creation', tx.transactionHash)),
    );
}
