/**
 * @blockhost/core: BlockHost's pure logic. No file system, network, clock,
 * randomness or environment: everything comes in as arguments, so the same
 * input always gives the same output.
 *
 * @packageDocumentation
 * @module @blockhost/core
 */

export {
  allocateIpv4,
  countFreeIpv4,
  type Ipv4Assignment,
  type Ipv4Pool,
  type Ipv4PoolSpec,
  resolveIpv4Pool,
} from './alloc/ipv4-pool.js';
export {
  allocateIpv6,
  checkRoutedPrefix,
  IPV6_ROUTED_PREFIX_LENGTH,
  type Ipv6Assignment,
  type Ipv6Plan,
  resolveIpv6Prefix,
} from './alloc/ipv6-prefix.js';
export {
  allocateVmid,
  checkVmidRange,
  countFreeVmids,
  PVE_VMID_MAX,
  PVE_VMID_MIN,
  type VmidRange,
} from './alloc/vmid.js';
export {
  type BlockhostConfig,
  type BlockhostConfigInput,
  blockhostConfigSchema,
} from './config/blockhost.js';
export { type DbConfig, type DbConfigInput, dbConfigSchema } from './config/db.js';
export {
  DEFAULTS,
  defaultConfirmations,
  defaultMaxClockSkewSeconds,
  GRACE_DAYS_MAX,
  GRACE_DAYS_MIN,
} from './config/defaults.js';
export {
  CONFIG_FILE_NAMES,
  type ConfigByKind,
  ConfigError,
  type ConfigIssue,
  type ConfigKind,
  configSchemas,
  formatConfigIssue,
  parseConfig,
  validateConfig,
} from './config/parse.js';
export { type Web3Config, type Web3ConfigInput, web3ConfigSchema } from './config/web3.js';
export {
  BlockhostError,
  type BlockhostErrorOptions,
  InvalidInputError,
  PoolExhaustedError,
} from './errors.js';
export { isEntitled, policyFromConfig, SECONDS_PER_DAY } from './lifecycle/policy.js';
export { isEffect, reconcile } from './lifecycle/reconcile.js';
export {
  type ClusterVm,
  type JournalVmRecord,
  planRecovery,
  type RecoveryAction,
  type RecoveryInput,
  type RecoverySubscription,
} from './lifecycle/recover.js';
export type {
  AccessToken,
  Action,
  ActionKind,
  AttentionAction,
  DestroyAction,
  MintAction,
  Plan,
  PlanInput,
  Policy,
  ProvisionAction,
  ReconcileInput,
  ResumeAction,
  Subscription,
  SuspendAction,
  SuspendMode,
  SyncOwnerAction,
  Vm,
  VmState,
} from './lifecycle/types.js';
export {
  BLOCKHOST_TAG,
  type Deployment,
  deploymentTag,
  parseVmDescription,
  subscriptionTag,
  type VmMetadata,
  vmDescription,
  vmName,
  vmTags,
} from './naming.js';
export {
  formatIpv4,
  formatIpv4Cidr,
  type Ipv4Cidr,
  ipv4InCidr,
  isPublicIpv4,
  parseIpv4,
  parseIpv4Cidr,
} from './net/ipv4.js';
export {
  formatIpv6,
  formatIpv6Cidr,
  type Ipv6Cidr,
  ipv6InCidr,
  ipv6NetworkOf,
  parseIpv6,
  parseIpv6Cidr,
} from './net/ipv6.js';
export { maskUrl, maskUrls } from './net/mask-url.js';
export {
  type PortalConfig,
  PortalConfigError,
  type PortalConfigIssue,
  parsePortalConfig,
} from './portal/config.js';
export { seededRandom } from './random/seeded.js';
export { type Address, isAddress, sameAddress, type UnixSeconds } from './types.js';
