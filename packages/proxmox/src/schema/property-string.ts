import { checkFormat } from './formats.js';
import { perlPattern } from './perl-regex.js';
import type { FormatKeyDef } from './types.js';

/**
 * PVE property strings: `virtio=BC:24:11:00:00:01,bridge=vmbr0,firewall=1`.
 * Parsing follows PVE::JSONSchema::parse_property_string: comma-separated
 * `key=value` pairs, at most one bare value for the default key, aliases, and
 * `keyAlias` shorthands (`virtio=<mac>` means model=virtio, macaddr=<mac>).
 */

/** Key definitions of PVE's named property-string formats that this package checks closely. */
export const NAMED_PROPERTY_FORMATS: Readonly<Record<string, Record<string, FormatKeyDef>>> = {
  'pve-qm-ipconfig': {
    ip: { type: 'string', optional: true, format: 'pve-ipv4-config' },
    ip6: { type: 'string', optional: true, format: 'pve-ipv6-config' },
    gw: { type: 'string', optional: true, format: 'ipv4' },
    gw6: { type: 'string', optional: true, format: 'ipv6' },
  },
  'pve-qm-cicustom': {
    meta: { type: 'string', optional: true, format: 'pve-volume-id' },
    network: { type: 'string', optional: true, format: 'pve-volume-id' },
    user: { type: 'string', optional: true, format: 'pve-volume-id' },
    vendor: { type: 'string', optional: true, format: 'pve-volume-id' },
  },
  'pve-qm-boot': {
    legacy: { type: 'string', optional: true, defaultKey: true, pattern: '[acdn]{1,4}' },
    order: { type: 'string', optional: true, pattern: '[a-z0-9]+(;[a-z0-9]+)*' },
  },
};

/**
 * Keys of a named format known only by its one-line summary
 * (`[gw=<GatewayIPv4>] [,gw6=<GatewayIPv6>]`): every key optional, any value.
 */
export function keysFromTypetext(typetext: string): Record<string, FormatKeyDef> | null {
  const keys: Record<string, FormatKeyDef> = {};
  for (const m of typetext.matchAll(/(\[)?([A-Za-z0-9_-]+)=(\])?</g)) {
    const name = m[2]!;
    keys[name] = { type: 'string', optional: true, ...(m[1] && m[3] ? { defaultKey: true } : {}) };
  }
  return Object.keys(keys).length > 0 ? keys : null;
}

export interface ParsedPropertyString {
  values: Record<string, string>;
  /** Problems, each as `key: message`. Empty when the string is valid. */
  errors: string[];
}

const BOOL_TRUE = /^(1|true|yes|on)$/i;
const BOOL_FALSE = /^(0|false|no|off)$/i;

/** Checks one value against a key definition; `null` when fine. */
export function checkValue(def: FormatKeyDef, value: string): string | null {
  switch (def.type) {
    case 'integer':
      if (!/^[+-]?[0-9]+$/.test(value)) return `type check ('integer') failed - got '${value}'`;
      break;
    case 'number':
      if (!/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(value)) {
        return `type check ('number') failed - got '${value}'`;
      }
      break;
    case 'boolean':
      if (!BOOL_TRUE.test(value) && !BOOL_FALSE.test(value)) {
        return `type check ('boolean') failed - got '${value}'`;
      }
      break;
    default:
      break;
  }
  if (def.enum && !def.enum.includes(value)) {
    return `value '${value}' does not have a value in the enumeration '${def.enum.join(', ')}'`;
  }
  if (def.type === 'integer' || def.type === 'number') {
    const n = Number(value);
    if (def.minimum !== undefined && n < def.minimum) {
      return `value must have a minimum value of ${def.minimum}`;
    }
    if (def.maximum !== undefined && n > def.maximum) {
      return `value must have a maximum value of ${def.maximum}`;
    }
  }
  if (def.maxLength !== undefined && value.length > def.maxLength) {
    return `value may only be ${def.maxLength} characters long`;
  }
  if (def.pattern !== undefined && !perlPattern(def.pattern).test(value)) {
    return 'value does not match the regex pattern';
  }
  if (def.format) return checkFormat(def.format, value);
  return null;
}

/** Parses and validates `text` against `keys`. */
export function parsePropertyString(
  text: string,
  keys: Readonly<Record<string, FormatKeyDef>>,
): ParsedPropertyString {
  const values: Record<string, string> = {};
  const errors: string[] = [];
  const defaultKey = Object.entries(keys).find(([, d]) => d.defaultKey)?.[0];
  for (const part of text.split(',')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    let key: string;
    let value: string;
    if (eq < 0) {
      if (!defaultKey) {
        errors.push(`${part}: value without key, but schema does not define a default key`);
        continue;
      }
      if (values[defaultKey] !== undefined) {
        errors.push(`${defaultKey}: default key specified multiple times`);
        continue;
      }
      key = defaultKey;
      value = part;
    } else {
      key = part.slice(0, eq);
      value = part.slice(eq + 1);
    }
    let def = keys[key];
    if (def?.keyAlias && def.alias) {
      // `virtio=<mac>`: the key names the value of `keyAlias`.
      if (values[def.keyAlias] !== undefined) {
        errors.push(`${def.keyAlias}: duplicate key in comma-separated list property`);
        continue;
      }
      values[def.keyAlias] = key;
      key = def.alias;
      def = keys[key];
    } else if (def?.alias) {
      key = def.alias;
      def = keys[key];
    }
    if (!def) {
      errors.push(
        `${key}: property is not defined in schema and the schema does not allow additional properties`,
      );
      continue;
    }
    if (values[key] !== undefined) {
      errors.push(`${key}: duplicate key in comma-separated list property`);
      continue;
    }
    const problem = checkValue(def, value);
    if (problem) errors.push(`${key}: ${problem}`);
    values[key] = value;
  }
  for (const [key, def] of Object.entries(keys)) {
    if (!def.optional && !def.alias && values[key] === undefined) {
      errors.push(`${key}: property is missing and it is not optional`);
    }
  }
  return { values, errors };
}

/**
 * Writes a property string: the default key first without `key=`, the rest in
 * the given order. Values must not contain commas.
 */
export function formatPropertyString(
  values: Readonly<Record<string, string | number | boolean | undefined>>,
  keys: Readonly<Record<string, FormatKeyDef>>,
): string {
  const defaultKey = Object.entries(keys).find(([, d]) => d.defaultKey)?.[0];
  const parts: string[] = [];
  const str = (v: string | number | boolean) =>
    typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  if (defaultKey && values[defaultKey] !== undefined) parts.push(str(values[defaultKey]!));
  for (const [k, v] of Object.entries(values)) {
    if (k === defaultKey || v === undefined) continue;
    parts.push(`${k}=${str(v)}`);
  }
  return parts.join(',');
}
