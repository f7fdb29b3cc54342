/** The derived signing-page identity: a valid self-signed P-256 certificate, the same every time. */
import { createECDH, createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { deriveSigningTls, pkcs8 } from './signing-identity.js';

const secret = new Uint8Array(32).fill(0x42);

describe('deriveSigningTls', () => {
  it('is deterministic per (secret, host name) and differs across either', () => {
    const a = deriveSigningTls({ secret, hostName: 'vm-7.example.net' });
    expect(deriveSigningTls({ secret, hostName: 'vm-7.example.net' })).toEqual(a);
    const otherHost = deriveSigningTls({ secret, hostName: 'vm-8.example.net' });
    const otherSecret = deriveSigningTls({
      secret: new Uint8Array(32).fill(1),
      hostName: 'vm-7.example.net',
    });
    for (const b of [otherHost, otherSecret]) {
      expect(b.fingerprint).not.toBe(a.fingerprint);
      expect(b.keyPem).not.toBe(a.keyPem);
    }
  });

  it('makes a self-signed certificate OpenSSL accepts, for the host name, with its key and fingerprint', () => {
    for (const hostName of ['vm-7.example.net', '192.0.2.17', '[2001:db8::17]']) {
      const id = deriveSigningTls({ secret, hostName });
      const cert = new X509Certificate(id.certPem);
      expect(cert.fingerprint256).toBe(id.fingerprint);
      expect(cert.verify(cert.publicKey)).toBe(true);
      expect(cert.checkPrivateKey(createPrivateKey(id.keyPem))).toBe(true);
      expect(cert.ca).toBe(false);
      expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
      expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']);
      if (hostName.startsWith('[')) expect(cert.checkIP('2001:db8::17')).toBe('2001:db8::17');
      else if (/^\d/.test(hostName)) expect(cert.checkIP(hostName)).toBe(hostName);
      else expect(cert.checkHost(hostName)).toBe(hostName);
      expect(new Date(cert.validTo).getUTCFullYear()).toBe(9999);
    }
  });

  it('serves TLS: a client sees exactly the fingerprint', async () => {
    const id = deriveSigningTls({ secret, hostName: 'vm-7.example.net' });
    const server = createServer({ cert: id.certPem, key: id.keyPem }, (_q, r) => r.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const seen = await new Promise<string>((resolve, reject) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: (server.address() as AddressInfo).port,
            servername: 'vm-7.example.net',
            rejectUnauthorized: false,
          },
          (res) => {
            resolve((res.socket as TLSSocket).getPeerX509Certificate()?.fingerprint256 ?? '');
            res.resume();
          },
        );
        req.on('error', reject);
        req.end();
      });
      expect(seen).toBe(id.fingerprint);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('writes a key as PKCS #8 byte for byte as OpenSSL does', () => {
    for (let i = 0; i < 200; i++) {
      // Keys with leading zero bytes too: PKCS #8 always holds 32 bytes, given 32 or fewer.
      const d = randomBytes(32);
      if (i % 20 === 0) d[0] = 0;
      const ecdh = createECDH('prime256v1');
      ecdh.setPrivateKey(d);
      const pub = ecdh.getPublicKey();
      const b64url = (b: Buffer) => b.toString('base64url');
      const openssl = createPrivateKey({
        key: {
          kty: 'EC',
          crv: 'P-256',
          d: b64url(d),
          x: b64url(pub.subarray(1, 33)),
          y: b64url(pub.subarray(33, 65)),
        },
        format: 'jwk',
      })
        .export({ format: 'der', type: 'pkcs8' })
        .toString('hex');
      expect(Buffer.from(pkcs8(d, pub)).toString('hex')).toBe(openssl);
      const stripped = d.subarray(d.findIndex((x) => x !== 0));
      expect(Buffer.from(pkcs8(stripped, pub)).toString('hex')).toBe(openssl);
    }
  });

  it('refuses a short secret and a host name that is not one', () => {
    expect(() => deriveSigningTls({ secret: new Uint8Array(16), hostName: 'vm' })).toThrow(
      /32 bytes/,
    );
    expect(() => deriveSigningTls({ secret, hostName: 'vm/../x' })).toThrow(/not a host name/);
  });
});
