import { createDecipheriv, createECDH, hkdfSync } from 'node:crypto';
import { bytesToHex, type Hex, hexToBytes, keccak256 } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { decryptConnectionDetails, encryptConnectionDetails } from './credential.js';
import { eciesDecrypt, eciesEncrypt, publicKeyFromSecretKey } from './ecies.js';
import { buildKeyMessage } from './key-message.js';
import { credentialKeyFromSignature, normalizeSignature } from './signature.js';
import { decryptUserSignature, encryptUserSignature } from './user-encrypted.js';
import { VECTORS as V } from './vectors.test-helpers.js';

describe('fixed test vectors', () => {
  it('key message → signature → credential key', async () => {
    expect(
      buildKeyMessage({ chainId: V.chainId, subscriptions: V.subscriptions })._unsafeUnwrap(),
    ).toBe(V.keyMessage);
    const account = privateKeyToAccount(V.customerPrivateKey);
    expect(account.address).toBe(V.customerAddress);
    expect(await account.signMessage({ message: V.keyMessage })).toBe(V.signature);
    expect(bytesToHex(credentialKeyFromSignature(V.signature)._unsafeUnwrap())).toBe(
      V.credentialKey,
    );
    expect(keccak256(V.signature)).toBe(V.credentialKey);
  });

  it('the credential key decrypts the known connection-details ciphertext', () => {
    expect(
      decryptConnectionDetails({ signature: V.signature }, V.connectionCiphertext)._unsafeUnwrap(),
    ).toEqual(V.connectionDetails);
    expect(
      decryptConnectionDetails(
        { credentialKey: V.credentialKey },
        V.connectionCiphertext,
      )._unsafeUnwrap(),
    ).toEqual(V.connectionDetails);
    // and encryption with the same nonce reproduces it byte for byte
    expect(
      encryptConnectionDetails({ credentialKey: V.credentialKey }, V.connectionDetails, {
        nonce: V.connectionNonce,
      })._unsafeUnwrap(),
    ).toBe(V.connectionCiphertext);
  });

  it('the server key decrypts the known userEncrypted to the signature', () => {
    expect(publicKeyFromSecretKey(V.serverPrivateKey)._unsafeUnwrap()).toBe(V.serverPublicKey);
    const r = decryptUserSignature({
      serverPrivateKey: V.serverPrivateKey,
      userEncrypted: V.userEncrypted,
    });
    expect(r._unsafeUnwrap()).toEqual({ signature: V.signature, credentialKey: V.credentialKey });
    expect(
      encryptUserSignature(
        { serverPublicKey: V.serverPublicKey, signature: V.signature },
        { ephemeralSecretKey: V.ephemeralPrivateKey, iv: V.iv },
      )._unsafeUnwrap(),
    ).toBe(V.userEncrypted);
  });

  it('node:crypto, an independent implementation, decrypts both formats (pins the byte layout)', () => {
    // userEncrypted: ephemeralPub(65) ‖ iv(12) ‖ ct ‖ tag(16); HKDF-SHA256(x, no salt, no info)
    const ue = hexToBytes(V.userEncrypted);
    const ecdh = createECDH('secp256k1');
    ecdh.setPrivateKey(hexToBytes(V.serverPrivateKey));
    const x = ecdh.computeSecret(ue.subarray(0, 65));
    const key = Buffer.from(hkdfSync('sha256', x, Buffer.alloc(0), Buffer.alloc(0), 32));
    const body = ue.subarray(77);
    const d1 = createDecipheriv('aes-256-gcm', key, ue.subarray(65, 77));
    d1.setAuthTag(body.subarray(body.length - 16));
    const plaintext = Buffer.concat([d1.update(body.subarray(0, body.length - 16)), d1.final()]);
    expect(plaintext.toString('utf8')).toBe(V.signature);

    // connection details: nonce(12) ‖ ct ‖ tag(16) under keccak256(signature)
    const ct = hexToBytes(V.connectionCiphertext);
    const d2 = createDecipheriv('aes-256-gcm', hexToBytes(V.credentialKey), ct.subarray(0, 12));
    d2.setAuthTag(ct.subarray(ct.length - 16));
    const json = Buffer.concat([d2.update(ct.subarray(12, ct.length - 16)), d2.final()]).toString(
      'utf8',
    );
    expect(JSON.parse(json)).toEqual(V.connectionDetails);
  });
});

describe('signatures', () => {
  it('normalises v 0/1 to 27/28 so both forms give the same credential key', () => {
    const sig = hexToBytes(V.signature);
    const low = new Uint8Array(sig);
    low[64] = sig[64]! - 27;
    expect(bytesToHex(normalizeSignature(low)._unsafeUnwrap())).toBe(V.signature);
    expect(bytesToHex(credentialKeyFromSignature(low)._unsafeUnwrap())).toBe(V.credentialKey);
  });

  it.each([
    ['64 bytes', `0x${'11'.repeat(64)}`, 'not-a-signature'],
    ['66 bytes', `0x${'11'.repeat(66)}`, 'not-a-signature'],
    ['v = 29', `0x${'11'.repeat(64)}1d`, 'not-a-signature'],
    ['r = 0', `0x${'00'.repeat(32)}${'11'.repeat(32)}1b`, 'not-a-signature'],
    ['s ≥ n', `0x${'11'.repeat(32)}${'ff'.repeat(32)}1b`, 'not-a-signature'],
    ['not hex', '0xzz', 'not-hex'],
  ])('rejects %s', (_name, sig, reason) => {
    const r = credentialKeyFromSignature(sig as Hex);
    expect(r.isErr()).toBe(true);
    expect(r._unsafeUnwrapErr().reason).toBe(reason);
    expect(r._unsafeUnwrapErr().code).toBe('CRYPTO');
  });
});

describe('ECIES', () => {
  it('round-trips random plaintexts with fresh ephemeral keys', () => {
    for (const size of [0, 1, 65, 132, 500]) {
      const plaintext = crypto.getRandomValues(new Uint8Array(size));
      const a = eciesEncrypt(V.serverPublicKey, plaintext)._unsafeUnwrap();
      const b = eciesEncrypt(V.serverPublicKey, plaintext)._unsafeUnwrap();
      expect(bytesToHex(a)).not.toBe(bytesToHex(b));
      expect(a.length).toBe(65 + 12 + size + 16);
      expect(bytesToHex(eciesDecrypt(V.serverPrivateKey, a)._unsafeUnwrap())).toBe(
        bytesToHex(plaintext),
      );
    }
  });

  it('accepts a compressed recipient key', () => {
    const y = BigInt(`0x${V.serverPublicKey.slice(68)}`);
    const compressed = `0x0${y % 2n === 0n ? 2 : 3}${V.serverPublicKey.slice(4, 68)}` as Hex;
    const ct = eciesEncrypt(compressed, new Uint8Array([1, 2, 3]))._unsafeUnwrap();
    expect([...eciesDecrypt(V.serverPrivateKey, ct)._unsafeUnwrap()]).toEqual([1, 2, 3]);
  });

  it('rejects a recipient key that is not on secp256k1', () => {
    const offCurve = `0x04${'01'.repeat(64)}` as Hex;
    expect(eciesEncrypt(offCurve, new Uint8Array(1))._unsafeUnwrapErr().reason).toBe(
      'invalid-point',
    );
  });
});

describe('decryptUserSignature: bad input gives typed reasons, never throws', () => {
  const server = V.serverPrivateKey;
  const good = hexToBytes(V.userEncrypted);
  const reason = (userEncrypted: Hex | Uint8Array) => {
    const r = decryptUserSignature({ serverPrivateKey: server, userEncrypted });
    expect(r.isErr()).toBe(true);
    return r._unsafeUnwrapErr().reason;
  };

  it('empty', () => expect(reason('0x')).toBe('empty'));
  it('malformed hex', () => expect(reason('0xnothex' as Hex)).toBe('not-hex'));
  it('odd-length hex', () => expect(reason('0x123' as Hex)).toBe('not-hex'));
  it('too short for ECIES', () => expect(reason(good.subarray(0, 80))).toBe('too-short'));
  it('too long (over 1024 bytes)', () =>
    expect(reason(new Uint8Array(1025).fill(4))).toBe('too-long'));

  it('wrong-curve ciphertext (ephemeral key is a P-256 point)', () => {
    const p256 = createECDH('prime256v1');
    p256.generateKeys();
    const forged = new Uint8Array(good);
    forged.set(p256.getPublicKey(), 0); // 65 bytes, 04-prefixed, valid on P-256 only
    expect(reason(forged)).toBe('invalid-point');
  });

  it('compressed ephemeral key', () => {
    const forged = new Uint8Array(good);
    forged[0] = 0x02;
    expect(reason(forged)).toBe('invalid-point');
  });

  it('encrypted to another key', () => {
    const other = publicKeyFromSecretKey(V.customerPrivateKey)._unsafeUnwrap();
    const ct = encryptUserSignature({
      serverPublicKey: other,
      signature: V.signature,
    })._unsafeUnwrap();
    expect(reason(ct)).toBe('not-decryptable');
  });

  it('tampered ciphertext', () => {
    const forged = new Uint8Array(good);
    forged[forged.length - 1]! ^= 1;
    expect(reason(forged)).toBe('not-decryptable');
  });

  it('decrypts, but to something that is not a signature', () => {
    for (const text of ['hello', `0x${'ab'.repeat(64)}`, `0x${'ab'.repeat(66)}`]) {
      const ct = eciesEncrypt(V.serverPublicKey, new TextEncoder().encode(text))._unsafeUnwrap();
      expect(reason(ct)).toBe('not-a-signature');
    }
  });

  it('a signature of the wrong length inside', () => {
    const ct = eciesEncrypt(
      V.serverPublicKey,
      hexToBytes(V.signature).subarray(0, 64),
    )._unsafeUnwrap();
    expect(reason(ct)).toBe('not-a-signature');
  });

  it('accepts the raw 65 signature bytes as plaintext too', () => {
    const ct = eciesEncrypt(V.serverPublicKey, hexToBytes(V.signature))._unsafeUnwrap();
    const r = decryptUserSignature({ serverPrivateKey: server, userEncrypted: ct });
    expect(r._unsafeUnwrap().credentialKey).toBe(V.credentialKey);
  });

  it('a bad server key is a typed error', () => {
    const r = decryptUserSignature({ serverPrivateKey: '0x1234', userEncrypted: V.userEncrypted });
    expect(r._unsafeUnwrapErr().reason).toBe('invalid-key');
  });

  it('verify: checks who signed the key message', () => {
    const ok = decryptUserSignature({
      serverPrivateKey: server,
      userEncrypted: V.userEncrypted,
      verify: { message: V.keyMessage, address: V.customerAddress },
    });
    expect(ok.isOk()).toBe(true);
    const wrongMessage = decryptUserSignature({
      serverPrivateKey: server,
      userEncrypted: V.userEncrypted,
      verify: { message: 'blockhost-access', address: V.customerAddress },
    });
    expect(wrongMessage._unsafeUnwrapErr().reason).toBe('wrong-signer');
  });

  it('never throws on arbitrary input', () => {
    const inputs: unknown[] = [undefined, null, 42, {}, [], 'x', new Uint8Array(0)];
    for (const input of inputs) {
      expect(() =>
        decryptUserSignature({ serverPrivateKey: server, userEncrypted: input as Hex }),
      ).not.toThrow();
    }
    for (let i = 0; i < 200; i++) {
      const size = Math.floor(Math.random() * 400);
      const bytes = crypto.getRandomValues(new Uint8Array(size));
      if (size > 0 && Math.random() < 0.5) bytes[0] = 4;
      expect(decryptUserSignature({ serverPrivateKey: server, userEncrypted: bytes }).isErr()).toBe(
        true,
      );
    }
  });
});

describe('connection details', () => {
  it('keeps extra keys such as signingUrl', () => {
    const details = { ...V.connectionDetails, signingUrl: 'https://vm-1.blockhost.test:8443/' };
    const ct = encryptConnectionDetails({ signature: V.signature }, details)._unsafeUnwrap();
    expect(decryptConnectionDetails({ signature: V.signature }, ct)._unsafeUnwrap()).toEqual(
      details,
    );
  });

  it('another signature cannot decrypt', async () => {
    const other = await privateKeyToAccount(V.serverPrivateKey).signMessage({
      message: V.keyMessage,
    });
    const r = decryptConnectionDetails({ signature: other }, V.connectionCiphertext);
    expect(r._unsafeUnwrapErr().reason).toBe('not-decryptable');
  });

  it('refuses details that would not fit the NFT (1024 bytes)', () => {
    const big = { ...V.connectionDetails, note: 'x'.repeat(1000) };
    expect(
      encryptConnectionDetails({ signature: V.signature }, big)._unsafeUnwrapErr().reason,
    ).toBe('too-long');
  });

  it('refuses malformed details and reports decrypted non-JSON', () => {
    const bad = { hostname: '', port: 70000, username: 'u' };
    expect(
      encryptConnectionDetails({ signature: V.signature }, bad)._unsafeUnwrapErr().reason,
    ).toBe('bad-plaintext');
    expect(
      decryptConnectionDetails({ signature: V.signature }, '0x')._unsafeUnwrapErr().reason,
    ).toBe('empty');
    expect(
      decryptConnectionDetails({ signature: V.signature }, '0x0102')._unsafeUnwrapErr().reason,
    ).toBe('too-short');
  });
});

describe('key message', () => {
  it('checksums the address and rejects bad input', () => {
    expect(
      buildKeyMessage({
        chainId: 1,
        subscriptions: V.subscriptions.toUpperCase().replace('0X', '0x') as Hex,
      })._unsafeUnwrap(),
    ).toBe('BlockHost access key | chain 1 | 0x5FbDB2315678afecb367f032d93F642f64180aa3');
    expect(buildKeyMessage({ chainId: 0, subscriptions: V.subscriptions }).isErr()).toBe(true);
    expect(buildKeyMessage({ chainId: 1, subscriptions: '0x1234' }).isErr()).toBe(true);
  });
});
