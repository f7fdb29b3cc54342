import { fileURLToPath } from 'node:url';

/** The repository checkout this tool runs from (it builds from the sources there). */
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** Build outputs and caches of the tools (ignored by git). */
export const CACHE_DIR = `${REPO}.tmp/`;
/** blockhostd's entry, run through tsx or bundled. */
export const DAEMON_MAIN = `${REPO}shells/daemon/src/main.ts`;
