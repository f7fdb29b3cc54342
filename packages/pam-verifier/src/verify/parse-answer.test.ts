import { describe, expect, it } from 'vitest';
import { MAX_ANSWER_LENGTH, parseLoginAnswer, parseSignatureText } from './parse-answer.js';

const sig = `0x${'ab'.repeat(65)}`;

describe('parseLoginAnswer', () => {
  it('empty, whitespace and a lone NUL mean "signed in the browser"', () => {
    for (const a of ['', '   ', '\0', '\n'])
      expect(parseLoginAnswer(a)._unsafeUnwrap()).toEqual({ kind: 'empty' });
  });

  it('normalises a pasted signature: NUL terminator, line breaks, case, missing 0x', () => {
    const expected = { kind: 'signature', signature: sig };
    expect(parseLoginAnswer(`${sig}\0`)._unsafeUnwrap()).toEqual(expected);
    expect(parseLoginAnswer(`  ${sig.slice(0, 70)}\n${sig.slice(70)}  `)._unsafeUnwrap()).toEqual(
      expected,
    );
    expect(parseLoginAnswer(sig.toUpperCase().replace('0X', '0x'))._unsafeUnwrap()).toEqual(
      expected,
    );
    expect(parseLoginAnswer(sig.slice(2))._unsafeUnwrap()).toEqual(expected);
  });

  it.each([
    ['not hex', 'let me in', 'LOGIN_ANSWER_MALFORMED'],
    ['odd length', `${sig}a`, 'LOGIN_ANSWER_MALFORMED'],
    ['too short', '0x1234', 'LOGIN_ANSWER_MALFORMED'],
    ['cut by PAM', `0x${'a'.repeat(MAX_ANSWER_LENGTH - 1)}`, 'LOGIN_ANSWER_TOO_LARGE'],
    ['huge', 'x'.repeat(1_000_000), 'LOGIN_ANSWER_TOO_LARGE'],
  ])('refuses %s', (_what, answer, code) => {
    expect(parseLoginAnswer(answer)._unsafeUnwrapErr().code).toBe(code);
  });

  it('the signing page path accepts long smart-wallet signatures up to its own bound', () => {
    expect(parseSignatureText(`0x${'cd'.repeat(2000)}`).isOk()).toBe(true);
    expect(parseSignatureText(`0x${'cd'.repeat(9000)}`)._unsafeUnwrapErr().code).toBe(
      'LOGIN_ANSWER_TOO_LARGE',
    );
  });
});
