/**
 * @blockhost/devstack: a whole BlockHost on embedded defaults — a real anvil
 * chain with fresh contracts, the PVE simulator, a config directory and
 * blockhostd as a child process — for the demo, the end-to-end tests and the
 * benchmarks. Repository tooling: it builds from the sources of this checkout.
 *
 * @packageDocumentation
 */

export type { Daemon } from '@blockhost/daemon';
export { bundleDaemon } from './bundle.js';
export { Customer } from './customer.js';
export { type DaemonProcess, freePort, spawnDaemon } from './daemon-process.js';
export {
  quietLog,
  settledRunning,
  startStackDaemon,
  tokenOf,
  vmState,
  waitFor,
} from './in-process.js';
export { runSeason, type SeasonOptions, type SeasonReport } from './season/season.js';
export {
  type DevStack,
  type DevStackOptions,
  startDevStack,
  type WriteConfigExtras,
} from './stack.js';
export { DAEMON_UNIT, daemonUnitEnvironment, unitEnvironment } from './unit-env.js';
export { vmLoginBundleDir } from './vm-login-bundles.js';
