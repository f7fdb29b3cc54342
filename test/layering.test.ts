/**
 * The layering the architecture promises, checked on every import of every
 * workspace's sources and tests: packages never import shells, no shell
 * imports another shell, repository tools (devstack, fixtures) serve tests
 * only, relative imports stay inside their workspace, and shipped sources
 * import only what their package.json declares (build scripts may use its
 * devDependencies). Biome's noRestrictedImports says the same in the editor.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './support/build.js';

type Kind = 'package' | 'shell' | 'tool' | 'image';
interface Workspace {
  dir: string;
  name: string;
  kind: Kind;
  declared: Set<string>;
  dev: Set<string>;
  /** Source directories that are build tooling, not shipped (tsconfig.build.json excludes). */
  buildOnly: string[];
}

function workspaces(): Workspace[] {
  const out: Workspace[] = [];
  for (const [parent, kind] of [
    ['packages', 'package'],
    ['shells', 'shell'],
    ['tools', 'tool'],
  ] as const) {
    for (const d of readdirSync(join(REPO, parent))) {
      const pj = join(REPO, parent, d, 'package.json');
      if (existsSync(pj)) out.push(load(`${parent}/${d}`, kind));
    }
  }
  if (existsSync(join(REPO, 'image/package.json'))) out.push(load('image', 'image'));
  return out;
}

function load(dir: string, kind: Kind): Workspace {
  const pkg = JSON.parse(readFileSync(join(REPO, dir, 'package.json'), 'utf8'));
  const declared = new Set<string>([
    pkg.name,
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
  ]);
  const dev = new Set<string>(Object.keys(pkg.devDependencies ?? {}));
  const tb = join(REPO, dir, 'tsconfig.build.json');
  const buildOnly: string[] = existsSync(tb)
    ? (JSON.parse(readFileSync(tb, 'utf8')).exclude ?? []).filter((x: string) => !x.includes('*'))
    : [];
  return { dir, name: pkg.name, kind, declared, dev, buildOnly };
}

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : files(p);
    return /\.(ts|mts|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => (m[1] ?? m[2] ?? m[3])!);
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`. */
const packageOf = (spec: string) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;

const BUILTIN = new Set(builtinModules);
const all = workspaces();
const byName = new Map(all.map((w) => [w.name, w]));

describe('layering', () => {
  it('finds the workspaces', () => {
    expect(all.filter((w) => w.kind === 'package').map((w) => w.name)).toEqual(
      expect.arrayContaining([
        '@blockhost/core',
        '@blockhost/chain',
        '@blockhost/proxmox',
        '@blockhost/pve-sim',
        '@blockhost/pam-verifier',
        '@blockhost/host',
      ]),
    );
    expect(all.filter((w) => w.kind === 'shell').map((w) => w.name)).toEqual(
      expect.arrayContaining(['@blockhost/daemon', '@blockhost/cli']),
    );
  });

  for (const w of all) {
    it(`${w.dir}: imports only what its layer may`, () => {
      const problems: string[] = [];
      const root = join(REPO, w.dir);
      for (const file of [...files(join(root, 'src')), ...files(join(root, 'test'))]) {
        const where = relative(REPO, file);
        const isTest = /\.test\.ts$|test-helpers|\/test\//.test(where);
        const isBuild = w.buildOnly.some((b) => where.startsWith(`${w.dir}/${b}/`));
        for (const spec of importsOf(file)) {
          if (spec.startsWith('.')) {
            const target = resolve(dirname(file), spec);
            if (!target.startsWith(`${root}/`))
              problems.push(`${where}: '${spec}' leaves ${w.dir}`);
            continue;
          }
          if (spec.startsWith('node:') || BUILTIN.has(spec)) continue;
          const pkg = packageOf(spec);
          const target = byName.get(pkg);
          if (target && target !== w) {
            if (target.kind === 'shell' && w.kind !== 'tool')
              problems.push(`${where}: the ${w.kind} ${w.name} imports the shell ${pkg}`);
            if (target.kind === 'tool' && w.kind !== 'tool' && !isTest)
              problems.push(`${where}: shipped code imports the repository tool ${pkg}`);
          }
          // Tests may use the workspace's dev tools; shipped code only what it declares.
          if (isTest) continue;
          if (!w.declared.has(pkg) && !(isBuild && w.dev.has(pkg)))
            problems.push(`${where}: imports ${pkg}, which package.json does not declare`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
