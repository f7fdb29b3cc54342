#!/usr/bin/node
/** Entry of the bundled signing service. */
import { processRuntime } from '../pam/runtime.js';
import { runSigningServiceMain } from '../service/run-service.js';

runSigningServiceMain(processRuntime()).then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`blockhost-login-signer: ${String(e)}\n`);
    process.exit(1);
  },
);
