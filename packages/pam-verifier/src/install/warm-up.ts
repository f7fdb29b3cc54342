/**
 * The installer's warm-up login: runs the installed `pam-challenge` and
 * `pam-verify` once, exactly as pam_exec does (executable file, PAM
 * environment, shared parent), against a scratch config and a throw-away
 * key, and signs the challenge in between.
 *
 * Why: it proves the installed helpers work with this machine's node, and
 * the successful run leaves each helper's V8 code cache beside it
 * (pam/code-cache.ts), made by the very node binary that will run logins,
 * so the first real login already starts from the cache.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { extractMessageFromPrompt } from '../challenge/prompt.js';
import { bytesToHex } from '../internal/hex.js';
import { hashPersonalMessage, publicKeyToAddress } from '../verify/recover-address.js';
import { HELPER_CODE_CACHES } from './files.js';

export interface WarmUpLoginHelpersReturnType {
  /** Cache files present after the warm-up (names under the lib dir). */
  caches: string[];
  /** What went wrong, if the warm-up login did not succeed. */
  problem?: string | undefined;
}

const USER = 'bhwarmup';

/** Runs one warm-up login with the helpers in `libDir` (a real path on this machine). */
export function warmUpLoginHelpers(libDir: string): WarmUpLoginHelpersReturnType {
  const tmp = mkdtempSync(join(tmpdir(), 'blockhost-warm-up-'));
  try {
    const key = secp256k1.utils.randomSecretKey();
    const wallet = publicKeyToAddress(secp256k1.getPublicKey(key, false));
    writeFileSync(
      join(tmp, 'passwd'),
      `${USER}:x:65000:65000:wallet=${wallet}:/nonexistent:/bin/false\n`,
    );
    const cfg = join(tmp, 'vm-login.json');
    writeFileSync(
      cfg,
      JSON.stringify({
        chainId: 1,
        host: 'warm-up.invalid',
        runDir: join(tmp, 'run'),
        passwdFile: join(tmp, 'passwd'),
        log: { syslog: false, file: join(tmp, 'log') },
      }),
    );
    // pam_exec's environment: the PAM items only.
    const env = { PAM_TYPE: 'auth', PAM_USER: USER, PAM_RHOST: 'localhost', PAM_SERVICE: 'sshd' };
    const problem = (() => {
      const ch = spawnSync(join(libDir, 'pam-challenge'), ['--config', cfg], {
        env,
        encoding: 'utf8',
        timeout: 30_000,
      });
      if (ch.status !== 0)
        return `pam-challenge: ${ch.error?.message ?? `exit ${ch.status}`} ${ch.stdout}${ch.stderr}`.trim();
      const message = extractMessageFromPrompt(ch.stdout);
      if (message === undefined) return 'pam-challenge printed no message to sign';
      const sig = secp256k1.sign(hashPersonalMessage(message), key, {
        prehash: false,
        format: 'recovered',
      });
      // noble: recovery ‖ r ‖ s; personal_sign: r ‖ s ‖ (27 + recovery).
      const signature = `0x${bytesToHex(sig.subarray(1))}${(27 + (sig[0] as number)).toString(16)}`;
      const v = spawnSync(join(libDir, 'pam-verify'), ['--config', cfg], {
        env,
        input: `${signature}\0`,
        encoding: 'utf8',
        timeout: 30_000,
      });
      if (v.status !== 0)
        return `pam-verify: ${v.error?.message ?? `exit ${v.status}`} ${v.stdout}${v.stderr}`.trim();
      return undefined;
    })();
    return { caches: HELPER_CODE_CACHES.filter((n) => existsSync(join(libDir, n))), problem };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
