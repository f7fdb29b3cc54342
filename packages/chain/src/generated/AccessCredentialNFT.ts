// Generated from contracts/AccessCredentialNFT.sol by `npm run build:contracts -w @blockhost/chain`. Do not edit.
// solc 0.8.37+commit.f401782d.Emscripten.clang, optimizer 200 runs, evm cancun.

export const accessCredentialNftAbi = [
  {
    "inputs": [
      {
        "internalType": "string",
        "name": "name_",
        "type": "string"
      },
      {
        "internalType": "string",
        "name": "symbol_",
        "type": "string"
      },
      {
        "internalType": "address",
        "name": "admin",
        "type": "address"
      },
      {
        "internalType": "address",
        "name": "minter",
        "type": "address"
      },
      {
        "internalType": "address",
        "name": "subscriptions_",
        "type": "address"
      },
      {
        "internalType": "uint48",
        "name": "adminDelay",
        "type": "uint48"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "constructor"
  },
  {
    "inputs": [],
    "name": "AccessControlBadConfirmation",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "uint48",
        "name": "schedule",
        "type": "uint48"
      }
    ],
    "name": "AccessControlEnforcedDefaultAdminDelay",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "AccessControlEnforcedDefaultAdminRules",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "defaultAdmin",
        "type": "address"
      }
    ],
    "name": "AccessControlInvalidDefaultAdmin",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "account",
        "type": "address"
      },
      {
        "internalType": "bytes32",
        "name": "neededRole",
        "type": "bytes32"
      }
    ],
    "name": "AccessControlUnauthorizedAccount",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "sender",
        "type": "address"
      },
      {
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "internalType": "address",
        "name": "owner",
        "type": "address"
      }
    ],
    "name": "ERC721IncorrectOwner",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "operator",
        "type": "address"
      },
      {
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "ERC721InsufficientApproval",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "approver",
        "type": "address"
      }
    ],
    "name": "ERC721InvalidApprover",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "operator",
        "type": "address"
      }
    ],
    "name": "ERC721InvalidOperator",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "owner",
        "type": "address"
      }
    ],
    "name": "ERC721InvalidOwner",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "receiver",
        "type": "address"
      }
    ],
    "name": "ERC721InvalidReceiver",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "sender",
        "type": "address"
      }
    ],
    "name": "ERC721InvalidSender",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "ERC721NonexistentToken",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "InvalidSubscriptionId",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "subscriptionId",
        "type": "uint256"
      },
      {
        "internalType": "address",
        "name": "to",
        "type": "address"
      },
      {
        "internalType": "address",
        "name": "buyer",
        "type": "address"
      }
    ],
    "name": "RecipientNotBuyer",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "uint8",
        "name": "bits",
        "type": "uint8"
      },
      {
        "internalType": "uint256",
        "name": "value",
        "type": "uint256"
      }
    ],
    "name": "SafeCastOverflowedUintDowncast",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "subscriptionId",
        "type": "uint256"
      },
      {
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "SubscriptionAlreadyMinted",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "subscriptionId",
        "type": "uint256"
      }
    ],
    "name": "SubscriptionNotFound",
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
    "name": "UserEncryptedTooLong",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "ZeroAddress",
    "type": "error"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "internalType": "uint256",
        "name": "subscriptionId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "internalType": "address",
        "name": "to",
        "type": "address"
      }
    ],
    "name": "AccessTokenMinted",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "internalType": "uint256",
        "name": "subscriptionId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "internalType": "address",
        "name": "from",
        "type": "address"
      },
      {
        "indexed": false,
        "internalType": "address",
        "name": "to",
        "type": "address"
      }
    ],
    "name": "AccessTokenReassigned",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "address",
        "name": "owner",
        "type": "address"
      },
      {
        "indexed": true,
        "internalType": "address",
        "name": "approved",
        "type": "address"
      },
      {
        "indexed": true,
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "Approval",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "address",
        "name": "owner",
        "type": "address"
      },
      {
        "indexed": true,
        "internalType": "address",
        "name": "operator",
        "type": "address"
      },
      {
        "indexed": false,
        "internalType": "bool",
        "name": "approved",
        "type": "bool"
      }
    ],
    "name": "ApprovalForAll",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": false,
        "internalType": "uint256",
        "name": "_fromTokenId",
        "type": "uint256"
      },
      {
        "indexed": false,
        "internalType": "uint256",
        "name": "_toTokenId",
        "type": "uint256"
      }
    ],
    "name": "BatchMetadataUpdate",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [],
    "name": "DefaultAdminDelayChangeCanceled",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": false,
        "internalType": "uint48",
        "name": "newDelay",
        "type": "uint48"
      },
      {
        "indexed": false,
        "internalType": "uint48",
        "name": "effectSchedule",
        "type": "uint48"
      }
    ],
    "name": "DefaultAdminDelayChangeScheduled",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [],
    "name": "DefaultAdminTransferCanceled",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "address",
        "name": "newAdmin",
        "type": "address"
      },
      {
        "indexed": false,
        "internalType": "uint48",
        "name": "acceptSchedule",
        "type": "uint48"
      }
    ],
    "name": "DefaultAdminTransferScheduled",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": false,
        "internalType": "uint256",
        "name": "_tokenId",
        "type": "uint256"
      }
    ],
    "name": "MetadataUpdate",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "bytes32",
        "name": "role",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "internalType": "bytes32",
        "name": "previousAdminRole",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "internalType": "bytes32",
        "name": "newAdminRole",
        "type": "bytes32"
      }
    ],
    "name": "RoleAdminChanged",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "bytes32",
        "name": "role",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "internalType": "address",
        "name": "account",
        "type": "address"
      },
      {
        "indexed": true,
        "internalType": "address",
        "name": "sender",
        "type": "address"
      }
    ],
    "name": "RoleGranted",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "bytes32",
        "name": "role",
        "type": "bytes32"
      },
      {
        "indexed": true,
        "internalType": "address",
        "name": "account",
        "type": "address"
      },
      {
        "indexed": true,
        "internalType": "address",
        "name": "sender",
        "type": "address"
      }
    ],
    "name": "RoleRevoked",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "address",
        "name": "from",
        "type": "address"
      },
      {
        "indexed": true,
        "internalType": "address",
        "name": "to",
        "type": "address"
      },
      {
        "indexed": true,
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "Transfer",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "internalType": "uint256",
        "name": "subscriptionId",
        "type": "uint256"
      }
    ],
    "name": "UserEncryptedUpdated",
    "type": "event"
  },
  {
    "inputs": [],
    "name": "DEFAULT_ADMIN_ROLE",
    "outputs": [
      {
        "internalType": "bytes32",
        "name": "",
        "type": "bytes32"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "MAX_USER_ENCRYPTED",
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
    "inputs": [],
    "name": "MINTER_ROLE",
    "outputs": [
      {
        "internalType": "bytes32",
        "name": "",
        "type": "bytes32"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "acceptDefaultAdminTransfer",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "to",
        "type": "address"
      },
      {
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "approve",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "owner",
        "type": "address"
      }
    ],
    "name": "balanceOf",
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
        "internalType": "address",
        "name": "newAdmin",
        "type": "address"
      }
    ],
    "name": "beginDefaultAdminTransfer",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "cancelDefaultAdminTransfer",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "uint48",
        "name": "newDelay",
        "type": "uint48"
      }
    ],
    "name": "changeDefaultAdminDelay",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "defaultAdmin",
    "outputs": [
      {
        "internalType": "address",
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "defaultAdminDelay",
    "outputs": [
      {
        "internalType": "uint48",
        "name": "",
        "type": "uint48"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "defaultAdminDelayIncreaseWait",
    "outputs": [
      {
        "internalType": "uint48",
        "name": "",
        "type": "uint48"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "getApproved",
    "outputs": [
      {
        "internalType": "address",
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "bytes32",
        "name": "role",
        "type": "bytes32"
      }
    ],
    "name": "getRoleAdmin",
    "outputs": [
      {
        "internalType": "bytes32",
        "name": "",
        "type": "bytes32"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "getUserEncrypted",
    "outputs": [
      {
        "internalType": "bytes",
        "name": "",
        "type": "bytes"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "bytes32",
        "name": "role",
        "type": "bytes32"
      },
      {
        "internalType": "address",
        "name": "account",
        "type": "address"
      }
    ],
    "name": "grantRole",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "bytes32",
        "name": "role",
        "type": "bytes32"
      },
      {
        "internalType": "address",
        "name": "account",
        "type": "address"
      }
    ],
    "name": "hasRole",
    "outputs": [
      {
        "internalType": "bool",
        "name": "",
        "type": "bool"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "subscriptionId",
        "type": "uint256"
      }
    ],
    "name": "holderOfSubscription",
    "outputs": [
      {
        "internalType": "address",
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "owner",
        "type": "address"
      },
      {
        "internalType": "address",
        "name": "operator",
        "type": "address"
      }
    ],
    "name": "isApprovedForAll",
    "outputs": [
      {
        "internalType": "bool",
        "name": "",
        "type": "bool"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "to",
        "type": "address"
      },
      {
        "internalType": "uint256",
        "name": "subscriptionId",
        "type": "uint256"
      },
      {
        "internalType": "bytes",
        "name": "userEncrypted",
        "type": "bytes"
      }
    ],
    "name": "mint",
    "outputs": [
      {
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "mintedTo",
    "outputs": [
      {
        "internalType": "address",
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "name",
    "outputs": [
      {
        "internalType": "string",
        "name": "",
        "type": "string"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "owner",
    "outputs": [
      {
        "internalType": "address",
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "ownerOf",
    "outputs": [
      {
        "internalType": "address",
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "pendingDefaultAdmin",
    "outputs": [
      {
        "internalType": "address",
        "name": "newAdmin",
        "type": "address"
      },
      {
        "internalType": "uint48",
        "name": "schedule",
        "type": "uint48"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "pendingDefaultAdminDelay",
    "outputs": [
      {
        "internalType": "uint48",
        "name": "newDelay",
        "type": "uint48"
      },
      {
        "internalType": "uint48",
        "name": "schedule",
        "type": "uint48"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "internalType": "address",
        "name": "to",
        "type": "address"
      }
    ],
    "name": "reassignToken",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "bytes32",
        "name": "role",
        "type": "bytes32"
      },
      {
        "internalType": "address",
        "name": "account",
        "type": "address"
      }
    ],
    "name": "renounceRole",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "bytes32",
        "name": "role",
        "type": "bytes32"
      },
      {
        "internalType": "address",
        "name": "account",
        "type": "address"
      }
    ],
    "name": "revokeRole",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "rollbackDefaultAdminDelay",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "from",
        "type": "address"
      },
      {
        "internalType": "address",
        "name": "to",
        "type": "address"
      },
      {
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "safeTransferFrom",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "from",
        "type": "address"
      },
      {
        "internalType": "address",
        "name": "to",
        "type": "address"
      },
      {
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "internalType": "bytes",
        "name": "data",
        "type": "bytes"
      }
    ],
    "name": "safeTransferFrom",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "operator",
        "type": "address"
      },
      {
        "internalType": "bool",
        "name": "approved",
        "type": "bool"
      }
    ],
    "name": "setApprovalForAll",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "subscriptionOf",
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
    "inputs": [],
    "name": "subscriptions",
    "outputs": [
      {
        "internalType": "address",
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "bytes4",
        "name": "interfaceId",
        "type": "bytes4"
      }
    ],
    "name": "supportsInterface",
    "outputs": [
      {
        "internalType": "bool",
        "name": "",
        "type": "bool"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "symbol",
    "outputs": [
      {
        "internalType": "string",
        "name": "",
        "type": "string"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "subscriptionId",
        "type": "uint256"
      }
    ],
    "name": "tokenOfSubscription",
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
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "tokenURI",
    "outputs": [
      {
        "internalType": "string",
        "name": "",
        "type": "string"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "totalSupply",
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
        "internalType": "address",
        "name": "from",
        "type": "address"
      },
      {
        "internalType": "address",
        "name": "to",
        "type": "address"
      },
      {
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      }
    ],
    "name": "transferFrom",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "tokenId",
        "type": "uint256"
      },
      {
        "internalType": "bytes",
        "name": "userEncrypted",
        "type": "bytes"
      }
    ],
    "name": "updateUserEncrypted",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  }
] as const;

export const accessCredentialNftBytecode = '0x608060405234801561000f575f5ffd5b5060405161316c38038061316c83398101604081905261002e91610309565b808487875f61003d838261044a565b50600161004a828261044a565b5050506001600160a01b03811661007a57604051636116401160e11b81525f600482015260240160405180910390fd5b600780546001600160d01b0316600160d01b65ffffffffffff8516021790556100a35f82610137565b5050506001600160a01b03831615806100c357506001600160a01b038216155b156100e15760405163d92e233d60e01b815260040160405180910390fd5b61010b7f9f2df0fed2c77648de5860a4cc508cd0818c85b8b8a1ab4ceeef8d981c8956a684610137565b5050600980546001600160a01b0319166001600160a01b03929092169190911790555061050892505050565b5f82610193575f6101506008546001600160a01b031690565b6001600160a01b03161461017757604051631fe1e13d60e11b815260040160405180910390fd5b600880546001600160a01b0319166001600160a01b0384161790555b61019d83836101a6565b90505b92915050565b5f8281526006602090815260408083206001600160a01b038516845290915281205460ff1661024a575f8381526006602090815260408083206001600160a01b03861684529091529020805460ff191660011790556102023390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a45060016101a0565b505f6101a0565b634e487b7160e01b5f52604160045260245ffd5b5f82601f830112610274575f5ffd5b81516001600160401b0381111561028d5761028d610251565b604051601f8201601f19908116603f011681016001600160401b03811182821017156102bb576102bb610251565b6040528181528382016020018510156102d2575f5ffd5b8160208501602083015e5f918101602001919091529392505050565b80516001600160a01b0381168114610304575f5ffd5b919050565b5f5f5f5f5f5f60c0878903121561031e575f5ffd5b86516001600160401b03811115610333575f5ffd5b61033f89828a01610265565b602089015190975090506001600160401b0381111561035c575f5ffd5b61036889828a01610265565b955050610377604088016102ee565b9350610385606088016102ee565b9250610393608088016102ee565b915060a087015165ffffffffffff811681146103ad575f5ffd5b809150509295509295509295565b600181811c908216806103cf57607f821691505b6020821081036103ed57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f821115610445578282111561044557805f5260205f20601f840160051c602085101561041e57505f5b90810190601f840160051c035f5b81811015610441575f8382015560010161042c565b5050505b505050565b81516001600160401b0381111561046357610463610251565b6104778161047184546103bb565b846103f3565b6020601f8211600181146104a9575f83156104925750848201515b5f19600385901b1c1916600184901b178455610501565b5f84815260208120601f198516915b828110156104d857878501518255602094850194600190920191016104b8565b50848210156104f557868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b612c57806105155f395ff3fe608060405234801561000f575f5ffd5b5060043610610255575f3560e01c80636a9cac2911610140578063a22cb465116100bf578063cefc142911610084578063cefc142914610527578063cf6eefb71461052f578063d53913931461055d578063d547741f14610584578063d602b9fd14610597578063e985e9c51461059f575f5ffd5b8063a22cb465146104d5578063b88d4fde146104e8578063b8e381e5146104fb578063c87b56dd1461050c578063cc8463c81461051f575f5ffd5b806391d148541161010557806391d148541461047957806394d008ef1461048c57806395d89b411461049f578063a1eda53c146104a7578063a217fddf146104ce575f5ffd5b80636a9cac291461042757806370a082311461043a578063804a083e1461044d57806384ef8ffc146104605780638da5cb5b14610471575f5ffd5b8063248a9ca3116101d75780633c683cff1161019c5780633c683cff146103a957806342842e0e146103bc5780635ff2ae9c146103cf578063634e93da146103ee5780636352211e14610401578063649a5ec714610414575f5ffd5b8063248a9ca31461033b5780632c202dd91461035d5780632f2ff15d146103705780633427bc7f1461038357806336568abe14610396575f5ffd5b80630aa6220b1161021d5780630aa6220b146102f257806318160ddd146102fa578063191803d11461030c5780631a7ae9d21461031f57806323b872dd14610328575f5ffd5b806301ffc9a714610259578063022d63fb1461028157806306fdde031461029d578063081812fc146102b2578063095ea7b3146102dd575b5f5ffd5b61026c610267366004612046565b6105b2565b60405190151581526020015b60405180910390f35b620697805b60405165ffffffffffff9091168152602001610278565b6102a56105f7565b604051610278919061208f565b6102c56102c03660046120a1565b610686565b6040516001600160a01b039091168152602001610278565b6102f06102eb3660046120cc565b6106ad565b005b6102f06106bc565b600a545b604051908152602001610278565b6102a561031a3660046120a1565b6106d1565b6102fe61040081565b6102f06103363660046120f6565b610778565b6102fe6103493660046120a1565b5f9081526006602052604090206001015490565b6102c561036b3660046120a1565b610806565b6102f061037e366004612134565b610844565b6102f0610391366004612134565b61086c565b6102f06103a4366004612134565b610935565b6102c56103b73660046120a1565b6109db565b6102f06103ca3660046120f6565b610a08565b6102fe6103dd3660046120a1565b5f908152600c602052604090205490565b6102f06103fc366004612162565b610a22565b6102c561040f3660046120a1565b610a35565b6102f061042236600461217d565b610a3f565b6102fe6104353660046120a1565b610a52565b6102fe610448366004612162565b610a78565b6102f061045b3660046121e7565b610abd565b6008546001600160a01b03166102c5565b6102c5610b90565b61026c610487366004612134565b610ba8565b6102fe61049a36600461222f565b610bd2565b6102a5610d94565b6104af610da3565b6040805165ffffffffffff938416815292909116602083015201610278565b6102fe5f81565b6102f06104e3366004612294565b610df5565b6102f06104f6366004612305565b610e00565b6009546001600160a01b03166102c5565b6102a561051a3660046120a1565b610e18565b610286610ec0565b6102f0610f1e565b610537610f5d565b604080516001600160a01b03909316835265ffffffffffff909116602083015201610278565b6102fe7f9f2df0fed2c77648de5860a4cc508cd0818c85b8b8a1ab4ceeef8d981c8956a681565b6102f0610592366004612134565b610f7e565b6102f0610fa6565b61026c6105ad3660046123c7565b610fb8565b5f6001600160e01b031982166388519cab60e01b14806105e257506001600160e01b03198216632483248360e11b145b806105f157506105f182610fe5565b92915050565b60605f8054610605906123f3565b80601f0160208091040260200160405190810160405280929190818152602001828054610631906123f3565b801561067c5780601f106106535761010080835404028352916020019161067c565b820191905f5260205f20905b81548152906001019060200180831161065f57829003601f168201915b5050505050905090565b5f61069082611009565b505f828152600460205260409020546001600160a01b03166105f1565b6106b8828233611041565b5050565b5f6106c68161104e565b6106ce611058565b50565b60606106dc82611009565b505f828152600d6020526040902080546106f5906123f3565b80601f0160208091040260200160405190810160405280929190818152602001828054610721906123f3565b801561076c5780601f106107435761010080835404028352916020019161076c565b820191905f5260205f20905b81548152906001019060200180831161074f57829003601f168201915b50505050509050919050565b6001600160a01b0382166107a657604051633250574960e11b81525f60048201526024015b60405180910390fd5b5f6107b2838333611064565b9050836001600160a01b0316816001600160a01b031614610800576040516364283d7b60e01b81526001600160a01b038086166004830152602482018490528216604482015260640161079d565b50505050565b5f818152600c6020526040812054801561083b575f818152600260205260409020546001600160a01b031661083d565b61083d565b5f5b9392505050565b8161086257604051631fe1e13d60e11b815260040160405180910390fd5b6106b88282611156565b5f6108768161104e565b6001600160a01b03821661089d5760405163d92e233d60e01b815260040160405180910390fd5b5f6108a784611009565b9050826001600160a01b0316816001600160a01b0316036108c85750505050565b6108d381848661117a565b5f848152600b60209081526040918290205491516001600160a01b0386811682528416926001600160601b03169187917fbd6d22ce8627fd37ffeaab9c115deafcfc8538b2965f9dcc2743c5078a474d1f910160405180910390a4505b505050565b8115801561095057506008546001600160a01b038281169116145b156109d1575f5f61095f610f5d565b90925090506001600160a01b038216151580610981575065ffffffffffff8116155b8061099457504265ffffffffffff821610155b156109bc576040516319ca5ebb60e01b815265ffffffffffff8216600482015260240161079d565b50506007805465ffffffffffff60a01b191690555b6106b88282611227565b5f6109e582611009565b50505f908152600b6020526040902054600160601b90046001600160a01b031690565b61093083838360405180602001604052805f815250610e00565b5f610a2c8161104e565b6106b88261125a565b5f6105f182611009565b5f610a498161104e565b6106b8826112cc565b5f610a5c82611009565b50505f908152600b60205260409020546001600160601b031690565b5f6001600160a01b038216610aa2576040516322718ad960e21b81525f600482015260240161079d565b506001600160a01b03165f9081526003602052604090205490565b7f9f2df0fed2c77648de5860a4cc508cd0818c85b8b8a1ab4ceeef8d981c8956a6610ae78161104e565b610af084611009565b50610afb838361133b565b5f848152600d60205260409020610b13838583612479565b505f848152600b60205260408082205490516001600160601b039091169186917f87561ace2052a4cedb476f02449be707627895f35035a14ed50be4cee11a8a199190a36040518481527ff8e1a15aba9398e019f0b49df1a4fde98ee17ae345cb5f6b5e2c27f5033e8ce79060200160405180910390a150505050565b5f610ba36008546001600160a01b031690565b905090565b5f9182526006602090815260408084206001600160a01b0393909316845291905290205460ff1690565b5f7f9f2df0fed2c77648de5860a4cc508cd0818c85b8b8a1ab4ceeef8d981c8956a6610bfd8161104e565b845f03610c1d57604051630ebd8d1960e11b815260040160405180910390fd5b5f858152600c60205260409020548015610c545760405163b65094b560e01b8152600481018790526024810182905260440161079d565b5f610c5e87611369565b9050806001600160a01b0316886001600160a01b031614610cac5760405163dcbbf38d60e01b8152600481018890526001600160a01b03808a1660248301528216604482015260640161079d565b610cb6868661133b565b600a5f8154610cc490612547565b91829055505f888152600c602052604090819020829055805180820190915290945080610cf0896113f8565b6001600160601b0390811682526001600160a01b03808c166020938401525f888152600b84526040808220865196860151909316600160601b0295909316949094179055600d9091529020610d46868883612479565b50610d51888561142f565b876001600160a01b031687857f2aaff226498368b0d868e37a097bb33b9e32e9749559ba6f57d51597823b574660405160405180910390a4505050949350505050565b606060018054610605906123f3565b6008545f90600160d01b900465ffffffffffff168015158015610dce57504265ffffffffffff821610155b610dd9575f5f610ded565b600854600160a01b900465ffffffffffff16815b915091509091565b6106b8338383611490565b610e0b848484610778565b6108003385858585611557565b6060610e2382611009565b505f610e2e8361167f565b5f848152600b602052604081205491925090610e52906001600160601b031661167f565b90505f8282610e69610e64868661170f565b61173b565b84604051602001610e7d9493929190612576565b6040516020818303038152906040529050610e978161173b565b604051602001610ea79190612732565b6040516020818303038152906040529350505050919050565b6008545f90600160d01b900465ffffffffffff168015158015610eea57504265ffffffffffff8216105b610f0557600754600160d01b900465ffffffffffff16610f18565b600854600160a01b900465ffffffffffff165b91505090565b5f610f27610f5d565b509050336001600160a01b03821614610f5557604051636116401160e11b815233600482015260240161079d565b6106ce611747565b6007546001600160a01b03811691600160a01b90910465ffffffffffff1690565b81610f9c57604051631fe1e13d60e11b815260040160405180910390fd5b6106b882826117dd565b5f610fb08161104e565b6106ce611801565b6001600160a01b039182165f90815260056020908152604080832093909416825291909152205460ff1690565b5f6001600160e01b031982166318a4c3c360e11b14806105f157506105f18261180b565b5f818152600260205260408120546001600160a01b0316806105f157604051637e27328960e01b81526004810184905260240161079d565b610930838383600161182f565b6106ce8133611933565b6110625f5f61196c565b565b5f828152600260205260408120546001600160a01b039081169083161561109057611090818486611a2b565b6001600160a01b038116156110ca576110ab5f855f5f61182f565b6001600160a01b0381165f90815260036020526040902080545f190190555b6001600160a01b038516156110f8576001600160a01b0385165f908152600360205260409020805460010190555b5f8481526002602052604080822080546001600160a01b0319166001600160a01b0389811691821790925591518793918516917fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef91a4949350505050565b5f828152600660205260409020600101546111708161104e565b6108008383611a8f565b6001600160a01b0382166111a357604051633250574960e11b81525f600482015260240161079d565b5f6111af83835f611064565b90506001600160a01b0381166111db57604051637e27328960e01b81526004810183905260240161079d565b836001600160a01b0316816001600160a01b031614610800576040516364283d7b60e01b81526001600160a01b038086166004830152602482018490528216604482015260640161079d565b6001600160a01b03811633146112505760405163334bd91960e11b815260040160405180910390fd5b6109308282611af5565b5f611263610ec0565b61126c42611b31565b6112769190612763565b90506112828282611b63565b60405165ffffffffffff821681526001600160a01b038316907f3377dc44241e779dd06afab5b788a35ca5f3b778836e2990bdb26a2a4b2e5ed69060200160405180910390a25050565b5f6112d682611be0565b6112df42611b31565b6112e99190612763565b90506112f5828261196c565b6040805165ffffffffffff8085168252831660208201527ff1038c18cf84a56e432fdbfaf746924b7ea511dfe03a6506a0ceba4888788d9b910160405180910390a15050565b6104008111156106b85760405163779e0c3760e01b815260048101829052610400602482015260440161079d565b60095460405163dc311dd360e01b8152600481018390525f916001600160a01b03169063dc311dd39060240160a060405180830381865afa9250505080156113ce575060408051601f3d908101601f191682019092526113cb91810190612781565b60015b6113ee576040516366fcc43f60e11b81526004810183905260240161079d565b6040015192915050565b5f6001600160601b0382111561142b576040516306dfcc6560e41b8152606060048201526024810183905260440161079d565b5090565b6001600160a01b03821661145857604051633250574960e11b81525f600482015260240161079d565b5f61146483835f611064565b90506001600160a01b03811615610930576040516339e3563760e11b81525f600482015260240161079d565b6001600160a01b0383166114b95760405163a9fbf51f60e01b81525f600482015260240161079d565b6001600160a01b0382166114eb57604051630b61174360e31b81526001600160a01b038316600482015260240161079d565b6001600160a01b038381165f81815260056020908152604080832094871680845294825291829020805460ff191686151590811790915591519182527f17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31910160405180910390a3505050565b6001600160a01b0383163b1561167857604051630a85bd0160e11b81526001600160a01b0384169063150b7a02906115999088908890879087906004016127fe565b6020604051808303815f875af19250505080156115d3575060408051601f3d908101601f191682019092526115d09181019061283a565b60015b61163a573d808015611600576040519150601f19603f3d011682016040523d82523d5f602084013e611605565b606091505b5080515f0361163257604051633250574960e11b81526001600160a01b038516600482015260240161079d565b805160208201fd5b6001600160e01b03198116630a85bd0160e11b1461167657604051633250574960e11b81526001600160a01b038516600482015260240161079d565b505b5050505050565b60605f61168b83611c2c565b60010190505f8167ffffffffffffffff8111156116aa576116aa6122c0565b6040519080825280601f01601f1916602001820160405280156116d4576020820181803683370190505b5090508181016020015b5f19016f181899199a1a9b1b9c1cb0b131b232b360811b600a86061a8153600a85049450846116de57509392505050565b60608183604051602001611724929190612855565b604051602081830303815290604052905092915050565b60606105f1825f611d03565b5f5f611751610f5d565b915091506117668165ffffffffffff16151590565b158061177a57504265ffffffffffff821610155b156117a2576040516319ca5ebb60e01b815265ffffffffffff8216600482015260240161079d565b6117bd5f6117b86008546001600160a01b031690565b611af5565b506117c85f83611a8f565b5050600780546001600160d01b031916905550565b5f828152600660205260409020600101546117f78161104e565b6108008383611af5565b6110625f5f611b63565b5f6001600160e01b03198216637965db0b60e01b14806105f157506105f182611e82565b808061184357506001600160a01b03821615155b15611904575f61185284611009565b90506001600160a01b0383161580159061187e5750826001600160a01b0316816001600160a01b031614155b8015611891575061188f8184610fb8565b155b156118ba5760405163a9fbf51f60e01b81526001600160a01b038416600482015260240161079d565b81156119025783856001600160a01b0316826001600160a01b03167f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92560405160405180910390a45b505b50505f90815260046020526040902080546001600160a01b0319166001600160a01b0392909216919091179055565b61193d8282610ba8565b6106b85760405163e2517d3f60e01b81526001600160a01b03821660048201526024810183905260440161079d565b600854600160d01b900465ffffffffffff1680156119ee574265ffffffffffff821610156119c557600854600780546001600160d01b0316600160a01b90920465ffffffffffff16600160d01b029190911790556119ee565b6040517f2b1fa2edafe6f7b9e97c1a9e0c3660e645beb2dcaa2d45bdbf9beaf5472e1ec5905f90a15b50600880546001600160a01b0316600160a01b65ffffffffffff948516026001600160d01b031617600160d01b9290931691909102919091179055565b611a36838383611ed1565b610930576001600160a01b038316611a6457604051637e27328960e01b81526004810182905260240161079d565b60405163177e802f60e01b81526001600160a01b03831660048201526024810182905260440161079d565b5f82611aeb575f611aa86008546001600160a01b031690565b6001600160a01b031614611acf57604051631fe1e13d60e11b815260040160405180910390fd5b600880546001600160a01b0319166001600160a01b0384161790555b61083d8383611f35565b5f82158015611b1157506008546001600160a01b038381169116145b15611b2757600880546001600160a01b03191690555b61083d8383611fc6565b5f65ffffffffffff82111561142b576040516306dfcc6560e41b8152603060048201526024810183905260440161079d565b5f611b6c610f5d565b6007805465ffffffffffff8616600160a01b026001600160d01b03199091166001600160a01b038816171790559150611bae90508165ffffffffffff16151590565b15610930576040517f8886ebfc4259abdbc16601dd8fb5678e54878f47b3c34836cfc51154a9605109905f90a1505050565b5f5f611bea610ec0565b90508065ffffffffffff168365ffffffffffff1611611c0d576108368382612bba565b61083d65ffffffffffff8416620697805f82821882841002821861083d565b5f8072184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b8310611c6a5772184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b830492506040015b6d04ee2d6d415b85acef81000000008310611c96576d04ee2d6d415b85acef8100000000830492506020015b662386f26fc100008310611cb457662386f26fc10000830492506010015b6305f5e1008310611ccc576305f5e100830492506008015b6127108310611ce057612710830492506004015b60648310611cf2576064830492506002015b600a83106105f15760010192915050565b606082515f03611d21575060408051602081019091525f81526105f1565b5f82611d5157600384516002611d379190612bd8565b611d419190612beb565b611d4c906004612c0a565b611d76565b600384516004611d619190612c0a565b611d6c906002612bd8565b611d769190612beb565b905060405191507f4142434445464748494a4b4c4d4e4f505152535455565758595a616263646566601f5261067083027f6768696a6b6c6d6e6f707172737475767778797a303132333435363738392b2f18603f526020820181810185865187016020810180515f82525b82841015611e34576003840193508351603f8160121c16518753600187019650603f81600c1c16518753600187019650603f8160061c16518753600187019650603f811651875350600186019550611de1565b905250859050611e7557600386510660018114611e585760028114611e6b57611e73565b603d6001840353603d6002840353611e73565b603d60018403535b505b9183525060405292915050565b5f6001600160e01b031982166380ac58cd60e01b1480611eb257506001600160e01b03198216635b5e139f60e01b145b806105f157506301ffc9a760e01b6001600160e01b03198316146105f1565b5f6001600160a01b03831615801590611f2d5750826001600160a01b0316846001600160a01b03161480611f0a5750611f0a8484610fb8565b80611f2d57505f828152600460205260409020546001600160a01b038481169116145b949350505050565b5f611f408383610ba8565b611fbf575f8381526006602090815260408083206001600160a01b03861684529091529020805460ff19166001179055611f773390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a45060016105f1565b505f6105f1565b5f611fd18383610ba8565b15611fbf575f8381526006602090815260408083206001600160a01b0386168085529252808320805460ff1916905551339286917ff6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b9190a45060016105f1565b6001600160e01b0319811681146106ce575f5ffd5b5f60208284031215612056575f5ffd5b813561083d81612031565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b602081525f61083d6020830184612061565b5f602082840312156120b1575f5ffd5b5035919050565b6001600160a01b03811681146106ce575f5ffd5b5f5f604083850312156120dd575f5ffd5b82356120e8816120b8565b946020939093013593505050565b5f5f5f60608486031215612108575f5ffd5b8335612113816120b8565b92506020840135612123816120b8565b929592945050506040919091013590565b5f5f60408385031215612145575f5ffd5b823591506020830135612157816120b8565b809150509250929050565b5f60208284031215612172575f5ffd5b813561083d816120b8565b5f6020828403121561218d575f5ffd5b813565ffffffffffff8116811461083d575f5ffd5b5f5f83601f8401126121b2575f5ffd5b50813567ffffffffffffffff8111156121c9575f5ffd5b6020830191508360208285010111156121e0575f5ffd5b9250929050565b5f5f5f604084860312156121f9575f5ffd5b83359250602084013567ffffffffffffffff811115612216575f5ffd5b612222868287016121a2565b9497909650939450505050565b5f5f5f5f60608587031215612242575f5ffd5b843561224d816120b8565b935060208501359250604085013567ffffffffffffffff81111561226f575f5ffd5b61227b878288016121a2565b95989497509550505050565b80151581146106ce575f5ffd5b5f5f604083850312156122a5575f5ffd5b82356122b0816120b8565b9150602083013561215781612287565b634e487b7160e01b5f52604160045260245ffd5b604051601f8201601f1916810167ffffffffffffffff811182821017156122fd576122fd6122c0565b604052919050565b5f5f5f5f60808587031215612318575f5ffd5b8435612323816120b8565b93506020850135612333816120b8565b925060408501359150606085013567ffffffffffffffff811115612355575f5ffd5b8501601f81018713612365575f5ffd5b803567ffffffffffffffff81111561237f5761237f6122c0565b612392601f8201601f19166020016122d4565b8181528860208385010111156123a6575f5ffd5b816020840160208301375f6020838301015280935050505092959194509250565b5f5f604083850312156123d8575f5ffd5b82356123e3816120b8565b91506020830135612157816120b8565b600181811c9082168061240757607f821691505b60208210810361242557634e487b7160e01b5f52602260045260245ffd5b50919050565b601f821115610930578282111561093057805f5260205f20601f840160051c602085101561245657505f5b90810190601f840160051c035f5b81811015611676575f83820155600101612464565b67ffffffffffffffff831115612491576124916122c0565b6124a58361249f83546123f3565b8361242b565b5f601f8411600181146124d6575f85156124bf5750838201355b5f19600387901b1c1916600186901b178355611678565b5f83815260208120601f198716915b8281101561250557868501358255602094850194600190920191016124e5565b5086821015612521575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b634e487b7160e01b5f52601160045260245ffd5b5f6001820161255857612558612533565b5060010190565b5f81518060208401855e5f93019283525090919050565b7f7b226e616d65223a22426c6f636b486f7374206163636573732023000000000081525f6125a7601b83018761255f565b7f222c226465736372697074696f6e223a224163636573732063726564656e746981527f616c20666f7220426c6f636b486f737420737562736372697074696f6e20230060208201526125fd603f82018761255f565b90507f2e20546865206f776e6572206f66207468697320746f6b656e206d6179206c6f81527f6720696e20746f2074686520737562736372697074696f6e277320564d20627960208201527f207369676e696e6720776974682074686569722077616c6c65742e222c00000060408201527f22696d616765223a22646174613a696d6167652f7376672b786d6c3b62617365605d820152620d8d0b60ea1b607d8201526126ad608082018661255f565b7f222c2261747472696275746573223a5b7b2274726169745f74797065223a225381527f7562736372697074696f6e222c22646973706c61795f74797065223a226e756d60208201526c3132b91116113b30b63ab2911d60991b6040820152905061271b604d82018561255f565b627d5d7d60e81b8152600301979650505050505050565b7f646174613a6170706c69636174696f6e2f6a736f6e3b6261736536342c00000081525f61083d601d83018461255f565b65ffffffffffff81811683821601908111156105f1576105f1612533565b5f60a0828403128015612792575f5ffd5b5060405160a0810167ffffffffffffffff811182821017156127b6576127b66122c0565b604090815283518252602080850151908301528301516127d5816120b8565b60408201526060838101519082015260808301516127f281612287565b60808201529392505050565b6001600160a01b03858116825284166020820152604081018390526080606082018190525f9061283090830184612061565b9695505050505050565b5f6020828403121561284a575f5ffd5b815161083d81612031565b7f3c73766720786d6c6e733d22687474703a2f2f7777772e77332e6f72672f323081527f30302f737667222076696577426f783d2230203020343030203234302220776960208201527f6474683d2234303022206865696768743d22323430223e00000000000000000060408201527f3c726563742077696474683d2234303022206865696768743d2232343022207260578201527f783d223136222066696c6c3d2223306631373261222f3e00000000000000000060778201527f3c7265637420783d2231362220793d223136222077696474683d223336382220608e8201527f6865696768743d22323038222072783d223130222066696c6c3d226e6f6e652260ae8201527f207374726f6b653d222333386264663822207374726f6b652d77696474683d2260ce820152631911179f60e11b60ee8201527f3c7465787420783d2233362220793d2237302220666f6e742d66616d696c793d60f282019081527f226d6f6e6f73706163652220666f6e742d73697a653d223238222066696c6c3d6101128301527f2223663866616663223e426c6f636b486f73743c2f746578743e0000000000006101328301525f9061014c8301612b93612b8d612b18612b12612a9d857f3c7465787420783d2233362220793d223130342220666f6e742d66616d696c7981527f3d226d6f6e6f73706163652220666f6e742d73697a653d223136222066696c6c60208201527f3d2223393461336238223e6163636573732063726564656e7469616c3c2f74656040820152623c3a1f60e91b606082015260630190565b7f3c7465787420783d2233362220793d223137302220666f6e742d66616d696c7981527f3d226d6f6e6f73706163652220666f6e742d73697a653d223230222066696c6c60208201527f3d2223333862646638223e737562736372697074696f6e202300000000000000604082015260590190565b8961255f565b7f3c2f746578743e3c7465787420783d2233362220793d223230302220666f6e7481527f2d66616d696c793d226d6f6e6f73706163652220666f6e742d73697a653d223160208201527f34222066696c6c3d2223393461336238223e746f6b656e202300000000000000604082015260590190565b8661255f565b915050612baf816c1e17ba32bc3a1f1e17b9bb339f60991b9052565b600d01949350505050565b65ffffffffffff82811682821603908111156105f1576105f1612533565b808201808211156105f1576105f1612533565b5f82612c0557634e487b7160e01b5f52601260045260245ffd5b500490565b80820281158282048414176105f1576105f161253356fea2646970667358221220cea8181d8005fd4099b9f67c8e793d74e08a83082bb7bc850e1f9dc7d7a339f564736f6c63430008250033' as const;

export const accessCredentialNftDeployedBytecode = '0x608060405234801561000f575f5ffd5b5060043610610255575f3560e01c80636a9cac2911610140578063a22cb465116100bf578063cefc142911610084578063cefc142914610527578063cf6eefb71461052f578063d53913931461055d578063d547741f14610584578063d602b9fd14610597578063e985e9c51461059f575f5ffd5b8063a22cb465146104d5578063b88d4fde146104e8578063b8e381e5146104fb578063c87b56dd1461050c578063cc8463c81461051f575f5ffd5b806391d148541161010557806391d148541461047957806394d008ef1461048c57806395d89b411461049f578063a1eda53c146104a7578063a217fddf146104ce575f5ffd5b80636a9cac291461042757806370a082311461043a578063804a083e1461044d57806384ef8ffc146104605780638da5cb5b14610471575f5ffd5b8063248a9ca3116101d75780633c683cff1161019c5780633c683cff146103a957806342842e0e146103bc5780635ff2ae9c146103cf578063634e93da146103ee5780636352211e14610401578063649a5ec714610414575f5ffd5b8063248a9ca31461033b5780632c202dd91461035d5780632f2ff15d146103705780633427bc7f1461038357806336568abe14610396575f5ffd5b80630aa6220b1161021d5780630aa6220b146102f257806318160ddd146102fa578063191803d11461030c5780631a7ae9d21461031f57806323b872dd14610328575f5ffd5b806301ffc9a714610259578063022d63fb1461028157806306fdde031461029d578063081812fc146102b2578063095ea7b3146102dd575b5f5ffd5b61026c610267366004612046565b6105b2565b60405190151581526020015b60405180910390f35b620697805b60405165ffffffffffff9091168152602001610278565b6102a56105f7565b604051610278919061208f565b6102c56102c03660046120a1565b610686565b6040516001600160a01b039091168152602001610278565b6102f06102eb3660046120cc565b6106ad565b005b6102f06106bc565b600a545b604051908152602001610278565b6102a561031a3660046120a1565b6106d1565b6102fe61040081565b6102f06103363660046120f6565b610778565b6102fe6103493660046120a1565b5f9081526006602052604090206001015490565b6102c561036b3660046120a1565b610806565b6102f061037e366004612134565b610844565b6102f0610391366004612134565b61086c565b6102f06103a4366004612134565b610935565b6102c56103b73660046120a1565b6109db565b6102f06103ca3660046120f6565b610a08565b6102fe6103dd3660046120a1565b5f908152600c602052604090205490565b6102f06103fc366004612162565b610a22565b6102c561040f3660046120a1565b610a35565b6102f061042236600461217d565b610a3f565b6102fe6104353660046120a1565b610a52565b6102fe610448366004612162565b610a78565b6102f061045b3660046121e7565b610abd565b6008546001600160a01b03166102c5565b6102c5610b90565b61026c610487366004612134565b610ba8565b6102fe61049a36600461222f565b610bd2565b6102a5610d94565b6104af610da3565b6040805165ffffffffffff938416815292909116602083015201610278565b6102fe5f81565b6102f06104e3366004612294565b610df5565b6102f06104f6366004612305565b610e00565b6009546001600160a01b03166102c5565b6102a561051a3660046120a1565b610e18565b610286610ec0565b6102f0610f1e565b610537610f5d565b604080516001600160a01b03909316835265ffffffffffff909116602083015201610278565b6102fe7f9f2df0fed2c77648de5860a4cc508cd0818c85b8b8a1ab4ceeef8d981c8956a681565b6102f0610592366004612134565b610f7e565b6102f0610fa6565b61026c6105ad3660046123c7565b610fb8565b5f6001600160e01b031982166388519cab60e01b14806105e257506001600160e01b03198216632483248360e11b145b806105f157506105f182610fe5565b92915050565b60605f8054610605906123f3565b80601f0160208091040260200160405190810160405280929190818152602001828054610631906123f3565b801561067c5780601f106106535761010080835404028352916020019161067c565b820191905f5260205f20905b81548152906001019060200180831161065f57829003601f168201915b5050505050905090565b5f61069082611009565b505f828152600460205260409020546001600160a01b03166105f1565b6106b8828233611041565b5050565b5f6106c68161104e565b6106ce611058565b50565b60606106dc82611009565b505f828152600d6020526040902080546106f5906123f3565b80601f0160208091040260200160405190810160405280929190818152602001828054610721906123f3565b801561076c5780601f106107435761010080835404028352916020019161076c565b820191905f5260205f20905b81548152906001019060200180831161074f57829003601f168201915b50505050509050919050565b6001600160a01b0382166107a657604051633250574960e11b81525f60048201526024015b60405180910390fd5b5f6107b2838333611064565b9050836001600160a01b0316816001600160a01b031614610800576040516364283d7b60e01b81526001600160a01b038086166004830152602482018490528216604482015260640161079d565b50505050565b5f818152600c6020526040812054801561083b575f818152600260205260409020546001600160a01b031661083d565b61083d565b5f5b9392505050565b8161086257604051631fe1e13d60e11b815260040160405180910390fd5b6106b88282611156565b5f6108768161104e565b6001600160a01b03821661089d5760405163d92e233d60e01b815260040160405180910390fd5b5f6108a784611009565b9050826001600160a01b0316816001600160a01b0316036108c85750505050565b6108d381848661117a565b5f848152600b60209081526040918290205491516001600160a01b0386811682528416926001600160601b03169187917fbd6d22ce8627fd37ffeaab9c115deafcfc8538b2965f9dcc2743c5078a474d1f910160405180910390a4505b505050565b8115801561095057506008546001600160a01b038281169116145b156109d1575f5f61095f610f5d565b90925090506001600160a01b038216151580610981575065ffffffffffff8116155b8061099457504265ffffffffffff821610155b156109bc576040516319ca5ebb60e01b815265ffffffffffff8216600482015260240161079d565b50506007805465ffffffffffff60a01b191690555b6106b88282611227565b5f6109e582611009565b50505f908152600b6020526040902054600160601b90046001600160a01b031690565b61093083838360405180602001604052805f815250610e00565b5f610a2c8161104e565b6106b88261125a565b5f6105f182611009565b5f610a498161104e565b6106b8826112cc565b5f610a5c82611009565b50505f908152600b60205260409020546001600160601b031690565b5f6001600160a01b038216610aa2576040516322718ad960e21b81525f600482015260240161079d565b506001600160a01b03165f9081526003602052604090205490565b7f9f2df0fed2c77648de5860a4cc508cd0818c85b8b8a1ab4ceeef8d981c8956a6610ae78161104e565b610af084611009565b50610afb838361133b565b5f848152600d60205260409020610b13838583612479565b505f848152600b60205260408082205490516001600160601b039091169186917f87561ace2052a4cedb476f02449be707627895f35035a14ed50be4cee11a8a199190a36040518481527ff8e1a15aba9398e019f0b49df1a4fde98ee17ae345cb5f6b5e2c27f5033e8ce79060200160405180910390a150505050565b5f610ba36008546001600160a01b031690565b905090565b5f9182526006602090815260408084206001600160a01b0393909316845291905290205460ff1690565b5f7f9f2df0fed2c77648de5860a4cc508cd0818c85b8b8a1ab4ceeef8d981c8956a6610bfd8161104e565b845f03610c1d57604051630ebd8d1960e11b815260040160405180910390fd5b5f858152600c60205260409020548015610c545760405163b65094b560e01b8152600481018790526024810182905260440161079d565b5f610c5e87611369565b9050806001600160a01b0316886001600160a01b031614610cac5760405163dcbbf38d60e01b8152600481018890526001600160a01b03808a1660248301528216604482015260640161079d565b610cb6868661133b565b600a5f8154610cc490612547565b91829055505f888152600c602052604090819020829055805180820190915290945080610cf0896113f8565b6001600160601b0390811682526001600160a01b03808c166020938401525f888152600b84526040808220865196860151909316600160601b0295909316949094179055600d9091529020610d46868883612479565b50610d51888561142f565b876001600160a01b031687857f2aaff226498368b0d868e37a097bb33b9e32e9749559ba6f57d51597823b574660405160405180910390a4505050949350505050565b606060018054610605906123f3565b6008545f90600160d01b900465ffffffffffff168015158015610dce57504265ffffffffffff821610155b610dd9575f5f610ded565b600854600160a01b900465ffffffffffff16815b915091509091565b6106b8338383611490565b610e0b848484610778565b6108003385858585611557565b6060610e2382611009565b505f610e2e8361167f565b5f848152600b602052604081205491925090610e52906001600160601b031661167f565b90505f8282610e69610e64868661170f565b61173b565b84604051602001610e7d9493929190612576565b6040516020818303038152906040529050610e978161173b565b604051602001610ea79190612732565b6040516020818303038152906040529350505050919050565b6008545f90600160d01b900465ffffffffffff168015158015610eea57504265ffffffffffff8216105b610f0557600754600160d01b900465ffffffffffff16610f18565b600854600160a01b900465ffffffffffff165b91505090565b5f610f27610f5d565b509050336001600160a01b03821614610f5557604051636116401160e11b815233600482015260240161079d565b6106ce611747565b6007546001600160a01b03811691600160a01b90910465ffffffffffff1690565b81610f9c57604051631fe1e13d60e11b815260040160405180910390fd5b6106b882826117dd565b5f610fb08161104e565b6106ce611801565b6001600160a01b039182165f90815260056020908152604080832093909416825291909152205460ff1690565b5f6001600160e01b031982166318a4c3c360e11b14806105f157506105f18261180b565b5f818152600260205260408120546001600160a01b0316806105f157604051637e27328960e01b81526004810184905260240161079d565b610930838383600161182f565b6106ce8133611933565b6110625f5f61196c565b565b5f828152600260205260408120546001600160a01b039081169083161561109057611090818486611a2b565b6001600160a01b038116156110ca576110ab5f855f5f61182f565b6001600160a01b0381165f90815260036020526040902080545f190190555b6001600160a01b038516156110f8576001600160a01b0385165f908152600360205260409020805460010190555b5f8481526002602052604080822080546001600160a01b0319166001600160a01b0389811691821790925591518793918516917fddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef91a4949350505050565b5f828152600660205260409020600101546111708161104e565b6108008383611a8f565b6001600160a01b0382166111a357604051633250574960e11b81525f600482015260240161079d565b5f6111af83835f611064565b90506001600160a01b0381166111db57604051637e27328960e01b81526004810183905260240161079d565b836001600160a01b0316816001600160a01b031614610800576040516364283d7b60e01b81526001600160a01b038086166004830152602482018490528216604482015260640161079d565b6001600160a01b03811633146112505760405163334bd91960e11b815260040160405180910390fd5b6109308282611af5565b5f611263610ec0565b61126c42611b31565b6112769190612763565b90506112828282611b63565b60405165ffffffffffff821681526001600160a01b038316907f3377dc44241e779dd06afab5b788a35ca5f3b778836e2990bdb26a2a4b2e5ed69060200160405180910390a25050565b5f6112d682611be0565b6112df42611b31565b6112e99190612763565b90506112f5828261196c565b6040805165ffffffffffff8085168252831660208201527ff1038c18cf84a56e432fdbfaf746924b7ea511dfe03a6506a0ceba4888788d9b910160405180910390a15050565b6104008111156106b85760405163779e0c3760e01b815260048101829052610400602482015260440161079d565b60095460405163dc311dd360e01b8152600481018390525f916001600160a01b03169063dc311dd39060240160a060405180830381865afa9250505080156113ce575060408051601f3d908101601f191682019092526113cb91810190612781565b60015b6113ee576040516366fcc43f60e11b81526004810183905260240161079d565b6040015192915050565b5f6001600160601b0382111561142b576040516306dfcc6560e41b8152606060048201526024810183905260440161079d565b5090565b6001600160a01b03821661145857604051633250574960e11b81525f600482015260240161079d565b5f61146483835f611064565b90506001600160a01b03811615610930576040516339e3563760e11b81525f600482015260240161079d565b6001600160a01b0383166114b95760405163a9fbf51f60e01b81525f600482015260240161079d565b6001600160a01b0382166114eb57604051630b61174360e31b81526001600160a01b038316600482015260240161079d565b6001600160a01b038381165f81815260056020908152604080832094871680845294825291829020805460ff191686151590811790915591519182527f17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31910160405180910390a3505050565b6001600160a01b0383163b1561167857604051630a85bd0160e11b81526001600160a01b0384169063150b7a02906115999088908890879087906004016127fe565b6020604051808303815f875af19250505080156115d3575060408051601f3d908101601f191682019092526115d09181019061283a565b60015b61163a573d808015611600576040519150601f19603f3d011682016040523d82523d5f602084013e611605565b606091505b5080515f0361163257604051633250574960e11b81526001600160a01b038516600482015260240161079d565b805160208201fd5b6001600160e01b03198116630a85bd0160e11b1461167657604051633250574960e11b81526001600160a01b038516600482015260240161079d565b505b5050505050565b60605f61168b83611c2c565b60010190505f8167ffffffffffffffff8111156116aa576116aa6122c0565b6040519080825280601f01601f1916602001820160405280156116d4576020820181803683370190505b5090508181016020015b5f19016f181899199a1a9b1b9c1cb0b131b232b360811b600a86061a8153600a85049450846116de57509392505050565b60608183604051602001611724929190612855565b604051602081830303815290604052905092915050565b60606105f1825f611d03565b5f5f611751610f5d565b915091506117668165ffffffffffff16151590565b158061177a57504265ffffffffffff821610155b156117a2576040516319ca5ebb60e01b815265ffffffffffff8216600482015260240161079d565b6117bd5f6117b86008546001600160a01b031690565b611af5565b506117c85f83611a8f565b5050600780546001600160d01b031916905550565b5f828152600660205260409020600101546117f78161104e565b6108008383611af5565b6110625f5f611b63565b5f6001600160e01b03198216637965db0b60e01b14806105f157506105f182611e82565b808061184357506001600160a01b03821615155b15611904575f61185284611009565b90506001600160a01b0383161580159061187e5750826001600160a01b0316816001600160a01b031614155b8015611891575061188f8184610fb8565b155b156118ba5760405163a9fbf51f60e01b81526001600160a01b038416600482015260240161079d565b81156119025783856001600160a01b0316826001600160a01b03167f8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b92560405160405180910390a45b505b50505f90815260046020526040902080546001600160a01b0319166001600160a01b0392909216919091179055565b61193d8282610ba8565b6106b85760405163e2517d3f60e01b81526001600160a01b03821660048201526024810183905260440161079d565b600854600160d01b900465ffffffffffff1680156119ee574265ffffffffffff821610156119c557600854600780546001600160d01b0316600160a01b90920465ffffffffffff16600160d01b029190911790556119ee565b6040517f2b1fa2edafe6f7b9e97c1a9e0c3660e645beb2dcaa2d45bdbf9beaf5472e1ec5905f90a15b50600880546001600160a01b0316600160a01b65ffffffffffff948516026001600160d01b031617600160d01b9290931691909102919091179055565b611a36838383611ed1565b610930576001600160a01b038316611a6457604051637e27328960e01b81526004810182905260240161079d565b60405163177e802f60e01b81526001600160a01b03831660048201526024810182905260440161079d565b5f82611aeb575f611aa86008546001600160a01b031690565b6001600160a01b031614611acf57604051631fe1e13d60e11b815260040160405180910390fd5b600880546001600160a01b0319166001600160a01b0384161790555b61083d8383611f35565b5f82158015611b1157506008546001600160a01b038381169116145b15611b2757600880546001600160a01b03191690555b61083d8383611fc6565b5f65ffffffffffff82111561142b576040516306dfcc6560e41b8152603060048201526024810183905260440161079d565b5f611b6c610f5d565b6007805465ffffffffffff8616600160a01b026001600160d01b03199091166001600160a01b038816171790559150611bae90508165ffffffffffff16151590565b15610930576040517f8886ebfc4259abdbc16601dd8fb5678e54878f47b3c34836cfc51154a9605109905f90a1505050565b5f5f611bea610ec0565b90508065ffffffffffff168365ffffffffffff1611611c0d576108368382612bba565b61083d65ffffffffffff8416620697805f82821882841002821861083d565b5f8072184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b8310611c6a5772184f03e93ff9f4daa797ed6e38ed64bf6a1f0160401b830492506040015b6d04ee2d6d415b85acef81000000008310611c96576d04ee2d6d415b85acef8100000000830492506020015b662386f26fc100008310611cb457662386f26fc10000830492506010015b6305f5e1008310611ccc576305f5e100830492506008015b6127108310611ce057612710830492506004015b60648310611cf2576064830492506002015b600a83106105f15760010192915050565b606082515f03611d21575060408051602081019091525f81526105f1565b5f82611d5157600384516002611d379190612bd8565b611d419190612beb565b611d4c906004612c0a565b611d76565b600384516004611d619190612c0a565b611d6c906002612bd8565b611d769190612beb565b905060405191507f4142434445464748494a4b4c4d4e4f505152535455565758595a616263646566601f5261067083027f6768696a6b6c6d6e6f707172737475767778797a303132333435363738392b2f18603f526020820181810185865187016020810180515f82525b82841015611e34576003840193508351603f8160121c16518753600187019650603f81600c1c16518753600187019650603f8160061c16518753600187019650603f811651875350600186019550611de1565b905250859050611e7557600386510660018114611e585760028114611e6b57611e73565b603d6001840353603d6002840353611e73565b603d60018403535b505b9183525060405292915050565b5f6001600160e01b031982166380ac58cd60e01b1480611eb257506001600160e01b03198216635b5e139f60e01b145b806105f157506301ffc9a760e01b6001600160e01b03198316146105f1565b5f6001600160a01b03831615801590611f2d5750826001600160a01b0316846001600160a01b03161480611f0a5750611f0a8484610fb8565b80611f2d57505f828152600460205260409020546001600160a01b038481169116145b949350505050565b5f611f408383610ba8565b611fbf575f8381526006602090815260408083206001600160a01b03861684529091529020805460ff19166001179055611f773390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a45060016105f1565b505f6105f1565b5f611fd18383610ba8565b15611fbf575f8381526006602090815260408083206001600160a01b0386168085529252808320805460ff1916905551339286917ff6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b9190a45060016105f1565b6001600160e01b0319811681146106ce575f5ffd5b5f60208284031215612056575f5ffd5b813561083d81612031565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b602081525f61083d6020830184612061565b5f602082840312156120b1575f5ffd5b5035919050565b6001600160a01b03811681146106ce575f5ffd5b5f5f604083850312156120dd575f5ffd5b82356120e8816120b8565b946020939093013593505050565b5f5f5f60608486031215612108575f5ffd5b8335612113816120b8565b92506020840135612123816120b8565b929592945050506040919091013590565b5f5f60408385031215612145575f5ffd5b823591506020830135612157816120b8565b809150509250929050565b5f60208284031215612172575f5ffd5b813561083d816120b8565b5f6020828403121561218d575f5ffd5b813565ffffffffffff8116811461083d575f5ffd5b5f5f83601f8401126121b2575f5ffd5b50813567ffffffffffffffff8111156121c9575f5ffd5b6020830191508360208285010111156121e0575f5ffd5b9250929050565b5f5f5f604084860312156121f9575f5ffd5b83359250602084013567ffffffffffffffff811115612216575f5ffd5b612222868287016121a2565b9497909650939450505050565b5f5f5f5f60608587031215612242575f5ffd5b843561224d816120b8565b935060208501359250604085013567ffffffffffffffff81111561226f575f5ffd5b61227b878288016121a2565b95989497509550505050565b80151581146106ce575f5ffd5b5f5f604083850312156122a5575f5ffd5b82356122b0816120b8565b9150602083013561215781612287565b634e487b7160e01b5f52604160045260245ffd5b604051601f8201601f1916810167ffffffffffffffff811182821017156122fd576122fd6122c0565b604052919050565b5f5f5f5f60808587031215612318575f5ffd5b8435612323816120b8565b93506020850135612333816120b8565b925060408501359150606085013567ffffffffffffffff811115612355575f5ffd5b8501601f81018713612365575f5ffd5b803567ffffffffffffffff81111561237f5761237f6122c0565b612392601f8201601f19166020016122d4565b8181528860208385010111156123a6575f5ffd5b816020840160208301375f6020838301015280935050505092959194509250565b5f5f604083850312156123d8575f5ffd5b82356123e3816120b8565b91506020830135612157816120b8565b600181811c9082168061240757607f821691505b60208210810361242557634e487b7160e01b5f52602260045260245ffd5b50919050565b601f821115610930578282111561093057805f5260205f20601f840160051c602085101561245657505f5b90810190601f840160051c035f5b81811015611676575f83820155600101612464565b67ffffffffffffffff831115612491576124916122c0565b6124a58361249f83546123f3565b8361242b565b5f601f8411600181146124d6575f85156124bf5750838201355b5f19600387901b1c1916600186901b178355611678565b5f83815260208120601f198716915b8281101561250557868501358255602094850194600190920191016124e5565b5086821015612521575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b634e487b7160e01b5f52601160045260245ffd5b5f6001820161255857612558612533565b5060010190565b5f81518060208401855e5f93019283525090919050565b7f7b226e616d65223a22426c6f636b486f7374206163636573732023000000000081525f6125a7601b83018761255f565b7f222c226465736372697074696f6e223a224163636573732063726564656e746981527f616c20666f7220426c6f636b486f737420737562736372697074696f6e20230060208201526125fd603f82018761255f565b90507f2e20546865206f776e6572206f66207468697320746f6b656e206d6179206c6f81527f6720696e20746f2074686520737562736372697074696f6e277320564d20627960208201527f207369676e696e6720776974682074686569722077616c6c65742e222c00000060408201527f22696d616765223a22646174613a696d6167652f7376672b786d6c3b62617365605d820152620d8d0b60ea1b607d8201526126ad608082018661255f565b7f222c2261747472696275746573223a5b7b2274726169745f74797065223a225381527f7562736372697074696f6e222c22646973706c61795f74797065223a226e756d60208201526c3132b91116113b30b63ab2911d60991b6040820152905061271b604d82018561255f565b627d5d7d60e81b8152600301979650505050505050565b7f646174613a6170706c69636174696f6e2f6a736f6e3b6261736536342c00000081525f61083d601d83018461255f565b65ffffffffffff81811683821601908111156105f1576105f1612533565b5f60a0828403128015612792575f5ffd5b5060405160a0810167ffffffffffffffff811182821017156127b6576127b66122c0565b604090815283518252602080850151908301528301516127d5816120b8565b60408201526060838101519082015260808301516127f281612287565b60808201529392505050565b6001600160a01b03858116825284166020820152604081018390526080606082018190525f9061283090830184612061565b9695505050505050565b5f6020828403121561284a575f5ffd5b815161083d81612031565b7f3c73766720786d6c6e733d22687474703a2f2f7777772e77332e6f72672f323081527f30302f737667222076696577426f783d2230203020343030203234302220776960208201527f6474683d2234303022206865696768743d22323430223e00000000000000000060408201527f3c726563742077696474683d2234303022206865696768743d2232343022207260578201527f783d223136222066696c6c3d2223306631373261222f3e00000000000000000060778201527f3c7265637420783d2231362220793d223136222077696474683d223336382220608e8201527f6865696768743d22323038222072783d223130222066696c6c3d226e6f6e652260ae8201527f207374726f6b653d222333386264663822207374726f6b652d77696474683d2260ce820152631911179f60e11b60ee8201527f3c7465787420783d2233362220793d2237302220666f6e742d66616d696c793d60f282019081527f226d6f6e6f73706163652220666f6e742d73697a653d223238222066696c6c3d6101128301527f2223663866616663223e426c6f636b486f73743c2f746578743e0000000000006101328301525f9061014c8301612b93612b8d612b18612b12612a9d857f3c7465787420783d2233362220793d223130342220666f6e742d66616d696c7981527f3d226d6f6e6f73706163652220666f6e742d73697a653d223136222066696c6c60208201527f3d2223393461336238223e6163636573732063726564656e7469616c3c2f74656040820152623c3a1f60e91b606082015260630190565b7f3c7465787420783d2233362220793d223137302220666f6e742d66616d696c7981527f3d226d6f6e6f73706163652220666f6e742d73697a653d223230222066696c6c60208201527f3d2223333862646638223e737562736372697074696f6e202300000000000000604082015260590190565b8961255f565b7f3c2f746578743e3c7465787420783d2233362220793d223230302220666f6e7481527f2d66616d696c793d226d6f6e6f73706163652220666f6e742d73697a653d223160208201527f34222066696c6c3d2223393461336238223e746f6b656e202300000000000000604082015260590190565b8661255f565b915050612baf816c1e17ba32bc3a1f1e17b9bb339f60991b9052565b600d01949350505050565b65ffffffffffff82811682821603908111156105f1576105f1612533565b808201808211156105f1576105f1612533565b5f82612c0557634e487b7160e01b5f52601260045260245ffd5b500490565b80820281158282048414176105f1576105f161253356fea2646970667358221220cea8181d8005fd4099b9f67c8e793d74e08a83082bb7bc850e1f9dc7d7a339f564736f6c63430008250033' as const;
