import {
  ContractRevertError,
  encryptUserSignature,
  publicKeyFromSecretKey,
  RpcError,
  TransactionRevertedError,
  type WriteClients,
} from '@blockhost/chain';
import { describe, expect, it } from 'vitest';
import { Secret } from '../config/secret.js';
import { chainPortError, createChainPort } from './chain-port.js';

describe('chain port errors', () => {
  it('retries a mint for a subscription the chain lacks (a reorg the journal has not seen yet)', () => {
    const e = new ContractRevertError('mint', { errorName: 'SubscriptionNotFound', args: [74n] });
    expect(chainPortError(e)).toEqual({
      message: 'mint reverted: SubscriptionNotFound(74)',
      retryable: true,
      wait: undefined,
    });
  });

  it('retries a mint whose buyer a reorg changed, and a transaction that reverted once mined', () => {
    const other = new ContractRevertError('mint', {
      errorName: 'RecipientNotBuyer',
      args: [74n, '0x01', '0x02'],
    });
    expect(chainPortError(other).retryable).toBe(true);
    const mined = new TransactionRevertedError('mint', `0x${'ab'.repeat(32)}`);
    expect(chainPortError(mined)).toMatchObject({
      message: expect.stringMatching(/mint transaction 0xabab.* reverted on chain/),
      retryable: true,
    });
  });

  it('gives other reverts to a person, and retries transport trouble', () => {
    const denied = new ContractRevertError('mint', {
      errorName: 'AccessControlUnauthorizedAccount',
      args: ['0x01', '0x02'],
    });
    expect(chainPortError(denied).retryable).toBe(false);
    expect(chainPortError(new RpcError('eth_sendRawTransaction')).retryable).toBe(true);
  });

  it('waits for an RPC that gives no answer, without spending attempts; a node error is a try', () => {
    const away = new RpcError('eth_sendRawTransaction', {
      cause: { name: 'HttpRequestError', message: 'fetch failed' },
    });
    expect(chainPortError(away)).toMatchObject({ retryable: true, wait: 'unreachable' });
    const overloaded = new RpcError('eth_call', {
      cause: { name: 'RpcRequestError', message: 'internal error', code: -32603 },
    });
    expect(chainPortError(overloaded)).toMatchObject({ retryable: true, wait: undefined });
  });
});

describe("the chain port's decryption of a subscriber's key", () => {
  const serverKey = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d' as const;
  const port = createChainPort({
    // Decrypting asks nothing of the chain.
    clients: {} as WriteClients,
    contracts: {} as never,
    serverKey: new Secret(serverKey),
    views: [],
    confirmations: 1,
    graceSeconds: 0,
    maxClockSkewSeconds: null,
  });
  const serverPublicKey = publicKeyFromSecretKey(serverKey)._unsafeUnwrap();

  it('gives each signature back, many at once (the multiplications on the worker thread)', async () => {
    const signatures = Array.from(
      { length: 24 },
      (_, i) => `0x${(i + 1).toString(16).padStart(64, '1')}${'22'.repeat(32)}1b` as const,
    );
    const sealed = signatures.map(
      (signature) => encryptUserSignature({ serverPublicKey, signature })._unsafeUnwrap() as string,
    );
    const out = await Promise.all(sealed.map((u) => port.decryptSubscriberKey(u)));
    expect(out).toEqual(signatures.map((value) => ({ ok: true, value })));
  });

  it('refuses a ciphertext whose key is not a curve point, or that is not hex, as before', async () => {
    const offCurve = `0x04${'ab'.repeat(64)}${'00'.repeat(80)}`;
    const a = await port.decryptSubscriberKey(offCurve);
    expect(a.ok || a.error.message).toMatch(/not a point on secp256k1/);
    const b = await port.decryptSubscriberKey('0xzz');
    expect(b.ok).toBe(false);
  });
});
