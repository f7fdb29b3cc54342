/**
 * The VM-side files of the wallet login, as data: `{ path, content, mode }`
 * the provisioner can put into cloud-init `write_files`, and that
 * `blockhost-vm-login install` writes. Rendering is pure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { err, ok, type Result } from 'neverthrow';
import {
  DEFAULT_RUN_DIR,
  parseVmLoginConfig,
  renderVmLoginConfig,
  VM_LOGIN_CONFIG_PATH,
  VM_LOGIN_DEFAULTS,
  type VmFile,
  type VmLoginConfigInput,
  WALLET_GROUP,
} from '../config/config.js';
import { type LoginError, LoginStateError } from '../errors.js';
import type { SigningTlsIdentity } from '../tls/signing-identity.js';

export const LIB_DIR = '/usr/lib/blockhost';
export const PAM_SNIPPET_NAME = 'blockhost-wallet-auth';
export const PAM_SNIPPET_PATH = `/etc/pam.d/${PAM_SNIPPET_NAME}`;
export const SSHD_DROPIN_PATH = '/etc/ssh/sshd_config.d/50-blockhost-wallet.conf';
export const SIGNER_UNIT_NAME = 'blockhost-login-signer.service';
export const SIGNER_UNIT_PATH = `/etc/systemd/system/${SIGNER_UNIT_NAME}`;
export const TMPFILES_PATH = '/usr/lib/tmpfiles.d/blockhost-login.conf';
/** The signing page's certificate and key, when the provisioner gives them (`signingTls`). */
export const SIGNING_TLS_CERT_PATH = '/etc/blockhost/signing-tls.crt';
export const SIGNING_TLS_KEY_PATH = '/etc/blockhost/signing-tls.key';

/** The bundled programs, by file name under LIB_DIR. */
export const HELPER_NAMES = [
  'pam-challenge',
  'pam-verify',
  'pam-verify-rpc',
  'blockhost-login-signer',
  'blockhost-vm-login',
] as const;
export type HelperName = (typeof HELPER_NAMES)[number];

/**
 * The bundled code of the two login helpers (0644): `pam-challenge` and
 * `pam-verify` are small loaders that run it through V8's code cache.
 */
export const HELPER_CODE_FILES = ['pam-challenge.js', 'pam-verify.js'] as const;

/**
 * V8 code caches of the login helpers, made on the VM for its node binary
 * (by the installer's warm-up login, or by the first login after an
 * upgrade). Never shipped, removed on uninstall.
 */
export const HELPER_CODE_CACHES = ['pam-challenge.v8cache', 'pam-verify.v8cache'] as const;

export interface VmLoginSystemFilesOptions {
  libDir?: string | undefined;
  runDir?: string | undefined;
  configPath?: string | undefined;
  /** sshd LoginGraceTime to set (≥ the challenge TTL). */
  loginGraceTimeSeconds?: number | undefined;
  /** Install and enable the signing service unit. */
  signing?: boolean | undefined;
}

/**
 * The PAM auth lines, included from /etc/pam.d/sshd before common-auth.
 *
 * - Line 1: users outside the wallet group (and unknown users) jump over the
 *   two wallet lines to line 4 (`default=2`).
 * - Line 2: no challenge (no wallet, rate-limited, config error) → fail now.
 * - Line 3: a verified signature ends the auth stack with success (`done`);
 *   anything else fails it (`die`), so no password fallback for wallet users.
 * - Line 4, the guard: whatever line 3 answered, a wallet user who gets here
 *   fails (`die`); everyone else passes on to common-auth. Only PAM_IGNORE
 *   from line 3 (`ignore=ignore`) could lead here: pam_exec gives it in
 *   authentication when its `type=` does not match, and any future reason is
 *   covered the same way. Unknown users pass (`user_unknown=ignore`), so they
 *   meet the usual password prompt and learn nothing.
 * - `ignore=ignore` on lines 1, 3 and 4: sshd also runs pam_setcred through
 *   this stack, where pam_succeed_if and pam_exec answer PAM_IGNORE. Without
 *   it `default=` applies to PAM_IGNORE, and setcred (session setup after a
 *   correct signature) would jump or die.
 */
export function renderPamSnippet(libDir = LIB_DIR, configPath = VM_LOGIN_CONFIG_PATH): string {
  const cfg = configPath === VM_LOGIN_CONFIG_PATH ? '' : ` --config ${configPath}`;
  return [
    '# BlockHost wallet login: members of group blockhost-wallet log in by signing a',
    '# Sign-In with Ethereum message with their wallet. Installed by blockhost-vm-login;',
    '# included from /etc/pam.d/sshd before common-auth. Do not edit.',
    `auth [success=ignore ignore=ignore default=2] pam_succeed_if.so quiet user ingroup ${WALLET_GROUP}`,
    `auth requisite pam_exec.so stdout quiet ${libDir}/pam-challenge${cfg}`,
    `auth [success=done ignore=ignore default=die] pam_exec.so expose_authtok quiet ${libDir}/pam-verify${cfg}`,
    '# Wallet users never go on to the password modules below, whatever the line above said.',
    `auth [success=ok ignore=ignore user_unknown=ignore default=die] pam_succeed_if.so quiet user notingroup ${WALLET_GROUP}`,
    '',
  ].join('\n');
}

export function renderSshdDropin(
  loginGraceTimeSeconds: number = VM_LOGIN_DEFAULTS.loginGraceTimeSeconds,
): string {
  return [
    '# BlockHost wallet login (installed by blockhost-vm-login).',
    '# Wallet users answer a keyboard-interactive PAM conversation; everyone else',
    '# keeps the normal methods.',
    'KbdInteractiveAuthentication yes',
    'UsePAM yes',
    `LoginGraceTime ${loginGraceTimeSeconds}`,
    '',
    `Match Group ${WALLET_GROUP}`,
    '    AuthenticationMethods keyboard-interactive',
    '',
  ].join('\n');
}

export function renderSignerUnit(
  libDir = LIB_DIR,
  runDir = DEFAULT_RUN_DIR,
  configPath = VM_LOGIN_CONFIG_PATH,
): string {
  return [
    '[Unit]',
    'Description=BlockHost wallet login signing page',
    'Documentation=https://www.npmjs.com/package/@blockhost/pam-verifier',
    'After=network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    `ExecStart=/usr/bin/node ${libDir}/blockhost-login-signer --config ${configPath}`,
    'Restart=on-failure',
    'RestartSec=2',
    // Root, because it shares the root-only run directory with the PAM helpers
    // and may read a TLS key; everything else is taken away.
    'UMask=0077',
    'NoNewPrivileges=yes',
    'CapabilityBoundingSet=CAP_NET_BIND_SERVICE',
    'ProtectSystem=strict',
    `ReadWritePaths=-${runDir}`,
    'ProtectHome=yes',
    'PrivateTmp=yes',
    'PrivateDevices=yes',
    'ProtectKernelTunables=yes',
    'ProtectKernelModules=yes',
    'ProtectKernelLogs=yes',
    'ProtectControlGroups=yes',
    'ProtectClock=yes',
    'ProtectHostname=yes',
    'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX',
    'RestrictNamespaces=yes',
    'RestrictRealtime=yes',
    'RestrictSUIDSGID=yes',
    'LockPersonality=yes',
    'SystemCallArchitectures=native',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
}

export function renderTmpfiles(runDir = DEFAULT_RUN_DIR): string {
  return `# BlockHost wallet login state (challenges, signing-page sessions, rate limit)\nd ${runDir} 0700 root root -\n`;
}

/** PAM snippet, sshd drop-in, tmpfiles entry and (with signing) the service unit. */
export function vmLoginSystemFiles(o: VmLoginSystemFilesOptions = {}): VmFile[] {
  const libDir = o.libDir ?? LIB_DIR;
  const runDir = o.runDir ?? DEFAULT_RUN_DIR;
  const configPath = o.configPath ?? VM_LOGIN_CONFIG_PATH;
  const files: VmFile[] = [
    { path: PAM_SNIPPET_PATH, content: renderPamSnippet(libDir, configPath), mode: 0o644 },
    { path: SSHD_DROPIN_PATH, content: renderSshdDropin(o.loginGraceTimeSeconds), mode: 0o644 },
    { path: TMPFILES_PATH, content: renderTmpfiles(runDir), mode: 0o644 },
  ];
  if (o.signing ?? true)
    files.push({
      path: SIGNER_UNIT_PATH,
      content: renderSignerUnit(libDir, runDir, configPath),
      mode: 0o644,
    });
  return files;
}

/** The bundled programs, read from `bundleDir` (the package's `dist/bin`). */
export function readHelperBundles(
  bundleDir: string,
  libDir = LIB_DIR,
): Result<VmFile[], LoginStateError> {
  const files: VmFile[] = [];
  const wanted: [string, number][] = [
    ...HELPER_NAMES.map((n): [string, number] => [n, 0o755]),
    ...HELPER_CODE_FILES.map((n): [string, number] => [n, 0o644]),
  ];
  for (const [name, mode] of wanted) {
    try {
      files.push({
        path: `${libDir}/${name}`,
        content: readFileSync(join(bundleDir, name), 'utf8'),
        mode,
      });
    } catch (e) {
      return err(new LoginStateError(`reading the bundled ${name} from ${bundleDir}`, e));
    }
  }
  // Extensionless files are CommonJS unless a package.json above says otherwise: pin it.
  files.push({ path: `${libDir}/package.json`, content: '{ "type": "commonjs" }\n', mode: 0o644 });
  return ok(files);
}

export interface VmLoginFilesParameters {
  config: VmLoginConfigInput;
  /** Where the bundles are (the package's `dist/bin`). */
  bundleDir: string;
  /**
   * The signing page's TLS identity (`deriveSigningTls`): installed as
   * SIGNING_TLS_CERT_PATH (0644) and SIGNING_TLS_KEY_PATH (0600), and named in
   * the config's `signing` (cert, key, fingerprint), which turns the page on
   * over HTTPS. The provisioner puts the same fingerprint into the customer's
   * connection details.
   */
  signingTls?: SigningTlsIdentity | undefined;
}

/** Every file of the VM login: config, system files, TLS identity, helper bundles. */
export function vmLoginFiles(p: VmLoginFilesParameters): Result<VmFile[], LoginError> {
  const tls = p.signingTls;
  const input: VmLoginConfigInput = tls
    ? {
        ...p.config,
        signing: {
          ...p.config.signing,
          tlsCert: SIGNING_TLS_CERT_PATH,
          tlsKey: SIGNING_TLS_KEY_PATH,
          tlsFingerprint: tls.fingerprint,
        },
      }
    : p.config;
  const config = renderVmLoginConfig(input);
  if (config.isErr()) return err(config.error);
  const parsed = parseVmLoginConfig(config.value.content);
  if (parsed.isErr()) return err(parsed.error);
  const system = vmLoginSystemFiles({
    runDir: parsed.value.runDir,
    loginGraceTimeSeconds: parsed.value.loginGraceTimeSeconds,
    signing: parsed.value.signing.enabled,
  });
  const tlsFiles: VmFile[] = tls
    ? [
        { path: SIGNING_TLS_CERT_PATH, content: tls.certPem, mode: 0o644 },
        { path: SIGNING_TLS_KEY_PATH, content: tls.keyPem, mode: 0o600 },
      ]
    : [];
  return readHelperBundles(p.bundleDir).map((bundles) => [
    config.value,
    ...tlsFiles,
    ...system,
    ...bundles,
  ]);
}
