/**
 * deployBlockhost and verifyDeployment against a real anvil.
 */

import {
  accessCredentialNftAbi,
  accessCredentialNftBytecode,
  blockhostSubscriptionsAbi,
  blockhostSubscriptionsBytecode,
  DEFAULT_ADMIN_DELAY_SECONDS,
  DEFAULT_MAX_STALENESS_SECONDS,
  deployBlockhost,
  deployContract,
  getPaymentTokens,
  getPlan,
  hasRole,
  linkAccessCredential,
  revokeRole,
  verifyDeployment,
} from '@blockhost/chain';
import {
  type Anvil,
  deployTestBlockhost,
  deployTestStablecoin,
  startAnvil,
} from '@blockhost/chain/testkit';
import { zeroAddress } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRevert, PLAN } from './fixture.js';

/** The problems of a failed verification (asserting it failed as a verdict, not an RPC error). */
function problemsOf(r: Awaited<ReturnType<typeof verifyDeployment>>): readonly string[] {
  const e = r._unsafeUnwrapErr();
  expect(e.code).toBe('DEPLOYMENT_INVALID');
  return e.code === 'DEPLOYMENT_INVALID' ? e.problems : [];
}

let anvil: Anvil;
beforeAll(async () => {
  anvil = await startAnvil();
});
afterAll(async () => {
  await anvil?.stop();
});

describe('deployBlockhost', () => {
  it('fresh deployment: test stablecoin, roles, first plan, deploy block; verifies', async () => {
    const server = anvil.clients(0);
    const admin = anvil.accounts[1]!.address;
    const before = await anvil.publicClient.getBlockNumber();
    const d = (
      await deployTestBlockhost(server, {
        admin,
        stablecoin: { test: { decimals: 6 } },
        firstPlan: PLAN,
      })
    )._unsafeUnwrap();
    expect(d.deployBlock).toBeGreaterThan(before);
    expect(d.firstPlanId).toBe(1n);
    expect(d.priceFeed).toBeNull();
    expect(d.transactions).toHaveLength(5); // stablecoin, subscriptions, nft, link, plan
    const c = anvil.publicClient;
    expect((await getPaymentTokens(c, { address: d.subscriptions }))._unsafeUnwrap()).toEqual([
      d.stablecoin,
    ]);
    expect(
      (await getPlan(c, { address: d.subscriptions, planId: 1n }))._unsafeUnwrap(),
    ).toMatchObject({ ...PLAN, active: true });
    const server0 = anvil.accounts[0]!.address;
    for (const [address, role, account, expected] of [
      [d.subscriptions, 'DEFAULT_ADMIN_ROLE', admin, true],
      [d.subscriptions, 'OPERATOR_ROLE', server0, true],
      [d.subscriptions, 'DEFAULT_ADMIN_ROLE', server0, false],
      [d.nft, 'DEFAULT_ADMIN_ROLE', admin, true],
      [d.nft, 'MINTER_ROLE', server0, true],
      [d.nft, 'DEFAULT_ADMIN_ROLE', server0, false],
    ] as const) {
      expect(
        (await hasRole(c, { address, role, account }))._unsafeUnwrap(),
        `${role} ${account}`,
      ).toBe(expected);
    }
    const report = (
      await verifyDeployment(c, {
        subscriptions: d.subscriptions,
        nft: d.nft,
        server: server0,
        admin,
      })
    )._unsafeUnwrap();
    expect(report).toMatchObject({
      subscriptionsCodeMatches: true,
      nftCodeMatches: true,
      nftLinked: true,
      planCount: 1n,
      subscriptionCount: 0n,
    });
  });

  it('with an existing stablecoin, no test contracts; a separate server key gets the roles', async () => {
    const server = anvil.clients(0);
    const coin = (await deployTestStablecoin(server, { decimals: 18 }))._unsafeUnwrap().address;
    const other = anvil.accounts[5]!.address;
    const d = (
      await deployBlockhost(server, {
        admin: anvil.accounts[1]!.address,
        server: other,
        stablecoin: coin,
      })
    )._unsafeUnwrap();
    expect(d.stablecoin).toBe(coin);
    expect(d.firstPlanId).toBeNull();
    expect(
      (
        await verifyDeployment(anvil.publicClient, {
          subscriptions: d.subscriptions,
          nft: d.nft,
          server: other,
        })
      ).isOk(),
    ).toBe(true);
    // the deployer holds nothing
    const r = await verifyDeployment(anvil.publicClient, {
      subscriptions: d.subscriptions,
      nft: d.nft,
      server: anvil.accounts[0]!.address,
    });
    expect(problemsOf(r)).toHaveLength(2);
  });

  it('defaults: feed staleness = 1 h heartbeat + 30 min, a 2-day admin-transfer delay; bounds checked', async () => {
    const server = anvil.clients(0);
    const d = (
      await deployTestBlockhost(server, {
        admin: anvil.accounts[1]!.address,
        priceFeed: { test: { answer: 2000_00000000n } },
      })
    )._unsafeUnwrap();
    const read = (address: `0x${string}`, functionName: string) =>
      anvil.publicClient.readContract({
        abi: [...blockhostSubscriptionsAbi, ...accessCredentialNftAbi],
        address,
        functionName: functionName as 'defaultAdminDelay',
      });
    expect(DEFAULT_MAX_STALENESS_SECONDS).toBe(5400);
    expect(await read(d.subscriptions, 'priceFeedMaxStaleness')).toBe(5400n);
    expect(DEFAULT_ADMIN_DELAY_SECONDS).toBe(172_800);
    expect(await read(d.subscriptions, 'defaultAdminDelay')).toBe(172_800);
    expect(await read(d.nft, 'defaultAdminDelay')).toBe(172_800);
    expect(await read(d.subscriptions, 'accessCredential')).toBe(d.nft);
    const heartbeat = (
      await deployBlockhost(server, {
        admin: anvil.accounts[1]!.address,
        priceFeed: { address: d.priceFeed!, heartbeatSeconds: 86_400 },
        adminDelaySeconds: 0,
      })
    )._unsafeUnwrap();
    expect(await read(heartbeat.subscriptions, 'priceFeedMaxStaleness')).toBe(86_400n + 1800n);
    expect(await read(heartbeat.nft, 'defaultAdminDelay')).toBe(0);
    for (const bad of [0, 1.5, 2 * 86_400 + 1]) {
      const r = await deployBlockhost(server, {
        admin: anvil.accounts[1]!.address,
        priceFeed: { address: d.priceFeed!, maxStalenessSeconds: bad },
      });
      expect(r._unsafeUnwrapErr().code, String(bad)).toBe('CHAIN_INPUT');
    }
    const delay = await deployBlockhost(server, {
      admin: anvil.accounts[1]!.address,
      adminDelaySeconds: -1,
    });
    expect(delay._unsafeUnwrapErr().code).toBe('CHAIN_INPUT');
  });

  it('the NFT is linked once: by the deployer or admin, only an NFT naming this contract', async () => {
    const server = anvil.clients(0);
    const admin = anvil.accounts[1]!.address;
    const server0 = anvil.accounts[0]!.address;
    // By hand, as deployBlockhost does, without the link.
    const subs = (
      await deployContract(server, {
        name: 'BlockhostSubscriptions',
        abi: blockhostSubscriptionsAbi,
        bytecode: blockhostSubscriptionsBytecode,
        args: [admin, server0, [], zeroAddress, 0n, 0n],
      })
    )._unsafeUnwrap().address;
    const nftOf = async (subscriptions: `0x${string}`) =>
      (
        await deployContract(server, {
          name: 'AccessCredentialNFT',
          abi: accessCredentialNftAbi,
          bytecode: accessCredentialNftBytecode,
          args: ['A', 'A', admin, server0, subscriptions, 0n],
        })
      )._unsafeUnwrap().address;
    const nft = await nftOf(subs);
    const unlinked = await verifyDeployment(anvil.publicClient, {
      subscriptions: subs,
      nft,
      server: server0,
    });
    expect(problemsOf(unlinked)).toEqual([
      `subscriptions ${subs} is not linked to the nft ${nft} (linkAccessCredential): its holders would not control their subscriptions`,
    ]);
    const other = (await deployBlockhost(server, { admin }))._unsafeUnwrap();
    // a stranger may not link; an NFT of another deployment (or no NFT) is refused
    await expectRevert(
      linkAccessCredential(anvil.clients(4), { address: subs, nft }),
      'AccessControlUnauthorizedAccount',
    );
    await expectRevert(
      linkAccessCredential(server, { address: subs, nft: other.nft }),
      'InvalidAccessCredential',
      [other.nft],
    );
    await expectRevert(
      linkAccessCredential(server, { address: subs, nft: anvil.accounts[6]!.address }),
      'InvalidAccessCredential',
    );
    // the admin (or the deployer) links it, once
    (await linkAccessCredential(anvil.clients(1), { address: subs, nft }))._unsafeUnwrap();
    await expectRevert(
      linkAccessCredential(server, { address: subs, nft }),
      'AccessCredentialAlreadyLinked',
      [nft],
    );
    expect(
      (
        await verifyDeployment(anvil.publicClient, { subscriptions: subs, nft, server: server0 })
      )._unsafeUnwrap().nftLinked,
    ).toBe(true);
    // an NFT must name its subscriptions contract
    const zero = await deployContract(server, {
      name: 'AccessCredentialNFT',
      abi: accessCredentialNftAbi,
      bytecode: accessCredentialNftBytecode,
      args: ['A', 'A', admin, server0, zeroAddress, 0n],
    });
    expect(zero.isErr()).toBe(true);
  });

  it('refuses a first plan when the server key is not the deployer, and bad addresses', async () => {
    const server = anvil.clients(0);
    const r = await deployBlockhost(server, {
      admin: anvil.accounts[1]!.address,
      server: anvil.accounts[5]!.address,
      firstPlan: PLAN,
    });
    expect(r._unsafeUnwrapErr().code).toBe('CHAIN_INPUT');
    const bad = await deployBlockhost(server, { admin: '0x1234' });
    expect(bad._unsafeUnwrapErr().code).toBe('CHAIN_INPUT');
  });
});

describe('verifyDeployment', () => {
  it('finds missing code, wrong contracts, missing roles, and a wrong admin', async () => {
    const server = anvil.clients(0);
    const admin = anvil.clients(1);
    const server0 = anvil.accounts[0]!.address;
    const d = (
      await deployBlockhost(server, { admin: anvil.accounts[1]!.address })
    )._unsafeUnwrap();
    const coin = (await deployTestStablecoin(server))._unsafeUnwrap().address;
    const c = anvil.publicClient;

    const noCode = await verifyDeployment(c, {
      subscriptions: anvil.accounts[7]!.address,
      nft: d.nft,
      server: server0,
    });
    expect(noCode._unsafeUnwrapErr().code).toBe('DEPLOYMENT_INVALID');
    expect(problemsOf(noCode)[0]).toMatch(/no contract code at subscriptions/);

    const swapped = await verifyDeployment(c, {
      subscriptions: d.nft,
      nft: d.subscriptions,
      server: server0,
    });
    expect(problemsOf(swapped)).toEqual([
      `${d.nft} is not a BlockhostSubscriptions contract`,
      `${d.subscriptions} is not an AccessCredentialNFT contract`,
    ]);

    const erc20 = await verifyDeployment(c, { subscriptions: coin, nft: coin, server: server0 });
    expect(problemsOf(erc20)).toHaveLength(2);

    const wrongAdmin = await verifyDeployment(c, {
      subscriptions: d.subscriptions,
      nft: d.nft,
      server: server0,
      admin: server0,
    });
    expect(problemsOf(wrongAdmin).every((p) => p.includes('DEFAULT_ADMIN_ROLE'))).toBe(true);

    (
      await revokeRole(admin, { address: d.nft, role: 'MINTER_ROLE', account: server0 })
    )._unsafeUnwrap();
    const noMinter = await verifyDeployment(c, {
      subscriptions: d.subscriptions,
      nft: d.nft,
      server: server0,
    });
    expect(problemsOf(noMinter)).toEqual([`server ${server0} lacks MINTER_ROLE on the nft`]);
  });

  it('an unreachable RPC is an RpcError, not a verdict', async () => {
    const { createBlockhostClients } = await import('@blockhost/chain');
    const { publicClient } = createBlockhostClients({
      chainId: 31337,
      rpcUrls: ['http://127.0.0.1:9'],
      retryCount: 0,
    })._unsafeUnwrap();
    const r = await verifyDeployment(publicClient, {
      subscriptions: anvil.accounts[1]!.address,
      nft: anvil.accounts[2]!.address,
      server: anvil.accounts[0]!.address,
    });
    expect(r._unsafeUnwrapErr().code).toBe('RPC_ERROR');
  });
});
