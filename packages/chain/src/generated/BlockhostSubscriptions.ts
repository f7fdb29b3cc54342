// Generated from contracts/BlockhostSubscriptions.sol by `npm run build:contracts -w @blockhost/chain`. Do not edit.
// solc 0.8.37+commit.f401782d.Emscripten.clang, optimizer 200 runs, evm cancun.

export const blockhostSubscriptionsAbi = [
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "admin",
        "type": "address"
      },
      {
        "internalType": "address",
        "name": "operator",
        "type": "address"
      },
      {
        "internalType": "address[]",
        "name": "paymentTokens",
        "type": "address[]"
      },
      {
        "internalType": "address",
        "name": "feed",
        "type": "address"
      },
      {
        "internalType": "uint256",
        "name": "maxStaleness",
        "type": "uint256"
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
        "internalType": "uint256",
        "name": "sent",
        "type": "uint256"
      },
      {
        "internalType": "uint256",
        "name": "price",
        "type": "uint256"
      }
    ],
    "name": "InsufficientPayment",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "days_",
        "type": "uint256"
      },
      {
        "internalType": "uint256",
        "name": "min",
        "type": "uint256"
      },
      {
        "internalType": "uint256",
        "name": "max",
        "type": "uint256"
      }
    ],
    "name": "InvalidDays",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "feed",
        "type": "address"
      }
    ],
    "name": "InvalidFeed",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "string",
        "name": "field",
        "type": "string"
      }
    ],
    "name": "InvalidPlan",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "int256",
        "name": "answer",
        "type": "int256"
      }
    ],
    "name": "InvalidPrice",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "token",
        "type": "address"
      }
    ],
    "name": "InvalidTokenDecimals",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "NativePaymentDisabled",
    "type": "error"
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
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "NativeTransferFailed",
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
        "name": "caller",
        "type": "address"
      }
    ],
    "name": "NotSubscriberOrOperator",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "planId",
        "type": "uint256"
      }
    ],
    "name": "PlanInactive",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "planId",
        "type": "uint256"
      }
    ],
    "name": "PlanNotFound",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "price",
        "type": "uint256"
      },
      {
        "internalType": "uint256",
        "name": "maxAmount",
        "type": "uint256"
      }
    ],
    "name": "PriceAboveMaximum",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "ReentrancyGuardReentrantCall",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "token",
        "type": "address"
      }
    ],
    "name": "SafeERC20FailedOperation",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "updatedAt",
        "type": "uint256"
      },
      {
        "internalType": "uint256",
        "name": "maxStaleness",
        "type": "uint256"
      },
      {
        "internalType": "uint256",
        "name": "now_",
        "type": "uint256"
      }
    ],
    "name": "StalePrice",
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
    "name": "SubscriptionIsCancelled",
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
        "internalType": "address",
        "name": "token",
        "type": "address"
      }
    ],
    "name": "TokenNotAccepted",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "sent",
        "type": "uint256"
      }
    ],
    "name": "UnexpectedNativeValue",
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
        "internalType": "address",
        "name": "token",
        "type": "address"
      },
      {
        "indexed": false,
        "internalType": "bool",
        "name": "accepted",
        "type": "bool"
      },
      {
        "indexed": false,
        "internalType": "uint8",
        "name": "decimals",
        "type": "uint8"
      }
    ],
    "name": "PaymentTokenSet",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "uint256",
        "name": "planId",
        "type": "uint256"
      },
      {
        "indexed": false,
        "internalType": "string",
        "name": "name",
        "type": "string"
      },
      {
        "indexed": false,
        "internalType": "uint256",
        "name": "pricePerDayUsdCents",
        "type": "uint256"
      },
      {
        "indexed": false,
        "internalType": "uint32",
        "name": "cores",
        "type": "uint32"
      },
      {
        "indexed": false,
        "internalType": "uint32",
        "name": "memoryMiB",
        "type": "uint32"
      },
      {
        "indexed": false,
        "internalType": "uint32",
        "name": "diskGiB",
        "type": "uint32"
      }
    ],
    "name": "PlanCreated",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "uint256",
        "name": "planId",
        "type": "uint256"
      },
      {
        "indexed": false,
        "internalType": "string",
        "name": "name",
        "type": "string"
      },
      {
        "indexed": false,
        "internalType": "uint256",
        "name": "pricePerDayUsdCents",
        "type": "uint256"
      },
      {
        "indexed": false,
        "internalType": "uint32",
        "name": "cores",
        "type": "uint32"
      },
      {
        "indexed": false,
        "internalType": "uint32",
        "name": "memoryMiB",
        "type": "uint32"
      },
      {
        "indexed": false,
        "internalType": "uint32",
        "name": "diskGiB",
        "type": "uint32"
      },
      {
        "indexed": false,
        "internalType": "bool",
        "name": "active",
        "type": "bool"
      }
    ],
    "name": "PlanUpdated",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "address",
        "name": "feed",
        "type": "address"
      },
      {
        "indexed": false,
        "internalType": "uint256",
        "name": "maxStaleness",
        "type": "uint256"
      }
    ],
    "name": "PriceFeedSet",
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
        "internalType": "uint256",
        "name": "subscriptionId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "internalType": "uint256",
        "name": "planId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "internalType": "address",
        "name": "subscriber",
        "type": "address"
      }
    ],
    "name": "SubscriptionCancelled",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "uint256",
        "name": "subscriptionId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "internalType": "uint256",
        "name": "planId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "internalType": "address",
        "name": "subscriber",
        "type": "address"
      },
      {
        "indexed": false,
        "internalType": "uint256",
        "name": "expiresAt",
        "type": "uint256"
      },
      {
        "indexed": false,
        "internalType": "uint256",
        "name": "paidAmount",
        "type": "uint256"
      },
      {
        "indexed": false,
        "internalType": "address",
        "name": "paymentToken",
        "type": "address"
      },
      {
        "indexed": false,
        "internalType": "bytes",
        "name": "userEncrypted",
        "type": "bytes"
      }
    ],
    "name": "SubscriptionCreated",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "uint256",
        "name": "subscriptionId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "internalType": "uint256",
        "name": "planId",
        "type": "uint256"
      },
      {
        "indexed": true,
        "internalType": "address",
        "name": "extendedBy",
        "type": "address"
      },
      {
        "indexed": false,
        "internalType": "uint256",
        "name": "newExpiresAt",
        "type": "uint256"
      },
      {
        "indexed": false,
        "internalType": "uint256",
        "name": "paidAmount",
        "type": "uint256"
      },
      {
        "indexed": false,
        "internalType": "address",
        "name": "paymentToken",
        "type": "address"
      }
    ],
    "name": "SubscriptionExtended",
    "type": "event"
  },
  {
    "anonymous": false,
    "inputs": [
      {
        "indexed": true,
        "internalType": "address",
        "name": "token",
        "type": "address"
      },
      {
        "indexed": true,
        "internalType": "address",
        "name": "to",
        "type": "address"
      },
      {
        "indexed": false,
        "internalType": "uint256",
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "Withdrawn",
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
    "name": "MAX_DAYS",
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
    "name": "MAX_PLAN_NAME",
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
    "name": "MIN_DAYS",
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
    "name": "NATIVE",
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
    "name": "OPERATOR_ROLE",
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
        "name": "planId",
        "type": "uint256"
      },
      {
        "internalType": "uint256",
        "name": "days_",
        "type": "uint256"
      },
      {
        "internalType": "address",
        "name": "token",
        "type": "address"
      },
      {
        "internalType": "uint256",
        "name": "maxAmount",
        "type": "uint256"
      },
      {
        "internalType": "bytes",
        "name": "userEncrypted",
        "type": "bytes"
      }
    ],
    "name": "buySubscription",
    "outputs": [
      {
        "internalType": "uint256",
        "name": "subscriptionId",
        "type": "uint256"
      }
    ],
    "stateMutability": "payable",
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
    "name": "cancelSubscription",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "string",
        "name": "name",
        "type": "string"
      },
      {
        "internalType": "uint256",
        "name": "pricePerDayUsdCents",
        "type": "uint256"
      },
      {
        "internalType": "uint32",
        "name": "cores",
        "type": "uint32"
      },
      {
        "internalType": "uint32",
        "name": "memoryMiB",
        "type": "uint32"
      },
      {
        "internalType": "uint32",
        "name": "diskGiB",
        "type": "uint32"
      }
    ],
    "name": "createPlan",
    "outputs": [
      {
        "internalType": "uint256",
        "name": "planId",
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
        "name": "subscriptionId",
        "type": "uint256"
      },
      {
        "internalType": "uint256",
        "name": "days_",
        "type": "uint256"
      },
      {
        "internalType": "address",
        "name": "token",
        "type": "address"
      },
      {
        "internalType": "uint256",
        "name": "maxAmount",
        "type": "uint256"
      }
    ],
    "name": "extendSubscription",
    "outputs": [
      {
        "internalType": "uint256",
        "name": "newExpiresAt",
        "type": "uint256"
      }
    ],
    "stateMutability": "payable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "getPaymentTokens",
    "outputs": [
      {
        "internalType": "address[]",
        "name": "",
        "type": "address[]"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "planId",
        "type": "uint256"
      }
    ],
    "name": "getPlan",
    "outputs": [
      {
        "components": [
          {
            "internalType": "uint256",
            "name": "id",
            "type": "uint256"
          },
          {
            "internalType": "string",
            "name": "name",
            "type": "string"
          },
          {
            "internalType": "uint256",
            "name": "pricePerDayUsdCents",
            "type": "uint256"
          },
          {
            "internalType": "uint32",
            "name": "cores",
            "type": "uint32"
          },
          {
            "internalType": "uint32",
            "name": "memoryMiB",
            "type": "uint32"
          },
          {
            "internalType": "uint32",
            "name": "diskGiB",
            "type": "uint32"
          },
          {
            "internalType": "bool",
            "name": "active",
            "type": "bool"
          }
        ],
        "internalType": "struct IBlockhostSubscriptions.Plan",
        "name": "",
        "type": "tuple"
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
        "name": "subscriptionId",
        "type": "uint256"
      }
    ],
    "name": "getSubscription",
    "outputs": [
      {
        "components": [
          {
            "internalType": "uint256",
            "name": "id",
            "type": "uint256"
          },
          {
            "internalType": "uint256",
            "name": "planId",
            "type": "uint256"
          },
          {
            "internalType": "address",
            "name": "subscriber",
            "type": "address"
          },
          {
            "internalType": "uint256",
            "name": "expiresAt",
            "type": "uint256"
          },
          {
            "internalType": "bool",
            "name": "cancelled",
            "type": "bool"
          }
        ],
        "internalType": "struct IBlockhostSubscriptions.Subscription",
        "name": "",
        "type": "tuple"
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
        "internalType": "address",
        "name": "token",
        "type": "address"
      }
    ],
    "name": "paymentTokenDecimals",
    "outputs": [
      {
        "internalType": "uint8",
        "name": "",
        "type": "uint8"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "planCount",
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
    "name": "priceFeed",
    "outputs": [
      {
        "internalType": "contract AggregatorV3Interface",
        "name": "",
        "type": "address"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "priceFeedDecimals",
    "outputs": [
      {
        "internalType": "uint8",
        "name": "",
        "type": "uint8"
      }
    ],
    "stateMutability": "view",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "priceFeedMaxStaleness",
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
        "name": "planId",
        "type": "uint256"
      },
      {
        "internalType": "uint256",
        "name": "days_",
        "type": "uint256"
      },
      {
        "internalType": "address",
        "name": "token",
        "type": "address"
      }
    ],
    "name": "quote",
    "outputs": [
      {
        "internalType": "uint256",
        "name": "amount",
        "type": "uint256"
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
        "name": "callerConfirmation",
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
    "inputs": [
      {
        "internalType": "address",
        "name": "token",
        "type": "address"
      },
      {
        "internalType": "bool",
        "name": "accepted",
        "type": "bool"
      }
    ],
    "name": "setPaymentToken",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "feed",
        "type": "address"
      },
      {
        "internalType": "uint256",
        "name": "maxStaleness",
        "type": "uint256"
      }
    ],
    "name": "setPriceFeed",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "subscriptionCount",
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
    "inputs": [
      {
        "internalType": "uint256",
        "name": "planId",
        "type": "uint256"
      },
      {
        "internalType": "string",
        "name": "name",
        "type": "string"
      },
      {
        "internalType": "uint256",
        "name": "pricePerDayUsdCents",
        "type": "uint256"
      },
      {
        "internalType": "uint32",
        "name": "cores",
        "type": "uint32"
      },
      {
        "internalType": "uint32",
        "name": "memoryMiB",
        "type": "uint32"
      },
      {
        "internalType": "uint32",
        "name": "diskGiB",
        "type": "uint32"
      },
      {
        "internalType": "bool",
        "name": "active",
        "type": "bool"
      }
    ],
    "name": "updatePlan",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [
      {
        "internalType": "address",
        "name": "token",
        "type": "address"
      },
      {
        "internalType": "address",
        "name": "to",
        "type": "address"
      },
      {
        "internalType": "uint256",
        "name": "amount",
        "type": "uint256"
      }
    ],
    "name": "withdraw",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  }
] as const;

export const blockhostSubscriptionsBytecode = '0x608060405234801561000f575f5ffd5b50604051612fca380380612fca83398101604081905261002e9161067b565b60017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00556001600160a01b038516158061006f57506001600160a01b038416155b1561008d5760405163d92e233d60e01b815260040160405180910390fd5b6100975f86610124565b506100c27f97667070c54ef182b0f5858b034beac1b6f3089aa2d3188bb1e8929f4fa9b92985610124565b505f5b8351811015610100576100f88482815181106100e3576100e3610783565b602002602001015160016101cd60201b60201c565b6001016100c5565b506001600160a01b0382161561011a5761011a828261044e565b505050505061082a565b5f828152602081815260408083206001600160a01b038516845290915281205460ff166101c4575f838152602081815260408083206001600160a01b03861684529091529020805460ff1916600117905561017c3390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a45060016101c7565b505f5b92915050565b6001600160a01b0382166101f45760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0382165f908152600560205260408120549082156102cd575f61021d85610552565b925090508061024f57604051639236bba760e01b81526001600160a01b03861660048201526024015b60405180910390fd5b825f036102a157600680546001810182555f919091527ff652222313e28459528d920b65115c16c04f3efc82aaedc97be59f3f377c0d3f0180546001600160a01b0319166001600160a01b0387161790555b6102af60ff831660016107ab565b6001600160a01b0386165f9081526005602052604090205550610400565b8115610400576102de6001836107be565b6001600160a01b0385165f9081526005602052604081208190556006549192509061030b906001906107be565b90505f5b8181116103fd57856001600160a01b03166006828154811061033357610333610783565b5f918252602090912001546001600160a01b0316036103eb576006828154811061035f5761035f610783565b5f91825260209091200154600680546001600160a01b03909216918390811061038a5761038a610783565b905f5260205f20015f6101000a8154816001600160a01b0302191690836001600160a01b0316021790555060068054806103c6576103c66107d1565b5f8281526020902081015f1990810180546001600160a01b03191690550190556103fd565b806103f5816107e5565b91505061030f565b50505b60408051841515815260ff831660208201526001600160a01b038616917f4070b2010f0eb1f9bce8f758652bcf7887bf5a7aebb9433871ee32f9a6206dc0910160405180910390a250505050565b6001600160a01b03821661047557600780546001600160a81b03191690555f60085561050b565b805f036104a057604051636787b55560e01b81526001600160a01b0383166004820152602401610246565b5f806104ab84610552565b91509150816104d857604051636787b55560e01b81526001600160a01b0385166004820152602401610246565b6007805460ff909216600160a01b026001600160a81b03199092166001600160a01b038616179190911790555060088190555b816001600160a01b03167fd62c8b7f5db8c31e2692d6e561aa15bcf5f1e89304e284c17dd7883e3ca034288260405161054691815260200190565b60405180910390a25050565b5f5f826001600160a01b03163b5f0361056f57505f928392509050565b60408051600481526024810182526020810180516001600160e01b031663313ce56760e01b17905290515f9182916001600160a01b038716916105b1916107fd565b5f60405180830381855afa9150503d805f81146105e9576040519150601f19603f3d011682016040523d82523d5f602084013e6105ee565b606091505b5091509150811580610601575060208151105b1561061257505f9485945092505050565b5f818060200190518101906106279190610813565b9050602481111561063f57505f958695509350505050565b6001969095509350505050565b80516001600160a01b0381168114610662575f5ffd5b919050565b634e487b7160e01b5f52604160045260245ffd5b5f5f5f5f5f60a0868803121561068f575f5ffd5b6106988661064c565b94506106a66020870161064c565b60408701519094506001600160401b038111156106c1575f5ffd5b8601601f810188136106d1575f5ffd5b80516001600160401b038111156106ea576106ea610667565b604051600582901b90603f8201601f191681016001600160401b038111828210171561071857610718610667565b60405291825260208184018101929081018b841115610735575f5ffd5b6020850194505b8385101561075b5761074d8561064c565b81526020948501940161073c565b50955061076e925050506060870161064c565b60809690960151949793965091949392915050565b634e487b7160e01b5f52603260045260245ffd5b634e487b7160e01b5f52601160045260245ffd5b808201808211156101c7576101c7610797565b818103818111156101c7576101c7610797565b634e487b7160e01b5f52603160045260245ffd5b5f600182016107f6576107f6610797565b5060010190565b5f82518060208501845e5f920191825250919050565b5f60208284031215610823575f5ffd5b5051919050565b612793806108375f395ff3fe6080604052600436106101d0575f3560e01c8063901cce6d116100fd578063bbb7eb1c11610092578063d9caed1211610062578063d9caed1214610509578063dc311dd314610528578063f5b541a61461058f578063fbf5b3b4146105af575f5ffd5b8063bbb7eb1c1461048b578063ca5e553e146104aa578063d481515a146104cb578063d547741f146104ea575f5ffd5b8063a25aa00b116100cd578063a25aa00b14610412578063a383839a14610444578063a426287414610458578063ae2f19d814610477575f5ffd5b8063901cce6d146103ba57806391d14854146103cd578063a0cf0aea146103ec578063a217fddf146103ff575f5ffd5b806336568abe11610173578063693eafff11610143578063693eafff1461033c57806373faf46d14610351578063741bef1a146103705780638f167e16146103a7575f5ffd5b806336568abe146102d5578063382d39bb146102f4578063430884cf146103085780634c79f32d14610327575f5ffd5b806321235083116101ae578063212350831461023b578063248a9ca31461025c57806326cd52741461028a5780632f2ff15d146102b6575f5ffd5b806301ffc9a7146101d4578063173b6d90146102085780631a7ae9d214610226575b5f5ffd5b3480156101df575f5ffd5b506101f36101ee366004611e4b565b6105ce565b60405190151581526020015b60405180910390f35b348015610213575f5ffd5b506002545b6040519081526020016101ff565b348015610231575f5ffd5b5061021861040081565b348015610246575f5ffd5b5061025a610255366004611e72565b6105f8565b005b348015610267575f5ffd5b50610218610276366004611e72565b5f9081526020819052604090206001015490565b348015610295575f5ffd5b506102a96102a4366004611e72565b6106e0565b6040516101ff9190611e89565b3480156102c1575f5ffd5b5061025a6102d0366004611f38565b610816565b3480156102e0575f5ffd5b5061025a6102ef366004611f38565b610840565b3480156102ff575f5ffd5b50600154610218565b348015610313575f5ffd5b5061025a610322366004611f71565b610878565b348015610332575f5ffd5b5061021860085481565b348015610347575f5ffd5b50610218610e4281565b34801561035c575f5ffd5b5061025a61036b366004611f99565b61088c565b34801561037b575f5ffd5b5060075461038f906001600160a01b031681565b6040516001600160a01b0390911681526020016101ff565b6102186103b5366004612006565b6108a0565b6102186103c8366004612072565b610a52565b3480156103d8575f5ffd5b506101f36103e7366004611f38565b610b76565b3480156103f7575f5ffd5b5061038f5f81565b34801561040a575f5ffd5b506102185f81565b34801561041d575f5ffd5b5060075461043290600160a01b900460ff1681565b60405160ff90911681526020016101ff565b34801561044f575f5ffd5b50610218604081565b348015610463575f5ffd5b5061025a6104723660046120bf565b610b9e565b348015610482575f5ffd5b50610218600181565b348015610496575f5ffd5b506102186104a5366004612151565b610d37565b3480156104b5575f5ffd5b506104be610d62565b6040516101ff9190612183565b3480156104d6575f5ffd5b506104326104e53660046121ce565b610dc2565b3480156104f5575f5ffd5b5061025a610504366004611f38565b610e10565b348015610514575f5ffd5b5061025a6105233660046121e7565b610e34565b348015610533575f5ffd5b50610547610542366004611e72565b610f7a565b6040516101ff919081518152602080830151908201526040808301516001600160a01b0316908201526060808301519082015260809182015115159181019190915260a00190565b34801561059a575f5ffd5b506102185f51602061271e5f395f51905f5281565b3480156105ba575f5ffd5b506102186105c9366004612221565b611008565b5f6001600160e01b03198216634d1522ab60e11b14806105f257506105f2826111aa565b92915050565b5f610602826111de565b60028101549091506001600160a01b0316331480159061063657506106345f51602061271e5f395f51905f5233610b76565b155b156106625760405163097d8c9360e01b8152600481018390523360248201526044015b60405180910390fd5b600481015460ff161561068b57604051637825edb960e11b815260048101839052602401610659565b60048101805460ff191660019081179091556002820154908201546040516001600160a01b039092169184907f66f43ba68b89239cf7af6921b9dcdaf6ce93c7223af7a53e343dbedcc082a104905f90a45050565b6040805160e0810182525f8082526060602083018190529282018190529181018290526080810182905260a0810182905260c081019190915261072282611215565b6040518060e00160405290815f820154815260200160018201805461074690612299565b80601f016020809104026020016040519081016040528092919081815260200182805461077290612299565b80156107bd5780601f10610794576101008083540402835291602001916107bd565b820191905f5260205f20905b8154815290600101906020018083116107a057829003601f168201915b50505091835250506002820154602082015260039091015463ffffffff8082166040840152640100000000820481166060840152600160401b8204166080830152600160601b900460ff16151560a09091015292915050565b5f8281526020819052604090206001015461083081611247565b61083a8383611254565b50505050565b6001600160a01b03811633146108695760405163334bd91960e11b815260040160405180910390fd5b61087382826112e3565b505050565b5f61088281611247565b610873838361134c565b5f61089681611247565b61087383836115c8565b5f6108a96116cc565b6108b2866116e7565b6104008211156108e05760405163779e0c3760e01b8152600481018390526104006024820152604401610659565b5f6108ea88611215565b6003810154909150600160601b900460ff1661091c57604051630f765a9360e21b815260048101899052602401610659565b5f61092c82600201548989611727565b905060025f815461093c906122e5565b918290555092505f61095189620151806122fd565b61095b9042612314565b6040805160a08101825286815260208082018e815233838501818152606085018781525f608087018181528d825260049687905290889020965187559351600187015590516002860180546001600160a01b0319166001600160a01b03909216919091179055516003850155905192909101805460ff1916921515929092179091559051919250908b9086907ff8d0042297eb90d4c0e69b16b80a93bdee5b71f0a963a1961a4de8c551958b5590610a1c90869088908f908e908e9061234f565b60405180910390a4610a2f828989611933565b505050610a4860015f51602061273e5f395f51905f5255565b9695505050505050565b5f610a5b6116cc565b610a64846116e7565b5f610a6e866111de565b600481015490915060ff1615610a9a57604051637825edb960e11b815260048101879052602401610659565b60018101545f90815260036020526040812060020154610abb908787611727565b90505f42836003015411610acf5742610ad5565b82600301545b9050610ae487620151806122fd565b610aee9082612314565b60038401819055600184015460408051838152602081018690526001600160a01b038a1681830152905192965033928b917f80f867aeffc74b04b4f387cfc5572b2a3537d8705579fb696da4019cc8069e09919081900360600190a4610b55828787611933565b505050610b6e60015f51602061273e5f395f51905f5255565b949350505050565b5f918252602082815260408084206001600160a01b0393909316845291905290205460ff1690565b5f51602061271e5f395f51905f52610bb581611247565b610bbe89611215565b50610bcd888888888888611a55565b6040518060e001604052808a815260200189898080601f0160208091040260200160405190810160405280939291908181526020018383808284375f92018290525093855250505060208083018a905263ffffffff808a166040808601919091528982166060860152908816608085015286151560a0909401939093528c82526003815291902082518155908201516001820190610c6b90826123f1565b506040828101516002830155606083015160039092018054608085015160a086015160c0909601511515600160601b0260ff60601b1963ffffffff978816600160401b021664ffffffffff60401b199288166401000000000267ffffffffffffffff1990941697909616969096179190911716929092179290921790555189907f5de89928fdc61dcaf1eded39b6b03f95431bedecf6f378bf48b50933bf16919790610d24908b908b908b908b908b908b908b906124ac565b60405180910390a2505050505050505050565b5f610d41836116e7565b610d58610d4d85611215565b600201548484611727565b90505b9392505050565b60606006805480602002602001604051908101604052809291908181526020018280548015610db857602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311610d9a575b5050505050905090565b6001600160a01b0381165f90815260056020526040812054808203610e055760405163f01157c360e01b81526001600160a01b0384166004820152602401610659565b610d5b6001826124f3565b5f82815260208190526040902060010154610e2a81611247565b61083a83836112e3565b5f610e3e81611247565b610e466116cc565b6001600160a01b038316610e6d5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b038416610f03575f836001600160a01b0316836040515f6040518083038185875af1925050503d805f8114610ec4576040519150601f19603f3d011682016040523d82523d5f602084013e610ec9565b606091505b5050905080610efd5760405163296c17bb60e21b81526001600160a01b038516600482015260248101849052604401610659565b50610f17565b610f176001600160a01b0385168484611ba9565b826001600160a01b0316846001600160a01b03167fd1c19fbcd4551a5edfb66d43d2e337c04837afda3482b42bdf569a8fccdae5fb84604051610f5c91815260200190565b60405180910390a361083a60015f51602061273e5f395f51905f5255565b610fb26040518060a001604052805f81526020015f81526020015f6001600160a01b031681526020015f81526020015f151581525090565b610fbb826111de565b6040805160a081018252825481526001830154602082015260028301546001600160a01b0316918101919091526003820154606082015260049091015460ff161515608082015292915050565b5f5f51602061271e5f395f51905f5261102081611247565b61102e888888888888611a55565b60015f815461103c906122e5565b91905081905591506040518060e0016040528083815260200189898080601f0160208091040260200160405190810160405280939291908181526020018383808284375f92018290525093855250505060208083018a905263ffffffff808a1660408086019190915289821660608601529088166080850152600160a090940184905286835260038252909120835181559083015190918201906110e090826123f1565b506040828101516002830155606083015160039092018054608085015160a086015160c0909601511515600160601b0260ff60601b1963ffffffff978816600160401b021664ffffffffff60401b199288166401000000000267ffffffffffffffff1990941697909616969096179190911716929092179290921790555182907f7edf24fa4d0fc499ea2fdb4b2ad4e8ac2e3a6d8f17a633012cffbb4b3d7ad19290611197908b908b908b908b908b908b90612506565b60405180910390a2509695505050505050565b5f6001600160e01b03198216637965db0b60e01b14806105f257506301ffc9a760e01b6001600160e01b03198316146105f2565b5f8181526004602052604081208054909103611210576040516366fcc43f60e11b815260048101839052602401610659565b919050565b5f818152600360205260408120805490910361121057604051633582fa3760e11b815260048101839052602401610659565b6112518133611bde565b50565b5f61125f8383610b76565b6112dc575f838152602081815260408083206001600160a01b03861684529091529020805460ff191660011790556112943390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a45060016105f2565b505f6105f2565b5f6112ee8383610b76565b156112dc575f838152602081815260408083206001600160a01b0386168085529252808320805460ff1916905551339286917ff6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b9190a45060016105f2565b6001600160a01b0382166113735760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0382165f90815260056020526040812054908215611447575f61139c85611c1b565b92509050806113c957604051639236bba760e01b81526001600160a01b0386166004820152602401610659565b825f0361141b57600680546001810182555f919091527ff652222313e28459528d920b65115c16c04f3efc82aaedc97be59f3f377c0d3f0180546001600160a01b0319166001600160a01b0387161790555b61142960ff83166001612314565b6001600160a01b0386165f908152600560205260409020555061157a565b811561157a576114586001836124f3565b6001600160a01b0385165f90815260056020526040812081905560065491925090611485906001906124f3565b90505f5b81811161157757856001600160a01b0316600682815481106114ad576114ad612546565b5f918252602090912001546001600160a01b03160361156557600682815481106114d9576114d9612546565b5f91825260209091200154600680546001600160a01b03909216918390811061150457611504612546565b905f5260205f20015f6101000a8154816001600160a01b0302191690836001600160a01b0316021790555060068054806115405761154061255a565b5f8281526020902081015f1990810180546001600160a01b0319169055019055611577565b8061156f816122e5565b915050611489565b50505b60408051841515815260ff831660208201526001600160a01b038616917f4070b2010f0eb1f9bce8f758652bcf7887bf5a7aebb9433871ee32f9a6206dc0910160405180910390a250505050565b6001600160a01b0382166115ef57600780546001600160a81b03191690555f600855611685565b805f0361161a57604051636787b55560e01b81526001600160a01b0383166004820152602401610659565b5f5f61162584611c1b565b915091508161165257604051636787b55560e01b81526001600160a01b0385166004820152602401610659565b6007805460ff909216600160a01b026001600160a81b03199092166001600160a01b038616179190911790555060088190555b816001600160a01b03167fd62c8b7f5db8c31e2692d6e561aa15bcf5f1e89304e284c17dd7883e3ca03428826040516116c091815260200190565b60405180910390a25050565b6116d4611d15565b60025f51602061273e5f395f51905f5255565b60018110806116f75750610e4281115b156112515760405163a931245360e01b81526004810182905260016024820152610e426044820152606401610659565b5f8061173384866122fd565b90506001600160a01b038316156117bd576001600160a01b0383165f90815260056020526040812054908190036117885760405163f01157c360e01b81526001600160a01b0385166004820152602401610659565b60646117956001836124f3565b6117a090600a612651565b6117aa90846122fd565b6117b4919061265c565b92505050610d5b565b6007546001600160a01b0316806117e757604051637de0e7d160e01b815260040160405180910390fd5b5f5f826001600160a01b031663feaf968c6040518163ffffffff1660e01b815260040160a060405180830381865afa158015611825573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906118499190612694565b509350509250505f8213611873576040516338ee04a760e01b815260048101839052602401610659565b80158061188c5750426008548261188a9190612314565b105b156118be5760085460405163033565a560e31b8152600481018390526024810191909152426044820152606401610659565b6007545f906118d890600160a01b900460ff16600a6126e2565b6118ea86670de0b6b3a76400006122fd565b6118f491906122fd565b90505f6119028460646122fd565b90508060016119118285612314565b61191b91906124f3565b611925919061265c565b9a9950505050505050505050565b8083111561195e5760405163385b498760e11b81526004810184905260248101829052604401610659565b6001600160a01b038216611a1f57823410156119965760405163b99e2ab760e01b815234600482015260248101849052604401610659565b5f6119a184346124f3565b9050801561083a576040515f90339083908381818185875af1925050503d805f81146119e8576040519150601f19603f3d011682016040523d82523d5f602084013e6119ed565b606091505b5050905080611a185760405163296c17bb60e21b815233600482015260248101839052604401610659565b5050505050565b3415611a4057604051635571d9ed60e11b8152346004820152602401610659565b6108736001600160a01b038316333086611d46565b84801580611a635750604081115b15611a9a5760405163d29d307560e01b8152600401610659906020808252600490820152636e616d6560e01b604082015260600190565b845f03611ae05760405163d29d307560e01b8152602060048201526013602482015272707269636550657244617955736443656e747360681b6044820152606401610659565b8363ffffffff165f03611b1e5760405163d29d307560e01b8152602060048201526005602482015264636f72657360d81b6044820152606401610659565b8263ffffffff165f03611b605760405163d29d307560e01b815260206004820152600960248201526836b2b6b7b93ca6b4a160b91b6044820152606401610659565b8163ffffffff165f03611ba05760405163d29d307560e01b81526020600482015260076024820152663234b9b5a3b4a160c91b6044820152606401610659565b50505050505050565b611bb68383836001611d7c565b61087357604051635274afe760e01b81526001600160a01b0384166004820152602401610659565b611be88282610b76565b611c175760405163e2517d3f60e01b81526001600160a01b038216600482015260248101839052604401610659565b5050565b5f5f826001600160a01b03163b5f03611c3857505f928392509050565b60408051600481526024810182526020810180516001600160e01b031663313ce56760e01b17905290515f9182916001600160a01b03871691611c7a916126f0565b5f60405180830381855afa9150503d805f8114611cb2576040519150601f19603f3d011682016040523d82523d5f602084013e611cb7565b606091505b5091509150811580611cca575060208151105b15611cdb57505f9485945092505050565b5f81806020019051810190611cf09190612706565b90506024811115611d0857505f958695509350505050565b6001969095509350505050565b5f51602061273e5f395f51905f5254600203611d4457604051633ee5aeb560e01b815260040160405180910390fd5b565b611d54848484846001611dde565b61083a57604051635274afe760e01b81526001600160a01b0385166004820152602401610659565b60405163a9059cbb60e01b5f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f51148316611dd2578383151615611dc6573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b6040516323b872dd60e01b5f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f51148316611e3a578383151615611e2e573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f60208284031215611e5b575f5ffd5b81356001600160e01b031981168114610d5b575f5ffd5b5f60208284031215611e82575f5ffd5b5035919050565b60208152815160208201525f602083015160e06040840152805180610100850152806020830161012086015e5f61012082860101526040850151606085015260608501519150611ee1608085018363ffffffff169052565b608085015163ffffffff90811660a0868101919091528601511660c08086019190915290940151151560e08401525050601f909101601f1916016101200190565b80356001600160a01b0381168114611210575f5ffd5b5f5f60408385031215611f49575f5ffd5b82359150611f5960208401611f22565b90509250929050565b80358015158114611210575f5ffd5b5f5f60408385031215611f82575f5ffd5b611f8b83611f22565b9150611f5960208401611f62565b5f5f60408385031215611faa575f5ffd5b611fb383611f22565b946020939093013593505050565b5f5f83601f840112611fd1575f5ffd5b50813567ffffffffffffffff811115611fe8575f5ffd5b602083019150836020828501011115611fff575f5ffd5b9250929050565b5f5f5f5f5f5f60a0878903121561201b575f5ffd5b863595506020870135945061203260408801611f22565b935060608701359250608087013567ffffffffffffffff811115612054575f5ffd5b61206089828a01611fc1565b979a9699509497509295939492505050565b5f5f5f5f60808587031215612085575f5ffd5b843593506020850135925061209c60408601611f22565b9396929550929360600135925050565b803563ffffffff81168114611210575f5ffd5b5f5f5f5f5f5f5f5f60e0898b0312156120d6575f5ffd5b88359750602089013567ffffffffffffffff8111156120f3575f5ffd5b6120ff8b828c01611fc1565b9098509650506040890135945061211860608a016120ac565b935061212660808a016120ac565b925061213460a08a016120ac565b915061214260c08a01611f62565b90509295985092959890939650565b5f5f5f60608486031215612163575f5ffd5b833592506020840135915061217a60408501611f22565b90509250925092565b602080825282518282018190525f918401906040840190835b818110156121c35783516001600160a01b031683526020938401939092019160010161219c565b509095945050505050565b5f602082840312156121de575f5ffd5b610d5b82611f22565b5f5f5f606084860312156121f9575f5ffd5b61220284611f22565b925061221060208501611f22565b929592945050506040919091013590565b5f5f5f5f5f5f60a08789031215612236575f5ffd5b863567ffffffffffffffff81111561224c575f5ffd5b61225889828a01611fc1565b90975095505060208701359350612271604088016120ac565b925061227f606088016120ac565b915061228d608088016120ac565b90509295509295509295565b600181811c908216806122ad57607f821691505b6020821081036122cb57634e487b7160e01b5f52602260045260245ffd5b50919050565b634e487b7160e01b5f52601160045260245ffd5b5f600182016122f6576122f66122d1565b5060010190565b80820281158282048414176105f2576105f26122d1565b808201808211156105f2576105f26122d1565b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b85815284602082015260018060a01b0384166040820152608060608201525f61237c608083018486612327565b979650505050505050565b634e487b7160e01b5f52604160045260245ffd5b601f821115610873578282111561087357805f5260205f20601f840160051c60208510156123c657505f5b90810190601f840160051c035f5b818110156123e9575f838201556001016123d4565b505050505050565b815167ffffffffffffffff81111561240b5761240b612387565b61241f816124198454612299565b8461239b565b6020601f821160018114612451575f831561243a5750848201515b5f19600385901b1c1916600184901b178455611a18565b5f84815260208120601f198516915b828110156124805787850151825560209485019460019092019101612460565b508482101561249d57868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b60c081525f6124bf60c08301898b612327565b60208301979097525063ffffffff948516604082015292841660608401529216608082015290151560a09091015292915050565b818103818111156105f2576105f26122d1565b60a081525f61251960a08301888a612327565b60208301969096525063ffffffff9384166040820152918316606083015290911660809091015292915050565b634e487b7160e01b5f52603260045260245ffd5b634e487b7160e01b5f52603160045260245ffd5b6001815b60018411156125a95780850481111561258d5761258d6122d1565b600184161561259b57908102905b60019390931c928002612572565b935093915050565b5f826125bf575060016105f2565b816125cb57505f6105f2565b81600181146125e157600281146125eb57612607565b60019150506105f2565b60ff8411156125fc576125fc6122d1565b50506001821b6105f2565b5060208310610133831016604e8410600b841016171561262a575081810a6105f2565b6126365f19848461256e565b805f1904821115612649576126496122d1565b029392505050565b5f610d5b83836125b1565b5f8261267657634e487b7160e01b5f52601260045260245ffd5b500490565b805169ffffffffffffffffffff81168114611210575f5ffd5b5f5f5f5f5f60a086880312156126a8575f5ffd5b6126b18661267b565b602087015160408801516060890151929750909550935091506126d66080870161267b565b90509295509295909350565b5f610d5b60ff8416836125b1565b5f82518060208501845e5f920191825250919050565b5f60208284031215612716575f5ffd5b505191905056fe97667070c54ef182b0f5858b034beac1b6f3089aa2d3188bb1e8929f4fa9b9299b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00a26469706673582212208bfa5ac771f44a01afc0a2206b31d7f639afb4acb6795693e8653fd81918e12764736f6c63430008250033' as const;

export const blockhostSubscriptionsDeployedBytecode = '0x6080604052600436106101d0575f3560e01c8063901cce6d116100fd578063bbb7eb1c11610092578063d9caed1211610062578063d9caed1214610509578063dc311dd314610528578063f5b541a61461058f578063fbf5b3b4146105af575f5ffd5b8063bbb7eb1c1461048b578063ca5e553e146104aa578063d481515a146104cb578063d547741f146104ea575f5ffd5b8063a25aa00b116100cd578063a25aa00b14610412578063a383839a14610444578063a426287414610458578063ae2f19d814610477575f5ffd5b8063901cce6d146103ba57806391d14854146103cd578063a0cf0aea146103ec578063a217fddf146103ff575f5ffd5b806336568abe11610173578063693eafff11610143578063693eafff1461033c57806373faf46d14610351578063741bef1a146103705780638f167e16146103a7575f5ffd5b806336568abe146102d5578063382d39bb146102f4578063430884cf146103085780634c79f32d14610327575f5ffd5b806321235083116101ae578063212350831461023b578063248a9ca31461025c57806326cd52741461028a5780632f2ff15d146102b6575f5ffd5b806301ffc9a7146101d4578063173b6d90146102085780631a7ae9d214610226575b5f5ffd5b3480156101df575f5ffd5b506101f36101ee366004611e4b565b6105ce565b60405190151581526020015b60405180910390f35b348015610213575f5ffd5b506002545b6040519081526020016101ff565b348015610231575f5ffd5b5061021861040081565b348015610246575f5ffd5b5061025a610255366004611e72565b6105f8565b005b348015610267575f5ffd5b50610218610276366004611e72565b5f9081526020819052604090206001015490565b348015610295575f5ffd5b506102a96102a4366004611e72565b6106e0565b6040516101ff9190611e89565b3480156102c1575f5ffd5b5061025a6102d0366004611f38565b610816565b3480156102e0575f5ffd5b5061025a6102ef366004611f38565b610840565b3480156102ff575f5ffd5b50600154610218565b348015610313575f5ffd5b5061025a610322366004611f71565b610878565b348015610332575f5ffd5b5061021860085481565b348015610347575f5ffd5b50610218610e4281565b34801561035c575f5ffd5b5061025a61036b366004611f99565b61088c565b34801561037b575f5ffd5b5060075461038f906001600160a01b031681565b6040516001600160a01b0390911681526020016101ff565b6102186103b5366004612006565b6108a0565b6102186103c8366004612072565b610a52565b3480156103d8575f5ffd5b506101f36103e7366004611f38565b610b76565b3480156103f7575f5ffd5b5061038f5f81565b34801561040a575f5ffd5b506102185f81565b34801561041d575f5ffd5b5060075461043290600160a01b900460ff1681565b60405160ff90911681526020016101ff565b34801561044f575f5ffd5b50610218604081565b348015610463575f5ffd5b5061025a6104723660046120bf565b610b9e565b348015610482575f5ffd5b50610218600181565b348015610496575f5ffd5b506102186104a5366004612151565b610d37565b3480156104b5575f5ffd5b506104be610d62565b6040516101ff9190612183565b3480156104d6575f5ffd5b506104326104e53660046121ce565b610dc2565b3480156104f5575f5ffd5b5061025a610504366004611f38565b610e10565b348015610514575f5ffd5b5061025a6105233660046121e7565b610e34565b348015610533575f5ffd5b50610547610542366004611e72565b610f7a565b6040516101ff919081518152602080830151908201526040808301516001600160a01b0316908201526060808301519082015260809182015115159181019190915260a00190565b34801561059a575f5ffd5b506102185f51602061271e5f395f51905f5281565b3480156105ba575f5ffd5b506102186105c9366004612221565b611008565b5f6001600160e01b03198216634d1522ab60e11b14806105f257506105f2826111aa565b92915050565b5f610602826111de565b60028101549091506001600160a01b0316331480159061063657506106345f51602061271e5f395f51905f5233610b76565b155b156106625760405163097d8c9360e01b8152600481018390523360248201526044015b60405180910390fd5b600481015460ff161561068b57604051637825edb960e11b815260048101839052602401610659565b60048101805460ff191660019081179091556002820154908201546040516001600160a01b039092169184907f66f43ba68b89239cf7af6921b9dcdaf6ce93c7223af7a53e343dbedcc082a104905f90a45050565b6040805160e0810182525f8082526060602083018190529282018190529181018290526080810182905260a0810182905260c081019190915261072282611215565b6040518060e00160405290815f820154815260200160018201805461074690612299565b80601f016020809104026020016040519081016040528092919081815260200182805461077290612299565b80156107bd5780601f10610794576101008083540402835291602001916107bd565b820191905f5260205f20905b8154815290600101906020018083116107a057829003601f168201915b50505091835250506002820154602082015260039091015463ffffffff8082166040840152640100000000820481166060840152600160401b8204166080830152600160601b900460ff16151560a09091015292915050565b5f8281526020819052604090206001015461083081611247565b61083a8383611254565b50505050565b6001600160a01b03811633146108695760405163334bd91960e11b815260040160405180910390fd5b61087382826112e3565b505050565b5f61088281611247565b610873838361134c565b5f61089681611247565b61087383836115c8565b5f6108a96116cc565b6108b2866116e7565b6104008211156108e05760405163779e0c3760e01b8152600481018390526104006024820152604401610659565b5f6108ea88611215565b6003810154909150600160601b900460ff1661091c57604051630f765a9360e21b815260048101899052602401610659565b5f61092c82600201548989611727565b905060025f815461093c906122e5565b918290555092505f61095189620151806122fd565b61095b9042612314565b6040805160a08101825286815260208082018e815233838501818152606085018781525f608087018181528d825260049687905290889020965187559351600187015590516002860180546001600160a01b0319166001600160a01b03909216919091179055516003850155905192909101805460ff1916921515929092179091559051919250908b9086907ff8d0042297eb90d4c0e69b16b80a93bdee5b71f0a963a1961a4de8c551958b5590610a1c90869088908f908e908e9061234f565b60405180910390a4610a2f828989611933565b505050610a4860015f51602061273e5f395f51905f5255565b9695505050505050565b5f610a5b6116cc565b610a64846116e7565b5f610a6e866111de565b600481015490915060ff1615610a9a57604051637825edb960e11b815260048101879052602401610659565b60018101545f90815260036020526040812060020154610abb908787611727565b90505f42836003015411610acf5742610ad5565b82600301545b9050610ae487620151806122fd565b610aee9082612314565b60038401819055600184015460408051838152602081018690526001600160a01b038a1681830152905192965033928b917f80f867aeffc74b04b4f387cfc5572b2a3537d8705579fb696da4019cc8069e09919081900360600190a4610b55828787611933565b505050610b6e60015f51602061273e5f395f51905f5255565b949350505050565b5f918252602082815260408084206001600160a01b0393909316845291905290205460ff1690565b5f51602061271e5f395f51905f52610bb581611247565b610bbe89611215565b50610bcd888888888888611a55565b6040518060e001604052808a815260200189898080601f0160208091040260200160405190810160405280939291908181526020018383808284375f92018290525093855250505060208083018a905263ffffffff808a166040808601919091528982166060860152908816608085015286151560a0909401939093528c82526003815291902082518155908201516001820190610c6b90826123f1565b506040828101516002830155606083015160039092018054608085015160a086015160c0909601511515600160601b0260ff60601b1963ffffffff978816600160401b021664ffffffffff60401b199288166401000000000267ffffffffffffffff1990941697909616969096179190911716929092179290921790555189907f5de89928fdc61dcaf1eded39b6b03f95431bedecf6f378bf48b50933bf16919790610d24908b908b908b908b908b908b908b906124ac565b60405180910390a2505050505050505050565b5f610d41836116e7565b610d58610d4d85611215565b600201548484611727565b90505b9392505050565b60606006805480602002602001604051908101604052809291908181526020018280548015610db857602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311610d9a575b5050505050905090565b6001600160a01b0381165f90815260056020526040812054808203610e055760405163f01157c360e01b81526001600160a01b0384166004820152602401610659565b610d5b6001826124f3565b5f82815260208190526040902060010154610e2a81611247565b61083a83836112e3565b5f610e3e81611247565b610e466116cc565b6001600160a01b038316610e6d5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b038416610f03575f836001600160a01b0316836040515f6040518083038185875af1925050503d805f8114610ec4576040519150601f19603f3d011682016040523d82523d5f602084013e610ec9565b606091505b5050905080610efd5760405163296c17bb60e21b81526001600160a01b038516600482015260248101849052604401610659565b50610f17565b610f176001600160a01b0385168484611ba9565b826001600160a01b0316846001600160a01b03167fd1c19fbcd4551a5edfb66d43d2e337c04837afda3482b42bdf569a8fccdae5fb84604051610f5c91815260200190565b60405180910390a361083a60015f51602061273e5f395f51905f5255565b610fb26040518060a001604052805f81526020015f81526020015f6001600160a01b031681526020015f81526020015f151581525090565b610fbb826111de565b6040805160a081018252825481526001830154602082015260028301546001600160a01b0316918101919091526003820154606082015260049091015460ff161515608082015292915050565b5f5f51602061271e5f395f51905f5261102081611247565b61102e888888888888611a55565b60015f815461103c906122e5565b91905081905591506040518060e0016040528083815260200189898080601f0160208091040260200160405190810160405280939291908181526020018383808284375f92018290525093855250505060208083018a905263ffffffff808a1660408086019190915289821660608601529088166080850152600160a090940184905286835260038252909120835181559083015190918201906110e090826123f1565b506040828101516002830155606083015160039092018054608085015160a086015160c0909601511515600160601b0260ff60601b1963ffffffff978816600160401b021664ffffffffff60401b199288166401000000000267ffffffffffffffff1990941697909616969096179190911716929092179290921790555182907f7edf24fa4d0fc499ea2fdb4b2ad4e8ac2e3a6d8f17a633012cffbb4b3d7ad19290611197908b908b908b908b908b908b90612506565b60405180910390a2509695505050505050565b5f6001600160e01b03198216637965db0b60e01b14806105f257506301ffc9a760e01b6001600160e01b03198316146105f2565b5f8181526004602052604081208054909103611210576040516366fcc43f60e11b815260048101839052602401610659565b919050565b5f818152600360205260408120805490910361121057604051633582fa3760e11b815260048101839052602401610659565b6112518133611bde565b50565b5f61125f8383610b76565b6112dc575f838152602081815260408083206001600160a01b03861684529091529020805460ff191660011790556112943390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a45060016105f2565b505f6105f2565b5f6112ee8383610b76565b156112dc575f838152602081815260408083206001600160a01b0386168085529252808320805460ff1916905551339286917ff6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b9190a45060016105f2565b6001600160a01b0382166113735760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0382165f90815260056020526040812054908215611447575f61139c85611c1b565b92509050806113c957604051639236bba760e01b81526001600160a01b0386166004820152602401610659565b825f0361141b57600680546001810182555f919091527ff652222313e28459528d920b65115c16c04f3efc82aaedc97be59f3f377c0d3f0180546001600160a01b0319166001600160a01b0387161790555b61142960ff83166001612314565b6001600160a01b0386165f908152600560205260409020555061157a565b811561157a576114586001836124f3565b6001600160a01b0385165f90815260056020526040812081905560065491925090611485906001906124f3565b90505f5b81811161157757856001600160a01b0316600682815481106114ad576114ad612546565b5f918252602090912001546001600160a01b03160361156557600682815481106114d9576114d9612546565b5f91825260209091200154600680546001600160a01b03909216918390811061150457611504612546565b905f5260205f20015f6101000a8154816001600160a01b0302191690836001600160a01b0316021790555060068054806115405761154061255a565b5f8281526020902081015f1990810180546001600160a01b0319169055019055611577565b8061156f816122e5565b915050611489565b50505b60408051841515815260ff831660208201526001600160a01b038616917f4070b2010f0eb1f9bce8f758652bcf7887bf5a7aebb9433871ee32f9a6206dc0910160405180910390a250505050565b6001600160a01b0382166115ef57600780546001600160a81b03191690555f600855611685565b805f0361161a57604051636787b55560e01b81526001600160a01b0383166004820152602401610659565b5f5f61162584611c1b565b915091508161165257604051636787b55560e01b81526001600160a01b0385166004820152602401610659565b6007805460ff909216600160a01b026001600160a81b03199092166001600160a01b038616179190911790555060088190555b816001600160a01b03167fd62c8b7f5db8c31e2692d6e561aa15bcf5f1e89304e284c17dd7883e3ca03428826040516116c091815260200190565b60405180910390a25050565b6116d4611d15565b60025f51602061273e5f395f51905f5255565b60018110806116f75750610e4281115b156112515760405163a931245360e01b81526004810182905260016024820152610e426044820152606401610659565b5f8061173384866122fd565b90506001600160a01b038316156117bd576001600160a01b0383165f90815260056020526040812054908190036117885760405163f01157c360e01b81526001600160a01b0385166004820152602401610659565b60646117956001836124f3565b6117a090600a612651565b6117aa90846122fd565b6117b4919061265c565b92505050610d5b565b6007546001600160a01b0316806117e757604051637de0e7d160e01b815260040160405180910390fd5b5f5f826001600160a01b031663feaf968c6040518163ffffffff1660e01b815260040160a060405180830381865afa158015611825573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906118499190612694565b509350509250505f8213611873576040516338ee04a760e01b815260048101839052602401610659565b80158061188c5750426008548261188a9190612314565b105b156118be5760085460405163033565a560e31b8152600481018390526024810191909152426044820152606401610659565b6007545f906118d890600160a01b900460ff16600a6126e2565b6118ea86670de0b6b3a76400006122fd565b6118f491906122fd565b90505f6119028460646122fd565b90508060016119118285612314565b61191b91906124f3565b611925919061265c565b9a9950505050505050505050565b8083111561195e5760405163385b498760e11b81526004810184905260248101829052604401610659565b6001600160a01b038216611a1f57823410156119965760405163b99e2ab760e01b815234600482015260248101849052604401610659565b5f6119a184346124f3565b9050801561083a576040515f90339083908381818185875af1925050503d805f81146119e8576040519150601f19603f3d011682016040523d82523d5f602084013e6119ed565b606091505b5050905080611a185760405163296c17bb60e21b815233600482015260248101839052604401610659565b5050505050565b3415611a4057604051635571d9ed60e11b8152346004820152602401610659565b6108736001600160a01b038316333086611d46565b84801580611a635750604081115b15611a9a5760405163d29d307560e01b8152600401610659906020808252600490820152636e616d6560e01b604082015260600190565b845f03611ae05760405163d29d307560e01b8152602060048201526013602482015272707269636550657244617955736443656e747360681b6044820152606401610659565b8363ffffffff165f03611b1e5760405163d29d307560e01b8152602060048201526005602482015264636f72657360d81b6044820152606401610659565b8263ffffffff165f03611b605760405163d29d307560e01b815260206004820152600960248201526836b2b6b7b93ca6b4a160b91b6044820152606401610659565b8163ffffffff165f03611ba05760405163d29d307560e01b81526020600482015260076024820152663234b9b5a3b4a160c91b6044820152606401610659565b50505050505050565b611bb68383836001611d7c565b61087357604051635274afe760e01b81526001600160a01b0384166004820152602401610659565b611be88282610b76565b611c175760405163e2517d3f60e01b81526001600160a01b038216600482015260248101839052604401610659565b5050565b5f5f826001600160a01b03163b5f03611c3857505f928392509050565b60408051600481526024810182526020810180516001600160e01b031663313ce56760e01b17905290515f9182916001600160a01b03871691611c7a916126f0565b5f60405180830381855afa9150503d805f8114611cb2576040519150601f19603f3d011682016040523d82523d5f602084013e611cb7565b606091505b5091509150811580611cca575060208151105b15611cdb57505f9485945092505050565b5f81806020019051810190611cf09190612706565b90506024811115611d0857505f958695509350505050565b6001969095509350505050565b5f51602061273e5f395f51905f5254600203611d4457604051633ee5aeb560e01b815260040160405180910390fd5b565b611d54848484846001611dde565b61083a57604051635274afe760e01b81526001600160a01b0385166004820152602401610659565b60405163a9059cbb60e01b5f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f51148316611dd2578383151615611dc6573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b6040516323b872dd60e01b5f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f51148316611e3a578383151615611e2e573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f60208284031215611e5b575f5ffd5b81356001600160e01b031981168114610d5b575f5ffd5b5f60208284031215611e82575f5ffd5b5035919050565b60208152815160208201525f602083015160e06040840152805180610100850152806020830161012086015e5f61012082860101526040850151606085015260608501519150611ee1608085018363ffffffff169052565b608085015163ffffffff90811660a0868101919091528601511660c08086019190915290940151151560e08401525050601f909101601f1916016101200190565b80356001600160a01b0381168114611210575f5ffd5b5f5f60408385031215611f49575f5ffd5b82359150611f5960208401611f22565b90509250929050565b80358015158114611210575f5ffd5b5f5f60408385031215611f82575f5ffd5b611f8b83611f22565b9150611f5960208401611f62565b5f5f60408385031215611faa575f5ffd5b611fb383611f22565b946020939093013593505050565b5f5f83601f840112611fd1575f5ffd5b50813567ffffffffffffffff811115611fe8575f5ffd5b602083019150836020828501011115611fff575f5ffd5b9250929050565b5f5f5f5f5f5f60a0878903121561201b575f5ffd5b863595506020870135945061203260408801611f22565b935060608701359250608087013567ffffffffffffffff811115612054575f5ffd5b61206089828a01611fc1565b979a9699509497509295939492505050565b5f5f5f5f60808587031215612085575f5ffd5b843593506020850135925061209c60408601611f22565b9396929550929360600135925050565b803563ffffffff81168114611210575f5ffd5b5f5f5f5f5f5f5f5f60e0898b0312156120d6575f5ffd5b88359750602089013567ffffffffffffffff8111156120f3575f5ffd5b6120ff8b828c01611fc1565b9098509650506040890135945061211860608a016120ac565b935061212660808a016120ac565b925061213460a08a016120ac565b915061214260c08a01611f62565b90509295985092959890939650565b5f5f5f60608486031215612163575f5ffd5b833592506020840135915061217a60408501611f22565b90509250925092565b602080825282518282018190525f918401906040840190835b818110156121c35783516001600160a01b031683526020938401939092019160010161219c565b509095945050505050565b5f602082840312156121de575f5ffd5b610d5b82611f22565b5f5f5f606084860312156121f9575f5ffd5b61220284611f22565b925061221060208501611f22565b929592945050506040919091013590565b5f5f5f5f5f5f60a08789031215612236575f5ffd5b863567ffffffffffffffff81111561224c575f5ffd5b61225889828a01611fc1565b90975095505060208701359350612271604088016120ac565b925061227f606088016120ac565b915061228d608088016120ac565b90509295509295509295565b600181811c908216806122ad57607f821691505b6020821081036122cb57634e487b7160e01b5f52602260045260245ffd5b50919050565b634e487b7160e01b5f52601160045260245ffd5b5f600182016122f6576122f66122d1565b5060010190565b80820281158282048414176105f2576105f26122d1565b808201808211156105f2576105f26122d1565b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b85815284602082015260018060a01b0384166040820152608060608201525f61237c608083018486612327565b979650505050505050565b634e487b7160e01b5f52604160045260245ffd5b601f821115610873578282111561087357805f5260205f20601f840160051c60208510156123c657505f5b90810190601f840160051c035f5b818110156123e9575f838201556001016123d4565b505050505050565b815167ffffffffffffffff81111561240b5761240b612387565b61241f816124198454612299565b8461239b565b6020601f821160018114612451575f831561243a5750848201515b5f19600385901b1c1916600184901b178455611a18565b5f84815260208120601f198516915b828110156124805787850151825560209485019460019092019101612460565b508482101561249d57868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b60c081525f6124bf60c08301898b612327565b60208301979097525063ffffffff948516604082015292841660608401529216608082015290151560a09091015292915050565b818103818111156105f2576105f26122d1565b60a081525f61251960a08301888a612327565b60208301969096525063ffffffff9384166040820152918316606083015290911660809091015292915050565b634e487b7160e01b5f52603260045260245ffd5b634e487b7160e01b5f52603160045260245ffd5b6001815b60018411156125a95780850481111561258d5761258d6122d1565b600184161561259b57908102905b60019390931c928002612572565b935093915050565b5f826125bf575060016105f2565b816125cb57505f6105f2565b81600181146125e157600281146125eb57612607565b60019150506105f2565b60ff8411156125fc576125fc6122d1565b50506001821b6105f2565b5060208310610133831016604e8410600b841016171561262a575081810a6105f2565b6126365f19848461256e565b805f1904821115612649576126496122d1565b029392505050565b5f610d5b83836125b1565b5f8261267657634e487b7160e01b5f52601260045260245ffd5b500490565b805169ffffffffffffffffffff81168114611210575f5ffd5b5f5f5f5f5f60a086880312156126a8575f5ffd5b6126b18661267b565b602087015160408801516060890151929750909550935091506126d66080870161267b565b90509295509295909350565b5f610d5b60ff8416836125b1565b5f82518060208501845e5f920191825250919050565b5f60208284031215612716575f5ffd5b505191905056fe97667070c54ef182b0f5858b034beac1b6f3089aa2d3188bb1e8929f4fa9b9299b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00a26469706673582212208bfa5ac771f44a01afc0a2206b31d7f639afb4acb6795693e8653fd81918e12764736f6c63430008250033' as const;
