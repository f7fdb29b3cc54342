import type { ReturnDef } from '@blockhost/proxmox/schema';

/**
 * Checks a handler's answer against the schema's `returns`: types, and
 * that non-optional properties are present. Extra properties are allowed
 * (PVE's return schemas list only part of what it sends).
 */
export function checkReturns(def: ReturnDef, value: unknown, at = 'data'): string[] {
  const problems: string[] = [];
  check(def, value, () => at, problems);
  return problems;
}

/** Where a value sits, made only for a problem: a listing of hundreds of VMs names none. */
type At = () => string;

/** A schema's `name[n]` properties (`net[n]`): their key patterns, made once per schema. */
const numbered = new WeakMap<ReturnDef, Array<[RegExp, ReturnDef]>>();

function numberedOf(def: ReturnDef): Array<[RegExp, ReturnDef]> {
  let list = numbered.get(def);
  if (!list) {
    list = Object.entries(def.properties ?? {})
      .filter(([k]) => k.endsWith('[n]'))
      .map(([k, sub]): [RegExp, ReturnDef] => [new RegExp(`^${k.slice(0, -3)}[0-9]+$`), sub]);
    numbered.set(def, list);
  }
  return list;
}

function check(def: ReturnDef, value: unknown, at: At, problems: string[]): void {
  if (value === null || value === undefined) {
    if (!(def.type === 'null' || def.optional || !def.type))
      problems.push(`${at()}: missing (expected ${def.type})`);
    return;
  }
  switch (def.type) {
    case 'string':
      if (typeof value !== 'string') problems.push(`${at()}: expected string, got ${typeof value}`);
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        problems.push(`${at()}: expected integer, got ${JSON.stringify(value)}`);
      break;
    case 'number':
      if (typeof value !== 'number')
        problems.push(`${at()}: expected number, got ${JSON.stringify(value)}`);
      break;
    case 'boolean':
      if (value !== 0 && value !== 1 && value !== true && value !== false)
        problems.push(`${at()}: expected boolean (0/1), got ${JSON.stringify(value)}`);
      break;
    case 'array':
      if (!Array.isArray(value)) problems.push(`${at()}: expected array`);
      else if (def.items) {
        const items = def.items;
        for (let i = 0; i < value.length; i++)
          check(items, value[i], () => `${at()}[${i}]`, problems);
      }
      break;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        problems.push(`${at()}: expected object`);
        break;
      }
      const obj = value as Record<string, unknown>;
      const props = def.properties;
      if (!props) break;
      for (const k in props) {
        if (k.endsWith('[n]')) continue;
        const sub = props[k]!;
        const v = obj[k];
        if (v === undefined) {
          if (!sub.optional) problems.push(`${at()}.${k}: missing`);
          continue;
        }
        check(sub, v, () => `${at()}.${k}`, problems);
      }
      const patterns = numberedOf(def);
      if (patterns.length > 0) {
        for (const [re, sub] of patterns) {
          for (const key in obj)
            if (re.test(key)) check(sub, obj[key], () => `${at()}.${key}`, problems);
        }
      }
      break;
    }
    default:
      break;
  }
}
