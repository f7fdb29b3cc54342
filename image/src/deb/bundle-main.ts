/**
 * `npm run build -w @blockhost/image`, after tsup: the host programs bundled
 * for the Debian package into dist/host, and the lists of npm packages inside
 * them and inside the VM login helpers (for the packages' copyright files).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleHelpers } from '@blockhost/pam-verifier/bundler';
import type { Metafile } from 'esbuild';
import {
  BUNDLED_PACKAGES_FILES,
  bundleHostPrograms,
  HOST_BUNDLE_DIR,
  npmPackagesOf,
} from './bundle-host.js';

const repo = join(import.meta.dirname, '..', '..', '..');
const out = join(repo, HOST_BUNDLE_DIR);
const bundles = await bundleHostPrograms(repo, out);
for (const b of bundles)
  console.log(`dist/host/${b.program}.mjs  ${(b.bytes / 1024 / 1024).toFixed(1)} MiB`);
const host = [...new Set(bundles.flatMap((b) => b.packages))].sort();
writeFileSync(join(out, BUNDLED_PACKAGES_FILES.host), `${JSON.stringify(host, null, 2)}\n`);

// The same bundling pam-verifier's build does, for its metafiles only.
const scratch = mkdtempSync(join(tmpdir(), 'blockhost-vm-login-meta-'));
try {
  const { metafiles } = await bundleHelpers(scratch);
  const merged: Metafile = { inputs: {}, outputs: {} };
  for (const m of Object.values(metafiles)) Object.assign(merged.inputs, m.inputs);
  writeFileSync(
    join(out, BUNDLED_PACKAGES_FILES['vm-login']),
    `${JSON.stringify(npmPackagesOf(merged), null, 2)}\n`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
