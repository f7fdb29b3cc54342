/** `npm run build` step after tsup: the helper bundles into dist/bin. */
import { join } from 'node:path';
import { bundleHelpers } from './bundle-helpers.js';

const out = join(import.meta.dirname, '..', '..', 'dist', 'bin');
const { metafiles } = await bundleHelpers(out);
for (const [name, meta] of Object.entries(metafiles)) {
  const bytes = Object.values(meta.outputs).reduce((n, o) => n + o.bytes, 0);
  console.log(`dist/bin/${name}  ${(bytes / 1024).toFixed(1)} KiB`);
}
