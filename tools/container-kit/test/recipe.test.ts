import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkRecipe,
  type RootRecipe,
  recipeId,
  rootDir,
  VM_TEMPLATE_RECIPE,
} from '../src/index.js';
import { acquireLock } from '../src/roots/lock.js';

const recipe: RootRecipe = { name: 'demo', suite: 'trixie', packages: ['b', 'a'], setup: 'true\n' };

describe('recipes', () => {
  it('key the cache by content only: order and duplicates of packages do not matter', () => {
    expect(recipeId(recipe)).toMatch(/^demo-[0-9a-f]{12}$/);
    expect(recipeId({ ...recipe, packages: ['a', 'b', 'a'] })).toBe(recipeId(recipe));
    expect(recipeId({ ...recipe, packages: ['a', 'b', 'c'] })).not.toBe(recipeId(recipe));
    expect(recipeId({ ...recipe, setup: 'false\n' })).not.toBe(recipeId(recipe));
    expect(recipeId({ ...recipe, suite: 'bookworm' })).not.toBe(recipeId(recipe));
    expect(rootDir(recipe, '/c')).toBe(`/c/roots/${recipeId(recipe)}`);
  });

  it('are checked, naming the bad field', () => {
    expect(checkRecipe({ ...recipe, name: 'Bad Name' })._unsafeUnwrapErr().message).toMatch(
      /recipe.name/,
    );
    expect(checkRecipe({ ...recipe, suite: 'trixie; rm' })._unsafeUnwrapErr().message).toMatch(
      /recipe.suite/,
    );
    expect(
      checkRecipe({ ...recipe, packages: ['ok', '--force-yes'] })._unsafeUnwrapErr().message,
    ).toMatch(/'--force-yes' is not a Debian package name/);
    expect(checkRecipe(VM_TEMPLATE_RECIPE).isOk()).toBe(true);
  });

  it('the VM template installs cloud-init, sshd and the guest agent, and not nodejs (the user-data does)', () => {
    expect(VM_TEMPLATE_RECIPE.suite).toBe('trixie');
    expect(VM_TEMPLATE_RECIPE.packages).toEqual(
      expect.arrayContaining([
        'cloud-init',
        'openssh-server',
        'qemu-guest-agent',
        'netplan.io',
        'sudo',
      ]),
    );
    expect(VM_TEMPLATE_RECIPE.packages).not.toContain('nodejs');
  });
});

describe('the build lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bhk-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('admits one holder at a time and times out with a clear error', async () => {
    const path = join(dir, 'x.lock');
    const first = await acquireLock(path, 5_000);
    await expect(acquireLock(path, 1_000)).rejects.toThrow(/still held by another process/);
    const order: string[] = [];
    const second = acquireLock(path, 10_000).then((l) => {
      order.push('second');
      return l;
    });
    await new Promise((r) => setTimeout(r, 300));
    order.push('first releases');
    first.release();
    (await second).release();
    expect(order).toEqual(['first releases', 'second']);
  });
});
