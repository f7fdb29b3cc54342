/**
 * Small typed readers for parsed TOML tables. Each records a problem under
 * the dotted key it was given and returns `undefined` when the value is unusable,
 * so one pass reports every problem of a file.
 */
import { isIP } from 'node:net';
import type { AnswerProblem } from '../errors.js';

export type Table = Record<string, unknown>;

export function isTable(v: unknown): v is Table {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

export class Problems {
  readonly list: AnswerProblem[] = [];
  add(key: string, message: string): void {
    this.list.push({ key, message });
  }
}

export const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

const quoteList = (xs: readonly string[]) => xs.map((x) => `"${x}"`).join(', ');

/**
 * Reports keys of `table` that are not in `allowed`, and (Proxmox VE 9's
 * `validate-answer`) any key containing `_`. Returns the table for chaining.
 */
export function checkKeys(
  p: Problems,
  path: string,
  table: Table,
  allowed: readonly string[],
): Table {
  for (const key of Object.keys(table)) {
    const where = join(path, key);
    if (key.includes('_')) {
      const dashed = key.replaceAll('_', '-');
      const hint = allowed.includes(dashed) ? `; use '${dashed}'` : '';
      p.add(where, `keys may not contain '_' (Proxmox VE 9)${hint}`);
    } else if (!allowed.includes(key)) {
      p.add(where, `unknown key (expected one of: ${allowed.join(', ')})`);
    }
  }
  return table;
}

export function table(p: Problems, key: string, v: unknown): Table | undefined {
  if (v === undefined) return undefined;
  if (isTable(v)) return v;
  p.add(key, 'expected a table');
  return undefined;
}

export function string(
  p: Problems,
  key: string,
  v: unknown,
  o: { required?: boolean; nonEmpty?: boolean } = {},
): string | undefined {
  if (v === undefined) {
    if (o.required) p.add(key, 'required');
    return undefined;
  }
  if (typeof v !== 'string') {
    p.add(key, 'expected a string');
    return undefined;
  }
  if (o.nonEmpty && v.trim() === '') {
    p.add(key, 'must not be empty');
    return undefined;
  }
  return v;
}

export function oneOf<T extends string>(
  p: Problems,
  key: string,
  v: unknown,
  allowed: readonly T[],
  o: { required?: boolean; aliases?: Readonly<Record<string, T>> } = {},
): T | undefined {
  const s = string(p, key, v, o);
  if (s === undefined) return undefined;
  const found = (allowed as readonly string[]).includes(s) ? (s as T) : o.aliases?.[s];
  if (found === undefined) p.add(key, `expected one of ${quoteList(allowed)}, got "${s}"`);
  return found;
}

export function boolean(p: Problems, key: string, v: unknown): boolean | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'boolean') return v;
  p.add(key, 'expected true or false');
  return undefined;
}

/** A size or other real number (TOML integer or float), ≥ 0. */
export function number(p: Problems, key: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    p.add(key, 'expected a number ≥ 0');
    return undefined;
  }
  return n;
}

/** A TOML integer ≥ 0 (the installer reads these as `usize`: `12.0` is refused). */
export function unsigned(p: Problems, key: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'bigint' && v >= 0n && v <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
  p.add(key, 'expected an integer ≥ 0');
  return undefined;
}

export function stringArray(p: Problems, key: string, v: unknown): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) {
    p.add(key, 'expected an array of strings');
    return undefined;
  }
  const bad = v.findIndex((x) => typeof x !== 'string');
  if (bad >= 0) {
    p.add(`${key}[${bad}]`, 'expected a string');
    return undefined;
  }
  return v as string[];
}

/** A table of string values with free-form keys (udev filters, MAC mappings). */
export function stringTable(
  p: Problems,
  key: string,
  v: unknown,
): Record<string, string> | undefined {
  const t = table(p, key, v);
  if (t === undefined) return undefined;
  let ok = true;
  for (const [k, val] of Object.entries(t)) {
    if (typeof val !== 'string') {
      p.add(join(key, k), 'expected a string');
      ok = false;
    }
  }
  return ok ? (t as Record<string, string>) : undefined;
}

export function ipAddress(
  p: Problems,
  key: string,
  v: unknown,
  required: boolean,
): string | undefined {
  const s = string(p, key, v, { required });
  if (s === undefined) return undefined;
  if (isIP(s) === 0) {
    p.add(key, `not an IP address: "${s}"`);
    return undefined;
  }
  return s;
}

export function cidr(p: Problems, key: string, v: unknown, required: boolean): string | undefined {
  const s = string(p, key, v, { required });
  if (s === undefined) return undefined;
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  const family = m ? isIP(m[1]!) : 0;
  const max = family === 4 ? 32 : 128;
  if (!m || family === 0 || Number(m[2]) > max) {
    p.add(key, `expected an address with prefix length, like "192.0.2.10/24", got "${s}"`);
    return undefined;
  }
  return s;
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/i;

/** Hostname plus domain (`pve.example.com`); a bare hostname is refused, as the installer does. */
export function isFqdn(s: string): boolean {
  const labels = s.split('.');
  return (
    s.length <= 253 &&
    labels.length >= 2 &&
    labels.every((l) => LABEL.test(l)) &&
    !/^\d+$/.test(labels[0]!)
  );
}

export function isDomain(s: string): boolean {
  return s.length <= 253 && s.split('.').every((l) => LABEL.test(l));
}

// The installer's own pattern for `mailto` (an address with a domain), written out here.
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
/** The installer's placeholder, refused as a real address. */
export const EMAIL_PLACEHOLDER = 'mail@example.invalid';

export function isEmail(s: string): boolean {
  return EMAIL.test(s) && s !== EMAIL_PLACEHOLDER;
}

const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** A lowercase two-letter country code the ICU region list knows (`us`, `at`). */
export function isCountry(s: string): boolean {
  if (!/^[a-z]{2}$/.test(s)) return false;
  const name = regions.of(s.toUpperCase());
  return name !== undefined && name !== 'Unknown Region';
}

/** `UTC` or an Area/Location zone the runtime's tz database knows (`Europe/Vienna`). */
export function isTimezone(s: string): boolean {
  if (s === 'UTC') return true;
  if (!/^[A-Z][A-Za-z_-]+(\/[A-Za-z0-9_+-]+)+$/.test(s)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: s });
    return true;
  } catch {
    return false;
  }
}

/** A crypt(3) hash as `chpasswd --encrypted` takes it (`$6$…`, `$y$…`). */
export function isCryptHash(s: string): boolean {
  return /^\$[0-9a-z]+\$[^\s:]+$/.test(s);
}

const KEY_TYPES =
  /^(ssh-ed25519|ssh-rsa|ssh-dss|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]+={0,3}( [^\n\r]*)?$/;

/** One OpenSSH public key line (`ssh-ed25519 AAAA… comment`). */
export function isSshPublicKey(s: string): boolean {
  return KEY_TYPES.test(s.trim());
}
