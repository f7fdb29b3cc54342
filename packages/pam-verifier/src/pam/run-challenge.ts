/**
 * `pam-challenge`: first pam_exec call (`stdout`). Finds the user's allowed
 * wallet, creates the SIWE challenge for this attempt, stores it under the
 * run directory keyed by the parent pid, and prints the prompt text. Exit 0
 * only when a challenge was issued.
 */
import { challengeCode, createLoginChallenge, randomId } from '../challenge/create-challenge.js';
import { formatLoginPrompt } from '../challenge/prompt.js';
import { signingBaseUrlOf } from '../config/config.js';
import { type LoginError, UnknownUserError } from '../errors.js';
import { checkRateLimit } from '../state/rate-limit.js';
import { ensureRunDir, pruneRunDir, saveChallenge, writeSessionPage } from '../state/run-dir.js';
import { findPasswdEntry } from '../wallet/passwd.js';
import { resolveAllowedWallet } from '../wallet/resolve-wallet.js';
import type { HelperRuntime } from './runtime.js';
import { startHelper } from './start-helper.js';

const HELPER = 'pam-challenge';

/** What the user reads when no challenge could be issued (details go to the log only). */
function userMessage(e: LoginError): string {
  if (e.reason === 'rate-limited') return `${e.shortMessage}; ${e.hint ?? ''}`.trim();
  if (e.reason === 'no-wallet') return 'No wallet is set up for this account.';
  if (e.reason === 'nft-not-owned') return 'The access NFT of this account no longer exists.';
  return 'Wallet login is not available right now.';
}

export async function runChallenge(rt: HelperRuntime): Promise<number> {
  const start = startHelper(rt, HELPER, (e) => rt.write(`${userMessage(e)}\n`));
  if (!start) return 1;
  const { cfg, log } = start;
  const { user, rhost, attemptPid } = start.pam;
  const deny = (e: LoginError, extra: { wallet?: string } = {}): number => {
    log({
      outcome: 'denied',
      helper: HELPER,
      reason: e.reason,
      user,
      rhost,
      ...extra,
      detail: e.shortMessage,
    });
    rt.write(`${userMessage(e)}\n`);
    return 1;
  };

  const now = rt.now();
  const dir = ensureRunDir(cfg.runDir);
  if (dir.isErr()) return deny(dir.error);
  pruneRunDir(
    cfg.runDir,
    now,
    (cfg.challengeTtlSeconds + cfg.browserWaitSeconds + 60) * 1000,
    cfg.rateLimit.windowSeconds * 1000,
  );

  const limited = checkRateLimit(cfg.runDir, user, rhost, now, cfg.rateLimit);
  if (limited.isErr()) return deny(limited.error);

  let passwd: string;
  try {
    passwd = rt.readFile(cfg.passwdFile);
  } catch {
    passwd = '';
  }
  const entry = findPasswdEntry(passwd, user);
  if (!entry) return deny(new UnknownUserError(user));

  const allowed = await resolveAllowedWallet({
    user,
    gecos: entry.gecos,
    nft:
      cfg.nftContract && cfg.rpcUrls.length > 0
        ? {
            contract: cfg.nftContract,
            rpcUrls: cfg.rpcUrls,
            chainId: cfg.chainId,
            timeoutMs: cfg.rpcTimeoutMs,
          }
        : undefined,
  });
  if (allowed.isErr()) return deny(allowed.error);
  if (allowed.value.fallback) {
    log({
      outcome: 'error',
      helper: HELPER,
      reason: 'rpc-failed',
      user,
      rhost,
      detail: `NFT owner unknown, using the GECOS wallet (${allowed.value.fallback})`,
    });
  }

  const host = cfg.host ?? rt.hostname();
  const challenge = createLoginChallenge({
    user,
    host,
    wallet: allowed.value.wallet,
    walletSource: allowed.value.source,
    chainId: cfg.chainId,
    ttlSeconds: cfg.challengeTtlSeconds,
    now,
    randomBytes: rt.randomBytes,
    sessionId: randomId(rt.randomBytes),
  });
  if (challenge.isErr()) {
    log({
      outcome: 'error',
      helper: HELPER,
      reason: 'challenge-invalid',
      user,
      rhost,
      detail: challenge.error.shortMessage,
    });
    rt.write('Wallet login is not available right now.\n');
    return 1;
  }
  const c = challenge.value;
  const saved = saveChallenge(cfg.runDir, attemptPid, c);
  if (saved.isErr()) return deny(saved.error);
  const baseUrl = signingBaseUrlOf(cfg, host);
  if (baseUrl) {
    const page = writeSessionPage(cfg.runDir, c);
    if (page.isErr()) return deny(page.error);
  }
  const prompt = formatLoginPrompt({
    challenge: c,
    signingBaseUrl: baseUrl,
    signingCertFingerprint: cfg.signing.tlsFingerprint,
  });
  rt.write(`${prompt.join('\n')}\n`);
  log({
    outcome: 'challenge',
    helper: HELPER,
    user,
    rhost,
    wallet: c.wallet,
    source: c.walletSource,
    session: c.sessionId.slice(0, 8),
    code: challengeCode(c.nonce),
  });
  return 0;
}
