/** Human tables and stable JSON: the two faces of every read command. */

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
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v), 2);
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'object')
    return JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
  return String(v);
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
  return {
    json,
    tty: Boolean((stdout as { isTTY?: boolean }).isTTY),
    get wroteData() {
      return wroteData;
    },
    data(value) {
      if (!json) return;
      wroteData = true;
      stdout.write(`${toJson(value)}\n`);
    },
    line(text = '') {
      if (!json) stdout.write(`${text}\n`);
    },
    table(rows, columns) {
      if (!json) stdout.write(`${renderTable(rows, columns)}\n`);
    },
    fields(pairs) {
      if (json) return;
      const keys = Object.keys(pairs);
      const w = Math.max(...keys.map((k) => k.length));
      for (const k of keys) stdout.write(`${`${k}:`.padEnd(w + 2)}${cell(pairs[k])}\n`);
    },
    warn(text) {
      stderr.write(`warning: ${text}\n`);
    },
    error(text) {
      stderr.write(`error: ${text}\n`);
    },
  };
}
