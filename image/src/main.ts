#!/usr/bin/env node
/** build-iso entry (image/build-iso.sh runs dist/build-iso.js). Exit codes: see cli.ts. */
import { runCli } from './cli.js';
import { removeTracked } from './temp.js';

// An interrupted build removes its staging directory (and the ISO copy in it).
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.once(signal, () => {
    removeTracked();
    process.stderr.write(`build-iso: interrupted (${signal}); no ISO written\n`);
    process.exit(code);
  });
}

runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    removeTracked();
    process.stderr.write(`build-iso: ${(e as Error).stack ?? e}\n`);
    process.exitCode = 1;
  },
);
