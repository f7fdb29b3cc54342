/**
 * `@blockhost/pam-verifier/helpers`: the building blocks of the login helpers
 * (`pam-challenge`, `pam-verify`, the signing service, `blockhost-vm-login`):
 * their run-directory state, rate limits, replay records, the PAM environment,
 * prompt framing, signature parsing and recovery, and the system files they
 * install. For tools that build their own helpers; most embedders need only
 * the main entry.
 *
 * @packageDocumentation
 * @module @blockhost/pam-verifier/helpers
 */

export {
  isSessionId,
  loginStatement,
  loginUri,
  randomId,
  SESSION_ID_RE,
  USER_NAME_RE,
} from './challenge/create-challenge.js';
export {
  MESSAGE_BEGIN,
  MESSAGE_END,
  PROMPT_LINE,
} from './challenge/prompt.js';
export {
  DEFAULT_RUN_DIR,
  signingBaseUrlOf,
} from './config/config.js';
export {
  runVmLoginCli,
  VM_LOGIN_USAGE,
} from './install/cli.js';
export {
  HELPER_CODE_CACHES,
  HELPER_CODE_FILES,
  LIB_DIR,
  PAM_SNIPPET_PATH,
  renderPamSnippet,
  renderSignerUnit,
  renderSshdDropin,
  renderTmpfiles,
  SIGNER_UNIT_NAME,
  SIGNER_UNIT_PATH,
  SIGNING_TLS_CERT_PATH,
  SIGNING_TLS_KEY_PATH,
  SSHD_DROPIN_PATH,
  TMPFILES_PATH,
  type VmLoginSystemFilesOptions,
  vmLoginSystemFiles,
} from './install/files.js';
export { PAM_SSHD_PATH } from './install/install.js';
export {
  addPamInclude,
  hasPamInclude,
  removePamInclude,
} from './install/pam-include.js';
export {
  createLoginLogger,
  formatLoginEvent,
  type LoginEvent,
  type LoginLogger,
  type LogTarget,
} from './log.js';
export {
  type PamContext,
  readPamContext,
} from './pam/pam-env.js';
export { runChallenge } from './pam/run-challenge.js';
export { runVerify } from './pam/run-verify.js';
export {
  configPathFrom,
  type HelperRuntime,
  loadConfig,
  processRuntime,
} from './pam/runtime.js';
export { renderSigningPage } from './service/page.js';
export { runSigningServiceMain } from './service/run-service.js';
export {
  createSigningHandler,
  DEFAULT_MAX_BODY_BYTES,
  MAX_REFUSED_PER_SESSION,
  type SigningHandlerOptions,
} from './service/signing-service.js';
export { toChecksumAddress } from './siwe/address.js';
export {
  checkRateLimit,
  clearFailures,
  type RateLimitPolicy,
  recordFailure,
  sourceKey,
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
export { colonHex } from './tls/signing-identity.js';
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
  checkChallenge,
  contractVerifierFrom,
} from './verify/verify-login.js';
export {
  findPasswdEntry,
  type PasswdEntry,
} from './wallet/passwd.js';
export {
  type AllowedWallet,
  type NftLookup,
  resolveAllowedWallet,
} from './wallet/resolve-wallet.js';
