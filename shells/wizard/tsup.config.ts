import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { 'blockhost-wizard': 'src/main.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // The workspace's own packages are bundled from their sources (the host layer has no build).
  noExternal: [/^@blockhost\//],
  // Native addons stay outside the bundle.
  external: ['better-sqlite3', 'ssh2', 'cpu-features'],
  // Bundled CommonJS dependencies call require(): give the ES module one.
  banner: {
    js: "import { createRequire as __bhRequire } from 'node:module'; const require = __bhRequire(import.meta.url);",
  },
  esbuildOptions(o) {
    o.conditions = ['@blockhost/source'];
  },
});
