#!/usr/bin/node
import { runVerify } from '../pam/run-verify.js';
/** Entry of the bundled `pam-verify` helper (pam_exec.so expose_authtok). */
import { processRuntime } from '../pam/runtime.js';

process.on('uncaughtException', () => process.exit(1));
process.on('unhandledRejection', () => process.exit(1));
runVerify(processRuntime()).then(
  (code) => process.exit(code),
  () => process.exit(1),
);
