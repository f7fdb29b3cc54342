import { BLOCKHOST_ROLE } from '../generated/blockhost-role.js';

export interface DerivedPrivileges {
  /** Sorted privilege names: the role. */
  privileges: string[];
  /** Templated ACL paths the role must be granted on (`/vms/{vmid}`, `/storage/{storage}`, …). */
  paths: string[];
  /** For each privilege, the calls that need it. */
  neededBy: Record<string, string[]>;
}

/**
 * The BlockHost role's privileges: derived from the SDK's calls and the
 * official schema at build time (`deriveRequiredPrivileges` in
 * `@blockhost/proxmox/schema`), shipped as a table.
 */
export function blockhostPrivileges(): DerivedPrivileges {
  return BLOCKHOST_ROLE;
}
