/**
 * Adds/removes the `@include blockhost-wallet-auth` line in /etc/pam.d/sshd,
 * just before the first `@include common-auth` (so wallet users never reach
 * the password modules), marked so uninstall finds it. Pure text functions.
 */
import { PAM_SNIPPET_NAME } from './files.js';

export const PAM_INCLUDE_MARKER = '# BlockHost wallet login (blockhost-vm-login)';
const INCLUDE_LINE = `@include ${PAM_SNIPPET_NAME}`;

export function hasPamInclude(text: string): boolean {
  return text.split('\n').some((l) => l.trim() === INCLUDE_LINE);
}

/** `undefined` when there is no auth stack to hook into (no `@include common-auth` or `auth` line). */
export function addPamInclude(text: string): string | undefined {
  if (hasPamInclude(text)) return text;
  const lines = text.split('\n');
  let at = lines.findIndex((l) => /^\s*@include\s+common-auth\s*$/.test(l));
  if (at < 0) at = lines.findIndex((l) => /^\s*-?auth\s/.test(l));
  if (at < 0) return undefined;
  lines.splice(at, 0, PAM_INCLUDE_MARKER, INCLUDE_LINE);
  return lines.join('\n');
}

export function removePamInclude(text: string): string {
  return text
    .split('\n')
    .filter((l) => l.trim() !== INCLUDE_LINE && l !== PAM_INCLUDE_MARKER)
    .join('\n');
}
