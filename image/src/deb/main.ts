#!/usr/bin/env node
/**
 * build-debs: `image/build-debs.sh [--out DIR] [--version X.Y.Z]` (or
 * `npm run build:debs`) → blockhost_<v>_amd64.deb and
 * blockhost-vm-login_<v>_all.deb from `npm run build` output.
 * Exit codes: 0 built, 1 a tool failed, 2 usage or input problem.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BuildError } from '../errors.js';
import { buildDebs } from './build-debs.js';

const USAGE = `usage: build-debs [--out DIR] [--vm-out DIR] [--version X.Y.Z]

Builds blockhost_<version>_amd64.deb and blockhost-vm-login_<version>_all.deb
from the repository's \`npm run build\` output (run that first).
  --out DIR        the host package (default: build/packages, where build-iso takes
                   the packages the ISO installs on the host)
  --vm-out DIR     the VM template package (default: build/vm-packages)
  --version X.Y.Z  replace both packages' versions (default: their package.json)
Times inside the archives come from SOURCE_DATE_EPOCH, else the last commit.
`;

function main(): number {
  let values: { out?: string; 'vm-out'?: string; version?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: 'string' },
        'vm-out': { type: 'string' },
        version: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`build-debs: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const repo = resolve(import.meta.dirname, '..', '..');
  const started = Date.now();
  try {
    const built = buildDebs({
      repo,
      outDir: resolve(values.out ?? resolve(repo, 'build/packages')),
      vmOutDir: resolve(values['vm-out'] ?? resolve(repo, 'build/vm-packages')),
      version: values.version,
    });
    for (const b of built) process.stdout.write(`${b.file}\n`);
    process.stderr.write(
      `build-debs: ${built.length} packages in ${(Date.now() - started) / 1000} s\n`,
    );
    return 0;
  } catch (e) {
    if (e instanceof BuildError) {
      process.stderr.write(`build-debs: ${e.message}\n`);
      return e.kind === 'tool' ? 1 : 2;
    }
    throw e;
  }
}

process.exitCode = main();
