/**
 * Installs / removes the wallet login on a Debian system (or into a
 * directory tree, `root`, for images and tests). On a live system (`root`
 * = `/`) it also validates sshd's config before reloading it, and rolls the
 * sshd/PAM changes back when validation fails, so a bad install never
 * locks anyone out.
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import {
  parseVmLoginConfig,
  VM_LOGIN_CONFIG_PATH,
  type VmFile,
  WALLET_GROUP,
} from '../config/config.js';
import { LoginConfigError, type LoginError, LoginStateError } from '../errors.js';
import {
  HELPER_CODE_CACHES,
  HELPER_CODE_FILES,
  HELPER_NAMES,
  LIB_DIR,
  PAM_SNIPPET_PATH,
  readHelperBundles,
  SIGNER_UNIT_NAME,
  SIGNER_UNIT_PATH,
  SSHD_DROPIN_PATH,
  TMPFILES_PATH,
  vmLoginSystemFiles,
} from './files.js';
import { addPamInclude, hasPamInclude, removePamInclude } from './pam-include.js';
import { type WarmUpLoginHelpersReturnType, warmUpLoginHelpers } from './warm-up.js';

export const PAM_SSHD_PATH = '/etc/pam.d/sshd';

export interface CommandResult {
  status: number;
  output: string;
}
export type CommandRunner = (command: string, args: readonly string[]) => CommandResult;

export const runCommand: CommandRunner = (command, args) => {
  const r = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) return { status: 127, output: r.error.message };
  return { status: r.status ?? 1, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
};

export interface InstallReport {
  written: string[];
  removed: string[];
  actions: string[];
  warnings: string[];
}

export interface InstallVmLoginParameters {
  /** `/` for the live system, or a directory holding a system tree. */
  root: string;
  /** The bundled programs (the package's `dist/bin`). */
  bundleDir: string;
  /** Config file text to install; by default the one already at /etc/blockhost/vm-login.json is kept. */
  configText?: string | undefined;
  /** Validate and reload sshd, enable the signing service. Default: only when root is `/`. */
  activate?: boolean | undefined;
  /**
   * Run one warm-up login with the installed helpers (proves they run with
   * this node, and leaves their V8 code caches). Default: true.
   */
  warmUp?: boolean | undefined;
  /** The warm-up itself (tests replace it). */
  warmUpWith?: ((libDir: string) => WarmUpLoginHelpersReturnType) | undefined;
  run?: CommandRunner | undefined;
}

const inRoot = (root: string, path: string) => (root === '/' ? path : join(root, path));

function writeVmFile(root: string, file: VmFile): void {
  const target = inRoot(root, file.path);
  mkdirSync(dirname(target), { recursive: true, mode: 0o755 });
  const tmp = `${target}.blockhost-tmp`;
  writeFileSync(tmp, file.content, { mode: file.mode });
  chmodSync(tmp, file.mode);
  renameSync(tmp, target);
}

function removeQuiet(path: string): boolean {
  try {
    unlinkSync(path);
    return true;
  } catch {
    return false;
  }
}

function groupExists(root: string, group: string): boolean {
  try {
    return readFileSync(inRoot(root, '/etc/group'), 'utf8')
      .split('\n')
      .some((l) => l.startsWith(`${group}:`));
  } catch {
    return false;
  }
}

/** systemd is PID 1 of that system (skip unit actions in containers and image trees). */
function systemdRunning(root: string): boolean {
  return existsSync(inRoot(root, '/run/systemd/system'));
}

export function installVmLogin(p: InstallVmLoginParameters): Result<InstallReport, LoginError> {
  const run = p.run ?? runCommand;
  const root = p.root;
  const activate = p.activate ?? root === '/';
  const report: InstallReport = { written: [], removed: [], actions: [], warnings: [] };
  const fail = (what: string, cause: unknown) => err(new LoginStateError(what, cause));

  // 1. Config: given, or already there (cloud-init write_files); validated either way.
  const configTarget = inRoot(root, VM_LOGIN_CONFIG_PATH);
  let configText = p.configText;
  if (configText === undefined) {
    try {
      configText = readFileSync(configTarget, 'utf8');
    } catch {
      return err(
        new LoginConfigError('file', `present at ${VM_LOGIN_CONFIG_PATH} or given with --config`, {
          hint: 'write it first (renderVmLoginConfig / cloud-init write_files) or pass --config <file>',
        }),
      );
    }
  }
  const config = parseVmLoginConfig(configText);
  if (config.isErr()) return err(config.error);
  const cfg = config.value;

  const bundles = readHelperBundles(p.bundleDir);
  if (bundles.isErr()) return err(bundles.error);
  const files: VmFile[] = [
    ...(p.configText !== undefined
      ? [{ path: VM_LOGIN_CONFIG_PATH, content: configText, mode: 0o600 }]
      : []),
    ...bundles.value,
    ...vmLoginSystemFiles({
      runDir: cfg.runDir,
      loginGraceTimeSeconds: cfg.loginGraceTimeSeconds,
      signing: cfg.signing.enabled,
    }),
  ];

  // 2. The PAM hook needs the distribution's sshd PAM file.
  const pamPath = inRoot(root, PAM_SSHD_PATH);
  let pamText: string;
  try {
    pamText = readFileSync(pamPath, 'utf8');
  } catch (e) {
    return fail(`reading ${PAM_SSHD_PATH} (is openssh-server installed?)`, e);
  }
  const hooked = addPamInclude(pamText);
  if (hooked === undefined) return fail(`hooking ${PAM_SSHD_PATH}`, 'it has no auth stack');

  // 3. Files.
  try {
    for (const f of files) {
      writeVmFile(root, f);
      report.written.push(f.path);
    }
    if (!cfg.signing.enabled && removeQuiet(inRoot(root, SIGNER_UNIT_PATH)))
      report.removed.push(SIGNER_UNIT_PATH);
  } catch (e) {
    return fail('writing the files', e);
  }

  // 3b. Warm-up login: a failure is reported, not fatal (e.g. an image tree for another
  // machine); the helpers then make their caches at the first successful login.
  if (p.warmUp ?? true) {
    const warm = (p.warmUpWith ?? warmUpLoginHelpers)(inRoot(root, LIB_DIR));
    for (const c of warm.caches) report.written.push(`${LIB_DIR}/${c}`);
    if (warm.problem) report.warnings.push(`warm-up login failed: ${warm.problem}`);
    else report.actions.push('warm-up login');
  }

  // 4. The wallet group.
  if (!groupExists(root, WALLET_GROUP)) {
    const args =
      root === '/' ? ['--system', WALLET_GROUP] : ['--prefix', root, '--system', WALLET_GROUP];
    const r = run('groupadd', args);
    if (r.status !== 0) return fail(`creating group ${WALLET_GROUP}`, r.output);
    report.actions.push(`groupadd ${WALLET_GROUP}`);
  }

  // 5. Hook PAM.
  if (!hasPamInclude(pamText)) {
    try {
      writeVmFile(root, { path: PAM_SSHD_PATH, content: hooked, mode: 0o644 });
      report.written.push(PAM_SSHD_PATH);
    } catch (e) {
      return fail(`writing ${PAM_SSHD_PATH}`, e);
    }
  }

  // 6. Activate: validate sshd first, roll back on failure.
  if (activate) {
    const test = run('/usr/sbin/sshd', ['-t']);
    if (test.status !== 0) {
      removeQuiet(inRoot(root, SSHD_DROPIN_PATH));
      try {
        writeVmFile(root, { path: PAM_SSHD_PATH, content: pamText, mode: 0o644 });
      } catch {
        // best effort
      }
      return fail('validating the sshd config (changes rolled back)', test.output);
    }
    report.actions.push('sshd -t');
    if (systemdRunning(root)) {
      const steps: [string, string[]][] = [
        ['systemd-tmpfiles', ['--create', TMPFILES_PATH]],
        ['systemctl', ['daemon-reload']],
        ['systemctl', ['reload-or-restart', 'ssh.service']],
      ];
      if (cfg.signing.enabled) steps.push(['systemctl', ['enable', '--now', SIGNER_UNIT_NAME]]);
      for (const [cmd, args] of steps) {
        const r = run(cmd, args);
        if (r.status !== 0) report.warnings.push(`${cmd} ${args.join(' ')}: ${r.output}`);
        else report.actions.push(`${cmd} ${args.join(' ')}`);
      }
    } else {
      report.warnings.push(
        'systemd is not running: reload sshd and start the signing service yourself',
      );
    }
  }
  return ok(report);
}

export interface UninstallVmLoginParameters {
  root: string;
  activate?: boolean | undefined;
  run?: CommandRunner | undefined;
}

/** Removes every installed file and the PAM hook; wallet users then fall back to normal auth. The group stays. */
export function uninstallVmLogin(p: UninstallVmLoginParameters): Result<InstallReport, LoginError> {
  const run = p.run ?? runCommand;
  const root = p.root;
  const activate = p.activate ?? root === '/';
  const report: InstallReport = { written: [], removed: [], actions: [], warnings: [] };
  if (activate && systemdRunning(root)) {
    const r = run('systemctl', ['disable', '--now', SIGNER_UNIT_NAME]);
    if (r.status === 0) report.actions.push(`systemctl disable --now ${SIGNER_UNIT_NAME}`);
  }
  const pamPath = inRoot(root, PAM_SSHD_PATH);
  try {
    const text = readFileSync(pamPath, 'utf8');
    if (hasPamInclude(text)) {
      writeVmFile(root, { path: PAM_SSHD_PATH, content: removePamInclude(text), mode: 0o644 });
      report.written.push(PAM_SSHD_PATH);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      return err(new LoginStateError(`unhooking ${PAM_SSHD_PATH}`, e));
  }
  const paths = [
    PAM_SNIPPET_PATH,
    SSHD_DROPIN_PATH,
    SIGNER_UNIT_PATH,
    TMPFILES_PATH,
    VM_LOGIN_CONFIG_PATH,
    ...[...HELPER_NAMES, ...HELPER_CODE_FILES, ...HELPER_CODE_CACHES].map((n) => `${LIB_DIR}/${n}`),
    `${LIB_DIR}/package.json`,
  ];
  for (const path of paths) if (removeQuiet(inRoot(root, path))) report.removed.push(path);
  if (activate && systemdRunning(root)) {
    for (const [cmd, args] of [
      ['systemctl', ['daemon-reload']],
      ['systemctl', ['reload-or-restart', 'ssh.service']],
    ] as [string, string[]][]) {
      const r = run(cmd, args);
      if (r.status !== 0) report.warnings.push(`${cmd} ${args.join(' ')}: ${r.output}`);
      else report.actions.push(`${cmd} ${args.join(' ')}`);
    }
  }
  return ok(report);
}
