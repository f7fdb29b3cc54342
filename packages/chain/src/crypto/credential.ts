/**
 * The NFT's encrypted connection details: AES-256-GCM under the credential key (keccak256 of the
 * customer's key-message signature), `nonce (12 B) ‖ ciphertext ‖ tag (16 B)`, plaintext JSON
 * `{"hostname","port","username", …extra}`. The customer re-signs the key message to decrypt.
 */
import { gcm } from '@noble/ciphers/aes.js';
import { randomBytes } from '@noble/hashes/utils.js';
import { err, ok, type Result } from 'neverthrow';
import { bytesToHex, concatBytes, type Hex } from 'viem';
import { LIMITS } from '../contracts.js';
import { CryptoError } from '../errors.js';
import { toBytes } from '../internal/bytes.js';
import { credentialKeyFromSignature } from './signature.js';

export const CREDENTIAL_NONCE_BYTES = 12;
export const CREDENTIAL_TAG_BYTES = 16;

/** What the customer needs to reach their VM. Extra keys (e.g. `signingUrl`) are kept. */
export interface ConnectionDetails {
  readonly hostname: string;
  readonly port: number;
  readonly username: string;
  readonly [extra: string]: unknown;
}

/** Either the customer's key-message signature or the credential key derived from it. */
export type CredentialSecret =
  | { readonly signature: Hex | Uint8Array }
  | { readonly credentialKey: Hex | Uint8Array };

function resolveKey(secret: CredentialSecret): Result<Uint8Array, CryptoError> {
  if ('signature' in secret) return credentialKeyFromSignature(secret.signature);
  const key = toBytes(secret.credentialKey);
  if (key?.length !== 32) {
    return err(new CryptoError('invalid-key', 'credential key: expected 32 bytes'));
  }
  return ok(key);
}

function checkDetails(value: unknown): Result<ConnectionDetails, CryptoError> {
  const v = value as Record<string, unknown> | null;
  const valid =
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    typeof v.hostname === 'string' &&
    v.hostname.length > 0 &&
    typeof v.username === 'string' &&
    v.username.length > 0 &&
    typeof v.port === 'number' &&
    Number.isInteger(v.port) &&
    v.port >= 1 &&
    v.port <= 65535;
  return valid
    ? ok(v as ConnectionDetails)
    : err(
        new CryptoError(
          'bad-plaintext',
          'connection details: expected {"hostname": string, "port": 1..65535, "username": string}',
        ),
      );
}

export interface EncryptConnectionDetailsOptions {
  /** Fixed nonce: ONLY for reproducible test vectors. */
  readonly nonce?: Hex | Uint8Array | undefined;
}

/** Encrypts connection details for the NFT's `userEncrypted` (at most 1024 bytes in total). */
export function encryptConnectionDetails(
  secret: CredentialSecret,
  details: ConnectionDetails,
  options: EncryptConnectionDetailsOptions = {},
): Result<Hex, CryptoError> {
  return checkDetails(details).andThen(() =>
    resolveKey(secret).andThen((key) => {
      const nonce = options.nonce ? toBytes(options.nonce) : randomBytes(CREDENTIAL_NONCE_BYTES);
      if (!nonce || nonce.length !== CREDENTIAL_NONCE_BYTES) {
        return err(
          new CryptoError('invalid-key', `nonce: expected ${CREDENTIAL_NONCE_BYTES} bytes`),
        );
      }
      const plaintext = new TextEncoder().encode(JSON.stringify(details));
      const out = concatBytes([nonce, gcm(key, nonce).encrypt(plaintext)]);
      if (out.length > LIMITS.MAX_USER_ENCRYPTED_BYTES) {
        return err(
          new CryptoError(
            'too-long',
            `connection details: ${out.length} bytes encrypted, at most ${LIMITS.MAX_USER_ENCRYPTED_BYTES}`,
          ),
        );
      }
      return ok(bytesToHex(out));
    }),
  );
}

/** Decrypts and validates the NFT's connection details. */
export function decryptConnectionDetails(
  secret: CredentialSecret,
  ciphertext: Hex | Uint8Array,
): Result<ConnectionDetails, CryptoError> {
  return resolveKey(secret).andThen((key) => {
    const bytes = toBytes(ciphertext);
    if (!bytes) return err(new CryptoError('not-hex', 'connection details: expected hex or bytes'));
    if (bytes.length === 0) return err(new CryptoError('empty', 'connection details: none stored'));
    if (bytes.length < CREDENTIAL_NONCE_BYTES + CREDENTIAL_TAG_BYTES) {
      return err(new CryptoError('too-short', `connection details: only ${bytes.length} bytes`));
    }
    let plaintext: Uint8Array;
    try {
      plaintext = gcm(key, bytes.subarray(0, CREDENTIAL_NONCE_BYTES)).decrypt(
        bytes.subarray(CREDENTIAL_NONCE_BYTES),
      );
    } catch {
      return err(
        new CryptoError('not-decryptable', 'connection details: authentication failed', {
          hint: 'sign the key message with the wallet that bought the subscription',
        }),
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plaintext));
    } catch {
      return err(new CryptoError('bad-plaintext', 'connection details: not UTF-8 JSON'));
    }
    return checkDetails(parsed);
  });
}
