/**
 * @blockhost/image: the BlockHost ISO, made from a stock Proxmox VE ISO with
 * Proxmox's automated installation (../shared/spec/image.md).
 */
export {
  ANSWER_DEFAULTS,
  type AnswerInput,
  type GeneratedAnswer,
  generateAnswer,
} from './answer/generate.js';
export * from './answer/model.js';
export { renderAnswer, renderToml } from './answer/render.js';
export { type ValidateAnswerOptions, validateAnswer } from './answer/validate.js';
export {
  ASSISTANT,
  ASSISTANT_MODES,
  type AssistantMode,
  chooseAssistant,
  findAssistant,
} from './assistant.js';
export {
  type AnswerSource,
  type BuildFailure,
  type BuildIsoOptions,
  type BuildIsoResult,
  buildIso,
  isoFileName,
} from './build-iso.js';
export { EXIT, optionForKey, runCli } from './cli.js';
export {
  AnswerFileError,
  type AnswerProblem,
  BuildError,
  type BuildErrorKind,
  formatProblem,
  ImageError,
  type ImageErrorOptions,
} from './errors.js';
export {
  checkHook,
  FIRST_BOOT_MAX_BYTES,
  FIRST_BOOT_NAME,
  firstBootTemplate,
  type HookValues,
  renderFirstBoot,
  WIZARD_ISSUE_FILE,
} from './first-boot.js';
export {
  DEFAULT_PARTITION_LABEL,
  INSTALLER_MODES,
  type InstallerMode,
  type InstallerModeFile,
  isoMode,
  renderInstallerMode,
  validateInstallerMode,
} from './installer-mode.js';
export { collectPackages, type PackageFile, type PackageSet, sha256File } from './packages.js';
export { checkPreserved, DESCRIPTOR_AREA, firstChangedByte } from './preserve.js';
export { generatePassword, generateTestKey, type TestKey } from './testing-access.js';
export {
  checkAutoInstallCapable,
  extract,
  listFiles,
  MARKER,
  mapIntoIso,
  volumeDateUuid,
  xorriso,
} from './xorriso.js';
