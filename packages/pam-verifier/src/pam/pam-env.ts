/**
 * What pam_exec hands a helper: PAM_USER, PAM_RHOST, PAM_SERVICE and
 * PAM_TYPE in the environment, and the process that runs the PAM stack as
 * parent. Under sshd that parent is the per-attempt PAM process, shared by
 * both helpers of one keyboard-interactive attempt: it keys the challenge.
 */
import { err, ok, type Result } from 'neverthrow';
import { USER_NAME_RE } from '../challenge/create-challenge.js';
import { PamEnvironmentError } from '../errors.js';

export interface PamContext {
  user: string;
  /** Remote host as sshd reports it (an address, or `UNKNOWN`). */
  rhost: string;
  service: string;
  /** The parent pid: keys the challenge file of this attempt. */
  attemptPid: number;
}

export function readPamContext(
  env: Record<string, string | undefined>,
  ppid: number,
): Result<PamContext, PamEnvironmentError> {
  if (env.PAM_TYPE !== 'auth')
    return err(
      new PamEnvironmentError('PAM_TYPE', `"auth" (got ${JSON.stringify(env.PAM_TYPE ?? null)})`),
    );
  const user = env.PAM_USER ?? '';
  if (!USER_NAME_RE.test(user))
    return err(new PamEnvironmentError('PAM_USER', 'a Linux user name'));
  if (!Number.isInteger(ppid) || ppid <= 1)
    return err(new PamEnvironmentError('parent pid', 'the PAM process (not init)'));
  const rhost = (env.PAM_RHOST ?? '').replace(/[^0-9A-Za-z.:_%-]/g, '').slice(0, 100);
  return ok({ user, rhost: rhost || 'local', service: env.PAM_SERVICE ?? '', attemptPid: ppid });
}
