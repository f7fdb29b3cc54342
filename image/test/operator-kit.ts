/**
 * Test kit for the operator path in a container (deb-operator-path.e2e):
 * the BlockHost ISO made by the repository's ISO step and attached as a
 * read-only loop device, Proxmox's first-boot unit as the installed system
 * has it, a `pveum` for the finalize (answering from the Proxmox simulator,
 * like `pvesh-standin.ts`), the one `mount` this machine's kernel cannot do,
 * and Chromium started on the container's LAN (the bridge side).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RootRecipe } from '@blockhost/container-kit';
import { HOST_ROOT_RECIPE } from './deb-kit.js';
import { makeSyntheticIso, runTool, writeHashFile } from './helpers.js';
import { PVESH_SIM_CONFIG } from './pvesh-standin.js';

/**
 * The host root plus xorriso: this machine's kernel (a Firecracker VM) has no
 * iso9660 driver and no modules to load, so the container's `mount -t
 * iso9660` reads the medium with xorriso (see ISO_MOUNT_STANDIN).
 */
export const OPERATOR_ROOT_RECIPE: RootRecipe = {
  ...HOST_ROOT_RECIPE,
  name: 'deb-operator',
  packages: [...HOST_ROOT_RECIPE.packages, 'xorriso'],
};

export interface OperatorIso {
  /** The BlockHost ISO (a synthetic stock ISO + the hook + the packages). */
  path: string;
  /** `/proxmox-first-boot` as read back from the ISO. */
  hook: string;
  /** `/blockhost/SHA256SUMS` as read back from the ISO. */
  sums: string;
}

/** The ISO the repository's ISO step makes from `debs` (release mode: no test key). */
export async function buildOperatorIso(dir: string, debs: string[]): Promise<OperatorIso> {
  const stock = makeSyntheticIso(dir);
  const packages = join(dir, 'packages');
  mkdirSync(packages);
  for (const d of debs) execFileSync('cp', [d, packages]);
  const out = join(dir, 'out');
  const r = await runTool([
    '--pve-iso',
    stock.path,
    '--packages',
    packages,
    '--assistant',
    'never',
    '--root-password-hash-file',
    writeHashFile(dir),
    '--out',
    out,
  ]);
  if (r.code !== 0) throw new Error(`the ISO step failed (${r.code}):\n${r.stdout}${r.stderr}`);
  const path = join(out, 'blockhost_0.1.0.iso');
  const back = join(dir, 'read-back');
  execFileSync(
    'xorriso',
    [
      '-osirrox',
      'on',
      '-indev',
      path,
      '-extract',
      '/proxmox-first-boot',
      join(back, 'proxmox-first-boot'),
      '-extract',
      '/blockhost/SHA256SUMS',
      join(back, 'SHA256SUMS'),
    ],
    { stdio: 'ignore' },
  );
  const read = (f: string) => execFileSync('cat', [join(back, f)], { encoding: 'utf8' });
  return { path, hook: read('proxmox-first-boot'), sums: read('SHA256SUMS') };
}

/** A read-only loop device over `file` (`losetup -f --show -r`); detach() frees it. */
export function attachLoop(file: string): { device: string; detach(): void } {
  const device = execFileSync('losetup', ['-f', '--show', '-r', file], {
    encoding: 'utf8',
  }).trim();
  let attached = true;
  const detach = () => {
    if (!attached) return;
    attached = false;
    process.off('exit', detach);
    try {
      execFileSync('losetup', ['-d', device], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  };
  process.on('exit', detach);
  return { device, detach };
}

/** Where Proxmox's installer leaves the hook, and the flag that makes it run. */
export const FIRST_BOOT_DIR = '/var/lib/proxmox-first-boot';
export const FIRST_BOOT_HOOK = `${FIRST_BOOT_DIR}/proxmox-first-boot`;
export const FIRST_BOOT_PENDING = `${FIRST_BOOT_DIR}/pending-first-boot-setup`;
export const FIRST_BOOT_UNIT = 'proxmox-first-boot.service';

/**
 * The installed system's first-boot unit as Proxmox's installer sets it up
 * (image spec, "First boot on the installed host"): a oneshot that runs the
 * hook with its ordering as argument while the pending flag exists, and
 * removes the flag after a successful run — a failed run leaves it, so the
 * hook runs again on the next boot.
 */
export const FIRST_BOOT_UNIT_TEXT = `[Unit]
Description=Proxmox First Boot Setup (fully-up)
After=network-online.target pveproxy.service
Wants=network-online.target
ConditionPathExists=${FIRST_BOOT_PENDING}

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=${FIRST_BOOT_HOOK} fully-up
ExecStartPost=/bin/rm -f ${FIRST_BOOT_PENDING}

[Install]
WantedBy=multi-user.target
`;

/**
 * `mount -t iso9660 DEV DIR` for a kernel without iso9660 (this machine's):
 * the ISO 9660 tree is read from the block device itself with xorriso into a
 * tmpfs at DIR, which is then made read-only. Every other mount goes to the
 * real mount(8); umount(8) is the real one. The hook's own logic — finding
 * the medium with blkid among the block devices, checking SHA256SUMS,
 * copying, unmounting — runs unchanged on the real loop device.
 */
export const ISO_MOUNT_STANDIN_PATH = '/usr/local/sbin/mount';
export const ISO_MOUNT_STANDIN = `#!/bin/sh
# Test stand-in (image/test/operator-kit.ts): this kernel has no iso9660 driver.
fs=''
prev=''
for a in "$@"; do
  [ "$prev" = -t ] && fs=$a
  prev=$a
done
[ "$fs" = iso9660 ] || exec /usr/bin/mount "$@"
[ "$#" -ge 2 ] || { echo "mount: expected DEVICE DIR" >&2; exit 1; }
eval "dir=\\\${$#}"
eval "dev=\\\${$(($# - 1))}"
[ -b "$dev" ] || { echo "mount: $dev: not a block device" >&2; exit 32; }
/usr/bin/mount -t tmpfs -o mode=0755 blockhost-iso9660 "$dir" || exit 32
if ! xorriso -osirrox on -indev "stdio:$dev" -extract / "$dir" >/dev/null 2>&1; then
  /usr/bin/umount "$dir"
  echo "mount: $dev: wrong fs type (not ISO 9660)" >&2
  exit 32
fi
exec /usr/bin/mount -o remount,ro "$dir"
`;

/**
 * A `pveum` for the test container: the finalize's `pveum user token add
 * root@pam NAME --privsep 0 --expire T --comment C --output-format json` and
 * `pveum user token remove root@pam NAME`, sent to the simulator's API
 * (`/access/users/{userid}/token/{tokenid}`, checked there against the
 * official schema) with root's bootstrap token from the 0600 config file —
 * no secret in argv; the new token's secret only on stdout, as pveum prints it.
 */
export const PVEUM_PATH = '/usr/local/bin/pveum';

export function pveumStandIn(): string {
  return `#!/usr/bin/node
'use strict';
// Test stand-in for pveum: "user token add|remove <userid> <tokenid> [--key value ...]", against the PVE simulator.
const https = require('node:https');
const fs = require('node:fs');
const usage = (m) => { process.stderr.write('pveum stand-in: ' + m + '\\n'); process.exit(2); };
const [a, b, verb, userid, tokenid, ...rest] = process.argv.slice(2);
if (a !== 'user' || b !== 'token' || (verb !== 'add' && verb !== 'remove') || !userid || !tokenid)
  usage('only "user token add|remove <userid> <tokenid>"');
const body = {};
let format = 'text';
for (let i = 0; i < rest.length; i += 2) {
  const k = rest[i];
  const v = rest[i + 1];
  if (!k.startsWith('--') || v === undefined) usage('expected --key value, got ' + k);
  if (k === '--output-format') format = v;
  else if (verb === 'add') body[k.slice(2)] = v;
  else usage('"remove" takes no ' + k);
}
if (verb === 'add' && format !== 'json') usage('"add" is implemented with --output-format json only');
const sim = JSON.parse(fs.readFileSync(${JSON.stringify(PVESH_SIM_CONFIG)}, 'utf8'));
const payload = new URLSearchParams(body).toString();
const path = '/api2/json/access/users/' + encodeURIComponent(userid) + '/token/' + encodeURIComponent(tokenid);
const req = https.request(sim.url + path, {
  method: verb === 'add' ? 'POST' : 'DELETE',
  headers: {
    Authorization: 'PVEAPIToken=' + sim.tokenId + '=' + sim.secret,
    ...(verb === 'add' ? { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(payload) } : {}),
  },
  rejectUnauthorized: false,
}, (res) => {
  if (res.socket.getPeerCertificate().fingerprint256 !== sim.fingerprint) { process.stderr.write('pveum stand-in: certificate mismatch\\n'); process.exit(1); }
  let text = '';
  res.setEncoding('utf8').on('data', (d) => { text += d; }).on('end', () => {
    if (res.statusCode !== 200) { process.stderr.write(res.statusCode + ' ' + text + '\\n'); process.exit(255); }
    if (verb === 'add') process.stdout.write(JSON.stringify(JSON.parse(text).data) + '\\n');
  });
});
req.on('error', (e) => { process.stderr.write('pveum stand-in: ' + e.message + '\\n'); process.exit(1); });
if (verb === 'add') req.write(payload);
req.end();
`;
}

/**
 * An executable that runs Debian's Chromium on the container's LAN (the
 * bridge's network namespace): the operator's browser next to the host.
 * playwright-core talks to it over pipes, which the namespace switch keeps.
 */
export function chromiumOnBridge(dir: string, onBridge: (argv: string[]) => string[]): string {
  const file = join(dir, 'chromium-on-bridge');
  const argv = onBridge(['/usr/bin/chromium']).map((a) => `'${a.replace(/'/g, `'\\''`)}'`);
  writeFileSync(file, `#!/bin/sh\nexec ${argv.join(' ')} "$@"\n`);
  chmodSync(file, 0o755);
  return file;
}
