/** `npm run build -w @blockhost/portal`: the site into dist/site, with its sizes. */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPortal } from './index.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '../../dist/site');
const built = await buildPortal({ outDir: out });
for (const f of built.files)
  console.log(
    `${f.name.padEnd(12)} ${(f.bytes / 1024).toFixed(1).padStart(7)} KiB  (gzip ${(f.gzipBytes / 1024).toFixed(1)} KiB)`,
  );
console.log(`customer site in ${out} (add a config.json: blockhost portal config)`);
