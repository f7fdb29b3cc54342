import { createECDH, type ECDH, getCurves } from 'node:crypto';
import type { EcdhSharedX } from '@blockhost/chain';

/**
 * secp256k1 ECDH through OpenSSL, for decrypting each purchase's `userEncrypted`: the portable
 * implementation took ~15 ms of the daemon's CPU per VM, this takes about 1 ms. One key object
 * per secret key (the server key: deriving its public key again each time is a scalar multiply).
 * Undefined when this Node's OpenSSL lacks the curve (the portable one is used then).
 */
export const nativeEcdh: EcdhSharedX | undefined = getCurves().includes('secp256k1')
  ? (() => {
      let last: { key: string; ecdh: ECDH } | null = null;
      return (secretKey: Uint8Array, publicKey: Uint8Array) => {
        const key = Buffer.from(secretKey).toString('hex');
        if (last?.key !== key) {
          const ecdh = createECDH('secp256k1');
          ecdh.setPrivateKey(secretKey);
          last = { key, ecdh };
        }
        return new Uint8Array(last.ecdh.computeSecret(publicKey));
      };
    })()
  : undefined;
