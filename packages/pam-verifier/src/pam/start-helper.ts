/**
 * What both login helpers do first: load the config and read the PAM
 * context, logging any failure (to syslog when the config, and with it the
 * log target, is unusable), and the process entry they share.
 */
import type { VmLoginConfig } from '../config/config.js';
import type { LoginError } from '../errors.js';
import { createLoginLogger, type LoginLogger } from '../log.js';
import { type PamContext, readPamContext } from './pam-env.js';
import { type HelperRuntime, loadConfig, processRuntime } from './runtime.js';

export interface HelperStart {
  readonly cfg: VmLoginConfig;
  readonly log: LoginLogger;
  readonly pam: PamContext;
}

/**
 * The config, logger and PAM context of a helper run, or null when either is
 * unusable (logged; `onConfigError` may also tell the user).
 */
export function startHelper(
  rt: HelperRuntime,
  helper: 'pam-challenge' | 'pam-verify',
  onConfigError?: (e: LoginError) => void,
): HelperStart | null {
  const config = loadConfig(rt);
  if (config.isErr()) {
    const e = config.error;
    createLoginLogger({ syslog: true })({
      outcome: 'error',
      helper,
      reason: e.reason,
      detail: `${e.shortMessage}${e.details ? `: ${e.details}` : ''}`,
    });
    onConfigError?.(e);
    return null;
  }
  const cfg = config.value;
  const log = createLoginLogger(cfg.log, rt.now);
  const pam = readPamContext(rt.env, rt.ppid);
  if (pam.isErr()) {
    log({ outcome: 'error', helper, reason: pam.error.reason, detail: pam.error.shortMessage });
    return null;
  }
  return { cfg, log, pam: pam.value };
}

/**
 * Runs a helper as its process: exit with its code, and exit 1 on anything
 * unexpected — never let a stack trace reach the user (pam_exec shows
 * stdout and stderr).
 */
export function runHelperProcess(run: (rt: HelperRuntime) => Promise<number>): void {
  process.on('uncaughtException', () => process.exit(1));
  process.on('unhandledRejection', () => process.exit(1));
  run(processRuntime()).then(
    (code) => process.exit(code),
    () => process.exit(1),
  );
}
