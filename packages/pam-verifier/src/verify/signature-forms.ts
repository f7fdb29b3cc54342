/**
 * What kind of signature an answer is, decided from its bytes alone (no
 * RPC): an ECDSA signature (65 bytes r‖s‖v, or 64 bytes EIP-2098), an
 * ERC-6492 wrapper for a wallet not deployed yet, or other bytes only a
 * contract wallet can judge (ERC-1271). Also the canonical form a replay
 * record keys on, so that every encoding of one signature is the same.
 */
import { err, ok, type Result } from 'neverthrow';
import { AnswerMalformedError } from '../errors.js';
import { bytesToHex, hexToBytes } from '../internal/hex.js';
import { SECP256K1_N } from './secp256k1-recover.js';

/** The 32 bytes an ERC-6492 signature ends with. */
export const ERC6492_MAGIC = '6492'.repeat(16);

export interface EcdsaSignature {
  r: bigint;
  s: bigint;
  /** The parity of R's y the signer stated (v, or the EIP-2098 bit): only a hint. */
  yOdd: boolean;
}

export interface Erc6492Wrapper {
  /** The factory that deploys the wallet, and the call that does it. */
  factory: `0x${string}`;
  factoryCalldata: `0x${string}`;
  /** The wallet's own signature, checked (ERC-1271) once it is deployed. */
  inner: `0x${string}`;
}

const toBig = (bytes: Uint8Array) => BigInt(`0x${bytesToHex(bytes) || '0'}`);
const N = SECP256K1_N;

/**
 * r, s and stated parity of a 65-byte (r‖s‖v, v ∈ {27, 28, 0, 1}) or 64-byte
 * EIP-2098 (r‖yParity·s) signature, with 0 < r, s < n; Err otherwise.
 */
export function parseEcdsaSignature(
  bytes: Uint8Array,
): Result<EcdsaSignature, AnswerMalformedError> {
  if (bytes.length !== 65 && bytes.length !== 64)
    return err(new AnswerMalformedError('an EOA signature is 65 (or 64) bytes'));
  const r = toBig(bytes.subarray(0, 32));
  const sBytes = bytes.slice(32, 64);
  let yOdd: boolean;
  if (bytes.length === 64) {
    yOdd = ((sBytes[0] as number) & 0x80) !== 0;
    sBytes[0] = (sBytes[0] as number) & 0x7f;
  } else {
    const v = bytes[64] as number;
    if (v !== 0 && v !== 1 && v !== 27 && v !== 28)
      return err(new AnswerMalformedError('v must be 27, 28, 0 or 1'));
    yOdd = v === 1 || v === 28;
  }
  const s = toBig(sBytes);
  if (r <= 0n || r >= N || s <= 0n || s >= N)
    return err(new AnswerMalformedError('r and s must lie in 1 … n−1'));
  return ok({ r, s, yOdd });
}

/** One 32-byte ABI word as a number, or -1 when it does not fit a safe integer. */
function wordAsLength(bytes: Uint8Array, at: number): number {
  for (let i = at; i < at + 26; i++) if (bytes[i] !== 0) return -1;
  let v = 0;
  for (let i = at + 26; i < at + 32; i++) v = v * 256 + (bytes[i] as number);
  return v;
}

const pad32 = (n: number) => Math.ceil(n / 32) * 32;

/** `bytes` at ABI offset `offset` of `body`, requiring the canonical place and zero padding. */
function abiBytes(body: Uint8Array, offset: number): Uint8Array | undefined {
  if (offset + 32 > body.length) return undefined;
  const len = wordAsLength(body, offset);
  if (len < 0 || offset + 32 + pad32(len) > body.length) return undefined;
  const start = offset + 32;
  for (let i = start + len; i < start + pad32(len); i++) if (body[i] !== 0) return undefined;
  return body.subarray(start, start + len);
}

/**
 * Decodes `abi.encode(address factory, bytes factoryCalldata, bytes inner) ‖ magic`,
 * strictly: canonical offsets, zero padding, nothing left over, a non-zero
 * factory and a non-empty inner signature. `undefined` when `bytes` does not
 * end with the magic; Err when it does but is not such a wrapper.
 */
export function decodeErc6492(
  bytes: Uint8Array,
): Result<Erc6492Wrapper, AnswerMalformedError> | undefined {
  if (bytes.length < 32 || bytesToHex(bytes.subarray(bytes.length - 32)) !== ERC6492_MAGIC)
    return undefined;
  const bad = () =>
    err(new AnswerMalformedError('an ERC-6492 signature wraps abi.encode(address, bytes, bytes)'));
  const body = bytes.subarray(0, bytes.length - 32);
  if (body.length < 96 + 64) return bad();
  for (let i = 0; i < 12; i++) if (body[i] !== 0) return bad();
  const factory = body.subarray(12, 32);
  if (factory.every((b) => b === 0)) return bad();
  if (wordAsLength(body, 32) !== 96) return bad();
  const calldata = abiBytes(body, 96);
  if (!calldata) return bad();
  const innerAt = 96 + 32 + pad32(calldata.length);
  if (wordAsLength(body, 64) !== innerAt) return bad();
  const inner = abiBytes(body, innerAt);
  if (!inner || inner.length === 0 || innerAt + 32 + pad32(inner.length) !== body.length)
    return bad();
  return ok({
    factory: `0x${bytesToHex(factory)}`,
    factoryCalldata: `0x${bytesToHex(calldata)}`,
    inner: `0x${bytesToHex(inner)}`,
  });
}

/**
 * The form a replay record keys on: for ECDSA, r and the low s (v, the
 * 64-byte form and high s are other encodings of one signature, and either
 * parity is accepted); for an ERC-6492 wrapper, its inner signature's form;
 * anything else byte for byte (lower case).
 */
export function canonicalSignature(signature: string): string {
  const bytes = hexToBytes(signature.toLowerCase());
  const wrapper = decodeErc6492(bytes);
  if (wrapper?.isOk()) return canonicalSignature(wrapper.value.inner);
  const ecdsa = parseEcdsaSignature(bytes);
  if (ecdsa.isOk()) {
    const { r, s } = ecdsa.value;
    const low = s > N / 2n ? N - s : s;
    return `ecdsa:${r.toString(16).padStart(64, '0')}${low.toString(16).padStart(64, '0')}`;
  }
  return `bytes:${bytesToHex(bytes)}`;
}
