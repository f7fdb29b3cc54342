#!/usr/bin/node
/** Entry of the bundled `pam-challenge` helper (pam_exec.so stdout). */
import { runChallenge } from '../pam/run-challenge.js';
import { runHelperProcess } from '../pam/start-helper.js';

runHelperProcess(runChallenge);
