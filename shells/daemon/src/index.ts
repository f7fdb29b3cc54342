/**
 * The host runtime behind blockhostd, shared with the `blockhost` CLI: config
 * loading, the SQLite journal, the lifecycle scheduler, the job runner and the
 * wiring to Proxmox and the chain. (GPL-3.0-or-later: it links proxmox-api.)
 */
export { type HostConfig, HostConfigError, loadHostConfig } from './config/load.js';
export { Secret } from './config/secret.js';
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
  countJobsByState,
  enqueueJob,
  getJob,
  type JobKind,
  type JobRow,
  type JobState,
  listJobs,
  setJobState,
} from './db/jobs.js';
export { type ChainCursor, countEvents, getCursor, listEvents } from './db/journal.js';
export { RunnerLease } from './db/lease.js';
export { DatabaseMissingError, type Db, openDb, schemaVersion } from './db/open.js';
export {
  getSubscription,
  listPlans,
  listSubscriptions,
  loadLifecycleInput,
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
  AnotherRunnerError,
  type Daemon,
  type DaemonPorts,
  type StartDaemonOptions,
  startDaemon,
} from './engine.js';
export { type CreateJobRunnerOptions, createJobRunner } from './jobs/create-runner.js';
export {
  connectionDetails,
  type JobContext,
  jobDefinitions,
  type UserDataInput,
} from './jobs/definitions.js';
export type { ChainPort, PortError, PortResult, ProxmoxPort, VmSpec } from './jobs/ports.js';
export { JobRunner } from './jobs/runner.js';
export { FIRST_STEP, type ScheduleResult, scheduleLifecycle } from './lifecycle/schedule.js';
export { createLogger, type Logger } from './log.js';
export {
  createDefaultPorts,
  createUserDataRenderer,
  pveClientFromConfig,
} from './wiring/default-ports.js';
