import {
  encodeAbiParameters,
  encodeEventTopics,
  getAddress,
  type Hex,
  keccak256,
  toHex,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { accessCredentialNftAbi, blockhostSubscriptionsAbi } from '../contracts.js';
import { decodeBlockhostLog, eventKey, eventKeyTransaction, type RawLog } from './decode.js';

const contracts = {
  subscriptions: '0x00000000000000000000000000000000000000Aa',
  nft: '0x00000000000000000000000000000000000000bB',
} as const;
const meta = {
  blockNumber: 7n,
  blockHash: keccak256(toHex('block 7')),
  transactionHash: keccak256(toHex('tx')),
  transactionIndex: 0,
  logIndex: 3,
};
const subscriber = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

const created: RawLog = {
  address: contracts.subscriptions.toLowerCase(),
  topics: encodeEventTopics({
    abi: blockhostSubscriptionsAbi,
    eventName: 'SubscriptionCreated',
    args: { subscriptionId: 5n, planId: 2n, subscriber },
  }) as Hex[],
  data: encodeAbiParameters(
    [{ type: 'uint256' }, { type: 'uint256' }, { type: 'address' }, { type: 'bytes' }],
    [1_800_000_000n, 45_000_000n, '0x0000000000000000000000000000000000000000', '0xabcd'],
  ),
  ...meta,
};

describe('decodeBlockhostLog', () => {
  it('decodes a SubscriptionCreated log into typed args with its location and key', () => {
    const e = decodeBlockhostLog(created, contracts)._unsafeUnwrap();
    expect(e.contract).toBe('subscriptions');
    expect(e.key).toBe(`${meta.transactionHash}:3`);
    expect(e.blockNumber).toBe(7n);
    if (e.eventName !== 'SubscriptionCreated') throw new Error('wrong event');
    expect(e.args).toEqual({
      subscriptionId: 5n,
      planId: 2n,
      subscriber,
      expiresAt: 1_800_000_000n,
      paidAmount: 45_000_000n,
      paymentToken: '0x0000000000000000000000000000000000000000',
      userEncrypted: '0xabcd',
    });
  });

  it("decodes the NFT's Transfer (all three fields indexed)", () => {
    const log: RawLog = {
      address: contracts.nft,
      topics: encodeEventTopics({
        abi: accessCredentialNftAbi,
        eventName: 'Transfer',
        args: { from: subscriber, to: contracts.subscriptions.toLowerCase() as Hex, tokenId: 9n },
      }) as Hex[],
      data: '0x',
      ...meta,
    };
    const e = decodeBlockhostLog(log, contracts)._unsafeUnwrap();
    expect([e.contract, e.eventName, e.args]).toEqual([
      'nft',
      'Transfer',
      { from: subscriber, to: getAddress(contracts.subscriptions.toLowerCase()), tokenId: 9n },
    ]);
  });

  it.each<[string, unknown, string]>([
    [
      'another address',
      { ...created, address: '0x00000000000000000000000000000000000000cc' },
      'unknown-address',
    ],
    ['no topics', { ...created, topics: [] }, 'no-topics'],
    [
      'an unknown event signature',
      { ...created, topics: [keccak256(toHex('Nope()'))] },
      'unknown-event',
    ],
    ['missing indexed topics', { ...created, topics: created.topics.slice(0, 2) }, 'bad-data'],
    ['truncated data', { ...created, data: created.data.slice(0, 40) as Hex }, 'bad-data'],
    ['empty data', { ...created, data: '0x' }, 'bad-data'],
    ['a pending log', { ...created, blockNumber: null, blockHash: null }, 'pending-log'],
    ['not a log at all', 'hello', 'not-a-log'],
    ['null', null, 'not-a-log'],
    ['non-hex data', { ...created, data: 'zz' }, 'not-a-log'],
    ['an event of the other contract', { ...created, address: contracts.nft }, 'unknown-event'],
  ])('rejects %s with a typed error', (_name, log, reason) => {
    let result: ReturnType<typeof decodeBlockhostLog> | undefined;
    expect(() => {
      result = decodeBlockhostLog(log, contracts);
    }).not.toThrow();
    expect(result!.isErr()).toBe(true);
    const error = result!._unsafeUnwrapErr();
    expect(error.code).toBe('EVENT_DECODE');
    expect(error.reason).toBe(reason);
  });

  it('never throws on random bytes', () => {
    for (let i = 0; i < 300; i++) {
      const topics = Array.from({ length: i % 5 }, () =>
        toHex(crypto.getRandomValues(new Uint8Array(32))),
      );
      if (i % 3 === 0 && topics.length > 0) topics[0] = created.topics[0]!;
      const log = {
        ...created,
        topics,
        data: toHex(crypto.getRandomValues(new Uint8Array(i % 200))),
      };
      expect(() => decodeBlockhostLog(log, contracts)).not.toThrow();
    }
  });
});

describe('eventKey', () => {
  it('names its transaction back; any other key names none', () => {
    const tx = `0x${'AB'.repeat(32)}` as Hex;
    expect(eventKeyTransaction(eventKey(tx, 7))).toBe(tx.toLowerCase());
    expect(eventKeyTransaction(`adopted:10001@42`)).toBeNull();
    expect(eventKeyTransaction('0x1234:7')).toBeNull();
  });
});
