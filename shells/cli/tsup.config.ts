import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { blockhost: 'src/main.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node20',
});
