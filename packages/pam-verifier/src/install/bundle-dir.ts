import { fileURLToPath } from 'node:url';

/**
 * Where the published package keeps the helper bundles: `dist/bin`, beside
 * this module's directory in the build. Only meaningful for the built package.
 */
export function defaultBundleDir(): string {
  return fileURLToPath(new URL('../bin/', import.meta.url));
}
