import { fileURLToPath } from 'node:url';

/**
 * Where the published package keeps the helper bundles: `dist/bin` beside
 * the built library (`dist/index.js`). Only meaningful for the built package.
 */
export function defaultBundleDir(): string {
  return fileURLToPath(new URL('./bin/', import.meta.url));
}
