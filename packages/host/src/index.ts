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
export { FIRST_STEP, type ScheduleResult, scheduleLifecycle } from './lifecycle/schedule.js';
export { createLogger, type Logger, maskUrlsInLogs } from './log.js';
export {
  type RecoverParameters,
  type RecoverResult,
  type RecoveryReport,
  recoverFromCluster,
  recoveryIssues,
  summarizeRecovery,
} from './recovery/recover.js';
export {
  clusterInventory,
  createDefaultPorts,
  createUserDataRenderer,
  pveClientFromConfig,
} from './wiring/default-ports.js';
export * from './setup/index.js';
