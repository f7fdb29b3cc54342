import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blockhostPrivileges } from './role.js';

describe('README', () => {
  it('lists exactly the derived privileges', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.search(/^\|\s*privilege\s*\|\s*needed by\s*\|/m));
    const listed = [...table.matchAll(/^\|\s*`([A-Za-z.]+)`\s*\|/gm)].map((m) => m[1]);
    expect(listed).toEqual(blockhostPrivileges().privileges);
  });
});
