import { err, ok, type Result } from 'neverthrow';
import { type Abi, parseEventLogs, type TransactionReceipt } from 'viem';
import { MissingEventError } from '../errors.js';

/** The args of the first `eventName` log that `address` emitted in `receipt`. */
export function eventFromReceipt<T>(
  receipt: TransactionReceipt,
  abi: Abi,
  address: string,
  eventName: string,
): Result<T, MissingEventError> {
  const logs = parseEventLogs({ abi, logs: receipt.logs, eventName, strict: true });
  const mine = logs.find((l) => l.address.toLowerCase() === address.toLowerCase());
  if (!mine) return err(new MissingEventError(eventName, receipt.transactionHash));
  return ok((mine as unknown as { args: T }).args);
}
