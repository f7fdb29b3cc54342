/**
 * The first-boot hook (`/proxmox-first-boot` on the ISO): the shell template
 * in `image/first-boot/proxmox-first-boot.sh` with this build's values.
 * Proxmox takes a hook of at most 1 MiB that starts with a shebang (or is ELF).
 */
import { readFileSync } from 'node:fs';
import { err, ok, type Result } from 'neverthrow';
import { BuildError } from './errors.js';

export const FIRST_BOOT_NAME = 'proxmox-first-boot';
export const FIRST_BOOT_MAX_BYTES = 1024 * 1024;
/** Where the hook expects the wizard's console text (URL + one-time code). */
export const WIZARD_ISSUE_FILE = '/etc/issue.d/blockhost-wizard.issue';

// image/src/first-boot.ts and image/dist/*.js are both one level below image/.
const TEMPLATE = new URL('../first-boot/proxmox-first-boot.sh', import.meta.url);

export interface HookValues {
  readonly version: string;
  readonly testing: boolean;
  /** sha256 of the SHA256SUMS list on the ISO. */
  readonly sumsSha256: string;
}

export function firstBootTemplate(): string {
  return readFileSync(TEMPLATE, 'utf8');
}

export function renderFirstBoot(v: HookValues): Result<string, BuildError> {
  if (!/^[0-9A-Za-z.+~-]+$/.test(v.version)) {
    return err(
      new BuildError('usage', `--iso-version "${v.version}": letters, digits and . + ~ - only`),
    );
  }
  if (!/^[0-9a-f]{64}$/.test(v.sumsSha256)) {
    return err(new BuildError('tool', `not a sha256: ${v.sumsSha256}`));
  }
  const values: Record<string, string> = {
    VERSION: v.version,
    TESTING: v.testing ? '1' : '0',
    SUMS_SHA256: v.sumsSha256,
  };
  const text = firstBootTemplate().replace(/'@([A-Z_0-9]+)@'/g, (m, name: string) =>
    name in values ? `'${values[name]}'` : m,
  );
  return checkHook(Buffer.from(text)).map(() => text);
}

/** The rules `prepare-iso --on-first-boot` applies to the file. */
export function checkHook(bytes: Buffer): Result<void, BuildError> {
  if (bytes.length > FIRST_BOOT_MAX_BYTES) {
    return err(new BuildError('input', `first-boot hook: ${bytes.length} bytes, at most 1 MiB`));
  }
  const shebang = bytes.subarray(0, 2).toString('latin1') === '#!';
  const elf = bytes.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  if (!shebang && !elf) {
    return err(new BuildError('input', 'first-boot hook: needs a #! line or to be an ELF binary'));
  }
  if (/'@[A-Z_0-9]+@'/.test(bytes.toString('utf8'))) {
    return err(new BuildError('tool', 'first-boot hook: a template value was left unfilled'));
  }
  return ok(undefined);
}
