import { describe, expect, it } from 'vitest';
import { parsePortalConfig } from './config.js';

const OK = {
  chainId: 31337,
  chainName: 'Anvil (local)',
  rpcUrls: ['http://127.0.0.1:8545'],
  contracts: {
    subscriptions: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
    nft: '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512',
  },
  serverPublicKey: `0x04${'ab'.repeat(64)}`,
  graceDays: 7,
  operator: { name: 'Example Hosting', support: 'mailto:help@example.net' },
};

describe('parsePortalConfig', () => {
  it('accepts a full config and fills the native currency', () => {
    const c = parsePortalConfig(OK)._unsafeUnwrap();
    expect(c.nativeCurrency).toEqual({ name: 'Ether', symbol: 'ETH', decimals: 18 });
    expect(c.signingPageOrigin).toBeUndefined();
    const named = parsePortalConfig({ ...OK, chainName: undefined })._unsafeUnwrap();
    expect(named.chainName).toBe('Chain 31337');
    expect(
      parsePortalConfig({ ...OK, signingPageOrigin: 'https://login.example.net/' })._unsafeUnwrap()
        .signingPageOrigin,
    ).toBe('https://login.example.net');
  });

  it('names every bad key at once', () => {
    const e = parsePortalConfig({
      ...OK,
      chainId: 0,
      rpcUrls: ['ftp://x', 'https://ok.example'],
      contracts: { subscriptions: '0x12', nft: OK.contracts.nft },
      serverPublicKey: `0x02${'ab'.repeat(32)}`,
      graceDays: 0,
      operator: { name: '', support: 'javascript:alert(1)' },
      signingPageOrigin: 'https://x.example/path',
      extra: true,
    })._unsafeUnwrapErr();
    expect(e.code).toBe('PORTAL_CONFIG_INVALID');
    expect(e.issues.map((i) => i.key)).toEqual([
      'extra',
      'chainId',
      'rpcUrls[0]',
      'contracts.subscriptions',
      'serverPublicKey',
      'graceDays',
      'operator.name',
      'operator.support',
      'signingPageOrigin',
    ]);
    expect(e.message).toContain('operator.support: expected an https:// or mailto: URL');
  });

  it('refuses what is not an object', () => {
    for (const v of [null, [], 'x', 3])
      expect(parsePortalConfig(v)._unsafeUnwrapErr().issues[0]?.key).toBe('(root)');
  });
});
