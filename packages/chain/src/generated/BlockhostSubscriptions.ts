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
        "name": "nft",
        "type": "address"
      }
    ],
    "name": "AccessCredentialAlreadyLinked",
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
        "internalType": "address",
        "name": "nft",
        "type": "address"
      }
    ],
    "name": "InvalidAccessCredential",
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
        "internalType": "uint256",
        "name": "gracePeriod",
        "type": "uint256"
      },
      {
        "internalType": "uint256",
        "name": "max",
        "type": "uint256"
      }
    ],
    "name": "InvalidGracePeriod",
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
        "internalType": "uint256",
        "name": "maxStaleness",
        "type": "uint256"
      },
      {
        "internalType": "uint256",
        "name": "max",
        "type": "uint256"
      }
    ],
    "name": "InvalidStaleness",
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
      }
    ],
    "name": "NotCancelledByOperator",
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
        "internalType": "address",
        "name": "token",
        "type": "address"
      },
      {
        "internalType": "uint256",
        "name": "expected",
        "type": "uint256"
      },
      {
        "internalType": "uint256",
        "name": "received",
        "type": "uint256"
      }
    ],
    "name": "PaymentShortfall",
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
        "internalType": "address",
        "name": "token",
        "type": "address"
      }
    ],
    "name": "SafeERC20FailedOperation",
    "type": "error"
  },
  {
    "inputs": [],
    "name": "SequencerDown",
    "type": "error"
  },
  {
    "inputs": [
      {
        "internalType": "uint256",
        "name": "upSince",
        "type": "uint256"
      },
      {
        "internalType": "uint256",
        "name": "gracePeriod",
        "type": "uint256"
      },
      {
        "internalType": "uint256",
        "name": "now_",
        "type": "uint256"
      }
    ],
    "name": "SequencerGracePeriodNotOver",
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
        "name": "nft",
        "type": "address"
      }
    ],
    "name": "AccessCredentialLinked",
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
        "internalType": "address",
        "name": "feed",
        "type": "address"
      },
      {
        "indexed": false,
        "internalType": "uint256",
        "name": "gracePeriod",
        "type": "uint256"
      }
    ],
    "name": "SequencerUptimeFeedSet",
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
        "name": "restoredBy",
        "type": "address"
      }
    ],
    "name": "SubscriptionRestored",
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
    "name": "MAX_FEED_DECIMALS",
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
    "name": "MAX_SEQUENCER_GRACE",
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
    "name": "MAX_STALENESS",
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
    "name": "MAX_TOKEN_DECIMALS",
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
    "name": "MIN_TOKEN_DECIMALS",
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
    "inputs": [],
    "name": "acceptDefaultAdminTransfer",
    "outputs": [],
    "stateMutability": "nonpayable",
    "type": "function"
  },
  {
    "inputs": [],
    "name": "accessCredential",
    "outputs": [
      {
        "internalType": "contract IAccessCredentialNFT",
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
    "inputs": [],
    "name": "cancelDefaultAdminTransfer",
    "outputs": [],
    "stateMutability": "nonpayable",
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
        "internalType": "uint256",
        "name": "subscriptionId",
        "type": "uint256"
      }
    ],
    "name": "cancelledByOperator",
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
    "inputs": [
      {
        "internalType": "uint256",
        "name": "subscriptionId",
        "type": "uint256"
      }
    ],
    "name": "controllerOf",
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
        "name": "nft",
        "type": "address"
      }
    ],
    "name": "linkAccessCredential",
    "outputs": [],
    "stateMutability": "nonpayable",
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
        "internalType": "uint256",
        "name": "subscriptionId",
        "type": "uint256"
      }
    ],
    "name": "restoreSubscription",
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
    "inputs": [],
    "name": "sequencerGracePeriod",
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
    "name": "sequencerUptimeFeed",
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
    "inputs": [
      {
        "internalType": "address",
        "name": "feed",
        "type": "address"
      },
      {
        "internalType": "uint256",
        "name": "gracePeriod",
        "type": "uint256"
      }
    ],
    "name": "setSequencerUptimeFeed",
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

export const blockhostSubscriptionsBytecode = '0x608060405234801561000f575f5ffd5b5060405161470038038061470083398101604081905261002e916107c2565b80866001600160a01b03811661005e57604051636116401160e11b81525f60048201526024015b60405180910390fd5b600180546001600160d01b0316600160d01b65ffffffffffff8516021790556100875f82610150565b5050506001600160a01b0385166100b15760405163d92e233d60e01b815260040160405180910390fd5b600380546001600160a01b031916331790556100ed7f97667070c54ef182b0f5858b034beac1b6f3089aa2d3188bb1e8929f4fa9b92986610150565b505f5b845181101561012b5761012385828151811061010e5761010e6108d8565b602002602001015160016101bf60201b60201c565b6001016100f0565b506001600160a01b0383161561014557610145838361047b565b50505050505061097f565b5f826101ac575f6101696002546001600160a01b031690565b6001600160a01b03161461019057604051631fe1e13d60e11b815260040160405180910390fd5b600280546001600160a01b0319166001600160a01b0384161790555b6101b683836105dd565b90505b92915050565b6001600160a01b0382166101e65760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0382165f908152600960205260408120549082156102f3575f61020f85610684565b925090508015806102235750600260ff8316105b806102315750602460ff8316115b1561025a57604051639236bba760e01b81526001600160a01b0386166004820152602401610055565b61026860ff83166001610900565b8303610275575050505050565b825f036102c757600a80546001810182555f919091527fc65a7bb8d6351c1cf70c95a316cc6a92839c986682d98bc35f958f4883f9d2a80180546001600160a01b0319166001600160a01b0387161790555b6102d560ff83166001610900565b6001600160a01b0386165f908152600960205260409020555061042d565b815f036103005750505050565b61030b600183610913565b6001600160a01b0385165f908152600960205260408120819055600a549192509061033890600190610913565b90505f5b81811161042a57856001600160a01b0316600a8281548110610360576103606108d8565b5f918252602090912001546001600160a01b03160361041857600a828154811061038c5761038c6108d8565b5f91825260209091200154600a80546001600160a01b0390921691839081106103b7576103b76108d8565b905f5260205f20015f6101000a8154816001600160a01b0302191690836001600160a01b03160217905550600a8054806103f3576103f3610926565b5f8281526020902081015f1990810180546001600160a01b031916905501905561042a565b806104228161093a565b91505061033c565b50505b60408051841515815260ff831660208201526001600160a01b038616917f4070b2010f0eb1f9bce8f758652bcf7887bf5a7aebb9433871ee32f9a6206dc0910160405180910390a250505050565b5f6001600160a01b038316610492575f9150610514565b8115806104a157506202a30082115b156104cb5760405163a1e63cb360e01b8152600481018390526202a3006024820152604401610055565b5f6104d584610684565b925090508015806104e95750601260ff8316115b1561051257604051636787b55560e01b81526001600160a01b0385166004820152602401610055565b505b600c546001600160a01b03848116911614801561053f5750600c5460ff828116600160a01b90920416145b80156105595750600c54600160a81b900463ffffffff1682145b1561056357505050565b600c80546001600160a01b0385166001600160a81b03199091168117600160a01b60ff8516021763ffffffff60a81b1916600160a81b63ffffffff861602179091556040518381527fd62c8b7f5db8c31e2692d6e561aa15bcf5f1e89304e284c17dd7883e3ca034289060200160405180910390a2505050565b5f828152602081815260408083206001600160a01b038516845290915281205460ff1661067d575f838152602081815260408083206001600160a01b03861684529091529020805460ff191660011790556106353390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a45060016101b9565b505f6101b9565b5f5f826001600160a01b03163b5f036106a157505f928392509050565b60408051600481526024810182526020810180516001600160e01b031663313ce56760e01b17905290515f9182916001600160a01b038716916106e391610952565b5f60405180830381855afa9150503d805f811461071b576040519150601f19603f3d011682016040523d82523d5f602084013e610720565b606091505b5091509150811580610733575060208151105b1561074457505f9485945092505050565b5f818060200190518101906107599190610968565b905060ff81111561077157505f958695509350505050565b6001969095509350505050565b80516001600160a01b0381168114610794575f5ffd5b919050565b634e487b7160e01b5f52604160045260245ffd5b805165ffffffffffff81168114610794575f5ffd5b5f5f5f5f5f5f60c087890312156107d7575f5ffd5b6107e08761077e565b95506107ee6020880161077e565b60408801519095506001600160401b03811115610809575f5ffd5b8701601f81018913610819575f5ffd5b80516001600160401b0381111561083257610832610799565b604051600582901b90603f8201601f191681016001600160401b038111828210171561086057610860610799565b60405291825260208184018101929081018c84111561087d575f5ffd5b6020850194505b838510156108a3576108958561077e565b815260209485019401610884565b5096506108b6925050506060880161077e565b608088015190935091506108cc60a088016107ad565b90509295509295509295565b634e487b7160e01b5f52603260045260245ffd5b634e487b7160e01b5f52601160045260245ffd5b808201808211156101b9576101b96108ec565b818103818111156101b9576101b96108ec565b634e487b7160e01b5f52603160045260245ffd5b5f6001820161094b5761094b6108ec565b5060010190565b5f82518060208501845e5f920191825250919050565b5f60208284031215610978575f5ffd5b5051919050565b613d748061098c5f395ff3fe608060405260043610610341575f3560e01c806384ef8ffc116101bd578063bbb7eb1c116100f2578063d547741f11610092578063dc311dd31161006d578063dc311dd314610936578063eec22b7a1461099d578063f5b541a6146109bc578063fbf5b3b4146109dc575f5ffd5b8063d547741f146108e4578063d602b9fd14610903578063d9caed1214610917575f5ffd5b8063cc8463c8116100cd578063cc8463c814610863578063cefc142914610877578063cf6eefb71461088b578063d481515a146108c5575f5ffd5b8063bbb7eb1c1461080d578063ca5e553e1461082c578063caca95a41461084d575f5ffd5b8063a217fddf1161015d578063a426287411610138578063a4262874146107a9578063a7264705146107c8578063aa4f5baf146107e5578063ae2f19d8146107f9575f5ffd5b8063a217fddf14610764578063a25aa00b14610777578063a383839a14610795575f5ffd5b8063901cce6d11610198578063901cce6d146106ec57806391d14854146106ff578063a0cf0aea1461071e578063a1eda53c14610731575f5ffd5b806384ef8ffc146106a85780638da5cb5b146106c55780638f167e16146106d9575f5ffd5b806336568abe1161029357806363ea78411161023357806373faf46d1161020e57806373faf46d14610642578063741bef1a146106615780637632c6e41461067e57806381efd20814610694575f5ffd5b806363ea7841146105ef578063649a5ec71461060e578063693eafff1461062d575f5ffd5b80634c79f32d1161026e5780634c79f32d14610552578063598663f0146105735780635dd8f6aa14610599578063634e93da146105d0575f5ffd5b806336568abe14610500578063382d39bb1461051f578063430884cf14610533575f5ffd5b80631a7ae9d2116102fe57806326a97b94116102d957806326a97b941461047557806326cd5274146104965780632f2ff15d146104c257806331bfaa5a146104e1575f5ffd5b80631a7ae9d2146104135780632123508314610428578063248a9ca314610447575f5ffd5b806301ffc9a714610345578063022d63fb1461037957806307abe3c3146103a157806308145b8e146103c25780630aa6220b146103e1578063173b6d90146103f5575b5f5ffd5b348015610350575f5ffd5b5061036461035f3660046132e6565b6109fb565b60405190151581526020015b60405180910390f35b348015610384575f5ffd5b50620697805b60405165ffffffffffff9091168152602001610370565b3480156103ac575f5ffd5b506103c06103bb366004613321565b610a25565b005b3480156103cd575f5ffd5b506103646103dc36600461333c565b610b40565b3480156103ec575f5ffd5b506103c0610b5e565b348015610400575f5ffd5b506005545b604051908152602001610370565b34801561041e575f5ffd5b5061040561040081565b348015610433575f5ffd5b506103c061044236600461333c565b610b73565b348015610452575f5ffd5b5061040561046136600461333c565b5f9081526020819052604090206001015490565b348015610480575f5ffd5b50600d54600160a01b900463ffffffff16610405565b3480156104a1575f5ffd5b506104b56104b036600461333c565b610c89565b6040516103709190613353565b3480156104cd575f5ffd5b506103c06104dc3660046133ec565b610dcf565b3480156104ec575f5ffd5b506103c06104fb36600461333c565b610dfb565b34801561050b575f5ffd5b506103c061051a3660046133ec565b610e8f565b34801561052a575f5ffd5b50600454610405565b34801561053e575f5ffd5b506103c061054d366004613429565b610f35565b34801561055d575f5ffd5b50600c54600160a81b900463ffffffff16610405565b34801561057e575f5ffd5b50610587602481565b60405160ff9091168152602001610370565b3480156105a4575f5ffd5b506105b86105b336600461333c565b610f4e565b6040516001600160a01b039091168152602001610370565b3480156105db575f5ffd5b506103c06105ea366004613321565b610f6b565b3480156105fa575f5ffd5b50600b546105b8906001600160a01b031681565b348015610619575f5ffd5b506103c061062836600461345c565b610f7e565b348015610638575f5ffd5b50610405610e4281565b34801561064d575f5ffd5b506103c061065c366004613481565b610f91565b34801561066c575f5ffd5b50600c546001600160a01b03166105b8565b348015610689575f5ffd5b506104056201518081565b34801561069f575f5ffd5b50610587601281565b3480156106b3575f5ffd5b506002546001600160a01b03166105b8565b3480156106d0575f5ffd5b506105b8610fa5565b6104056106e73660046134f0565b610fbd565b6104056106fa36600461355e565b61119a565b34801561070a575f5ffd5b506103646107193660046133ec565b6112f4565b348015610729575f5ffd5b506105b85f81565b34801561073c575f5ffd5b5061074561131c565b6040805165ffffffffffff938416815292909116602083015201610370565b34801561076f575f5ffd5b506104055f81565b348015610782575f5ffd5b50600c54600160a01b900460ff16610587565b3480156107a0575f5ffd5b50610405604081565b3480156107b4575f5ffd5b506103c06107c33660046135ad565b61136e565b3480156107d3575f5ffd5b50600d546001600160a01b03166105b8565b3480156107f0575f5ffd5b50610587600281565b348015610804575f5ffd5b50610405600181565b348015610818575f5ffd5b5061040561082736600461363f565b61159e565b348015610837575f5ffd5b506108406115cf565b6040516103709190613675565b348015610858575f5ffd5b506104056202a30081565b34801561086e575f5ffd5b5061038a61162f565b348015610882575f5ffd5b506103c061168d565b348015610896575f5ffd5b5061089f6116cc565b604080516001600160a01b03909316835265ffffffffffff909116602083015201610370565b3480156108d0575f5ffd5b506105876108df366004613321565b6116ed565b3480156108ef575f5ffd5b506103c06108fe3660046133ec565b61173b565b34801561090e575f5ffd5b506103c0611763565b348015610922575f5ffd5b506103c06109313660046136c0565b611775565b348015610941575f5ffd5b5061095561095036600461333c565b6118b3565b604051610370919081518152602080830151908201526040808301516001600160a01b0316908201526060808301519082015260809182015115159181019190915260a00190565b3480156109a8575f5ffd5b506103c06109b7366004613481565b61198e565b3480156109c7575f5ffd5b506104055f516020613d1f5f395f51905f5281565b3480156109e7575f5ffd5b506104056109f63660046136fe565b611aa8565b5f6001600160e01b031982166331fcacff60e21b1480610a1f5750610a1f82611c46565b92915050565b600b546001600160a01b03168015610a605760405163f009d12f60e01b81526001600160a01b03821660048201526024015b60405180910390fd5b6003546001600160a01b03163314801590610a825750610a805f336112f4565b155b15610aa85760405163e2517d3f60e01b81523360048201525f6024820152604401610a57565b30610aba8363b8e381e560e01b611c6a565b6001600160a01b031614610aec57604051633f56cf0560e21b81526001600160a01b0383166004820152602401610a57565b600b80546001600160a01b0384166001600160a01b031991821681179092556003805490911690556040517fc6cfbaa5006b8a66946fed273a26bec712923332e376dff02eef6dea6d0cb412905f90a25050565b5f6002610b4c83611d5d565b54600160f81b900460ff161492915050565b5f610b6881611d9a565b610b70611da4565b50565b5f610b7d82611d5d565b80549091505f90610b989084906001600160a01b0316611db0565b90505f6001600160a01b0382163303610bb357506001610bf9565b610bca5f516020613d1f5f395f51905f52336112f4565b15610bd757506002610bf9565b60405163097d8c9360e01b815260048101859052336024820152604401610a57565b8254600160f81b900460ff1615610c2657604051637825edb960e11b815260048101859052602401610a57565b82546001600160f81b0316600160f81b60ff831602178084556040516001600160a01b03841691600160d01b900464ffffffffff169086907f66f43ba68b89239cf7af6921b9dcdaf6ce93c7223af7a53e343dbedcc082a104905f90a450505050565b6040805160e0810182525f8082526060602083018190529282018190529181018290526080810182905260a0810182905260c0810182905290610ccb83611e51565b90506040518060e0016040528084815260200160075f8681526020019081526020015f208054610cfa90613776565b80601f0160208091040260200160405190810160405280929190818152602001828054610d2690613776565b8015610d715780601f10610d4857610100808354040283529160200191610d71565b820191905f5260205f20905b815481529060010190602001808311610d5457829003601f168201915b50505050508152602001825f01516001600160601b03168152602001826020015163ffffffff168152602001826040015163ffffffff168152602001826060015163ffffffff16815260200182608001511515815250915050919050565b81610ded57604051631fe1e13d60e11b815260040160405180910390fd5b610df78282611f07565b5050565b5f610e0581611d9a565b5f610e0f83611d5d565b8054909150600160f81b900460ff16600214610e4157604051633f833ef160e21b815260048101849052602401610a57565b80546001600160f81b03168082556040513391600160d01b900464ffffffffff169085907fe32e4e72a536cf271daa9d2449f90317e25396c9fe54d88fe3aab34a470d6fac905f90a4505050565b81158015610eaa57506002546001600160a01b038281169116145b15610f2b575f5f610eb96116cc565b90925090506001600160a01b038216151580610edb575065ffffffffffff8116155b80610eee57504265ffffffffffff821610155b15610f16576040516319ca5ebb60e01b815265ffffffffffff82166004820152602401610a57565b50506001805465ffffffffffff60a01b191690555b610df78282611f2b565b5f610f3f81611d9a565b610f498383611f5e565b505050565b5f610a1f82610f5c84611d5d565b546001600160a01b0316611db0565b5f610f7581611d9a565b610df78261221a565b5f610f8881611d9a565b610df78261228c565b5f610f9b81611d9a565b610f4983836122fb565b5f610fb86002546001600160a01b031690565b905090565b5f610fc6612455565b610fcf8661248a565b610400821115610ffd5760405163779e0c3760e01b8152600481018390526104006024820152604401610a57565b5f61100788611e51565b9050806080015161102e57604051630f765a9360e21b815260048101899052602401610a57565b5f611046825f01516001600160601b031689896124ca565b905060055f8154611056906137c2565b918290555092505f61106b89620151806137da565b61107590426137f1565b90506040518060800160405280336001600160a01b0316815260200161109a836126f1565b65ffffffffffff908116825264ffffffffff808e166020808501919091525f60409485018190528981526008825284902085518154928701518787015160609098015160ff16600160f81b026001600160f81b0398909516600160d01b02979097166001600160d01b0397909516600160a01b026001600160d01b03199093166001600160a01b0390911617919091179490941691909117179091555133908b9086907ff8d0042297eb90d4c0e69b16b80a93bdee5b71f0a963a1961a4de8c551958b559061117290869088908f908e908e9061382c565b60405180910390a4611185828989612727565b505050611190612983565b9695505050505050565b5f6111a3612455565b6111ac8461248a565b5f6111b686611d5d565b8054909150600160f81b900460ff16156111e657604051637825edb960e11b815260048101879052602401610a57565b8054600160d01b900464ffffffffff165f81815260066020526040812054611218906001600160601b031688886124ca565b8354909150600160a01b900465ffffffffffff165f42821161123a574261123c565b815b905061124b89620151806137da565b61125590826137f1565b9550611260866126f1565b855465ffffffffffff60a01b1916600160a01b65ffffffffffff929092169190910217855560408051878152602081018590526001600160a01b038a16818301529051339186918d917f80f867aeffc74b04b4f387cfc5572b2a3537d8705579fb696da4019cc8069e09919081900360600190a46112df838989612727565b50505050506112ec612983565b949350505050565b5f918252602082815260408084206001600160a01b0393909316845291905290205460ff1690565b6002545f90600160d01b900465ffffffffffff16801515801561134757504265ffffffffffff821610155b611352575f5f611366565b600254600160a01b900465ffffffffffff16815b915091509091565b5f516020613d1f5f395f51905f5261138581611d9a565b5f61138f8a611e51565b905061139f8989898989896129ad565b5f6040518060a00160405280896001600160601b031681526020018863ffffffff1681526020018763ffffffff1681526020018663ffffffff16815260200185151581525090505f60075f8d81526020019081526020015f206040516114059190613864565b60405180910390208b8b60405161141d9291906138d5565b604051809103902014905080801561148057508160405160200161144191906138e4565b604051602081830303815290604052805190602001208360405160200161146891906138e4565b60405160208183030381529060405280519060200120145b1561148d57505050611593565b5f8c815260066020908152604091829020845181549286015193860151606087015160808801511515600160c01b0260ff60c01b1963ffffffff928316600160a01b0263ffffffff60a01b19948416600160801b029490941667ffffffffffffffff60801b1993909816600160601b026001600160801b03199097166001600160601b039095169490941795909517169490941793909317929092161790558061154b575f8c81526007602052604090206115498b8d8361399c565b505b8b7f5de89928fdc61dcaf1eded39b6b03f95431bedecf6f378bf48b50933bf1691978c8c8c8c8c8c8c6040516115879796959493929190613a56565b60405180910390a25050505b505050505050505050565b5f6115a88361248a565b6115c56115b485611e51565b516001600160601b031684846124ca565b90505b9392505050565b6060600a80548060200260200160405190810160405280929190818152602001828054801561162557602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311611607575b5050505050905090565b6002545f90600160d01b900465ffffffffffff16801515801561165957504265ffffffffffff8216105b61167457600154600160d01b900465ffffffffffff16611687565b600254600160a01b900465ffffffffffff165b91505090565b5f6116966116cc565b509050336001600160a01b038216146116c457604051636116401160e11b8152336004820152602401610a57565b610b70612b12565b6001546001600160a01b03811691600160a01b90910465ffffffffffff1690565b6001600160a01b0381165f908152600960205260408120548082036117305760405163f01157c360e01b81526001600160a01b0384166004820152602401610a57565b6115c8600182613a9d565b8161175957604051631fe1e13d60e11b815260040160405180910390fd5b610df78282612ba8565b5f61176d81611d9a565b610b70612bcc565b5f61177f81611d9a565b611787612455565b6001600160a01b0383166117ae5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b038416611844575f836001600160a01b0316836040515f6040518083038185875af1925050503d805f8114611805576040519150601f19603f3d011682016040523d82523d5f602084013e61180a565b606091505b505090508061183e5760405163296c17bb60e21b81526001600160a01b038516600482015260248101849052604401610a57565b50611858565b6118586001600160a01b0385168484612bd6565b826001600160a01b0316846001600160a01b03167fd1c19fbcd4551a5edfb66d43d2e337c04837afda3482b42bdf569a8fccdae5fb8460405161189d91815260200190565b60405180910390a36118ad612983565b50505050565b6118eb6040518060a001604052805f81526020015f81526020015f6001600160a01b031681526020015f81526020015f151581525090565b5f6118f583611d5d565b604080516080808201835292546001600160a01b03808216835265ffffffffffff600160a01b83048116602080860191825264ffffffffff600160d01b8604811687890190815260ff600160f81b90970487166060808a019182528a5160a081018c529e8f529151909216928d01929092529551909316958a019590955293519093169287019290925251161515908401525090919050565b5f61199881611d9a565b620151808211156119c857604051630324243f60e01b815260048101839052620151806024820152604401610a57565b6001600160a01b0383166119de575f9150611a13565b826001600160a01b03163b5f03611a1357604051636787b55560e01b81526001600160a01b0384166004820152602401610a57565b600d546001600160a01b038481169116148015611a3e5750600d54600160a01b900463ffffffff1682145b610f4957600d80546001600160a01b0385166001600160c01b03199091168117600160a01b63ffffffff861602179091556040518381527f4e1035702621fd404df2e28c7e77413039d0b2aea741fdf1aa5af7bd2fc778a8906020015b60405180910390a2505050565b5f5f516020613d1f5f395f51905f52611ac081611d9a565b611ace8888888888886129ad565b60045f8154611adc906137c2565b9182905550915064ffffffffff821115611b1e5760405163d29d307560e01b81526020600482015260026024820152611a5960f21b6044820152606401610a57565b6040805160a0810182526001600160601b03888116825263ffffffff8881166020808501918252898316858701908152898416606087019081526001608088019081525f8b81526006855289812098518954965194519351925198166001600160801b031990961695909517600160601b938716939093029290921767ffffffffffffffff60801b1916600160801b9186169190910263ffffffff60a01b191617600160a01b91909416029290921760ff60c01b1916600160c01b9315159390930292909217909255600790915220611bf8888a8361399c565b50817f7edf24fa4d0fc499ea2fdb4b2ad4e8ac2e3a6d8f17a633012cffbb4b3d7ad192898989898989604051611c3396959493929190613ab0565b60405180910390a2509695505050505050565b5f6001600160e01b031982166318a4c3c360e11b1480610a1f5750610a1f82612c0b565b5f826001600160a01b03163b5f03611c8357505f610a1f565b60408051600481526024810182526020810180516001600160e01b03166001600160e01b0319861617905290515f9182916001600160a01b03871691611cc891613af0565b5f60405180830381855afa9150503d805f8114611d00576040519150601f19603f3d011682016040523d82523d5f602084013e611d05565b606091505b5091509150811580611d18575060208151105b15611d27575f92505050610a1f565b5f81806020019051810190611d3c9190613b06565b90506001600160a01b038111611d525780611190565b5f9695505050505050565b5f81815260086020526040902080546001600160a01b0316611d95576040516366fcc43f60e11b815260048101839052602401610a57565b919050565b610b708133612c3f565b611dae5f5f612c78565b565b600b545f906001600160a01b03168015611e4957604051632c202dd960e01b8152600481018590525f906001600160a01b03831690632c202dd990602401602060405180830381865afa158015611e09573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611e2d9190613b1d565b90506001600160a01b03811615611e47579150610a1f9050565b505b509092915050565b6040805160a080820183525f8083526020808401829052838501829052606080850183905260809485018390528683526006825285832086519485018752546001600160601b03811680865263ffffffff600160601b8304811694870194909452600160801b8204841697860197909752600160a01b81049092169084015260ff600160c01b90910416151592820192909252919003611d9557604051633582fa3760e11b815260048101839052602401610a57565b5f82815260208190526040902060010154611f2181611d9a565b6118ad8383612d37565b6001600160a01b0381163314611f545760405163334bd91960e11b815260040160405180910390fd5b610f498282612d9d565b6001600160a01b038216611f855760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0382165f90815260096020526040812054908215612092575f611fae85612dd9565b92509050801580611fc25750600260ff8316105b80611fd05750602460ff8316115b15611ff957604051639236bba760e01b81526001600160a01b0386166004820152602401610a57565b61200760ff831660016137f1565b8303612014575050505050565b825f0361206657600a80546001810182555f919091527fc65a7bb8d6351c1cf70c95a316cc6a92839c986682d98bc35f958f4883f9d2a80180546001600160a01b0319166001600160a01b0387161790555b61207460ff831660016137f1565b6001600160a01b0386165f90815260096020526040902055506121cc565b815f0361209f5750505050565b6120aa600183613a9d565b6001600160a01b0385165f908152600960205260408120819055600a54919250906120d790600190613a9d565b90505f5b8181116121c957856001600160a01b0316600a82815481106120ff576120ff613b38565b5f918252602090912001546001600160a01b0316036121b757600a828154811061212b5761212b613b38565b5f91825260209091200154600a80546001600160a01b03909216918390811061215657612156613b38565b905f5260205f20015f6101000a8154816001600160a01b0302191690836001600160a01b03160217905550600a80548061219257612192613b4c565b5f8281526020902081015f1990810180546001600160a01b03191690550190556121c9565b806121c1816137c2565b9150506120db565b50505b60408051841515815260ff831660208201526001600160a01b038616917f4070b2010f0eb1f9bce8f758652bcf7887bf5a7aebb9433871ee32f9a6206dc0910160405180910390a250505050565b5f61222361162f565b61222c426126f1565b6122369190613b60565b90506122428282612ed3565b60405165ffffffffffff821681526001600160a01b038316907f3377dc44241e779dd06afab5b788a35ca5f3b778836e2990bdb26a2a4b2e5ed69060200160405180910390a25050565b5f61229682612f50565b61229f426126f1565b6122a99190613b60565b90506122b58282612c78565b6040805165ffffffffffff8085168252831660208201527ff1038c18cf84a56e432fdbfaf746924b7ea511dfe03a6506a0ceba4888788d9b910160405180910390a15050565b5f6001600160a01b038316612312575f9150612394565b81158061232157506202a30082115b1561234b5760405163a1e63cb360e01b8152600481018390526202a3006024820152604401610a57565b5f61235584612dd9565b925090508015806123695750601260ff8316115b1561239257604051636787b55560e01b81526001600160a01b0385166004820152602401610a57565b505b600c546001600160a01b0384811691161480156123bf5750600c5460ff828116600160a01b90920416145b80156123d95750600c54600160a81b900463ffffffff1682145b156123e357505050565b600c80546001600160a01b0385166001600160a81b03199091168117600160a01b60ff8516021763ffffffff60a81b1916600160a81b63ffffffff861602179091556040518381527fd62c8b7f5db8c31e2692d6e561aa15bcf5f1e89304e284c17dd7883e3ca0342890602001611a9b565b61245d612f97565b611dae60017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b90612fd7565b600181108061249a5750610e4281115b15610b705760405163a931245360e01b81526004810182905260016024820152610e426044820152606401610a57565b5f806124d684866137da565b90506001600160a01b03831615612560576001600160a01b0383165f908152600960205260408120549081900361252b5760405163f01157c360e01b81526001600160a01b0385166004820152602401610a57565b6002612538600183613a9d565b6125429190613a9d565b61254d90600a613c61565b61255790836137da565b925050506115c8565b600c546001600160a01b03168061258a57604051637de0e7d160e01b815260040160405180910390fd5b612592612fde565b5f5f826001600160a01b031663feaf968c6040518163ffffffff1660e01b815260040160a060405180830381865afa1580156125d0573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906125f49190613c85565b509350509250505f821361261e576040516338ee04a760e01b815260048101839052602401610a57565b600c54600160a81b900463ffffffff1681158061264d5750814211801561264d57508061264b8342613a9d565b115b1561267b5760405163033565a560e31b81526004810183905260248101829052426044820152606401610a57565b600c545f9061269590600160a01b900460ff16600a613cd3565b6126a787670de0b6b3a76400006137da565b6126b191906137da565b90505f6126bf8560646137da565b90508060016126ce82856137f1565b6126d89190613a9d565b6126e29190613ce1565b9b9a5050505050505050505050565b5f65ffffffffffff821115612723576040516306dfcc6560e41b81526030600482015260248101839052604401610a57565b5090565b808311156127525760405163385b498760e11b81526004810184905260248101829052604401610a57565b6001600160a01b038216612813578234101561278a5760405163b99e2ab760e01b815234600482015260248101849052604401610a57565b5f6127958434613a9d565b905080156118ad576040515f90339083908381818185875af1925050503d805f81146127dc576040519150601f19603f3d011682016040523d82523d5f602084013e6127e1565b606091505b505090508061280c5760405163296c17bb60e21b815233600482015260248101839052604401610a57565b5050505050565b341561283457604051635571d9ed60e11b8152346004820152602401610a57565b6040516370a0823160e01b815230600482015282905f906001600160a01b038316906370a0823190602401602060405180830381865afa15801561287a573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061289e9190613b06565b90506128b56001600160a01b0383163330886130da565b6040516370a0823160e01b81523060048201525f906001600160a01b038416906370a0823190602401602060405180830381865afa1580156128f9573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061291d9190613b06565b905061292986836137f1565b81101561297b57848683831161293f575f612949565b6129498484613a9d565b604051639838429d60e01b81526001600160a01b03909316600484015260248301919091526044820152606401610a57565b505050505050565b611dae5f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612484565b848015806129bb5750604081115b156129f25760405163d29d307560e01b8152600401610a57906020808252600490820152636e616d6560e01b604082015260600190565b841580612a0557506001600160601b0385115b15612a495760405163d29d307560e01b8152602060048201526013602482015272707269636550657244617955736443656e747360681b6044820152606401610a57565b8363ffffffff165f03612a875760405163d29d307560e01b8152602060048201526005602482015264636f72657360d81b6044820152606401610a57565b8263ffffffff165f03612ac95760405163d29d307560e01b815260206004820152600960248201526836b2b6b7b93ca6b4a160b91b6044820152606401610a57565b8163ffffffff165f03612b095760405163d29d307560e01b81526020600482015260076024820152663234b9b5a3b4a160c91b6044820152606401610a57565b50505050505050565b5f5f612b1c6116cc565b91509150612b318165ffffffffffff16151590565b1580612b4557504265ffffffffffff821610155b15612b6d576040516319ca5ebb60e01b815265ffffffffffff82166004820152602401610a57565b612b885f612b836002546001600160a01b031690565b612d9d565b50612b935f83612d37565b5050600180546001600160d01b031916905550565b5f82815260208190526040902060010154612bc281611d9a565b6118ad8383612d9d565b611dae5f5f612ed3565b612be38383836001613110565b610f4957604051635274afe760e01b81526001600160a01b0384166004820152602401610a57565b5f6001600160e01b03198216637965db0b60e01b1480610a1f57506301ffc9a760e01b6001600160e01b0319831614610a1f565b612c4982826112f4565b610df75760405163e2517d3f60e01b81526001600160a01b038216600482015260248101839052604401610a57565b600254600160d01b900465ffffffffffff168015612cfa574265ffffffffffff82161015612cd157600254600180546001600160d01b0316600160a01b90920465ffffffffffff16600160d01b02919091179055612cfa565b6040517f2b1fa2edafe6f7b9e97c1a9e0c3660e645beb2dcaa2d45bdbf9beaf5472e1ec5905f90a15b50600280546001600160a01b0316600160a01b65ffffffffffff948516026001600160d01b031617600160d01b9290931691909102919091179055565b5f82612d93575f612d506002546001600160a01b031690565b6001600160a01b031614612d7757604051631fe1e13d60e11b815260040160405180910390fd5b600280546001600160a01b0319166001600160a01b0384161790555b6115c88383613172565b5f82158015612db957506002546001600160a01b038381169116145b15612dcf57600280546001600160a01b03191690555b6115c88383613201565b5f5f826001600160a01b03163b5f03612df657505f928392509050565b60408051600481526024810182526020810180516001600160e01b031663313ce56760e01b17905290515f9182916001600160a01b03871691612e3891613af0565b5f60405180830381855afa9150503d805f8114612e70576040519150601f19603f3d011682016040523d82523d5f602084013e612e75565b606091505b5091509150811580612e88575060208151105b15612e9957505f9485945092505050565b5f81806020019051810190612eae9190613b06565b905060ff811115612ec657505f958695509350505050565b6001969095509350505050565b5f612edc6116cc565b6001805465ffffffffffff8616600160a01b026001600160d01b03199091166001600160a01b038816171790559150612f1e90508165ffffffffffff16151590565b15610f49576040517f8886ebfc4259abdbc16601dd8fb5678e54878f47b3c34836cfc51154a9605109905f90a1505050565b5f5f612f5a61162f565b90508065ffffffffffff168365ffffffffffff1611612f8257612f7d8382613d00565b6115c8565b6115c865ffffffffffff84166206978061326a565b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c15611dae57604051633ee5aeb560e01b815260040160405180910390fd5b80825d5050565b600d546001600160a01b031680612ff25750565b5f5f826001600160a01b031663feaf968c6040518163ffffffff1660e01b815260040160a060405180830381865afa158015613030573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906130549190613c85565b50509250925050815f141580613068575080155b156130855760405162032b3d60e81b815260040160405180910390fd5b600d54600160a01b900463ffffffff16428211806130ac5750806130a98342613a9d565b11155b156118ad57604051633f72ecff60e01b81526004810183905260248101829052426044820152606401610a57565b6130e8848484846001613279565b6118ad57604051635274afe760e01b81526001600160a01b0385166004820152602401610a57565b60405163a9059cbb60e01b5f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f5114831661316657838315161561315a573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b5f61317d83836112f4565b6131fa575f838152602081815260408083206001600160a01b03861684529091529020805460ff191660011790556131b23390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a4506001610a1f565b505f610a1f565b5f61320c83836112f4565b156131fa575f838152602081815260408083206001600160a01b0386168085529252808320805460ff1916905551339286917ff6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b9190a4506001610a1f565b5f8282188284100282186115c8565b6040516323b872dd60e01b5f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f511483166132d55783831516156132c9573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f602082840312156132f6575f5ffd5b81356001600160e01b0319811681146115c8575f5ffd5b6001600160a01b0381168114610b70575f5ffd5b5f60208284031215613331575f5ffd5b81356115c88161330d565b5f6020828403121561334c575f5ffd5b5035919050565b60208152815160208201525f602083015160e06040840152805180610100850152806020830161012086015e5f610120828601015260408501516060850152606085015191506133ab608085018363ffffffff169052565b608085015163ffffffff90811660a0868101919091528601511660c08086019190915290940151151560e08401525050601f909101601f1916016101200190565b5f5f604083850312156133fd575f5ffd5b82359150602083013561340f8161330d565b809150509250929050565b80358015158114611d95575f5ffd5b5f5f6040838503121561343a575f5ffd5b82356134458161330d565b91506134536020840161341a565b90509250929050565b5f6020828403121561346c575f5ffd5b813565ffffffffffff811681146115c8575f5ffd5b5f5f60408385031215613492575f5ffd5b823561349d8161330d565b946020939093013593505050565b5f5f83601f8401126134bb575f5ffd5b50813567ffffffffffffffff8111156134d2575f5ffd5b6020830191508360208285010111156134e9575f5ffd5b9250929050565b5f5f5f5f5f5f60a08789031215613505575f5ffd5b8635955060208701359450604087013561351e8161330d565b935060608701359250608087013567ffffffffffffffff811115613540575f5ffd5b61354c89828a016134ab565b979a9699509497509295939492505050565b5f5f5f5f60808587031215613571575f5ffd5b8435935060208501359250604085013561358a8161330d565b9396929550929360600135925050565b803563ffffffff81168114611d95575f5ffd5b5f5f5f5f5f5f5f5f60e0898b0312156135c4575f5ffd5b88359750602089013567ffffffffffffffff8111156135e1575f5ffd5b6135ed8b828c016134ab565b9098509650506040890135945061360660608a0161359a565b935061361460808a0161359a565b925061362260a08a0161359a565b915061363060c08a0161341a565b90509295985092959890939650565b5f5f5f60608486031215613651575f5ffd5b8335925060208401359150604084013561366a8161330d565b809150509250925092565b602080825282518282018190525f918401906040840190835b818110156136b55783516001600160a01b031683526020938401939092019160010161368e565b509095945050505050565b5f5f5f606084860312156136d2575f5ffd5b83356136dd8161330d565b925060208401356136ed8161330d565b929592945050506040919091013590565b5f5f5f5f5f5f60a08789031215613713575f5ffd5b863567ffffffffffffffff811115613729575f5ffd5b61373589828a016134ab565b9097509550506020870135935061374e6040880161359a565b925061375c6060880161359a565b915061376a6080880161359a565b90509295509295509295565b600181811c9082168061378a57607f821691505b6020821081036137a857634e487b7160e01b5f52602260045260245ffd5b50919050565b634e487b7160e01b5f52601160045260245ffd5b5f600182016137d3576137d36137ae565b5060010190565b8082028115828204841417610a1f57610a1f6137ae565b80820180821115610a1f57610a1f6137ae565b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b85815284602082015260018060a01b0384166040820152608060608201525f613859608083018486613804565b979650505050505050565b5f5f835461387181613776565b600182168015613888576001811461389d576138ca565b60ff19831686528115158202860193506138ca565b865f5260205f205f5b838110156138c2578154888201526001909101906020016138a6565b505081860193505b509195945050505050565b818382375f9101908152919050565b5f60a0820190506001600160601b03835116825263ffffffff602084015116602083015263ffffffff604084015116604083015263ffffffff606084015116606083015260808301511515608083015292915050565b634e487b7160e01b5f52604160045260245ffd5b601f821115610f495782821115610f4957805f5260205f20601f840160051c602085101561397957505f5b90810190601f840160051c035f5b8181101561297b575f83820155600101613987565b67ffffffffffffffff8311156139b4576139b461393a565b6139c8836139c28354613776565b8361394e565b5f601f8411600181146139f9575f85156139e25750838201355b5f19600387901b1c1916600186901b17835561280c565b5f83815260208120601f198716915b82811015613a285786850135825560209485019460019092019101613a08565b5086821015613a44575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b60c081525f613a6960c08301898b613804565b60208301979097525063ffffffff948516604082015292841660608401529216608082015290151560a09091015292915050565b81810381811115610a1f57610a1f6137ae565b60a081525f613ac360a08301888a613804565b60208301969096525063ffffffff9384166040820152918316606083015290911660809091015292915050565b5f82518060208501845e5f920191825250919050565b5f60208284031215613b16575f5ffd5b5051919050565b5f60208284031215613b2d575f5ffd5b81516115c88161330d565b634e487b7160e01b5f52603260045260245ffd5b634e487b7160e01b5f52603160045260245ffd5b65ffffffffffff8181168382160190811115610a1f57610a1f6137ae565b6001815b6001841115613bb957808504811115613b9d57613b9d6137ae565b6001841615613bab57908102905b60019390931c928002613b82565b935093915050565b5f82613bcf57506001610a1f565b81613bdb57505f610a1f565b8160018114613bf15760028114613bfb57613c17565b6001915050610a1f565b60ff841115613c0c57613c0c6137ae565b50506001821b610a1f565b5060208310610133831016604e8410600b8410161715613c3a575081810a610a1f565b613c465f198484613b7e565b805f1904821115613c5957613c596137ae565b029392505050565b5f6115c88383613bc1565b805169ffffffffffffffffffff81168114611d95575f5ffd5b5f5f5f5f5f60a08688031215613c99575f5ffd5b613ca286613c6c565b60208701516040880151606089015192975090955093509150613cc760808701613c6c565b90509295509295909350565b5f6115c860ff841683613bc1565b5f82613cfb57634e487b7160e01b5f52601260045260245ffd5b500490565b65ffffffffffff8281168282160390811115610a1f57610a1f6137ae56fe97667070c54ef182b0f5858b034beac1b6f3089aa2d3188bb1e8929f4fa9b929a2646970667358221220dd53cf630223fff51b7d1db8a28aedeea1e21b7ce445595a93f6cb0bbc94d5dc64736f6c63430008250033' as const;

export const blockhostSubscriptionsDeployedBytecode = '0x608060405260043610610341575f3560e01c806384ef8ffc116101bd578063bbb7eb1c116100f2578063d547741f11610092578063dc311dd31161006d578063dc311dd314610936578063eec22b7a1461099d578063f5b541a6146109bc578063fbf5b3b4146109dc575f5ffd5b8063d547741f146108e4578063d602b9fd14610903578063d9caed1214610917575f5ffd5b8063cc8463c8116100cd578063cc8463c814610863578063cefc142914610877578063cf6eefb71461088b578063d481515a146108c5575f5ffd5b8063bbb7eb1c1461080d578063ca5e553e1461082c578063caca95a41461084d575f5ffd5b8063a217fddf1161015d578063a426287411610138578063a4262874146107a9578063a7264705146107c8578063aa4f5baf146107e5578063ae2f19d8146107f9575f5ffd5b8063a217fddf14610764578063a25aa00b14610777578063a383839a14610795575f5ffd5b8063901cce6d11610198578063901cce6d146106ec57806391d14854146106ff578063a0cf0aea1461071e578063a1eda53c14610731575f5ffd5b806384ef8ffc146106a85780638da5cb5b146106c55780638f167e16146106d9575f5ffd5b806336568abe1161029357806363ea78411161023357806373faf46d1161020e57806373faf46d14610642578063741bef1a146106615780637632c6e41461067e57806381efd20814610694575f5ffd5b806363ea7841146105ef578063649a5ec71461060e578063693eafff1461062d575f5ffd5b80634c79f32d1161026e5780634c79f32d14610552578063598663f0146105735780635dd8f6aa14610599578063634e93da146105d0575f5ffd5b806336568abe14610500578063382d39bb1461051f578063430884cf14610533575f5ffd5b80631a7ae9d2116102fe57806326a97b94116102d957806326a97b941461047557806326cd5274146104965780632f2ff15d146104c257806331bfaa5a146104e1575f5ffd5b80631a7ae9d2146104135780632123508314610428578063248a9ca314610447575f5ffd5b806301ffc9a714610345578063022d63fb1461037957806307abe3c3146103a157806308145b8e146103c25780630aa6220b146103e1578063173b6d90146103f5575b5f5ffd5b348015610350575f5ffd5b5061036461035f3660046132e6565b6109fb565b60405190151581526020015b60405180910390f35b348015610384575f5ffd5b50620697805b60405165ffffffffffff9091168152602001610370565b3480156103ac575f5ffd5b506103c06103bb366004613321565b610a25565b005b3480156103cd575f5ffd5b506103646103dc36600461333c565b610b40565b3480156103ec575f5ffd5b506103c0610b5e565b348015610400575f5ffd5b506005545b604051908152602001610370565b34801561041e575f5ffd5b5061040561040081565b348015610433575f5ffd5b506103c061044236600461333c565b610b73565b348015610452575f5ffd5b5061040561046136600461333c565b5f9081526020819052604090206001015490565b348015610480575f5ffd5b50600d54600160a01b900463ffffffff16610405565b3480156104a1575f5ffd5b506104b56104b036600461333c565b610c89565b6040516103709190613353565b3480156104cd575f5ffd5b506103c06104dc3660046133ec565b610dcf565b3480156104ec575f5ffd5b506103c06104fb36600461333c565b610dfb565b34801561050b575f5ffd5b506103c061051a3660046133ec565b610e8f565b34801561052a575f5ffd5b50600454610405565b34801561053e575f5ffd5b506103c061054d366004613429565b610f35565b34801561055d575f5ffd5b50600c54600160a81b900463ffffffff16610405565b34801561057e575f5ffd5b50610587602481565b60405160ff9091168152602001610370565b3480156105a4575f5ffd5b506105b86105b336600461333c565b610f4e565b6040516001600160a01b039091168152602001610370565b3480156105db575f5ffd5b506103c06105ea366004613321565b610f6b565b3480156105fa575f5ffd5b50600b546105b8906001600160a01b031681565b348015610619575f5ffd5b506103c061062836600461345c565b610f7e565b348015610638575f5ffd5b50610405610e4281565b34801561064d575f5ffd5b506103c061065c366004613481565b610f91565b34801561066c575f5ffd5b50600c546001600160a01b03166105b8565b348015610689575f5ffd5b506104056201518081565b34801561069f575f5ffd5b50610587601281565b3480156106b3575f5ffd5b506002546001600160a01b03166105b8565b3480156106d0575f5ffd5b506105b8610fa5565b6104056106e73660046134f0565b610fbd565b6104056106fa36600461355e565b61119a565b34801561070a575f5ffd5b506103646107193660046133ec565b6112f4565b348015610729575f5ffd5b506105b85f81565b34801561073c575f5ffd5b5061074561131c565b6040805165ffffffffffff938416815292909116602083015201610370565b34801561076f575f5ffd5b506104055f81565b348015610782575f5ffd5b50600c54600160a01b900460ff16610587565b3480156107a0575f5ffd5b50610405604081565b3480156107b4575f5ffd5b506103c06107c33660046135ad565b61136e565b3480156107d3575f5ffd5b50600d546001600160a01b03166105b8565b3480156107f0575f5ffd5b50610587600281565b348015610804575f5ffd5b50610405600181565b348015610818575f5ffd5b5061040561082736600461363f565b61159e565b348015610837575f5ffd5b506108406115cf565b6040516103709190613675565b348015610858575f5ffd5b506104056202a30081565b34801561086e575f5ffd5b5061038a61162f565b348015610882575f5ffd5b506103c061168d565b348015610896575f5ffd5b5061089f6116cc565b604080516001600160a01b03909316835265ffffffffffff909116602083015201610370565b3480156108d0575f5ffd5b506105876108df366004613321565b6116ed565b3480156108ef575f5ffd5b506103c06108fe3660046133ec565b61173b565b34801561090e575f5ffd5b506103c0611763565b348015610922575f5ffd5b506103c06109313660046136c0565b611775565b348015610941575f5ffd5b5061095561095036600461333c565b6118b3565b604051610370919081518152602080830151908201526040808301516001600160a01b0316908201526060808301519082015260809182015115159181019190915260a00190565b3480156109a8575f5ffd5b506103c06109b7366004613481565b61198e565b3480156109c7575f5ffd5b506104055f516020613d1f5f395f51905f5281565b3480156109e7575f5ffd5b506104056109f63660046136fe565b611aa8565b5f6001600160e01b031982166331fcacff60e21b1480610a1f5750610a1f82611c46565b92915050565b600b546001600160a01b03168015610a605760405163f009d12f60e01b81526001600160a01b03821660048201526024015b60405180910390fd5b6003546001600160a01b03163314801590610a825750610a805f336112f4565b155b15610aa85760405163e2517d3f60e01b81523360048201525f6024820152604401610a57565b30610aba8363b8e381e560e01b611c6a565b6001600160a01b031614610aec57604051633f56cf0560e21b81526001600160a01b0383166004820152602401610a57565b600b80546001600160a01b0384166001600160a01b031991821681179092556003805490911690556040517fc6cfbaa5006b8a66946fed273a26bec712923332e376dff02eef6dea6d0cb412905f90a25050565b5f6002610b4c83611d5d565b54600160f81b900460ff161492915050565b5f610b6881611d9a565b610b70611da4565b50565b5f610b7d82611d5d565b80549091505f90610b989084906001600160a01b0316611db0565b90505f6001600160a01b0382163303610bb357506001610bf9565b610bca5f516020613d1f5f395f51905f52336112f4565b15610bd757506002610bf9565b60405163097d8c9360e01b815260048101859052336024820152604401610a57565b8254600160f81b900460ff1615610c2657604051637825edb960e11b815260048101859052602401610a57565b82546001600160f81b0316600160f81b60ff831602178084556040516001600160a01b03841691600160d01b900464ffffffffff169086907f66f43ba68b89239cf7af6921b9dcdaf6ce93c7223af7a53e343dbedcc082a104905f90a450505050565b6040805160e0810182525f8082526060602083018190529282018190529181018290526080810182905260a0810182905260c0810182905290610ccb83611e51565b90506040518060e0016040528084815260200160075f8681526020019081526020015f208054610cfa90613776565b80601f0160208091040260200160405190810160405280929190818152602001828054610d2690613776565b8015610d715780601f10610d4857610100808354040283529160200191610d71565b820191905f5260205f20905b815481529060010190602001808311610d5457829003601f168201915b50505050508152602001825f01516001600160601b03168152602001826020015163ffffffff168152602001826040015163ffffffff168152602001826060015163ffffffff16815260200182608001511515815250915050919050565b81610ded57604051631fe1e13d60e11b815260040160405180910390fd5b610df78282611f07565b5050565b5f610e0581611d9a565b5f610e0f83611d5d565b8054909150600160f81b900460ff16600214610e4157604051633f833ef160e21b815260048101849052602401610a57565b80546001600160f81b03168082556040513391600160d01b900464ffffffffff169085907fe32e4e72a536cf271daa9d2449f90317e25396c9fe54d88fe3aab34a470d6fac905f90a4505050565b81158015610eaa57506002546001600160a01b038281169116145b15610f2b575f5f610eb96116cc565b90925090506001600160a01b038216151580610edb575065ffffffffffff8116155b80610eee57504265ffffffffffff821610155b15610f16576040516319ca5ebb60e01b815265ffffffffffff82166004820152602401610a57565b50506001805465ffffffffffff60a01b191690555b610df78282611f2b565b5f610f3f81611d9a565b610f498383611f5e565b505050565b5f610a1f82610f5c84611d5d565b546001600160a01b0316611db0565b5f610f7581611d9a565b610df78261221a565b5f610f8881611d9a565b610df78261228c565b5f610f9b81611d9a565b610f4983836122fb565b5f610fb86002546001600160a01b031690565b905090565b5f610fc6612455565b610fcf8661248a565b610400821115610ffd5760405163779e0c3760e01b8152600481018390526104006024820152604401610a57565b5f61100788611e51565b9050806080015161102e57604051630f765a9360e21b815260048101899052602401610a57565b5f611046825f01516001600160601b031689896124ca565b905060055f8154611056906137c2565b918290555092505f61106b89620151806137da565b61107590426137f1565b90506040518060800160405280336001600160a01b0316815260200161109a836126f1565b65ffffffffffff908116825264ffffffffff808e166020808501919091525f60409485018190528981526008825284902085518154928701518787015160609098015160ff16600160f81b026001600160f81b0398909516600160d01b02979097166001600160d01b0397909516600160a01b026001600160d01b03199093166001600160a01b0390911617919091179490941691909117179091555133908b9086907ff8d0042297eb90d4c0e69b16b80a93bdee5b71f0a963a1961a4de8c551958b559061117290869088908f908e908e9061382c565b60405180910390a4611185828989612727565b505050611190612983565b9695505050505050565b5f6111a3612455565b6111ac8461248a565b5f6111b686611d5d565b8054909150600160f81b900460ff16156111e657604051637825edb960e11b815260048101879052602401610a57565b8054600160d01b900464ffffffffff165f81815260066020526040812054611218906001600160601b031688886124ca565b8354909150600160a01b900465ffffffffffff165f42821161123a574261123c565b815b905061124b89620151806137da565b61125590826137f1565b9550611260866126f1565b855465ffffffffffff60a01b1916600160a01b65ffffffffffff929092169190910217855560408051878152602081018590526001600160a01b038a16818301529051339186918d917f80f867aeffc74b04b4f387cfc5572b2a3537d8705579fb696da4019cc8069e09919081900360600190a46112df838989612727565b50505050506112ec612983565b949350505050565b5f918252602082815260408084206001600160a01b0393909316845291905290205460ff1690565b6002545f90600160d01b900465ffffffffffff16801515801561134757504265ffffffffffff821610155b611352575f5f611366565b600254600160a01b900465ffffffffffff16815b915091509091565b5f516020613d1f5f395f51905f5261138581611d9a565b5f61138f8a611e51565b905061139f8989898989896129ad565b5f6040518060a00160405280896001600160601b031681526020018863ffffffff1681526020018763ffffffff1681526020018663ffffffff16815260200185151581525090505f60075f8d81526020019081526020015f206040516114059190613864565b60405180910390208b8b60405161141d9291906138d5565b604051809103902014905080801561148057508160405160200161144191906138e4565b604051602081830303815290604052805190602001208360405160200161146891906138e4565b60405160208183030381529060405280519060200120145b1561148d57505050611593565b5f8c815260066020908152604091829020845181549286015193860151606087015160808801511515600160c01b0260ff60c01b1963ffffffff928316600160a01b0263ffffffff60a01b19948416600160801b029490941667ffffffffffffffff60801b1993909816600160601b026001600160801b03199097166001600160601b039095169490941795909517169490941793909317929092161790558061154b575f8c81526007602052604090206115498b8d8361399c565b505b8b7f5de89928fdc61dcaf1eded39b6b03f95431bedecf6f378bf48b50933bf1691978c8c8c8c8c8c8c6040516115879796959493929190613a56565b60405180910390a25050505b505050505050505050565b5f6115a88361248a565b6115c56115b485611e51565b516001600160601b031684846124ca565b90505b9392505050565b6060600a80548060200260200160405190810160405280929190818152602001828054801561162557602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311611607575b5050505050905090565b6002545f90600160d01b900465ffffffffffff16801515801561165957504265ffffffffffff8216105b61167457600154600160d01b900465ffffffffffff16611687565b600254600160a01b900465ffffffffffff165b91505090565b5f6116966116cc565b509050336001600160a01b038216146116c457604051636116401160e11b8152336004820152602401610a57565b610b70612b12565b6001546001600160a01b03811691600160a01b90910465ffffffffffff1690565b6001600160a01b0381165f908152600960205260408120548082036117305760405163f01157c360e01b81526001600160a01b0384166004820152602401610a57565b6115c8600182613a9d565b8161175957604051631fe1e13d60e11b815260040160405180910390fd5b610df78282612ba8565b5f61176d81611d9a565b610b70612bcc565b5f61177f81611d9a565b611787612455565b6001600160a01b0383166117ae5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b038416611844575f836001600160a01b0316836040515f6040518083038185875af1925050503d805f8114611805576040519150601f19603f3d011682016040523d82523d5f602084013e61180a565b606091505b505090508061183e5760405163296c17bb60e21b81526001600160a01b038516600482015260248101849052604401610a57565b50611858565b6118586001600160a01b0385168484612bd6565b826001600160a01b0316846001600160a01b03167fd1c19fbcd4551a5edfb66d43d2e337c04837afda3482b42bdf569a8fccdae5fb8460405161189d91815260200190565b60405180910390a36118ad612983565b50505050565b6118eb6040518060a001604052805f81526020015f81526020015f6001600160a01b031681526020015f81526020015f151581525090565b5f6118f583611d5d565b604080516080808201835292546001600160a01b03808216835265ffffffffffff600160a01b83048116602080860191825264ffffffffff600160d01b8604811687890190815260ff600160f81b90970487166060808a019182528a5160a081018c529e8f529151909216928d01929092529551909316958a019590955293519093169287019290925251161515908401525090919050565b5f61199881611d9a565b620151808211156119c857604051630324243f60e01b815260048101839052620151806024820152604401610a57565b6001600160a01b0383166119de575f9150611a13565b826001600160a01b03163b5f03611a1357604051636787b55560e01b81526001600160a01b0384166004820152602401610a57565b600d546001600160a01b038481169116148015611a3e5750600d54600160a01b900463ffffffff1682145b610f4957600d80546001600160a01b0385166001600160c01b03199091168117600160a01b63ffffffff861602179091556040518381527f4e1035702621fd404df2e28c7e77413039d0b2aea741fdf1aa5af7bd2fc778a8906020015b60405180910390a2505050565b5f5f516020613d1f5f395f51905f52611ac081611d9a565b611ace8888888888886129ad565b60045f8154611adc906137c2565b9182905550915064ffffffffff821115611b1e5760405163d29d307560e01b81526020600482015260026024820152611a5960f21b6044820152606401610a57565b6040805160a0810182526001600160601b03888116825263ffffffff8881166020808501918252898316858701908152898416606087019081526001608088019081525f8b81526006855289812098518954965194519351925198166001600160801b031990961695909517600160601b938716939093029290921767ffffffffffffffff60801b1916600160801b9186169190910263ffffffff60a01b191617600160a01b91909416029290921760ff60c01b1916600160c01b9315159390930292909217909255600790915220611bf8888a8361399c565b50817f7edf24fa4d0fc499ea2fdb4b2ad4e8ac2e3a6d8f17a633012cffbb4b3d7ad192898989898989604051611c3396959493929190613ab0565b60405180910390a2509695505050505050565b5f6001600160e01b031982166318a4c3c360e11b1480610a1f5750610a1f82612c0b565b5f826001600160a01b03163b5f03611c8357505f610a1f565b60408051600481526024810182526020810180516001600160e01b03166001600160e01b0319861617905290515f9182916001600160a01b03871691611cc891613af0565b5f60405180830381855afa9150503d805f8114611d00576040519150601f19603f3d011682016040523d82523d5f602084013e611d05565b606091505b5091509150811580611d18575060208151105b15611d27575f92505050610a1f565b5f81806020019051810190611d3c9190613b06565b90506001600160a01b038111611d525780611190565b5f9695505050505050565b5f81815260086020526040902080546001600160a01b0316611d95576040516366fcc43f60e11b815260048101839052602401610a57565b919050565b610b708133612c3f565b611dae5f5f612c78565b565b600b545f906001600160a01b03168015611e4957604051632c202dd960e01b8152600481018590525f906001600160a01b03831690632c202dd990602401602060405180830381865afa158015611e09573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611e2d9190613b1d565b90506001600160a01b03811615611e47579150610a1f9050565b505b509092915050565b6040805160a080820183525f8083526020808401829052838501829052606080850183905260809485018390528683526006825285832086519485018752546001600160601b03811680865263ffffffff600160601b8304811694870194909452600160801b8204841697860197909752600160a01b81049092169084015260ff600160c01b90910416151592820192909252919003611d9557604051633582fa3760e11b815260048101839052602401610a57565b5f82815260208190526040902060010154611f2181611d9a565b6118ad8383612d37565b6001600160a01b0381163314611f545760405163334bd91960e11b815260040160405180910390fd5b610f498282612d9d565b6001600160a01b038216611f855760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0382165f90815260096020526040812054908215612092575f611fae85612dd9565b92509050801580611fc25750600260ff8316105b80611fd05750602460ff8316115b15611ff957604051639236bba760e01b81526001600160a01b0386166004820152602401610a57565b61200760ff831660016137f1565b8303612014575050505050565b825f0361206657600a80546001810182555f919091527fc65a7bb8d6351c1cf70c95a316cc6a92839c986682d98bc35f958f4883f9d2a80180546001600160a01b0319166001600160a01b0387161790555b61207460ff831660016137f1565b6001600160a01b0386165f90815260096020526040902055506121cc565b815f0361209f5750505050565b6120aa600183613a9d565b6001600160a01b0385165f908152600960205260408120819055600a54919250906120d790600190613a9d565b90505f5b8181116121c957856001600160a01b0316600a82815481106120ff576120ff613b38565b5f918252602090912001546001600160a01b0316036121b757600a828154811061212b5761212b613b38565b5f91825260209091200154600a80546001600160a01b03909216918390811061215657612156613b38565b905f5260205f20015f6101000a8154816001600160a01b0302191690836001600160a01b03160217905550600a80548061219257612192613b4c565b5f8281526020902081015f1990810180546001600160a01b03191690550190556121c9565b806121c1816137c2565b9150506120db565b50505b60408051841515815260ff831660208201526001600160a01b038616917f4070b2010f0eb1f9bce8f758652bcf7887bf5a7aebb9433871ee32f9a6206dc0910160405180910390a250505050565b5f61222361162f565b61222c426126f1565b6122369190613b60565b90506122428282612ed3565b60405165ffffffffffff821681526001600160a01b038316907f3377dc44241e779dd06afab5b788a35ca5f3b778836e2990bdb26a2a4b2e5ed69060200160405180910390a25050565b5f61229682612f50565b61229f426126f1565b6122a99190613b60565b90506122b58282612c78565b6040805165ffffffffffff8085168252831660208201527ff1038c18cf84a56e432fdbfaf746924b7ea511dfe03a6506a0ceba4888788d9b910160405180910390a15050565b5f6001600160a01b038316612312575f9150612394565b81158061232157506202a30082115b1561234b5760405163a1e63cb360e01b8152600481018390526202a3006024820152604401610a57565b5f61235584612dd9565b925090508015806123695750601260ff8316115b1561239257604051636787b55560e01b81526001600160a01b0385166004820152602401610a57565b505b600c546001600160a01b0384811691161480156123bf5750600c5460ff828116600160a01b90920416145b80156123d95750600c54600160a81b900463ffffffff1682145b156123e357505050565b600c80546001600160a01b0385166001600160a81b03199091168117600160a01b60ff8516021763ffffffff60a81b1916600160a81b63ffffffff861602179091556040518381527fd62c8b7f5db8c31e2692d6e561aa15bcf5f1e89304e284c17dd7883e3ca0342890602001611a9b565b61245d612f97565b611dae60017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b90612fd7565b600181108061249a5750610e4281115b15610b705760405163a931245360e01b81526004810182905260016024820152610e426044820152606401610a57565b5f806124d684866137da565b90506001600160a01b03831615612560576001600160a01b0383165f908152600960205260408120549081900361252b5760405163f01157c360e01b81526001600160a01b0385166004820152602401610a57565b6002612538600183613a9d565b6125429190613a9d565b61254d90600a613c61565b61255790836137da565b925050506115c8565b600c546001600160a01b03168061258a57604051637de0e7d160e01b815260040160405180910390fd5b612592612fde565b5f5f826001600160a01b031663feaf968c6040518163ffffffff1660e01b815260040160a060405180830381865afa1580156125d0573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906125f49190613c85565b509350509250505f821361261e576040516338ee04a760e01b815260048101839052602401610a57565b600c54600160a81b900463ffffffff1681158061264d5750814211801561264d57508061264b8342613a9d565b115b1561267b5760405163033565a560e31b81526004810183905260248101829052426044820152606401610a57565b600c545f9061269590600160a01b900460ff16600a613cd3565b6126a787670de0b6b3a76400006137da565b6126b191906137da565b90505f6126bf8560646137da565b90508060016126ce82856137f1565b6126d89190613a9d565b6126e29190613ce1565b9b9a5050505050505050505050565b5f65ffffffffffff821115612723576040516306dfcc6560e41b81526030600482015260248101839052604401610a57565b5090565b808311156127525760405163385b498760e11b81526004810184905260248101829052604401610a57565b6001600160a01b038216612813578234101561278a5760405163b99e2ab760e01b815234600482015260248101849052604401610a57565b5f6127958434613a9d565b905080156118ad576040515f90339083908381818185875af1925050503d805f81146127dc576040519150601f19603f3d011682016040523d82523d5f602084013e6127e1565b606091505b505090508061280c5760405163296c17bb60e21b815233600482015260248101839052604401610a57565b5050505050565b341561283457604051635571d9ed60e11b8152346004820152602401610a57565b6040516370a0823160e01b815230600482015282905f906001600160a01b038316906370a0823190602401602060405180830381865afa15801561287a573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061289e9190613b06565b90506128b56001600160a01b0383163330886130da565b6040516370a0823160e01b81523060048201525f906001600160a01b038416906370a0823190602401602060405180830381865afa1580156128f9573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061291d9190613b06565b905061292986836137f1565b81101561297b57848683831161293f575f612949565b6129498484613a9d565b604051639838429d60e01b81526001600160a01b03909316600484015260248301919091526044820152606401610a57565b505050505050565b611dae5f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612484565b848015806129bb5750604081115b156129f25760405163d29d307560e01b8152600401610a57906020808252600490820152636e616d6560e01b604082015260600190565b841580612a0557506001600160601b0385115b15612a495760405163d29d307560e01b8152602060048201526013602482015272707269636550657244617955736443656e747360681b6044820152606401610a57565b8363ffffffff165f03612a875760405163d29d307560e01b8152602060048201526005602482015264636f72657360d81b6044820152606401610a57565b8263ffffffff165f03612ac95760405163d29d307560e01b815260206004820152600960248201526836b2b6b7b93ca6b4a160b91b6044820152606401610a57565b8163ffffffff165f03612b095760405163d29d307560e01b81526020600482015260076024820152663234b9b5a3b4a160c91b6044820152606401610a57565b50505050505050565b5f5f612b1c6116cc565b91509150612b318165ffffffffffff16151590565b1580612b4557504265ffffffffffff821610155b15612b6d576040516319ca5ebb60e01b815265ffffffffffff82166004820152602401610a57565b612b885f612b836002546001600160a01b031690565b612d9d565b50612b935f83612d37565b5050600180546001600160d01b031916905550565b5f82815260208190526040902060010154612bc281611d9a565b6118ad8383612d9d565b611dae5f5f612ed3565b612be38383836001613110565b610f4957604051635274afe760e01b81526001600160a01b0384166004820152602401610a57565b5f6001600160e01b03198216637965db0b60e01b1480610a1f57506301ffc9a760e01b6001600160e01b0319831614610a1f565b612c4982826112f4565b610df75760405163e2517d3f60e01b81526001600160a01b038216600482015260248101839052604401610a57565b600254600160d01b900465ffffffffffff168015612cfa574265ffffffffffff82161015612cd157600254600180546001600160d01b0316600160a01b90920465ffffffffffff16600160d01b02919091179055612cfa565b6040517f2b1fa2edafe6f7b9e97c1a9e0c3660e645beb2dcaa2d45bdbf9beaf5472e1ec5905f90a15b50600280546001600160a01b0316600160a01b65ffffffffffff948516026001600160d01b031617600160d01b9290931691909102919091179055565b5f82612d93575f612d506002546001600160a01b031690565b6001600160a01b031614612d7757604051631fe1e13d60e11b815260040160405180910390fd5b600280546001600160a01b0319166001600160a01b0384161790555b6115c88383613172565b5f82158015612db957506002546001600160a01b038381169116145b15612dcf57600280546001600160a01b03191690555b6115c88383613201565b5f5f826001600160a01b03163b5f03612df657505f928392509050565b60408051600481526024810182526020810180516001600160e01b031663313ce56760e01b17905290515f9182916001600160a01b03871691612e3891613af0565b5f60405180830381855afa9150503d805f8114612e70576040519150601f19603f3d011682016040523d82523d5f602084013e612e75565b606091505b5091509150811580612e88575060208151105b15612e9957505f9485945092505050565b5f81806020019051810190612eae9190613b06565b905060ff811115612ec657505f958695509350505050565b6001969095509350505050565b5f612edc6116cc565b6001805465ffffffffffff8616600160a01b026001600160d01b03199091166001600160a01b038816171790559150612f1e90508165ffffffffffff16151590565b15610f49576040517f8886ebfc4259abdbc16601dd8fb5678e54878f47b3c34836cfc51154a9605109905f90a1505050565b5f5f612f5a61162f565b90508065ffffffffffff168365ffffffffffff1611612f8257612f7d8382613d00565b6115c8565b6115c865ffffffffffff84166206978061326a565b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c15611dae57604051633ee5aeb560e01b815260040160405180910390fd5b80825d5050565b600d546001600160a01b031680612ff25750565b5f5f826001600160a01b031663feaf968c6040518163ffffffff1660e01b815260040160a060405180830381865afa158015613030573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906130549190613c85565b50509250925050815f141580613068575080155b156130855760405162032b3d60e81b815260040160405180910390fd5b600d54600160a01b900463ffffffff16428211806130ac5750806130a98342613a9d565b11155b156118ad57604051633f72ecff60e01b81526004810183905260248101829052426044820152606401610a57565b6130e8848484846001613279565b6118ad57604051635274afe760e01b81526001600160a01b0385166004820152602401610a57565b60405163a9059cbb60e01b5f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f5114831661316657838315161561315a573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b5f61317d83836112f4565b6131fa575f838152602081815260408083206001600160a01b03861684529091529020805460ff191660011790556131b23390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a4506001610a1f565b505f610a1f565b5f61320c83836112f4565b156131fa575f838152602081815260408083206001600160a01b0386168085529252808320805460ff1916905551339286917ff6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b9190a4506001610a1f565b5f8282188284100282186115c8565b6040516323b872dd60e01b5f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f511483166132d55783831516156132c9573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f602082840312156132f6575f5ffd5b81356001600160e01b0319811681146115c8575f5ffd5b6001600160a01b0381168114610b70575f5ffd5b5f60208284031215613331575f5ffd5b81356115c88161330d565b5f6020828403121561334c575f5ffd5b5035919050565b60208152815160208201525f602083015160e06040840152805180610100850152806020830161012086015e5f610120828601015260408501516060850152606085015191506133ab608085018363ffffffff169052565b608085015163ffffffff90811660a0868101919091528601511660c08086019190915290940151151560e08401525050601f909101601f1916016101200190565b5f5f604083850312156133fd575f5ffd5b82359150602083013561340f8161330d565b809150509250929050565b80358015158114611d95575f5ffd5b5f5f6040838503121561343a575f5ffd5b82356134458161330d565b91506134536020840161341a565b90509250929050565b5f6020828403121561346c575f5ffd5b813565ffffffffffff811681146115c8575f5ffd5b5f5f60408385031215613492575f5ffd5b823561349d8161330d565b946020939093013593505050565b5f5f83601f8401126134bb575f5ffd5b50813567ffffffffffffffff8111156134d2575f5ffd5b6020830191508360208285010111156134e9575f5ffd5b9250929050565b5f5f5f5f5f5f60a08789031215613505575f5ffd5b8635955060208701359450604087013561351e8161330d565b935060608701359250608087013567ffffffffffffffff811115613540575f5ffd5b61354c89828a016134ab565b979a9699509497509295939492505050565b5f5f5f5f60808587031215613571575f5ffd5b8435935060208501359250604085013561358a8161330d565b9396929550929360600135925050565b803563ffffffff81168114611d95575f5ffd5b5f5f5f5f5f5f5f5f60e0898b0312156135c4575f5ffd5b88359750602089013567ffffffffffffffff8111156135e1575f5ffd5b6135ed8b828c016134ab565b9098509650506040890135945061360660608a0161359a565b935061361460808a0161359a565b925061362260a08a0161359a565b915061363060c08a0161341a565b90509295985092959890939650565b5f5f5f60608486031215613651575f5ffd5b8335925060208401359150604084013561366a8161330d565b809150509250925092565b602080825282518282018190525f918401906040840190835b818110156136b55783516001600160a01b031683526020938401939092019160010161368e565b509095945050505050565b5f5f5f606084860312156136d2575f5ffd5b83356136dd8161330d565b925060208401356136ed8161330d565b929592945050506040919091013590565b5f5f5f5f5f5f60a08789031215613713575f5ffd5b863567ffffffffffffffff811115613729575f5ffd5b61373589828a016134ab565b9097509550506020870135935061374e6040880161359a565b925061375c6060880161359a565b915061376a6080880161359a565b90509295509295509295565b600181811c9082168061378a57607f821691505b6020821081036137a857634e487b7160e01b5f52602260045260245ffd5b50919050565b634e487b7160e01b5f52601160045260245ffd5b5f600182016137d3576137d36137ae565b5060010190565b8082028115828204841417610a1f57610a1f6137ae565b80820180821115610a1f57610a1f6137ae565b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b85815284602082015260018060a01b0384166040820152608060608201525f613859608083018486613804565b979650505050505050565b5f5f835461387181613776565b600182168015613888576001811461389d576138ca565b60ff19831686528115158202860193506138ca565b865f5260205f205f5b838110156138c2578154888201526001909101906020016138a6565b505081860193505b509195945050505050565b818382375f9101908152919050565b5f60a0820190506001600160601b03835116825263ffffffff602084015116602083015263ffffffff604084015116604083015263ffffffff606084015116606083015260808301511515608083015292915050565b634e487b7160e01b5f52604160045260245ffd5b601f821115610f495782821115610f4957805f5260205f20601f840160051c602085101561397957505f5b90810190601f840160051c035f5b8181101561297b575f83820155600101613987565b67ffffffffffffffff8311156139b4576139b461393a565b6139c8836139c28354613776565b8361394e565b5f601f8411600181146139f9575f85156139e25750838201355b5f19600387901b1c1916600186901b17835561280c565b5f83815260208120601f198716915b82811015613a285786850135825560209485019460019092019101613a08565b5086821015613a44575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b60c081525f613a6960c08301898b613804565b60208301979097525063ffffffff948516604082015292841660608401529216608082015290151560a09091015292915050565b81810381811115610a1f57610a1f6137ae565b60a081525f613ac360a08301888a613804565b60208301969096525063ffffffff9384166040820152918316606083015290911660809091015292915050565b5f82518060208501845e5f920191825250919050565b5f60208284031215613b16575f5ffd5b5051919050565b5f60208284031215613b2d575f5ffd5b81516115c88161330d565b634e487b7160e01b5f52603260045260245ffd5b634e487b7160e01b5f52603160045260245ffd5b65ffffffffffff8181168382160190811115610a1f57610a1f6137ae565b6001815b6001841115613bb957808504811115613b9d57613b9d6137ae565b6001841615613bab57908102905b60019390931c928002613b82565b935093915050565b5f82613bcf57506001610a1f565b81613bdb57505f610a1f565b8160018114613bf15760028114613bfb57613c17565b6001915050610a1f565b60ff841115613c0c57613c0c6137ae565b50506001821b610a1f565b5060208310610133831016604e8410600b8410161715613c3a575081810a610a1f565b613c465f198484613b7e565b805f1904821115613c5957613c596137ae565b029392505050565b5f6115c88383613bc1565b805169ffffffffffffffffffff81168114611d95575f5ffd5b5f5f5f5f5f60a08688031215613c99575f5ffd5b613ca286613c6c565b60208701516040880151606089015192975090955093509150613cc760808701613c6c565b90509295509295909350565b5f6115c860ff841683613bc1565b5f82613cfb57634e487b7160e01b5f52601260045260245ffd5b500490565b65ffffffffffff8281168282160390811115610a1f57610a1f6137ae56fe97667070c54ef182b0f5858b034beac1b6f3089aa2d3188bb1e8929f4fa9b929a2646970667358221220dd53cf630223fff51b7d1db8a28aedeea1e21b7ce445595a93f6cb0bbc94d5dc64736f6c63430008250033' as const;
