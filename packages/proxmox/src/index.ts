/**
 * @blockhost/proxmox: BlockHost's Proxmox VE operations over the HTTP API
 * (typed `proxmox-api` client, token auth, certificate pinning), each
 * idempotent and returning a neverthrow Result. The official API schema and
 * its tools are at `@blockhost/proxmox/schema`; the API simulator for tests is
 * the separate package `@blockhost/pve-sim`.
 *
 * @packageDocumentation
 * @module @blockhost/proxmox
 */

// Access
export { checkTokenPrivileges, type TokenCheck } from './access/check.js';
export { blockhostPrivileges, type DerivedPrivileges } from './access/role.js';
export {
  type AccessScope,
  AUDIT_PRIVILEGES,
  aclPaths,
  type Change,
  checkPaths,
  DEFAULT_POOL,
  LEGACY_VMS_ACL,
  type OutsideVm,
  type SetupAccessParameters,
  type SetupAccessReturnType,
  setupAccess,
} from './access/setup.js';
// Client, errors, tasks
export { backoffMs, pveCall } from './client/call.js';
export {
  createPveClient,
  type PollPolicy,
  type PveClient,
  type PveClientOptions,
  type RetryPolicy,
} from './client/create-client.js';
export type { RequestEvent } from './client/engine.js';
export { normalizeFingerprint } from './client/pinned-agent.js';
// Cloud-init
export {
  createSnippetStore,
  type SnippetSshOptions,
  type SnippetStore,
  type SnippetStoreOptions,
  sshFingerprint,
} from './cloud-init/snippets.js';
export {
  renderUserData,
  type UserDataParameters,
  type WriteFile,
  walletGecos,
} from './cloud-init/user-data.js';
// Cluster
export {
  choosePlacement,
  type NodeCapacity,
  nodeCapacities,
  type Placement,
  type PlacementStrategy,
  type PlaceVmParameters,
  placeVm,
  whyNot,
} from './cluster/placement.js';
export {
  type ClusterResource,
  type GetVmidsInUseParameters,
  getClusterResources,
  getVmidsInUse,
  isVmidFree,
  type NextFreeVmidParameters,
  nextFreeVmid,
} from './cluster/resources.js';
export {
  GuestCommandError,
  isRetryableReason,
  NoNodeFitsError,
  type PlacementNeeds,
  PveAbortedError,
  PveAuthError,
  PveConnectionError,
  PveError,
  PveHttpError,
  PveParameterError,
  PvePermissionError,
  PveProtocolError,
  PveTaskError,
  PveTimeoutError,
  PveTlsError,
  PveUnexpectedError,
  type SdkError,
  SnippetError,
  VmConflictError,
  VmidUnavailableError,
} from './errors.js';
// VMs
export {
  type GuestExecParameters,
  type GuestExecReturnType,
  guestExec,
} from './nodes/qemu/agent/exec.js';
export {
  GUEST_FILE_WRITE_MAX,
  type GuestFileWriteParameters,
  guestFileWrite,
} from './nodes/qemu/agent/file-write.js';
export {
  type SetLoginWalletParameters,
  setLoginWallet,
} from './nodes/qemu/agent/set-login-wallet.js';
export {
  type CloneVmParameters,
  type CloneVmReturnType,
  cloneVm,
  waitUnlocked,
} from './nodes/qemu/clone.js';
export { getVmConfig, isVmMissing, type VmConfig, type VmLocator } from './nodes/qemu/config.js';
export {
  type ConfigureVmParameters,
  type ConfigureVmReturnType,
  configureVm,
  ipconfigValue,
  parseNetValue,
  type VmNetwork,
} from './nodes/qemu/configure.js';
export {
  type DestroyVmParameters,
  type DestroyVmReturnType,
  destroyVm,
} from './nodes/qemu/destroy.js';
export {
  type DeploymentVm,
  type FindSubscriptionVmParameters,
  findSubscriptionVm,
  findVm,
  listDeploymentVms,
  type VmRef,
} from './nodes/qemu/find.js';
export {
  type InspectVmsParameters,
  inspectVms,
  type VmAddresses,
  type VmInspection,
  vmAddresses,
} from './nodes/qemu/inspect.js';
export {
  type GetVmMetricsParameters,
  getVmMetrics,
  getVmRrd,
  type RrdPoint,
  type RrdTimeframe,
  type VmMetrics,
} from './nodes/qemu/metrics.js';
export {
  type PowerParameters,
  type ShutdownVmParameters,
  setOnboot,
  shutdownVm,
  startVm,
  stopVm,
} from './nodes/qemu/power.js';
export {
  PROVISION_STEPS,
  type ProvisionStep,
  type ProvisionVmErrorType,
  type ProvisionVmParameters,
  type ProvisionVmReturnType,
  type ProvisionVmStepReturnType,
  provisionVm,
  provisionVmStep,
  snippetFilename,
} from './nodes/qemu/provision.js';
export { type ResizeVmDiskParameters, resizeVmDisk } from './nodes/qemu/resize.js';
export { type ResumeVmParameters, resumeVm } from './nodes/qemu/resume.js';
export { getVmStatus, type VmStatus } from './nodes/qemu/status.js';
export {
  type SuspendVmParameters,
  type SuspendVmReturnType,
  suspendVm,
} from './nodes/qemu/suspend.js';
export {
  type BuildTemplateParameters,
  type BuildTemplateReturnType,
  buildTemplate,
  TEMPLATE_TAG,
  type TemplateStep,
} from './nodes/qemu/template.js';
export { type WaitForAgentParameters, waitForAgent } from './nodes/qemu/wait-agent.js';
export {
  type ListStorageContentParameters,
  listStorageContent,
  type StorageVolume,
} from './nodes/storage/content.js';
export {
  type DownloadUrlParameters,
  type DownloadUrlReturnType,
  downloadUrl,
} from './nodes/storage/download-url.js';
export {
  type RunTaskOptions,
  runTask,
  type WaitForTaskErrorType,
  type WaitForTaskParameters,
  type WaitForTaskReturnType,
  waitForTask,
} from './nodes/tasks/wait.js';
