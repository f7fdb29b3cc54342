import { parseArgs } from 'node:util';
import type { Context } from '../context.js';
import { EXIT, UsageError } from './errors.js';

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly description: string;
  readonly multiple?: boolean;
}

export interface CommandSpec {
  /** e.g. `['vm', 'list']`. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Positional arguments as shown in help, e.g. `<subscription-id>`. */
  readonly args?: string;
  readonly description?: string;
  readonly examples: readonly string[];
  readonly options?: Readonly<Record<string, OptionSpec>>;
  /** Read commands support --json with a stable shape. */
  readonly json?: boolean;
  /** Minimum and maximum number of positionals. */
  readonly positionals?: readonly [number, number];
  run(
    ctx: Context,
    positionals: string[],
    values: Record<string, string | boolean | string[] | undefined>,
  ): Promise<number | undefined>;
}

export const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  'config-dir': {
    type: 'string',
    description: 'configuration directory (default /etc/blockhost, or $BLOCKHOST_CONFIG_DIR)',
  },
  json: { type: 'boolean', description: 'machine-readable output: one JSON document on stdout' },
  yes: { type: 'boolean', short: 'y', description: 'confirm destructive actions without asking' },
  help: { type: 'boolean', short: 'h', description: 'show help' },
};

function optionLines(options: Readonly<Record<string, OptionSpec>>): string[] {
  return Object.entries(options).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ' <value>' : ''}`;
    return `  ${flag.padEnd(30)} ${o.description}`;
  });
}

export function commandHelp(cmd: CommandSpec): string {
  const lines = [
    `usage: blockhost ${cmd.path.join(' ')}${cmd.options ? ' [options]' : ''}${cmd.args ? ` ${cmd.args}` : ''}`,
    '',
    cmd.summary,
  ];
  if (cmd.description) lines.push('', cmd.description);
  if (cmd.options) lines.push('', 'options:', ...optionLines(cmd.options));
  lines.push('', 'global options:', ...optionLines(GLOBAL_OPTIONS));
  lines.push(
    '',
    cmd.examples.length > 1 ? 'examples:' : 'example:',
    ...cmd.examples.map((e) => `  ${e}`),
  );
  return `${lines.join('\n')}\n`;
}

export function overviewHelp(
  commands: readonly CommandSpec[],
  prefix: readonly string[] = [],
): string {
  const shown = commands.filter((c) => prefix.every((p, i) => c.path[i] === p));
  const width = Math.max(...shown.map((c) => c.path.join(' ').length));
  const lines = [
    `usage: blockhost ${prefix.length ? `${prefix.join(' ')} ` : ''}<command> [options]`,
    '',
    'BlockHost operator CLI: the host, its VMs, subscriptions, plans and chain.',
    '',
    'commands:',
    ...shown.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'global options:',
    ...optionLines(GLOBAL_OPTIONS),
    '',
    "Run `blockhost <command> --help` for a command's options and an example.",
    'Exit codes: 0 ok, 1 operation failed, 2 usage or configuration error.',
  ];
  return `${lines.join('\n')}\n`;
}

export interface Parsed {
  command: CommandSpec | null;
  /** The words that matched no command (for a helpful error). */
  prefix: string[];
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

/** Finds the command by its words, then parses its options strictly. */
export function parseCommandLine(
  commands: readonly CommandSpec[],
  argv: readonly string[],
): Parsed {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith('-')) break;
    words.push(a);
  }
  let command: CommandSpec | null = null;
  for (const c of commands) {
    if (c.path.length <= words.length && c.path.every((p, i) => words[i] === p)) {
      if (!command || c.path.length > command.path.length) command = c;
    }
  }
  const rest = command ? argv.slice(command.path.length) : argv.slice(words.length);
  const options = { ...GLOBAL_OPTIONS, ...(command?.options ?? {}) };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: Object.fromEntries(
        Object.entries(options).map(([k, o]) => [
          k,
          {
            type: o.type,
            ...(o.short ? { short: o.short } : {}),
            ...(o.multiple ? { multiple: true } : {}),
          },
        ]),
      ),
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError(
      (e as Error).message.replace(/\. To specify.*$/s, ''),
      command ? `see \`blockhost ${command.path.join(' ')} --help\`` : 'see `blockhost --help`',
    );
  }
  return {
    command,
    prefix: command ? [] : words,
    positionals: parsed.positionals,
    values: parsed.values as Parsed['values'],
  };
}

export function checkPositionals(cmd: CommandSpec, positionals: readonly string[]): void {
  const [min, max] = cmd.positionals ?? [0, 0];
  if (positionals.length < min || positionals.length > max) {
    const want = min === max ? `${min}` : `${min} to ${max}`;
    throw new UsageError(
      `blockhost ${cmd.path.join(' ')} takes ${want} argument${max === 1 ? '' : 's'}${cmd.args ? ` (${cmd.args})` : ''}, got ${positionals.length}`,
      `see \`blockhost ${cmd.path.join(' ')} --help\``,
    );
  }
}

export { EXIT };
