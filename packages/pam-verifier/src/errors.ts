/**
 * Typed errors of the wallet login. Every error carries a `reason`: the short
 * kebab-case word written to the log with each denial (`reason=expired`).
 * Messages never contain a nonce or a signature.
 */
import { BlockhostError, type BlockhostErrorOptions } from '@blockhost/core';

/** The reason words that appear in the log (`reason=<word>`). */
export type LoginFailureReason =
  | 'config-invalid'
  | 'pam-env-invalid'
  | 'unknown-user'
  | 'no-wallet'
  | 'nft-not-owned'
  | 'rate-limited'
  | 'no-challenge'
  | 'challenge-invalid'
  | 'binding-mismatch'
  | 'expired'
  | 'answer-too-large'
  | 'answer-malformed'
  | 'no-signature'
  | 'signature-replayed'
  | 'signature-mismatch'
  | 'rpc-failed'
  | 'state-io';

/** Base of every error of this package. */
export abstract class LoginError extends BlockhostError {
  abstract readonly reason: LoginFailureReason;
}

/** The login config file is missing, not JSON, or has a bad value. */
export class LoginConfigError extends LoginError {
  readonly code = 'LOGIN_CONFIG_INVALID';
  readonly reason = 'config-invalid';
  constructor(what: string, expected: string, options: BlockhostErrorOptions = {}) {
    super(`login config ${what}: ${expected}`, {
      hint: 'fix /etc/blockhost/vm-login.json (see the pam-verifier README)',
      ...options,
    });
  }
}

/** PAM_USER / PAM_TYPE / the parent pid are not what pam_exec provides. */
export class PamEnvironmentError extends LoginError {
  readonly code = 'LOGIN_PAM_ENV_INVALID';
  readonly reason = 'pam-env-invalid';
  constructor(what: string, expected: string, options: BlockhostErrorOptions = {}) {
    super(`${what}: ${expected}`, {
      hint: 'run the helper from pam_exec.so in the auth stack',
      ...options,
    });
  }
}

/** The user has no passwd entry. */
export class UnknownUserError extends LoginError {
  readonly code = 'LOGIN_UNKNOWN_USER';
  readonly reason = 'unknown-user';
  constructor(user: string) {
    super(`user ${user} does not exist`, { hint: 'check the user name' });
  }
}

/** The user's GECOS names no wallet and no NFT owner could be found. */
export class NoWalletError extends LoginError {
  readonly code = 'LOGIN_NO_WALLET';
  readonly reason = 'no-wallet';
  constructor(user: string, options: BlockhostErrorOptions = {}) {
    super(`user ${user} has no wallet`, {
      details: 'the GECOS field has no wallet=<address> entry',
      hint: 'set it with: usermod -c "wallet=0x…" <user>',
      ...options,
    });
  }
}

/** NFT mode: the chain says the access token does not exist (burned or never minted). */
export class NftNotOwnedError extends LoginError {
  readonly code = 'LOGIN_NFT_NOT_OWNED';
  readonly reason = 'nft-not-owned';
  constructor(tokenId: string) {
    super(`access NFT #${tokenId} has no owner`, {
      details: 'ownerOf reverted: the token does not exist',
      hint: 'the subscription was probably destroyed; buy or renew one',
    });
  }
}

/** Too many failed logins for this user in the window. */
export class RateLimitedError extends LoginError {
  readonly code = 'LOGIN_RATE_LIMITED';
  readonly reason = 'rate-limited';
  readonly retryAfterSeconds: number;
  constructor(user: string, failures: number, retryAfterSeconds: number) {
    super(`too many failed wallet logins for ${user}`, {
      details: `${failures} failures in the window`,
      hint: `try again in ${retryAfterSeconds} s`,
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** No stored challenge for this connection (never issued, or already used). */
export class ChallengeNotFoundError extends LoginError {
  readonly code = 'LOGIN_NO_CHALLENGE';
  readonly reason = 'no-challenge';
  constructor(details?: string) {
    super('no pending login challenge for this connection', {
      details,
      hint: 'each challenge is single-use: reconnect to get a new one',
    });
  }
}

/** The stored challenge is unreadable or is not a well-formed SIWE message. */
export class ChallengeInvalidError extends LoginError {
  readonly code = 'LOGIN_CHALLENGE_INVALID';
  readonly reason = 'challenge-invalid';
  constructor(what: string, options: BlockhostErrorOptions = {}) {
    super(`stored login challenge is invalid: ${what}`, options);
  }
}

/** A SIWE field does not equal what this login is about (host, user, session…). */
export class ChallengeBindingError extends LoginError {
  readonly code = 'LOGIN_BINDING_MISMATCH';
  readonly reason = 'binding-mismatch';
  readonly field: string;
  constructor(field: string, expected: string, actual: string) {
    super(`message field ${field} does not match this login`, {
      details: `expected ${expected}, got ${actual}`,
      hint: 'sign the message shown for this connection, not another one',
    });
    this.field = field;
  }
}

/** The challenge's expiration time has passed. */
export class ChallengeExpiredError extends LoginError {
  readonly code = 'LOGIN_EXPIRED';
  readonly reason = 'expired';
  constructor(expiredAt: string, now: string) {
    super('login challenge has expired', {
      details: `expired at ${expiredAt}, now ${now}`,
      hint: 'reconnect and sign within the time shown',
    });
  }
}

/** The answer is longer than any signature we accept (or PAM passes through). */
export class AnswerTooLargeError extends LoginError {
  readonly code = 'LOGIN_ANSWER_TOO_LARGE';
  readonly reason = 'answer-too-large';
  constructor(length: number, max: number) {
    super('answer is too long for a signature', {
      details: `${length} characters, at most ${max} accepted`,
      hint: 'paste only the 0x… signature; long smart-wallet signatures: use the signing page',
    });
  }
}

/** The answer is not a hex signature. */
export class AnswerMalformedError extends LoginError {
  readonly code = 'LOGIN_ANSWER_MALFORMED';
  readonly reason = 'answer-malformed';
  constructor(expected: string, options: BlockhostErrorOptions = {}) {
    super(`answer is not a signature: ${expected}`, {
      hint: 'paste the 0x-prefixed hex signature your wallet produced',
      ...options,
    });
  }
}

/** Empty answer and no signature arrived from the signing page in time. */
export class NoSignatureError extends LoginError {
  readonly code = 'LOGIN_NO_SIGNATURE';
  readonly reason = 'no-signature';
  constructor(waitedSeconds: number) {
    super('no signature was given', {
      details: `empty answer, and the signing page received none within ${waitedSeconds} s`,
      hint: 'sign on the signing page first, then press Enter; or paste the signature',
    });
  }
}

/** This exact signature was already used for a login. */
export class SignatureReplayedError extends LoginError {
  readonly code = 'LOGIN_SIGNATURE_REPLAYED';
  readonly reason = 'signature-replayed';
  constructor() {
    super('signature was already used', {
      hint: 'each login needs a fresh signature of the message shown',
    });
  }
}

/** The signature is not by the allowed wallet (over the stored message). */
export class SignatureMismatchError extends LoginError {
  readonly code = 'LOGIN_SIGNATURE_MISMATCH';
  readonly reason = 'signature-mismatch';
  readonly recovered: string | undefined;
  constructor(wallet: string, recovered: string | undefined, details?: string) {
    super(`signature is not from ${wallet}`, {
      details:
        details ??
        (recovered
          ? `over this login's message it recovers to ${recovered}`
          : 'no signer could be recovered'),
      hint: 'sign the exact message shown, with the wallet it names',
    });
    this.recovered = recovered;
  }
}

/** A JSON-RPC request failed on every configured URL. */
export class RpcRequestError extends LoginError {
  readonly code = 'LOGIN_RPC_FAILED';
  readonly reason = 'rpc-failed';
  constructor(method: string, details: string, options: BlockhostErrorOptions = {}) {
    super(`RPC ${method} failed`, {
      details,
      hint: 'check rpcUrls in the login config and the network',
      ...options,
    });
  }
}

/** Reading or writing the login state under the run directory failed. */
export class LoginStateError extends LoginError {
  readonly code = 'LOGIN_STATE_IO';
  readonly reason = 'state-io';
  constructor(what: string, cause: unknown) {
    super(`login state ${what} failed`, {
      details: cause instanceof Error ? cause.message : String(cause),
      hint: 'check that /run/blockhost-login exists and is owned by root (mode 0700)',
      cause,
    });
  }
}
