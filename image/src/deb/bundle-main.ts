/** `npm run build -w @blockhost/image`, after tsup: the host bundles and their package lists into dist/host. */
import { join } from 'node:path';
import { HOST_BUNDLE_DIR, prepareHostBundles } from './bundle-host.js';

const repo = join(import.meta.dirname, '..', '..', '..');
for (const b of await prepareHostBundles(repo, join(repo, HOST_BUNDLE_DIR)))
  console.log(`dist/host/${b.program}.mjs  ${(b.bytes / 1024 / 1024).toFixed(1)} MiB`);
