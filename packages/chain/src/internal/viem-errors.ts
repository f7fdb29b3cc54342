import { BaseError, ContractFunctionRevertedError } from 'viem';
import { roleName } from '../contracts.js';
import { ContractRevertError, describe, RpcError } from '../errors.js';

/** Maps what viem throws for a contract read/simulation into our typed errors. */
export function toChainError(error: unknown, functionName: string): ContractRevertError | RpcError {
  if (error instanceof BaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError && !internalFault(error, revert)) {
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

/**
 * viem reads every JSON-RPC internal error (-32603) of an `eth_call` as a revert, since some
 * nodes report reverts that way (its message becomes the "reason"). One with no revert data and
 * no word of a revert is the node failing (overloaded, a proxy's error), not the contract:
 * retryable, not final.
 */
function internalFault(error: BaseError, revert: ContractFunctionRevertedError): boolean {
  if (revert.raw && revert.raw !== '0x') return false;
  const internal = error.walk((e) => (e as { code?: unknown }).code === -32603) as BaseError | null;
  if (!internal) return false;
  const text = `${revert.reason ?? ''} ${internal.shortMessage ?? ''} ${internal.details ?? ''}`;
  return !/revert/i.test(text);
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
