/**
 * Fixed crypto test vectors, generated once with this package and committed. The tests check
 * that the code still reproduces them and that an independent implementation (node:crypto)
 * decrypts them, which pins the byte formats of the spec.
 */
export const VECTORS = {
  chainId: 31337,
  subscriptions: '0x5fbdb2315678afecb367f032d93f642f64180aa3',
  keyMessage: 'BlockHost access key | chain 31337 | 0x5FbDB2315678afecb367f032d93F642f64180aa3',
  /** anvil dev account #1: the customer. */
  customerPrivateKey: '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
  customerAddress: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  /** personal_sign of keyMessage by the customer (RFC 6979, deterministic). */
  signature:
    '0x0da33126d217c17af3d503e27d95c584a2bb914db5a92da8cd6a170a030f371c71bff75fdffdc1305a06a075d04eb6f23afde0ecda9efc355655e9d224ae52e71c',
  /** keccak256(signature). */
  credentialKey: '0x92cf965178fe2925fff28fa325bde6ebf97ba5b4af0b3a9f2d0d622ce1af95b9',
  connectionDetails: { hostname: 'vm-1.blockhost.test', port: 22, username: 'user' },
  connectionNonce: '0x000102030405060708090a0b',
  /** nonce ‖ AES-256-GCM(credentialKey, JSON(connectionDetails)) ‖ tag. */
  connectionCiphertext:
    '0x000102030405060708090a0b788a166ce17f1480083c29a7444f4ba3454cd9978100faa7e92bd101b8ab7bafe20051b04ac9c1031156c0482d0147b3721bbf5447d1be7810f26c9279668a36648554d0f925bb148edf5dfd014b',
  /** anvil dev account #2: the host's server key. */
  serverPrivateKey: '0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a',
  serverPublicKey:
    '0x049d9031e97dd78ff8c15aa86939de9b1e791066a0224e331bc962a2099a7b1f0464b8bbafe1535f2301c72c2cb3535b172da30b02686ab0393d348614f157fbdb',
  ephemeralPrivateKey: `0x${'11'.repeat(32)}`,
  iv: '0x0c0d0e0f1011121314151617',
  /** ECIES(serverPublicKey, utf8(signature as 0x-hex)): ephemeralPub ‖ iv ‖ ciphertext ‖ tag. */
  userEncrypted:
    '0x044f355bdcb7cc0af728ef3cceb9615d90684bb5b2ca5f859ab0f0b704075871aa385b6b1b8ead809ca67454d9683fcf2ba03456d6fe2c4abe2b07f0fbdbb2f1c10c0d0e0f1011121314151617de14fc0aeda77998803baee8bd006824ac29fe4cc73d1d481c9f2c863f096a97798f2c28747c776d1635f33a39a5072ee58a4f93cef86340a055f49e41fc1dc4ac550aca2d6fd127ef581eb8deb5d4d24e54a02a070e0338ea5c46243e6c745c5287bcdbfd372cd218ea1caa7ff58250d758f7f94f1996f84b892fd6785037eeefb13095664028d61a187c3e7253526ddb154fc6',
} as const;
