/**
 * Typed errors of the ISO builder. Every message names the thing that was
 * wrong (an answer-file key, an option, a file) and what was expected.
 */

export interface ImageErrorOptions {
  readonly details?: string | undefined;
  readonly hint?: string | undefined;
  readonly cause?: unknown;
}

/**
 * Base of the image errors, shaped like `@blockhost/core`'s BlockhostError
 * (`code`, `shortMessage`, `details`, `hint`); the ISO tool does not depend on
 * the SDK so that it runs from image/dist alone.
 */
export abstract class ImageError extends Error {
  abstract readonly code: string;
  readonly shortMessage: string;
  readonly details: string | undefined;
  readonly hint: string | undefined;
  constructor(shortMessage: string, options: ImageErrorOptions = {}) {
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

/** One problem in an answer file: the dotted key (`global.root-password`) and what was expected. */
export interface AnswerProblem {
  readonly key: string;
  readonly message: string;
}

/** `global.root-password: at least 8 characters` */
export function formatProblem(p: AnswerProblem): string {
  return `${p.key}: ${p.message}`;
}

/** An answer file (or auto-installer-mode.toml) broke the installer's rules; `problems` lists each. */
export class AnswerFileError extends ImageError {
  readonly code = 'ANSWER_INVALID';
  readonly file: string;
  readonly problems: readonly AnswerProblem[];
  constructor(file: string, problems: readonly AnswerProblem[], options: ImageErrorOptions = {}) {
    const n = problems.length;
    super(`${file}: ${n} problem${n === 1 ? '' : 's'}`, {
      details: problems.map(formatProblem).join('\n'),
      ...options,
    });
    this.file = file;
    this.problems = problems;
  }
}

/**
 * Why a build stopped. `usage` and `input` are the caller's to fix (exit 2):
 * a bad option, a missing or unsuitable file, an unwritable output directory.
 * `tool` is an external program failing on good input (exit 1).
 */
export type BuildErrorKind = 'usage' | 'input' | 'tool';

export class BuildError extends ImageError {
  readonly code = 'BUILD_FAILED';
  readonly kind: BuildErrorKind;
  constructor(kind: BuildErrorKind, message: string, options: ImageErrorOptions = {}) {
    super(message, options);
    this.kind = kind;
  }
}
