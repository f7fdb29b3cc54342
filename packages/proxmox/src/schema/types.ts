/**
 * The compact form of Proxmox VE's API schema this package ships: every path,
 * method and parameter of the official schema, without the prose. Derived by
 * `deriveCompactSchema` from `schema-pve-<version>.json`.
 */

export type PveType =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'array'
  | 'object'
  | 'null'
  | 'any';

export type Verb = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** One key of a property-string format (e.g. `bridge` of `net[n]`). */
export interface FormatKeyDef {
  type?: PveType;
  optional?: true;
  enum?: string[];
  format?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  pattern?: string;
  /** This key may be written without `key=` (e.g. `virtio,bridge=vmbr0`). */
  defaultKey?: true;
  /** This key is another name for `alias`. */
  alias?: string;
  /** `model=mac` shorthand: the key is a value of `keyAlias`, its value goes to `alias`. */
  keyAlias?: string;
}

export interface ParamDef {
  type: PveType;
  optional?: true;
  enum?: string[];
  /** A named format (`pve-vmid`) or an inline property-string format. */
  format?: string | Record<string, FormatKeyDef>;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minLength?: number;
  pattern?: string;
  items?: ParamDef;
  /** PVE's one-line syntax summary, kept for named property-string formats. */
  typetext?: string;
  /** For `net[n]`-style parameters: the allowed index range, inclusive. */
  n?: [number, number];
}

export interface ReturnDef {
  type?: PveType;
  optional?: true;
  properties?: Record<string, ReturnDef>;
  items?: ReturnDef;
}

/**
 * A permission check as PVE writes it: `['perm', path, privs, 'any', 1]`,
 * `['and', …]`, `['or', …]`, `['userid-param', …]`, `['userid-group', …]`,
 * `['perm-modify', path]`.
 */
export type PermCheck = readonly unknown[];

export interface PermissionDef {
  check?: PermCheck;
  /** `all`: any authenticated user; `world`: anyone. */
  user?: string;
  /** Prose; some methods only state extra checks here. */
  description?: string;
}

export interface MethodDef {
  name: string;
  allowToken: boolean;
  protected: boolean;
  proxyto?: string;
  /** `null` when the schema has no permissions: only root@pam may call it. */
  permissions: PermissionDef | null;
  params: Record<string, ParamDef>;
  returns: ReturnDef;
}

export interface CompactSchema {
  source: { file: string; version: string; sha256: string };
  paths: Record<string, Partial<Record<Verb, MethodDef>>>;
}
