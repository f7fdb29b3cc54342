/** Writes the generated sources (`npx tsx src/bundler/generate.ts`); tests keep them in sync. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderKeccakF1600 } from '../verify/keccak-unroll.js';
import { renderSecp256k1GTables } from '../verify/secp256k1-tables.js';

const dir = join(import.meta.dirname, '..', 'verify', 'generated');
mkdirSync(dir, { recursive: true });
for (const [name, text] of [
  ['keccak-f1600.ts', renderKeccakF1600()],
  ['secp256k1-g-tables.ts', renderSecp256k1GTables()],
] as const) {
  writeFileSync(join(dir, name), text);
  console.log(`src/verify/generated/${name}`);
}
