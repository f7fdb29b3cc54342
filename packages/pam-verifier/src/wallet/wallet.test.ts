import { errAsync, okAsync } from 'neverthrow';
import { describe, expect, it } from 'vitest';
import { RpcRequestError } from '../errors.js';
import { formatGecosWallet, parseGecosWallet } from './gecos.js';
import { findPasswdEntry } from './passwd.js';
import { resolveAllowedWallet } from './resolve-wallet.js';

const A = '0xe05fcC23807536bEe418f142D19fa0d21BB0cfF7';
const B = '0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf';
const nft = {
  contract: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  rpcUrls: ['http://x'],
  chainId: 1,
  timeoutMs: 100,
} as const;

describe('GECOS wallet', () => {
  it('reads wallet= and nft= among other GECOS parts, as written', () => {
    expect(parseGecosWallet(`Alice,room 1,wallet=${A.toLowerCase()},nft=42`)).toEqual({
      wallet: A.toLowerCase(),
      nftTokenId: '42',
    });
    expect(parseGecosWallet('Alice Example,,,')).toEqual({});
    expect(parseGecosWallet('wallet=0x123,nft=01')).toEqual({ wallet: undefined });
  });

  it('formats what the provisioner writes', () => {
    expect(formatGecosWallet(A.toLowerCase() as `0x${string}`, 7n)).toBe(`wallet=${A},nft=7`);
    expect(parseGecosWallet(formatGecosWallet(A, 7n))).toEqual({ wallet: A, nftTokenId: '7' });
  });

  it('finds a passwd entry by exact name', () => {
    const text = `root:x:0:0:root:/root:/bin/bash\nalice2:x:1:1::/h:/bin/sh\nalice:x:1000:1000:wallet=${A}:/home/alice:/bin/sh\n`;
    expect(findPasswdEntry(text, 'alice')).toMatchObject({
      uid: 1000,
      gecos: `wallet=${A}`,
      home: '/home/alice',
    });
    expect(findPasswdEntry(text, 'ali')).toBeUndefined();
  });
});

describe('resolveAllowedWallet', () => {
  it('GECOS wallet when not in NFT mode', async () => {
    const r = await resolveAllowedWallet({ user: 'u', gecos: `wallet=${A},nft=3` });
    expect(r._unsafeUnwrap()).toMatchObject({ wallet: A, source: 'gecos' });
  });

  it('NFT mode: the current owner wins over GECOS', async () => {
    const r = await resolveAllowedWallet({
      user: 'u',
      gecos: `wallet=${A},nft=3`,
      nft,
      readOwner: () => okAsync(B),
    });
    expect(r._unsafeUnwrap()).toMatchObject({ wallet: B, source: 'nft', nftTokenId: '3' });
  });

  it('NFT mode: a token that no longer exists denies', async () => {
    const r = await resolveAllowedWallet({
      user: 'u',
      gecos: `wallet=${A},nft=3`,
      nft,
      readOwner: () => okAsync(null),
    });
    expect(r._unsafeUnwrapErr().reason).toBe('nft-not-owned');
  });

  it('NFT mode: RPC failure falls back to GECOS and says why', async () => {
    const r = await resolveAllowedWallet({
      user: 'u',
      gecos: `wallet=${A},nft=3`,
      nft,
      readOwner: () => errAsync(new RpcRequestError('ownerOf', 'connection refused')),
    });
    expect(r._unsafeUnwrap()).toMatchObject({
      wallet: A,
      source: 'gecos',
      fallback: expect.stringContaining('refused'),
    });
  });

  it('no wallet at all is NoWalletError', async () => {
    expect(
      (await resolveAllowedWallet({ user: 'u', gecos: 'Alice' }))._unsafeUnwrapErr().reason,
    ).toBe('no-wallet');
  });
});
