// Generated from contracts/BrokerRequests.sol by `npm run build:contracts -w @blockhost/broker-kit`. Do not edit.
// solc 0.8.37+commit.f401782d.Emscripten.clang, optimizer 200 runs, evm cancun.

export const brokerRequestsAbi = [
  {
    "inputs": [],
    "name": "EmptyPayload",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "nftContract",
        "type": "address"
      }
    ],
    "name": "NotAContract",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "length",
        "type": "uint256"
      },
      {
        "internalType": "uint256",
        "name": "max",
        "type": "uint256"
      }
    ],
    "name": "PayloadTooLong",
    "type": "error"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "uint64",
        "name": "requestId",
        "type": "uint64"
      },
      {
        "indexed": true,
        "internalType": "address",
        "name": "requester",
        "type": "address"
      },
      {
        "indexed": true,
        "internalType": "address",
        "name": "nftContract",
        "type": "address"
      },
      {
        "indexed": false,
        "internalType": "bytes",
        "name": "encryptedPayload",
        "type": "bytes"
      }
    ],
    "name": "RequestSubmitted",
    "type": "event"
  },
  {
    "inputs": [],
    "name": "MAX_PAYLOAD_BYTES",
    "outputs": [
      {
        "internalType": "uint256",
        "name": "",
        "type": "uint256"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "uint64",
        "name": "requestId",
        "type": "uint64"
      }
    ],
    "name": "getRequest",
    "outputs": [
      {
        "internalType": "address",
        "name": "requester",
        "type": "address"
      },
      {
        "internalType": "address",
        "name": "nftContract",
        "type": "address"
      },
      {
        "internalType": "uint64",
        "name": "blockNumber",
        "type": "uint64"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "requestCount",
    "outputs": [
      {
        "internalType": "uint64",
        "name": "",
        "type": "uint64"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "nftContract",
        "type": "address"
      },
      {
        "internalType": "bytes",
        "name": "encryptedPayload",
        "type": "bytes"
      }
    ],
    "name": "submitRequest",
    "outputs": [
      {
        "internalType": "uint64",
        "name": "requestId",
        "type": "uint64"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "function"
  }
] as const;

export const brokerRequestsBytecode = '0x6080604052348015600e575f5ffd5b506103fc8061001c5f395ff3fe608060405234801561000f575f5ffd5b506004361061004a575f3560e01c80630f9dd2c81461004e5780635badbe4c1461007f578063cbbf67ec14610092578063d31ecaa71461010d575b5f5ffd5b61006161005c3660046102a7565b610124565b60405167ffffffffffffffff90911681526020015b60405180910390f35b5f546100619067ffffffffffffffff1681565b6100dd6100a0366004610332565b67ffffffffffffffff9081165f90815260016020819052604090912080549101546001600160a01b039182169391811692600160a01b9091041690565b604080516001600160a01b03948516815293909216602084015267ffffffffffffffff1690820152606001610076565b61011661040081565b604051908152602001610076565b5f81810361014557604051630b8fc7cd60e21b815260040160405180910390fd5b61040082111561017857604051630c82797d60e31b81526004810183905261040060248201526044015b60405180910390fd5b836001600160a01b03163b5f036101ad576040516322a2d07b60e21b81526001600160a01b038516600482015260240161016f565b5f805481906101c59067ffffffffffffffff16610360565b82546101009290920a67ffffffffffffffff818102199093168284169182021790935560408051606081018252338082526001600160a01b038a811660208085018281524389168688019081525f8b8152600193849052889020965187546001600160a01b03191690861617875590519590910180549151959093166001600160e01b031990911617600160a01b949097169390930295909517909455905191945092907f86e0d21e6d92d7ee75bfcd9a77c96ad529c1aeac62aae3d1f834321ae865e2b6906102989088908890610398565b60405180910390a49392505050565b5f5f5f604084860312156102b9575f5ffd5b83356001600160a01b03811681146102cf575f5ffd5b9250602084013567ffffffffffffffff8111156102ea575f5ffd5b8401601f810186136102fa575f5ffd5b803567ffffffffffffffff811115610310575f5ffd5b866020828401011115610321575f5ffd5b939660209190910195509293505050565b5f60208284031215610342575f5ffd5b813567ffffffffffffffff81168114610359575f5ffd5b9392505050565b5f67ffffffffffffffff821667ffffffffffffffff810361038f57634e487b7160e01b5f52601160045260245ffd5b60010192915050565b60208152816020820152818360408301375f818301604090810191909152601f909201601f1916010191905056fea2646970667358221220f340fa8acb5ccbe625957ef81f0974cd64d04d88b125d49b269c7145faf65f3964736f6c63430008250033' as const;
