import { err, ok, type Result } from 'neverthrow';
import { type Address, getAddress, isAddress } from 'viem';
import { ChainInputError } from '../errors.js';

export interface KeyMessageParameters {
  readonly chainId: number;
  /** The subscriptions contract (any case; the message uses the checksummed form). */
  readonly subscriptions: Address;
}

/**
 * The message a customer signs (EIP-191 `personal_sign`) to derive their credential key:
 * `BlockHost access key | chain <chainId> | <checksummed subscriptions address>`. Bound to one
 * deployment, so a signature for one host is useless on another.
 */
export function buildKeyMessage(p: KeyMessageParameters): Result<string, ChainInputError> {
  if (!Number.isSafeInteger(p.chainId) || p.chainId <= 0) {
    return err(new ChainInputError('chainId', 'a positive integer'));
  }
  if (!isAddress(p.subscriptions, { strict: false })) {
    return err(new ChainInputError('subscriptions', 'a 20-byte 0x address'));
  }
  return ok(`BlockHost access key | chain ${p.chainId} | ${getAddress(p.subscriptions)}`);
}
