import {
  decryptUserSignature,
  eciesDecrypt,
  eciesEncrypt,
  encryptUserSignature,
  publicKeyFromSecretKey,
} from '@blockhost/chain';
import { describe, expect, it } from 'vitest';
import { nativeEcdh } from './native-ecdh.js';

const serverKey = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d' as const;
const serverPub = publicKeyFromSecretKey(serverKey)._unsafeUnwrap();

describe('native secp256k1 ECDH', () => {
  it('is available on this Node (OpenSSL has the curve)', () => {
    expect(nativeEcdh).toBeTypeOf('function');
  });

  it('decrypts what the portable implementation encrypted, to the same bytes', () => {
    for (let i = 0; i < 20; i++) {
      const plaintext = new TextEncoder().encode(`message ${i} ${'x'.repeat(i * 7)}`);
      const sealed = eciesEncrypt(serverPub, plaintext)._unsafeUnwrap();
      const native = eciesDecrypt(serverKey, sealed, { ecdh: nativeEcdh })._unsafeUnwrap();
      expect(native).toEqual(eciesDecrypt(serverKey, sealed)._unsafeUnwrap());
      expect(new TextDecoder().decode(native)).toBe(`message ${i} ${'x'.repeat(i * 7)}`);
    }
  });

  it('gives the daemon the same signature and credential key, and the same refusals', () => {
    const signature = `0x${'11'.repeat(32)}${'22'.repeat(32)}1b` as const;
    const userEncrypted = encryptUserSignature({
      serverPublicKey: serverPub,
      signature,
    })._unsafeUnwrap();
    const a = decryptUserSignature({
      serverPrivateKey: serverKey,
      userEncrypted,
      ecdh: nativeEcdh,
    });
    expect(a._unsafeUnwrap()).toEqual(
      decryptUserSignature({ serverPrivateKey: serverKey, userEncrypted })._unsafeUnwrap(),
    );
    // Encrypted to another key: not decryptable either way.
    const other = publicKeyFromSecretKey(`0x${'ab'.repeat(32)}`)._unsafeUnwrap();
    const foreign = encryptUserSignature({ serverPublicKey: other, signature })._unsafeUnwrap();
    const r = decryptUserSignature({
      serverPrivateKey: serverKey,
      userEncrypted: foreign,
      ecdh: nativeEcdh,
    });
    expect(r._unsafeUnwrapErr().reason).toBe('not-decryptable');
  });
});
