/**
 * What a cached root is made of, and the cache key derived from it: the same
 * recipe gives the same directory name on every clone, so CI's fresh checkout
 * reuses what an earlier run built.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { InvalidInputError } from '@blockhost/core';
import { err, ok, type Result } from 'neverthrow';

export interface RootRecipe {
  /** Short name, the first part of the cache directory (`vm-template`). */
  name: string;
  /** Debian suite (`trixie`). */
  suite: string;
  /** Installed with `apt-get install --no-install-recommends` inside the root after debootstrap. */
  packages: readonly string[];
  /** A `sh -e` script run inside the root after the packages (the last build step). */
  setup?: string | undefined;
}

/**
 * Bumped when the build steps themselves change meaning (not for recipe
 * changes: those change the hash anyway).
 */
export const ROOT_FORMAT = 1;

/** Where cached roots and the apt cache live (outside any clone). */
export function defaultCacheDir(): string {
  return process.env.BLOCKHOST_TEST_CACHE || '/var/cache/blockhost-test';
}

const NAME = /^[a-z0-9][a-z0-9-]{0,40}$/;
const SUITE = /^[a-z]+$/;
const PACKAGE = /^[a-z0-9][a-z0-9+.-]+$/;

export function checkRecipe(r: RootRecipe): Result<RootRecipe, InvalidInputError> {
  if (!NAME.test(r.name))
    return err(
      new InvalidInputError('recipe.name', `expected a short lower-case name, got '${r.name}'`),
    );
  if (!SUITE.test(r.suite))
    return err(
      new InvalidInputError(
        'recipe.suite',
        `expected a Debian suite like trixie, got '${r.suite}'`,
      ),
    );
  for (const p of r.packages) {
    if (!PACKAGE.test(p))
      return err(new InvalidInputError('recipe.packages', `'${p}' is not a Debian package name`));
  }
  return ok(r);
}

/** `<name>-<12 hex of the recipe's SHA-256>`: the cache directory name. */
export function recipeId(r: RootRecipe): string {
  const canonical = JSON.stringify({
    format: ROOT_FORMAT,
    suite: r.suite,
    packages: [...new Set(r.packages)].sort(),
    setup: r.setup ?? '',
  });
  return `${r.name}-${createHash('sha256').update(canonical).digest('hex').slice(0, 12)}`;
}

/** The directory the root of `r` lives in (whether built yet or not). */
export function rootDir(r: RootRecipe, cacheDir = defaultCacheDir()): string {
  return join(cacheDir, 'roots', recipeId(r));
}
