/**
 * The answer typed at the prompt (arrives on the verify helper's stdin via
 * `pam_exec expose_authtok`): empty, or a hex signature.
 */
import { err, ok, type Result } from 'neverthrow';
import { AnswerMalformedError, AnswerTooLargeError } from '../errors.js';
import { isHex } from '../internal/hex.js';

/**
 * Longest answer accepted, in characters. pam_exec passes on at most 511
 * characters of a prompt answer (PAM_MAX_RESP_SIZE − 1, measured with real
 * sshd), so an answer that long may have been cut and is refused as too
 * large rather than misreported; long smart-wallet signatures go through
 * the signing page, which has its own (larger) bound.
 */
export const MAX_ANSWER_LENGTH = 510;
/** Longest signature accepted from the signing page, in bytes (ERC-6492 wrappers are long). */
export const MAX_SIGNATURE_BYTES = 8192;

export type LoginAnswer = { kind: 'empty' } | { kind: 'signature'; signature: `0x${string}` };

export type ParseAnswerErrorType = AnswerMalformedError | AnswerTooLargeError;

/**
 * Trims the NUL terminator and whitespace (pastes often carry line breaks),
 * then accepts `0x` + hex of 64 to `maxBytes` bytes.
 */
export function parseSignatureText(
  raw: string,
  maxBytes = MAX_SIGNATURE_BYTES,
): Result<`0x${string}`, ParseAnswerErrorType> {
  const text = raw.replace(/[\s\0]+/g, '');
  const body = text.startsWith('0x') || text.startsWith('0X') ? text.slice(2) : text;
  if (body.length > maxBytes * 2) return err(new AnswerTooLargeError(body.length, maxBytes * 2));
  const details = { details: `${text.length} characters` };
  if (!isHex(body))
    return err(
      new AnswerMalformedError('expected 0x followed by an even number of hex digits', details),
    );
  if (body.length < 128)
    return err(new AnswerMalformedError('a signature is at least 64 bytes', details));
  return ok(`0x${body.toLowerCase()}` as const);
}

export function parseLoginAnswer(
  raw: string,
  maxLength = MAX_ANSWER_LENGTH,
): Result<LoginAnswer, ParseAnswerErrorType> {
  const stripped = raw.replace(/\0+$/, '');
  if (stripped.length > maxLength) return err(new AnswerTooLargeError(stripped.length, maxLength));
  if (stripped.trim() === '') return ok({ kind: 'empty' });
  return parseSignatureText(stripped).map((signature) => ({ kind: 'signature', signature }));
}
