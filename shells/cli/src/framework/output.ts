/** Human tables and stable JSON: the two faces of every read command. */
import { maskUrls } from '@blockhost/core';
import { jsonSafe, terminalSafe } from './terminal-text.js';

export interface Output {
  readonly json: boolean;
  readonly tty: boolean;
  /** Whether `data` has written the command's JSON already (an error then adds no second document). */
  readonly wroteData: boolean;
  /** Writes a value as JSON (bigints as decimal strings), or nothing in human mode. */
  data(value: unknown): void;
  /** A line for people (suppressed in --json mode). */
  line(text?: string): void;
  table(rows: readonly Record<string, unknown>[], columns?: readonly string[]): void;
  /** Key/value pairs for `show` commands. */
  fields(pairs: Readonly<Record<string, unknown>>): void;
  warn(text: string): void;
  error(text: string): void;
  /** An error and its hint on stderr, the way a failed command ends. */
  failure(message: string, hint?: string | null): void;
  /**
   * Masks these URLs (path, query, credentials) in everything printed from
   * now on, JSON included: RPC URLs often carry a provider's API key.
   */
  maskUrls(urls: readonly string[]): void;
  /** `text` as this output prints it for people: URLs masked, control characters escaped. */
  clean(text: string): string;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2);
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'object')
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
  // One value, one line: its own control characters and line breaks shown as escapes.
  return terminalSafe(String(v), { singleLine: true });
}

export function renderTable(
  rows: readonly Record<string, unknown>[],
  columns?: readonly string[],
): string {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  if (rows.length === 0) return '(none)';
  const cells = rows.map((r) => cols.map((c) => cell(r[c])));
  const width = cols.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)));
  const line = (xs: string[]) =>
    xs
      .map((x, i) => x.padEnd(width[i]!))
      .join('  ')
      .trimEnd();
  return [line(cols.map((c) => c.toUpperCase())), ...cells.map(line)].join('\n');
}

export function createOutput(options: {
  json: boolean;
  stdout?: NodeJS.WritableStream & { isTTY?: boolean };
  stderr?: NodeJS.WritableStream;
}): Output {
  const stdout = options.stdout ?? process.stdout;
  const stderr = options.stderr ?? process.stderr;
  const json = options.json;
  let wroteData = false;
  const masked: string[] = [];
  const mask = (text: string) => (masked.length === 0 ? text : maskUrls(text, masked));
  const clean = (text: string) => terminalSafe(mask(text));
  const maskValue = (v: unknown) => (typeof v === 'string' ? mask(v) : v);
  const maskRow = (r: Readonly<Record<string, unknown>>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, maskValue(v)]));
  return {
    json,
    tty: Boolean((stdout as { isTTY?: boolean }).isTTY),
    get wroteData() {
      return wroteData;
    },
    data(value) {
      if (!json) return;
      wroteData = true;
      stdout.write(`${jsonSafe(mask(toJson(value)))}\n`);
    },
    line(text = '') {
      if (!json) stdout.write(`${clean(text)}\n`);
    },
    table(rows, columns) {
      if (!json) stdout.write(`${renderTable(rows.map(maskRow), columns)}\n`);
    },
    fields(pairs) {
      if (json) return;
      const keys = Object.keys(pairs);
      const w = Math.max(...keys.map((k) => k.length));
      for (const k of keys) stdout.write(`${`${k}:`.padEnd(w + 2)}${cell(maskValue(pairs[k]))}\n`);
    },
    warn(text) {
      stderr.write(`warning: ${clean(text)}\n`);
    },
    error(text) {
      stderr.write(`error: ${clean(text)}\n`);
    },
    failure(message, hint) {
      stderr.write(`error: ${clean(message)}\n${hint ? `hint: ${clean(hint)}\n` : ''}`);
    },
    maskUrls(urls) {
      for (const u of urls) if (!masked.includes(u)) masked.push(u);
    },
    clean,
  };
}
