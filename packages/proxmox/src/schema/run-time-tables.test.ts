import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderRunTimeTables } from './run-time-tables.js';
import { pveSchema } from './schema.js';

describe('the run-time tables', () => {
  it('are what the shipped schema derives (npm run schema -w packages/proxmox regenerates them)', () => {
    const tables = renderRunTimeTables(pveSchema());
    expect(Object.keys(tables).sort()).toEqual([
      'generated/blockhost-role.ts',
      'generated/net-format.ts',
    ]);
    for (const [rel, text] of Object.entries(tables)) {
      expect(readFileSync(new URL(`../${rel}`, import.meta.url), 'utf8'), rel).toBe(text);
    }
  });
});
