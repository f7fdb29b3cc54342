import { describe, expect, it } from 'vitest';
import {
  parseVmLoginConfig,
  renderVmLoginConfig,
  signingBaseUrlOf,
  VM_LOGIN_CONFIG_PATH,
} from './config.js';

describe('VM login config', () => {
  it('fills in the defaults', () => {
    const c = parseVmLoginConfig('{"chainId": 8453}')._unsafeUnwrap();
    expect(c).toMatchObject({
      chainId: 8453,
      rpcUrls: [],
      challengeTtlSeconds: 120,
      loginGraceTimeSeconds: 120,
      browserWaitSeconds: 5,
      rateLimit: { maxFailures: 5, windowSeconds: 300 },
      // No TLS configured: no signing page (it would be plain HTTP on every interface).
      signing: { enabled: false, port: 8443, listen: '::' },
      runDir: '/run/blockhost-login',
      passwdFile: '/etc/passwd',
      log: { syslog: true },
    });
    expect(c.host).toBeUndefined();
  });

  it.each([
    ['not JSON', '{chainId: 1}', 'file'],
    ['no chainId', '{}', 'chainId'],
    ['an unknown key (typo)', '{"chainId":1,"rpcUrl":"http://x"}', 'rpcUrl'],
    [
      'a TTL beyond LoginGraceTime',
      '{"chainId":1,"challengeTtlSeconds":300}',
      'challengeTtlSeconds',
    ],
    ['a host with a port', '{"chainId":1,"host":"vm:22"}', 'host'],
    ['an RPC URL that is not http(s)', '{"chainId":1,"rpcUrls":["ws://x"]}', 'rpcUrls'],
    ['a bad NFT address', '{"chainId":1,"nftContract":"0x12"}', 'nftContract'],
    ['a cert without a key', '{"chainId":1,"signing":{"tlsCert":"/etc/c.pem"}}', 'signing'],
    ['a relative run dir', '{"chainId":1,"runDir":"run"}', 'runDir'],
    ['a run dir with ..', '{"chainId":1,"runDir":"/run/../etc"}', 'runDir'],
    ['a nested unknown key', '{"chainId":1,"signing":{"prot":1}}', 'signing.prot'],
    [
      'a plain-HTTP signing page beyond loopback',
      '{"chainId":1,"signing":{"enabled":true,"listen":"0.0.0.0"}}',
      'signing',
    ],
    ['a plain-HTTP public URL', '{"chainId":1,"signing":{"publicUrl":"http://x"}}', 'publicUrl'],
    ['a bad fingerprint', '{"chainId":1,"signing":{"tlsFingerprint":"ab:cd"}}', 'tlsFingerprint'],
  ])('refuses %s, naming the key', (_what, text, key) => {
    const e = parseVmLoginConfig(text)._unsafeUnwrapErr();
    expect(e.code).toBe('LOGIN_CONFIG_INVALID');
    expect(e.shortMessage).toContain(key);
  });

  it('renders only the given keys, validated, mode 0600, parseable back', () => {
    const f = renderVmLoginConfig({
      chainId: 11155111,
      host: 'vm-9.example.net',
      rpcUrls: ['https://rpc.example/key'],
      nftContract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    })._unsafeUnwrap();
    expect(f.path).toBe(VM_LOGIN_CONFIG_PATH);
    expect(f.mode).toBe(0o600);
    expect(JSON.parse(f.content)).toEqual({
      chainId: 11155111,
      host: 'vm-9.example.net',
      rpcUrls: ['https://rpc.example/key'],
      nftContract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    });
    expect(parseVmLoginConfig(f.content).isOk()).toBe(true);
    expect(renderVmLoginConfig({ chainId: 0 }).isErr()).toBe(true);
  });

  it('derives the signing page base URL', () => {
    const c = (extra: object) =>
      parseVmLoginConfig(JSON.stringify({ chainId: 1, ...extra }))._unsafeUnwrap();
    expect(signingBaseUrlOf(c({}), 'vm')).toBeUndefined();
    expect(signingBaseUrlOf(c({ signing: { listen: '127.0.0.1' } }), 'vm')).toBe('http://vm:8443');
    expect(signingBaseUrlOf(c({ signing: { tlsCert: '/c', tlsKey: '/k' } }), 'vm')).toBe(
      'https://vm:8443',
    );
    expect(
      signingBaseUrlOf(c({ signing: { tlsCert: '/c', tlsKey: '/k', port: 443 } }), '[::1]'),
    ).toBe('https://[::1]');
    expect(
      signingBaseUrlOf(
        c({ signing: { publicUrl: 'https://login.example/', listen: '127.0.0.1' } }),
        'vm',
      ),
    ).toBe('https://login.example');
    expect(signingBaseUrlOf(c({ signing: { enabled: false } }), 'vm')).toBeUndefined();
  });

  it('RPC URLs: https to anywhere, plain http only to this machine (loopback)', () => {
    const rpc = (url: string) => parseVmLoginConfig(JSON.stringify({ chainId: 1, rpcUrls: [url] }));
    for (const ok of [
      'https://rpc.example.net/v2/key',
      'https://10.0.0.1:8545',
      'http://127.0.0.1:8545',
      'http://127.10.0.3/',
      'http://localhost:8545',
      'http://[::1]:8545/',
    ])
      expect(rpc(ok).isOk(), ok).toBe(true);
    for (const bad of [
      'http://rpc.example.net',
      'http://10.0.0.1:8545',
      'http://[2001:db8::1]:8545',
      'http://localhost.example.net',
      'http://127.0.0.1.example.net',
      'http://[::ffff:10.0.0.1]/',
    ]) {
      const e = rpc(bad)._unsafeUnwrapErr();
      expect(e.shortMessage, bad).toContain('rpcUrls');
      expect(e.shortMessage).toContain('https');
    }
  });
});
