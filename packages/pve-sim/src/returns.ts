import type { ReturnDef } from '@blockhost/proxmox/schema';

/**
 * Checks a handler's answer against the schema's `returns`: types, and
 * that non-optional properties are present. Extra properties are allowed
 * (PVE's return schemas list only part of what it sends).
 */
export function checkReturns(def: ReturnDef, value: unknown, at = 'data'): string[] {
  if (value === null || value === undefined) {
    return def.type === 'null' || def.optional || !def.type
      ? []
      : [`${at}: missing (expected ${def.type})`];
  }
  const problems: string[] = [];
  switch (def.type) {
    case 'string':
      if (typeof value !== 'string') problems.push(`${at}: expected string, got ${typeof value}`);
      break;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        problems.push(`${at}: expected integer, got ${JSON.stringify(value)}`);
      break;
    case 'number':
      if (typeof value !== 'number')
        problems.push(`${at}: expected number, got ${JSON.stringify(value)}`);
      break;
    case 'boolean':
      if (value !== 0 && value !== 1 && value !== true && value !== false)
        problems.push(`${at}: expected boolean (0/1), got ${JSON.stringify(value)}`);
      break;
    case 'array':
      if (!Array.isArray(value)) problems.push(`${at}: expected array`);
      else if (def.items) {
        for (const [i, v] of value.entries())
          problems.push(...checkReturns(def.items, v, `${at}[${i}]`));
      }
      break;
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        problems.push(`${at}: expected object`);
        break;
      }
      const obj = value as Record<string, unknown>;
      for (const [k, sub] of Object.entries(def.properties ?? {})) {
        if (k.endsWith('[n]')) {
          const base = k.slice(0, -3);
          for (const [key, v] of Object.entries(obj)) {
            if (new RegExp(`^${base}[0-9]+$`).test(key))
              problems.push(...checkReturns(sub, v, `${at}.${key}`));
          }
          continue;
        }
        if (obj[k] === undefined) {
          if (!sub.optional) problems.push(`${at}.${k}: missing`);
          continue;
        }
        problems.push(...checkReturns(sub, obj[k], `${at}.${k}`));
      }
      break;
    }
    default:
      break;
  }
  return problems;
}
