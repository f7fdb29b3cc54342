#!/usr/bin/node
/** Entry of the bundled `pam-verify` helper (pam_exec.so expose_authtok). */
import { runVerify } from '../pam/run-verify.js';
import { runHelperProcess } from '../pam/start-helper.js';

runHelperProcess(runVerify);
