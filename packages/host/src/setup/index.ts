/** Setup steps shared by the CLI (`chain deploy`, `plan create`, `pve setup-token`, `template build`, `config validate`) and the wizard. */
export { creationBlock, hasCode, settledNonce } from './chain-util.js';
export {
  type ConfigFileTexts,
  type ConfigFileValues,
  renderConfigFiles,
  validateConfigDir,
  writeConfigFiles,
} from './config-files.js';
export {
  beginDeployment,
  checkExistingContracts,
  type DeployedContracts,
  type DeploymentStart,
  type DeployParameters,
  deploymentAddresses,
  type ExistingCheck,
  ensureDeployment,
  ensurePaymentTokens,
  ensureServerRoles,
  setContractAddresses,
} from './contracts.js';
export { errorText, SetupError, type SetupErrorKind } from './errors.js';
export {
  type FileOwner,
  readYamlDocument,
  writeFileAtomic,
  writeSecretFile,
  writeYamlDocument,
} from './files.js';
export { ensureFunded } from './fund.js';
export { ensurePlan } from './plan.js';
export { ensureServerKey, readServerKey } from './server-key.js';
export { ensureSnippetsDir } from './snippets-dir.js';
export {
  DEFAULT_IMAGE_URL,
  DEFAULT_TEMPLATE_NAME,
  ensureTemplate,
  type ImageSource,
  imageSource,
} from './template.js';
export {
  type ProxmoxTokenParameters,
  type ProxmoxTokenResult,
  setupProxmoxToken,
} from './token.js';
