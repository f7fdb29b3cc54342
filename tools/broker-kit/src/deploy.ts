/** Deploys the reference broker's contracts on a test chain and registers the broker. */
import { type DeployedContract, deployContract, type WriteClients } from '@blockhost/chain';
import type { Abi, Address, Hex } from 'viem';
import { brokerRegistryAbi, brokerRegistryBytecode } from './generated/BrokerRegistry.js';
import { brokerRequestsAbi, brokerRequestsBytecode } from './generated/BrokerRequests.js';

export interface DeployedBroker {
  readonly registry: Address;
  readonly requests: Address;
  /** The block of the first deployment: scanning for requests starts here. */
  readonly deployBlock: bigint;
}

async function deploy(clients: WriteClients, name: string, abi: Abi, bytecode: Hex) {
  const r = await deployContract(clients, { name, abi, bytecode, args: [] });
  if (r.isErr()) throw r.error;
  return r.value as DeployedContract;
}

/**
 * Deploys the registry and the requests contract from `owner` and registers the broker: its
 * secp256k1 `publicKey` (hosts encrypt to it) and the `responder` address its answers come from.
 * Throws on failure (a test helper).
 */
export async function deployBroker(
  owner: WriteClients,
  p: { readonly publicKey: Hex; readonly responder: Address },
): Promise<DeployedBroker> {
  const registry = await deploy(owner, 'BrokerRegistry', brokerRegistryAbi, brokerRegistryBytecode);
  const requests = await deploy(owner, 'BrokerRequests', brokerRequestsAbi, brokerRequestsBytecode);
  const hash = await owner.walletClient.writeContract({
    abi: brokerRegistryAbi,
    address: registry.address,
    functionName: 'registerBroker',
    args: [requests.address, p.publicKey, p.responder],
    account: owner.walletClient.account,
    chain: owner.walletClient.chain ?? null,
  });
  const receipt = await owner.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== 'success') throw new Error('registerBroker reverted');
  return {
    registry: registry.address,
    requests: requests.address,
    deployBlock: registry.blockNumber,
  };
}

/** Marks the broker removed in its registry (hosts then refuse to request from it). */
export async function removeBroker(
  owner: WriteClients,
  p: { readonly registry: Address; readonly requests: Address },
): Promise<void> {
  const hash = await owner.walletClient.writeContract({
    abi: brokerRegistryAbi,
    address: p.registry,
    functionName: 'removeBroker',
    args: [p.requests],
    account: owner.walletClient.account,
    chain: owner.walletClient.chain ?? null,
  });
  await owner.publicClient.waitForTransactionReceipt({ hash });
}
