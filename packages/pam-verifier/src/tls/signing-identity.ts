/**
 * The TLS identity of a VM's signing page: a P-256 key and a self-signed
 * certificate, both derived from a host secret and the VM's host name, so the
 * host can put the key into the VM's cloud-init and, any time later, the
 * certificate's SHA-256 fingerprint into the customer's encrypted NFT
 * details, without storing either. Deterministic end to end: the key comes
 * from HKDF, the certificate's fields are fixed, and ECDSA uses RFC 6979
 * nonces, so the same inputs always give the same bytes.
 *
 * Runs on the host (and in tests), never in the login helpers.
 */
import { createECDH, createHash, hkdfSync } from 'node:crypto';
import { bytesToHex, hexToBytes } from '../internal/hex.js';
import {
  bitString,
  boolean,
  explicit,
  octetString,
  oid,
  sequence,
  set,
  time,
  tlv,
  unsignedInteger,
  utf8String,
} from './der.js';
import { P256_ORDER, signP256 } from './p256-sign.js';

export interface SigningTlsIdentity {
  /** The certificate, PEM. */
  certPem: string;
  /** Its private key, PEM (PKCS #8). Goes only to the VM (0600). */
  keyPem: string;
  /** SHA-256 of the certificate (DER), upper-case hex pairs joined by colons, as browsers show it. */
  fingerprint: string;
}

export interface DeriveSigningTlsParameters {
  /** A host secret of at least 32 bytes (e.g. the server key): whoever holds it can derive every VM's key. */
  secret: Uint8Array;
  /** The VM's host name (or IP address): the certificate's subject and alternative name. */
  hostName: string;
}

const SALT = 'blockhost vm-login signing-page TLS key v1';
const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
  prime256v1: '1.2.840.10045.3.1.7',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};
/** Fixed validity: from 2025 to RFC 5280's "no well-defined expiration" (the name pins the key, not a date). */
const NOT_BEFORE = '20250101000000';
const NOT_AFTER = '99991231235959';

/** The alternative name of `host`: an IPv4 or [IPv6] literal as iPAddress, anything else as dNSName. */
function altName(host: string): Uint8Array {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) return tlv(0x87, Uint8Array.from(v4.slice(1).map(Number)));
  const v6 = /^\[([0-9a-fA-F:]+)\]$/.exec(host);
  if (v6) {
    const [head = '', tail = ''] = (v6[1] as string).split('::');
    const groups = (s: string) => (s ? s.split(':') : []);
    const h = groups(head);
    const t = groups(tail);
    const all = [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
    return tlv(0x87, hexToBytes(all.map((g) => g.padStart(4, '0')).join('')));
  }
  return tlv(0x82, new TextEncoder().encode(host.toLowerCase()));
}

function pem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64');
  return `-----BEGIN ${label}-----\n${b64.match(/.{1,64}/g)?.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * A P-256 key as PKCS #8 (RFC 5208) around an RFC 5915 ECPrivateKey with its public key and
 * without parameters (they are in the algorithm): the bytes OpenSSL writes for it, without
 * building an OpenSSL key object per VM.
 */
export function pkcs8(d: Uint8Array, publicKey: Uint8Array): Uint8Array {
  if (d.length > 32) throw new RangeError('pkcs8: a P-256 secret key is at most 32 bytes');
  // Always 32 bytes (RFC 5915: the order's length), a short big-endian value padded.
  const d32 = new Uint8Array(32);
  d32.set(d, 32 - d.length);
  const ecPrivateKey = sequence(
    tlv(0x02, Uint8Array.of(1)),
    octetString(d32),
    explicit(1, bitString(publicKey)),
  );
  return sequence(
    tlv(0x02, Uint8Array.of(0)),
    sequence(oid(OID.ecPublicKey), oid(OID.prime256v1)),
    octetString(ecPrivateKey),
  );
}

/** Upper-case hex pairs joined by colons. */
export function colonHex(bytes: Uint8Array): string {
  return (bytesToHex(bytes).toUpperCase().match(/../g) ?? []).join(':');
}

/** The signing page's key and certificate for `hostName` under `secret`: same inputs, same bytes. */
export function deriveSigningTls(p: DeriveSigningTlsParameters): SigningTlsIdentity {
  if (p.secret.length < 32)
    throw new RangeError('deriveSigningTls: the secret must be at least 32 bytes');
  if (!/^[A-Za-z0-9.:[\]-]{1,253}$/.test(p.hostName))
    throw new RangeError(`deriveSigningTls: ${JSON.stringify(p.hostName)} is not a host name`);
  // 48 bytes reduced mod n−1, plus 1: a uniform scalar in [1, n−1] (FIPS 186-5 A.2.1).
  const okm = new Uint8Array(hkdfSync('sha256', p.secret, SALT, p.hostName, 48));
  const d = (BigInt(`0x${bytesToHex(okm)}`) % (P256_ORDER - 1n)) + 1n;
  const dBytes = hexToBytes(d.toString(16).padStart(64, '0'));
  // The public key natively (a scalar multiplication in JS costs milliseconds per VM).
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(dBytes);
  const publicKey = new Uint8Array(ecdh.getPublicKey());
  const spki = sequence(sequence(oid(OID.ecPublicKey), oid(OID.prime256v1)), bitString(publicKey));
  const serial = createHash('sha256').update(spki).digest().subarray(0, 16);
  serial[0] = ((serial[0] as number) & 0x7f) | 0x40;
  const name = sequence(set(sequence(oid(OID.commonName), utf8String(p.hostName.slice(0, 64)))));
  const algorithm = sequence(oid(OID.ecdsaWithSha256));
  const extension = (id: string, critical: boolean, value: Uint8Array) =>
    sequence(oid(id), ...(critical ? [boolean(true)] : []), octetString(value));
  const tbs = sequence(
    explicit(0, unsignedInteger(Uint8Array.of(2))),
    unsignedInteger(serial),
    algorithm,
    name,
    sequence(time(NOT_BEFORE), time(NOT_AFTER)),
    name,
    spki,
    explicit(
      3,
      sequence(
        extension(OID.basicConstraints, true, sequence()),
        // digitalSignature only (bit 0): 7 unused bits.
        extension(OID.keyUsage, true, tlv(0x03, Uint8Array.of(7, 0x80))),
        extension(OID.extKeyUsage, false, sequence(oid(OID.serverAuth))),
        extension(OID.subjectAltName, false, sequence(altName(p.hostName))),
      ),
    ),
  );
  // RFC 6979 nonce: deterministic.
  const signature = signP256(tbs, dBytes);
  const cert = sequence(tbs, algorithm, bitString(signature));
  const keyPem = pem('PRIVATE KEY', pkcs8(dBytes, publicKey));
  return {
    certPem: pem('CERTIFICATE', cert),
    keyPem,
    fingerprint: colonHex(createHash('sha256').update(cert).digest()),
  };
}
