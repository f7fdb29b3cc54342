import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import {
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
  getAddress,
  type Hex,
  HttpRequestError,
  RpcRequestError,
  TimeoutError,
} from 'viem';
import {
  accessCredentialNftAbi,
  accessCredentialNftDeployedBytecode,
  blockhostSubscriptionsAbi,
  blockhostSubscriptionsDeployedBytecode,
  INTERFACE_IDS,
  ROLES,
} from '../contracts.js';
import { DeploymentVerificationError, describe, RpcError } from '../errors.js';
import type { ReadClient } from '../internal/clients.js';

export interface VerifyDeploymentParameters {
  readonly subscriptions: Address;
  readonly nft: Address;
  /** The host's server key: must hold OPERATOR_ROLE and MINTER_ROLE. */
  readonly server: Address;
  /** When given, must hold DEFAULT_ADMIN_ROLE on both contracts. */
  readonly admin?: Address | undefined;
}

export interface VerifyDeploymentReturnType {
  readonly subscriptions: Address;
  readonly nft: Address;
  /** The runtime code is exactly what this package version compiles (else: another version). */
  readonly subscriptionsCodeMatches: boolean;
  readonly nftCodeMatches: boolean;
  /** The NFT names this subscriptions contract and the contract links the NFT (required). */
  readonly nftLinked: boolean;
  readonly planCount: bigint;
  readonly subscriptionCount: bigint;
}

export type VerifyDeploymentErrorType = DeploymentVerificationError | RpcError;
/**
 * Checks that existing addresses hold the BlockHost contracts (code, ERC-165 interfaces), that
 * they are linked to each other and that the server key holds its roles. Problems are
 * collected, not stopped at the first.
 */
export function verifyDeployment(
  client: ReadClient,
  p: VerifyDeploymentParameters,
): ResultAsync<VerifyDeploymentReturnType, VerifyDeploymentErrorType> {
  const call = <T>(address: Address, functionName: string, args: readonly unknown[]) =>
    ResultAsync.fromPromise(
      client.readContract({
        abi: [...blockhostSubscriptionsAbi, ...accessCredentialNftAbi],
        address,
        functionName,
        args,
      } as Parameters<ReadClient['readContract']>[0]) as Promise<T>,
      (e) => e,
    );
  const code = (address: Address) =>
    ResultAsync.fromPromise(
      client.getCode({ address }),
      (e) => new RpcError('eth_getCode', { details: describe(e), cause: e }),
    );
  // A missing or wrong contract makes view calls revert or return nothing: that is a finding.
  // An unreachable or failing RPC is not, and must not pass for a bad deployment.
  const soft = <T>(r: ResultAsync<T, unknown>, fallback: T) =>
    r.orElse((e) => {
      const finding =
        !(e instanceof BaseError) ||
        e.walk(
          (x) =>
            x instanceof ContractFunctionRevertedError ||
            x instanceof ContractFunctionZeroDataError,
        ) !== null;
      const transport =
        e instanceof BaseError &&
        e.walk(
          (x) =>
            x instanceof HttpRequestError ||
            x instanceof TimeoutError ||
            x instanceof RpcRequestError,
        ) !== null;
      return transport && !finding
        ? errAsync(new RpcError('eth_call', { details: describe(e), cause: e }))
        : okAsync(fallback);
    });

  return ResultAsync.combine([code(p.subscriptions), code(p.nft)]).andThen(
    ([subsCode, nftCode]) => {
      const problems: string[] = [];
      const hasCode = (c: Hex | undefined) => c !== undefined && c !== '0x';
      if (!hasCode(subsCode))
        problems.push(`no contract code at subscriptions address ${p.subscriptions}`);
      if (!hasCode(nftCode)) problems.push(`no contract code at nft address ${p.nft}`);
      if (problems.length > 0) return errAsync(new DeploymentVerificationError(problems));

      const supports = (address: Address, id: Hex) =>
        soft(call<boolean>(address, 'supportsInterface', [id]), false);
      const role = (address: Address, r: Hex, account: Address) =>
        soft(call<boolean>(address, 'hasRole', [r, account]), false);
      const checks = ResultAsync.combine([
        supports(p.subscriptions, INTERFACE_IDS.IBlockhostSubscriptions),
        supports(p.nft, INTERFACE_IDS.IERC721),
        supports(p.nft, INTERFACE_IDS.IAccessCredentialNFT),
        role(p.subscriptions, ROLES.OPERATOR_ROLE, p.server),
        role(p.nft, ROLES.MINTER_ROLE, p.server),
        p.admin ? role(p.subscriptions, ROLES.DEFAULT_ADMIN_ROLE, p.admin) : okAsync(true),
        p.admin ? role(p.nft, ROLES.DEFAULT_ADMIN_ROLE, p.admin) : okAsync(true),
        soft(call<Address>(p.nft, 'subscriptions', []), null as Address | null),
        soft(call<Address>(p.subscriptions, 'accessCredential', []), null as Address | null),
        soft(call<bigint>(p.subscriptions, 'planCount', []), 0n),
        soft(call<bigint>(p.subscriptions, 'subscriptionCount', []), 0n),
      ] as const);
      return checks.andThen(
        ([
          subsIface,
          erc721,
          nftIface,
          operator,
          minter,
          subsAdmin,
          nftAdmin,
          linked,
          credential,
          plans,
          subs,
        ]) => {
          if (!subsIface)
            problems.push(`${p.subscriptions} is not a BlockhostSubscriptions contract`);
          if (!erc721 || !nftIface)
            problems.push(`${p.nft} is not an AccessCredentialNFT contract`);
          if (subsIface && !operator)
            problems.push(`server ${p.server} lacks OPERATOR_ROLE on subscriptions`);
          if (erc721 && nftIface && !minter)
            problems.push(`server ${p.server} lacks MINTER_ROLE on the nft`);
          if (!subsAdmin)
            problems.push(`admin ${p.admin} lacks DEFAULT_ADMIN_ROLE on subscriptions`);
          if (!nftAdmin) problems.push(`admin ${p.admin} lacks DEFAULT_ADMIN_ROLE on the nft`);
          const nftNamesSubs =
            linked !== null && getAddress(linked) === getAddress(p.subscriptions);
          const subsLinksNft = credential !== null && getAddress(credential) === getAddress(p.nft);
          if (subsIface && erc721 && nftIface && !(nftNamesSubs && subsLinksNft)) {
            problems.push(
              !nftNamesSubs
                ? `the nft ${p.nft} belongs to ${linked ?? 'another contract'}, not to ${p.subscriptions}`
                : `subscriptions ${p.subscriptions} is not linked to the nft ${p.nft} (linkAccessCredential): its holders would not control their subscriptions`,
            );
          }
          if (problems.length > 0) return errAsync(new DeploymentVerificationError(problems));
          return okAsync({
            subscriptions: getAddress(p.subscriptions),
            nft: getAddress(p.nft),
            subscriptionsCodeMatches: subsCode === blockhostSubscriptionsDeployedBytecode,
            nftCodeMatches: nftCode === accessCredentialNftDeployedBytecode,
            nftLinked: true,
            planCount: plans,
            subscriptionCount: subs,
          });
        },
      );
    },
  );
}
