/**
 * Typed errors shared by every BlockHost package.
 *
 * Each error has a stable `code` for programs, a short message for people,
 * and optional `details` (what exactly was wrong) and `hint` (how to fix it),
 * in the spirit of viem's errors.
 */
export interface BlockhostErrorOptions {
  details?: string | undefined;
  hint?: string | undefined;
  cause?: unknown;
}

export abstract class BlockhostError extends Error {
  abstract readonly code: string;
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly hint: string | undefined;

  constructor(shortMessage: string, options: BlockhostErrorOptions = {}) {
    const parts = [shortMessage];
    if (options.details) parts.push(`Details: ${options.details}`);
    if (options.hint) parts.push(`Hint: ${options.hint}`);
    super(parts.join('\n'), options.cause === undefined ? undefined : { cause: options.cause });
    this.shortMessage = shortMessage;
    this.details = options.details;
    this.hint = options.hint;
    this.name = new.target.name;
  }
}

/** An address pool, VMID range or IPv6 prefix has no free entry left. */
export class PoolExhaustedError extends BlockhostError {
  readonly code = 'POOL_EXHAUSTED';
  readonly pool: string;
  constructor(pool: string, options: BlockhostErrorOptions = {}) {
    super(`${pool} is exhausted`, {
      hint: 'widen the range in db.yaml or destroy unused VMs',
      ...options,
    });
    this.pool = pool;
  }
}

/** A value passed to a core function is not of the expected form. */
export class InvalidInputError extends BlockhostError {
  readonly code = 'INVALID_INPUT';
  /** The thing that was wrong (a field name or the offending text). */
  readonly what: string;
  /** What was expected instead. */
  readonly expected: string;
  constructor(what: string, expected: string, options: BlockhostErrorOptions = {}) {
    super(`${what}: ${expected}`, options);
    this.what = what;
    this.expected = expected;
  }
}
