import fc from 'fast-check';
import { createSiweMessage as viemCreate, parseSiweMessage as viemParse } from 'viem/siwe';
import { describe, expect, it } from 'vitest';
import {
  createSiweMessage,
  isSiweDomain,
  parseSiweMessage,
  type SiweMessageFields,
} from './message.js';

const base: SiweMessageFields = {
  domain: 'vm-7.example.net',
  address: '0xe05fcc23807536bee418f142d19fa0d21bb0cff7',
  statement: 'Log in to vm-7.example.net as alice over SSH.',
  uri: 'ssh://alice@vm-7.example.net',
  version: '1',
  chainId: 11155111,
  nonce: '0123456789abcdef0123456789abcdef',
  issuedAt: '2026-01-02T03:04:05.678Z',
  expirationTime: '2026-01-02T03:06:05.678Z',
  requestId: 'ab'.repeat(16),
};

/** The same fields as viem's `createSiweMessage` takes them. */
const toViem = (f: SiweMessageFields) => ({
  domain: f.domain,
  address: f.address as `0x${string}`,
  statement: f.statement,
  uri: f.uri,
  version: '1' as const,
  chainId: f.chainId,
  nonce: f.nonce,
  issuedAt: new Date(f.issuedAt),
  expirationTime: f.expirationTime ? new Date(f.expirationTime) : undefined,
  requestId: f.requestId,
});

describe('createSiweMessage', () => {
  it.each(['vm-7.example.net', '203.0.113.9', 'localhost', 'vm.example.net:2222'])(
    'writes the same text as viem/siwe for %s',
    (domain) => {
      const fields = { ...base, domain };
      const ours = createSiweMessage(fields)._unsafeUnwrap();
      const theirs = viemCreate(toViem(fields));
      expect(ours).toBe(theirs);
      const parsed = viemParse(ours);
      expect(parsed.domain).toBe(domain);
      expect(parsed.requestId).toBe(base.requestId);
      expect(parsed.nonce).toBe(base.nonce);
    },
  );

  it('without a statement matches viem too', () => {
    const fields = {
      ...base,
      statement: undefined,
      requestId: undefined,
      expirationTime: undefined,
    };
    expect(createSiweMessage(fields)._unsafeUnwrap()).toBe(viemCreate(toViem(fields)));
  });

  it('accepts the hosts VMs really have, which viem refuses: single labels and IPv6 literals', () => {
    for (const domain of ['blockhost-101', '[2001:db8::7]', '[2001:db8::7]:22']) {
      expect(isSiweDomain(domain)).toBe(true);
      const text = createSiweMessage({ ...base, domain, uri: `ssh://alice@${domain}` });
      expect(text.isOk()).toBe(true);
      expect(() => viemCreate(toViem({ ...base, domain }))).toThrow();
      expect(parseSiweMessage(text._unsafeUnwrap())._unsafeUnwrap().domain).toBe(domain);
    }
  });

  it.each([
    ['domain', { domain: 'bad host' }],
    ['domain', { domain: '[not-ipv6]' }],
    ['address', { address: '0x1234' }],
    ['statement', { statement: 'two\nlines' }],
    ['nonce', { nonce: 'short' }],
    ['uri', { uri: 'no scheme' }],
    ['chainId', { chainId: 0 }],
    ['issuedAt', { issuedAt: 'yesterday' }],
  ])('refuses a bad %s with an error, not a throw', (_field, patch) => {
    const r = createSiweMessage({ ...base, ...(patch as Partial<SiweMessageFields>) });
    expect(r.isErr()).toBe(true);
    expect(r._unsafeUnwrapErr().code).toBe('LOGIN_CHALLENGE_INVALID');
  });
});

describe('parseSiweMessage', () => {
  it('round-trips every field and checksums the address', () => {
    const p = parseSiweMessage(createSiweMessage(base)._unsafeUnwrap())._unsafeUnwrap();
    expect(p).toMatchObject({ ...base, address: '0xe05fcC23807536bEe418f142D19fa0d21BB0cfF7' });
  });

  it.each([
    ['trailing text', (t: string) => `${t}\nextra`],
    ['a missing nonce', (t: string) => t.replace(/\nNonce: \w+/, '')],
    [
      'fields out of order',
      (t: string) => t.replace('Version: 1\nChain ID: 11155111', 'Chain ID: 11155111\nVersion: 1'),
    ],
    ['a bad date', (t: string) => t.replace('2026-01-02T03:04:05.678Z', '2026-13-45')],
    ['a bad header', (t: string) => t.replace(' wants you', ' would like you')],
    ['empty text', () => ''],
  ])('refuses %s', (_what, mutate) => {
    expect(parseSiweMessage(mutate(createSiweMessage(base)._unsafeUnwrap())).isErr()).toBe(true);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (text) => {
        parseSiweMessage(text);
      }),
    );
  });

  it('round-trips generated messages', () => {
    const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 3 }),
        fc.stringMatching(/^[a-z_][a-z0-9_-]{0,15}$/),
        fc.stringMatching(/^[0-9a-f]{32}$/),
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
        (labels, user, nonce, chainId, at) => {
          const domain = labels.join('.');
          const fields = {
            ...base,
            domain,
            uri: `ssh://${user}@${domain}`,
            statement: `Log in to ${domain} as ${user} over SSH.`,
            nonce,
            chainId,
            issuedAt: at.toISOString(),
          };
          expect(
            parseSiweMessage(createSiweMessage(fields)._unsafeUnwrap())._unsafeUnwrap(),
          ).toMatchObject({
            domain,
            uri: fields.uri,
            nonce,
            chainId,
            issuedAt: fields.issuedAt,
          });
        },
      ),
    );
  });
});
