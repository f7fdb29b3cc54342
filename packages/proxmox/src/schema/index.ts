/**
 * `@blockhost/proxmox/schema`: Proxmox VE's official API schema (PVE 9.2.3,
 * compact form) and the tools that read it: path matching, parameter
 * validation, property strings, the privilege rules of PVE's handlers, and the
 * derivation of the BlockHost role from the SDK's calls. The PVE simulator is
 * built on it; the SDK itself needs only the small tables generated from it
 * at build time, so importing the main entry never loads this.
 *
 * @packageDocumentation
 * @module @blockhost/proxmox/schema
 */
export type { DerivedPrivileges } from '../access/role.js';
export { deriveCompactSchema } from './derive.js';
export { checkFormat, isIpv4Cidr, isIpv6Cidr, splitList } from './formats.js';
export { type CallFacts, expressionNeed, fillPath, handlerNeeds } from './handler-privileges.js';
export {
  bridgePath,
  isPvePrivilege,
  type Need,
  PVE_PRIVILEGES,
  type PvePrivilege,
  perm,
} from './privileges.js';
export {
  formatPropertyString,
  type ParsedPropertyString,
  parsePropertyString,
} from './property-string.js';
export {
  configKeyNeeds,
  type DriveSpec,
  isCdromDrive,
  NEW_DISK,
  NOT_CONFIG_PARAMS,
  parseDrive,
} from './qemu-privileges.js';
export { netFormatOf, renderRunTimeTables } from './run-time-tables.js';
export { matchPath, methodDef, pveSchema, type RouteMatch } from './schema.js';
export { callNeeds, deriveRequiredPrivileges, SDK_CALLS, type SdkCall } from './sdk-calls.js';
export { PVE_API_SOURCE, pveApiSourceFile, sharedPveApiFile } from './source.js';
export type {
  CompactSchema,
  FormatKeyDef,
  MethodDef,
  ParamDef,
  PermCheck,
  PermissionDef,
  PveType,
  ReturnDef,
  Verb,
} from './types.js';
export {
  type ParamValue,
  type RawParams,
  type ValidatedParams,
  validateParams,
} from './validate.js';
