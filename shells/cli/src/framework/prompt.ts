import { createInterface } from 'node:readline/promises';
import { CliError, EXIT } from './errors.js';

/**
 * Confirms a destructive action: `--yes` skips the question; on a terminal the
 * operator is asked; without one (a script, a timer) the CLI refuses.
 */
export async function confirm(
  question: string,
  options: {
    yes: boolean;
    stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
    stderr?: NodeJS.WritableStream;
  },
): Promise<void> {
  if (options.yes) return;
  const stdin = options.stdin ?? process.stdin;
  if (!(stdin as { isTTY?: boolean }).isTTY) {
    throw new CliError(
      `${question}: refused without a terminal`,
      EXIT.usage,
      'pass --yes to confirm in scripts',
    );
  }
  const rl = createInterface({ input: stdin, output: options.stderr ?? process.stderr });
  try {
    const answer = await rl.question(`${question} [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new CliError('cancelled', EXIT.failed);
  } finally {
    rl.close();
  }
}
