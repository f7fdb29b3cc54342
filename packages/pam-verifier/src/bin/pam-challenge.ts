#!/usr/bin/node
/** Entry of the bundled `pam-challenge` helper (pam_exec.so stdout). */
import { runChallenge } from '../pam/run-challenge.js';
import { processRuntime } from '../pam/runtime.js';

// Never let a stack trace reach the user (pam_exec shows stdout and stderr).
process.on('uncaughtException', () => process.exit(1));
process.on('unhandledRejection', () => process.exit(1));
runChallenge(processRuntime()).then(
  (code) => process.exit(code),
  () => process.exit(1),
);
