/**
 * The login challenge: a SIWE message bound to one user, one host and one
 * SSH authentication attempt (the session id), with a fresh nonce and a
 * short lifetime. Randomness and time are parameters.
 */
import { type Address, InvalidInputError } from '@blockhost/core';
import { err, ok, type Result } from 'neverthrow';
import { bytesToHex } from '../internal/hex.js';
import { isoTimestamp } from '../internal/iso-time.js';
import { createSiweMessage, isSiweDomain } from '../siwe/message.js';

/** What is stored in `/run/blockhost-login/<pid>.json` between the two helpers. */
export interface LoginChallenge {
  readonly v: 1;
  readonly user: string;
  readonly host: string;
  /** The wallet allowed for this login (checksummed). */
  readonly wallet: Address;
  /** Where `wallet` came from: the GECOS field or the NFT's current owner. */
  readonly walletSource: 'gecos' | 'nft';
  readonly chainId: number;
  readonly sessionId: string;
  readonly nonce: string;
  /** Unix ms. */
  readonly issuedAt: number;
  /** Unix ms. */
  readonly expiresAt: number;
  /** The exact EIP-4361 text the wallet signs. */
  readonly message: string;
}

export interface CreateLoginChallengeParameters {
  user: string;
  host: string;
  wallet: string;
  walletSource?: 'gecos' | 'nft' | undefined;
  chainId: number;
  ttlSeconds: number;
  /** Unix ms. */
  now: number;
  /** Injected randomness (tests pass a deterministic source). */
  randomBytes: (length: number) => Uint8Array;
  /** A given session id; by default 128 random bits. */
  sessionId?: string | undefined;
}

export type CreateLoginChallengeErrorType = InvalidInputError;

/** Linux user names as `useradd` accepts them by default, plus dots; safe inside a URI. */
export const USER_NAME_RE = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}$/;
/** Session ids are 32 lowercase hex characters (128 bits). */
export const SESSION_ID_RE = /^[0-9a-f]{32}$/;

export function isSessionId(value: unknown): value is string {
  return typeof value === 'string' && SESSION_ID_RE.test(value);
}

/** 32 lowercase hex characters from 16 random bytes. */
export function randomId(randomBytes: (length: number) => Uint8Array): string {
  const bytes = randomBytes(16);
  if (bytes.length !== 16) throw new RangeError('randomBytes returned the wrong length');
  return bytesToHex(bytes);
}

/** `Log in to <host> as <user> over SSH.` */
export function loginStatement(user: string, host: string): string {
  return `Log in to ${host} as ${user} over SSH.`;
}

/** `ssh://<user>@<host>` */
export function loginUri(user: string, host: string): string {
  return `ssh://${user}@${host}`;
}

/** The code shown both at the SSH prompt and on the signing page: the nonce's first 8 characters. */
export function challengeCode(nonce: string): string {
  return `${nonce.slice(0, 4)}-${nonce.slice(4, 8)}`;
}

export function createLoginChallenge(
  p: CreateLoginChallengeParameters,
): Result<LoginChallenge, CreateLoginChallengeErrorType> {
  if (!USER_NAME_RE.test(p.user))
    return err(new InvalidInputError('user', 'a Linux user name ([A-Za-z0-9_.-], ≤ 32)'));
  if (!isSiweDomain(p.host) || p.host.includes(':') !== p.host.startsWith('['))
    return err(new InvalidInputError('host', 'a host name, IPv4 or [IPv6] address (no port)'));
  if (!/^0x[0-9a-fA-F]{40}$/.test(p.wallet))
    return err(new InvalidInputError('wallet', 'a 0x-prefixed 20-byte address'));
  if (!Number.isSafeInteger(p.chainId) || p.chainId < 1)
    return err(new InvalidInputError('chainId', 'a positive integer'));
  if (!Number.isInteger(p.ttlSeconds) || p.ttlSeconds < 1 || p.ttlSeconds > 3600)
    return err(new InvalidInputError('ttlSeconds', 'an integer from 1 to 3600'));
  if (!Number.isFinite(p.now)) return err(new InvalidInputError('now', 'unix milliseconds'));
  if (p.sessionId !== undefined && !isSessionId(p.sessionId))
    return err(new InvalidInputError('sessionId', '32 lowercase hex characters'));

  const sessionId = p.sessionId ?? randomId(p.randomBytes);
  const nonce = randomId(p.randomBytes);
  const issuedAt = Math.floor(p.now);
  const expiresAt = issuedAt + p.ttlSeconds * 1000;
  const message = createSiweMessage({
    domain: p.host,
    address: p.wallet,
    statement: loginStatement(p.user, p.host),
    uri: loginUri(p.user, p.host),
    version: '1',
    chainId: p.chainId,
    nonce,
    issuedAt: isoTimestamp(issuedAt),
    expirationTime: isoTimestamp(expiresAt),
    requestId: sessionId,
  });
  if (message.isErr())
    return err(
      new InvalidInputError('challenge', message.error.shortMessage, { cause: message.error }),
    );
  // The message's second line is the checksummed address (hashing it once is enough).
  const wallet = message.value.split('\n')[1] as Address;
  return ok({
    v: 1,
    user: p.user,
    host: p.host,
    wallet,
    walletSource: p.walletSource ?? 'gecos',
    chainId: p.chainId,
    sessionId,
    nonce,
    issuedAt,
    expiresAt,
    message: message.value,
  });
}
