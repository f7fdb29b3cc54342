import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'build-iso': 'src/main.ts', 'build-debs': 'src/deb/main.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  // dist/host (the host bundles of src/deb/bundle-main.ts) survives a tsup-only rebuild.
  clean: ['!host/**'],
  target: 'node20',
  // build-debs takes the VM login's files from @blockhost/pam-verifier's sources, bundled.
  noExternal: [/^@blockhost\//],
  esbuildOptions(o) {
    o.conditions = ['@blockhost/source'];
  },
});
