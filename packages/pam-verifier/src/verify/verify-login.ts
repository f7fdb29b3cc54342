/**
 * Verifies a login response against the stored challenge: the challenge must
 * still bind to this host/user/session and be unexpired; the signature must
 * be the allowed wallet's, recovered offline (EOA) or, when that fails and a
 * contract verifier is configured, confirmed on chain (ERC-1271 / ERC-6492).
 */
import type { Address } from '@blockhost/core';
import { err, errAsync, ok, okAsync, type Result, ResultAsync } from 'neverthrow';
import type { LoginChallenge } from '../challenge/create-challenge.js';
import { loginStatement, loginUri } from '../challenge/create-challenge.js';
import {
  ChallengeBindingError,
  ChallengeExpiredError,
  ChallengeInvalidError,
  type LoginError,
  RpcRequestError,
  SignatureMismatchError,
} from '../errors.js';
import { isoTimestamp } from '../internal/iso-time.js';
import { toChecksumAddress } from '../siwe/address.js';
import { parseSiweMessage } from '../siwe/message.js';
import { isPersonalSignBy, personalSignSigners } from './eoa-signer.js';

/** Asks the chain whether `signature` is `address`'s over `message` (ERC-1271/6492). */
export type ContractSignatureVerifier = (args: {
  address: Address;
  message: string;
  signature: `0x${string}`;
}) => ResultAsync<boolean, RpcRequestError>;

export interface LoginExpectation {
  user: string;
  host: string;
  /** The session id the connection was given (when known independently of the challenge). */
  sessionId?: string | undefined;
  chainId?: number | undefined;
}

export interface CheckChallengeParameters {
  challenge: LoginChallenge;
  expected: LoginExpectation;
  /** Unix ms. */
  now: number;
}

/**
 * The stored message must parse and every field must equal this login:
 * domain = host, uri = ssh://user@host, statement, address = wallet,
 * requestId = session id, nonce and times = the challenge's; and `now` must
 * lie before the expiration time.
 */
export function checkChallenge(p: CheckChallengeParameters): Result<void, LoginError> {
  const c = p.challenge;
  const parsed = parseSiweMessage(c.message);
  if (parsed.isErr())
    return err(new ChallengeInvalidError(parsed.error.shortMessage, { cause: parsed.error }));
  const m = parsed.value;
  const want: [string, string | number | undefined, string | number | undefined][] = [
    ['domain', p.expected.host, m.domain],
    ['uri', loginUri(p.expected.user, p.expected.host), m.uri],
    ['statement', loginStatement(p.expected.user, p.expected.host), m.statement],
    ['requestId', p.expected.sessionId ?? c.sessionId, m.requestId],
    ['requestId', c.sessionId, m.requestId],
    ['address', c.wallet.toLowerCase(), m.address.toLowerCase()],
    ['nonce', c.nonce, m.nonce],
    ['user', p.expected.user, c.user],
    ['chainId', p.expected.chainId ?? c.chainId, m.chainId],
    ['issuedAt', isoTimestamp(c.issuedAt), m.issuedAt],
    ['expirationTime', isoTimestamp(c.expiresAt), m.expirationTime],
  ];
  for (const [field, expected, actual] of want) {
    if (expected !== actual)
      return err(new ChallengeBindingError(field, String(expected), String(actual)));
  }
  const expiry = Date.parse(m.expirationTime as string);
  if (!(p.now < expiry))
    return err(new ChallengeExpiredError(m.expirationTime as string, isoTimestamp(p.now)));
  return ok(undefined);
}

export interface VerifyLoginSignatureParameters {
  challenge: LoginChallenge;
  signature: `0x${string}`;
  /** Present when an RPC URL is configured. */
  contractVerifier?: ContractSignatureVerifier | undefined;
}

export interface VerifiedLogin {
  wallet: Address;
  method: 'eoa' | 'contract';
}

/** EOA recovery first (offline, cheap); the chain only when that does not match. */
export function verifyLoginSignature(
  p: VerifyLoginSignatureParameters,
): ResultAsync<VerifiedLogin, SignatureMismatchError | RpcRequestError> {
  const wallet = p.challenge.wallet;
  const byWallet = isPersonalSignBy(p.challenge.message, p.signature, wallet);
  if (byWallet.isOk() && byWallet.value) return okAsync({ wallet, method: 'eoa' });
  // For the log: who did sign (one of two, as v was not used).
  const signers = personalSignSigners(p.challenge.message, p.signature);
  const recoveredAddress = signers.isOk()
    ? signers.value.map((a) => toChecksumAddress(a)).join(' or ')
    : undefined;
  if (!p.contractVerifier) return errAsync(new SignatureMismatchError(wallet, recoveredAddress));
  return p
    .contractVerifier({ address: wallet, message: p.challenge.message, signature: p.signature })
    .andThen((valid) =>
      valid
        ? ok<VerifiedLogin, SignatureMismatchError>({ wallet, method: 'contract' })
        : err(
            new SignatureMismatchError(
              wallet,
              recoveredAddress,
              `neither recovers (${recoveredAddress ?? 'no signer'}) nor is accepted by the wallet contract`,
            ),
          ),
    );
}

export interface VerifyLoginParameters extends VerifyLoginSignatureParameters {
  expected: LoginExpectation;
  now: number;
}

export type VerifyLoginErrorType = LoginError;

/** `checkChallenge` then `verifyLoginSignature`. */
export function verifyLogin(p: VerifyLoginParameters): ResultAsync<VerifiedLogin, LoginError> {
  const checked = checkChallenge(p);
  if (checked.isErr()) return errAsync(checked.error);
  return verifyLoginSignature(p);
}

/** Convenience for callers holding a promise-returning verifier. */
export function contractVerifierFrom(
  fn: (args: { address: Address; message: string; signature: `0x${string}` }) => Promise<boolean>,
): ContractSignatureVerifier {
  return (args) =>
    ResultAsync.fromPromise(
      fn(args),
      (e) => new RpcRequestError('isValidSignature', e instanceof Error ? e.message : String(e)),
    );
}
