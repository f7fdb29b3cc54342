/**
 * TEST TOOLING: deploy and drive the test contracts (stablecoin, price feed, smart wallet).
 * Never for production chains.
 */
import type { ResultAsync } from 'neverthrow';
import { type Address, encodeFunctionData, type Hex } from 'viem';
import type { ReadErrorType } from '../actions/plans.js';
import { type DeployedContract, deployContract } from '../deploy/deploy-contract.js';
import type { MissingEventError } from '../errors.js';
import {
  testFeeTokenAbi,
  testFeeTokenBytecode,
  testPriceFeedAbi,
  testPriceFeedBytecode,
  testSequencerUptimeFeedAbi,
  testSequencerUptimeFeedBytecode,
  testSmartWalletAbi,
  testSmartWalletBytecode,
  testSmartWalletFactoryAbi,
  testSmartWalletFactoryBytecode,
  testStablecoinAbi,
  testStablecoinBytecode,
  testUsdtLikeTokenAbi,
  testUsdtLikeTokenBytecode,
} from '../generated/index.js';
import type { ReadClient, WriteClients } from '../internal/clients.js';
import { readContract, sendContract, type WriteErrorType } from '../internal/send.js';

export interface TestStablecoinOptions {
  readonly decimals?: number | undefined;
  readonly name?: string | undefined;
  readonly symbol?: string | undefined;
}

/** Deploys a mintable ERC-20 "USD" with the given decimals (default 6, like USDC). */
export function deployTestStablecoin(
  clients: WriteClients,
  options: TestStablecoinOptions = {},
): ResultAsync<DeployedContract, WriteErrorType | MissingEventError> {
  return deployContract(clients, {
    name: 'TestStablecoin',
    abi: testStablecoinAbi,
    bytecode: testStablecoinBytecode,
    args: [options.name ?? 'Test USD', options.symbol ?? 'TUSD', options.decimals ?? 6],
  });
}

export interface TestFeeTokenOptions extends TestStablecoinOptions {
  /** Burnt from every holder-to-holder transfer, in basis points (default 100 = 1%). */
  readonly feeBps?: number | undefined;
}

/** Deploys a mintable fee-on-transfer ERC-20: recipients get less than was sent. */
export function deployTestFeeToken(
  clients: WriteClients,
  options: TestFeeTokenOptions = {},
): ResultAsync<DeployedContract, WriteErrorType | MissingEventError> {
  return deployContract(clients, {
    name: 'TestFeeToken',
    abi: testFeeTokenAbi,
    bytecode: testFeeTokenBytecode,
    args: [
      options.name ?? 'Test Fee USD',
      options.symbol ?? 'TFEE',
      options.decimals ?? 6,
      options.feeBps ?? 100,
    ],
  });
}

/**
 * Deploys a mintable token that behaves like mainnet USDT: no return values, and `approve`
 * reverts over a non-zero allowance (6 decimals).
 */
export function deployTestUsdtLikeToken(
  clients: WriteClients,
): ResultAsync<DeployedContract, WriteErrorType | MissingEventError> {
  return deployContract(clients, {
    name: 'TestUsdtLikeToken',
    abi: testUsdtLikeTokenAbi,
    bytecode: testUsdtLikeTokenBytecode,
    args: [],
  });
}

/** Mints test tokens to `to` (anyone may; any of the test tokens). */
export function mintTestStablecoin(
  clients: WriteClients,
  p: { readonly token: Address; readonly to: Address; readonly amount: bigint },
): ResultAsync<{ transactionHash: Hex }, WriteErrorType> {
  return sendContract(clients, {
    abi: testStablecoinAbi,
    address: p.token,
    functionName: 'mint',
    args: [p.to, p.amount],
  }).map((tx) => ({ transactionHash: tx.transactionHash }));
}

export interface TestPriceFeedOptions {
  /** Feed decimals (Chainlink USD feeds use 8). */
  readonly decimals?: number | undefined;
  /** USD per native coin, scaled by 10^decimals. */
  readonly answer: bigint;
}

/** Deploys a Chainlink-style feed with a settable answer and `updatedAt`. */
export function deployTestPriceFeed(
  clients: WriteClients,
  options: TestPriceFeedOptions,
): ResultAsync<DeployedContract, WriteErrorType | MissingEventError> {
  return deployContract(clients, {
    name: 'TestPriceFeed',
    abi: testPriceFeedAbi,
    bytecode: testPriceFeedBytecode,
    args: [options.decimals ?? 8, options.answer],
  });
}

/** Sets the feed's answer; `updatedAt` defaults to the block's timestamp (a fresh answer). */
export function setTestPrice(
  clients: WriteClients,
  p: { readonly feed: Address; readonly answer: bigint; readonly updatedAt?: bigint | undefined },
): ResultAsync<{ transactionHash: Hex }, WriteErrorType> {
  return sendContract(clients, {
    abi: testPriceFeedAbi,
    address: p.feed,
    functionName: p.updatedAt === undefined ? 'setAnswer' : 'setRoundData',
    args: p.updatedAt === undefined ? [p.answer] : [p.answer, p.updatedAt],
  }).map((tx) => ({ transactionHash: tx.transactionHash }));
}

/** Deploys a Chainlink-style L2 sequencer-uptime feed: `down` (default up) since `startedAt`. */
export function deployTestSequencerUptimeFeed(
  clients: WriteClients,
  options: { readonly down?: boolean; readonly startedAt: bigint },
): ResultAsync<DeployedContract, WriteErrorType | MissingEventError> {
  return deployContract(clients, {
    name: 'TestSequencerUptimeFeed',
    abi: testSequencerUptimeFeedAbi,
    bytecode: testSequencerUptimeFeedBytecode,
    args: [options.down ?? false, options.startedAt],
  });
}

/** Sets the sequencer's status (`down` or up) and since when (unix seconds). */
export function setTestSequencerStatus(
  clients: WriteClients,
  p: { readonly feed: Address; readonly down: boolean; readonly startedAt: bigint },
): ResultAsync<{ transactionHash: Hex }, WriteErrorType> {
  return sendContract(clients, {
    abi: testSequencerUptimeFeedAbi,
    address: p.feed,
    functionName: 'setStatus',
    args: [p.down, p.startedAt],
  }).map((tx) => ({ transactionHash: tx.transactionHash }));
}

/**
 * Deploys an ERC-1271 smart-contract wallet owned by `owner`: `isValidSignature(hash, sig)`
 * accepts the owner's signature over `hash` (so the owner's `personal_sign` of a message is a
 * valid signature of the wallet for that message). The owner drives it with
 * `smartWalletExecute`.
 */
export function deployTestSmartWallet(
  clients: WriteClients,
  p: { readonly owner: Address },
): ResultAsync<DeployedContract, WriteErrorType | MissingEventError> {
  return deployContract(clients, {
    name: 'TestSmartWallet',
    abi: testSmartWalletAbi,
    bytecode: testSmartWalletBytecode,
    args: [p.owner],
  });
}

/**
 * Deploys a CREATE2 factory of test smart wallets: a wallet's address is known before it is
 * deployed, which is what ERC-6492 signatures (of wallets not deployed yet) rely on.
 */
export function deployTestSmartWalletFactory(
  clients: WriteClients,
): ResultAsync<DeployedContract, WriteErrorType | MissingEventError> {
  return deployContract(clients, {
    name: 'TestSmartWalletFactory',
    abi: testSmartWalletFactoryAbi,
    bytecode: testSmartWalletFactoryBytecode,
    args: [],
  });
}

/** The address the factory gives the wallet of (`owner`, `salt`), deployed or not. */
export function predictTestSmartWallet(
  client: ReadClient,
  p: { readonly factory: Address; readonly owner: Address; readonly salt: Hex },
): ResultAsync<Address, ReadErrorType> {
  return readContract(client, {
    address: p.factory,
    abi: testSmartWalletFactoryAbi,
    functionName: 'predict',
    args: [p.owner, p.salt],
  });
}

/** The factory call that deploys the wallet of (`owner`, `salt`): the `factoryData` of ERC-6492. */
export function testSmartWalletDeployCall(p: { readonly owner: Address; readonly salt: Hex }): Hex {
  return encodeFunctionData({
    abi: testSmartWalletFactoryAbi,
    functionName: 'deploy',
    args: [p.owner, p.salt],
  });
}

/** Makes the smart wallet call `target` (sent by its owner, the wallet client's account). */
export function smartWalletExecute(
  clients: WriteClients,
  p: {
    readonly wallet: Address;
    readonly target: Address;
    readonly data: Hex;
    readonly value?: bigint;
  },
): ResultAsync<{ transactionHash: Hex; blockNumber: bigint }, WriteErrorType> {
  return sendContract(clients, {
    abi: testSmartWalletAbi,
    address: p.wallet,
    functionName: 'execute',
    args: [p.target, p.value ?? 0n, p.data],
    value: p.value,
  }).map((tx) => ({ transactionHash: tx.transactionHash, blockNumber: tx.blockNumber }));
}

/** Makes the smart wallet perform several calls in one transaction (sent by its owner). */
export function smartWalletExecuteBatch(
  clients: WriteClients,
  p: {
    readonly wallet: Address;
    readonly calls: readonly {
      readonly target: Address;
      readonly data: Hex;
      readonly value?: bigint;
    }[];
  },
): ResultAsync<{ transactionHash: Hex; blockNumber: bigint }, WriteErrorType> {
  const value = p.calls.reduce((sum, c) => sum + (c.value ?? 0n), 0n);
  return sendContract(clients, {
    abi: testSmartWalletAbi,
    address: p.wallet,
    functionName: 'executeBatch',
    args: [
      p.calls.map((c) => c.target),
      p.calls.map((c) => c.value ?? 0n),
      p.calls.map((c) => c.data),
    ],
    value,
  }).map((tx) => ({ transactionHash: tx.transactionHash, blockNumber: tx.blockNumber }));
}

export type TestStablecoinAbi = typeof testStablecoinAbi;
export type TestPriceFeedAbi = typeof testPriceFeedAbi;
export type TestSmartWalletAbi = typeof testSmartWalletAbi;
export type TestSmartWalletFactoryAbi = typeof testSmartWalletFactoryAbi;
export type TestFeeTokenAbi = typeof testFeeTokenAbi;
export type TestUsdtLikeTokenAbi = typeof testUsdtLikeTokenAbi;
export type TestSequencerUptimeFeedAbi = typeof testSequencerUptimeFeedAbi;
