import type { CommandSpec } from '../framework/command.js';
import { chainDeploy } from './chain.js';
import { configShow, configValidate } from './config.js';
import { gc } from './gc.js';
import { planCreate, planList, planUpdate } from './plan.js';
import { status } from './status.js';
import { subList, subShow } from './sub.js';
import { vmDestroy, vmList, vmResume, vmShow, vmSuspend } from './vm.js';

/** Every command, in the order `blockhost --help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  status,
  vmList,
  vmShow,
  vmSuspend,
  vmResume,
  vmDestroy,
  subList,
  subShow,
  planList,
  planCreate,
  planUpdate,
  gc,
  chainDeploy,
  configValidate,
  configShow,
];
