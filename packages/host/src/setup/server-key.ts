import { readFileSync } from 'node:fs';
import { err, ok, type Result } from 'neverthrow';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import { readSecretFileChecked } from '../config/secret-file.js';
import { SetupError } from './errors.js';
import { type FileOwner, writeSecretFile } from './files.js';

const KEY = /^(0x)?[0-9a-fA-F]{64}$/;

/** Reads the server key file (mode-checked like the daemon does) as a 0x key. */
export function readServerKey(path: string): Result<`0x${string}`, SetupError> {
  const r = readSecretFileChecked(path, 'server key');
  if (!r.ok)
    return err(new SetupError('input', `${path}: ${r.message}`, { hint: r.hint ?? undefined }));
  const key = r.text.trim();
  if (!KEY.test(key)) return err(new SetupError('input', `${path}: not a private key`));
  return ok((key.startsWith('0x') ? key : `0x${key}`).toLowerCase() as `0x${string}`);
}

/**
 * The host's server key: kept when the file already holds one (a rerun, or a
 * key the operator placed), else generated here and written with `owner`
 * (mode 0640) or 0600. Returns its address only; the key stays in its file.
 */
export function ensureServerKey(
  path: string,
  owner?: FileOwner,
): Result<{ address: `0x${string}`; created: boolean }, SetupError> {
  let present = false;
  try {
    present = readFileSync(path, 'utf8').trim().length > 0;
  } catch {
    present = false;
  }
  if (present) {
    return readServerKey(path).map((key) => ({
      address: privateKeyToAddress(key),
      created: false,
    }));
  }
  const key = generatePrivateKey();
  return writeSecretFile(path, key, owner).map(() => ({
    address: privateKeyToAddress(key),
    created: true,
  }));
}
