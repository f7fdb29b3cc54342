/**
 * Real sshd + PAM with a real chain (anvil): a smart-contract wallet
 * (ERC-1271) logs in through the RPC path; NFT mode follows the access
 * NFT's owner across a transfer, and falls back to GECOS when the RPC is gone.
 */
import {
  type Anvil,
  accessCredentialNftAbi,
  deployBlockhost,
  deployTestSmartWallet,
  mintAccessToken,
  startAnvil,
} from '@blockhost/chain';
import type { ResultAsync } from 'neverthrow';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles, removeBundles } from './harness/bundles.js';
import { carol, mallory } from './harness/keys.js';
import { logLines, messageOf, outcomeOf, sessionOf } from './harness/login-log.js';
import { sshLogin } from './harness/ssh-client.js';
import {
  addToWalletGroup,
  createTestSystem,
  installInto,
  type RunningSshd,
  startSshd,
  type TestSystem,
  testConfig,
} from './harness/system.js';

type Signer = { signMessage: (a: { message: string }) => Promise<`0x${string}`> };
const signWith = (account: Signer) => (prompt: string) =>
  account.signMessage({ message: messageOf(prompt) });

let anvil: Anvil;
let sys: TestSystem;
let sshd: RunningSshd;
let nft: `0x${string}`;
let tokenId: bigint;
let smartWallet: `0x${string}`;
let ownerA: ReturnType<typeof privateKeyToAccount>;
let ownerB: ReturnType<typeof privateKeyToAccount>;

const unwrap = async <T, E>(r: ResultAsync<T, E>): Promise<T> => {
  const res = await r;
  if (res.isErr()) throw res.error;
  return res.value;
};

beforeAll(async () => {
  const [bundles, chain] = await Promise.all([buildBundles(), startAnvil()]);
  anvil = chain;
  const admin = anvil.accounts[0];
  const a = anvil.accounts[1];
  const b = anvil.accounts[2];
  if (!admin || !a || !b) throw new Error('anvil accounts');
  ownerA = privateKeyToAccount(a.privateKey);
  ownerB = privateKeyToAccount(b.privateKey);
  const clients = anvil.clients(0);
  const deployed = await unwrap(deployBlockhost(clients, { admin: admin.address }));
  nft = deployed.nft;
  tokenId = (
    await unwrap(
      mintAccessToken(clients, {
        address: nft,
        to: ownerA.address,
        subscriptionId: 1n,
        userEncrypted: '0x',
      }),
    )
  ).tokenId;
  smartWallet = (await unwrap(deployTestSmartWallet(clients, { owner: carol.address }))).address;

  const users = [
    { name: 'carol', uid: 61021, gecos: `wallet=${smartWallet}`, wallet: true },
    { name: 'dave', uid: 61022, gecos: `wallet=${ownerA.address},nft=${tokenId}`, wallet: true },
  ];
  sys = createTestSystem(users);
  installInto(
    sys,
    bundles,
    testConfig(sys, {
      chainId: anvil.chainId,
      rpcUrls: [anvil.rpcUrl],
      nftContract: nft,
      rateLimit: { maxFailures: 100, windowSeconds: 60 },
      signing: { enabled: false },
    }),
  );
  addToWalletGroup(sys, users);
  sshd = await startSshd(sys);
}, 120_000);

afterAll(async () => {
  await Promise.all([sshd?.stop(), anvil?.stop()]);
  sys?.cleanup();
  removeBundles();
});

describe('smart-contract wallet (ERC-1271 on anvil)', () => {
  it("logs in through the RPC path with the owner key's signature", async () => {
    const r = await sshLogin({ port: sshd.port, user: 'carol', answer: signWith(carol) });
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.output.trim()).toBe('carol');
    const session = sessionOf(r.prompts[0] ?? '').slice(0, 8);
    const line = logLines(sys.logFile).find(
      (l) => l.includes('outcome=success') && l.includes(session),
    );
    expect(line).toMatch(/method=contract/);
    expect(line?.toLowerCase()).toContain(smartWallet.toLowerCase());
  });

  it('a key that does not own the wallet contract is denied', async () => {
    const r = await sshLogin({ port: sshd.port, user: 'carol', answer: signWith(mallory) });
    expect(r.ok).toBe(false);
    expect(outcomeOf(sys.logFile, sessionOf(r.prompts[0] ?? ''))).toEqual({
      outcome: 'denied',
      reason: 'signature-mismatch',
    });
  });
});

describe('NFT mode', () => {
  it('the NFT owner logs in (ownerOf on the chain)', async () => {
    const r = await sshLogin({ port: sshd.port, user: 'dave', answer: signWith(ownerA) });
    expect(r.ok).toBe(true);
    expect(r.prompts[0]).toContain(`Wallet: ${ownerA.address}`);
    const session = sessionOf(r.prompts[0] ?? '').slice(0, 8);
    expect(
      logLines(sys.logFile).find((l) => l.includes('outcome=success') && l.includes(session)),
    ).toMatch(/source=nft/);
  });

  it('after a transfer on anvil the new owner logs in and the old one does not', async () => {
    const hash = await anvil.walletClient(1).writeContract({
      address: nft,
      abi: accessCredentialNftAbi,
      functionName: 'transferFrom',
      args: [ownerA.address, ownerB.address, tokenId],
    });
    await anvil.publicClient.waitForTransactionReceipt({ hash });
    // GECOS still names the old owner (the daemon has not rewritten it): the chain wins.
    const old = await sshLogin({ port: sshd.port, user: 'dave', answer: signWith(ownerA) });
    expect(old.ok).toBe(false);
    expect(old.prompts[0]).toContain(`Wallet: ${ownerB.address}`);
    expect(outcomeOf(sys.logFile, sessionOf(old.prompts[0] ?? '')).reason).toBe(
      'signature-mismatch',
    );
    const now = await sshLogin({ port: sshd.port, user: 'dave', answer: signWith(ownerB) });
    expect(now.ok).toBe(true);
    expect(now.output.trim()).toBe('dave');
  });

  it('with the RPC unreachable, the GECOS wallet still logs in (offline fallback)', async () => {
    await anvil.stop();
    const r = await sshLogin({ port: sshd.port, user: 'dave', answer: signWith(ownerA) });
    expect(r.ok).toBe(true);
    expect(
      logLines(sys.logFile).some((l) =>
        /reason=rpc-failed .*user=dave .*using the GECOS wallet/.test(l),
      ),
    ).toBe(true);
  });
});
