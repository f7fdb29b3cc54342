/**
 * @blockhost/host: the composition layer the shells share (blockhostd, the
 * `blockhost` CLI, the wizard): config loading, the SQLite journal, the
 * lifecycle scheduler, the job definitions and runner, and the wiring to
 * Proxmox and the chain. Private to this repository; GPL-3.0-or-later (it
 * links proxmox-api).
 *
 * @packageDocumentation
 */

export { createJournalScanStore } from './chain/scan-store.js';
export { sweepSubscriptions } from './chain/sweep.js';
export {
  type SweepTokensOptions,
  type SweepTokensResult,
  sweepTokens,
} from './chain/token-sweep.js';
export { type HostConfig, HostConfigError, loadHostConfig } from './config/load.js';
export { Secret } from './config/secret.js';
export { readSecretFileChecked, type SecretFileRead } from './config/secret-file.js';
export { allocationsOf, countAllocations, takenValues } from './db/allocations.js';
export {
  cancelJob,
  JobControlError,
  type JobControlReason,
  requeueJob,
  requireJob,
} from './db/job-control.js';
export {
  ACTIVE_JOB_STATES,
  activeJobSubscriptions,
  countJobsByState,
  enqueueJob,
  getJob,
  JOB_STATES,
  type JobKind,
  type JobRow,
  type JobState,
  listJobs,
  OPEN_JOB_STATES,
  requeueInterrupted,
  setJobState,
} from './db/jobs.js';
export {
  type AffectedIds,
  type ChainCursor,
  countEvents,
  emptyAffected,
  getCursor,
  listEvents,
} from './db/journal.js';
export { RunnerLease } from './db/lease.js';
export { DatabaseMissingError, type Db, openDb, schemaVersion } from './db/open.js';
export { refold } from './db/projection.js';
export {
  listRefusals,
  type RefusalReason,
  type RefusalRow,
  recordRefusal,
} from './db/refusals.js';
export {
  countNeedingAttention,
  getSubscription,
  listPlans,
  listSubscriptions,
  loadLifecycleInput,
  needsAttention,
  type PlanRow,
  type SubscriptionRow,
  setKeyError,
  setKeyOverride,
} from './db/subscriptions.js';
export {
  countVmsByState,
  findVmByVmid,
  getVm,
  latestVmOf,
  latestVms,
  listVms,
  updateVm,
  type VmRow,
} from './db/vms.js';
export {
  type ApplyReport,
  applyIpv6Network,
  type CommandResult,
  type CommandRunner,
  commandRunner,
  Ipv6ApplyError,
  type Ipv6Observation,
  observeIpv6Network,
  pingFarEnd,
  pingVms,
  RULE_PRIORITY,
} from './ipv6/apply.js';
export {
  answerProblem,
  type BrokerClientContext,
  type BrokerConfig,
  type BrokerStepResult,
  resetBrokerClient,
  stepBrokerClient,
} from './ipv6/broker-client.js';
export {
  APPLIED_FILE,
  type ApplyFromFilesResult,
  applyFromFiles,
  type Ipv6ApplyStatus,
  readApplyStatus,
  STATUS_FILE,
} from './ipv6/host-apply.js';
export {
  type BrokerLogEntry,
  type BrokerReason,
  type BrokerRequestState,
  type BrokerRow,
  brokerLog,
  getBrokerRow,
} from './ipv6/journal.js';
export {
  desiredIpv6Network,
  type Ipv6HostNetwork,
  type Ipv6Tunnel,
  ipv6StateDir,
  NETWORK_FILE,
  readIpv6Network,
  TUNNEL_KEEPALIVE_S,
  wireguardKeyFile,
  writeIpv6Network,
} from './ipv6/network.js';
export { type CurrentIpv6Plan, currentIpv6Plan } from './ipv6/plan.js';
export {
  type CreateIpv6ServiceOptions,
  createIpv6Service,
  type Ipv6Service,
  ipv6Holders,
} from './ipv6/service.js';
export {
  HANDSHAKE_FRESH_S,
  IPV6_STATES,
  type Ipv6State,
  type Ipv6Status,
  ipv6Status,
} from './ipv6/status.js';
export {
  allocateVmIpv6,
  type VmConnectionDetails,
  vmConnectionDetails,
  vmIpv6,
} from './ipv6/vm-address.js';
export { ensureWireguardKey, WireguardKeyError } from './ipv6/wg-key.js';
export {
  type CreateJobRunnerOptions,
  createJobRunner,
  type HostPorts,
} from './jobs/create-runner.js';
export {
  connectionDetails,
  type JobContext,
  jobDefinitions,
  type UserDataInput,
} from './jobs/definitions.js';
export type {
  ChainPort,
  ClusterInventory,
  PortError,
  PortResult,
  ProxmoxPort,
  VmSpec,
} from './jobs/ports.js';
export { JobRunner } from './jobs/runner.js';
export {
  clockSkewRefusal,
  FIRST_STEP,
  type ScheduleGuard,
  type ScheduleResult,
  scheduleLifecycle,
} from './lifecycle/schedule.js';
export { createLogger, type Logger, maskUrlsInLogs } from './log.js';
export {
  type RecoverParameters,
  type RecoverResult,
  type RecoveryReport,
  recoverFromCluster,
  recoveryIssues,
  summarizeRecovery,
} from './recovery/recover.js';
export * from './setup/index.js';
export {
  type ChainView,
  type ConfirmDestroyParameters,
  type ConfirmOwnerParameters,
  confirmDestroy,
  confirmOwner,
  type QuorumVerdict,
  quorumOf,
  type Vote,
} from './trust/quorum.js';
export { chainViews, trustSettings } from './trust/views.js';
export {
  clusterInventory,
  createDefaultPorts,
  createUserDataRenderer,
  pveClientFromConfig,
} from './wiring/default-ports.js';
export { createRpcFetch, rpcFetch } from './wiring/rpc-fetch.js';
