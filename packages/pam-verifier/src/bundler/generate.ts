/** Writes the generated sources (`npx tsx src/bundler/generate.ts`); a test keeps them in sync. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderKeccakF1600 } from '../verify/keccak-unroll.js';

const dir = join(import.meta.dirname, '..', 'verify', 'generated');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'keccak-f1600.ts'), renderKeccakF1600());
console.log('src/verify/generated/keccak-f1600.ts');
