/**
 * @blockhost/pam-verifier: wallet-signature SSH login for BlockHost VMs.
 *
 * Linux-PAM's `pam_exec.so` runs two bundled helpers per login:
 * `pam-challenge` issues a Sign-In with Ethereum (EIP-4361) challenge bound to
 * the user, host and SSH attempt; `pam-verify` checks the signature (EOA
 * offline, smart-contract wallets via RPC). An optional signing service lets
 * a browser wallet sign.
 *
 * This entry is what embedders use: the VM's login as files and as a
 * cloud-init recipe, the signing page's TLS identity (`deriveSigningTls`),
 * the installer, challenges and their verification, and the typed errors. The helpers' own building blocks (run-directory state,
 * rate limits, the PAM environment, the system files) are at
 * `@blockhost/pam-verifier/helpers`.
 *
 * @packageDocumentation
 * @module @blockhost/pam-verifier
 */

export {
  type CreateLoginChallengeErrorType,
  type CreateLoginChallengeParameters,
  challengeCode,
  createLoginChallenge,
  type LoginChallenge,
} from './challenge/create-challenge.js';
export {
  extractMessageFromPrompt,
  type FormatLoginPromptParameters,
  formatLoginPrompt,
  signingPageUrl,
} from './challenge/prompt.js';
export {
  parseVmLoginConfig,
  renderVmLoginConfig,
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
export {
  type VmLoginCloudInit,
  type VmLoginCloudInitParameters,
  vmLoginCloudInit,
} from './install/cloud-init.js';
export {
  HELPER_CODE_CACHES,
  HELPER_CODE_FILES,
  HELPER_NAMES,
  type HelperName,
  LIB_DIR,
  PAM_SNIPPET_NAME,
  PAM_SNIPPET_PATH,
  readHelperBundles,
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
export {
  addPamInclude,
  hasPamInclude,
  PAM_INCLUDE_MARKER,
  removePamInclude,
} from './install/pam-include.js';
export {
  type WarmUpLoginHelpersReturnType,
  warmUpLoginHelpers,
} from './install/warm-up.js';
export {
  type RunningSigningService,
  type StartSigningServiceParameters,
  startSigningService,
} from './service/signing-service.js';
export {
  createSiweMessage,
  isSiweDomain,
  parseSiweMessage,
  type SiweMessageFields,
} from './siwe/message.js';
export {
  type DeriveSigningTlsParameters,
  deriveSigningTls,
  type SigningTlsIdentity,
} from './tls/signing-identity.js';
export {
  type CreateRpcContractVerifierParameters,
  createRpcContractVerifier,
} from './verify/contract-verifier.js';
export {
  type ContractSignatureCheck,
  type ContractSignatureVerifier,
  type LoginExpectation,
  type VerifiedLogin,
  type VerifyLoginErrorType,
  type VerifyLoginParameters,
  type VerifyLoginSignatureErrorType,
  type VerifyLoginSignatureParameters,
  verifyLogin,
  verifyLoginSignature,
} from './verify/verify-login.js';
export {
  formatGecosWallet,
  type GecosWallet,
  parseGecosWallet,
} from './wallet/gecos.js';
export {
  type ReadNftOwnerParameters,
  readNftOwner,
} from './wallet/nft-owner.js';
