/**
 * Real sshd + PAM with a real chain (anvil): a smart-contract wallet
 * (ERC-1271) logs in through the RPC path, and so does one not deployed yet
 * (ERC-6492, through the signing service: its signatures are too long to
 * paste); NFT mode follows the access NFT's owner across a transfer, and
 * falls back to GECOS when the RPC is gone.
 */
import { accessCredentialNftAbi, buySubscription, mintAccessToken } from '@blockhost/chain';
import {
  type Anvil,
  deployTestBlockhost,
  deployTestSmartWallet,
  deployTestSmartWalletFactory,
  mintTestStablecoin,
  predictTestSmartWallet,
  type RpcProxy,
  startAnvil,
  startRpcProxy,
  testSmartWalletDeployCall,
} from '@blockhost/chain/testkit';
import type { ResultAsync } from 'neverthrow';
import { type Hex, keccak256, serializeErc6492Signature, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeSessionSignature } from '../src/state/run-dir.js';
import { buildBundles, removeBundles } from './harness/bundles.js';
import { alice, carol, mallory } from './harness/keys.js';
import { logLines, messageOf, outcomeOf, sessionOf } from './harness/login-log.js';
import { type RunningSigner, startSigner } from './harness/processes.js';
import { sshLogin } from './harness/ssh-client.js';
import {
  addToWalletGroup,
  createTestSystem,
  freePort,
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
/** The VMs' RPC: anvil behind a proxy that counts the calls by method. */
let rpc: RpcProxy;
let sys: TestSystem;
let sshd: RunningSshd;
let nft: `0x${string}`;
let tokenId: bigint;
let smartWallet: `0x${string}`;
let signer: RunningSigner;
/** ERC-6492: carol's wallet from the CREATE2 factory, never deployed in these tests. */
let undeployed: { factory: `0x${string}`; address: `0x${string}`; salt: Hex };
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
  const deployed = await unwrap(
    deployTestBlockhost(clients, {
      admin: admin.address,
      stablecoin: { test: {} },
      firstPlan: { name: 'p', pricePerDayUsdCents: 100n, cores: 1, memoryMiB: 512, diskGiB: 5 },
    }),
  );
  nft = deployed.nft;
  // The access NFT goes to its subscription's buyer: owner A buys, the server key mints.
  await unwrap(
    mintTestStablecoin(clients, {
      token: deployed.stablecoin!,
      to: ownerA.address,
      amount: 10n ** 9n,
    }),
  );
  const { subscriptionId } = await unwrap(
    buySubscription(anvil.clients(1), {
      address: deployed.subscriptions,
      planId: deployed.firstPlanId!,
      days: 30,
      token: deployed.stablecoin!,
      userEncrypted: '0x',
    }),
  );
  tokenId = (
    await unwrap(
      mintAccessToken(clients, {
        address: nft,
        to: ownerA.address,
        subscriptionId,
        userEncrypted: '0x',
      }),
    )
  ).tokenId;
  smartWallet = (await unwrap(deployTestSmartWallet(clients, { owner: carol.address }))).address;
  const factory = (await unwrap(deployTestSmartWalletFactory(clients))).address;
  const salt = keccak256(toHex('erin'));
  undeployed = {
    factory,
    salt,
    address: await unwrap(
      predictTestSmartWallet(anvil.publicClient, { factory, owner: carol.address, salt }),
    ),
  };

  const users = [
    { name: 'carol', uid: 61021, gecos: `wallet=${smartWallet}`, wallet: true },
    { name: 'dave', uid: 61022, gecos: `wallet=${ownerA.address},nft=${tokenId}`, wallet: true },
    { name: 'erin', uid: 61023, gecos: `wallet=${undeployed.address}`, wallet: true },
    { name: 'gina', uid: 61024, gecos: `wallet=${alice.address}`, wallet: true },
  ];
  rpc = await startRpcProxy({ target: anvil.rpcUrl });
  sys = createTestSystem(users);
  const config = testConfig(sys, {
    chainId: anvil.chainId,
    rpcUrls: [rpc.url],
    nftContract: nft,
    rateLimit: { maxFailures: 100, windowSeconds: 60 },
    browserWaitSeconds: 2,
    signing: { enabled: true, port: await freePort(), listen: '127.0.0.1' },
  });
  installInto(sys, bundles, config);
  addToWalletGroup(sys, users);
  [sshd, signer] = await Promise.all([startSshd(sys), startSigner(bundles, config, sys.tmp)]);
}, 120_000);

afterAll(async () => {
  await Promise.all([sshd?.stop(), signer?.stop(), anvil?.stop(), rpc?.stop()]);
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

/** The undeployed wallet's ERC-6492 signature (factory, deploy call, `account`'s signature, magic suffix). */
async function wrappedFor(account: Signer, prompt: string): Promise<`0x${string}`> {
  const inner = await account.signMessage({ message: messageOf(prompt) });
  const signature = serializeErc6492Signature({
    address: undeployed.factory,
    data: testSmartWalletDeployCall({ owner: carol.address, salt: undeployed.salt }),
    signature: inner,
  });
  expect((signature.length - 2) / 2).toBeGreaterThan(255); // too long for pam_exec's prompt
  return signature;
}

/**
 * Hands the wrapped signature to the signing service for the prompt's session (which checks it
 * as pam-verify will: `status`), and answers the prompt empty (the browser path, without a browser).
 */
const signUndeployedWith =
  (account: Signer, status = 201) =>
  async (prompt: string) => {
    const res = await fetch(`${signer.url}/login/${sessionOf(prompt)}/signature`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ signature: await wrappedFor(account, prompt) }),
    });
    expect(res.status).toBe(status);
    return '';
  };

describe('smart-contract wallet not deployed yet (ERC-6492 on anvil)', () => {
  it("logs in with the owner key's signature wrapped for the counterfactual wallet", async () => {
    expect(await anvil.publicClient.getCode({ address: undeployed.address })).toBeUndefined();
    const r = await sshLogin({
      port: sshd.port,
      user: 'erin',
      answer: signUndeployedWith(carol),
    });
    expect(r.error).toBeUndefined();
    expect(r.ok).toBe(true);
    expect(r.output.trim()).toBe('erin');
    const session = sessionOf(r.prompts[0] ?? '').slice(0, 8);
    const line = logLines(sys.logFile).find(
      (l) => l.includes('outcome=success') && l.includes(session),
    );
    expect(line).toMatch(/method=contract/);
    expect(line?.toLowerCase()).toContain(undeployed.address.toLowerCase());
    // Checked by simulation only: the login deployed nothing.
    expect(await anvil.publicClient.getCode({ address: undeployed.address })).toBeUndefined();
  });

  it('the same wrapper around a key that does not own the wallet: the page refuses it, and so does pam-verify', async () => {
    const refused = await sshLogin({
      port: sshd.port,
      user: 'erin',
      answer: signUndeployedWith(mallory, 403),
    });
    expect(refused.ok).toBe(false);
    expect(outcomeOf(sys.logFile, sessionOf(refused.prompts[0] ?? '')).reason).toBe('no-signature');
    // Had it reached the run directory anyway, pam-verify's own check refuses it.
    const r = await sshLogin({
      port: sshd.port,
      user: 'erin',
      answer: async (prompt) => {
        const stored = storeSessionSignature(
          sys.runDir,
          sessionOf(prompt),
          await wrappedFor(mallory, prompt),
        );
        expect(stored._unsafeUnwrap()).toBe('stored');
        return '';
      },
    });
    expect(r.ok).toBe(false);
    expect(outcomeOf(sys.logFile, sessionOf(r.prompts[0] ?? ''))).toEqual({
      outcome: 'denied',
      reason: 'signature-mismatch',
    });
  });
});

/** How many contract calls (`eth_call`) the VM made while `f` ran. */
async function contractCallsDuring(f: () => Promise<unknown>): Promise<number> {
  const before = rpc.stats.byMethod.eth_call ?? 0;
  await f();
  return (rpc.stats.byMethod.eth_call ?? 0) - before;
}

/** An ERC-6492 suffix after bytes that are no ABI encoding of (address, bytes, bytes). */
const BROKEN_6492 = `0x${'ab'.repeat(100)}${'6492'.repeat(16)}`;

describe('contracts are called only for a contract wallet or a well-formed ERC-6492 wrapper', () => {
  it.each([
    ['a malformed signature (bad v)', () => `0x${'11'.repeat(65)}`],
    [
      'another key’s well-formed signature',
      (p: string) => mallory.signMessage({ message: messageOf(p) }),
    ],
    ['a broken ERC-6492 wrapper', () => BROKEN_6492],
  ])('EOA wallet, %s: denied without any eth_call', async (_what, answer) => {
    let r: Awaited<ReturnType<typeof sshLogin>> | undefined;
    const calls = await contractCallsDuring(async () => {
      r = await sshLogin({ port: sshd.port, user: 'gina', answer });
    });
    expect(r?.ok).toBe(false);
    expect(calls).toBe(0);
  });

  it('a wallet not deployed yet, answered with a broken wrapper or a bare signature: no eth_call', async () => {
    for (const answer of [
      () => BROKEN_6492,
      (p: string) => carol.signMessage({ message: messageOf(p) }),
    ]) {
      let r: Awaited<ReturnType<typeof sshLogin>> | undefined;
      const calls = await contractCallsDuring(async () => {
        r = await sshLogin({ port: sshd.port, user: 'erin', answer });
      });
      expect(r?.ok).toBe(false);
      expect(calls).toBe(0);
    }
  });

  it('a deployed contract wallet is asked (ERC-1271), and refuses another key', async () => {
    let r: Awaited<ReturnType<typeof sshLogin>> | undefined;
    const calls = await contractCallsDuring(async () => {
      r = await sshLogin({ port: sshd.port, user: 'carol', answer: signWith(mallory) });
    });
    expect(r?.ok).toBe(false);
    expect(calls).toBeGreaterThan(0);
  });

  it('the EOA owner of gina logs in offline: no RPC at all', async () => {
    const before = rpc.stats.calls;
    const r = await sshLogin({ port: sshd.port, user: 'gina', answer: signWith(alice) });
    expect(r.ok).toBe(true);
    expect(rpc.stats.calls).toBe(before);
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
