import type { CommandSpec } from '../framework/command.js';
import { chainDeploy } from './chain.js';
import { configShow, configValidate } from './config.js';
import { doctor } from './doctor.js';
import { gc } from './gc.js';
import { ipv6Apply, ipv6Retry, ipv6StatusCmd } from './ipv6.js';
import { jobCancel, jobList, jobRetry, jobShow } from './job.js';
import { planCreate, planList, planUpdate } from './plan.js';
import { portalConfig } from './portal.js';
import { pveSetupToken } from './pve.js';
import { recover } from './recover.js';
import { status } from './status.js';
import { subList, subShow } from './sub.js';
import { subSetKey } from './sub-set-key.js';
import { templateBuild } from './template.js';
import { vmDestroy, vmList, vmResume, vmShow, vmSuspend } from './vm.js';

/** Every command, in the order `blockhost --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  status,
  doctor,
  vmList,
  vmShow,
  vmSuspend,
  vmResume,
  vmDestroy,
  subList,
  subShow,
  subSetKey,
  jobList,
  jobShow,
  jobRetry,
  jobCancel,
  planList,
  planCreate,
  planUpdate,
  gc,
  recover,
  ipv6StatusCmd,
  ipv6Apply,
  ipv6Retry,
  chainDeploy,
  configValidate,
  configShow,
  portalConfig,
  pveSetupToken,
  templateBuild,
];
