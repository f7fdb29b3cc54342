/**
 * Signatures that logged in, remembered by hash for a day, so a replay is
 * reported as such (it would fail anyway: its challenge is gone). Keyed on the
 * signature's canonical form: another encoding of a used signature (v as 0/1,
 * the other v, high s, the 64-byte form, an ERC-6492 wrapper around it) is the
 * same record.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToHex, utf8 } from '../internal/hex.js';
import { keccak256 } from '../verify/keccak.js';
import { canonicalSignature } from '../verify/signature-forms.js';
import { writeFileAtomic } from './run-dir.js';

const KEEP_MS = 24 * 3600 * 1000;

function usedPath(runDir: string): string {
  return join(runDir, 'used-signatures');
}

/**
 * First 32 hex chars of keccak256 of the signature's canonical form: identifies it (in any
 * encoding), cannot be turned back into it. (keccak: the verify helper has it at hand,
 * node:crypto would cost a module load per login.)
 */
export function signatureFingerprint(signature: string): string {
  // The verify helper asks twice (replay check, then remember): hash once.
  if (lastFingerprint?.signature !== signature)
    lastFingerprint = {
      signature,
      fingerprint: bytesToHex(keccak256(utf8(canonicalSignature(signature)))).slice(0, 32),
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
