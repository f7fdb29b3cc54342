/**
 * Regenerates, from Proxmox's official schema (default:
 * ../schema-source/schema-pve-9.2.3.json, a copy of ../shared/pve-api; or
 * $BLOCKHOST_PVE_API_DIR):
 * - src/schema/generated/pve-api.ts: the compact schema (`@blockhost/proxmox/schema`);
 * - src/generated/*.ts: the small tables the SDK needs at run time (the
 *   BlockHost role, the `net[n]` format), so the SDK never loads the schema.
 * Run: npm run schema -w packages/proxmox
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { deriveCompactSchema } from '../src/schema/derive.js';
import { renderRunTimeTables } from '../src/schema/run-time-tables.js';
import { pveApiSourceFile, renderGeneratedModule } from '../src/schema/source.js';

const file = pveApiSourceFile();
const compact = deriveCompactSchema(JSON.parse(readFileSync(file, 'utf8')), basename(file));
const src = join(import.meta.dirname, '..', 'src');
const write = (rel: string, text: string) => {
  writeFileSync(join(src, rel), text);
  console.log(`wrote src/${rel}`);
};
write('schema/generated/pve-api.ts', renderGeneratedModule(compact));
for (const [rel, text] of Object.entries(renderRunTimeTables(compact))) write(rel, text);
console.log(`${Object.keys(compact.paths).length} paths`);
