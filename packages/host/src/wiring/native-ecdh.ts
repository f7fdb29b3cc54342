import { createECDH, getCurves } from 'node:crypto';
import type { EcdhSharedX } from '@blockhost/chain';

/**
 * secp256k1 ECDH through OpenSSL, for decrypting each purchase's `userEncrypted`: the portable
 * implementation took ~15 ms of the daemon's CPU per VM, this takes well under 1 ms. Undefined
 * when this Node's OpenSSL lacks the curve (the portable one is used then).
 */
export const nativeEcdh: EcdhSharedX | undefined = getCurves().includes('secp256k1')
  ? (secretKey, publicKey) => {
      const ecdh = createECDH('secp256k1');
      ecdh.setPrivateKey(secretKey);
      return new Uint8Array(ecdh.computeSecret(publicKey));
    }
  : undefined;
