/**
 * The xorriso commands of the ISO step, exactly as Proxmox's
 * `proxmox-auto-install-assistant prepare-iso` uses them (../shared/spec/image.md):
 * sources are only ever opened with `-indev` (read-only); files are added to a
 * copy with `-boot_image any keep -volume_date uuid <UUID> -dev <copy> -map`.
 */
import { execFile } from 'node:child_process';
import { err, ok, type Result } from 'neverthrow';
import { BuildError } from './errors.js';
import { trackChild } from './temp.js';

export const MARKER = '/auto-installer-capable';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program without a shell; never rejects (a missing program is code 127). */
export function run(
  program: string,
  args: readonly string[],
  o: { env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      program,
      args,
      { maxBuffer: 256 * 1024 * 1024, env: { ...(o.env ?? process.env), LC_ALL: 'C' } },
      (error, stdout, stderr) => {
        const e = error as (NodeJS.ErrnoException & { code?: unknown }) | null;
        if (e && e.code === 'ENOENT') {
          resolve({ code: 127, stdout: '', stderr: `${program}: not found on PATH` });
          return;
        }
        const code = e ? (typeof e.code === 'number' ? e.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
    trackChild(child);
    // A tool that exits before reading its input must not crash the build (EPIPE).
    child.stdin?.on('error', () => {});
    child.stdin?.end(o.input ?? '');
  });
}

/** The last meaningful xorriso lines (its FAILURE/SORRY lines), for an error message. */
export function xorrisoReason(r: RunResult): string {
  const lines = r.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /FAILURE|SORRY|WARNING|not found|Permission|No space/i.test(l));
  return (lines.length > 0 ? lines.slice(-3) : r.stderr.trim().split('\n').slice(-2)).join('; ');
}

export function xorriso(args: readonly string[]): Promise<RunResult> {
  return run('xorriso', args);
}

export async function requireXorriso(): Promise<Result<void, BuildError>> {
  const r = await xorriso(['-version']);
  if (r.code === 0) return ok(undefined);
  return err(
    new BuildError('input', 'xorriso is not installed', { hint: 'apt-get install xorriso' }),
  );
}

/**
 * Is `iso` an ISO 9660 image carrying Proxmox's `/auto-installer-capable`
 * marker? `Err` says which of the two it is not.
 */
export async function checkAutoInstallCapable(
  iso: string,
  label: string,
): Promise<Result<void, BuildError>> {
  const r = await xorriso(['-indev', iso, '-find', MARKER]);
  if (r.code === 0 && r.stdout.includes(`'${MARKER}'`)) return ok(undefined);
  if (/No ISO 9660 image|Media status : is blank/.test(r.stderr)) {
    return err(new BuildError('input', `${label} ${iso}: not an ISO 9660 image`));
  }
  if (/Cannot find path/.test(r.stderr)) {
    return err(
      new BuildError(
        'input',
        `${label} ${iso}: no ${MARKER} marker: not an ISO that Proxmox's automated installation can use`,
        {
          hint: 'use a stock Proxmox VE ISO, version 8.3 or later',
        },
      ),
    );
  }
  return err(new BuildError('tool', `xorriso could not read ${iso}: ${xorrisoReason(r)}`));
}

/** The volume-date UUID (`-volume_date uuid '2024…'`), which grub and the installer use to find the medium. */
export async function volumeDateUuid(iso: string): Promise<Result<string, BuildError>> {
  const r = await xorriso(['-indev', iso, '-report_system_area', 'cmd']);
  const line = r.stdout.split('\n').find((l) => l.startsWith('-volume_date uuid'));
  const uuid = line?.trim().split(' ').pop()?.replaceAll("'", '').trim();
  if (r.code !== 0 || !uuid) {
    return err(
      new BuildError(
        'tool',
        `cannot read the volume-date UUID of ${iso}: ${xorrisoReason(r) || 'no -volume_date line'}`,
      ),
    );
  }
  return ok(uuid);
}

/** Adds one file or directory tree at `dest`, keeping boot records and the volume-date UUID. */
export async function mapIntoIso(
  iso: string,
  uuid: string,
  source: string,
  dest: string,
): Promise<Result<void, BuildError>> {
  const r = await xorriso([
    '-boot_image',
    'any',
    'keep',
    '-volume_date',
    'uuid',
    uuid,
    '-dev',
    iso,
    '-map',
    source,
    dest,
  ]);
  if (r.code === 0) return ok(undefined);
  return err(new BuildError('tool', `xorriso could not add ${dest}: ${xorrisoReason(r)}`));
}

/** Strips xorriso's quoting of a path (`'/a b'`, with `'"'"'` for a quote). */
function unquote(s: string): string {
  const t = s.trim();
  return t.startsWith("'") && t.endsWith("'") ? t.slice(1, -1).replaceAll(`'"'"'`, "'") : t;
}

/** Every regular file in the image, absolute ISO paths. */
export async function listFiles(iso: string): Promise<Result<string[], BuildError>> {
  const r = await xorriso(['-indev', iso, '-find', '/', '-type', 'f']);
  if (r.code !== 0) return err(new BuildError('tool', `cannot list ${iso}: ${xorrisoReason(r)}`));
  return ok(
    r.stdout
      .split('\n')
      .filter((l) => l.startsWith("'"))
      .map(unquote),
  );
}

/** Copies `isoPath` (file or directory) out of the image to `outPath`. */
export async function extract(
  iso: string,
  isoPath: string,
  outPath: string,
): Promise<Result<void, BuildError>> {
  const r = await xorriso(['-osirrox', 'on', '-indev', iso, '-extract', isoPath, outPath]);
  if (r.code === 0) return ok(undefined);
  return err(new BuildError('tool', `cannot extract ${isoPath} from ${iso}: ${xorrisoReason(r)}`));
}
