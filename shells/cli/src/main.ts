#!/usr/bin/env node
/** blockhost: the operator CLI. Exit codes: 0 ok, 1 operation failed, 2 usage or config error. */
import { createDefaultPorts } from '@blockhost/host';
import { runCli } from './cli.js';

runCli({ argv: process.argv.slice(2), ports: createDefaultPorts }).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`blockhost: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  },
);
