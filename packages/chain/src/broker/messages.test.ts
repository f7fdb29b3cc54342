import { bytesToHex, hexToBytes } from 'viem';
import { describe, expect, it } from 'vitest';
import { eciesEncrypt, publicKeyFromSecretKey } from '../crypto/ecies.js';
import {
  type BrokerAnswer,
  brokerAnswerRequestId,
  decryptBrokerAnswer,
  decryptBrokerRequest,
  encryptBrokerAnswer,
  encryptBrokerRequest,
  isWireguardKey,
  parseBrokerEndpoint,
} from './messages.js';

// Fixed keys and a fixed ephemeral key + IV: the bytes below are the format, frozen.
const SERVER = '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d';
const BROKER = '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a';
const EPHEMERAL = '0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6';
const IV = '0x000102030405060708090a0b';
const SERVER_PUB =
  '0x04ba5734d8f7091719471e7f7ed6b9df170dc70cc661ca05e688601ad984f068b0d67351e5f06073092499336ab0839ef8a521afd334e53807205fa2f08eec74f4';
const BROKER_PUB =
  '0x049d9031e97dd78ff8c15aa86939de9b1e791066a0224e331bc962a2099a7b1f0464b8bbafe1535f2301c72c2cb3535b172da30b02686ab0393d348614f157fbdb';
const REQUEST = {
  wgPubkey: 'HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=',
  nftContract: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
  serverPubkey: SERVER_PUB,
} as const;
const ANSWER: BrokerAnswer = {
  prefix: '2001:db8:100::700/120',
  gateway: 'fd00:b0::1',
  brokerPubkey: 'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=',
  brokerEndpoint: '192.0.2.1:51820',
  dnsZone: '7.0.0.1.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
};
const REQUEST_VECTOR =
  '0x0420b871f3ced029e14472ec4ebc3c0448164942b123aa6af91a3386c1c403e0ebd3b4a5752a2b6c49e574619e6aa0549eb9ccd036b9bbc507e1f7f9712a236092000102030405060708090a0b8805b242cbb4eda798db7251a3c655d7a9625c09387442f820726558ad33e95c734cfdf6cf44ddec8f8be0c9d7ee8b12c72ba9b7bb5dc4e9ce661a7318740ef43cfd19d173cc414edf23d6ac5f38edf33dc807d15ca1d4b378a692d8f21e4b70ea73cbb738d71be86387cf139c793c58d947cef5ce0ccfe87ddfd9b79b3e8ff4311e32a0747227a23516f1e6e7d7f2258805d7fc5281861356c8353f1c4fd3a167149f593a34c2d8fcd27bc620172f06b50f94e95733ee959c5f6466d7bc4916115135ea3e4d5cf4d3e72db39a6ceb3f378850b361f5e71e6e470ff5f3765de86432fb0bfa15eac9eafbf69b82ca26d63cb11e8bf0e690b924fa47efe61203c670e410fae091bc0038bc37f5cc8deca38c62ab788d76f1a2699e6708';
const ANSWER_VECTOR =
  '0x00000000000000070420b871f3ced029e14472ec4ebc3c0448164942b123aa6af91a3386c1c403e0ebd3b4a5752a2b6c49e574619e6aa0549eb9ccd036b9bbc507e1f7f9712a236092000102030405060708090a0b8d129c9bf03b557d89bf8b90948055a7eff12a82c4b854af31141d9eb4d5cb604f371a8a3ce6e4f06e19b6cd15b06fddabf597323c0472d612a74777ddb5760fd905ba28d50ec81bae5109897f61ac1f07675567f965c2ede1a4793d6f07078b9f6dccfc6aab7976f3a9d100f51200d9419a252bff5e81a63329f1680e36951ae9c1a31420f76322ac45bba314e2f056ddfc3443e2154d2306f55d4d5e615247ce28700ecc5a3995e2b349c2e61e9e08855f9f9c9902c87736f3dba5244e79d0de0436b455224aeaf4e262bd0ad22fe65ad613bde6376c5ae86d3c';

describe('broker request', () => {
  it('matches the fixed vector and opens with the broker key', () => {
    expect(publicKeyFromSecretKey(SERVER)._unsafeUnwrap()).toBe(SERVER_PUB);
    expect(publicKeyFromSecretKey(BROKER)._unsafeUnwrap()).toBe(BROKER_PUB);
    const data = encryptBrokerRequest(BROKER_PUB, REQUEST, {
      ephemeralSecretKey: EPHEMERAL,
      iv: IV,
    })._unsafeUnwrap();
    expect(data).toBe(REQUEST_VECTOR);
    expect(decryptBrokerRequest(BROKER, REQUEST_VECTOR)._unsafeUnwrap()).toEqual(REQUEST);
  });
  it('refuses to encrypt a bad field, and a request for another key does not open', () => {
    const e = encryptBrokerRequest(BROKER_PUB, { ...REQUEST, wgPubkey: 'not-a-key' });
    expect(e._unsafeUnwrapErr()).toMatchObject({ reason: 'bad-field', field: 'wgPubkey' });
    const other = encryptBrokerRequest(SERVER_PUB, REQUEST)._unsafeUnwrap();
    expect(decryptBrokerRequest(BROKER, other)._unsafeUnwrapErr().reason).toBe('not-decryptable');
  });
});

describe('broker answer', () => {
  it('matches the fixed vector: 8-byte request id, then ECIES to the server key', () => {
    const data = encryptBrokerAnswer(SERVER_PUB, 7n, ANSWER, {
      ephemeralSecretKey: EPHEMERAL,
      iv: IV,
    })._unsafeUnwrap();
    expect(data).toBe(ANSWER_VECTOR);
    expect(data.slice(0, 18)).toBe('0x0000000000000007');
    expect(brokerAnswerRequestId(data)).toBe(7n);
    expect(decryptBrokerAnswer(SERVER, data)._unsafeUnwrap()).toEqual({
      requestId: 7n,
      answer: ANSWER,
    });
  });
  it('round-trips the largest request id', () => {
    const max = (1n << 64n) - 1n;
    const data = encryptBrokerAnswer(SERVER_PUB, max, ANSWER)._unsafeUnwrap();
    expect(decryptBrokerAnswer(SERVER, data)._unsafeUnwrap().requestId).toBe(max);
    expect(encryptBrokerAnswer(SERVER_PUB, max + 1n, ANSWER).isErr()).toBe(true);
  });
  it('an answer encrypted to another key, or altered, does not decrypt (with the id named)', () => {
    const toBroker = encryptBrokerAnswer(BROKER_PUB, 9n, ANSWER)._unsafeUnwrap();
    const e = decryptBrokerAnswer(SERVER, toBroker)._unsafeUnwrapErr();
    expect(e.reason).toBe('not-decryptable');
    expect(e.shortMessage).toContain('answer to request 9');
    const bytes = hexToBytes(ANSWER_VECTOR);
    bytes[bytes.length - 1]! ^= 1;
    expect(decryptBrokerAnswer(SERVER, bytesToHex(bytes))._unsafeUnwrapErr().reason).toBe(
      'not-decryptable',
    );
  });
  it('names a too-short answer, a non-JSON plaintext and each bad field', () => {
    expect(decryptBrokerAnswer(SERVER, '0x0000000000000007')._unsafeUnwrapErr().reason).toBe(
      'too-short',
    );
    expect(brokerAnswerRequestId('0x00000001')).toBeNull();
    const sealed = (plain: string) =>
      `0x0000000000000003${bytesToHex(eciesEncrypt(SERVER_PUB, new TextEncoder().encode(plain))._unsafeUnwrap()).slice(2)}` as const;
    expect(decryptBrokerAnswer(SERVER, sealed('hello'))._unsafeUnwrapErr().reason).toBe('not-json');
    expect(decryptBrokerAnswer(SERVER, sealed('[1]'))._unsafeUnwrapErr().reason).toBe('not-json');
    const field = (patch: Record<string, unknown>) =>
      decryptBrokerAnswer(
        SERVER,
        sealed(JSON.stringify({ ...ANSWER, ...patch })),
      )._unsafeUnwrapErr();
    expect(field({ prefix: '2001:db8::5/120' })).toMatchObject({
      reason: 'bad-field',
      field: 'prefix',
    });
    expect(field({ gateway: '10.0.0.1' }).field).toBe('gateway');
    expect(field({ brokerPubkey: 'abc' }).field).toBe('brokerPubkey');
    expect(field({ brokerEndpoint: '192.0.2.1' }).field).toBe('brokerEndpoint');
    expect(field({ dnsZone: 'bad zone!' }).field).toBe('dnsZone');
    expect(field({ prefix: undefined }).shortMessage).toBe(
      'prefix: expected an IPv6 prefix like 2001:db8::/120 (no host bits set)',
    );
  });
});

describe('field formats', () => {
  it('knows a WireGuard key and an endpoint', () => {
    expect(isWireguardKey(ANSWER.brokerPubkey)).toBe(true);
    expect(isWireguardKey(`${ANSWER.brokerPubkey.slice(0, 42)}B=`)).toBe(false);
    expect(parseBrokerEndpoint('[2001:db8::1]:51820')).toEqual({
      host: '2001:db8::1',
      port: 51820,
    });
    expect(parseBrokerEndpoint('broker.example.net:443')).toEqual({
      host: 'broker.example.net',
      port: 443,
    });
    expect(parseBrokerEndpoint('[nope]:1')).toBeNull();
    expect(parseBrokerEndpoint('h:70000')).toBeNull();
  });
});
