#!/usr/bin/node
/** Entry of the bundled installer; the other bundles sit in the same directory. */
import { runVmLoginCli } from '../install/cli.js';

process.exitCode = runVmLoginCli(process.argv.slice(2), {
  bundleDir: __dirname,
  out: (t) => process.stdout.write(t),
  errOut: (t) => process.stderr.write(t),
});
