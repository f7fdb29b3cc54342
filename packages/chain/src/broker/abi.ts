/**
 * The client side of the IPv6 broker's contracts: what a host calls and reads. Written by hand
 * (the reference broker's Solidity lives in a test kit); its test checks every fragment here
 * against the compiled reference contracts, so a drift fails there.
 */

/** Registry: the broker's encryption key and the address its answers come from. */
export const brokerRegistryAbi = [
  {
    type: 'function',
    name: 'getBroker',
    stateMutability: 'view',
    inputs: [{ name: 'requests', type: 'address', internalType: 'address' }],
    outputs: [
      { name: 'publicKey', type: 'bytes', internalType: 'bytes' },
      { name: 'responder', type: 'address', internalType: 'address' },
      { name: 'active', type: 'bool', internalType: 'bool' },
    ],
  },
] as const;

/** Requests: `submitRequest(nftContract, encryptedPayload)` and its event. */
export const brokerRequestsAbi = [
  {
    type: 'function',
    name: 'submitRequest',
    stateMutability: 'nonpayable',
    inputs: [
      { name: 'nftContract', type: 'address', internalType: 'address' },
      { name: 'encryptedPayload', type: 'bytes', internalType: 'bytes' },
    ],
    outputs: [{ name: 'requestId', type: 'uint64', internalType: 'uint64' }],
  },
  {
    type: 'function',
    name: 'getRequest',
    stateMutability: 'view',
    inputs: [{ name: 'requestId', type: 'uint64', internalType: 'uint64' }],
    outputs: [
      { name: 'requester', type: 'address', internalType: 'address' },
      { name: 'nftContract', type: 'address', internalType: 'address' },
      { name: 'blockNumber', type: 'uint64', internalType: 'uint64' },
    ],
  },
  {
    type: 'event',
    name: 'RequestSubmitted',
    anonymous: false,
    inputs: [
      { name: 'requestId', type: 'uint64', indexed: true, internalType: 'uint64' },
      { name: 'requester', type: 'address', indexed: true, internalType: 'address' },
      { name: 'nftContract', type: 'address', indexed: true, internalType: 'address' },
      { name: 'encryptedPayload', type: 'bytes', indexed: false, internalType: 'bytes' },
    ],
  },
  { type: 'error', name: 'EmptyPayload', inputs: [] },
  {
    type: 'error',
    name: 'PayloadTooLong',
    inputs: [
      { name: 'length', type: 'uint256', internalType: 'uint256' },
      { name: 'max', type: 'uint256', internalType: 'uint256' },
    ],
  },
  {
    type: 'error',
    name: 'NotAContract',
    inputs: [{ name: 'nftContract', type: 'address', internalType: 'address' }],
  },
] as const;

export type BrokerRegistryAbi = typeof brokerRegistryAbi;
export type BrokerRequestsAbi = typeof brokerRequestsAbi;
