/**
 * @blockhost/pam-verifier: wallet-signature SSH login for BlockHost VMs.
 *
 * Linux-PAM's `pam_exec.so` runs two bundled helpers per login:
 * `pam-challenge` issues a Sign-In with Ethereum (EIP-4361) challenge bound to
 * the user, host and SSH attempt; `pam-verify` checks the signature (EOA
 * offline, smart-contract wallets via RPC). An optional signing service lets
 * a browser wallet sign. This entry exports the library behind them and the
 * VM-side files as data for the provisioner.
 *
 * @packageDocumentation
 */

export {
  type CreateLoginChallengeErrorType,
  type CreateLoginChallengeParameters,
  challengeCode,
  createLoginChallenge,
  isSessionId,
  type LoginChallenge,
  loginStatement,
  loginUri,
  randomId,
  SESSION_ID_RE,
  USER_NAME_RE,
} from './challenge/create-challenge.js';
export {
  extractMessageFromPrompt,
  type FormatLoginPromptParameters,
  formatLoginPrompt,
  MESSAGE_BEGIN,
  MESSAGE_END,
  PROMPT_LINE,
  signingPageUrl,
} from './challenge/prompt.js';
export {
  DEFAULT_RUN_DIR,
  parseVmLoginConfig,
  renderVmLoginConfig,
  signingBaseUrlOf,
  VM_LOGIN_CONFIG_PATH,
  VM_LOGIN_DEFAULTS,
  type VmFile,
  type VmLoginConfig,
  type VmLoginConfigInput,
  validateVmLoginConfig,
  WALLET_GROUP,
} from './config/config.js';
export {
  AnswerMalformedError,
  AnswerTooLargeError,
  ChallengeBindingError,
  ChallengeExpiredError,
  ChallengeInvalidError,
  ChallengeNotFoundError,
  LoginConfigError,
  LoginError,
  type LoginFailureReason,
  LoginStateError,
  NftNotOwnedError,
  NoSignatureError,
  NoWalletError,
  PamEnvironmentError,
  RateLimitedError,
  RpcRequestError,
  SignatureMismatchError,
  SignatureReplayedError,
  UnknownUserError,
} from './errors.js';
export { defaultBundleDir } from './install/bundle-dir.js';
export { runVmLoginCli, VM_LOGIN_USAGE } from './install/cli.js';
export {
  HELPER_CODE_CACHES,
  HELPER_CODE_FILES,
  HELPER_NAMES,
  type HelperName,
  LIB_DIR,
  PAM_SNIPPET_PATH,
  readHelperBundles,
  renderPamSnippet,
  renderSignerUnit,
  renderSshdDropin,
  renderTmpfiles,
  SIGNER_UNIT_NAME,
  SIGNER_UNIT_PATH,
  SSHD_DROPIN_PATH,
  TMPFILES_PATH,
  type VmLoginFilesParameters,
  type VmLoginSystemFilesOptions,
  vmLoginFiles,
  vmLoginSystemFiles,
} from './install/files.js';
export {
  type CommandResult,
  type CommandRunner,
  type InstallReport,
  type InstallVmLoginParameters,
  installVmLogin,
  PAM_SSHD_PATH,
  type UninstallVmLoginParameters,
  uninstallVmLogin,
} from './install/install.js';
export { addPamInclude, hasPamInclude, removePamInclude } from './install/pam-include.js';
export { type WarmUpResult, warmUpLoginHelpers } from './install/warm-up.js';
export {
  createLoginLogger,
  formatLoginEvent,
  type LoginEvent,
  type LoginLogger,
  type LogTarget,
} from './log.js';
export { type PamContext, readPamContext } from './pam/pam-env.js';
export { runChallenge } from './pam/run-challenge.js';
export { runVerify } from './pam/run-verify.js';
export { configPathFrom, type HelperRuntime, loadConfig, processRuntime } from './pam/runtime.js';
export { renderSigningPage } from './service/page.js';
export { runSigningServiceMain } from './service/run-service.js';
export {
  createSigningHandler,
  DEFAULT_MAX_BODY_BYTES,
  type RunningSigningService,
  type SigningHandlerOptions,
  type StartSigningServiceParameters,
  startSigningService,
} from './service/signing-service.js';
export { toChecksumAddress } from './siwe/address.js';
export {
  createSiweMessage,
  isSiweDomain,
  parseSiweMessage,
  type SiweMessageFields,
} from './siwe/message.js';
export {
  checkRateLimit,
  clearFailures,
  type RateLimitPolicy,
  recordFailure,
} from './state/rate-limit.js';
export {
  ensureRunDir,
  pruneRunDir,
  readSessionPage,
  readSessionSignature,
  removeSession,
  type SessionPage,
  type StoreSignatureOutcome,
  saveChallenge,
  storeSessionSignature,
  takeChallenge,
  writeSessionPage,
} from './state/run-dir.js';
export {
  isSignatureUsed,
  rememberSignature,
  signatureFingerprint,
} from './state/used-signatures.js';
export { createRpcContractVerifier } from './verify/contract-verifier.js';
export {
  type LoginAnswer,
  MAX_ANSWER_LENGTH,
  MAX_SIGNATURE_BYTES,
  parseLoginAnswer,
  parseSignatureText,
} from './verify/parse-answer.js';
export {
  hashPersonalMessage,
  publicKeyToAddress,
  recoverMessageSigner,
} from './verify/recover-address.js';
export {
  type CheckChallengeParameters,
  type ContractSignatureVerifier,
  checkChallenge,
  contractVerifierFrom,
  type LoginExpectation,
  type VerifiedLogin,
  type VerifyLoginErrorType,
  type VerifyLoginParameters,
  type VerifyLoginSignatureParameters,
  verifyLogin,
  verifyLoginSignature,
} from './verify/verify-login.js';
export { formatGecosWallet, type GecosWallet, parseGecosWallet } from './wallet/gecos.js';
export { type ReadNftOwnerParameters, readNftOwner } from './wallet/nft-owner.js';
export { findPasswdEntry, type PasswdEntry } from './wallet/passwd.js';
export {
  type AllowedWallet,
  type NftLookup,
  resolveAllowedWallet,
} from './wallet/resolve-wallet.js';
