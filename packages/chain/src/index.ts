/**
 * @blockhost/chain: BlockHost's contracts and everything that talks to them: deployment and
 * verification, typed readers and writers on viem, event decoding, a reorg-safe scanner, the
 * credential crypto, and (as test tooling) an anvil harness and a faulty-RPC proxy.
 *
 * Every library function returns a neverthrow `Result`/`ResultAsync` with typed errors.
 *
 * @packageDocumentation
 * @module @blockhost/chain
 */

export {
  grantRole,
  hasRole,
  linkAccessCredential,
  type RoleParameters,
  reassignAccessToken,
  restoreSubscription,
  revokeRole,
  setPaymentToken,
  setPriceFeed,
  setSequencerUptimeFeed,
  type TxResult,
  withdraw,
} from './actions/admin.js';
// readers and writers
export {
  getTokenCount,
  getUserEncrypted,
  type MintAccessTokenParameters,
  type MintAccessTokenResult,
  mintAccessToken,
  mintedTo,
  ownerOf,
  subscriptionOf,
  tokenOfSubscription,
  tokenURI,
  updateUserEncrypted,
} from './actions/nft.js';
export {
  type CreatePlanParameters,
  createPlan,
  type GetPlanParameters,
  getPlan,
  getPlanCount,
  listPlans,
  type PlanInput,
  type PlanWriteResult,
  type ReadError,
  type UpdatePlanParameters,
  updatePlan,
} from './actions/plans.js';
export {
  type BuySubscriptionParameters,
  type BuySubscriptionResult,
  buySubscription,
  type ChainSubscription,
  cancelSubscription,
  type ExtendSubscriptionParameters,
  type ExtendSubscriptionResult,
  ensureAllowance,
  extendSubscription,
  getPaymentTokens,
  getSubscription,
  getSubscriptionController,
  getSubscriptionCount,
  listSubscriptions,
  type QuoteParameters,
  quote,
} from './actions/subscriptions.js';
// clients
export {
  type BlockhostClients,
  blockhostChain,
  blockhostTransport,
  type CreateBlockhostClientsOptions,
  createBlockhostClients,
  type TransportOptions,
} from './client.js';
// contracts
export {
  type AccessCredentialNftAbi,
  accessCredentialNftAbi,
  accessCredentialNftBytecode,
  accessCredentialNftDeployedBytecode,
  type BlockhostContracts,
  type BlockhostSubscriptionsAbi,
  blockhostSubscriptionsAbi,
  blockhostSubscriptionsBytecode,
  blockhostSubscriptionsDeployedBytecode,
  INTERFACE_IDS,
  LIMITS,
  NATIVE_TOKEN,
  ROLES,
  type RoleName,
  roleName,
  SOLC_VERSION,
  type TestFeeTokenAbi,
  type TestPriceFeedAbi,
  type TestSequencerUptimeFeedAbi,
  type TestSmartWalletAbi,
  type TestSmartWalletFactoryAbi,
  type TestStablecoinAbi,
  type TestUsdtLikeTokenAbi,
  testFeeTokenAbi,
  testFeeTokenBytecode,
  testPriceFeedAbi,
  testPriceFeedBytecode,
  testSequencerUptimeFeedAbi,
  testSequencerUptimeFeedBytecode,
  testSmartWalletAbi,
  testSmartWalletBytecode,
  testSmartWalletFactoryAbi,
  testSmartWalletFactoryBytecode,
  testStablecoinAbi,
  testStablecoinBytecode,
  testUsdtLikeTokenAbi,
  testUsdtLikeTokenBytecode,
} from './contracts.js';
// crypto
export {
  type ConnectionDetails,
  type CredentialSecret,
  decryptConnectionDetails,
  type EncryptConnectionDetailsOptions,
  encryptConnectionDetails,
} from './crypto/credential.js';
export {
  ECIES_OVERHEAD_BYTES,
  type EciesEncryptOptions,
  eciesDecrypt,
  eciesEncrypt,
  parsePublicKey,
  publicKeyFromSecretKey,
} from './crypto/ecies.js';
export { buildKeyMessage, type KeyMessageParameters } from './crypto/key-message.js';
export { credentialKeyFromSignature, normalizeSignature } from './crypto/signature.js';
export {
  type DecryptUserSignatureParameters,
  decryptUserSignature,
  encryptUserSignature,
  type UserSignature,
} from './crypto/user-encrypted.js';
// deploy
export {
  DEFAULT_ADMIN_DELAY_SECONDS,
  DEFAULT_FEED_HEARTBEAT_SECONDS,
  DEFAULT_MAX_STALENESS_SECONDS,
  type DeployBlockhostParameters,
  type DeployBlockhostResult,
  deployBlockhost,
  FEED_STALENESS_MARGIN_SECONDS,
  feedMaxStaleness,
} from './deploy/deploy.js';
export { type DeployedContract, deployContract } from './deploy/deploy-contract.js';
export {
  deployTestFeeToken,
  deployTestPriceFeed,
  deployTestSequencerUptimeFeed,
  deployTestSmartWallet,
  deployTestSmartWalletFactory,
  deployTestStablecoin,
  deployTestUsdtLikeToken,
  mintTestStablecoin,
  predictTestSmartWallet,
  setTestPrice,
  setTestSequencerStatus,
  smartWalletExecute,
  smartWalletExecuteBatch,
  type TestFeeTokenOptions,
  type TestPriceFeedOptions,
  type TestStablecoinOptions,
  testSmartWalletDeployCall,
} from './deploy/test-contracts.js';
export {
  type DeploymentReport,
  type VerifyDeploymentParameters,
  verifyDeployment,
} from './deploy/verify.js';
// errors
export {
  AccessTokenConflictError,
  ChainInputError,
  CheckpointError,
  ContractRevertError,
  CryptoError,
  type CryptoErrorReason,
  DeploymentVerificationError,
  EventDecodeError,
  type EventDecodeReason,
  LogRangeError,
  MissingEventError,
  ReorgTooDeepError,
  RpcError,
  type ScanError,
  StoreError,
  TransactionRevertedError,
} from './errors.js';
// events
export {
  type BlockhostEvent,
  type BlockhostEventName,
  type BlockhostEventOf,
  decodeBlockhostLog,
  type EventLocation,
  eventKey,
  type NftEvent,
  type RawLog,
  type SubscriptionsEvent,
} from './events/decode.js';
export type { ReadClient, SignerClient, WriteClients } from './internal/clients.js';
export type { SendError, SentTransaction } from './internal/send.js';
// scanner
export { createMemoryStore, type MemoryStore } from './scanner/memory-store.js';
export { classifyGetLogsError, type LogRangeErrorInfo } from './scanner/range-error.js';
export {
  createScanner,
  type PollResult,
  type RunOptions,
  type Scanner,
  type ScannerOptions,
  type ScannerStats,
} from './scanner/scanner.js';
export type {
  BlockRef,
  ScanCheckpoint,
  ScanCommit,
  ScanStore,
  StepResult,
  StoredBlock,
  StoredLog,
  UndecodableLog,
} from './scanner/types.js';

// test tooling
export {
  type Anvil,
  type AnvilAccount,
  AnvilError,
  type StartAnvilOptions,
  startAnvil,
} from './testkit/anvil.js';
export {
  type RangeErrorStyle,
  type RpcProxy,
  type RpcProxyStats,
  type StartRpcProxyOptions,
  startRpcProxy,
} from './testkit/rpc-proxy.js';
