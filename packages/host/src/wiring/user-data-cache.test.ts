import { deriveSigningTls } from '@blockhost/pam-verifier';
import { renderUserData } from '@blockhost/proxmox';
import { describe, expect, it } from 'vitest';
import type { UserDataInput } from '../jobs/definitions.js';
import { memoizeUserData } from './user-data-cache.js';

const input = (i: number, tokenId: bigint | null): UserDataInput => ({
  hostname: `bh-31337-abcd1234-${i}`,
  user: 'user',
  wallet: `0x${i.toString(16).padStart(40, 'a')}`,
  tokenId,
});

describe('user-data from a template', () => {
  it('is exactly what a full rendering gives, with and without an NFT id', () => {
    let calls = 0;
    const render = (x: UserDataInput) => {
      calls++;
      return `#cloud-config\nhostname: ${x.hostname}\ngecos: wallet=${x.wallet}${x.tokenId === null ? '' : `,nft=${x.tokenId}`}\nbig: ${'x'.repeat(1000)}\n`;
    };
    const memo = memoizeUserData(render);
    for (let i = 1; i < 20; i++) {
      for (const t of [null, BigInt(i * 7)]) expect(memo(input(i, t))).toBe(render(input(i, t)));
    }
    // Each variant rendered twice at first use (template + check), then never again.
    calls = 0;
    memo(input(99, null));
    memo(input(99, 5n));
    expect(calls).toBe(0);
  });

  it('falls back to full renderings when the template would not give the same text', () => {
    // A renderer that quotes hostnames containing a digit: the template (no digit) differs.
    const render = (x: UserDataInput) =>
      `hostname: ${/\d/.test(x.hostname) ? `"${x.hostname}"` : x.hostname}\nwallet: ${x.wallet}\n`;
    const memo = memoizeUserData(render);
    for (let i = 1; i < 5; i++) expect(memo(input(i, null))).toBe(render(input(i, null)));
  });

  it('gives what the real cloud-init renderer gives (quoted program text, mixed-case wallets)', () => {
    const render = (x: UserDataInput) =>
      renderUserData({
        hostname: x.hostname,
        user: {
          name: x.user,
          wallet: x.wallet as `0x${string}`,
          ...(x.tokenId === null ? {} : { nftTokenId: x.tokenId }),
          groups: ['blockhost-wallet'],
        },
        writeFiles: [
          { path: '/usr/lib/blockhost/login.js', content: 'console.log("é: #x\\n");\n'.repeat(50) },
          { path: '/usr/lib/blockhost/helper', content: new Uint8Array([0, 1, 2, 255]) },
        ],
        runcmd: [['/usr/lib/blockhost/install', '--user', x.user]],
      })._unsafeUnwrap();
    const memo = memoizeUserData(render);
    const wallets = [
      '0x52908400098527886E0F7030069857D2E4169EE7',
      '0xde709f2102306220921060314715629080e2fb77',
    ];
    for (const [i, wallet] of wallets.entries()) {
      for (const tokenId of [null, 0n, 123456789n]) {
        const x = { hostname: `bh-31337-0a1b2c3d-${i + 10}`, user: 'user', wallet, tokenId };
        expect(memo(x)).toBe(render(x));
      }
    }
  });

  it('puts in each VM its own signing-page certificate, key and fingerprint', () => {
    const secret = new Uint8Array(32).fill(7);
    const tlsOf = (hostname: string) => deriveSigningTls({ secret, hostName: hostname });
    let calls = 0;
    const render = (x: UserDataInput) => {
      calls++;
      const tls = tlsOf(x.hostname);
      return renderUserData({
        hostname: x.hostname,
        user: { name: x.user, wallet: x.wallet as `0x${string}`, groups: ['blockhost-wallet'] },
        writeFiles: [
          {
            path: '/etc/blockhost/login.yaml',
            content: `signing:\n  fingerprint: ${tls.fingerprint}\n`,
          },
          { path: '/etc/blockhost/signing-tls.crt', content: tls.certPem },
          { path: '/etc/blockhost/signing-tls.key', content: tls.keyPem, permissions: '0600' },
          { path: '/usr/lib/blockhost/login.js', content: 'console.log(1);\n'.repeat(200) },
        ],
      })._unsafeUnwrap();
    };
    const memo = memoizeUserData(render, tlsOf);
    const outputs = new Set<string>();
    for (let i = 1; i < 6; i++) {
      const x = input(i, null);
      const out = memo(x);
      expect(out).toBe(render(x));
      const tls = tlsOf(x.hostname);
      expect(out).toContain(tls.fingerprint);
      expect(out).toContain(tls.certPem.split('\n')[1]!);
      outputs.add(out);
    }
    expect(outputs.size).toBe(5);
    calls = 0;
    memo(input(42, null));
    expect(calls).toBe(0);
  });
});
