import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'build-iso': 'src/main.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
