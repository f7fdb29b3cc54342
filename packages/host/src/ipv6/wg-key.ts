/**
 * The host's WireGuard key for the broker tunnel: x25519, made once, kept in a 0600 file
 * under the data directory (base64, as `wg genkey` writes it). The private key never leaves
 * the file: `wg set … private-key <file>` reads it; only the public key is returned, logged
 * or sent to the broker.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { x25519 } from '@noble/curves/ed25519.js';

export class WireguardKeyError extends Error {
  readonly code = 'WG_KEY';
}

/** Clamped like `wg genkey` (the kernel clamps again; equal keys print equally). */
function clamp(k: Uint8Array): Uint8Array {
  const c = Uint8Array.from(k);
  c[0]! &= 248;
  c[31]! = (c[31]! & 127) | 64;
  return c;
}

function publicOf(file: string): string {
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0)
    throw new WireguardKeyError(
      `${file}: the WireGuard private key is readable by others (mode ${mode.toString(8)}); chmod 0600`,
    );
  const text = readFileSync(file, 'utf8').trim();
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32 || key.toString('base64') !== text)
    throw new WireguardKeyError(`${file}: expected a WireGuard private key (base64 of 32 bytes)`);
  return Buffer.from(x25519.getPublicKey(key)).toString('base64');
}

/**
 * The public key of the key in `file`, making the key first when the file does not exist
 * (written to a temporary 0600 file, synced, renamed into place: never half-written).
 */
export function ensureWireguardKey(file: string): string {
  if (!existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, `${Buffer.from(clamp(x25519.utils.randomSecretKey())).toString('base64')}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  }
  return publicOf(file);
}
