/**
 * Signatures that logged in, remembered by hash for a day, so a replay is
 * reported as such (it would fail anyway: its challenge is gone).
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToHex, utf8 } from '../internal/hex.js';
import { keccak256 } from '../verify/keccak.js';
import { writeFileAtomic } from './run-dir.js';

const KEEP_MS = 24 * 3600 * 1000;

function usedPath(runDir: string): string {
  return join(runDir, 'used-signatures');
}

/**
 * First 32 hex chars of keccak256 of the lower-case hex signature: identifies it, cannot be
 * turned back into it. (keccak: the verify helper has it at hand, node:crypto would cost a
 * module load per login.)
 */
export function signatureFingerprint(signature: string): string {
  const lower = signature.toLowerCase();
  // The verify helper asks twice (replay check, then remember): hash once.
  if (lastFingerprint?.signature !== lower)
    lastFingerprint = {
      signature: lower,
      fingerprint: bytesToHex(keccak256(utf8(lower))).slice(0, 32),
    };
  return lastFingerprint.fingerprint;
}
let lastFingerprint: { signature: string; fingerprint: string } | undefined;

function entries(runDir: string, now: number): { at: number; fp: string }[] {
  let text: string;
  try {
    // existsSync first: a caught ENOENT costs a helper more than the extra syscall.
    if (!existsSync(usedPath(runDir))) return [];
    text = readFileSync(usedPath(runDir), 'utf8');
  } catch {
    return [];
  }
  const out: { at: number; fp: string }[] = [];
  for (const line of text.split('\n')) {
    const [at, fp] = line.split(' ');
    const t = Number(at);
    if (fp && Number.isFinite(t) && now - t < KEEP_MS) out.push({ at: t, fp });
  }
  return out;
}

export function isSignatureUsed(runDir: string, signature: string, now: number): boolean {
  const fp = signatureFingerprint(signature);
  return entries(runDir, now).some((e) => e.fp === fp);
}

export function rememberSignature(runDir: string, signature: string, now: number): void {
  const path = usedPath(runDir);
  appendFileSync(path, `${now} ${signatureFingerprint(signature)}\n`, { mode: 0o600 });
  // Compact when the file holds many expired lines.
  try {
    if (readFileSync(path, 'utf8').length > 64 * 1024)
      writeFileAtomic(
        path,
        entries(runDir, now)
          .map((e) => `${e.at} ${e.fp}\n`)
          .join(''),
      );
  } catch {
    // best effort
  }
}
