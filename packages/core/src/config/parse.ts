import { err, ok, type Result } from 'neverthrow';
import { isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { BlockhostError } from '../errors.js';
import { type BlockhostConfig, blockhostConfigSchema } from './blockhost.js';
import { type DbConfig, dbConfigSchema } from './db.js';
import { type Web3Config, web3ConfigSchema } from './web3.js';

/** One problem in one config file. */
export interface ConfigIssue {
  readonly file: string;
  /** Key path inside the file, e.g. `['ipv4_pool', 'gateway']`; empty for the whole file. */
  readonly path: readonly (string | number)[];
  /** 1-based line where the YAML library knows it. */
  readonly line?: number | undefined;
  /** What was expected, e.g. `not inside 10.0.0.0/24`. */
  readonly message: string;
}

/** `db.yaml:7: ipv4_pool.gateway: not inside 10.0.0.0/24` */
export function formatConfigIssue(issue: ConfigIssue): string {
  const where = issue.line === undefined ? issue.file : `${issue.file}:${issue.line}`;
  const key = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}: ${key}${issue.message}`;
}

/** A config file (or set of files) failed validation; `issues` lists every problem. */
export class ConfigError extends BlockhostError {
  readonly code = 'CONFIG_INVALID';
  readonly issues: readonly ConfigIssue[];
  constructor(issues: readonly ConfigIssue[]) {
    const files = [...new Set(issues.map((i) => i.file))].join(', ');
    super(
      `invalid configuration in ${files} (${issues.length} problem${issues.length === 1 ? '' : 's'})`,
      {
        details: issues.map(formatConfigIssue).join('\n'),
        hint: 'fix the listed keys and run `blockhost config validate`',
      },
    );
    this.issues = issues;
  }
}

export const configSchemas = {
  db: dbConfigSchema,
  web3: web3ConfigSchema,
  blockhost: blockhostConfigSchema,
} as const;

export type ConfigKind = keyof typeof configSchemas;

export interface ConfigByKind {
  db: DbConfig;
  web3: Web3Config;
  blockhost: BlockhostConfig;
}

/** The conventional file name of each config kind under `/etc/blockhost`. */
export const CONFIG_FILE_NAMES: Record<ConfigKind, string> = {
  db: 'db.yaml',
  web3: 'web3-defaults.yaml',
  blockhost: 'blockhost.yaml',
};

/** Finds the YAML node at `path` (or the nearest ancestor that exists) for its line. */
function locate(
  root: Node | null | undefined,
  path: readonly PropertyKey[],
  keyOnly: boolean,
): Node | null | undefined {
  let node: Node | null | undefined = root;
  for (const [i, seg] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      );
      // A missing key sits in its section; at the top level no line would help.
      if (!pair) return i === 0 ? undefined : node;
      if (last && keyOnly) return pair.key as Node;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg] as Node | undefined;
      if (!item) return node;
      node = item;
    } else {
      return node;
    }
  }
  return node;
}

function lineOf(node: Node | null | undefined, counter: LineCounter): number | undefined {
  const start = node?.range?.[0];
  return start === undefined ? undefined : counter.linePos(start).line;
}

function issuesFromZod(
  error: z.ZodError,
  file: string,
  root: Node | null | undefined,
  counter: LineCounter,
): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const full = [...path, key];
        out.push({
          file,
          path: full,
          line: lineOf(locate(root, full, true), counter),
          message: 'unknown key',
        });
      }
      continue;
    }
    const line = lineOf(locate(root, path, false), counter);
    const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
    out.push({ file, path, line, message: missing ? 'required key is missing' : issue.message });
  }
  return out;
}

/**
 * Parses one config file's text. Returns the typed config with defaults
 * filled, or every problem found (YAML syntax, types, cross-field checks).
 */
export function parseConfig<K extends ConfigKind>(
  kind: K,
  text: string,
  file: string = CONFIG_FILE_NAMES[kind],
): Result<ConfigByKind[K], ConfigError> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return err(
      new ConfigError(
        doc.errors.map((e) => ({
          file,
          path: [],
          line: counter.linePos(e.pos[0]).line,
          message: `YAML syntax: ${e.message.split('\n')[0]}`,
        })),
      ),
    );
  }
  // An empty file means "all defaults", so required keys are reported by name.
  const data: unknown = doc.contents === null ? {} : doc.toJS({ maxAliasCount: 100 });
  const schema = configSchemas[kind] as unknown as z.ZodType<ConfigByKind[K]>;
  const parsed = schema.safeParse(data);
  if (parsed.success) return ok(parsed.data);
  return err(
    new ConfigError(issuesFromZod(parsed.error, file, doc.contents as Node | null, counter)),
  );
}

/** Parses an already-loaded object (e.g. from the wizard's form) with the same rules. */
export function validateConfig<K extends ConfigKind>(
  kind: K,
  data: unknown,
  file: string = CONFIG_FILE_NAMES[kind],
): Result<ConfigByKind[K], ConfigError> {
  const schema = configSchemas[kind] as unknown as z.ZodType<ConfigByKind[K]>;
  const parsed = schema.safeParse(data);
  if (parsed.success) return ok(parsed.data);
  return err(new ConfigError(issuesFromZod(parsed.error, file, null, new LineCounter())));
}
