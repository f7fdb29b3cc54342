import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Workspace packages resolve to their sources, so tests need no build of them. */
const alias = [
  {
    find: /^@blockhost\/(core|chain|proxmox|pam-verifier)$/,
    replacement: `${root}packages/$1/src/index.ts`,
  },
  // The CLI shares the daemon's host runtime.
  { find: /^@blockhost\/daemon$/, replacement: `${root}shells/daemon/src/index.ts` },
];

const project = (name: string, dir: string, extra: Record<string, unknown> = {}) => ({
  extends: true as const,
  test: { name, include: [`${dir}/**/*.test.ts`], ...extra },
});

export default defineConfig({
  resolve: { alias },
  test: {
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts', 'shells/*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/generated/**'],
    },
    projects: [
      project('core', 'packages/core'),
      project('chain', 'packages/chain'),
      project('proxmox', 'packages/proxmox'),
      project('pam-verifier', 'packages/pam-verifier'),
      project('daemon', 'shells/daemon'),
      project('cli', 'shells/cli'),
      project('wizard', 'shells/wizard'),
    ],
  },
});
