import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

const SRC = join(import.meta.dirname, '../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.test(-helpers)?\.ts$|test-helpers\.ts$/.test(name)
      ? [path]
      : [];
  });
}

const IMPORT_RE =
  /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Ways to reach a clock, randomness, the environment or I/O without an import. */
const FORBIDDEN_GLOBALS: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'Date.now()'],
  [/\bnew\s+Date\s*\(\s*\)/, 'new Date()'],
  [/\bMath\.random\s*\(/, 'Math.random()'],
  [/\bperformance\.now\s*\(/, 'performance.now()'],
  [/\bprocess\./, 'process'],
  [/\bfetch\s*\(/, 'fetch()'],
  [/\bcrypto\./, 'crypto'],
  [/\bsetTimeout\s*\(|\bsetInterval\s*\(/, 'timers'],
  [/\bXMLHttpRequest\b|\bWebSocket\b/, 'network'],
];

describe('@blockhost/core stays pure', () => {
  const files = sources(SRC);
  const allowed = new Set(Object.keys(pkg.dependencies));

  it('has sources to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(SRC, f), f]))(
    '%s imports only relative modules and its declared dependencies',
    (_, file) => {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(IMPORT_RE)) {
        const spec = m[1] ?? m[2] ?? m[3] ?? '';
        if (spec.startsWith('.')) continue;
        const name = spec.startsWith('@')
          ? spec.split('/').slice(0, 2).join('/')
          : spec.split('/')[0]!;
        expect(allowed.has(name), `${file} imports ${spec}`).toBe(true);
      }
    },
  );

  it.each(files.map((f) => [relative(SRC, f), f]))(
    '%s uses no clock, randomness, environment or I/O global',
    (_, file) => {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      for (const [re, what] of FORBIDDEN_GLOBALS)
        expect(re.test(code), `${file} uses ${what}`).toBe(false);
    },
  );

  it('declares only pure dependencies', () => {
    expect([...allowed].sort()).toEqual(['neverthrow', 'yaml', 'zod']);
  });
});
