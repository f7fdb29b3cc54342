/**
 * Builds a recipe's root once and caches it: debootstrap (minbase) from the
 * host's Debian mirror, the recipe's packages with apt-get inside the root,
 * its setup script, then a rename into place. A root directory under
 * `roots/` is therefore always complete; a build that dies leaves only a
 * `.build-*` directory, which the next build under the lock removes.
 *
 * Every step that mounts runs in a mount namespace of its own (debootstrap
 * under `unshare --mount`, apt-get under `systemd-nspawn`), so nothing stays
 * mounted inside the cache when a step is killed.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { errAsync, ResultAsync } from 'neverthrow';
import { type DebianMirrors, hostDebianMirrors } from '../debian/mirror.js';
import { ContainerKitError, requireRoot } from '../errors.js';
import { describeFailure, run } from '../process/run.js';
import { acquireLock } from './lock.js';
import { checkRecipe, defaultCacheDir, type RootRecipe, recipeId } from './recipe.js';

export interface EnsureRootOptions {
  /** Default `/var/cache/blockhost-test` (or `BLOCKHOST_TEST_CACHE`). */
  cacheDir?: string | undefined;
  /** Default: the host's (see `hostDebianMirrors`). */
  mirrors?: DebianMirrors | undefined;
  /** Progress lines (`debootstrap…`, `apt-get install…`). */
  log?: ((line: string) => void) | undefined;
  /** How long to wait for another process building the same root (default 20 min). */
  lockTimeoutMs?: number | undefined;
}

export interface BuiltRoot {
  /** The root file system (never modify it: boot it through `bootContainer`). */
  path: string;
  id: string;
  /** This call built it (false: it was in the cache). */
  built: boolean;
  /** How long building took (this call's or the recorded one). */
  buildMs: number | undefined;
}

interface RootMeta {
  id: string;
  recipe: RootRecipe;
  mirrors: DebianMirrors;
  builtAt: string;
  buildMs: number;
}

/** deb822 sources like a Debian 13 cloud image has: the release, its updates and security. */
export function debianSources(suite: string, m: DebianMirrors): string {
  return [
    'Types: deb',
    `URIs: ${m.debian}`,
    `Suites: ${suite} ${suite}-updates`,
    'Components: main',
    'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
    '',
    'Types: deb',
    `URIs: ${m.security}`,
    `Suites: ${suite}-security`,
    'Components: main',
    'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg',
    '',
  ].join('\n');
}

/**
 * Removes a directory tree without crossing into other file systems: a stale
 * build directory must never take a (leaked) bind mount's target with it.
 */
function removeTree(path: string): void {
  if (!existsSync(path)) return;
  spawnSync('rm', ['-rf', '--one-file-system', '--', path], { stdio: 'ignore' });
}

function readMeta(cacheDir: string, id: string): RootMeta | undefined {
  try {
    return JSON.parse(readFileSync(join(cacheDir, 'roots', `${id}.json`), 'utf8')) as RootMeta;
  } catch {
    return undefined;
  }
}

const nspawnInRoot = (dir: string) => [
  '-q',
  '-D',
  dir,
  '--register=no',
  '--keep-unit',
  // The host's network and resolver: apt-get reaches the mirror as the host does.
  '--resolv-conf=copy-host',
  '--timezone=off',
  '--link-journal=no',
  '-E',
  'DEBIAN_FRONTEND=noninteractive',
  '-E',
  'LC_ALL=C.UTF-8',
];

async function buildInto(
  dir: string,
  recipe: RootRecipe,
  mirrors: DebianMirrors,
  logFile: string,
  log: (line: string) => void,
): Promise<void> {
  const step = async (what: string, cmd: string, args: string[], timeoutMs: number) => {
    log(what);
    writeFileSync(logFile, `\n== ${what}\n`, { flag: 'a' });
    const r = await run(cmd, args, { timeoutMs, logFile });
    if (r.status !== 0) {
      throw new ContainerKitError(`building root ${recipe.name}`, what, {
        details: `${describeFailure(cmd, args, r)}\n(full log: ${logFile})`,
      });
    }
  };
  await step(
    `debootstrap --variant=minbase ${recipe.suite} from ${mirrors.debian}`,
    'unshare',
    [
      '--mount',
      '--propagation',
      'private',
      'debootstrap',
      '--variant=minbase',
      '--components=main',
      recipe.suite,
      dir,
      mirrors.debian,
    ],
    20 * 60_000,
  );
  rmSync(join(dir, 'etc/apt/sources.list'), { force: true });
  mkdirSync(join(dir, 'etc/apt/sources.list.d'), { recursive: true });
  writeFileSync(
    join(dir, 'etc/apt/sources.list.d/debian.sources'),
    debianSources(recipe.suite, mirrors),
  );
  if (recipe.packages.length) {
    const pkgs = [...new Set(recipe.packages)].sort();
    await step(
      `apt-get install ${pkgs.join(' ')}`,
      'systemd-nspawn',
      [
        ...nspawnInRoot(dir),
        '/bin/sh',
        '-ec',
        'apt-get update -q && apt-get install -y -q --no-install-recommends "$@"',
        'sh',
        ...pkgs,
      ],
      30 * 60_000,
    );
  }
  if (recipe.setup) {
    const script = '/root/.blockhost-root-setup.sh';
    writeFileSync(join(dir, script), recipe.setup, { mode: 0o700 });
    await step(
      'setup script',
      'systemd-nspawn',
      [...nspawnInRoot(dir), '/bin/sh', '-e', script],
      10 * 60_000,
    );
    rmSync(join(dir, script), { force: true });
  }
  // Nothing of the build machine stays in the root: debootstrap copies its
  // host name and resolver, nspawn its resolver; systemd makes a machine id.
  writeFileSync(join(dir, 'etc/hostname'), 'localhost\n');
  const resolv = join(dir, 'etc/resolv.conf');
  if (existsSync(resolv) && lstatSync(resolv).isFile()) writeFileSync(resolv, '');
  writeFileSync(join(dir, 'etc/machine-id'), '');
}

/**
 * The root for `recipe`, built now if the cache does not have it. Concurrent
 * callers (other test processes) wait for one build.
 */
export function ensureRoot(
  recipe: RootRecipe,
  o: EnsureRootOptions = {},
): ResultAsync<BuiltRoot, ContainerKitError> {
  const checked = checkRecipe(recipe);
  if (checked.isErr())
    return errAsync(
      new ContainerKitError('recipe', checked.error.message, { cause: checked.error }),
    );
  const cacheDir = o.cacheDir ?? defaultCacheDir();
  const id = recipeId(recipe);
  const roots = join(cacheDir, 'roots');
  const target = join(roots, id);
  const cached = (): BuiltRoot => ({
    path: target,
    id,
    built: false,
    buildMs: readMeta(cacheDir, id)?.buildMs,
  });
  if (existsSync(target)) return ResultAsync.fromSafePromise(Promise.resolve(cached()));
  const notRoot = requireRoot(`building root ${id}`);
  if (notRoot) return errAsync(notRoot);
  let m: DebianMirrors;
  if (o.mirrors) m = o.mirrors;
  else {
    const host = hostDebianMirrors();
    if (host.isErr()) return errAsync(host.error);
    m = host.value;
  }
  const log = o.log ?? (() => {});

  return ResultAsync.fromPromise(
    (async () => {
      mkdirSync(roots, { recursive: true });
      const lock = await acquireLock(join(roots, `${id}.lock`), o.lockTimeoutMs ?? 20 * 60_000);
      try {
        if (existsSync(target)) return cached();
        // We hold the lock: any build directory of this id is a dead build's.
        for (const n of readdirSync(roots)) {
          if (n.startsWith(`.build-${id}-`)) removeTree(join(roots, n));
        }
        const work = join(roots, `.build-${id}-${process.pid}`);
        const logFile = join(roots, `${id}.build.log`);
        writeFileSync(logFile, `building ${id} (${JSON.stringify(recipe)})\n`);
        mkdirSync(work, { mode: 0o755 });
        const started = Date.now();
        try {
          await buildInto(work, recipe, m, logFile, log);
        } catch (e) {
          removeTree(work);
          throw e;
        }
        renameSync(work, target);
        const buildMs = Date.now() - started;
        const meta: RootMeta = {
          id,
          recipe,
          mirrors: m,
          builtAt: new Date().toISOString(),
          buildMs,
        };
        writeFileSync(join(roots, `${id}.json`), `${JSON.stringify(meta, null, 2)}\n`);
        log(`root ${id} built in ${Math.round(buildMs / 1000)} s`);
        return { path: target, id, built: true, buildMs };
      } finally {
        lock.release();
      }
    })(),
    (e) =>
      e instanceof ContainerKitError
        ? e
        : new ContainerKitError(`building root ${id}`, (e as Error).message, { cause: e }),
  );
}
