import { readFileSync, statSync } from 'node:fs';

export type SecretFileRead =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly message: string; readonly hint: string | null };

/**
 * Reads a secret file (server key, Proxmox token, SSH key), refusing one that
 * users other than its owner and group can read: the one rule every program
 * of BlockHost applies to its secrets. `what` names it in the message
 * (`server key` → "server key file is readable by other users (mode 644)").
 */
export function readSecretFileChecked(path: string, what: string): SecretFileRead {
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? { ok: false, message: `${what} file not found`, hint: null }
      : { ok: false, message: `cannot read the ${what} file (${code})`, hint: null };
  }
  if ((mode & 0o007) !== 0) {
    return {
      ok: false,
      message: `${what} file is readable by other users (mode ${mode.toString(8)}); chmod 0600 or 0640`,
      hint: `chmod 600 ${path}`,
    };
  }
  try {
    return { ok: true, text: readFileSync(path, 'utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, message: `cannot read the ${what} file (${code})`, hint: null };
  }
}
