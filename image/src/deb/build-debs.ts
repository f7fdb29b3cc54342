/**
 * Builds the two Debian packages from `npm run build` output:
 * `blockhost_<version>_amd64.deb` (the host) and
 * `blockhost-vm-login_<version>_all.deb` (VM templates). Versions come from
 * the package.json of @blockhost/daemon and @blockhost/pam-verifier. The
 * same inputs and SOURCE_DATE_EPOCH give the same bytes.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { BuildError } from '../errors.js';
import {
  bundledPackages,
  gzip,
  HOMEPAGE,
  MAINTAINER,
  renderChangelog,
  renderCopyright,
  renderManPage,
} from './docs.js';
import { buildDeb, debianVersion, renderControl, sharedLibraryDepends } from './dpkg.js';
import { HOST_LIB, HOST_PACKAGE, hostScripts, hostTree } from './host.js';
import { BUNDLED_PACKAGES_FILES, HOST_BUNDLE_DIR } from './layout.js';
import type { PackageTree } from './tree.js';
import {
  VM_LOGIN_PACKAGE,
  vmLoginPostinst,
  vmLoginPostrm,
  vmLoginPrerm,
  vmLoginTree,
} from './vm-login.js';

export interface BuildDebsOptions {
  /** The repository root (built: `npm run build`). */
  repo: string;
  /** Where blockhost_*.deb goes. */
  outDir: string;
  /**
   * Where blockhost-vm-login_*.deb goes (default `outDir`). The command line keeps it apart
   * from the host's: the ISO installs every package of its directory on the host, and the VM
   * login (keyboard-interactive sshd) has no place there.
   */
  vmOutDir?: string | undefined;
  /** Seconds since 1970 for every time in the archives (default $SOURCE_DATE_EPOCH, else the last commit's time). */
  sourceDateEpoch?: number | undefined;
  /** Replaces both packages' versions (npm semver; e.g. a test's newer build). */
  version?: string | undefined;
  /** The host bundles and package lists (default image/dist/host, from `npm run build`). */
  hostBundleDir?: string | undefined;
  /** The VM login helpers (default packages/pam-verifier/dist/bin, from `npm run build`). */
  vmLoginBundleDir?: string | undefined;
}

const vmLoginBundles = (o: BuildDebsOptions) =>
  o.vmLoginBundleDir ?? join(o.repo, 'packages/pam-verifier/dist/bin');

export interface BuiltDeb {
  package: string;
  version: string;
  file: string;
}

const npmVersion = (repo: string, dir: string): string =>
  (JSON.parse(readFileSync(join(repo, dir, 'package.json'), 'utf8')) as { version: string })
    .version;

function tool(cmd: string, args: string[], o: { cwd?: string } = {}): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...o });
  if (r.error) throw new BuildError('tool', `${cmd}: ${r.error.message}`);
  if (r.status !== 0)
    throw new BuildError('tool', `${cmd} ${args.join(' ')} exited ${r.status}`, {
      details: `${r.stdout}${r.stderr}`.trim().slice(-2000),
    });
  return r.stdout;
}

export function sourceDateEpoch(repo: string, given?: number): number {
  if (given !== undefined) return given;
  const env = process.env.SOURCE_DATE_EPOCH;
  if (env !== undefined) {
    if (!/^\d+$/.test(env))
      throw new BuildError(
        'usage',
        `SOURCE_DATE_EPOCH='${env}': expected whole seconds since 1970`,
      );
    return Number(env);
  }
  const r = spawnSync('git', ['log', '-1', '--format=%ct'], { cwd: repo, encoding: 'utf8' });
  const t = r.status === 0 ? r.stdout.trim() : '';
  if (!/^\d+$/.test(t))
    throw new BuildError('usage', 'no SOURCE_DATE_EPOCH and no git commit to take the time from', {
      hint: 'set SOURCE_DATE_EPOCH (seconds since 1970)',
    });
  return Number(t);
}

function addDocs(
  tree: PackageTree,
  pkg: string,
  version: string,
  epoch: number,
  copyright: string,
) {
  tree.file(`/usr/share/doc/${pkg}/copyright`, copyright);
  tree.file(`/usr/share/doc/${pkg}/changelog.gz`, gzip(renderChangelog(pkg, version, epoch)));
}

function addOverrides(tree: PackageTree, repo: string, pkg: string) {
  tree.copy(
    `/usr/share/lintian/overrides/${pkg}`,
    join(repo, 'image/deb', pkg, 'lintian-overrides'),
  );
}

/** The npm packages inside the bundles, as `npm run build` of @blockhost/image listed them. */
function bundledPackageNames(bundleDir: string, list: 'host' | 'vm-login'): string[] {
  const metaFile = join(bundleDir, BUNDLED_PACKAGES_FILES[list]);
  try {
    return JSON.parse(readFileSync(metaFile, 'utf8')) as string[];
  } catch {
    throw new BuildError('input', `${metaFile}: missing`, {
      hint: 'run `npm run build -w @blockhost/image` (it bundles the host programs)',
    });
  }
}

export function buildHostDeb(o: BuildDebsOptions, epoch: number): BuiltDeb {
  const repo = o.repo;
  const version = debianVersion(o.version ?? npmVersion(repo, 'shells/daemon'));
  const bundleDir = o.hostBundleDir ?? join(repo, HOST_BUNDLE_DIR);
  const nm = join(repo, 'node_modules');
  const addonPath = join(nm, 'better-sqlite3/build/Release/better_sqlite3.node');
  const work = join(o.outDir, `.work-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    // Stripped (debug symbols are no use on the host); strip is deterministic.
    const stripped = join(work, 'better_sqlite3.node');
    tool('strip', ['--strip-unneeded', '--remove-section=.comment', '-o', stripped, addonPath]);
    const addon = readFileSync(stripped);
    const libDepends = sharedLibraryDepends(stripped, HOST_PACKAGE);
    // The CLI's own --help, run as installed: bin/ with node_modules beside it.
    mkdirSync(join(work, 'bin'));
    copyFileSync(join(bundleDir, 'blockhost.mjs'), join(work, 'bin', 'blockhost.mjs'));
    symlinkSync(nm, join(work, 'node_modules'));
    const help = tool(process.execPath, [join(work, 'bin', 'blockhost.mjs'), '--help']);
    const manPage = renderManPage({
      name: 'blockhost',
      section: 1,
      version,
      epochSeconds: epoch,
      summary: 'the BlockHost operator CLI',
      help,
      files: [
        [
          '/etc/blockhost/',
          'db.yaml, web3-defaults.yaml, blockhost.yaml, the server key and the Proxmox token',
        ],
        ['/var/lib/blockhost/', 'the journal (blockhost.db) and the setup state'],
        ['/usr/share/blockhost/examples/', 'example config files'],
      ],
      seeAlso:
        'blockhost-monitor.service (blockhostd), blockhost-gc.timer, blockhost-wizard.service; `blockhost <command> --help`; /usr/share/doc/blockhost/.',
    });
    const tree = hostTree({
      repo,
      bundleDir,
      vmLoginBundleDir: vmLoginBundles(o),
      addon,
      manPage: gzip(manPage),
    });
    const bundled = bundledPackages(bundledPackageNames(bundleDir, 'host'), repo);
    addDocs(
      tree,
      HOST_PACKAGE,
      version,
      epoch,
      renderCopyright({
        year: new Date(epoch * 1000).getUTCFullYear(),
        mainLicense: 'GPL-3+',
        files: [
          {
            glob: `${HOST_LIB.slice(1)}/node_modules/* ${HOST_LIB.slice(1)}/vm-login/*`,
            copyright:
              'better-sqlite3: Joshua Wise; bindings, file-uri-to-path: Nathan Rajlich; vm-login: BlockHost contributors',
            license: 'Expat',
          },
        ],
        bundled,
      }),
    );
    addOverrides(tree, repo, HOST_PACKAGE);
    const abi = process.versions.modules;
    const control = renderControl({
      package: HOST_PACKAGE,
      version,
      architecture: 'amd64',
      maintainer: MAINTAINER,
      installedSizeKiB: tree.installedSizeKiB(),
      depends: [
        'nodejs (>= 20.19)',
        // The addon was compiled for this Node ABI (NODE_MODULE_VERSION), which Debian's
        // libnode carries in its name, as its own node addons (node-sqlite3…) depend on it.
        `libnode${abi}`,
        ...libDepends,
        'iproute2',
        'systemd | systemd-standalone-sysusers | systemd-sysusers',
        'systemd | systemd-standalone-tmpfiles | systemd-tmpfiles',
      ],
      // Only for the IPv6 tunnel broker. Not Recommends: wireguard-tools recommends
      // wireguard-modules, which apt may satisfy with a Debian kernel next to Proxmox's.
      suggests: ['wireguard-tools'],
      section: 'admin',
      priority: 'optional',
      homepage: HOMEPAGE,
      description: [
        'VM hosting on Proxmox VE sold through on-chain subscriptions',
        'BlockHost turns a Proxmox VE host into VM hosting that sells and runs itself:',
        'a customer buys a subscription on an EVM chain, the host provisions a VM and',
        'mints the customer an access NFT, and the customer logs in over SSH by signing',
        'with their wallet. Expiry suspends the VM, renewal resumes it, and after a',
        'grace period it is destroyed.',
        '',
        'This package holds the daemon (blockhost-monitor.service), the operator CLI',
        '(blockhost), the first-boot setup wizard (blockhost-wizard.service, port 80,',
        'until setup is complete), the customer site and the systemd units.',
      ].join('\n'),
    });
    const file = join(o.outDir, `${HOST_PACKAGE}_${version}_amd64.deb`);
    buildDeb(tree, { control, scripts: hostScripts(repo), conffiles: [] }, epoch, file, work);
    return { package: HOST_PACKAGE, version, file };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function buildVmLoginDeb(o: BuildDebsOptions, epoch: number): BuiltDeb {
  const repo = o.repo;
  const version = debianVersion(o.version ?? npmVersion(repo, 'packages/pam-verifier'));
  const tree = vmLoginTree(vmLoginBundles(o));
  const meta = bundledPackageNames(o.hostBundleDir ?? join(repo, HOST_BUNDLE_DIR), 'vm-login');
  addDocs(
    tree,
    VM_LOGIN_PACKAGE,
    version,
    epoch,
    renderCopyright({
      year: new Date(epoch * 1000).getUTCFullYear(),
      mainLicense: 'Expat',
      bundled: bundledPackages(meta, repo),
    }),
  );
  addOverrides(tree, repo, VM_LOGIN_PACKAGE);
  const conffiles = tree
    .files()
    .map((f) => f.path)
    .filter((p) => p.startsWith('/etc/'));
  const control = renderControl({
    package: VM_LOGIN_PACKAGE,
    version,
    architecture: 'all',
    maintainer: MAINTAINER,
    installedSizeKiB: tree.installedSizeKiB(),
    depends: [
      'nodejs (>= 20.19)',
      'openssh-server',
      'libpam-modules',
      'systemd | systemd-standalone-sysusers | systemd-sysusers',
      'systemd | systemd-standalone-tmpfiles | systemd-tmpfiles',
    ],
    section: 'admin',
    priority: 'optional',
    homepage: HOMEPAGE,
    description: [
      'BlockHost wallet login for SSH (VM side)',
      'Members of group blockhost-wallet log in over SSH by signing a Sign-In with',
      'Ethereum message with the wallet that holds their access NFT: Linux-PAM',
      'pam_exec runs two small Node programs that issue the challenge and verify',
      'the signature; a signing page (blockhost-login-signer.service, HTTPS) lets',
      'a browser wallet sign. Users outside the group keep the normal login.',
      '',
      "For BlockHost VM templates. The VM's /etc/blockhost/vm-login.json (chain,",
      'RPC, NFT contract) comes from cloud-init or the operator.',
    ].join('\n'),
  });
  const outDir = o.vmOutDir ?? o.outDir;
  const file = join(outDir, `${VM_LOGIN_PACKAGE}_${version}_all.deb`);
  buildDeb(
    tree,
    {
      control,
      scripts: { postinst: vmLoginPostinst(), prerm: vmLoginPrerm(), postrm: vmLoginPostrm() },
      conffiles,
    },
    epoch,
    file,
    outDir,
  );
  return { package: VM_LOGIN_PACKAGE, version, file };
}

export function buildDebs(o: BuildDebsOptions): BuiltDeb[] {
  const epoch = sourceDateEpoch(o.repo, o.sourceDateEpoch);
  for (const [option, dir] of [
    ['--out', o.outDir],
    ['--vm-out', o.vmOutDir ?? o.outDir],
  ] as const) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new BuildError('input', `${option} ${dir}: cannot create it (${(e as Error).message})`);
    }
  }
  return [buildHostDeb(o, epoch), buildVmLoginDeb(o, epoch)];
}
