/**
 * The wallet login as a cloud-init recipe: what a VM's user-data must carry
 * so that its first boot ends with a working wallet login. Plain data, shaped
 * like the `packages`, `write_files` and `runcmd` of `#cloud-config`, to pass
 * to any user-data renderer (`renderUserData` of `@blockhost/proxmox`).
 */
import type { Result } from 'neverthrow';
import { WALLET_GROUP } from '../config/config.js';
import type { LoginError } from '../errors.js';
import { LIB_DIR, type VmLoginFilesParameters, vmLoginFiles } from './files.js';

export type VmLoginCloudInitParameters = VmLoginFilesParameters;

export interface VmLoginCloudInit {
  /** Debian packages the login needs (`nodejs` runs the helpers). */
  readonly packages: readonly string[];
  /** `write_files` entries: config, PAM/sshd files, helper programs (permissions as octal text). */
  readonly writeFiles: readonly { path: string; content: string; permissions: string }[];
  /** First-boot commands, in order: the installer wires PAM and sshd (argv arrays, no shell). */
  readonly runcmd: readonly (readonly string[])[];
  /** Supplementary groups of the login user: the group the PAM lines match. */
  readonly groups: readonly string[];
}

/**
 * The cloud-init part of a VM's wallet login: its files from the bundles in
 * `bundleDir`, `nodejs` to run them, and the installer run once at first boot.
 * Errors: `LoginConfigError` for a bad config, `LoginStateError` when the
 * bundles are missing.
 */
export function vmLoginCloudInit(
  p: VmLoginCloudInitParameters,
): Result<VmLoginCloudInit, LoginError> {
  return vmLoginFiles(p).map((files) => ({
    packages: ['nodejs'],
    writeFiles: files.map((f) => ({
      path: f.path,
      content: f.content,
      permissions: `0${f.mode.toString(8)}`,
    })),
    runcmd: [[`${LIB_DIR}/blockhost-vm-login`, 'install']],
    groups: [WALLET_GROUP],
  }));
}
