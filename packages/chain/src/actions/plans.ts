import type { Plan, PlanInput } from '@blockhost/core';
import { ResultAsync } from 'neverthrow';
import type { Address, Hex, ReadContractReturnType } from 'viem';
import { blockhostSubscriptionsAbi } from '../contracts.js';
import type { ContractRevertError, MissingEventError, RpcError } from '../errors.js';
import type { ReadClient, WriteClients } from '../internal/clients.js';
import { eventFromReceipt } from '../internal/receipt.js';
import { readContract, sendContract, type WriteErrorType } from '../internal/send.js';

const abi = blockhostSubscriptionsAbi;

export type { PlanInput };

export type ReadErrorType = ContractRevertError | RpcError;

/** `getPlan` as the ABI types it. */
type RawPlan = ReadContractReturnType<typeof abi, 'getPlan'>;

const toPlan = (p: RawPlan): Plan => ({
  id: p.id,
  name: p.name,
  pricePerDayUsdCents: p.pricePerDayUsdCents,
  cores: p.cores,
  memoryMiB: p.memoryMiB,
  diskGiB: p.diskGiB,
  active: p.active,
});

export interface GetPlanParameters {
  /** The subscriptions contract. */
  readonly address: Address;
  readonly planId: bigint;
}

/** One plan; an unknown id is `ContractRevertError` with `errorName: 'PlanNotFound'`. */
export function getPlan(
  client: ReadClient,
  p: GetPlanParameters,
): ResultAsync<Plan, ReadErrorType> {
  return readContract(client, {
    abi,
    address: p.address,
    functionName: 'getPlan',
    args: [p.planId],
  }).map(toPlan);
}

/** How many plans exist (ids are 1..count). */
export function getPlanCount(
  client: ReadClient,
  p: { readonly address: Address },
): ResultAsync<bigint, ReadErrorType> {
  return readContract(client, {
    abi,
    address: p.address,
    functionName: 'planCount',
    args: [],
  });
}

/** Every plan, active or not, in id order. */
export function listPlans(
  client: ReadClient,
  p: { readonly address: Address },
): ResultAsync<Plan[], ReadErrorType> {
  return getPlanCount(client, p).andThen((count) => {
    const ids = Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1));
    return ResultAsync.combine(
      ids.map((planId) => getPlan(client, { address: p.address, planId })),
    );
  });
}

export interface PlanWriteReturnType {
  readonly planId: bigint;
  readonly transactionHash: Hex;
  readonly blockNumber: bigint;
}

export interface CreatePlanParameters {
  readonly address: Address;
  readonly plan: PlanInput;
}

export type CreatePlanErrorType = WriteErrorType | MissingEventError;
/** Creates a plan (operator role). */
export function createPlan(
  clients: WriteClients,
  p: CreatePlanParameters,
): ResultAsync<PlanWriteReturnType, CreatePlanErrorType> {
  const { name, pricePerDayUsdCents, cores, memoryMiB, diskGiB } = p.plan;
  return sendContract(clients, {
    abi,
    address: p.address,
    functionName: 'createPlan',
    args: [name, pricePerDayUsdCents, cores, memoryMiB, diskGiB],
  }).andThen((tx) =>
    eventFromReceipt<{ planId: bigint }>(tx.receipt, abi, p.address, 'PlanCreated').map((e) => ({
      planId: e.planId,
      transactionHash: tx.transactionHash,
      blockNumber: tx.blockNumber,
    })),
  );
}

export interface UpdatePlanParameters {
  readonly address: Address;
  readonly planId: bigint;
  readonly plan: PlanInput & { readonly active: boolean };
}

/** Replaces a plan's name, price, resources and active flag (operator role). */
export function updatePlan(
  clients: WriteClients,
  p: UpdatePlanParameters,
): ResultAsync<PlanWriteReturnType, WriteErrorType> {
  const { name, pricePerDayUsdCents, cores, memoryMiB, diskGiB, active } = p.plan;
  return sendContract(clients, {
    abi,
    address: p.address,
    functionName: 'updatePlan',
    args: [p.planId, name, pricePerDayUsdCents, cores, memoryMiB, diskGiB, active],
  }).map((tx) => ({
    planId: p.planId,
    transactionHash: tx.transactionHash,
    blockNumber: tx.blockNumber,
  }));
}
