/**
 * Runs a login helper's bundled code through V8's code cache.
 *
 * Why: pam_exec starts a fresh Node process for each helper on every login.
 * Without a cache V8 parses the bundle and compiles each function as it is
 * first called; with the cache made by an earlier run it deserialises the
 * bytecode instead. (A startup snapshot of the helpers was measured slower
 * than a plain start on Node 20, so this is the start-up cost we can remove.)
 *
 * Safety: the cache is only a speed-up, never needed for a login.
 * - It is bound to this build of the code (build id in the header, since V8
 *   itself only compares the source length) and to the node binary (path,
 *   Node and V8 versions, arch), so an upgrade of either makes it stale; V8
 *   then also checks its own version and flags.
 * - Anything unusable (missing, stale, corrupt, rejected by V8) is ignored:
 *   V8 compiles from source, and the run, if it succeeds, writes a fresh
 *   cache at exit (atomically, best effort: a read-only directory just stays
 *   without one). Only successful runs write it, so the cache holds the
 *   bytecode of a whole login, not of an early failure.
 */
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { Script } from 'node:vm';

/** File name suffix of a helper's code cache, beside the helper. */
export const CODE_CACHE_SUFFIX = '.v8cache';
/** File name suffix of a helper's bundled code, beside the helper. */
export const HELPER_CODE_SUFFIX = '.js';

const MAGIC = 'blockhost-v8cache 1';

/**
 * The first line of a cache file: what the bytecode after it was made from
 * and for. (Node's version names its V8 and V8's patches, `-node.N`; V8
 * checks its own version and flags again when it reads the data.)
 */
export function codeCacheHeader(build: string): string {
  return `${MAGIC} ${build} node=${process.version} v8=${process.versions.v8} ${process.arch} ${process.execPath}\n`;
}

/** The V8 data of a cache file whose header is exactly `header`; otherwise undefined. */
export function readCodeCache(path: string, header: string): Buffer | undefined {
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch {
    return undefined;
  }
  const head = Buffer.from(header, 'utf8');
  if (data.length <= head.length || !data.subarray(0, head.length).equals(head)) return undefined;
  return data.subarray(head.length);
}

/** Writes header + data via a temporary file and rename; never throws. */
export function writeCodeCache(path: string, header: string, data: Buffer): boolean {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(tmp, 'wx', 0o644);
    try {
      writeSync(fd, header);
      writeSync(fd, data);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
    return true;
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // never created
    }
    return false;
  }
}

/** The CommonJS module scope the bundled code runs in (the loader's own). */
export interface CommonJsScope {
  exports: unknown;
  require: NodeJS.Require;
  module: unknown;
  filename: string;
  dirname: string;
}

export interface RunCachedParameters {
  /** The bundle: one function expression `(exports, require, module, __filename, __dirname) => …`. */
  codePath: string;
  cachePath: string;
  /** Identifies the bundle's content (set at build time). */
  build: string;
  scope: CommonJsScope;
}

export interface RunCachedOutcome {
  /** The cache was present, matched and V8 accepted it. */
  cacheUsed: boolean;
}

/** Compiles (from the cache when it fits) and runs the bundle; throws only when the code cannot load. */
export function runCached(p: RunCachedParameters): RunCachedOutcome {
  const source = readFileSync(p.codePath, 'utf8');
  const header = codeCacheHeader(p.build);
  const cached = readCodeCache(p.cachePath, header);
  const script = new Script(source, {
    filename: p.codePath,
    ...(cached ? { cachedData: cached } : {}),
  });
  const cacheUsed = cached !== undefined && !script.cachedDataRejected;
  if (!cacheUsed) {
    // After the run, so the cache holds every function the login compiled.
    process.once('exit', (code) => {
      if (code === 0) writeCodeCache(p.cachePath, header, script.createCachedData());
    });
  }
  const fn = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: unknown,
    filename: string,
    dirname: string,
  ) => void;
  fn(p.scope.exports, p.scope.require, p.scope.module, p.scope.filename, p.scope.dirname);
  return { cacheUsed };
}
