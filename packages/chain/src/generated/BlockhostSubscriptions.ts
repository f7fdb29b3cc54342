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

export const blockhostSubscriptionsBytecode = '0x608060405234801561000f575f5ffd5b506040516146e13803806146e183398101604081905261002e916107c2565b80866001600160a01b03811661005e57604051636116401160e11b81525f60048201526024015b60405180910390fd5b600180546001600160d01b0316600160d01b65ffffffffffff8516021790556100875f82610150565b5050506001600160a01b0385166100b15760405163d92e233d60e01b815260040160405180910390fd5b600380546001600160a01b031916331790556100ed7f97667070c54ef182b0f5858b034beac1b6f3089aa2d3188bb1e8929f4fa9b92986610150565b505f5b845181101561012b5761012385828151811061010e5761010e6108d8565b602002602001015160016101bf60201b60201c565b6001016100f0565b506001600160a01b0383161561014557610145838361047b565b50505050505061097f565b5f826101ac575f6101696002546001600160a01b031690565b6001600160a01b03161461019057604051631fe1e13d60e11b815260040160405180910390fd5b600280546001600160a01b0319166001600160a01b0384161790555b6101b683836105dd565b90505b92915050565b6001600160a01b0382166101e65760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0382165f908152600960205260408120549082156102f3575f61020f85610684565b925090508015806102235750600260ff8316105b806102315750602460ff8316115b1561025a57604051639236bba760e01b81526001600160a01b0386166004820152602401610055565b61026860ff83166001610900565b8303610275575050505050565b825f036102c757600a80546001810182555f919091527fc65a7bb8d6351c1cf70c95a316cc6a92839c986682d98bc35f958f4883f9d2a80180546001600160a01b0319166001600160a01b0387161790555b6102d560ff83166001610900565b6001600160a01b0386165f908152600960205260409020555061042d565b815f036103005750505050565b61030b600183610913565b6001600160a01b0385165f908152600960205260408120819055600a549192509061033890600190610913565b90505f5b81811161042a57856001600160a01b0316600a8281548110610360576103606108d8565b5f918252602090912001546001600160a01b03160361041857600a828154811061038c5761038c6108d8565b5f91825260209091200154600a80546001600160a01b0390921691839081106103b7576103b76108d8565b905f5260205f20015f6101000a8154816001600160a01b0302191690836001600160a01b03160217905550600a8054806103f3576103f3610926565b5f8281526020902081015f1990810180546001600160a01b031916905501905561042a565b806104228161093a565b91505061033c565b50505b60408051841515815260ff831660208201526001600160a01b038616917f4070b2010f0eb1f9bce8f758652bcf7887bf5a7aebb9433871ee32f9a6206dc0910160405180910390a250505050565b5f6001600160a01b038316610492575f9150610514565b8115806104a157506202a30082115b156104cb5760405163a1e63cb360e01b8152600481018390526202a3006024820152604401610055565b5f6104d584610684565b925090508015806104e95750601260ff8316115b1561051257604051636787b55560e01b81526001600160a01b0385166004820152602401610055565b505b600c546001600160a01b03848116911614801561053f5750600c5460ff828116600160a01b90920416145b80156105595750600c54600160a81b900463ffffffff1682145b1561056357505050565b600c80546001600160a01b0385166001600160a81b03199091168117600160a01b60ff8516021763ffffffff60a81b1916600160a81b63ffffffff861602179091556040518381527fd62c8b7f5db8c31e2692d6e561aa15bcf5f1e89304e284c17dd7883e3ca034289060200160405180910390a2505050565b5f828152602081815260408083206001600160a01b038516845290915281205460ff1661067d575f838152602081815260408083206001600160a01b03861684529091529020805460ff191660011790556106353390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a45060016101b9565b505f6101b9565b5f5f826001600160a01b03163b5f036106a157505f928392509050565b60408051600481526024810182526020810180516001600160e01b031663313ce56760e01b17905290515f9182916001600160a01b038716916106e391610952565b5f60405180830381855afa9150503d805f811461071b576040519150601f19603f3d011682016040523d82523d5f602084013e610720565b606091505b5091509150811580610733575060208151105b1561074457505f9485945092505050565b5f818060200190518101906107599190610968565b905060ff81111561077157505f958695509350505050565b6001969095509350505050565b80516001600160a01b0381168114610794575f5ffd5b919050565b634e487b7160e01b5f52604160045260245ffd5b805165ffffffffffff81168114610794575f5ffd5b5f5f5f5f5f5f60c087890312156107d7575f5ffd5b6107e08761077e565b95506107ee6020880161077e565b60408801519095506001600160401b03811115610809575f5ffd5b8701601f81018913610819575f5ffd5b80516001600160401b0381111561083257610832610799565b604051600582901b90603f8201601f191681016001600160401b038111828210171561086057610860610799565b60405291825260208184018101929081018c84111561087d575f5ffd5b6020850194505b838510156108a3576108958561077e565b815260209485019401610884565b5096506108b6925050506060880161077e565b608088015190935091506108cc60a088016107ad565b90509295509295509295565b634e487b7160e01b5f52603260045260245ffd5b634e487b7160e01b5f52601160045260245ffd5b808201808211156101b9576101b96108ec565b818103818111156101b9576101b96108ec565b634e487b7160e01b5f52603160045260245ffd5b5f6001820161094b5761094b6108ec565b5060010190565b5f82518060208501845e5f920191825250919050565b5f60208284031215610978575f5ffd5b5051919050565b613d558061098c5f395ff3fe608060405260043610610341575f3560e01c806384ef8ffc116101bd578063bbb7eb1c116100f2578063d547741f11610092578063dc311dd31161006d578063dc311dd314610936578063eec22b7a1461099d578063f5b541a6146109bc578063fbf5b3b4146109dc575f5ffd5b8063d547741f146108e4578063d602b9fd14610903578063d9caed1214610917575f5ffd5b8063cc8463c8116100cd578063cc8463c814610863578063cefc142914610877578063cf6eefb71461088b578063d481515a146108c5575f5ffd5b8063bbb7eb1c1461080d578063ca5e553e1461082c578063caca95a41461084d575f5ffd5b8063a217fddf1161015d578063a426287411610138578063a4262874146107a9578063a7264705146107c8578063aa4f5baf146107e5578063ae2f19d8146107f9575f5ffd5b8063a217fddf14610764578063a25aa00b14610777578063a383839a14610795575f5ffd5b8063901cce6d11610198578063901cce6d146106ec57806391d14854146106ff578063a0cf0aea1461071e578063a1eda53c14610731575f5ffd5b806384ef8ffc146106a85780638da5cb5b146106c55780638f167e16146106d9575f5ffd5b806336568abe1161029357806363ea78411161023357806373faf46d1161020e57806373faf46d14610642578063741bef1a146106615780637632c6e41461067e57806381efd20814610694575f5ffd5b806363ea7841146105ef578063649a5ec71461060e578063693eafff1461062d575f5ffd5b80634c79f32d1161026e5780634c79f32d14610552578063598663f0146105735780635dd8f6aa14610599578063634e93da146105d0575f5ffd5b806336568abe14610500578063382d39bb1461051f578063430884cf14610533575f5ffd5b80631a7ae9d2116102fe57806326a97b94116102d957806326a97b941461047557806326cd5274146104965780632f2ff15d146104c257806331bfaa5a146104e1575f5ffd5b80631a7ae9d2146104135780632123508314610428578063248a9ca314610447575f5ffd5b806301ffc9a714610345578063022d63fb1461037957806307abe3c3146103a157806308145b8e146103c25780630aa6220b146103e1578063173b6d90146103f5575b5f5ffd5b348015610350575f5ffd5b5061036461035f3660046132c7565b6109fb565b60405190151581526020015b60405180910390f35b348015610384575f5ffd5b50620697805b60405165ffffffffffff9091168152602001610370565b3480156103ac575f5ffd5b506103c06103bb366004613302565b610a25565b005b3480156103cd575f5ffd5b506103646103dc36600461331d565b610b40565b3480156103ec575f5ffd5b506103c0610b5e565b348015610400575f5ffd5b506005545b604051908152602001610370565b34801561041e575f5ffd5b5061040561040081565b348015610433575f5ffd5b506103c061044236600461331d565b610b73565b348015610452575f5ffd5b5061040561046136600461331d565b5f9081526020819052604090206001015490565b348015610480575f5ffd5b50600d54600160a01b900463ffffffff16610405565b3480156104a1575f5ffd5b506104b56104b036600461331d565b610c89565b6040516103709190613334565b3480156104cd575f5ffd5b506103c06104dc3660046133cd565b610dcf565b3480156104ec575f5ffd5b506103c06104fb36600461331d565b610dfb565b34801561050b575f5ffd5b506103c061051a3660046133cd565b610e8f565b34801561052a575f5ffd5b50600454610405565b34801561053e575f5ffd5b506103c061054d36600461340a565b610f35565b34801561055d575f5ffd5b50600c54600160a81b900463ffffffff16610405565b34801561057e575f5ffd5b50610587602481565b60405160ff9091168152602001610370565b3480156105a4575f5ffd5b506105b86105b336600461331d565b610f4e565b6040516001600160a01b039091168152602001610370565b3480156105db575f5ffd5b506103c06105ea366004613302565b610f6b565b3480156105fa575f5ffd5b50600b546105b8906001600160a01b031681565b348015610619575f5ffd5b506103c061062836600461343d565b610f7e565b348015610638575f5ffd5b50610405610e4281565b34801561064d575f5ffd5b506103c061065c366004613462565b610f91565b34801561066c575f5ffd5b50600c546001600160a01b03166105b8565b348015610689575f5ffd5b506104056201518081565b34801561069f575f5ffd5b50610587601281565b3480156106b3575f5ffd5b506002546001600160a01b03166105b8565b3480156106d0575f5ffd5b506105b8610fa5565b6104056106e73660046134d1565b610fbd565b6104056106fa36600461353f565b61119a565b34801561070a575f5ffd5b506103646107193660046133cd565b6112f0565b348015610729575f5ffd5b506105b85f81565b34801561073c575f5ffd5b50610745611318565b6040805165ffffffffffff938416815292909116602083015201610370565b34801561076f575f5ffd5b506104055f81565b348015610782575f5ffd5b50600c54600160a01b900460ff16610587565b3480156107a0575f5ffd5b50610405604081565b3480156107b4575f5ffd5b506103c06107c336600461358e565b61136a565b3480156107d3575f5ffd5b50600d546001600160a01b03166105b8565b3480156107f0575f5ffd5b50610587600281565b348015610804575f5ffd5b50610405600181565b348015610818575f5ffd5b50610405610827366004613620565b61159a565b348015610837575f5ffd5b506108406115cb565b6040516103709190613656565b348015610858575f5ffd5b506104056202a30081565b34801561086e575f5ffd5b5061038a61162b565b348015610882575f5ffd5b506103c0611689565b348015610896575f5ffd5b5061089f6116c8565b604080516001600160a01b03909316835265ffffffffffff909116602083015201610370565b3480156108d0575f5ffd5b506105876108df366004613302565b6116e9565b3480156108ef575f5ffd5b506103c06108fe3660046133cd565b611737565b34801561090e575f5ffd5b506103c061175f565b348015610922575f5ffd5b506103c06109313660046136a1565b611771565b348015610941575f5ffd5b5061095561095036600461331d565b6118af565b604051610370919081518152602080830151908201526040808301516001600160a01b0316908201526060808301519082015260809182015115159181019190915260a00190565b3480156109a8575f5ffd5b506103c06109b7366004613462565b61198a565b3480156109c7575f5ffd5b506104055f516020613d005f395f51905f5281565b3480156109e7575f5ffd5b506104056109f63660046136df565b611aa4565b5f6001600160e01b031982166331fcacff60e21b1480610a1f5750610a1f82611c42565b92915050565b600b546001600160a01b03168015610a605760405163f009d12f60e01b81526001600160a01b03821660048201526024015b60405180910390fd5b6003546001600160a01b03163314801590610a825750610a805f336112f0565b155b15610aa85760405163e2517d3f60e01b81523360048201525f6024820152604401610a57565b30610aba8363b8e381e560e01b611c66565b6001600160a01b031614610aec57604051633f56cf0560e21b81526001600160a01b0383166004820152602401610a57565b600b80546001600160a01b0384166001600160a01b031991821681179092556003805490911690556040517fc6cfbaa5006b8a66946fed273a26bec712923332e376dff02eef6dea6d0cb412905f90a25050565b5f6002610b4c83611d59565b54600160f81b900460ff161492915050565b5f610b6881611d96565b610b70611da0565b50565b5f610b7d82611d59565b80549091505f90610b989084906001600160a01b0316611dac565b90505f6001600160a01b0382163303610bb357506001610bf9565b610bca5f516020613d005f395f51905f52336112f0565b15610bd757506002610bf9565b60405163097d8c9360e01b815260048101859052336024820152604401610a57565b8254600160f81b900460ff1615610c2657604051637825edb960e11b815260048101859052602401610a57565b82546001600160f81b0316600160f81b60ff831602178084556040516001600160a01b03841691600160d01b900464ffffffffff169086907f66f43ba68b89239cf7af6921b9dcdaf6ce93c7223af7a53e343dbedcc082a104905f90a450505050565b6040805160e0810182525f8082526060602083018190529282018190529181018290526080810182905260a0810182905260c0810182905290610ccb83611e4d565b90506040518060e0016040528084815260200160075f8681526020019081526020015f208054610cfa90613757565b80601f0160208091040260200160405190810160405280929190818152602001828054610d2690613757565b8015610d715780601f10610d4857610100808354040283529160200191610d71565b820191905f5260205f20905b815481529060010190602001808311610d5457829003601f168201915b50505050508152602001825f01516001600160601b03168152602001826020015163ffffffff168152602001826040015163ffffffff168152602001826060015163ffffffff16815260200182608001511515815250915050919050565b81610ded57604051631fe1e13d60e11b815260040160405180910390fd5b610df78282611f03565b5050565b5f610e0581611d96565b5f610e0f83611d59565b8054909150600160f81b900460ff16600214610e4157604051633f833ef160e21b815260048101849052602401610a57565b80546001600160f81b03168082556040513391600160d01b900464ffffffffff169085907fe32e4e72a536cf271daa9d2449f90317e25396c9fe54d88fe3aab34a470d6fac905f90a4505050565b81158015610eaa57506002546001600160a01b038281169116145b15610f2b575f5f610eb96116c8565b90925090506001600160a01b038216151580610edb575065ffffffffffff8116155b80610eee57504265ffffffffffff821610155b15610f16576040516319ca5ebb60e01b815265ffffffffffff82166004820152602401610a57565b50506001805465ffffffffffff60a01b191690555b610df78282611f27565b5f610f3f81611d96565b610f498383611f5a565b505050565b5f610a1f82610f5c84611d59565b546001600160a01b0316611dac565b5f610f7581611d96565b610df782612216565b5f610f8881611d96565b610df782612288565b5f610f9b81611d96565b610f4983836122f7565b5f610fb86002546001600160a01b031690565b905090565b5f610fc6612451565b610fcf86612486565b610400821115610ffd5760405163779e0c3760e01b8152600481018390526104006024820152604401610a57565b5f61100788611e4d565b9050806080015161102e57604051630f765a9360e21b815260048101899052602401610a57565b5f611046825f01516001600160601b031689896124c6565b905060055f8154611056906137a3565b918290555092505f61106b89620151806137bb565b61107590426137d2565b90506040518060800160405280336001600160a01b0316815260200161109a836126dd565b65ffffffffffff908116825264ffffffffff808e166020808501919091525f60409485018190528981526008825284902085518154928701518787015160609098015160ff16600160f81b026001600160f81b0398909516600160d01b02979097166001600160d01b0397909516600160a01b026001600160d01b03199093166001600160a01b0390911617919091179490941691909117179091555133908b9086907ff8d0042297eb90d4c0e69b16b80a93bdee5b71f0a963a1961a4de8c551958b559061117290869088908f908e908e9061380d565b60405180910390a4611185828989612713565b50505061119061296f565b9695505050505050565b5f6111a3612451565b6111ac84612486565b5f6111b686611d59565b8054909150600160f81b900460ff16156111e657604051637825edb960e11b815260048101879052602401610a57565b8054600160d01b900464ffffffffff165f81815260066020526040812054611218906001600160601b031688886124c6565b905061122787620151806137bb565b83546112499065ffffffffffff600160a01b9091041642808218908210021890565b61125391906137d2565b935061125e846126dd565b835465ffffffffffff60a01b1916600160a01b65ffffffffffff929092169190910217835560408051858152602081018390526001600160a01b038816818301529051339184918b917f80f867aeffc74b04b4f387cfc5572b2a3537d8705579fb696da4019cc8069e09919081900360600190a46112dd818787612713565b5050506112e861296f565b949350505050565b5f918252602082815260408084206001600160a01b0393909316845291905290205460ff1690565b6002545f90600160d01b900465ffffffffffff16801515801561134357504265ffffffffffff821610155b61134e575f5f611362565b600254600160a01b900465ffffffffffff16815b915091509091565b5f516020613d005f395f51905f5261138181611d96565b5f61138b8a611e4d565b905061139b898989898989612999565b5f6040518060a00160405280896001600160601b031681526020018863ffffffff1681526020018763ffffffff1681526020018663ffffffff16815260200185151581525090505f60075f8d81526020019081526020015f206040516114019190613845565b60405180910390208b8b6040516114199291906138b6565b604051809103902014905080801561147c57508160405160200161143d91906138c5565b604051602081830303815290604052805190602001208360405160200161146491906138c5565b60405160208183030381529060405280519060200120145b156114895750505061158f565b5f8c815260066020908152604091829020845181549286015193860151606087015160808801511515600160c01b0260ff60c01b1963ffffffff928316600160a01b0263ffffffff60a01b19948416600160801b029490941667ffffffffffffffff60801b1993909816600160601b026001600160801b03199097166001600160601b0390951694909417959095171694909417939093179290921617905580611547575f8c81526007602052604090206115458b8d8361397d565b505b8b7f5de89928fdc61dcaf1eded39b6b03f95431bedecf6f378bf48b50933bf1691978c8c8c8c8c8c8c6040516115839796959493929190613a37565b60405180910390a25050505b505050505050505050565b5f6115a483612486565b6115c16115b085611e4d565b516001600160601b031684846124c6565b90505b9392505050565b6060600a80548060200260200160405190810160405280929190818152602001828054801561162157602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311611603575b5050505050905090565b6002545f90600160d01b900465ffffffffffff16801515801561165557504265ffffffffffff8216105b61167057600154600160d01b900465ffffffffffff16611683565b600254600160a01b900465ffffffffffff165b91505090565b5f6116926116c8565b509050336001600160a01b038216146116c057604051636116401160e11b8152336004820152602401610a57565b610b70612afe565b6001546001600160a01b03811691600160a01b90910465ffffffffffff1690565b6001600160a01b0381165f9081526009602052604081205480820361172c5760405163f01157c360e01b81526001600160a01b0384166004820152602401610a57565b6115c4600182613a7e565b8161175557604051631fe1e13d60e11b815260040160405180910390fd5b610df78282612b94565b5f61176981611d96565b610b70612bb8565b5f61177b81611d96565b611783612451565b6001600160a01b0383166117aa5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b038416611840575f836001600160a01b0316836040515f6040518083038185875af1925050503d805f8114611801576040519150601f19603f3d011682016040523d82523d5f602084013e611806565b606091505b505090508061183a5760405163296c17bb60e21b81526001600160a01b038516600482015260248101849052604401610a57565b50611854565b6118546001600160a01b0385168484612bc2565b826001600160a01b0316846001600160a01b03167fd1c19fbcd4551a5edfb66d43d2e337c04837afda3482b42bdf569a8fccdae5fb8460405161189991815260200190565b60405180910390a36118a961296f565b50505050565b6118e76040518060a001604052805f81526020015f81526020015f6001600160a01b031681526020015f81526020015f151581525090565b5f6118f183611d59565b604080516080808201835292546001600160a01b03808216835265ffffffffffff600160a01b83048116602080860191825264ffffffffff600160d01b8604811687890190815260ff600160f81b90970487166060808a019182528a5160a081018c529e8f529151909216928d01929092529551909316958a019590955293519093169287019290925251161515908401525090919050565b5f61199481611d96565b620151808211156119c457604051630324243f60e01b815260048101839052620151806024820152604401610a57565b6001600160a01b0383166119da575f9150611a0f565b826001600160a01b03163b5f03611a0f57604051636787b55560e01b81526001600160a01b0384166004820152602401610a57565b600d546001600160a01b038481169116148015611a3a5750600d54600160a01b900463ffffffff1682145b610f4957600d80546001600160a01b0385166001600160c01b03199091168117600160a01b63ffffffff861602179091556040518381527f4e1035702621fd404df2e28c7e77413039d0b2aea741fdf1aa5af7bd2fc778a8906020015b60405180910390a2505050565b5f5f516020613d005f395f51905f52611abc81611d96565b611aca888888888888612999565b60045f8154611ad8906137a3565b9182905550915064ffffffffff821115611b1a5760405163d29d307560e01b81526020600482015260026024820152611a5960f21b6044820152606401610a57565b6040805160a0810182526001600160601b03888116825263ffffffff8881166020808501918252898316858701908152898416606087019081526001608088019081525f8b81526006855289812098518954965194519351925198166001600160801b031990961695909517600160601b938716939093029290921767ffffffffffffffff60801b1916600160801b9186169190910263ffffffff60a01b191617600160a01b91909416029290921760ff60c01b1916600160c01b9315159390930292909217909255600790915220611bf4888a8361397d565b50817f7edf24fa4d0fc499ea2fdb4b2ad4e8ac2e3a6d8f17a633012cffbb4b3d7ad192898989898989604051611c2f96959493929190613a91565b60405180910390a2509695505050505050565b5f6001600160e01b031982166318a4c3c360e11b1480610a1f5750610a1f82612bf7565b5f826001600160a01b03163b5f03611c7f57505f610a1f565b60408051600481526024810182526020810180516001600160e01b03166001600160e01b0319861617905290515f9182916001600160a01b03871691611cc491613ad1565b5f60405180830381855afa9150503d805f8114611cfc576040519150601f19603f3d011682016040523d82523d5f602084013e611d01565b606091505b5091509150811580611d14575060208151105b15611d23575f92505050610a1f565b5f81806020019051810190611d389190613ae7565b90506001600160a01b038111611d4e5780611190565b5f9695505050505050565b5f81815260086020526040902080546001600160a01b0316611d91576040516366fcc43f60e11b815260048101839052602401610a57565b919050565b610b708133612c2b565b611daa5f5f612c64565b565b600b545f906001600160a01b03168015611e4557604051632c202dd960e01b8152600481018590525f906001600160a01b03831690632c202dd990602401602060405180830381865afa158015611e05573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611e299190613afe565b90506001600160a01b03811615611e43579150610a1f9050565b505b509092915050565b6040805160a080820183525f8083526020808401829052838501829052606080850183905260809485018390528683526006825285832086519485018752546001600160601b03811680865263ffffffff600160601b8304811694870194909452600160801b8204841697860197909752600160a01b81049092169084015260ff600160c01b90910416151592820192909252919003611d9157604051633582fa3760e11b815260048101839052602401610a57565b5f82815260208190526040902060010154611f1d81611d96565b6118a98383612d23565b6001600160a01b0381163314611f505760405163334bd91960e11b815260040160405180910390fd5b610f498282612d89565b6001600160a01b038216611f815760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0382165f9081526009602052604081205490821561208e575f611faa85612dc5565b92509050801580611fbe5750600260ff8316105b80611fcc5750602460ff8316115b15611ff557604051639236bba760e01b81526001600160a01b0386166004820152602401610a57565b61200360ff831660016137d2565b8303612010575050505050565b825f0361206257600a80546001810182555f919091527fc65a7bb8d6351c1cf70c95a316cc6a92839c986682d98bc35f958f4883f9d2a80180546001600160a01b0319166001600160a01b0387161790555b61207060ff831660016137d2565b6001600160a01b0386165f90815260096020526040902055506121c8565b815f0361209b5750505050565b6120a6600183613a7e565b6001600160a01b0385165f908152600960205260408120819055600a54919250906120d390600190613a7e565b90505f5b8181116121c557856001600160a01b0316600a82815481106120fb576120fb613b19565b5f918252602090912001546001600160a01b0316036121b357600a828154811061212757612127613b19565b5f91825260209091200154600a80546001600160a01b03909216918390811061215257612152613b19565b905f5260205f20015f6101000a8154816001600160a01b0302191690836001600160a01b03160217905550600a80548061218e5761218e613b2d565b5f8281526020902081015f1990810180546001600160a01b03191690550190556121c5565b806121bd816137a3565b9150506120d7565b50505b60408051841515815260ff831660208201526001600160a01b038616917f4070b2010f0eb1f9bce8f758652bcf7887bf5a7aebb9433871ee32f9a6206dc0910160405180910390a250505050565b5f61221f61162b565b612228426126dd565b6122329190613b41565b905061223e8282612ebf565b60405165ffffffffffff821681526001600160a01b038316907f3377dc44241e779dd06afab5b788a35ca5f3b778836e2990bdb26a2a4b2e5ed69060200160405180910390a25050565b5f61229282612f3c565b61229b426126dd565b6122a59190613b41565b90506122b18282612c64565b6040805165ffffffffffff8085168252831660208201527ff1038c18cf84a56e432fdbfaf746924b7ea511dfe03a6506a0ceba4888788d9b910160405180910390a15050565b5f6001600160a01b03831661230e575f9150612390565b81158061231d57506202a30082115b156123475760405163a1e63cb360e01b8152600481018390526202a3006024820152604401610a57565b5f61235184612dc5565b925090508015806123655750601260ff8316115b1561238e57604051636787b55560e01b81526001600160a01b0385166004820152602401610a57565b505b600c546001600160a01b0384811691161480156123bb5750600c5460ff828116600160a01b90920416145b80156123d55750600c54600160a81b900463ffffffff1682145b156123df57505050565b600c80546001600160a01b0385166001600160a81b03199091168117600160a01b60ff8516021763ffffffff60a81b1916600160a81b63ffffffff861602179091556040518381527fd62c8b7f5db8c31e2692d6e561aa15bcf5f1e89304e284c17dd7883e3ca0342890602001611a97565b612459612f83565b611daa60017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b90612fc3565b60018110806124965750610e4281115b15610b705760405163a931245360e01b81526004810182905260016024820152610e426044820152606401610a57565b5f806124d284866137bb565b90506001600160a01b0383161561255c576001600160a01b0383165f90815260096020526040812054908190036125275760405163f01157c360e01b81526001600160a01b0385166004820152602401610a57565b6002612534600183613a7e565b61253e9190613a7e565b61254990600a613c42565b61255390836137bb565b925050506115c4565b600c546001600160a01b03168061258657604051637de0e7d160e01b815260040160405180910390fd5b61258e612fca565b5f5f826001600160a01b031663feaf968c6040518163ffffffff1660e01b815260040160a060405180830381865afa1580156125cc573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906125f09190613c66565b509350509250505f821361261a576040516338ee04a760e01b815260048101839052602401610a57565b600c54600160a81b900463ffffffff164282810390831002811082151780156126665760405163033565a560e31b81526004810184905260248101839052426044820152606401610a57565b600c545f9061268090600160a01b900460ff16600a613cb4565b61269288670de0b6b3a76400006137bb565b61269c91906137bb565b90505f6126aa8660646137bb565b90508060016126b982856137d2565b6126c39190613a7e565b6126cd9190613cc2565b9c9b505050505050505050505050565b5f65ffffffffffff82111561270f576040516306dfcc6560e41b81526030600482015260248101839052604401610a57565b5090565b8083111561273e5760405163385b498760e11b81526004810184905260248101829052604401610a57565b6001600160a01b0382166127ff57823410156127765760405163b99e2ab760e01b815234600482015260248101849052604401610a57565b5f6127818434613a7e565b905080156118a9576040515f90339083908381818185875af1925050503d805f81146127c8576040519150601f19603f3d011682016040523d82523d5f602084013e6127cd565b606091505b50509050806127f85760405163296c17bb60e21b815233600482015260248101839052604401610a57565b5050505050565b341561282057604051635571d9ed60e11b8152346004820152602401610a57565b6040516370a0823160e01b815230600482015282905f906001600160a01b038316906370a0823190602401602060405180830381865afa158015612866573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061288a9190613ae7565b90506128a16001600160a01b0383163330886130bb565b6040516370a0823160e01b81523060048201525f906001600160a01b038416906370a0823190602401602060405180830381865afa1580156128e5573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906129099190613ae7565b905061291586836137d2565b81101561296757848683831161292b575f612935565b6129358484613a7e565b604051639838429d60e01b81526001600160a01b03909316600484015260248301919091526044820152606401610a57565b505050505050565b611daa5f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612480565b848015806129a75750604081115b156129de5760405163d29d307560e01b8152600401610a57906020808252600490820152636e616d6560e01b604082015260600190565b8415806129f157506001600160601b0385115b15612a355760405163d29d307560e01b8152602060048201526013602482015272707269636550657244617955736443656e747360681b6044820152606401610a57565b8363ffffffff165f03612a735760405163d29d307560e01b8152602060048201526005602482015264636f72657360d81b6044820152606401610a57565b8263ffffffff165f03612ab55760405163d29d307560e01b815260206004820152600960248201526836b2b6b7b93ca6b4a160b91b6044820152606401610a57565b8163ffffffff165f03612af55760405163d29d307560e01b81526020600482015260076024820152663234b9b5a3b4a160c91b6044820152606401610a57565b50505050505050565b5f5f612b086116c8565b91509150612b1d8165ffffffffffff16151590565b1580612b3157504265ffffffffffff821610155b15612b59576040516319ca5ebb60e01b815265ffffffffffff82166004820152602401610a57565b612b745f612b6f6002546001600160a01b031690565b612d89565b50612b7f5f83612d23565b5050600180546001600160d01b031916905550565b5f82815260208190526040902060010154612bae81611d96565b6118a98383612d89565b611daa5f5f612ebf565b612bcf83838360016130f1565b610f4957604051635274afe760e01b81526001600160a01b0384166004820152602401610a57565b5f6001600160e01b03198216637965db0b60e01b1480610a1f57506301ffc9a760e01b6001600160e01b0319831614610a1f565b612c3582826112f0565b610df75760405163e2517d3f60e01b81526001600160a01b038216600482015260248101839052604401610a57565b600254600160d01b900465ffffffffffff168015612ce6574265ffffffffffff82161015612cbd57600254600180546001600160d01b0316600160a01b90920465ffffffffffff16600160d01b02919091179055612ce6565b6040517f2b1fa2edafe6f7b9e97c1a9e0c3660e645beb2dcaa2d45bdbf9beaf5472e1ec5905f90a15b50600280546001600160a01b0316600160a01b65ffffffffffff948516026001600160d01b031617600160d01b9290931691909102919091179055565b5f82612d7f575f612d3c6002546001600160a01b031690565b6001600160a01b031614612d6357604051631fe1e13d60e11b815260040160405180910390fd5b600280546001600160a01b0319166001600160a01b0384161790555b6115c48383613153565b5f82158015612da557506002546001600160a01b038381169116145b15612dbb57600280546001600160a01b03191690555b6115c483836131e2565b5f5f826001600160a01b03163b5f03612de257505f928392509050565b60408051600481526024810182526020810180516001600160e01b031663313ce56760e01b17905290515f9182916001600160a01b03871691612e2491613ad1565b5f60405180830381855afa9150503d805f8114612e5c576040519150601f19603f3d011682016040523d82523d5f602084013e612e61565b606091505b5091509150811580612e74575060208151105b15612e8557505f9485945092505050565b5f81806020019051810190612e9a9190613ae7565b905060ff811115612eb257505f958695509350505050565b6001969095509350505050565b5f612ec86116c8565b6001805465ffffffffffff8616600160a01b026001600160d01b03199091166001600160a01b038816171790559150612f0a90508165ffffffffffff16151590565b15610f49576040517f8886ebfc4259abdbc16601dd8fb5678e54878f47b3c34836cfc51154a9605109905f90a1505050565b5f5f612f4661162b565b90508065ffffffffffff168365ffffffffffff1611612f6e57612f698382613ce1565b6115c4565b6115c465ffffffffffff84166206978061324b565b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c15611daa57604051633ee5aeb560e01b815260040160405180910390fd5b80825d5050565b600d546001600160a01b031680612fde5750565b5f5f826001600160a01b031663feaf968c6040518163ffffffff1660e01b815260040160a060405180830381865afa15801561301c573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906130409190613c66565b50509250925050815f141580613054575080155b156130715760405162032b3d60e81b815260040160405180910390fd5b600d54600160a01b900463ffffffff16428281039083100281108015906127f857604051633f72ecff60e01b81526004810184905260248101839052426044820152606401610a57565b6130c984848484600161325a565b6118a957604051635274afe760e01b81526001600160a01b0385166004820152602401610a57565b60405163a9059cbb60e01b5f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f5114831661314757838315161561313b573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b5f61315e83836112f0565b6131db575f838152602081815260408083206001600160a01b03861684529091529020805460ff191660011790556131933390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a4506001610a1f565b505f610a1f565b5f6131ed83836112f0565b156131db575f838152602081815260408083206001600160a01b0386168085529252808320805460ff1916905551339286917ff6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b9190a4506001610a1f565b5f8282188284100282186115c4565b6040516323b872dd60e01b5f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f511483166132b65783831516156132aa573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f602082840312156132d7575f5ffd5b81356001600160e01b0319811681146115c4575f5ffd5b6001600160a01b0381168114610b70575f5ffd5b5f60208284031215613312575f5ffd5b81356115c4816132ee565b5f6020828403121561332d575f5ffd5b5035919050565b60208152815160208201525f602083015160e06040840152805180610100850152806020830161012086015e5f6101208286010152604085015160608501526060850151915061338c608085018363ffffffff169052565b608085015163ffffffff90811660a0868101919091528601511660c08086019190915290940151151560e08401525050601f909101601f1916016101200190565b5f5f604083850312156133de575f5ffd5b8235915060208301356133f0816132ee565b809150509250929050565b80358015158114611d91575f5ffd5b5f5f6040838503121561341b575f5ffd5b8235613426816132ee565b9150613434602084016133fb565b90509250929050565b5f6020828403121561344d575f5ffd5b813565ffffffffffff811681146115c4575f5ffd5b5f5f60408385031215613473575f5ffd5b823561347e816132ee565b946020939093013593505050565b5f5f83601f84011261349c575f5ffd5b50813567ffffffffffffffff8111156134b3575f5ffd5b6020830191508360208285010111156134ca575f5ffd5b9250929050565b5f5f5f5f5f5f60a087890312156134e6575f5ffd5b863595506020870135945060408701356134ff816132ee565b935060608701359250608087013567ffffffffffffffff811115613521575f5ffd5b61352d89828a0161348c565b979a9699509497509295939492505050565b5f5f5f5f60808587031215613552575f5ffd5b8435935060208501359250604085013561356b816132ee565b9396929550929360600135925050565b803563ffffffff81168114611d91575f5ffd5b5f5f5f5f5f5f5f5f60e0898b0312156135a5575f5ffd5b88359750602089013567ffffffffffffffff8111156135c2575f5ffd5b6135ce8b828c0161348c565b909850965050604089013594506135e760608a0161357b565b93506135f560808a0161357b565b925061360360a08a0161357b565b915061361160c08a016133fb565b90509295985092959890939650565b5f5f5f60608486031215613632575f5ffd5b8335925060208401359150604084013561364b816132ee565b809150509250925092565b602080825282518282018190525f918401906040840190835b818110156136965783516001600160a01b031683526020938401939092019160010161366f565b509095945050505050565b5f5f5f606084860312156136b3575f5ffd5b83356136be816132ee565b925060208401356136ce816132ee565b929592945050506040919091013590565b5f5f5f5f5f5f60a087890312156136f4575f5ffd5b863567ffffffffffffffff81111561370a575f5ffd5b61371689828a0161348c565b9097509550506020870135935061372f6040880161357b565b925061373d6060880161357b565b915061374b6080880161357b565b90509295509295509295565b600181811c9082168061376b57607f821691505b60208210810361378957634e487b7160e01b5f52602260045260245ffd5b50919050565b634e487b7160e01b5f52601160045260245ffd5b5f600182016137b4576137b461378f565b5060010190565b8082028115828204841417610a1f57610a1f61378f565b80820180821115610a1f57610a1f61378f565b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b85815284602082015260018060a01b0384166040820152608060608201525f61383a6080830184866137e5565b979650505050505050565b5f5f835461385281613757565b600182168015613869576001811461387e576138ab565b60ff19831686528115158202860193506138ab565b865f5260205f205f5b838110156138a357815488820152600190910190602001613887565b505081860193505b509195945050505050565b818382375f9101908152919050565b5f60a0820190506001600160601b03835116825263ffffffff602084015116602083015263ffffffff604084015116604083015263ffffffff606084015116606083015260808301511515608083015292915050565b634e487b7160e01b5f52604160045260245ffd5b601f821115610f495782821115610f4957805f5260205f20601f840160051c602085101561395a57505f5b90810190601f840160051c035f5b81811015612967575f83820155600101613968565b67ffffffffffffffff8311156139955761399561391b565b6139a9836139a38354613757565b8361392f565b5f601f8411600181146139da575f85156139c35750838201355b5f19600387901b1c1916600186901b1783556127f8565b5f83815260208120601f198716915b82811015613a0957868501358255602094850194600190920191016139e9565b5086821015613a25575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b60c081525f613a4a60c08301898b6137e5565b60208301979097525063ffffffff948516604082015292841660608401529216608082015290151560a09091015292915050565b81810381811115610a1f57610a1f61378f565b60a081525f613aa460a08301888a6137e5565b60208301969096525063ffffffff9384166040820152918316606083015290911660809091015292915050565b5f82518060208501845e5f920191825250919050565b5f60208284031215613af7575f5ffd5b5051919050565b5f60208284031215613b0e575f5ffd5b81516115c4816132ee565b634e487b7160e01b5f52603260045260245ffd5b634e487b7160e01b5f52603160045260245ffd5b65ffffffffffff8181168382160190811115610a1f57610a1f61378f565b6001815b6001841115613b9a57808504811115613b7e57613b7e61378f565b6001841615613b8c57908102905b60019390931c928002613b63565b935093915050565b5f82613bb057506001610a1f565b81613bbc57505f610a1f565b8160018114613bd25760028114613bdc57613bf8565b6001915050610a1f565b60ff841115613bed57613bed61378f565b50506001821b610a1f565b5060208310610133831016604e8410600b8410161715613c1b575081810a610a1f565b613c275f198484613b5f565b805f1904821115613c3a57613c3a61378f565b029392505050565b5f6115c48383613ba2565b805169ffffffffffffffffffff81168114611d91575f5ffd5b5f5f5f5f5f60a08688031215613c7a575f5ffd5b613c8386613c4d565b60208701516040880151606089015192975090955093509150613ca860808701613c4d565b90509295509295909350565b5f6115c460ff841683613ba2565b5f82613cdc57634e487b7160e01b5f52601260045260245ffd5b500490565b65ffffffffffff8281168282160390811115610a1f57610a1f61378f56fe97667070c54ef182b0f5858b034beac1b6f3089aa2d3188bb1e8929f4fa9b929a2646970667358221220609ff2ba46da27a83a9557222c35c782638e05ca0ec674be35f5a0e0606fba8564736f6c63430008250033' as const;

export const blockhostSubscriptionsDeployedBytecode = '0x608060405260043610610341575f3560e01c806384ef8ffc116101bd578063bbb7eb1c116100f2578063d547741f11610092578063dc311dd31161006d578063dc311dd314610936578063eec22b7a1461099d578063f5b541a6146109bc578063fbf5b3b4146109dc575f5ffd5b8063d547741f146108e4578063d602b9fd14610903578063d9caed1214610917575f5ffd5b8063cc8463c8116100cd578063cc8463c814610863578063cefc142914610877578063cf6eefb71461088b578063d481515a146108c5575f5ffd5b8063bbb7eb1c1461080d578063ca5e553e1461082c578063caca95a41461084d575f5ffd5b8063a217fddf1161015d578063a426287411610138578063a4262874146107a9578063a7264705146107c8578063aa4f5baf146107e5578063ae2f19d8146107f9575f5ffd5b8063a217fddf14610764578063a25aa00b14610777578063a383839a14610795575f5ffd5b8063901cce6d11610198578063901cce6d146106ec57806391d14854146106ff578063a0cf0aea1461071e578063a1eda53c14610731575f5ffd5b806384ef8ffc146106a85780638da5cb5b146106c55780638f167e16146106d9575f5ffd5b806336568abe1161029357806363ea78411161023357806373faf46d1161020e57806373faf46d14610642578063741bef1a146106615780637632c6e41461067e57806381efd20814610694575f5ffd5b806363ea7841146105ef578063649a5ec71461060e578063693eafff1461062d575f5ffd5b80634c79f32d1161026e5780634c79f32d14610552578063598663f0146105735780635dd8f6aa14610599578063634e93da146105d0575f5ffd5b806336568abe14610500578063382d39bb1461051f578063430884cf14610533575f5ffd5b80631a7ae9d2116102fe57806326a97b94116102d957806326a97b941461047557806326cd5274146104965780632f2ff15d146104c257806331bfaa5a146104e1575f5ffd5b80631a7ae9d2146104135780632123508314610428578063248a9ca314610447575f5ffd5b806301ffc9a714610345578063022d63fb1461037957806307abe3c3146103a157806308145b8e146103c25780630aa6220b146103e1578063173b6d90146103f5575b5f5ffd5b348015610350575f5ffd5b5061036461035f3660046132c7565b6109fb565b60405190151581526020015b60405180910390f35b348015610384575f5ffd5b50620697805b60405165ffffffffffff9091168152602001610370565b3480156103ac575f5ffd5b506103c06103bb366004613302565b610a25565b005b3480156103cd575f5ffd5b506103646103dc36600461331d565b610b40565b3480156103ec575f5ffd5b506103c0610b5e565b348015610400575f5ffd5b506005545b604051908152602001610370565b34801561041e575f5ffd5b5061040561040081565b348015610433575f5ffd5b506103c061044236600461331d565b610b73565b348015610452575f5ffd5b5061040561046136600461331d565b5f9081526020819052604090206001015490565b348015610480575f5ffd5b50600d54600160a01b900463ffffffff16610405565b3480156104a1575f5ffd5b506104b56104b036600461331d565b610c89565b6040516103709190613334565b3480156104cd575f5ffd5b506103c06104dc3660046133cd565b610dcf565b3480156104ec575f5ffd5b506103c06104fb36600461331d565b610dfb565b34801561050b575f5ffd5b506103c061051a3660046133cd565b610e8f565b34801561052a575f5ffd5b50600454610405565b34801561053e575f5ffd5b506103c061054d36600461340a565b610f35565b34801561055d575f5ffd5b50600c54600160a81b900463ffffffff16610405565b34801561057e575f5ffd5b50610587602481565b60405160ff9091168152602001610370565b3480156105a4575f5ffd5b506105b86105b336600461331d565b610f4e565b6040516001600160a01b039091168152602001610370565b3480156105db575f5ffd5b506103c06105ea366004613302565b610f6b565b3480156105fa575f5ffd5b50600b546105b8906001600160a01b031681565b348015610619575f5ffd5b506103c061062836600461343d565b610f7e565b348015610638575f5ffd5b50610405610e4281565b34801561064d575f5ffd5b506103c061065c366004613462565b610f91565b34801561066c575f5ffd5b50600c546001600160a01b03166105b8565b348015610689575f5ffd5b506104056201518081565b34801561069f575f5ffd5b50610587601281565b3480156106b3575f5ffd5b506002546001600160a01b03166105b8565b3480156106d0575f5ffd5b506105b8610fa5565b6104056106e73660046134d1565b610fbd565b6104056106fa36600461353f565b61119a565b34801561070a575f5ffd5b506103646107193660046133cd565b6112f0565b348015610729575f5ffd5b506105b85f81565b34801561073c575f5ffd5b50610745611318565b6040805165ffffffffffff938416815292909116602083015201610370565b34801561076f575f5ffd5b506104055f81565b348015610782575f5ffd5b50600c54600160a01b900460ff16610587565b3480156107a0575f5ffd5b50610405604081565b3480156107b4575f5ffd5b506103c06107c336600461358e565b61136a565b3480156107d3575f5ffd5b50600d546001600160a01b03166105b8565b3480156107f0575f5ffd5b50610587600281565b348015610804575f5ffd5b50610405600181565b348015610818575f5ffd5b50610405610827366004613620565b61159a565b348015610837575f5ffd5b506108406115cb565b6040516103709190613656565b348015610858575f5ffd5b506104056202a30081565b34801561086e575f5ffd5b5061038a61162b565b348015610882575f5ffd5b506103c0611689565b348015610896575f5ffd5b5061089f6116c8565b604080516001600160a01b03909316835265ffffffffffff909116602083015201610370565b3480156108d0575f5ffd5b506105876108df366004613302565b6116e9565b3480156108ef575f5ffd5b506103c06108fe3660046133cd565b611737565b34801561090e575f5ffd5b506103c061175f565b348015610922575f5ffd5b506103c06109313660046136a1565b611771565b348015610941575f5ffd5b5061095561095036600461331d565b6118af565b604051610370919081518152602080830151908201526040808301516001600160a01b0316908201526060808301519082015260809182015115159181019190915260a00190565b3480156109a8575f5ffd5b506103c06109b7366004613462565b61198a565b3480156109c7575f5ffd5b506104055f516020613d005f395f51905f5281565b3480156109e7575f5ffd5b506104056109f63660046136df565b611aa4565b5f6001600160e01b031982166331fcacff60e21b1480610a1f5750610a1f82611c42565b92915050565b600b546001600160a01b03168015610a605760405163f009d12f60e01b81526001600160a01b03821660048201526024015b60405180910390fd5b6003546001600160a01b03163314801590610a825750610a805f336112f0565b155b15610aa85760405163e2517d3f60e01b81523360048201525f6024820152604401610a57565b30610aba8363b8e381e560e01b611c66565b6001600160a01b031614610aec57604051633f56cf0560e21b81526001600160a01b0383166004820152602401610a57565b600b80546001600160a01b0384166001600160a01b031991821681179092556003805490911690556040517fc6cfbaa5006b8a66946fed273a26bec712923332e376dff02eef6dea6d0cb412905f90a25050565b5f6002610b4c83611d59565b54600160f81b900460ff161492915050565b5f610b6881611d96565b610b70611da0565b50565b5f610b7d82611d59565b80549091505f90610b989084906001600160a01b0316611dac565b90505f6001600160a01b0382163303610bb357506001610bf9565b610bca5f516020613d005f395f51905f52336112f0565b15610bd757506002610bf9565b60405163097d8c9360e01b815260048101859052336024820152604401610a57565b8254600160f81b900460ff1615610c2657604051637825edb960e11b815260048101859052602401610a57565b82546001600160f81b0316600160f81b60ff831602178084556040516001600160a01b03841691600160d01b900464ffffffffff169086907f66f43ba68b89239cf7af6921b9dcdaf6ce93c7223af7a53e343dbedcc082a104905f90a450505050565b6040805160e0810182525f8082526060602083018190529282018190529181018290526080810182905260a0810182905260c0810182905290610ccb83611e4d565b90506040518060e0016040528084815260200160075f8681526020019081526020015f208054610cfa90613757565b80601f0160208091040260200160405190810160405280929190818152602001828054610d2690613757565b8015610d715780601f10610d4857610100808354040283529160200191610d71565b820191905f5260205f20905b815481529060010190602001808311610d5457829003601f168201915b50505050508152602001825f01516001600160601b03168152602001826020015163ffffffff168152602001826040015163ffffffff168152602001826060015163ffffffff16815260200182608001511515815250915050919050565b81610ded57604051631fe1e13d60e11b815260040160405180910390fd5b610df78282611f03565b5050565b5f610e0581611d96565b5f610e0f83611d59565b8054909150600160f81b900460ff16600214610e4157604051633f833ef160e21b815260048101849052602401610a57565b80546001600160f81b03168082556040513391600160d01b900464ffffffffff169085907fe32e4e72a536cf271daa9d2449f90317e25396c9fe54d88fe3aab34a470d6fac905f90a4505050565b81158015610eaa57506002546001600160a01b038281169116145b15610f2b575f5f610eb96116c8565b90925090506001600160a01b038216151580610edb575065ffffffffffff8116155b80610eee57504265ffffffffffff821610155b15610f16576040516319ca5ebb60e01b815265ffffffffffff82166004820152602401610a57565b50506001805465ffffffffffff60a01b191690555b610df78282611f27565b5f610f3f81611d96565b610f498383611f5a565b505050565b5f610a1f82610f5c84611d59565b546001600160a01b0316611dac565b5f610f7581611d96565b610df782612216565b5f610f8881611d96565b610df782612288565b5f610f9b81611d96565b610f4983836122f7565b5f610fb86002546001600160a01b031690565b905090565b5f610fc6612451565b610fcf86612486565b610400821115610ffd5760405163779e0c3760e01b8152600481018390526104006024820152604401610a57565b5f61100788611e4d565b9050806080015161102e57604051630f765a9360e21b815260048101899052602401610a57565b5f611046825f01516001600160601b031689896124c6565b905060055f8154611056906137a3565b918290555092505f61106b89620151806137bb565b61107590426137d2565b90506040518060800160405280336001600160a01b0316815260200161109a836126dd565b65ffffffffffff908116825264ffffffffff808e166020808501919091525f60409485018190528981526008825284902085518154928701518787015160609098015160ff16600160f81b026001600160f81b0398909516600160d01b02979097166001600160d01b0397909516600160a01b026001600160d01b03199093166001600160a01b0390911617919091179490941691909117179091555133908b9086907ff8d0042297eb90d4c0e69b16b80a93bdee5b71f0a963a1961a4de8c551958b559061117290869088908f908e908e9061380d565b60405180910390a4611185828989612713565b50505061119061296f565b9695505050505050565b5f6111a3612451565b6111ac84612486565b5f6111b686611d59565b8054909150600160f81b900460ff16156111e657604051637825edb960e11b815260048101879052602401610a57565b8054600160d01b900464ffffffffff165f81815260066020526040812054611218906001600160601b031688886124c6565b905061122787620151806137bb565b83546112499065ffffffffffff600160a01b9091041642808218908210021890565b61125391906137d2565b935061125e846126dd565b835465ffffffffffff60a01b1916600160a01b65ffffffffffff929092169190910217835560408051858152602081018390526001600160a01b038816818301529051339184918b917f80f867aeffc74b04b4f387cfc5572b2a3537d8705579fb696da4019cc8069e09919081900360600190a46112dd818787612713565b5050506112e861296f565b949350505050565b5f918252602082815260408084206001600160a01b0393909316845291905290205460ff1690565b6002545f90600160d01b900465ffffffffffff16801515801561134357504265ffffffffffff821610155b61134e575f5f611362565b600254600160a01b900465ffffffffffff16815b915091509091565b5f516020613d005f395f51905f5261138181611d96565b5f61138b8a611e4d565b905061139b898989898989612999565b5f6040518060a00160405280896001600160601b031681526020018863ffffffff1681526020018763ffffffff1681526020018663ffffffff16815260200185151581525090505f60075f8d81526020019081526020015f206040516114019190613845565b60405180910390208b8b6040516114199291906138b6565b604051809103902014905080801561147c57508160405160200161143d91906138c5565b604051602081830303815290604052805190602001208360405160200161146491906138c5565b60405160208183030381529060405280519060200120145b156114895750505061158f565b5f8c815260066020908152604091829020845181549286015193860151606087015160808801511515600160c01b0260ff60c01b1963ffffffff928316600160a01b0263ffffffff60a01b19948416600160801b029490941667ffffffffffffffff60801b1993909816600160601b026001600160801b03199097166001600160601b0390951694909417959095171694909417939093179290921617905580611547575f8c81526007602052604090206115458b8d8361397d565b505b8b7f5de89928fdc61dcaf1eded39b6b03f95431bedecf6f378bf48b50933bf1691978c8c8c8c8c8c8c6040516115839796959493929190613a37565b60405180910390a25050505b505050505050505050565b5f6115a483612486565b6115c16115b085611e4d565b516001600160601b031684846124c6565b90505b9392505050565b6060600a80548060200260200160405190810160405280929190818152602001828054801561162157602002820191905f5260205f20905b81546001600160a01b03168152600190910190602001808311611603575b5050505050905090565b6002545f90600160d01b900465ffffffffffff16801515801561165557504265ffffffffffff8216105b61167057600154600160d01b900465ffffffffffff16611683565b600254600160a01b900465ffffffffffff165b91505090565b5f6116926116c8565b509050336001600160a01b038216146116c057604051636116401160e11b8152336004820152602401610a57565b610b70612afe565b6001546001600160a01b03811691600160a01b90910465ffffffffffff1690565b6001600160a01b0381165f9081526009602052604081205480820361172c5760405163f01157c360e01b81526001600160a01b0384166004820152602401610a57565b6115c4600182613a7e565b8161175557604051631fe1e13d60e11b815260040160405180910390fd5b610df78282612b94565b5f61176981611d96565b610b70612bb8565b5f61177b81611d96565b611783612451565b6001600160a01b0383166117aa5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b038416611840575f836001600160a01b0316836040515f6040518083038185875af1925050503d805f8114611801576040519150601f19603f3d011682016040523d82523d5f602084013e611806565b606091505b505090508061183a5760405163296c17bb60e21b81526001600160a01b038516600482015260248101849052604401610a57565b50611854565b6118546001600160a01b0385168484612bc2565b826001600160a01b0316846001600160a01b03167fd1c19fbcd4551a5edfb66d43d2e337c04837afda3482b42bdf569a8fccdae5fb8460405161189991815260200190565b60405180910390a36118a961296f565b50505050565b6118e76040518060a001604052805f81526020015f81526020015f6001600160a01b031681526020015f81526020015f151581525090565b5f6118f183611d59565b604080516080808201835292546001600160a01b03808216835265ffffffffffff600160a01b83048116602080860191825264ffffffffff600160d01b8604811687890190815260ff600160f81b90970487166060808a019182528a5160a081018c529e8f529151909216928d01929092529551909316958a019590955293519093169287019290925251161515908401525090919050565b5f61199481611d96565b620151808211156119c457604051630324243f60e01b815260048101839052620151806024820152604401610a57565b6001600160a01b0383166119da575f9150611a0f565b826001600160a01b03163b5f03611a0f57604051636787b55560e01b81526001600160a01b0384166004820152602401610a57565b600d546001600160a01b038481169116148015611a3a5750600d54600160a01b900463ffffffff1682145b610f4957600d80546001600160a01b0385166001600160c01b03199091168117600160a01b63ffffffff861602179091556040518381527f4e1035702621fd404df2e28c7e77413039d0b2aea741fdf1aa5af7bd2fc778a8906020015b60405180910390a2505050565b5f5f516020613d005f395f51905f52611abc81611d96565b611aca888888888888612999565b60045f8154611ad8906137a3565b9182905550915064ffffffffff821115611b1a5760405163d29d307560e01b81526020600482015260026024820152611a5960f21b6044820152606401610a57565b6040805160a0810182526001600160601b03888116825263ffffffff8881166020808501918252898316858701908152898416606087019081526001608088019081525f8b81526006855289812098518954965194519351925198166001600160801b031990961695909517600160601b938716939093029290921767ffffffffffffffff60801b1916600160801b9186169190910263ffffffff60a01b191617600160a01b91909416029290921760ff60c01b1916600160c01b9315159390930292909217909255600790915220611bf4888a8361397d565b50817f7edf24fa4d0fc499ea2fdb4b2ad4e8ac2e3a6d8f17a633012cffbb4b3d7ad192898989898989604051611c2f96959493929190613a91565b60405180910390a2509695505050505050565b5f6001600160e01b031982166318a4c3c360e11b1480610a1f5750610a1f82612bf7565b5f826001600160a01b03163b5f03611c7f57505f610a1f565b60408051600481526024810182526020810180516001600160e01b03166001600160e01b0319861617905290515f9182916001600160a01b03871691611cc491613ad1565b5f60405180830381855afa9150503d805f8114611cfc576040519150601f19603f3d011682016040523d82523d5f602084013e611d01565b606091505b5091509150811580611d14575060208151105b15611d23575f92505050610a1f565b5f81806020019051810190611d389190613ae7565b90506001600160a01b038111611d4e5780611190565b5f9695505050505050565b5f81815260086020526040902080546001600160a01b0316611d91576040516366fcc43f60e11b815260048101839052602401610a57565b919050565b610b708133612c2b565b611daa5f5f612c64565b565b600b545f906001600160a01b03168015611e4557604051632c202dd960e01b8152600481018590525f906001600160a01b03831690632c202dd990602401602060405180830381865afa158015611e05573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190611e299190613afe565b90506001600160a01b03811615611e43579150610a1f9050565b505b509092915050565b6040805160a080820183525f8083526020808401829052838501829052606080850183905260809485018390528683526006825285832086519485018752546001600160601b03811680865263ffffffff600160601b8304811694870194909452600160801b8204841697860197909752600160a01b81049092169084015260ff600160c01b90910416151592820192909252919003611d9157604051633582fa3760e11b815260048101839052602401610a57565b5f82815260208190526040902060010154611f1d81611d96565b6118a98383612d23565b6001600160a01b0381163314611f505760405163334bd91960e11b815260040160405180910390fd5b610f498282612d89565b6001600160a01b038216611f815760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0382165f9081526009602052604081205490821561208e575f611faa85612dc5565b92509050801580611fbe5750600260ff8316105b80611fcc5750602460ff8316115b15611ff557604051639236bba760e01b81526001600160a01b0386166004820152602401610a57565b61200360ff831660016137d2565b8303612010575050505050565b825f0361206257600a80546001810182555f919091527fc65a7bb8d6351c1cf70c95a316cc6a92839c986682d98bc35f958f4883f9d2a80180546001600160a01b0319166001600160a01b0387161790555b61207060ff831660016137d2565b6001600160a01b0386165f90815260096020526040902055506121c8565b815f0361209b5750505050565b6120a6600183613a7e565b6001600160a01b0385165f908152600960205260408120819055600a54919250906120d390600190613a7e565b90505f5b8181116121c557856001600160a01b0316600a82815481106120fb576120fb613b19565b5f918252602090912001546001600160a01b0316036121b357600a828154811061212757612127613b19565b5f91825260209091200154600a80546001600160a01b03909216918390811061215257612152613b19565b905f5260205f20015f6101000a8154816001600160a01b0302191690836001600160a01b03160217905550600a80548061218e5761218e613b2d565b5f8281526020902081015f1990810180546001600160a01b03191690550190556121c5565b806121bd816137a3565b9150506120d7565b50505b60408051841515815260ff831660208201526001600160a01b038616917f4070b2010f0eb1f9bce8f758652bcf7887bf5a7aebb9433871ee32f9a6206dc0910160405180910390a250505050565b5f61221f61162b565b612228426126dd565b6122329190613b41565b905061223e8282612ebf565b60405165ffffffffffff821681526001600160a01b038316907f3377dc44241e779dd06afab5b788a35ca5f3b778836e2990bdb26a2a4b2e5ed69060200160405180910390a25050565b5f61229282612f3c565b61229b426126dd565b6122a59190613b41565b90506122b18282612c64565b6040805165ffffffffffff8085168252831660208201527ff1038c18cf84a56e432fdbfaf746924b7ea511dfe03a6506a0ceba4888788d9b910160405180910390a15050565b5f6001600160a01b03831661230e575f9150612390565b81158061231d57506202a30082115b156123475760405163a1e63cb360e01b8152600481018390526202a3006024820152604401610a57565b5f61235184612dc5565b925090508015806123655750601260ff8316115b1561238e57604051636787b55560e01b81526001600160a01b0385166004820152602401610a57565b505b600c546001600160a01b0384811691161480156123bb5750600c5460ff828116600160a01b90920416145b80156123d55750600c54600160a81b900463ffffffff1682145b156123df57505050565b600c80546001600160a01b0385166001600160a81b03199091168117600160a01b60ff8516021763ffffffff60a81b1916600160a81b63ffffffff861602179091556040518381527fd62c8b7f5db8c31e2692d6e561aa15bcf5f1e89304e284c17dd7883e3ca0342890602001611a97565b612459612f83565b611daa60017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b90612fc3565b60018110806124965750610e4281115b15610b705760405163a931245360e01b81526004810182905260016024820152610e426044820152606401610a57565b5f806124d284866137bb565b90506001600160a01b0383161561255c576001600160a01b0383165f90815260096020526040812054908190036125275760405163f01157c360e01b81526001600160a01b0385166004820152602401610a57565b6002612534600183613a7e565b61253e9190613a7e565b61254990600a613c42565b61255390836137bb565b925050506115c4565b600c546001600160a01b03168061258657604051637de0e7d160e01b815260040160405180910390fd5b61258e612fca565b5f5f826001600160a01b031663feaf968c6040518163ffffffff1660e01b815260040160a060405180830381865afa1580156125cc573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906125f09190613c66565b509350509250505f821361261a576040516338ee04a760e01b815260048101839052602401610a57565b600c54600160a81b900463ffffffff164282810390831002811082151780156126665760405163033565a560e31b81526004810184905260248101839052426044820152606401610a57565b600c545f9061268090600160a01b900460ff16600a613cb4565b61269288670de0b6b3a76400006137bb565b61269c91906137bb565b90505f6126aa8660646137bb565b90508060016126b982856137d2565b6126c39190613a7e565b6126cd9190613cc2565b9c9b505050505050505050505050565b5f65ffffffffffff82111561270f576040516306dfcc6560e41b81526030600482015260248101839052604401610a57565b5090565b8083111561273e5760405163385b498760e11b81526004810184905260248101829052604401610a57565b6001600160a01b0382166127ff57823410156127765760405163b99e2ab760e01b815234600482015260248101849052604401610a57565b5f6127818434613a7e565b905080156118a9576040515f90339083908381818185875af1925050503d805f81146127c8576040519150601f19603f3d011682016040523d82523d5f602084013e6127cd565b606091505b50509050806127f85760405163296c17bb60e21b815233600482015260248101839052604401610a57565b5050505050565b341561282057604051635571d9ed60e11b8152346004820152602401610a57565b6040516370a0823160e01b815230600482015282905f906001600160a01b038316906370a0823190602401602060405180830381865afa158015612866573d5f5f3e3d5ffd5b505050506040513d601f19601f8201168201806040525081019061288a9190613ae7565b90506128a16001600160a01b0383163330886130bb565b6040516370a0823160e01b81523060048201525f906001600160a01b038416906370a0823190602401602060405180830381865afa1580156128e5573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906129099190613ae7565b905061291586836137d2565b81101561296757848683831161292b575f612935565b6129358484613a7e565b604051639838429d60e01b81526001600160a01b03909316600484015260248301919091526044820152606401610a57565b505050505050565b611daa5f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f00612480565b848015806129a75750604081115b156129de5760405163d29d307560e01b8152600401610a57906020808252600490820152636e616d6560e01b604082015260600190565b8415806129f157506001600160601b0385115b15612a355760405163d29d307560e01b8152602060048201526013602482015272707269636550657244617955736443656e747360681b6044820152606401610a57565b8363ffffffff165f03612a735760405163d29d307560e01b8152602060048201526005602482015264636f72657360d81b6044820152606401610a57565b8263ffffffff165f03612ab55760405163d29d307560e01b815260206004820152600960248201526836b2b6b7b93ca6b4a160b91b6044820152606401610a57565b8163ffffffff165f03612af55760405163d29d307560e01b81526020600482015260076024820152663234b9b5a3b4a160c91b6044820152606401610a57565b50505050505050565b5f5f612b086116c8565b91509150612b1d8165ffffffffffff16151590565b1580612b3157504265ffffffffffff821610155b15612b59576040516319ca5ebb60e01b815265ffffffffffff82166004820152602401610a57565b612b745f612b6f6002546001600160a01b031690565b612d89565b50612b7f5f83612d23565b5050600180546001600160d01b031916905550565b5f82815260208190526040902060010154612bae81611d96565b6118a98383612d89565b611daa5f5f612ebf565b612bcf83838360016130f1565b610f4957604051635274afe760e01b81526001600160a01b0384166004820152602401610a57565b5f6001600160e01b03198216637965db0b60e01b1480610a1f57506301ffc9a760e01b6001600160e01b0319831614610a1f565b612c3582826112f0565b610df75760405163e2517d3f60e01b81526001600160a01b038216600482015260248101839052604401610a57565b600254600160d01b900465ffffffffffff168015612ce6574265ffffffffffff82161015612cbd57600254600180546001600160d01b0316600160a01b90920465ffffffffffff16600160d01b02919091179055612ce6565b6040517f2b1fa2edafe6f7b9e97c1a9e0c3660e645beb2dcaa2d45bdbf9beaf5472e1ec5905f90a15b50600280546001600160a01b0316600160a01b65ffffffffffff948516026001600160d01b031617600160d01b9290931691909102919091179055565b5f82612d7f575f612d3c6002546001600160a01b031690565b6001600160a01b031614612d6357604051631fe1e13d60e11b815260040160405180910390fd5b600280546001600160a01b0319166001600160a01b0384161790555b6115c48383613153565b5f82158015612da557506002546001600160a01b038381169116145b15612dbb57600280546001600160a01b03191690555b6115c483836131e2565b5f5f826001600160a01b03163b5f03612de257505f928392509050565b60408051600481526024810182526020810180516001600160e01b031663313ce56760e01b17905290515f9182916001600160a01b03871691612e2491613ad1565b5f60405180830381855afa9150503d805f8114612e5c576040519150601f19603f3d011682016040523d82523d5f602084013e612e61565b606091505b5091509150811580612e74575060208151105b15612e8557505f9485945092505050565b5f81806020019051810190612e9a9190613ae7565b905060ff811115612eb257505f958695509350505050565b6001969095509350505050565b5f612ec86116c8565b6001805465ffffffffffff8616600160a01b026001600160d01b03199091166001600160a01b038816171790559150612f0a90508165ffffffffffff16151590565b15610f49576040517f8886ebfc4259abdbc16601dd8fb5678e54878f47b3c34836cfc51154a9605109905f90a1505050565b5f5f612f4661162b565b90508065ffffffffffff168365ffffffffffff1611612f6e57612f698382613ce1565b6115c4565b6115c465ffffffffffff84166206978061324b565b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c15611daa57604051633ee5aeb560e01b815260040160405180910390fd5b80825d5050565b600d546001600160a01b031680612fde5750565b5f5f826001600160a01b031663feaf968c6040518163ffffffff1660e01b815260040160a060405180830381865afa15801561301c573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906130409190613c66565b50509250925050815f141580613054575080155b156130715760405162032b3d60e81b815260040160405180910390fd5b600d54600160a01b900463ffffffff16428281039083100281108015906127f857604051633f72ecff60e01b81526004810184905260248101839052426044820152606401610a57565b6130c984848484600161325a565b6118a957604051635274afe760e01b81526001600160a01b0385166004820152602401610a57565b60405163a9059cbb60e01b5f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f5114831661314757838315161561313b573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b5f61315e83836112f0565b6131db575f838152602081815260408083206001600160a01b03861684529091529020805460ff191660011790556131933390565b6001600160a01b0316826001600160a01b0316847f2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d60405160405180910390a4506001610a1f565b505f610a1f565b5f6131ed83836112f0565b156131db575f838152602081815260408083206001600160a01b0386168085529252808320805460ff1916905551339286917ff6391f5c32d9c69d2a47ea670b442974b53935d1edc7fd64eb21e047a839171b9190a4506001610a1f565b5f8282188284100282186115c4565b6040516323b872dd60e01b5f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f511483166132b65783831516156132aa573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f602082840312156132d7575f5ffd5b81356001600160e01b0319811681146115c4575f5ffd5b6001600160a01b0381168114610b70575f5ffd5b5f60208284031215613312575f5ffd5b81356115c4816132ee565b5f6020828403121561332d575f5ffd5b5035919050565b60208152815160208201525f602083015160e06040840152805180610100850152806020830161012086015e5f6101208286010152604085015160608501526060850151915061338c608085018363ffffffff169052565b608085015163ffffffff90811660a0868101919091528601511660c08086019190915290940151151560e08401525050601f909101601f1916016101200190565b5f5f604083850312156133de575f5ffd5b8235915060208301356133f0816132ee565b809150509250929050565b80358015158114611d91575f5ffd5b5f5f6040838503121561341b575f5ffd5b8235613426816132ee565b9150613434602084016133fb565b90509250929050565b5f6020828403121561344d575f5ffd5b813565ffffffffffff811681146115c4575f5ffd5b5f5f60408385031215613473575f5ffd5b823561347e816132ee565b946020939093013593505050565b5f5f83601f84011261349c575f5ffd5b50813567ffffffffffffffff8111156134b3575f5ffd5b6020830191508360208285010111156134ca575f5ffd5b9250929050565b5f5f5f5f5f5f60a087890312156134e6575f5ffd5b863595506020870135945060408701356134ff816132ee565b935060608701359250608087013567ffffffffffffffff811115613521575f5ffd5b61352d89828a0161348c565b979a9699509497509295939492505050565b5f5f5f5f60808587031215613552575f5ffd5b8435935060208501359250604085013561356b816132ee565b9396929550929360600135925050565b803563ffffffff81168114611d91575f5ffd5b5f5f5f5f5f5f5f5f60e0898b0312156135a5575f5ffd5b88359750602089013567ffffffffffffffff8111156135c2575f5ffd5b6135ce8b828c0161348c565b909850965050604089013594506135e760608a0161357b565b93506135f560808a0161357b565b925061360360a08a0161357b565b915061361160c08a016133fb565b90509295985092959890939650565b5f5f5f60608486031215613632575f5ffd5b8335925060208401359150604084013561364b816132ee565b809150509250925092565b602080825282518282018190525f918401906040840190835b818110156136965783516001600160a01b031683526020938401939092019160010161366f565b509095945050505050565b5f5f5f606084860312156136b3575f5ffd5b83356136be816132ee565b925060208401356136ce816132ee565b929592945050506040919091013590565b5f5f5f5f5f5f60a087890312156136f4575f5ffd5b863567ffffffffffffffff81111561370a575f5ffd5b61371689828a0161348c565b9097509550506020870135935061372f6040880161357b565b925061373d6060880161357b565b915061374b6080880161357b565b90509295509295509295565b600181811c9082168061376b57607f821691505b60208210810361378957634e487b7160e01b5f52602260045260245ffd5b50919050565b634e487b7160e01b5f52601160045260245ffd5b5f600182016137b4576137b461378f565b5060010190565b8082028115828204841417610a1f57610a1f61378f565b80820180821115610a1f57610a1f61378f565b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b85815284602082015260018060a01b0384166040820152608060608201525f61383a6080830184866137e5565b979650505050505050565b5f5f835461385281613757565b600182168015613869576001811461387e576138ab565b60ff19831686528115158202860193506138ab565b865f5260205f205f5b838110156138a357815488820152600190910190602001613887565b505081860193505b509195945050505050565b818382375f9101908152919050565b5f60a0820190506001600160601b03835116825263ffffffff602084015116602083015263ffffffff604084015116604083015263ffffffff606084015116606083015260808301511515608083015292915050565b634e487b7160e01b5f52604160045260245ffd5b601f821115610f495782821115610f4957805f5260205f20601f840160051c602085101561395a57505f5b90810190601f840160051c035f5b81811015612967575f83820155600101613968565b67ffffffffffffffff8311156139955761399561391b565b6139a9836139a38354613757565b8361392f565b5f601f8411600181146139da575f85156139c35750838201355b5f19600387901b1c1916600186901b1783556127f8565b5f83815260208120601f198716915b82811015613a0957868501358255602094850194600190920191016139e9565b5086821015613a25575f1960f88860031b161c19848701351681555b505060018560011b0183555050505050565b60c081525f613a4a60c08301898b6137e5565b60208301979097525063ffffffff948516604082015292841660608401529216608082015290151560a09091015292915050565b81810381811115610a1f57610a1f61378f565b60a081525f613aa460a08301888a6137e5565b60208301969096525063ffffffff9384166040820152918316606083015290911660809091015292915050565b5f82518060208501845e5f920191825250919050565b5f60208284031215613af7575f5ffd5b5051919050565b5f60208284031215613b0e575f5ffd5b81516115c4816132ee565b634e487b7160e01b5f52603260045260245ffd5b634e487b7160e01b5f52603160045260245ffd5b65ffffffffffff8181168382160190811115610a1f57610a1f61378f565b6001815b6001841115613b9a57808504811115613b7e57613b7e61378f565b6001841615613b8c57908102905b60019390931c928002613b63565b935093915050565b5f82613bb057506001610a1f565b81613bbc57505f610a1f565b8160018114613bd25760028114613bdc57613bf8565b6001915050610a1f565b60ff841115613bed57613bed61378f565b50506001821b610a1f565b5060208310610133831016604e8410600b8410161715613c1b575081810a610a1f565b613c275f198484613b5f565b805f1904821115613c3a57613c3a61378f565b029392505050565b5f6115c48383613ba2565b805169ffffffffffffffffffff81168114611d91575f5ffd5b5f5f5f5f5f60a08688031215613c7a575f5ffd5b613c8386613c4d565b60208701516040880151606089015192975090955093509150613ca860808701613c4d565b90509295509295909350565b5f6115c460ff841683613ba2565b5f82613cdc57634e487b7160e01b5f52601260045260245ffd5b500490565b65ffffffffffff8281168282160390811115610a1f57610a1f61378f56fe97667070c54ef182b0f5858b034beac1b6f3089aa2d3188bb1e8929f4fa9b929a2646970667358221220609ff2ba46da27a83a9557222c35c782638e05ca0ec674be35f5a0e0606fba8564736f6c63430008250033' as const;
