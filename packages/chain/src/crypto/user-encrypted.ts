/**
 * `userEncrypted` of `SubscriptionCreated`: the customer's key-message signature, as a 0x-hex
 * string, ECIES-encrypted to the host's public key. The daemon decrypts it to derive the
 * credential key that encrypts the VM's connection details.
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { err, ok, type Result } from 'neverthrow';
import { type Address, bytesToHex, getAddress, type Hex, hashMessage, isAddress } from 'viem';
import { LIMITS } from '../contracts.js';
import { CryptoError } from '../errors.js';
import { toBytes } from '../internal/bytes.js';
import {
  ECIES_OVERHEAD_BYTES,
  type EcdhSharedX,
  type EciesEncryptOptions,
  eciesDecrypt,
  eciesEncrypt,
} from './ecies.js';
import { normalizeSignature } from './signature.js';

const SIGNATURE_HEX = /^(0x)?[0-9a-fA-F]{130}$/;

/** Customer side: encrypts the key-message signature to the host's public key. */
export function encryptUserSignature(
  p: {
    readonly serverPublicKey: Hex | Uint8Array;
    readonly signature: Hex | Uint8Array;
  },
  options: EciesEncryptOptions = {},
): Result<Hex, CryptoError> {
  return normalizeSignature(p.signature).andThen((sig) =>
    eciesEncrypt(p.serverPublicKey, new TextEncoder().encode(bytesToHex(sig)), options).map(
      bytesToHex,
    ),
  );
}

export interface UserSignature {
  /** The 65-byte signature, v normalised to 27/28. */
  readonly signature: Hex;
  /** keccak256(signature): encrypts the connection details. */
  readonly credentialKey: Hex;
}

export interface DecryptUserSignatureParameters {
  readonly serverPrivateKey: Hex | Uint8Array;
  readonly userEncrypted: Hex | Uint8Array;
  /**
   * Also check that `address` signed `message` (EIP-191). Only for EOA subscribers: a contract
   * wallet's signature does not recover to the wallet's address.
   */
  readonly verify?: { readonly message: string; readonly address: Address } | undefined;
  /** A native ECDH for the decryption (see `EcdhSharedX`); default the portable one. */
  readonly ecdh?: EcdhSharedX | undefined;
}

/**
 * Daemon side: decrypts `userEncrypted` and checks it is a usable signature. Every failure is a
 * `CryptoError` whose `reason` says why: `empty`, `not-hex`, `too-short`, `too-long`,
 * `invalid-point` (not a secp256k1 ciphertext), `not-decryptable`, `not-a-signature`,
 * `wrong-signer`.
 */
export function decryptUserSignature(
  p: DecryptUserSignatureParameters,
): Result<UserSignature, CryptoError> {
  const bytes = toBytes(p.userEncrypted);
  if (!bytes) return err(new CryptoError('not-hex', 'userEncrypted: expected hex or bytes'));
  if (bytes.length === 0) {
    return err(new CryptoError('empty', 'userEncrypted: the customer sent no encrypted key'));
  }
  if (bytes.length > LIMITS.MAX_USER_ENCRYPTED_BYTES) {
    return err(
      new CryptoError(
        'too-long',
        `userEncrypted: ${bytes.length} bytes, at most ${LIMITS.MAX_USER_ENCRYPTED_BYTES}`,
      ),
    );
  }
  if (bytes.length < ECIES_OVERHEAD_BYTES) {
    return err(
      new CryptoError(
        'too-short',
        `userEncrypted: ${bytes.length} bytes, an ECIES ciphertext has at least ${ECIES_OVERHEAD_BYTES}`,
      ),
    );
  }
  return eciesDecrypt(p.serverPrivateKey, bytes, { ecdh: p.ecdh })
    .andThen(parseSignaturePlaintext)
    .andThen((sig) => (p.verify ? checkSigner(sig, p.verify).map(() => sig) : ok(sig)))
    .map((sig) => ({ signature: bytesToHex(sig), credentialKey: bytesToHex(keccak_256(sig)) }));
}

function parseSignaturePlaintext(plaintext: Uint8Array): Result<Uint8Array, CryptoError> {
  let candidate: Uint8Array | undefined;
  if (plaintext.length === 65) {
    candidate = plaintext; // raw bytes: accepted from clients that skip the hex step
  } else {
    const text = new TextDecoder().decode(plaintext).trim();
    if (SIGNATURE_HEX.test(text)) candidate = toBytes(text);
  }
  if (!candidate) {
    return err(
      new CryptoError(
        'not-a-signature',
        'userEncrypted: decrypts, but not to a 65-byte signature (0x + 130 hex digits)',
        { details: `${plaintext.length} bytes of plaintext` },
      ),
    );
  }
  return normalizeSignature(candidate);
}

function checkSigner(
  sig: Uint8Array,
  verify: { readonly message: string; readonly address: Address },
): Result<void, CryptoError> {
  if (!isAddress(verify.address, { strict: false })) {
    return err(new CryptoError('wrong-signer', 'verify.address: expected a 20-byte address'));
  }
  let signer: Address;
  try {
    const hash = toBytes(hashMessage(verify.message))!;
    const point = secp256k1.Signature.fromBytes(sig.subarray(0, 64), 'compact')
      .addRecoveryBit(sig[64]! - 27)
      .recoverPublicKey(hash);
    const pub = point.toBytes(false);
    signer = getAddress(bytesToHex(keccak_256(pub.subarray(1)).subarray(12)));
  } catch {
    return err(new CryptoError('not-a-signature', 'signature: no public key recovers from it'));
  }
  return signer === getAddress(verify.address)
    ? ok(undefined)
    : err(
        new CryptoError('wrong-signer', `signature: signed by ${signer}, not ${verify.address}`, {
          hint: 'the customer must sign the key message with the buying wallet',
        }),
      );
}
