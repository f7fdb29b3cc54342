/**
 * ECIES over secp256k1, the `userEncrypted` format of the spec:
 * `ephemeralPub (65 B, 04…) ‖ iv (12 B) ‖ ciphertext ‖ tag (16 B)`,
 * key = HKDF-SHA256(ikm = x of the ECDH point, no salt, no info, 32 B), AES-256-GCM, no AAD.
 */
import { gcm } from '@noble/ciphers/aes.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { err, ok, type Result } from 'neverthrow';
import { bytesToHex, concatBytes, type Hex } from 'viem';
import { CryptoError } from '../errors.js';
import { toBytes } from '../internal/bytes.js';

export const ECIES_PUBLIC_KEY_BYTES = 65;
export const ECIES_IV_BYTES = 12;
export const ECIES_TAG_BYTES = 16;
/** Smallest possible ciphertext (empty plaintext). */
export const ECIES_OVERHEAD_BYTES = ECIES_PUBLIC_KEY_BYTES + ECIES_IV_BYTES + ECIES_TAG_BYTES;

/**
 * The x-coordinate (32 B) of the ECDH point of a secret key and a (validated, uncompressed)
 * public key. The default is this package's portable implementation; a Node host can give a
 * native one (OpenSSL's secp256k1 is ~50× faster) without this package importing node:crypto.
 */
export type EcdhSharedX = (secretKey: Uint8Array, publicKey: Uint8Array) => Uint8Array;

const portableSharedX: EcdhSharedX = (secretKey, publicKey) =>
  secp256k1.getSharedSecret(secretKey, publicKey, true).subarray(1);

function sharedKey(
  secretKey: Uint8Array,
  publicKey: Uint8Array,
  ecdh: EcdhSharedX = portableSharedX,
): Uint8Array {
  return hkdf(sha256, ecdh(secretKey, publicKey), undefined, undefined, 32);
}

/** Accepts a 32-byte secret key as hex or bytes. */
export function parseSecretKey(secretKey: Hex | Uint8Array): Result<Uint8Array, CryptoError> {
  const bytes = toBytes(secretKey);
  if (bytes?.length !== 32 || !secp256k1.utils.isValidSecretKey(bytes)) {
    return err(new CryptoError('invalid-key', 'private key: expected a 32-byte secp256k1 key'));
  }
  return ok(bytes);
}

/** Parses a secp256k1 public key (33-byte compressed or 65-byte uncompressed) onto the curve. */
export function parsePublicKey(publicKey: Hex | Uint8Array): Result<Uint8Array, CryptoError> {
  const bytes = toBytes(publicKey);
  if (!bytes) return err(new CryptoError('not-hex', 'public key: expected hex or bytes'));
  try {
    return ok(secp256k1.Point.fromBytes(bytes).toBytes(false));
  } catch {
    return err(
      new CryptoError('invalid-point', 'public key: expected a point on secp256k1', {
        details: `${bytes.length} bytes that do not decode to a curve point`,
      }),
    );
  }
}

/** The uncompressed (65-byte, 04…) public key of a secret key: what customers encrypt to. */
export function publicKeyFromSecretKey(secretKey: Hex | Uint8Array): Result<Hex, CryptoError> {
  return parseSecretKey(secretKey).map((k) => bytesToHex(secp256k1.getPublicKey(k, false)));
}

export interface EciesEncryptOptions {
  /** Fixed ephemeral key and IV: ONLY for reproducible test vectors. */
  readonly ephemeralSecretKey?: Hex | Uint8Array | undefined;
  readonly iv?: Hex | Uint8Array | undefined;
}

/** Encrypts `plaintext` to `publicKey`. */
export function eciesEncrypt(
  publicKey: Hex | Uint8Array,
  plaintext: Uint8Array,
  options: EciesEncryptOptions = {},
): Result<Uint8Array, CryptoError> {
  return parsePublicKey(publicKey).andThen((recipient) => {
    const eph = options.ephemeralSecretKey
      ? parseSecretKey(options.ephemeralSecretKey)
      : ok(secp256k1.utils.randomSecretKey());
    return eph.andThen((ephemeral) => {
      const iv = options.iv ? toBytes(options.iv) : randomBytes(ECIES_IV_BYTES);
      if (!iv || iv.length !== ECIES_IV_BYTES) {
        return err(new CryptoError('invalid-key', `iv: expected ${ECIES_IV_BYTES} bytes`));
      }
      const key = sharedKey(ephemeral, recipient);
      const sealed = gcm(key, iv).encrypt(plaintext);
      return ok(concatBytes([secp256k1.getPublicKey(ephemeral, false), iv, sealed]));
    });
  });
}

/** Decrypts an ECIES ciphertext with the recipient's secret key. */
export function eciesDecrypt(
  secretKey: Hex | Uint8Array,
  ciphertext: Hex | Uint8Array,
  options: { readonly ecdh?: EcdhSharedX | undefined } = {},
): Result<Uint8Array, CryptoError> {
  return parseSecretKey(secretKey).andThen((key) => {
    const bytes = toBytes(ciphertext);
    if (!bytes) return err(new CryptoError('not-hex', 'ciphertext: expected hex or bytes'));
    if (bytes.length < ECIES_OVERHEAD_BYTES) {
      return err(
        new CryptoError(
          'too-short',
          `ciphertext: expected at least ${ECIES_OVERHEAD_BYTES} bytes, got ${bytes.length}`,
        ),
      );
    }
    const ephemeral = bytes.subarray(0, ECIES_PUBLIC_KEY_BYTES);
    if (ephemeral[0] !== 0x04) {
      return err(
        new CryptoError(
          'invalid-point',
          'ciphertext: expected an uncompressed (04…) ephemeral key',
        ),
      );
    }
    const point = parsePublicKey(ephemeral);
    if (point.isErr()) {
      return err(
        new CryptoError(
          'invalid-point',
          'ciphertext: the ephemeral key is not a point on secp256k1',
          {
            hint: 'it was encrypted with another curve or corrupted',
          },
        ),
      );
    }
    const iv = bytes.subarray(ECIES_PUBLIC_KEY_BYTES, ECIES_PUBLIC_KEY_BYTES + ECIES_IV_BYTES);
    const sealed = bytes.subarray(ECIES_PUBLIC_KEY_BYTES + ECIES_IV_BYTES);
    try {
      return ok(gcm(sharedKey(key, point.value, options.ecdh), iv).decrypt(sealed));
    } catch {
      return err(
        new CryptoError('not-decryptable', 'ciphertext: authentication failed', {
          hint: 'it was encrypted to another key, or altered',
        }),
      );
    }
  });
}
