/**
 * The Proxmox administrator credential `pve setup-token` works with, in the
 * forms operators have at hand. Errors never repeat the input: it is a secret.
 */
import { UsageError } from './framework/errors.js';

export interface AdminToken {
  id: string;
  secret: string;
}

const TOKEN_ID = /^[^\s@!:=]+@[A-Za-z][A-Za-z0-9.\-_]*![A-Za-z][A-Za-z0-9.\-_]*$/;

const FORMS =
  'expected an API token as `user@realm!name=secret` (also accepted: `PVEAPIToken=user@realm!name=secret`, ' +
  'the id and the secret on two lines, or the JSON of `pveum user token add … --output-format json`)';

/**
 * Accepts `user@realm!name=secret`, `PVEAPIToken=…` (as in an Authorization
 * header), `id secret` or `id` and `secret` on two lines, and the JSON that
 * `pveum user token add --output-format json` prints. `#` comments and blank
 * lines are ignored.
 */
export function parseAdminToken(text: string): AdminToken {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const j = JSON.parse(trimmed) as Record<string, unknown>;
      const id = j['full-tokenid'] ?? j.tokenid;
      const secret = j.value ?? j.secret;
      if (typeof id === 'string' && typeof secret === 'string') return check(id, secret);
    } catch {
      // Not JSON after all: fall through to the text forms.
    }
    throw new UsageError(`the admin credential is not a token: ${FORMS}`);
  }
  const body = trimmed
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .join(' ')
    .replace(/^(Authorization:\s*)?PVEAPIToken[= ]/i, '');
  const eq = /^(\S+?)=(\S+)$/.exec(body);
  if (eq) return check(eq[1]!, eq[2]!);
  const sp = /^(\S+)\s+(\S+)$/.exec(body);
  if (sp) return check(sp[1]!, sp[2]!);
  throw new UsageError(`the admin credential is not a token: ${FORMS}`);
}

function check(id: string, secret: string): AdminToken {
  if (!TOKEN_ID.test(id)) {
    throw new UsageError(
      `the admin credential's token id is not of the form user@realm!name`,
      'e.g. root@pam!setup; create one with `pveum user token add root@pam setup --privsep 0`',
    );
  }
  if (!/^[A-Za-z0-9-]{8,128}$/.test(secret)) {
    throw new UsageError(`the admin credential's secret is not a Proxmox token secret (a UUID)`);
  }
  return { id, secret };
}
