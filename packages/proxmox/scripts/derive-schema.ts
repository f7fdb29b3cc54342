/**
 * Regenerates src/schema/generated/pve-api.ts from Proxmox's official schema
 * (default: ../schema-source/schema-pve-9.2.3.json, a copy of ../shared/pve-api; or $BLOCKHOST_PVE_API_DIR).
 * Run: npm run schema -w packages/proxmox
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { deriveCompactSchema } from '../src/schema/derive.js';
import { pveApiSourceFile, renderGeneratedModule } from '../src/schema/source.js';

const file = pveApiSourceFile();
const compact = deriveCompactSchema(JSON.parse(readFileSync(file, 'utf8')), basename(file));
const out = join(import.meta.dirname, '..', 'src', 'schema', 'generated', 'pve-api.ts');
writeFileSync(out, renderGeneratedModule(compact));
console.log(`wrote ${out} (${Object.keys(compact.paths).length} paths)`);
