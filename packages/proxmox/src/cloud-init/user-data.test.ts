import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GZIP_FROM_BYTES, renderUserData, walletGecos } from './user-data.js';

const wallet = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const;

describe('cloud-init user-data', () => {
  it('creates the login user with the wallet in GECOS, passwordless sudo and a locked password', () => {
    const text = renderUserData({
      hostname: 'bh-31337-5fbdb231-7',
      user: { name: 'user', wallet, nftTokenId: 3n, groups: ['blockhost-wallet'] },
    })._unsafeUnwrap();
    expect(text.startsWith('#cloud-config\n')).toBe(true);
    const doc = parse(text);
    expect(doc.hostname).toBe('bh-31337-5fbdb231-7');
    expect(doc.users).toEqual([
      {
        name: 'user',
        gecos: `wallet=${wallet},nft=3`,
        groups: ['blockhost-wallet'],
        sudo: 'ALL=(ALL) NOPASSWD:ALL',
        shell: '/bin/bash',
        lock_passwd: true,
      },
    ]);
  });

  it('passes write_files and runcmd through, binary content as base64', () => {
    const text = renderUserData({
      hostname: 'vm1',
      user: { name: 'user', wallet },
      writeFiles: [
        {
          path: '/etc/blockhost/login.yaml',
          content: 'chain_id: 1\nkey: "a: b"\n',
          permissions: '0644',
        },
        {
          path: '/usr/lib/blockhost/blob',
          content: new Uint8Array([0, 255, 10]),
          permissions: '0755',
          defer: true,
        },
      ],
      runcmd: ['systemctl restart ssh', ['usermod', '-aG', 'blockhost-wallet', 'user']],
    })._unsafeUnwrap();
    const doc = parse(text);
    expect(doc.write_files[0]).toEqual({
      path: '/etc/blockhost/login.yaml',
      content: 'chain_id: 1\nkey: "a: b"\n',
      permissions: '0644',
    });
    expect(doc.write_files[1]).toEqual({
      path: '/usr/lib/blockhost/blob',
      encoding: 'b64',
      content: 'AP8K',
      permissions: '0755',
      defer: true,
    });
    expect(doc.runcmd).toEqual([
      'systemctl restart ssh',
      ['usermod', '-aG', 'blockhost-wallet', 'user'],
    ]);
    expect(doc.users[0].gecos).toBe(`wallet=${wallet}`);
  });

  it('gzips large files (gz+b64, which cloud-init decodes); the bytes come back whole', () => {
    const program = `#!/usr/bin/env node\n// “quoted” — non-ASCII\n${'console.log(1);\n'.repeat(2000)}`;
    const binary = new Uint8Array(GZIP_FROM_BYTES).map((_, i) => (i * 7) % 256);
    const text = renderUserData({
      hostname: 'vm1',
      user: { name: 'user', wallet },
      writeFiles: [
        { path: '/usr/lib/blockhost/vm-login', content: program, permissions: '0755' },
        { path: '/usr/lib/blockhost/blob', content: binary },
        { path: '/etc/small', content: 'x'.repeat(GZIP_FROM_BYTES - 1) },
      ],
    })._unsafeUnwrap();
    const [big, bin, small] = parse(text).write_files;
    expect(big.encoding).toBe('gz+b64');
    expect(gunzipSync(Buffer.from(big.content, 'base64')).toString('utf8')).toBe(program);
    expect(new Uint8Array(gunzipSync(Buffer.from(bin.content, 'base64')))).toEqual(binary);
    expect(small).toEqual({ path: '/etc/small', content: 'x'.repeat(GZIP_FROM_BYTES - 1) });
    // Far smaller than the program itself, and the same bytes every time (templates are compared).
    expect(big.content.length).toBeLessThan(program.length / 4);
    const again = (content: string) =>
      renderUserData({
        hostname: 'vm1',
        user: { name: 'user', wallet },
        writeFiles: [{ path: '/usr/lib/blockhost/vm-login', content }],
      })._unsafeUnwrap();
    expect(again(program)).toBe(again(program));
  });

  it('rejects bad input with the field and what was expected', () => {
    const bad = (p: Parameters<typeof renderUserData>[0]) => renderUserData(p)._unsafeUnwrapErr();
    expect(bad({ hostname: 'Not A Label', user: { name: 'user', wallet } }).what).toBe('hostname');
    expect(bad({ hostname: 'vm', user: { name: 'Root!', wallet } }).what).toBe('user.name');
    expect(
      bad({ hostname: 'vm', user: { name: 'user', wallet: '0x12' as `0x${string}` } }).what,
    ).toBe('user.wallet');
    expect(
      bad({
        hostname: 'vm',
        user: { name: 'user', wallet },
        writeFiles: [{ path: 'rel/path', content: '' }],
      }).what,
    ).toBe('writeFiles.path');
    expect(
      bad({
        hostname: 'vm',
        user: { name: 'user', wallet },
        writeFiles: [{ path: '/x', content: '', permissions: 'rw' }],
      }).what,
    ).toBe('writeFiles.permissions');
  });

  it('formats GECOS as wallet=…[,nft=…]', () => {
    expect(walletGecos(wallet)).toBe(`wallet=${wallet}`);
    expect(walletGecos(wallet, 0n)).toBe(`wallet=${wallet},nft=0`);
  });
});
