/**
 * `blockhost`, the host package: what it installs, where, and why there.
 *
 *   /usr/lib/blockhost/bin/{blockhostd,blockhost,blockhost-wizard}.mjs
 *       the programs, self-contained ES modules (`bundle-host.ts`), run by
 *       Debian's nodejs from the units and /usr/bin/blockhost
 *   /usr/lib/blockhost/node_modules/better-sqlite3 (+ bindings, file-uri-to-path)
 *       the one native addon, found by the bundles' `require('better-sqlite3')`
 *       walking up from bin/; its compiled build/Release/better_sqlite3.node is
 *       for this build's Node ABI (the package depends on libnode<N>)
 *   /usr/lib/blockhost/static/        the wizard's CSS and JS (it looks in ../static/)
 *   /usr/lib/blockhost/vm-login/      the VM login programs the daemon puts into
 *                                     each VM's cloud-init (`vm.login_bundle_dir`)
 *   /usr/share/blockhost/site/        the customer site's files (shells/portal)
 *   /usr/share/blockhost/examples/    example config files; the wizard writes the
 *                                     real ones into /etc/blockhost, which the
 *                                     package never ships into
 *   /usr/lib/systemd/system/          the units of image/systemd
 *   /usr/lib/sysusers.d, /usr/lib/tmpfiles.d   user blockhost, /var/lib/blockhost
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BuildError } from '../errors.js';
import type { HostProgram } from './layout.js';
import { PackageTree } from './tree.js';

export const HOST_PACKAGE = 'blockhost';
export const HOST_LIB = '/usr/lib/blockhost';

/** Every unit of image/systemd goes into the package. */
export const HOST_UNITS = [
  'blockhost-monitor.service',
  'blockhost-gc.service',
  'blockhost-gc.timer',
  'blockhost-ipv6.service',
  'blockhost-ipv6.path',
  'blockhost-ipv6.timer',
  'blockhost-wizard.service',
  'blockhost-wizard-finalize.service',
  'blockhost-wizard-finalize.path',
] as const;

/** The native addon and the two small modules it loads itself with: file → mode. */
const ADDON_FILES: Record<string, string[]> = {
  'better-sqlite3': ['package.json', 'LICENSE', 'lib/**', 'build/Release/better_sqlite3.node'],
  bindings: ['package.json', 'bindings.js', 'LICENSE.md'],
  'file-uri-to-path': ['package.json', 'index.js', 'LICENSE'],
};

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? listFiles(join(dir, e.name)).map((f) => `${e.name}/${f}`) : [e.name],
    )
    .sort();
}

function mustExist(path: string, what: string): void {
  try {
    statSync(path);
  } catch {
    throw new BuildError('input', `${path}: missing (${what})`, {
      hint: 'run `npm ci && npm run build` at the repository root first',
    });
  }
}

export interface HostTreeInputs {
  repo: string;
  /** The bundled programs (`prepareHostBundles`). */
  bundleDir: string;
  /** The VM login helpers (pam-verifier's dist/bin). */
  vmLoginBundleDir: string;
  /** Where the addon is taken from (default: the repository's node_modules). */
  nodeModules?: string;
  /** The stripped addon (made by the caller with `strip`), replacing the built one. */
  addon: Buffer;
  /** The man page of blockhost(1), already gzipped. */
  manPage: Buffer;
}

export function hostTree(i: HostTreeInputs): PackageTree {
  const tree = new PackageTree();
  const repo = i.repo;
  const nm = i.nodeModules ?? join(repo, 'node_modules');

  // The programs.
  const bundles = i.bundleDir;
  for (const p of ['blockhostd', 'blockhost', 'blockhost-wizard'] satisfies HostProgram[]) {
    mustExist(join(bundles, `${p}.mjs`), 'the host bundles of `npm run build -w @blockhost/image`');
    tree.copy(`${HOST_LIB}/bin/${p}.mjs`, join(bundles, `${p}.mjs`));
  }
  tree.file(
    '/usr/bin/blockhost',
    `#!/bin/sh\n# The BlockHost operator CLI (blockhost(1)), run by Debian's nodejs.\nexec /usr/bin/node ${HOST_LIB}/bin/blockhost.mjs "$@"\n`,
    0o755,
  );

  // The native addon.
  for (const [pkg, patterns] of Object.entries(ADDON_FILES)) {
    const dir = join(nm, pkg);
    mustExist(join(dir, 'package.json'), `the npm package ${pkg}`);
    for (const pattern of patterns) {
      const files = pattern.endsWith('/**')
        ? listFiles(join(dir, pattern.slice(0, -3))).map((f) => `${pattern.slice(0, -3)}/${f}`)
        : [pattern];
      for (const f of files) {
        const target = `${HOST_LIB}/node_modules/${pkg}/${f}`;
        if (f.endsWith('.node')) tree.file(target, i.addon, 0o644);
        else tree.copy(target, join(dir, f));
      }
    }
  }

  // The wizard's static files, the VM login programs, the customer site.
  const wizardStatic = join(repo, 'shells/wizard/static');
  for (const f of listFiles(wizardStatic))
    tree.copy(`${HOST_LIB}/static/${f}`, join(wizardStatic, f));
  const vmLogin = i.vmLoginBundleDir;
  mustExist(vmLogin, 'the VM login helpers of `npm run build -w @blockhost/pam-verifier`');
  for (const f of listFiles(vmLogin)) {
    const executable = readFileSync(join(vmLogin, f)).subarray(0, 2).toString() === '#!';
    tree.copy(`${HOST_LIB}/vm-login/${f}`, join(vmLogin, f), executable ? 0o755 : 0o644);
  }
  const site = join(repo, 'shells/portal/dist/site');
  mustExist(site, 'the customer site of `npm run build -w @blockhost/portal`');
  for (const f of listFiles(site)) tree.copy(`/usr/share/blockhost/site/${f}`, join(site, f));

  // Units, users, directories, examples.
  for (const u of HOST_UNITS)
    tree.copy(`/usr/lib/systemd/system/${u}`, join(repo, 'image/systemd', u));
  const deb = join(repo, 'image/deb/blockhost');
  tree.copy(`/usr/lib/sysusers.d/${HOST_PACKAGE}.conf`, join(deb, 'sysusers.conf'));
  tree.copy(`/usr/lib/tmpfiles.d/${HOST_PACKAGE}.conf`, join(deb, 'tmpfiles.conf'));
  for (const f of listFiles(join(deb, 'examples')))
    tree.copy(`/usr/share/blockhost/examples/${f}`, join(deb, 'examples', f));
  tree.file('/usr/share/man/man1/blockhost.1.gz', i.manPage);
  return tree;
}

/** Maintainer scripts of the host package (static files in image/deb/blockhost). */
export function hostScripts(repo: string): Record<string, string> {
  const deb = join(repo, 'image/deb/blockhost');
  return Object.fromEntries(
    ['postinst', 'prerm', 'postrm'].map((s) => [s, readFileSync(join(deb, s), 'utf8')]),
  );
}
