#!/usr/bin/node
/**
 * Entry of the installed `pam-challenge` and `pam-verify`: a small loader
 * that runs the helper's bundle (`<name>.js` beside it) through V8's code
 * cache (`<name>.v8cache`), see pam/code-cache.ts. The three constants are
 * set per helper when bundling.
 */
import { CODE_CACHE_SUFFIX, HELPER_CODE_SUFFIX, runCached } from '../pam/code-cache.js';

declare const BLOCKHOST_HELPER: string;
declare const BLOCKHOST_BUILD: string;
/** What the user sees if the helper cannot even load (pam_exec shows stdout). */
declare const BLOCKHOST_LOAD_FAILURE: string;

const base = `${__dirname}/${BLOCKHOST_HELPER}`;
try {
  runCached({
    codePath: `${base}${HELPER_CODE_SUFFIX}`,
    cachePath: `${base}${CODE_CACHE_SUFFIX}`,
    build: BLOCKHOST_BUILD,
    scope: { exports, require, module, filename: __filename, dirname: __dirname },
  });
} catch {
  // Fail closed with one short line, never a stack trace.
  if (BLOCKHOST_LOAD_FAILURE) process.stdout.write(BLOCKHOST_LOAD_FAILURE);
  process.exitCode = 1;
}
