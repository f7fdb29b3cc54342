import type { HostConfig, HostPorts, Logger } from '@blockhost/host';
import { createLogger } from '@blockhost/host';
import { COMMANDS } from './commands/index.js';
import { Context } from './context.js';
import {
  checkPositionals,
  commandHelp,
  overviewHelp,
  parseCommandLine,
} from './framework/command.js';
import { CliError, EXIT } from './framework/errors.js';
import { humanLogDestination } from './framework/log.js';
import { createOutput } from './framework/output.js';
import { terminalSafe } from './framework/terminal-text.js';

export interface RunCliOptions {
  argv: readonly string[];
  env?: NodeJS.ProcessEnv;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  ports: (config: HostConfig, log: Logger) => HostPorts | Promise<HostPorts>;
}

/** Runs one CLI invocation and returns its exit code (never throws). */
export async function runCli(o: RunCliOptions): Promise<number> {
  const stdout = o.stdout ?? process.stdout;
  const stderr = o.stderr ?? process.stderr;
  const env = o.env ?? process.env;
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(COMMANDS, o.argv);
  } catch (e) {
    const err = e as CliError;
    stderr.write(terminalSafe(`error: ${err.message}\n${err.hint ? `hint: ${err.hint}\n` : ''}`));
    return EXIT.usage;
  }
  const { command, values, positionals } = parsed;
  if (!command) {
    const prefixKnown =
      parsed.prefix.length > 0 && COMMANDS.some((c) => c.path[0] === parsed.prefix[0]);
    if (values.help || parsed.prefix.length === 0) {
      stdout.write(overviewHelp(COMMANDS, prefixKnown ? parsed.prefix.slice(0, 1) : []));
      return parsed.prefix.length === 0 || values.help ? EXIT.ok : EXIT.usage;
    }
    stderr.write(`error: unknown command \`${terminalSafe(parsed.prefix.join(' '))}\`\n`);
    stderr.write(overviewHelp(COMMANDS, prefixKnown ? parsed.prefix.slice(0, 1) : []));
    return EXIT.usage;
  }
  if (values.help) {
    stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  const json = Boolean(values.json);
  const out = createOutput({ json, stdout, stderr });
  if (json && !command.json) {
    out.error(`blockhost ${command.path.join(' ')} has no --json output`);
    return EXIT.usage;
  }
  const ctx = new Context({
    out,
    configDir: String(values['config-dir'] ?? env.BLOCKHOST_CONFIG_DIR ?? '/etc/blockhost'),
    yes: Boolean(values.yes),
    // Library logs go to stderr as plain lines, never into --json output. Errors only by
    // default: the CLI reports every outcome itself (BLOCKHOST_LOG_LEVEL=debug shows the steps).
    log: createLogger({
      level: env.BLOCKHOST_LOG_LEVEL ?? 'error',
      destination: humanLogDestination(stderr),
    }),
    ports: o.ports,
    stdin: o.stdin,
    stderr,
  });
  try {
    checkPositionals(command, positionals);
    return (await command.run(ctx, positionals, values)) ?? EXIT.ok;
  } catch (e) {
    if (e instanceof CliError) {
      // One JSON document per run: a command that already wrote its result carries the failure in it.
      if (json && !out.wroteData)
        out.data({ error: { message: e.message, hint: e.hint ?? null, exitCode: e.exitCode } });
      out.failure(e.message, e.hint);
      return e.exitCode;
    }
    const message = (e as Error).message ?? String(e);
    if (json && !out.wroteData) out.data({ error: { message, hint: null, exitCode: EXIT.failed } });
    out.failure(message);
    if (env.BLOCKHOST_DEBUG) stderr.write(`${out.clean(String((e as Error).stack))}\n`);
    return EXIT.failed;
  } finally {
    await ctx.close();
  }
}
