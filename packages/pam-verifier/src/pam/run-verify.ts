/**
 * `pam-verify`: second pam_exec call (`expose_authtok`). Reads the answer on
 * stdin, takes (and so deletes) this attempt's challenge, and exits 0 only
 * when the signature is the allowed wallet's over that exact message, in
 * time, not replayed and not rate-limited. Every outcome is logged with its
 * reason; any failure, including an unexpected exception, exits non-zero.
 */
import { errAsync, okAsync, ResultAsync } from 'neverthrow';
import { challengeCode, type LoginChallenge } from '../challenge/create-challenge.js';
import type { VmLoginConfig } from '../config/config.js';
import { type LoginError, NoSignatureError, SignatureReplayedError } from '../errors.js';
import { checkRateLimit, clearFailures, recordFailure } from '../state/rate-limit.js';
import { readSessionSignature, removeSession, takeChallenge } from '../state/run-dir.js';
import { isSignatureUsed, rememberSignature } from '../state/used-signatures.js';
import { createRpcContractVerifier } from '../verify/contract-verifier.js';
import { MAX_ANSWER_LENGTH, parseLoginAnswer, parseSignatureText } from '../verify/parse-answer.js';
import {
  checkChallenge,
  type VerifiedLogin,
  verifyLoginSignature,
} from '../verify/verify-login.js';
import type { HelperRuntime } from './runtime.js';
import { startHelper } from './start-helper.js';

const HELPER = 'pam-verify';
const POLL_MS = 100;

/** The signing page's signature for this session, waiting up to `waitMs`. */
async function waitForBrowserSignature(
  rt: HelperRuntime,
  cfg: VmLoginConfig,
  c: LoginChallenge,
): Promise<string | undefined> {
  // No signing page, nothing to wait for.
  if (!cfg.signing.enabled) return undefined;
  const deadline = Math.min(rt.now() + cfg.browserWaitSeconds * 1000, c.expiresAt);
  for (;;) {
    const sig = readSessionSignature(cfg.runDir, c.sessionId);
    if (sig !== undefined) return sig;
    if (rt.now() + POLL_MS > deadline) return undefined;
    await rt.sleep(POLL_MS);
  }
}

function verifyChallengeAnswer(
  rt: HelperRuntime,
  cfg: VmLoginConfig,
  c: LoginChallenge,
  user: string,
  answerText: string,
): ResultAsync<VerifiedLogin & { signature: string }, LoginError> {
  const host = cfg.host ?? rt.hostname();
  const checked = checkChallenge({
    challenge: c,
    expected: { user, host, chainId: cfg.chainId },
    now: rt.now(),
  });
  if (checked.isErr()) return errAsync(checked.error);
  const answer = parseLoginAnswer(answerText);
  if (answer.isErr()) return errAsync(answer.error);
  const signature: ResultAsync<`0x${string}`, LoginError> =
    answer.value.kind === 'signature'
      ? okAsync(answer.value.signature)
      : ResultAsync.fromSafePromise(waitForBrowserSignature(rt, cfg, c)).andThen((text) =>
          text === undefined
            ? errAsync(new NoSignatureError(cfg.browserWaitSeconds))
            : parseSignatureText(text).asyncAndThen((s) => okAsync(s)),
        );
  return signature.andThen((sig) => {
    if (isSignatureUsed(cfg.runDir, sig, rt.now())) return errAsync(new SignatureReplayedError());
    return verifyLoginSignature({
      challenge: c,
      signature: sig,
      contractVerifier:
        cfg.rpcUrls.length > 0
          ? createRpcContractVerifier({
              rpcUrls: cfg.rpcUrls,
              chainId: cfg.chainId,
              timeoutMs: cfg.rpcTimeoutMs,
            })
          : undefined,
    }).map((v) => ({ ...v, signature: sig }));
  });
}

export async function runVerify(rt: HelperRuntime): Promise<number> {
  // Read the answer first: pam_exec writes it whatever we decide.
  const answerText = rt.readStdin(MAX_ANSWER_LENGTH + 1);
  const start = startHelper(rt, HELPER);
  if (!start) return 1;
  const { cfg, log } = start;
  const { user, rhost, attemptPid } = start.pam;
  const deny = (e: LoginError, c?: LoginChallenge): number => {
    recordFailure(cfg.runDir, user, rhost, rt.now(), cfg.rateLimit);
    log({
      outcome: 'denied',
      helper: HELPER,
      reason: e.reason,
      user,
      rhost,
      wallet: c?.wallet,
      session: c?.sessionId.slice(0, 8),
      detail: `${e.shortMessage}${e.details ? ` (${e.details})` : ''}`,
    });
    return 1;
  };

  const taken = takeChallenge(cfg.runDir, attemptPid);
  if (taken.isErr()) return deny(taken.error);
  const c = taken.value;
  try {
    const limited = checkRateLimit(cfg.runDir, user, rhost, rt.now(), cfg.rateLimit);
    if (limited.isErr()) return deny(limited.error, c);
    const result = await verifyChallengeAnswer(rt, cfg, c, user, answerText);
    if (result.isErr()) return deny(result.error, c);
    rememberSignature(cfg.runDir, result.value.signature, rt.now());
    clearFailures(cfg.runDir, user, rhost);
    log({
      outcome: 'success',
      helper: HELPER,
      user,
      rhost,
      wallet: result.value.wallet,
      source: c.walletSource,
      method: result.value.method,
      session: c.sessionId.slice(0, 8),
      code: challengeCode(c.nonce),
    });
    return 0;
  } finally {
    removeSession(cfg.runDir, c.sessionId);
  }
}
