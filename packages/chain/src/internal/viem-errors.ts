import { BaseError, ContractFunctionRevertedError } from 'viem';
import { roleName } from '../contracts.js';
import { ContractRevertError, describe, RpcError } from '../errors.js';

/** Maps what viem throws for a contract read/simulation into our typed errors. */
export function toChainError(error: unknown, functionName: string): ContractRevertError | RpcError {
  if (error instanceof BaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError) {
      const errorName = revert.data?.errorName;
      const args = (revert.data?.args ?? []) as readonly unknown[];
      return new ContractRevertError(
        functionName,
        { errorName, args, reason: revert.reason },
        { details: revertDetails(errorName, args), cause: error },
      );
    }
  }
  return new RpcError(functionName, { details: describe(error), cause: error });
}

function revertDetails(
  errorName: string | undefined,
  args: readonly unknown[],
): string | undefined {
  if (errorName === 'AccessControlUnauthorizedAccount') {
    return `${String(args[0])} lacks ${roleName(args[1])}`;
  }
  return undefined;
}
