/**
 * Verifies a login response against the stored challenge: the challenge must
 * still bind to this host/user/session and be unexpired; the signature must
 * be the allowed wallet's, recovered offline (EOA) or, when that fails and a
 * contract verifier is configured, confirmed on chain (ERC-1271 / ERC-6492).
 * The chain runs code only for a contract wallet (it holds code) or a
 * well-formed ERC-6492 wrapper: a malformed or non-recovering answer for an
 * EOA costs at most an `eth_getCode`.
 */
import type { Address } from '@blockhost/core';
import { err, errAsync, ok, okAsync, type Result, ResultAsync } from 'neverthrow';
import type { LoginChallenge } from '../challenge/create-challenge.js';
import { loginStatement, loginUri } from '../challenge/create-challenge.js';
import {
  type AnswerMalformedError,
  ChallengeBindingError,
  ChallengeExpiredError,
  ChallengeInvalidError,
  type LoginError,
  RpcRequestError,
  SignatureMismatchError,
} from '../errors.js';
import { bytesToHex, hexToBytes } from '../internal/hex.js';
import { isoTimestamp } from '../internal/iso-time.js';
import { toChecksumAddress } from '../siwe/address.js';
import { parseSiweMessage } from '../siwe/message.js';
import { isPersonalSignBy, personalSignSigners } from './eoa-signer.js';
import { hashPersonalMessage } from './hash-message.js';
import { decodeErc6492 } from './signature-forms.js';

/** What the chain is asked about a contract wallet's signature. */
export interface ContractSignatureCheck {
  address: Address;
  message: string;
  /** The EIP-191 hash of `message`, what the wallet is asked about. */
  hash: `0x${string}`;
  signature: `0x${string}`;
  /** A well-formed ERC-6492 wrapper (the wallet may not be deployed yet). */
  erc6492: boolean;
}

/** The chain, as the login asks it about smart-contract wallets. */
export interface ContractSignatureVerifier {
  /** Whether `address` holds code: only then is it asked about a plain signature. */
  hasCode(address: Address): ResultAsync<boolean, RpcRequestError>;
  /** ERC-1271 on the wallet, or (`erc6492`) ERC-6492 with the deployment simulated. */
  isValidSignature(args: ContractSignatureCheck): ResultAsync<boolean, RpcRequestError>;
}

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
  /** What was signed, and by whom it must be (the stored challenge, or a session page). */
  challenge: Pick<LoginChallenge, 'wallet' | 'message'>;
  signature: `0x${string}`;
  /** Present when an RPC URL is configured. */
  contractVerifier?: ContractSignatureVerifier | undefined;
}

export interface VerifiedLogin {
  wallet: Address;
  method: 'eoa' | 'contract';
}

export type VerifyLoginSignatureErrorType =
  | SignatureMismatchError
  | RpcRequestError
  | AnswerMalformedError;

/**
 * EOA recovery first (offline, cheap); the chain only when that does not
 * match: for a well-formed ERC-6492 wrapper, or for any other signature when
 * the wallet holds code (ERC-1271). A malformed ERC-6492 wrapper is refused
 * without asking anything.
 */
export function verifyLoginSignature(
  p: VerifyLoginSignatureParameters,
): ResultAsync<VerifiedLogin, VerifyLoginSignatureErrorType> {
  const wallet = p.challenge.wallet;
  const message = p.challenge.message;
  const wrapper = decodeErc6492(hexToBytes(p.signature));
  if (wrapper?.isErr()) return errAsync(wrapper.error);
  const erc6492 = wrapper !== undefined;
  let recoveredAddress: string | undefined;
  if (!erc6492) {
    const byWallet = isPersonalSignBy(message, p.signature, wallet);
    if (byWallet.isOk() && byWallet.value) return okAsync({ wallet, method: 'eoa' });
    // For the log: who did sign (the candidates, as v was not used).
    const signers = personalSignSigners(message, p.signature);
    recoveredAddress = signers.isOk()
      ? signers.value.map((a) => toChecksumAddress(a)).join(' or ') || undefined
      : undefined;
  }
  const verifier = p.contractVerifier;
  if (!verifier) return errAsync(new SignatureMismatchError(wallet, recoveredAddress));
  const check: ContractSignatureCheck = {
    address: wallet,
    message,
    hash: `0x${bytesToHex(hashPersonalMessage(message))}`,
    signature: p.signature,
    erc6492,
  };
  const asked = erc6492
    ? verifier.isValidSignature(check)
    : verifier
        .hasCode(wallet)
        .andThen((code) => (code ? verifier.isValidSignature(check) : okAsync(false)));
  return asked.andThen((valid) =>
    valid
      ? ok<VerifiedLogin, SignatureMismatchError>({ wallet, method: 'contract' })
      : err(
          new SignatureMismatchError(
            wallet,
            recoveredAddress,
            erc6492
              ? 'the ERC-6492 wrapper is not accepted for the wallet'
              : `neither recovers (${recoveredAddress ?? 'no signer'}) nor is accepted by a wallet contract`,
          ),
        ),
  );
}

export interface VerifyLoginParameters extends VerifyLoginSignatureParameters {
  challenge: LoginChallenge;
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

/** Convenience for callers holding promise-returning functions. */
export function contractVerifierFrom(fns: {
  hasCode: (address: Address) => Promise<boolean>;
  isValidSignature: (args: ContractSignatureCheck) => Promise<boolean>;
}): ContractSignatureVerifier {
  const wrap =
    <A>(method: string, fn: (a: A) => Promise<boolean>) =>
    (a: A) =>
      ResultAsync.fromPromise(
        fn(a),
        (e) => new RpcRequestError(method, e instanceof Error ? e.message : String(e)),
      );
  return {
    hasCode: wrap('eth_getCode', fns.hasCode),
    isValidSignature: wrap('isValidSignature', fns.isValidSignature),
  };
}
