import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

interface Workspace {
  readonly dir: string;
  readonly name: string;
  readonly exports: Record<string, unknown>;
}

/** Every workspace package (the root package.json's `workspaces`, `dir/*` globs expanded). */
function workspaces(): Workspace[] {
  const globs: string[] = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).workspaces;
  const dirs = globs.flatMap((g) =>
    g.endsWith('/*')
      ? existsSync(join(root, g.slice(0, -2)))
        ? readdirSync(join(root, g.slice(0, -2)), { withFileTypes: true })
            .filter((d) => d.isDirectory())
            .map((d) => `${g.slice(0, -2)}/${d.name}`)
        : []
      : [g],
  );
  return dirs
    .filter((d) => existsSync(join(root, d, 'package.json')))
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
      return { dir, name: pkg.name as string, exports: pkg.exports ?? {} };
    });
}

const all = workspaces();

/**
 * Workspace packages resolve to their sources (each export's `@blockhost/source`
 * condition, as tsc does with `customConditions`), so tests need no build.
 */
const alias = all.flatMap((w) =>
  Object.entries(w.exports).flatMap(([sub, target]) => {
    const src = (target as Record<string, unknown> | null)?.['@blockhost/source'];
    if (typeof src !== 'string') return [];
    const spec = sub === '.' ? w.name : `${w.name}/${sub.slice(2)}`;
    const escaped = spec.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    return [{ find: new RegExp(`^${escaped}$`), replacement: join(root, w.dir, src) }];
  }),
);

/** One vitest project per workspace package, named after its directory; `repo` for test/. */
const projects = [
  ...all.map((w) => ({
    extends: true as const,
    test: { name: w.dir.split('/').pop()!, include: [`${w.dir}/**/*.test.ts`] },
  })),
  { extends: true as const, test: { name: 'repo', include: ['test/**/*.test.ts'] } },
];

export default defineConfig({
  resolve: { alias },
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts', 'shells/*/src/**/*.ts', 'tools/*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/generated/**'],
    },
    projects,
  },
});
