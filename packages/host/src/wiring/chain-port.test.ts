import { ContractRevertError, RpcError, TransactionRevertedError } from '@blockhost/chain';
import { describe, expect, it } from 'vitest';
import { chainPortError } from './chain-port.js';

describe('chain port errors', () => {
  it('retries a mint for a subscription the chain lacks (a reorg the journal has not seen yet)', () => {
    const e = new ContractRevertError('mint', { errorName: 'SubscriptionNotFound', args: [74n] });
    expect(chainPortError(e)).toEqual({
      message: 'mint reverted: SubscriptionNotFound(74)',
      retryable: true,
      wait: undefined,
    });
  });

  it('retries a mint whose buyer a reorg changed, and a transaction that reverted once mined', () => {
    const other = new ContractRevertError('mint', {
      errorName: 'RecipientNotBuyer',
      args: [74n, '0x01', '0x02'],
    });
    expect(chainPortError(other).retryable).toBe(true);
    const mined = new TransactionRevertedError('mint', `0x${'ab'.repeat(32)}`);
    expect(chainPortError(mined)).toMatchObject({
      message: expect.stringMatching(/mint transaction 0xabab.* reverted on chain/),
      retryable: true,
    });
  });

  it('gives other reverts to a person, and retries transport trouble', () => {
    const denied = new ContractRevertError('mint', {
      errorName: 'AccessControlUnauthorizedAccount',
      args: ['0x01', '0x02'],
    });
    expect(chainPortError(denied).retryable).toBe(false);
    expect(chainPortError(new RpcError('eth_sendRawTransaction')).retryable).toBe(true);
  });

  it('waits for an RPC that gives no answer, without spending attempts; a node error is a try', () => {
    const away = new RpcError('eth_sendRawTransaction', {
      cause: { name: 'HttpRequestError', message: 'fetch failed' },
    });
    expect(chainPortError(away)).toMatchObject({ retryable: true, wait: 'unreachable' });
    const overloaded = new RpcError('eth_call', {
      cause: { name: 'RpcRequestError', message: 'internal error', code: -32603 },
    });
    expect(chainPortError(overloaded)).toMatchObject({ retryable: true, wait: undefined });
  });
});
