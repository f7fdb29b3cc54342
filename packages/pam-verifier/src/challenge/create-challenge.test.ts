import { describe, expect, it } from 'vitest';
import { parseSiweMessage } from '../siwe/message.js';
import {
  type CreateLoginChallengeParameters,
  challengeCode,
  createLoginChallenge,
} from './create-challenge.js';
import { extractMessageFromPrompt, formatLoginPrompt, PROMPT_LINE } from './prompt.js';

/** Deterministic "randomness": 0x01 0x02 … */
const counting = () => {
  let n = 0;
  return (len: number) => Uint8Array.from({ length: len }, () => ++n & 0xff);
};

const params = (
  over: Partial<CreateLoginChallengeParameters> = {},
): CreateLoginChallengeParameters => ({
  user: 'alice',
  host: 'vm-3.example.net',
  wallet: '0xe05fcc23807536bee418f142d19fa0d21bb0cff7',
  chainId: 8453,
  ttlSeconds: 120,
  now: Date.UTC(2026, 0, 2, 3, 4, 5, 678),
  randomBytes: counting(),
  ...over,
});

describe('createLoginChallenge', () => {
  it('builds the SIWE message the spec describes', () => {
    const c = createLoginChallenge(params())._unsafeUnwrap();
    const m = parseSiweMessage(c.message)._unsafeUnwrap();
    expect(m).toMatchObject({
      domain: 'vm-3.example.net',
      address: '0xe05fcC23807536bEe418f142D19fa0d21BB0cfF7',
      statement: 'Log in to vm-3.example.net as alice over SSH.',
      uri: 'ssh://alice@vm-3.example.net',
      version: '1',
      chainId: 8453,
      issuedAt: '2026-01-02T03:04:05.678Z',
      expirationTime: '2026-01-02T03:06:05.678Z',
      requestId: c.sessionId,
      nonce: c.nonce,
    });
    // ≥ 96 bits of randomness: 16 random bytes each for session id and nonce.
    expect(c.sessionId).toBe('0102030405060708090a0b0c0d0e0f10');
    expect(c.nonce).toBe('1112131415161718191a1b1c1d1e1f20');
    expect(c.expiresAt - c.issuedAt).toBe(120_000);
    expect(challengeCode(c.nonce)).toBe('1112-1314');
  });

  it('uses a given session id', () => {
    const c = createLoginChallenge(params({ sessionId: 'f'.repeat(32) }))._unsafeUnwrap();
    expect(c.sessionId).toBe('f'.repeat(32));
  });

  it('accepts IPv6 and single-label hosts', () => {
    expect(createLoginChallenge(params({ host: '[2001:db8::5]' })).isOk()).toBe(true);
    expect(createLoginChallenge(params({ host: 'blockhost-42' })).isOk()).toBe(true);
  });

  it.each([
    ['user', { user: 'al ice' }],
    ['user', { user: '../root' }],
    ['host', { host: 'vm.example.net:22' }],
    ['host', { host: 'bad host' }],
    ['wallet', { wallet: 'alice.eth' }],
    ['chainId', { chainId: -1 }],
    ['ttlSeconds', { ttlSeconds: 0 }],
    ['sessionId', { sessionId: '../../etc/passwd' }],
  ])('refuses a bad %s as InvalidInputError', (what, over) => {
    const r = createLoginChallenge(params(over as Partial<CreateLoginChallengeParameters>));
    expect(r.isErr()).toBe(true);
    expect(r._unsafeUnwrapErr().code).toBe('INVALID_INPUT');
    expect(r._unsafeUnwrapErr().shortMessage).toContain(what);
  });
});

describe('formatLoginPrompt', () => {
  it('shows user@host, the code, the signing URL, the exact message and the prompt line', () => {
    const c = createLoginChallenge(params())._unsafeUnwrap();
    const lines = formatLoginPrompt({
      challenge: c,
      signingBaseUrl: 'https://vm-3.example.net:8443',
    });
    const text = lines.join('\n');
    expect(lines[0]).toBe('Wallet login for alice@vm-3.example.net');
    expect(text).toContain('Code:   1112-1314');
    expect(text).toContain(`https://vm-3.example.net:8443/login/${c.sessionId}`);
    expect(lines.at(-1)).toBe(PROMPT_LINE);
    expect(extractMessageFromPrompt(`${text}\nPassword: `)).toBe(c.message);
  });

  it("shows the signing page's certificate fingerprint when there is one", () => {
    const c = createLoginChallenge(params())._unsafeUnwrap();
    const fingerprint = Array.from({ length: 32 }, (_, i) =>
      (i * 7).toString(16).padStart(2, '0').toUpperCase(),
    ).join(':');
    const lines = formatLoginPrompt({
      challenge: c,
      signingBaseUrl: 'https://vm-3.example.net:8443',
      signingCertFingerprint: fingerprint,
    });
    const at = lines.indexOf(`  https://vm-3.example.net:8443/login/${c.sessionId}`);
    expect(lines[at + 1]).toMatch(/Certificate SHA-256/);
    expect(lines[at + 2]).toBe(`  ${fingerprint}`);
    expect(extractMessageFromPrompt(lines.join('\n'))).toBe(c.message);
  });

  it('without the signing service asks only for a pasted signature', () => {
    const c = createLoginChallenge(params())._unsafeUnwrap();
    const text = formatLoginPrompt({ challenge: c }).join('\n');
    expect(text).not.toContain('/login/');
    expect(text).not.toContain('browser');
  });
});
