export { type AccessState, type AclEntry, builtinRoles } from './access.js';
export { createSelfSignedCert, type SelfSignedCert } from './cert.js';
export type { RequestRecord } from './core.js';
export type {
  PveSimulatorOptions,
  SimDownloadFixture,
  SimNodeSpec,
  SimStorageSpec,
  SimTemplateSpec,
} from './options.js';
export {
  BOOTSTRAP_TOKEN_ID,
  type PveSimulator,
  SIMULATED_METHODS,
  type SimAclGrant,
  type SimVmView,
  startPveSimulator,
} from './server.js';
export type {
  ExecRecord,
  FileWriteRecord,
  GuestFile,
  GuestState,
  GuestUser,
  SimState,
  SimTask,
  SimVolume,
} from './state.js';
