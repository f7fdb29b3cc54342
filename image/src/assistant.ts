/**
 * Proxmox's own `proxmox-auto-install-assistant` (Debian package of the same
 * name, on Proxmox hosts). When it is on PATH the build lets it validate the
 * answer file and run `prepare-iso`, as Proxmox documents; without it the
 * build does the same steps itself (answer validation + the xorriso method).
 */

import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import { BuildError } from './errors.js';
import { run } from './xorriso.js';

export const ASSISTANT = 'proxmox-auto-install-assistant';
export const ASSISTANT_MODES = ['auto', 'always', 'never'] as const;
export type AssistantMode = (typeof ASSISTANT_MODES)[number];

/** The assistant's path on PATH, if any. */
export function findAssistant(path = process.env['PATH'] ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, ASSISTANT);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Which assistant to use for `mode`: a path, `undefined` for the built-in way, or an error for `always` without one. */
export function chooseAssistant(mode: AssistantMode): Result<string | undefined, BuildError> {
  if (mode === 'never') return ok(undefined);
  const found = findAssistant();
  if (!found && mode === 'always') {
    return err(
      new BuildError('input', `--assistant always: ${ASSISTANT} is not on PATH`, {
        hint: `install the ${ASSISTANT} package (Proxmox repositories), or use --assistant auto`,
      }),
    );
  }
  return ok(found);
}

const tail = (s: string) => s.trim().split('\n').slice(-5).join('; ');

export async function assistantValidate(
  assistant: string,
  answerFile: string,
): Promise<Result<void, BuildError>> {
  const r = await run(assistant, ['validate-answer', answerFile]);
  if (r.code === 0) return ok(undefined);
  return err(
    new BuildError(
      'input',
      `${ASSISTANT} validate-answer refused the answer file: ${tail(r.stderr || r.stdout)}`,
    ),
  );
}

export interface PrepareIsoArgs {
  readonly input: string;
  readonly output: string;
  readonly answerFile: string;
  readonly firstBoot: string;
  /** Its scratch directory (it writes auto-installer-mode.toml there). */
  readonly tmp: string;
}

export async function assistantPrepareIso(
  assistant: string,
  a: PrepareIsoArgs,
): Promise<Result<void, BuildError>> {
  const r = await run(assistant, [
    'prepare-iso',
    a.input,
    '--fetch-from',
    'iso',
    '--answer-file',
    a.answerFile,
    '--on-first-boot',
    a.firstBoot,
    '--tmp',
    a.tmp,
    '--output',
    a.output,
  ]);
  if (r.code === 0) return ok(undefined);
  return err(
    new BuildError('tool', `${ASSISTANT} prepare-iso failed: ${tail(r.stderr || r.stdout)}`),
  );
}
