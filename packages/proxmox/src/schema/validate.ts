import { checkFormat } from './formats.js';
import { perlPattern } from './perl-regex.js';
import {
  keysFromTypetext,
  NAMED_PROPERTY_FORMATS,
  parsePropertyString,
} from './property-string.js';
import type { FormatKeyDef, MethodDef, ParamDef } from './types.js';

/** A parameter value after PVE's type coercion. */
export type ParamValue = string | number | boolean | string[];

export type RawParams = Record<string, string | number | boolean | null | readonly unknown[]>;

export interface ValidatedParams {
  params: Record<string, ParamValue>;
  /** PVE's per-parameter messages; empty when the request is valid. */
  errors: Record<string, string>;
}

/** The schema entry for a concrete parameter name (`net0` → `net[n]`). */
export function paramDefFor(method: MethodDef, name: string): ParamDef | undefined {
  const direct = method.params[name];
  if (direct) return direct;
  const m = /^([a-z][a-z_-]*?)([0-9]+)$/i.exec(name);
  if (!m) return undefined;
  const def = method.params[`${m[1]}[n]`];
  if (!def?.n) return undefined;
  const i = Number(m[2]);
  // No leading zeros: PVE would not accept `net01` either.
  if (String(i) !== m[2] || i < def.n[0] || i > def.n[1]) return undefined;
  return def;
}

/** Key definitions of a parameter's property-string format, if it has one. */
export function propertyKeys(def: ParamDef): Readonly<Record<string, FormatKeyDef>> | null {
  if (typeof def.format === 'object') return def.format;
  if (typeof def.format === 'string') {
    return (
      NAMED_PROPERTY_FORMATS[def.format] ?? (def.typetext ? keysFromTypetext(def.typetext) : null)
    );
  }
  return null;
}

const BOOL_TRUE = /^(1|true|yes|on)$/i;
const BOOL_FALSE = /^(0|false|no|off)$/i;

function coerce(def: ParamDef, raw: unknown): { value?: ParamValue; error?: string } {
  const shown = Array.isArray(raw) ? 'ARRAY' : String(raw);
  switch (def.type) {
    case 'array': {
      const list = Array.isArray(raw) ? raw : [raw];
      const out: string[] = [];
      for (const item of list) {
        if (typeof item !== 'string' && typeof item !== 'number') {
          return { error: `type check ('array') failed - got '${shown}'` };
        }
        const s = String(item);
        if (def.items) {
          const e = constraints({ ...def.items, type: 'string' }, s);
          if (e) return { error: e };
        }
        out.push(s);
      }
      return { value: out };
    }
    case 'integer': {
      if (typeof raw === 'number' && Number.isInteger(raw)) return { value: raw };
      if (typeof raw === 'string' && /^[+-]?[0-9]+$/.test(raw)) return { value: Number(raw) };
      if (typeof raw === 'boolean') return { value: raw ? 1 : 0 };
      return { error: `type check ('integer') failed - got '${shown}'` };
    }
    case 'number': {
      if (typeof raw === 'number' && Number.isFinite(raw)) return { value: raw };
      if (
        typeof raw === 'string' &&
        /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(raw)
      ) {
        return { value: Number(raw) };
      }
      return { error: `type check ('number') failed - got '${shown}'` };
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return { value: raw };
      if (raw === 0 || raw === 1) return { value: raw === 1 };
      if (typeof raw === 'string' && BOOL_TRUE.test(raw)) return { value: true };
      if (typeof raw === 'string' && BOOL_FALSE.test(raw)) return { value: false };
      return { error: `type check ('boolean') failed - got '${shown}'` };
    }
    case 'string': {
      if (typeof raw === 'string') return { value: raw };
      if (typeof raw === 'number') return { value: String(raw) };
      return { error: `type check ('string') failed - got '${shown}'` };
    }
    default:
      if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') {
        return { value: raw };
      }
      return { error: `type check ('${def.type}') failed - got '${shown}'` };
  }
}

function constraints(def: ParamDef, value: ParamValue): string | null {
  if (Array.isArray(value)) return null;
  const s = String(value);
  if (def.enum && !def.enum.includes(s)) {
    return `value '${s}' does not have a value in the enumeration '${def.enum.join(', ')}'`;
  }
  if (typeof value === 'number') {
    if (def.minimum !== undefined && value < def.minimum) {
      return `value must have a minimum value of ${def.minimum}`;
    }
    if (def.maximum !== undefined && value > def.maximum) {
      return `value must have a maximum value of ${def.maximum}`;
    }
  }
  if (typeof value === 'string') {
    if (def.maxLength !== undefined && value.length > def.maxLength) {
      return `value may only be ${def.maxLength} characters long`;
    }
    if (def.minLength !== undefined && value.length < def.minLength) {
      return `value must be at least ${def.minLength} characters long`;
    }
    if (def.pattern !== undefined && !perlPattern(def.pattern).test(value)) {
      return 'value does not match the regex pattern';
    }
    const keys = propertyKeys(def);
    if (keys) {
      const parsed = parsePropertyString(value, keys);
      if (parsed.errors.length > 0)
        return `invalid format - format error\n${parsed.errors.join('\n')}`;
    } else if (typeof def.format === 'string') {
      return checkFormat(def.format, value);
    }
  }
  return null;
}

/**
 * Validates request parameters like PVE's JSONSchema validator: unknown
 * names, missing required ones, types, enums, ranges, lengths, patterns and
 * the formats this package knows. Path parameters are part of `raw`.
 */
export function validateParams(method: MethodDef, raw: RawParams): ValidatedParams {
  const params: Record<string, ParamValue> = {};
  const errors: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === null || value === undefined) continue;
    const def = paramDefFor(method, name);
    if (!def) {
      errors[name] =
        'property is not defined in schema and the schema does not allow additional properties';
      continue;
    }
    const c = coerce(def, value);
    if (c.error !== undefined || c.value === undefined) {
      errors[name] = c.error ?? 'invalid value';
      continue;
    }
    const problem = constraints(def, c.value);
    if (problem) {
      errors[name] = problem;
      continue;
    }
    params[name] = c.value;
  }
  for (const [name, def] of Object.entries(method.params)) {
    if (def.optional || name.endsWith('[n]')) continue;
    if (raw[name] === undefined || raw[name] === null) {
      errors[name] ??= 'property is missing and it is not optional';
    }
  }
  return { params, errors };
}
