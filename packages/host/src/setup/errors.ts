import { BlockhostError, type BlockhostErrorOptions } from '@blockhost/core';

/**
 * Why a setup step failed, for the CLI's exit codes and the wizard's messages:
 * `input` (a value the operator gave is wrong), `state` (the world is not as
 * the step needs it: a lost token secret, a nonce used by someone else),
 * `io` (a file could not be written), `remote` (the chain or Proxmox refused
 * or did not answer).
 */
export type SetupErrorKind = 'input' | 'state' | 'io' | 'remote';

/** A setup step (server key, contracts, plan, token, config files, template) failed. */
export class SetupError extends BlockhostError {
  readonly code = 'SETUP_FAILED';
  /** A finer tag where a caller acts on it (e.g. `secret-lost`: issue a new token secret). */
  readonly reason: string | undefined;
  constructor(
    readonly kind: SetupErrorKind,
    shortMessage: string,
    options: BlockhostErrorOptions & { reason?: string } = {},
  ) {
    super(shortMessage, options);
    this.reason = options.reason;
  }
}

/** The message of any error, without its stack. */
export function errorText(e: unknown): string {
  if (e instanceof BlockhostError) return e.shortMessage + (e.details ? ` (${e.details})` : '');
  return e instanceof Error ? e.message : String(e);
}
