/**
 * BlockHost's own Proxmox access: role, user, pool-scoped token (the SDK's
 * `setupAccess`, run with an administrator's token), the token's secret in
 * its file, and proof that the token as written can do what BlockHost needs.
 */
import { readFileSync } from 'node:fs';
import {
  type AccessScope,
  checkTokenPrivileges,
  type PveClient,
  type SetupAccessReturnType,
  setupAccess,
  type TokenCheck,
} from '@blockhost/proxmox';
import { err, ok, type Result } from 'neverthrow';
import { errorText, SetupError } from './errors.js';
import { type FileOwner, writeSecretFile } from './files.js';

export interface ProxmoxTokenParameters {
  readonly scope: AccessScope & { pool: string; importStorage: string };
  readonly userid: string;
  readonly tokenName: string;
  readonly roleId: string;
  readonly templateVmid?: number;
  readonly knownVmids?: readonly number[];
  readonly deploymentTag?: string;
  readonly adoptVms?: boolean;
  /** Issue a new secret for an existing token (the old one stops working). */
  readonly regenerate?: boolean;
  /**
   * The token exists but its secret is not in `tokenFile` (Proxmox shows a
   * secret once): `fail` tells the operator; `regenerate` issues a new one —
   * for the wizard, whose own earlier run made the token and was killed
   * before it wrote the secret.
   */
  readonly lostSecret: 'fail' | 'regenerate';
  readonly tokenFile: string;
  readonly owner?: FileOwner;
  /** Called once Proxmox has the token, before its secret is written (a test seam for crashes). */
  readonly afterAccess?: () => void;
  /** A client for the same API with the given token (to prove it works). */
  readonly connect: (tokenId: string, secret: string) => PveClient;
}

export interface ProxmoxTokenResult {
  readonly tokenId: string;
  readonly access: SetupAccessReturnType;
  readonly check: TokenCheck;
  readonly secretWritten: boolean;
}

function readExistingSecret(path: string): string | null {
  try {
    const s = readFileSync(path, 'utf8').trim();
    return s.length > 0 ? s : null;
  } catch {
    return null;
  }
}

const fromPve = (what: string, e: { code: string; shortMessage: string }) =>
  new SetupError(e.code === 'INVALID_INPUT' ? 'input' : 'remote', `${what}: ${e.shortMessage}`, {
    cause: e,
    reason: e.code,
  });

/**
 * Creates or repairs the token with an administrator's client (`admin`) and
 * writes its secret; idempotent: a second run changes nothing. The result's
 * `check` lists what the written token lacks or holds beyond BlockHost's need.
 */
export async function setupProxmoxToken(
  admin: PveClient,
  p: ProxmoxTokenParameters,
): Promise<Result<ProxmoxTokenResult, SetupError>> {
  const tokenId = `${p.userid}!${p.tokenName}`;
  const run = (regenerateSecret: boolean) =>
    setupAccess(admin, {
      ...p.scope,
      userid: p.userid,
      tokenName: p.tokenName,
      roleId: p.roleId,
      templateVmid: p.templateVmid,
      knownVmids: p.knownVmids,
      deploymentTag: p.deploymentTag,
      adoptVms: p.adoptVms ?? false,
      regenerateSecret,
    });
  let r = await run(p.regenerate ?? false);
  if (r.isErr()) return err(fromPve('setting up Proxmox access with the admin token', r.error));
  let secret = r.value.token.secret;
  if (!secret && !readExistingSecret(p.tokenFile) && p.lostSecret === 'regenerate') {
    r = await run(true);
    if (r.isErr()) return err(fromPve('issuing a new token secret', r.error));
    secret = r.value.token.secret;
  }
  p.afterAccess?.();
  let secretWritten = false;
  if (secret) {
    // Written before anything else: Proxmox never shows it again.
    const w = writeSecretFile(p.tokenFile, secret, p.owner);
    if (w.isErr()) return err(w.error);
    secretWritten = true;
  } else {
    secret = readExistingSecret(p.tokenFile);
    if (!secret) {
      return err(
        new SetupError(
          'state',
          `token ${tokenId} exists, but its secret is not in ${p.tokenFile}; Proxmox shows a secret only once`,
          {
            reason: 'secret-lost',
            hint: 'run again with --regenerate to issue a new secret (the old one stops working)',
          },
        ),
      );
    }
  }
  // Proved, not assumed: the token as written can do everything BlockHost needs.
  const own = p.connect(tokenId, secret);
  try {
    const c = await checkTokenPrivileges(own, p.scope);
    if (c.isErr()) {
      return err(
        c.error.code === 'PVE_AUTH'
          ? new SetupError('state', `the secret in ${p.tokenFile} is not accepted for ${tokenId}`, {
              reason: 'secret-refused',
              hint: 'run again with --regenerate to issue a new secret (the old one stops working)',
            })
          : fromPve(`checking ${tokenId}`, c.error),
      );
    }
    return ok({ tokenId, access: r.value, check: c.value, secretWritten });
  } catch (e) {
    return err(new SetupError('remote', errorText(e), { cause: e }));
  } finally {
    await own.close().catch(() => {});
  }
}
