/**
 * blockhostd as a library: start the service in-process (tests, embedding).
 * The host runtime it runs on is `@blockhost/host`.
 */
export {
  AnotherRunnerError,
  type Daemon,
  type StartDaemonOptions,
  startDaemon,
} from './engine.js';
