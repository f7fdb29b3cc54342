/**
 * The IPv6 broker protocol's two messages (host.md, "IPv6 broker"):
 *
 * - request, in `submitRequest(nftContract, encryptedPayload)`: ECIES to the broker's registry
 *   key of the JSON `{wgPubkey, nftContract, serverPubkey}`;
 * - answer, the data of a 0-value transaction from the broker to the host's server address:
 *   `requestId (8 bytes, big-endian) ‖ ECIES to serverPubkey of the JSON
 *   {prefix, gateway, brokerPubkey, brokerEndpoint, dnsZone}`.
 *
 * ECIES is the `userEncrypted` format (crypto/ecies.ts). Both sides are here so the reference
 * broker and the host share one codec; decoding checks every field and names the bad one.
 */
import { isAddress, parseIpv6, parseIpv6Cidr } from '@blockhost/core';
import { err, ok, type Result } from 'neverthrow';
import { type Address, bytesToHex, concatBytes, type Hex, numberToBytes } from 'viem';
import {
  type EciesEncryptOptions,
  eciesDecrypt,
  eciesEncrypt,
  parsePublicKey,
} from '../crypto/ecies.js';
import { ChainError, type CryptoError } from '../errors.js';
import { toBytes } from '../internal/bytes.js';

/** What a host asks the broker for: its WireGuard key, its deployment, where to answer. */
export interface BrokerRequestPayload {
  /** The host's WireGuard public key (base64 of 32 bytes, as `wg pubkey` prints it). */
  readonly wgPubkey: string;
  /** The host's access NFT contract (its BlockHost deployment). */
  readonly nftContract: Address;
  /** The host's secp256k1 public key (0x04…, 65 bytes): the answer is encrypted to it. */
  readonly serverPubkey: Hex;
}

/** What the broker assigns: a routed prefix and the tunnel to it. */
export interface BrokerAnswer {
  /** The routed prefix, e.g. `2001:db8:100::200/120`. */
  readonly prefix: string;
  /** The broker's address inside the tunnel (the far end; outside the prefix). */
  readonly gateway: string;
  /** The broker's WireGuard public key (base64). */
  readonly brokerPubkey: string;
  /** Where the broker's WireGuard listens: `host:port` or `[v6]:port`. */
  readonly brokerEndpoint: string;
  /** A DNS zone the broker delegates for the prefix (may be empty). */
  readonly dnsZone: string;
}

export const BROKER_REQUEST_ID_BYTES = 8;
const MAX_REQUEST_ID = (1n << 64n) - 1n;

export type BrokerMessageReason = 'too-short' | 'not-decryptable' | 'not-json' | 'bad-field';

/** A broker request or answer that cannot be used; `reason` is stable, the message names the field. */
export class BrokerMessageError extends ChainError {
  readonly code = 'BROKER_MESSAGE';
  readonly reason: BrokerMessageReason;
  /** The JSON field at fault, for `bad-field`. */
  readonly field: string | undefined;
  constructor(
    reason: BrokerMessageReason,
    shortMessage: string,
    options: { field?: string; details?: string; hint?: string; cause?: unknown } = {},
  ) {
    super(shortMessage, options);
    this.reason = reason;
    this.field = options.field;
  }
}

const WG_KEY = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;

/** A WireGuard key as `wg` prints it: base64 of exactly 32 bytes. */
export function isWireguardKey(text: unknown): text is string {
  return typeof text === 'string' && WG_KEY.test(text);
}

/** `host:port` or `[v6]:port`, port 1–65535; the host is an IPv4/IPv6 address or a DNS name. */
export function parseBrokerEndpoint(text: string): { host: string; port: number } | null {
  const m =
    /^\[([0-9A-Fa-f:.]+)\]:([0-9]{1,5})$/.exec(text) ??
    /^([A-Za-z0-9.-]+):([0-9]{1,5})$/.exec(text);
  if (!m) return null;
  const port = Number(m[2]);
  if (port < 1 || port > 65_535) return null;
  const host = m[1]!;
  if (text.startsWith('[') && parseIpv6(host).isErr()) return null;
  return { host, port };
}

const DNS_ZONE =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.?$/;

const badField = (field: string, expected: string) =>
  err(new BrokerMessageError('bad-field', `${field}: expected ${expected}`, { field }));

function parseJson(
  bytes: Uint8Array,
  what: string,
): Result<Record<string, unknown>, BrokerMessageError> {
  try {
    const v: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    if (typeof v === 'object' && v !== null && !Array.isArray(v))
      return ok(v as Record<string, unknown>);
  } catch {
    // reported below
  }
  return err(
    new BrokerMessageError('not-json', `${what}: the decrypted payload is not a JSON object`),
  );
}

function checkRequest(
  v: Record<string, unknown>,
): Result<BrokerRequestPayload, BrokerMessageError> {
  if (!isWireguardKey(v.wgPubkey))
    return badField('wgPubkey', 'a WireGuard public key (base64 of 32 bytes)');
  if (!isAddress(v.nftContract)) return badField('nftContract', 'a 0x-prefixed 20-byte address');
  if (typeof v.serverPubkey !== 'string' || parsePublicKey(v.serverPubkey as Hex).isErr())
    return badField('serverPubkey', 'a secp256k1 public key (0x04… hex)');
  return ok({
    wgPubkey: v.wgPubkey,
    nftContract: v.nftContract,
    serverPubkey: v.serverPubkey as Hex,
  });
}

/** Checks an answer's fields (the size of the prefix is the host's business). */
export function checkBrokerAnswer(
  v: Record<string, unknown>,
): Result<BrokerAnswer, BrokerMessageError> {
  if (typeof v.prefix !== 'string' || parseIpv6Cidr(v.prefix).isErr())
    return badField('prefix', 'an IPv6 prefix like 2001:db8::/120 (no host bits set)');
  if (typeof v.gateway !== 'string' || parseIpv6(v.gateway).isErr())
    return badField('gateway', 'the IPv6 address of the broker inside the tunnel');
  if (!isWireguardKey(v.brokerPubkey))
    return badField('brokerPubkey', 'a WireGuard public key (base64 of 32 bytes)');
  if (typeof v.brokerEndpoint !== 'string' || !parseBrokerEndpoint(v.brokerEndpoint))
    return badField('brokerEndpoint', 'host:port or [IPv6]:port');
  const dnsZone = v.dnsZone ?? '';
  if (
    typeof dnsZone !== 'string' ||
    (dnsZone !== '' && (dnsZone.length > 253 || !DNS_ZONE.test(dnsZone)))
  )
    return badField('dnsZone', 'a DNS name or an empty string');
  return ok({
    prefix: v.prefix,
    gateway: v.gateway,
    brokerPubkey: v.brokerPubkey,
    brokerEndpoint: v.brokerEndpoint,
    dnsZone,
  });
}

const json = (v: object) => new TextEncoder().encode(JSON.stringify(v));

/** The request's `encryptedPayload`: ECIES to the broker's registry key. */
export function encryptBrokerRequest(
  brokerPublicKey: Hex | Uint8Array,
  payload: BrokerRequestPayload,
  options?: EciesEncryptOptions,
): Result<Hex, BrokerMessageError | CryptoError> {
  return checkRequest({ ...payload }).andThen((p) =>
    eciesEncrypt(brokerPublicKey, json(p), options).map(bytesToHex),
  );
}

/** Broker side: opens a request with the broker's secret key. */
export function decryptBrokerRequest(
  brokerSecretKey: Hex | Uint8Array,
  encryptedPayload: Hex | Uint8Array,
): Result<BrokerRequestPayload, BrokerMessageError> {
  return eciesDecrypt(brokerSecretKey, encryptedPayload)
    .mapErr(
      (e) => new BrokerMessageError('not-decryptable', `request: ${e.shortMessage}`, { cause: e }),
    )
    .andThen((bytes) => parseJson(bytes, 'request'))
    .andThen(checkRequest);
}

/** Broker side: the answer transaction's data for `requestId`. */
export function encryptBrokerAnswer(
  serverPublicKey: Hex | Uint8Array,
  requestId: bigint,
  answer: BrokerAnswer,
  options?: EciesEncryptOptions,
): Result<Hex, BrokerMessageError | CryptoError> {
  if (requestId < 0n || requestId > MAX_REQUEST_ID)
    return badField('requestId', 'an unsigned 64-bit number');
  return checkBrokerAnswer({ ...answer }).andThen((a) =>
    eciesEncrypt(serverPublicKey, json(a), options).map((sealed) =>
      bytesToHex(
        concatBytes([numberToBytes(requestId, { size: BROKER_REQUEST_ID_BYTES }), sealed]),
      ),
    ),
  );
}

/**
 * The request id an answer names, read without decrypting (null for data too short to be an
 * answer): how a host tells an answer to another request from one to its own.
 */
export function brokerAnswerRequestId(data: Hex | Uint8Array): bigint | null {
  const bytes = toBytes(data);
  if (!bytes || bytes.length <= BROKER_REQUEST_ID_BYTES) return null;
  let id = 0n;
  for (const b of bytes.subarray(0, BROKER_REQUEST_ID_BYTES)) id = (id << 8n) | BigInt(b);
  return id;
}

/** Host side: opens an answer with the server's secret key and checks its fields. */
export function decryptBrokerAnswer(
  serverSecretKey: Hex | Uint8Array,
  data: Hex | Uint8Array,
): Result<{ requestId: bigint; answer: BrokerAnswer }, BrokerMessageError> {
  const bytes = toBytes(data);
  const requestId = bytes ? brokerAnswerRequestId(bytes) : null;
  if (!bytes || requestId === null)
    return err(
      new BrokerMessageError(
        'too-short',
        `answer: expected ${BROKER_REQUEST_ID_BYTES} bytes of request id and a ciphertext`,
      ),
    );
  return eciesDecrypt(serverSecretKey, bytes.subarray(BROKER_REQUEST_ID_BYTES))
    .mapErr(
      (e) =>
        new BrokerMessageError(
          'not-decryptable',
          `answer to request ${requestId}: ${e.shortMessage}`,
          {
            hint: 'the broker encrypted it to another key, or it was altered',
            cause: e,
          },
        ),
    )
    .andThen((plain) => parseJson(plain, `answer to request ${requestId}`))
    .andThen(checkBrokerAnswer)
    .map((answer) => ({ requestId, answer }));
}
