/**
 * AccessCredentialNFT and the test contracts against a real anvil: minting exactly once per
 * subscription and only to its buyer, roles, revert reasons, event fields, limits, metadata,
 * transfers, and the ERC-1271 test wallet the pam-verifier relies on.
 */

import {
  accessCredentialNftAbi,
  blockhostSubscriptionsAbi,
  buySubscription,
  getSubscription,
  getTokenCount,
  getUserEncrypted,
  INTERFACE_IDS,
  mintAccessToken,
  mintedTo,
  ownerOf,
  ROLES,
  subscriptionOf,
  tokenOfSubscription,
  tokenURI,
  updateUserEncrypted,
} from '@blockhost/chain';
import {
  deployTestSmartWallet,
  smartWalletExecute,
  testPriceFeedAbi,
  testSmartWalletAbi,
} from '@blockhost/chain/testkit';
import { encodeFunctionData, type Hex, hashMessage, parseEther } from 'viem';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ETH_USD, eventsOf, expectRevert, type Fixture, isolate, setupFixture } from './fixture.js';

let f: Fixture;
const iso = isolate(() => f);
beforeAll(async () => {
  f = await setupFixture();
});
afterAll(async () => {
  await f?.anvil.stop();
});
beforeEach(iso.before);
afterEach(iso.after);

const DATA = '0x0102030405' as Hex;
const nft = () => f.contracts.nft;
const mint = (
  subscriptionId: bigint,
  to = f.addr.alice,
  userEncrypted: Hex = DATA,
  who = f.server,
) => mintAccessToken(who, { address: nft(), to, subscriptionId, userEncrypted });
/** Subscriptions bought (1 day, stablecoin) by `buyer` (default alice): their ids. */
async function bought(n = 1, buyer = f.alice): Promise<bigint[]> {
  const ids: bigint[] = [];
  for (let i = 0; i < n; i++) {
    const r = await buySubscription(buyer, {
      address: f.contracts.subscriptions,
      planId: f.planId,
      days: 1,
      token: f.usd6,
      userEncrypted: '0x',
    });
    ids.push(r._unsafeUnwrap().subscriptionId);
  }
  return ids;
}

describe('minting', () => {
  it('mints token 1 for a subscription: Transfer + AccessTokenMinted fields, readers agree', async () => {
    const [id, other] = await bought(2);
    const r = (await mint(id!))._unsafeUnwrap();
    expect(r).toMatchObject({ tokenId: 1n, alreadyMinted: false, owner: f.addr.alice });
    const receipt = await f.anvil.publicClient.getTransactionReceipt({ hash: r.transactionHash! });
    const events = eventsOf(receipt, f.contracts);
    expect(events.map((e) => e.eventName)).toEqual(['Transfer', 'AccessTokenMinted']);
    expect(events[0]?.args).toEqual({
      from: '0x0000000000000000000000000000000000000000',
      to: f.addr.alice,
      tokenId: 1n,
    });
    expect(events[1]?.args).toEqual({ tokenId: 1n, subscriptionId: id, to: f.addr.alice });
    const c = f.anvil.publicClient;
    expect((await ownerOf(c, { address: nft(), tokenId: 1n }))._unsafeUnwrap()).toBe(f.addr.alice);
    expect((await mintedTo(c, { address: nft(), tokenId: 1n }))._unsafeUnwrap()).toBe(f.addr.alice);
    expect((await subscriptionOf(c, { address: nft(), tokenId: 1n }))._unsafeUnwrap()).toBe(id);
    expect(
      (await tokenOfSubscription(c, { address: nft(), subscriptionId: id! }))._unsafeUnwrap(),
    ).toBe(1n);
    expect(
      (await tokenOfSubscription(c, { address: nft(), subscriptionId: other! }))._unsafeUnwrap(),
    ).toBe(null);
    const holder = (subscriptionId: bigint) =>
      c.readContract({
        abi: accessCredentialNftAbi,
        address: nft(),
        functionName: 'holderOfSubscription',
        args: [subscriptionId],
      });
    expect(await holder(id!)).toBe(f.addr.alice);
    expect(await holder(other!)).toBe('0x0000000000000000000000000000000000000000');
    expect((await getUserEncrypted(c, { address: nft(), tokenId: 1n }))._unsafeUnwrap()).toBe(DATA);
    expect((await getTokenCount(c, { address: nft() }))._unsafeUnwrap()).toBe(1n);
  });

  it('a second mint for the same subscription reverts on chain; mintAccessToken recovers the id', async () => {
    const [a, b] = await bought(2);
    (await mint(a!))._unsafeUnwrap();
    (await mint(b!))._unsafeUnwrap();
    const again = (await mint(a!))._unsafeUnwrap();
    expect(again).toEqual({
      tokenId: 1n,
      alreadyMinted: true,
      owner: f.addr.alice,
      transactionHash: null,
    });
    // on behalf of anyone but the buyer it is not "ours": a typed conflict
    expect((await mint(a!, f.addr.bob))._unsafeUnwrapErr().code).toBe('ACCESS_TOKEN_CONFLICT');
    // the contract itself refuses (raw call, no recovery)
    await expect(
      f.anvil.publicClient.simulateContract({
        abi: accessCredentialNftAbi,
        address: nft(),
        functionName: 'mint',
        args: [f.addr.alice, a!, '0x'],
        account: f.addr.server,
      }),
    ).rejects.toThrow(/SubscriptionAlreadyMinted/);
    expect((await getTokenCount(f.anvil.publicClient, { address: nft() }))._unsafeUnwrap()).toBe(
      2n,
    );
  });

  it('concurrent mints from one server key all land (nonces serialised), ids unique', async () => {
    const subs = await bought(6);
    const results = await Promise.all(subs.map((id) => mint(id)));
    const ids = results.map((r) => r._unsafeUnwrap().tokenId);
    expect(new Set(ids).size).toBe(6);
    for (const [i, id] of subs.entries()) {
      const token = (
        await tokenOfSubscription(f.anvil.publicClient, { address: nft(), subscriptionId: id })
      )._unsafeUnwrap();
      expect(token).toBe(ids[i]);
    }
  });

  it('concurrent duplicate mints for one subscription: exactly one token, all callers get its id', async () => {
    const [id] = await bought(1);
    const results = await Promise.all([0, 1, 2, 3].map(() => mint(id!)));
    const values = results.map((r) => r._unsafeUnwrap());
    expect(new Set(values.map((v) => v.tokenId))).toEqual(new Set([1n]));
    expect(values.filter((v) => !v.alreadyMinted)).toHaveLength(1);
    expect((await getTokenCount(f.anvil.publicClient, { address: nft() }))._unsafeUnwrap()).toBe(
      1n,
    );
  });

  it('minter role, subscription id 0, unknown subscriptions, the buyer and the 1024-byte limit are enforced', async () => {
    const [a, b] = await bought(2);
    await expectRevert(mint(a!, f.addr.alice, DATA, f.admin), 'AccessControlUnauthorizedAccount', [
      f.addr.admin,
      ROLES.MINTER_ROLE,
    ]);
    await expectRevert(mint(0n), 'InvalidSubscriptionId', []);
    await expectRevert(mint(99n), 'SubscriptionNotFound', [99n]);
    await expectRevert(mint(a!, f.addr.bob), 'RecipientNotBuyer', [a, f.addr.bob, f.addr.alice]);
    await expectRevert(mint(a!, f.addr.alice, `0x${'aa'.repeat(1025)}`), 'UserEncryptedTooLong', [
      1025n,
      1024n,
    ]);
    expect((await mint(a!, f.addr.alice, `0x${'aa'.repeat(1024)}`)).isOk()).toBe(true);
    expect((await mint(b!, f.addr.alice, '0x')).isOk()).toBe(true);
  });

  it('minting to a contract wallet without ERC-721 receiver hook still works (no safeMint)', async () => {
    // A contract wallet buys; then its code is swapped for one without onERC721Received.
    const wallet = (await deployTestSmartWallet(f.server, { owner: f.addr.alice }))._unsafeUnwrap()
      .address;
    const price = parseEther('0.00075'); // $1.50 at $2000
    const data = encodeFunctionData({
      abi: blockhostSubscriptionsAbi,
      functionName: 'buySubscription',
      args: [f.planId, 1n, '0x0000000000000000000000000000000000000000', price, '0x'],
    });
    (
      await smartWalletExecute(f.alice, {
        wallet,
        target: f.contracts.subscriptions,
        data,
        value: price,
      })
    )._unsafeUnwrap();
    await f.anvil.publicClient.request({
      method: 'anvil_setCode' as never,
      params: [wallet, await f.anvil.publicClient.getCode({ address: f.usd6 })] as never,
    });
    const r = (await mint(1n, wallet))._unsafeUnwrap();
    expect(
      (await ownerOf(f.anvil.publicClient, { address: nft(), tokenId: r.tokenId }))._unsafeUnwrap(),
    ).toBe(wallet);
  });
});

describe('updating the encrypted details', () => {
  it('minter updates: UserEncryptedUpdated + MetadataUpdate; others and missing tokens revert', async () => {
    const [id] = await bought(1);
    const { tokenId } = (await mint(id!))._unsafeUnwrap();
    const r = (
      await updateUserEncrypted(f.server, { address: nft(), tokenId, userEncrypted: '0xbeef' })
    )._unsafeUnwrap();
    const receipt = await f.anvil.publicClient.getTransactionReceipt({ hash: r.transactionHash });
    const events = eventsOf(receipt, f.contracts);
    expect(events.map((e) => [e.eventName, e.args])).toEqual([
      ['UserEncryptedUpdated', { tokenId, subscriptionId: id }],
      ['MetadataUpdate', { _tokenId: tokenId }],
    ]);
    expect(
      (await getUserEncrypted(f.anvil.publicClient, { address: nft(), tokenId }))._unsafeUnwrap(),
    ).toBe('0xbeef');
    await expectRevert(
      updateUserEncrypted(f.alice, { address: nft(), tokenId, userEncrypted: '0x' }),
      'AccessControlUnauthorizedAccount',
    );
    await expectRevert(
      updateUserEncrypted(f.server, { address: nft(), tokenId: 99n, userEncrypted: '0x' }),
      'ERC721NonexistentToken',
      [99n],
    );
    await expectRevert(
      updateUserEncrypted(f.server, {
        address: nft(),
        tokenId,
        userEncrypted: `0x${'00'.repeat(1025)}`,
      }),
      'UserEncryptedTooLong',
    );
  });

  it('bad hex input is a typed input error, nothing is sent', async () => {
    const r = await updateUserEncrypted(f.server, {
      address: nft(),
      tokenId: 1n,
      userEncrypted: '0xxyz' as Hex,
    });
    expect(r._unsafeUnwrapErr().code).toBe('CHAIN_INPUT');
  });

  it('views of a missing token revert with ERC721NonexistentToken', async () => {
    const c = f.anvil.publicClient;
    await expectRevert(ownerOf(c, { address: nft(), tokenId: 1n }), 'ERC721NonexistentToken', [1n]);
    await expectRevert(
      subscriptionOf(c, { address: nft(), tokenId: 1n }),
      'ERC721NonexistentToken',
    );
    await expectRevert(
      getUserEncrypted(c, { address: nft(), tokenId: 1n }),
      'ERC721NonexistentToken',
    );
    await expectRevert(tokenURI(c, { address: nft(), tokenId: 1n }), 'ERC721NonexistentToken');
  });
});

describe('metadata, transfers, interfaces', () => {
  it('tokenURI is on-chain JSON with name, description, an SVG image and the subscription id', async () => {
    await bought(41, f.bob);
    const [id] = await bought(1);
    expect(id).toBe(42n);
    const { tokenId } = (await mint(id!))._unsafeUnwrap();
    const uri = (await tokenURI(f.anvil.publicClient, { address: nft(), tokenId }))._unsafeUnwrap();
    expect(uri.startsWith('data:application/json;base64,')).toBe(true);
    const json = JSON.parse(Buffer.from(uri.split(',')[1]!, 'base64').toString('utf8'));
    expect(json.name).toBe(`BlockHost access #${tokenId}`);
    expect(json.description).toContain('subscription #42');
    expect(json.attributes).toEqual([
      { trait_type: 'Subscription', display_type: 'number', value: 42 },
    ]);
    expect(json.image.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const svg = Buffer.from(json.image.split(',')[1], 'base64').toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('subscription #42');
    expect(svg.endsWith('</svg>')).toBe(true);
  });

  it('transfers are allowed: the new owner shows in ownerOf and the Transfer event', async () => {
    const [id] = await bought(1);
    const { tokenId } = (await mint(id!))._unsafeUnwrap();
    const hash = await f.anvil.walletClient(2).writeContract({
      abi: accessCredentialNftAbi,
      address: nft(),
      functionName: 'transferFrom',
      args: [f.addr.alice, f.addr.bob, tokenId],
    });
    const receipt = await f.anvil.publicClient.waitForTransactionReceipt({ hash });
    expect(eventsOf(receipt, f.contracts).map((e) => [e.eventName, e.args])).toEqual([
      ['Transfer', { from: f.addr.alice, to: f.addr.bob, tokenId }],
    ]);
    expect((await ownerOf(f.anvil.publicClient, { address: nft(), tokenId }))._unsafeUnwrap()).toBe(
      f.addr.bob,
    );
    expect(
      (
        await tokenOfSubscription(f.anvil.publicClient, { address: nft(), subscriptionId: id! })
      )._unsafeUnwrap(),
    ).toBe(tokenId);
    // the token's buyer stays on record
    expect(
      (await mintedTo(f.anvil.publicClient, { address: nft(), tokenId }))._unsafeUnwrap(),
    ).toBe(f.addr.alice);
  });

  it('standard ERC-721: name, symbol, balances, approvals, operators, safe transfers', async () => {
    const address = nft();
    const c = f.anvil.publicClient;
    const read = (functionName: string, args: readonly unknown[] = []) =>
      c.readContract({
        abi: accessCredentialNftAbi,
        address,
        functionName: functionName as 'name',
        args: args as [],
      });
    expect(await read('name')).toBe('BlockHost Access');
    expect(await read('symbol')).toBe('BHA');
    expect(await read('MAX_USER_ENCRYPTED')).toBe(1024n);
    expect(await read('MINTER_ROLE')).toBe(ROLES.MINTER_ROLE);
    const [a, b] = await bought(2);
    const { tokenId } = (await mint(a!))._unsafeUnwrap();
    (await mint(b!))._unsafeUnwrap();
    expect(await read('balanceOf', [f.addr.alice])).toBe(2n);

    const alice = f.anvil.walletClient(2);
    const bob = f.anvil.walletClient(3);
    const send = async (w: typeof alice, functionName: string, args: readonly unknown[]) => {
      const hash = await w.writeContract({
        abi: accessCredentialNftAbi,
        address,
        functionName: functionName as 'approve',
        args: args as never,
      });
      return eventsOf(await c.waitForTransactionReceipt({ hash }), f.contracts);
    };
    // approve bob for one token; he moves it to carol
    const approval = await send(alice, 'approve', [f.addr.bob, tokenId]);
    expect(approval.map((e) => [e.eventName, e.args])).toEqual([
      ['Approval', { owner: f.addr.alice, approved: f.addr.bob, tokenId }],
    ]);
    expect(await read('getApproved', [tokenId])).toBe(f.addr.bob);
    await send(bob, 'transferFrom', [f.addr.alice, f.addr.carol, tokenId]);
    expect((await ownerOf(c, { address, tokenId }))._unsafeUnwrap()).toBe(f.addr.carol);
    // operators: bob for all of alice's tokens, safe-transfers one into an ERC-1271 wallet
    const operator = await send(alice, 'setApprovalForAll', [f.addr.bob, true]);
    expect(operator[0]?.eventName).toBe('ApprovalForAll');
    expect(await read('isApprovedForAll', [f.addr.alice, f.addr.bob])).toBe(true);
    const wallet = (await deployTestSmartWallet(f.server, { owner: f.addr.alice }))._unsafeUnwrap()
      .address;
    await send(bob, 'safeTransferFrom', [f.addr.alice, wallet, 2n]);
    expect((await ownerOf(c, { address, tokenId: 2n }))._unsafeUnwrap()).toBe(wallet);
    // safe transfer to a contract without the receiver hook is refused
    await expect(
      c.simulateContract({
        abi: accessCredentialNftAbi,
        address,
        functionName: 'safeTransferFrom',
        args: [f.addr.carol, f.usd6, tokenId],
        account: f.addr.carol,
      }),
    ).rejects.toThrow(/ERC721InvalidReceiver/);
    // strangers cannot move tokens
    await expect(
      c.simulateContract({
        abi: accessCredentialNftAbi,
        address,
        functionName: 'transferFrom',
        args: [f.addr.carol, f.addr.bob, tokenId],
        account: f.addr.bob,
      }),
    ).rejects.toThrow(/ERC721InsufficientApproval/);
  });

  it('supports ERC-165, ERC-721, metadata, ERC-4906, AccessControl and its own interface; links subscriptions', async () => {
    const read = (
      functionName: 'supportsInterface' | 'subscriptions',
      args: readonly unknown[] = [],
    ) =>
      f.anvil.publicClient.readContract({
        abi: accessCredentialNftAbi,
        address: nft(),
        functionName,
        args: args as never,
      });
    for (const id of [
      '0x01ffc9a7',
      '0x80ac58cd',
      '0x5b5e139f',
      INTERFACE_IDS.IERC4906,
      INTERFACE_IDS.IAccessControl,
      INTERFACE_IDS.IAccessCredentialNFT,
    ]) {
      expect(await read('supportsInterface', [id]), id).toBe(true);
    }
    expect(await read('supportsInterface', ['0xffffffff'])).toBe(false);
    expect(await read('subscriptions')).toBe(f.contracts.subscriptions);
  });
});

describe('test contracts', () => {
  it('ERC-1271 wallet: the owner’s personal_sign is valid for the wallet, others are not', async () => {
    const wallet = (await deployTestSmartWallet(f.server, { owner: f.addr.alice }))._unsafeUnwrap()
      .address;
    const message = 'BlockHost login 123';
    const byOwner = await f.alice.walletClient.signMessage({ message });
    const byOther = await f.bob.walletClient.signMessage({ message });
    const isValid = (sig: Hex) =>
      f.anvil.publicClient.readContract({
        abi: testSmartWalletAbi,
        address: wallet,
        functionName: 'isValidSignature',
        args: [hashMessage(message), sig],
      });
    expect(await isValid(byOwner)).toBe('0x1626ba7e');
    expect(await isValid(byOther)).toBe('0xffffffff');
    expect(await isValid('0x1234')).toBe('0xffffffff');
    // viem's universal verifier goes through ERC-1271 for contract accounts
    expect(
      await f.anvil.publicClient.verifyMessage({ address: wallet, message, signature: byOwner }),
    ).toBe(true);
    expect(
      await f.anvil.publicClient.verifyMessage({ address: wallet, message, signature: byOther }),
    ).toBe(false);
  });

  it('ERC-1271 wallet: the owner can make it buy a subscription; strangers cannot drive it', async () => {
    const wallet = (await deployTestSmartWallet(f.server, { owner: f.addr.alice }))._unsafeUnwrap()
      .address;
    const price = parseEther('0.0225');
    const data = encodeFunctionData({
      abi: blockhostSubscriptionsAbi,
      functionName: 'buySubscription',
      args: [f.planId, 30n, '0x0000000000000000000000000000000000000000', price, '0x'],
    });
    const r = (
      await smartWalletExecute(f.alice, {
        wallet,
        target: f.contracts.subscriptions,
        data,
        value: price,
      })
    )._unsafeUnwrap();
    const receipt = await f.anvil.publicClient.getTransactionReceipt({ hash: r.transactionHash });
    const created = eventsOf(receipt, f.contracts).find(
      (e) => e.eventName === 'SubscriptionCreated',
    );
    expect(created?.args).toMatchObject({ subscriber: wallet, paidAmount: price });
    const sub = (
      await getSubscription(f.anvil.publicClient, {
        address: f.contracts.subscriptions,
        subscriptionId: 1n,
      })
    )._unsafeUnwrap();
    expect(sub.subscriber).toBe(wallet);
    await expectRevert(
      smartWalletExecute(f.bob, { wallet, target: f.contracts.subscriptions, data }),
      'NotOwner',
      [f.addr.bob],
    );
  });

  it('price feed: Chainlink-shaped reads', async () => {
    const read = (functionName: 'latestRoundData' | 'decimals' | 'description' | 'version') =>
      f.anvil.publicClient.readContract({ abi: testPriceFeedAbi, address: f.feed, functionName });
    expect(await read('decimals')).toBe(8);
    expect(await read('version')).toBe(4n);
    expect(await read('description')).toBe('TEST / USD');
    const [roundId, answer, startedAt, updatedAt, answeredInRound] = (await read(
      'latestRoundData',
    )) as readonly [bigint, bigint, bigint, bigint, bigint];
    expect(answer).toBe(ETH_USD);
    expect(roundId).toBe(answeredInRound);
    expect(startedAt).toBe(updatedAt);
    expect(updatedAt).toBeGreaterThan(0n);
  });
});
