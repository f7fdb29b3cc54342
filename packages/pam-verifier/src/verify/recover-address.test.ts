import fc from 'fast-check';
import { hashMessage, recoverMessageAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../internal/hex.js';
import { hashPersonalMessage, recoverMessageSigner } from './recover-address.js';

const account = privateKeyToAccount(`0x${'42'.repeat(32)}`);
const message = 'vm wants you to sign in with your Ethereum account:\nüñíçødé ✓';

describe('recoverMessageSigner (offline EOA)', () => {
  it('hashes like viem (EIP-191, UTF-8 byte length)', () => {
    expect(`0x${bytesToHex(hashPersonalMessage(message))}`).toBe(hashMessage(message));
  });

  it('recovers the signer of a personal_sign signature', async () => {
    const sig = await account.signMessage({ message });
    expect(recoverMessageSigner(message, sig)._unsafeUnwrap()).toBe(account.address);
    expect(await recoverMessageAddress({ message, signature: sig })).toBe(account.address);
  });

  it('accepts v as 0/1 and the 64-byte EIP-2098 form', async () => {
    const sig = hexToBytes(await account.signMessage({ message }));
    const v01 = sig.slice();
    v01[64] = (v01[64] as number) - 27;
    expect(recoverMessageSigner(message, `0x${bytesToHex(v01)}`)._unsafeUnwrap()).toBe(
      account.address,
    );
    const compact = sig.slice(0, 64);
    if ((sig[64] as number) === 28) compact[32] = (compact[32] as number) | 0x80;
    expect(recoverMessageSigner(message, `0x${bytesToHex(compact)}`)._unsafeUnwrap()).toBe(
      account.address,
    );
  });

  it('recovers someone else for another message', async () => {
    const sig = await account.signMessage({ message });
    expect(recoverMessageSigner(`${message}.`, sig)._unsafeUnwrap()).not.toBe(account.address);
  });

  it('returns an error for bad v, bad length or r/s off the curve, never throws', () => {
    expect(recoverMessageSigner(message, `0x${'11'.repeat(64)}05`).isErr()).toBe(true);
    expect(recoverMessageSigner(message, `0x${'11'.repeat(70)}`).isErr()).toBe(true);
    expect(recoverMessageSigner(message, `0x${'00'.repeat(64)}1b`).isErr()).toBe(true);
    expect(recoverMessageSigner(message, `0x${'ff'.repeat(64)}1b`).isErr()).toBe(true);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 65 }), (bytes) => {
        recoverMessageSigner(message, `0x${bytesToHex(bytes)}`);
      }),
      { numRuns: 200 },
    );
  });
});
