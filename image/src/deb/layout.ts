/** Where the host bundles come from and go (paths relative to the repository). */

/** The programs: output name → the shell's entry (relative to the repository). */
export const HOST_PROGRAMS = {
  blockhostd: 'shells/daemon/src/main.ts',
  blockhost: 'shells/cli/src/main.ts',
  'blockhost-wizard': 'shells/wizard/src/main.ts',
} as const;
export type HostProgram = keyof typeof HOST_PROGRAMS;

/** Where `npm run build` leaves them (relative to the repository). */
export const HOST_BUNDLE_DIR = 'image/dist/host';
/** Beside them: the npm packages inside the host bundles and inside the VM login helpers. */
export const BUNDLED_PACKAGES_FILES = {
  host: 'bundled-packages.json',
  'vm-login': 'vm-login-bundled-packages.json',
} as const;
