import { okAsync } from 'neverthrow';
import { hashMessage, serializeErc6492Signature } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { createLoginChallenge, type LoginChallenge } from '../challenge/create-challenge.js';
import { createSiweMessage, parseSiweMessage } from '../siwe/message.js';
import {
  type ContractSignatureCheck,
  type ContractSignatureVerifier,
  checkChallenge,
  verifyLogin,
  verifyLoginSignature,
} from './verify-login.js';

const wallet = privateKeyToAccount(`0x${'07'.repeat(32)}`);
const other = privateKeyToAccount(`0x${'08'.repeat(32)}`);
const T0 = Date.UTC(2026, 5, 1);
let seed = 0;
const rnd = (n: number) => Uint8Array.from({ length: n }, () => (seed = (seed * 31 + 7) & 0xff));

const challenge = (over: Partial<Parameters<typeof createLoginChallenge>[0]> = {}) =>
  createLoginChallenge({
    user: 'alice',
    host: 'vm.example.net',
    wallet: wallet.address,
    chainId: 1,
    ttlSeconds: 60,
    now: T0,
    randomBytes: rnd,
    ...over,
  })._unsafeUnwrap();

const expected = { user: 'alice', host: 'vm.example.net', chainId: 1 };

/** The stored challenge with one SIWE field of its message changed (a tampered or foreign file). */
function withField(c: LoginChallenge, patch: Record<string, unknown>): LoginChallenge {
  const fields = { ...parseSiweMessage(c.message)._unsafeUnwrap(), ...patch };
  return { ...c, message: createSiweMessage(fields)._unsafeUnwrap() };
}

describe('checkChallenge', () => {
  it('accepts the challenge for this user, host and session before it expires', () => {
    const c = challenge();
    expect(checkChallenge({ challenge: c, expected, now: T0 + 59_999 }).isOk()).toBe(true);
  });

  it('refuses it at and after the expiration time', () => {
    const c = challenge();
    expect(
      checkChallenge({ challenge: c, expected, now: T0 + 60_000 })._unsafeUnwrapErr().reason,
    ).toBe('expired');
  });

  it.each([
    ['user', { ...expected, user: 'bob' }],
    ['host', { ...expected, host: 'other.example.net' }],
    ['session', { ...expected, sessionId: 'f'.repeat(32) }],
    ['chain', { ...expected, chainId: 5 }],
  ])('refuses a challenge issued for another %s', (_what, exp) => {
    const r = checkChallenge({ challenge: challenge(), expected: exp, now: T0 });
    expect(r._unsafeUnwrapErr().reason).toBe('binding-mismatch');
  });

  it.each([
    ['domain', { domain: 'evil.example.net' }],
    ['uri', { uri: 'ssh://root@vm.example.net' }],
    ['requestId', { requestId: 'e'.repeat(32) }],
    ['nonce', { nonce: 'ffffffffffffffff' }],
    ['address', { address: other.address }],
    ['expirationTime', { expirationTime: '2099-01-01T00:00:00.000Z' }],
  ])('refuses a stored message whose %s differs from the challenge', (field, patch) => {
    const r = checkChallenge({ challenge: withField(challenge(), patch), expected, now: T0 });
    const e = r._unsafeUnwrapErr();
    expect(e.reason).toBe('binding-mismatch');
    expect(e.shortMessage).toContain(field);
  });

  it('refuses a stored message that is not SIWE', () => {
    const r = checkChallenge({
      challenge: { ...challenge(), message: 'hello' },
      expected,
      now: T0,
    });
    expect(r._unsafeUnwrapErr().reason).toBe('challenge-invalid');
  });
});

/** A verifier that records what it is asked; `code` and `valid` are its answers. */
function recording(code: boolean, valid: boolean) {
  const asked: string[] = [];
  const seen: ContractSignatureCheck[] = [];
  const verifier: ContractSignatureVerifier = {
    hasCode: (address) => {
      asked.push(`hasCode ${address}`);
      return okAsync(code);
    },
    isValidSignature: (a) => {
      asked.push('isValidSignature');
      seen.push(a);
      return okAsync(valid);
    },
  };
  return { verifier, asked, seen };
}

describe('verifyLoginSignature', () => {
  it('an EOA signature verifies offline; the chain is not asked', async () => {
    const c = challenge();
    const signature = await wallet.signMessage({ message: c.message });
    const chain = recording(true, true);
    const r = await verifyLoginSignature({
      challenge: c,
      signature,
      contractVerifier: chain.verifier,
    });
    expect(r._unsafeUnwrap()).toEqual({ wallet: wallet.address, method: 'eoa' });
    expect(chain.asked).toEqual([]);
  });

  it('another key is a mismatch naming the recovered address', async () => {
    const c = challenge();
    const signature = await other.signMessage({ message: c.message });
    const e = (await verifyLoginSignature({ challenge: c, signature }))._unsafeUnwrapErr();
    expect(e.reason).toBe('signature-mismatch');
    expect(e.details).toContain(other.address);
  });

  it('when recovery does not match, a wallet with code decides (ERC-1271)', async () => {
    const c = challenge();
    const signature = await other.signMessage({ message: c.message });
    const yes = recording(true, true);
    const r = await verifyLoginSignature({
      challenge: c,
      signature,
      contractVerifier: yes.verifier,
    });
    expect(r._unsafeUnwrap().method).toBe('contract');
    expect(yes.asked).toEqual([`hasCode ${wallet.address}`, 'isValidSignature']);
    expect(yes.seen).toEqual([
      {
        address: wallet.address,
        message: c.message,
        hash: hashMessage(c.message),
        signature,
        erc6492: false,
      },
    ]);
    const no = recording(true, false);
    expect(
      (
        await verifyLoginSignature({ challenge: c, signature, contractVerifier: no.verifier })
      )._unsafeUnwrapErr().reason,
    ).toBe('signature-mismatch');
  });

  it('a wallet without code (an EOA) is never asked about a signature that does not recover', async () => {
    const c = challenge();
    for (const signature of [
      await other.signMessage({ message: c.message }),
      `0x${'11'.repeat(65)}` as const,
      `0x${'22'.repeat(200)}` as const,
    ]) {
      const chain = recording(false, true);
      const e = (
        await verifyLoginSignature({ challenge: c, signature, contractVerifier: chain.verifier })
      )._unsafeUnwrapErr();
      expect(e.reason).toBe('signature-mismatch');
      expect(chain.asked).toEqual([`hasCode ${wallet.address}`]);
    }
  });

  it('a well-formed ERC-6492 wrapper goes to the chain as such; a broken one is refused unasked', async () => {
    const c = challenge();
    const inner = await other.signMessage({ message: c.message });
    const wrapped = serializeErc6492Signature({
      address: '0x00000000000000000000000000000000000000aa',
      data: '0xabcdef',
      signature: inner,
    });
    const chain = recording(false, true);
    const r = await verifyLoginSignature({
      challenge: c,
      signature: wrapped,
      contractVerifier: chain.verifier,
    });
    expect(r._unsafeUnwrap().method).toBe('contract');
    expect(chain.asked).toEqual(['isValidSignature']);
    expect(chain.seen[0]?.erc6492).toBe(true);
    const magic = '6492'.repeat(16);
    for (const broken of [
      `0x${'ab'.repeat(100)}${magic}`,
      `0x${magic}`,
      // Non-canonical: an extra word after the encoding.
      `${wrapped.slice(0, -64)}${'00'.repeat(32)}${magic}`,
      // The factory's word with its upper bytes set.
      `0x${'ff'.repeat(12)}${wrapped.slice(26)}`,
    ] as `0x${string}`[]) {
      const none = recording(true, true);
      const e = (
        await verifyLoginSignature({
          challenge: c,
          signature: broken,
          contractVerifier: none.verifier,
        })
      )._unsafeUnwrapErr();
      expect(e.reason, broken).toBe('answer-malformed');
      expect(none.asked).toEqual([]);
    }
  });

  it('verifyLogin checks the challenge first', async () => {
    const c = challenge();
    const signature = await wallet.signMessage({ message: c.message });
    const late = await verifyLogin({ challenge: c, signature, expected, now: T0 + 61_000 });
    expect(late._unsafeUnwrapErr().reason).toBe('expired');
    const ok = await verifyLogin({ challenge: c, signature, expected, now: T0 + 1000 });
    expect(ok.isOk()).toBe(true);
  });
});
