import { generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { parseIpv6 } from '@blockhost/core';

/**
 * A self-signed certificate for the simulator's HTTPS listener, built with a
 * minimal DER writer (Node can parse but not create certificates). ECDSA
 * P-256, SAN for the given names and addresses, CA:true so it can be used
 * directly as a trust anchor (`ca:`) as well as by fingerprint.
 */
export interface SelfSignedCert {
  certPem: string;
  keyPem: string;
  /** SHA-256 fingerprint, `AB:CD:…` (32 pairs), as `pvenode cert info` prints it. */
  fingerprint256: string;
}

const len = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n >>= 8;
  }
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const tlv = (tag: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const seq = (...parts: Buffer[]) => tlv(0x30, ...parts);
const set = (...parts: Buffer[]) => tlv(0x31, ...parts);
const int = (b: Buffer) => tlv(0x02, b[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
const oid = (dotted: string): Buffer => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [a! * 40 + b!];
  for (const n of rest) {
    const chunk: number[] = [n & 0x7f];
    let v = n >> 7;
    while (v > 0) {
      chunk.unshift((v & 0x7f) | 0x80);
      v >>= 7;
    }
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
};
const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const time = (d: Date): Buffer => {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return d.getUTCFullYear() < 2050
    ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`))
    : tlv(0x18, Buffer.from(`${iso}Z`));
};
const explicit = (n: number, inner: Buffer) => tlv(0xa0 + n, inner);
const bitString = (b: Buffer, unused = 0) => tlv(0x03, Buffer.from([unused]), b);
const octets = (b: Buffer) => tlv(0x04, b);
const TRUE = Buffer.from([0x01, 0x01, 0xff]);

function ipBytes(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  const value = parseIpv6(ip)._unsafeUnwrap(); // isIPv6 said it is one
  return Buffer.from(value.toString(16).padStart(32, '0'), 'hex');
}

export function createSelfSignedCert(
  commonName = 'blockhost-pve-sim',
  altNames: readonly string[] = ['localhost', '127.0.0.1', '::1'],
  now = new Date(),
): SelfSignedCert {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const sigAlg = seq(oid('1.2.840.10045.4.3.2'));
  const name = seq(set(seq(oid('2.5.4.3'), utf8(commonName))));
  const serial = randomBytes(16);
  // DER integers are minimal: a leading zero byte (or a set top bit) would be illegal padding.
  serial[0] = (serial[0]! & 0x3f) | 0x40;
  const san = seq(
    ...altNames.map((n) =>
      isIPv4(n) || isIPv6(n) ? tlv(0x87, ipBytes(n)) : tlv(0x82, Buffer.from(n, 'ascii')),
    ),
  );
  const extensions = seq(
    seq(oid('2.5.29.19'), TRUE, octets(seq(TRUE))),
    seq(oid('2.5.29.15'), TRUE, octets(bitString(Buffer.from([0x84]), 2))),
    seq(oid('2.5.29.37'), octets(seq(oid('1.3.6.1.5.5.7.3.1')))),
    seq(oid('2.5.29.17'), octets(san)),
  );
  const tbs = seq(
    explicit(0, int(Buffer.from([2]))),
    int(serial),
    sigAlg,
    name,
    seq(
      time(new Date(now.getTime() - 86_400_000)),
      time(new Date(now.getTime() + 10 * 365 * 86_400_000)),
    ),
    name,
    spki,
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, { key: privateKey, dsaEncoding: 'der' });
  const der = seq(tbs, sigAlg, bitString(signature));
  const b64 = der
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .trimEnd();
  const certPem = `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { certPem, keyPem, fingerprint256: new X509Certificate(certPem).fingerprint256 };
}
