/**
 * @blockhost/chain: BlockHost's contracts and everything that talks to them: deployment and
 * verification, typed readers and writers on viem, event decoding, a reorg-safe scanner, the
 * credential crypto. Test tooling (anvil, a faulty-RPC proxy, test contracts) is at
 * `@blockhost/chain/testkit`.
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
  type WriteReturnType,
  withdraw,
} from './actions/admin.js';
// readers and writers
export {
  getTokenCount,
  getUserEncrypted,
  type MintAccessTokenErrorType,
  type MintAccessTokenParameters,
  type MintAccessTokenReturnType,
  mintAccessToken,
  mintedTo,
  ownerOf,
  subscriptionOf,
  tokenOfSubscription,
  tokenURI,
  updateUserEncrypted,
} from './actions/nft.js';
export {
  type CreatePlanErrorType,
  type CreatePlanParameters,
  createPlan,
  type GetPlanParameters,
  getPlan,
  getPlanCount,
  listPlans,
  type PlanInput,
  type PlanWriteReturnType,
  type ReadErrorType,
  type UpdatePlanParameters,
  updatePlan,
} from './actions/plans.js';
export {
  type BuySubscriptionErrorType,
  type BuySubscriptionParameters,
  type BuySubscriptionReturnType,
  buySubscription,
  type ChainSubscription,
  cancelSubscription,
  type ExtendSubscriptionErrorType,
  type ExtendSubscriptionParameters,
  type ExtendSubscriptionReturnType,
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
// IPv6 broker protocol (client side, and the codec both sides share)
export {
  type BrokerRegistryAbi,
  type BrokerRequestsAbi,
  brokerRegistryAbi,
  brokerRequestsAbi,
} from './broker/abi.js';
export {
  type BrokerAnswerTransaction,
  type BrokerInfo,
  BrokerNotFoundError,
  findBrokerRequest,
  getBroker,
  type ScanBrokerAnswersReturnType,
  type SubmittedBrokerRequest,
  scanBrokerAnswers,
  sendBrokerAnswer,
  submitBrokerRequest,
} from './broker/client.js';
export {
  BROKER_REQUEST_ID_BYTES,
  type BrokerAnswer,
  BrokerMessageError,
  type BrokerMessageReason,
  type BrokerRequestPayload,
  brokerAnswerRequestId,
  checkBrokerAnswer,
  decryptBrokerAnswer,
  decryptBrokerRequest,
  encryptBrokerAnswer,
  encryptBrokerRequest,
  isWireguardKey,
  parseBrokerEndpoint,
} from './broker/messages.js';
// clients
export {
  type BlockhostClients,
  blockhostChain,
  blockhostTransport,
  type CreateBlockhostClientsOptions,
  closeBlockhostTransport,
  createBlockhostClients,
  isWebSocketUrl,
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
  type EcdhSharedX,
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
  type DeployBlockhostErrorType,
  type DeployBlockhostParameters,
  type DeployBlockhostReturnType,
  deployBlockhost,
  FEED_STALENESS_MARGIN_SECONDS,
  type FeedStaleness,
  feedMaxStaleness,
} from './deploy/deploy.js';
export { type DeployedContract, deployContract } from './deploy/deploy-contract.js';
export {
  type VerifyDeploymentErrorType,
  type VerifyDeploymentParameters,
  type VerifyDeploymentReturnType,
  verifyDeployment,
} from './deploy/verify.js';
// errors
export {
  AccessTokenConflictError,
  ChainError,
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
  eventKeyTransaction,
  type NftEvent,
  type RawLog,
  type SubscriptionsEvent,
} from './events/decode.js';
export type { ReadClient, SignerClient, WriteClients } from './internal/clients.js';
export type { SentTransaction, WriteErrorType } from './internal/send.js';
// scanner
export { createMemoryStore, type MemoryStore } from './scanner/memory-store.js';
export { type WatchNewHeadsOptions, watchNewHeads } from './scanner/new-heads.js';
export { classifyGetLogsError, type LogRangeErrorInfo } from './scanner/range-error.js';
export {
  createScanner,
  type PollReturnType,
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
