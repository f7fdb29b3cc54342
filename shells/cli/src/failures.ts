/**
 * Library failures as the CLI reports them: what was being done, the
 * library's short reason, and its hint (or ours, when the library has none).
 */
import { CliError, EXIT } from './framework/errors.js';

interface Describable {
  message: string;
  shortMessage?: string;
  details?: string | undefined;
  hint?: string | undefined;
  code?: unknown;
}

const oneLine = (s: string) => s.replace(/\s*\n\s*/g, '; ').trim();

function reason(e: Describable): string {
  const short = e.shortMessage ?? e.message.split('\n')[0] ?? e.message;
  const details = e.details && !short.includes(e.details) ? ` (${oneLine(e.details)})` : '';
  return `${short}${details}`;
}

/** A transport-level failure (the RPC did not answer) rather than a refusal by the chain. */
export function isRpcUnreachable(e: Describable): boolean {
  return (
    e.code === 'RPC_ERROR' ||
    /HTTP request failed|fetch failed|ECONNREFUSED|timed out|took too long/i.test(
      `${e.message} ${e.details ?? ''}`,
    )
  );
}

export function chainFailure(what: string, e: Describable): CliError {
  const hint =
    e.hint ??
    (isRpcUnreachable(e)
      ? 'check rpc_url in web3-defaults.yaml and that the node answers (`blockhost doctor`)'
      : undefined);
  return new CliError(`${what}: ${reason(e)}`, EXIT.failed, hint);
}

export function pveFailure(what: string, e: Describable): CliError {
  return new CliError(`${what}: ${reason(e)}`, EXIT.failed, e.hint);
}
