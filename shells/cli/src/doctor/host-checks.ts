/** Doctor's host side: the journal, address pools, disk, snippets directory, daemon, open problems. */
import { accessSync, constants, existsSync, statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { countFreeIpv4, countFreeVmids, resolveIpv4Pool } from '@blockhost/core';
import {
  countVmsByState,
  type Db,
  type HostConfig,
  listJobs,
  listSubscriptions,
  listVms,
  schemaVersion,
  takenValues,
} from '@blockhost/host';
import { readHelperBundles } from '@blockhost/pam-verifier';
import { bytes, type CheckResult, fail, ok, skip, warn } from './check.js';

/** Fewer free VMIDs or addresses than this is worth a warning before it becomes an outage. */
const LOW_POOL = 10;
const DISK_FAIL = 256 * 1024 ** 2;
const DISK_WARN = 2 * 1024 ** 3;

export function databaseCheck(config: HostConfig, db: Db | null): CheckResult {
  const path = config.db.database_path;
  if (!db)
    return warn(
      'database',
      `no journal at ${path} yet`,
      'blockhostd creates it on its first start (`systemctl start blockhost-monitor`); check database_path in db.yaml',
    );
  const subs = listSubscriptions(db).length;
  const vms = Object.entries(countVmsByState(db))
    .filter(([s]) => s !== 'destroyed')
    .reduce((n, [, c]) => n + c, 0);
  return ok(
    'database',
    `journal at ${path} (schema ${schemaVersion(db)}, ${subs} subscriptions, ${vms} VMs)`,
  );
}

function poolResult(
  id: string,
  what: string,
  free: number,
  total: number,
  where: string,
  hint: string,
): CheckResult {
  const text = `${free} of ${total} ${what} free in ${where}`;
  if (free === 0) return fail(id, `${what} exhausted: ${text}`, hint);
  if (free < LOW_POOL) return warn(id, `${what} running low: ${text}`, hint);
  return ok(id, text);
}

export function vmidCheck(
  config: HostConfig,
  db: Db | null,
  cluster: Set<number> | null,
): CheckResult {
  const range = config.db.vmid_range;
  const journal = db ? takenValues(db, 'vmid').map(Number) : [];
  const free = countFreeVmids(range, [...journal, ...(cluster ?? [])]);
  const total = range.end - range.start + 1;
  const r = poolResult(
    'vmids',
    'VMIDs',
    free,
    total,
    `vmid_range ${range.start}–${range.end}${cluster ? '' : ' (journal only: Proxmox not asked)'}`,
    'widen vmid_range in db.yaml, or free VMIDs in that range (other VMs use them too)',
  );
  return r;
}

/**
 * BlockHost's VMs (the journal's) must be in its pool: its token reaches
 * nothing else. A deployment from before pools still reaches them through
 * its old grant on `/vms` until `pve setup-token --adopt-vms` moves them.
 */
export function poolCheck(
  config: HostConfig,
  db: Db | null,
  tokenVms: readonly number[] | null | undefined,
  legacyVmsGrant: boolean,
): CheckResult {
  const pool = config.blockhost.proxmox.pool;
  if (!db) return skip('pool', 'no journal yet');
  if (!tokenVms) return skip('pool', "the token's privileges could not be read");
  const ours = listVms(db)
    .map((v) => v.vmid)
    .filter((v): v is number => v !== null);
  const outside = ours.filter((v) => !tokenVms.includes(v)).sort((a, b) => a - b);
  if (outside.length === 0)
    return ok(
      'pool',
      `${ours.length} VM${ours.length === 1 ? '' : 's'} of the journal, all in pool '${pool}'`,
    );
  const hint =
    'run `blockhost pve setup-token --adopt-vms` with an admin token (a VM in another pool: move it, `pvesh set /pools --poolid ' +
    `${pool} --vms <vmid> --allow-move 1\`)`;
  const list = outside.join(', ');
  return legacyVmsGrant
    ? warn(
        'pool',
        `VM${outside.length === 1 ? '' : 's'} ${list} of the journal ${outside.length === 1 ? 'is' : 'are'} outside pool '${pool}' (reached only through the old grant on /vms)`,
        hint,
      )
    : fail(
        'pool',
        `VM${outside.length === 1 ? '' : 's'} ${list} of the journal ${outside.length === 1 ? 'is' : 'are'} outside pool '${pool}': the token can not manage ${outside.length === 1 ? 'it' : 'them'}`,
        hint,
      );
}

export function ipv4Check(config: HostConfig, db: Db | null): CheckResult {
  const pool = resolveIpv4Pool(config.db.ipv4_pool);
  if (pool.isErr()) return fail('ipv4', pool.error.shortMessage, 'fix ipv4_pool in db.yaml');
  const taken = db ? takenValues(db, 'ipv4') : [];
  const spec = config.db.ipv4_pool;
  const where = spec.range ? `${spec.range.start}–${spec.range.end}` : spec.cidr;
  return poolResult(
    'ipv4',
    'IPv4 addresses',
    countFreeIpv4(pool.value, taken),
    countFreeIpv4(pool.value, []),
    `ipv4_pool ${where}`,
    'widen ipv4_pool.range in db.yaml, or remove VMs nobody pays for (`blockhost gc`)',
  );
}

function nearestExisting(path: string): string {
  let p = path;
  while (!existsSync(p) && dirname(p) !== p) p = dirname(p);
  return p;
}

export function diskCheck(config: HostConfig): CheckResult {
  const dir = nearestExisting(dirname(config.db.database_path));
  const s = statfsSync(dir);
  const free = s.bavail * s.bsize;
  const text = `${bytes(free)} free on ${dir} (the journal's file system)`;
  const hint = 'free space there: the journal must be able to commit every job step';
  if (free < DISK_FAIL) return fail('disk', text, hint);
  if (free < DISK_WARN) return warn('disk', text, hint);
  return ok('disk', text);
}

export function snippetsCheck(config: HostConfig): CheckResult {
  const px = config.blockhost.proxmox;
  const local = px.local_node ?? (px.nodes.length === 1 ? px.nodes[0] : undefined);
  if (!local) return skip('snippets', 'no local node (snippets go over SFTP; not checked)');
  const dir = px.snippets_dir;
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir)
    return fail(
      'snippets',
      `snippets directory ${dir} does not exist`,
      `enable \`snippets\` content on storage ${px.snippets_storage} (pvesm set ${px.snippets_storage} --content …,snippets), or fix proxmox.snippets_dir`,
    );
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return fail(
      'snippets',
      `snippets directory ${dir} is not writable by this user`,
      'blockhostd writes the cloud-init snippets there: give its user write access',
    );
  }
  return ok('snippets', `cloud-init snippets go to ${dir} on ${local}`);
}

/** The wallet-login programs cloud-init carries to every VM (vm.login_bundle_dir). */
export function vmLoginCheck(config: HostConfig): CheckResult {
  const dir = config.blockhost.vm.login_bundle_dir;
  const r = readHelperBundles(dir);
  if (r.isErr())
    return fail(
      'vm-login',
      `the VM login programs are not in ${dir} (${r.error.shortMessage})`,
      'install the BlockHost host package (it ships them), or point vm.login_bundle_dir at @blockhost/pam-verifier’s dist/bin',
    );
  return ok('vm-login', `VM login programs in ${dir} (${r.value.length} files for cloud-init)`);
}

export async function daemonCheck(config: HostConfig): Promise<CheckResult> {
  const listen = config.blockhost.http.listen;
  try {
    const res = await fetch(`http://${listen}/readyz`, { signal: AbortSignal.timeout(2000) });
    const body = (await res.json()) as {
      ready?: boolean;
      checks?: { name: string; ok: boolean; detail: string }[];
    };
    if (body.ready) return ok('daemon', `blockhostd running and ready at ${listen}`);
    const bad = (body.checks ?? []).filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
    return warn(
      'daemon',
      `blockhostd running at ${listen} but not ready (${bad.join('; ') || 'no detail'})`,
      'see `journalctl -u blockhost-monitor`',
    );
  } catch {
    return warn(
      'daemon',
      `blockhostd is not answering at ${listen}`,
      'start it: `systemctl start blockhost-monitor` (or check http.listen in blockhost.yaml)',
    );
  }
}

export function attentionCheck(db: Db | null): CheckResult {
  if (!db) return skip('attention', 'no journal yet');
  const stuck = listJobs(db, { states: ['needs_operator'] });
  const subs = listSubscriptions(db);
  const flagged = subs.filter((s) => s.attention);
  const keyErrors = subs.filter((s) => s.keyError);
  const parts = [
    ...(stuck.length
      ? [
          `${stuck.length} job${stuck.length === 1 ? '' : 's'} waiting for an operator (${stuck.map((j) => `#${j.id} ${j.kind} of subscription ${j.subscriptionId}`).join(', ')})`,
        ]
      : []),
    ...(flagged.length
      ? [
          `${flagged.length} subscription${flagged.length === 1 ? '' : 's'} need attention (${flagged.map((s) => `${s.id}: ${s.attention}`).join(', ')})`,
        ]
      : []),
    ...(keyErrors.length
      ? [
          `${keyErrors.length} NFT${keyErrors.length === 1 ? '' : 's'} without connection details (subscription ${keyErrors.map((s) => s.id).join(', ')})`,
        ]
      : []),
  ];
  if (parts.length === 0)
    return ok('attention', 'no jobs or subscriptions waiting for an operator');
  return warn(
    'attention',
    parts.join('; '),
    '`blockhost job list`, `blockhost sub list --attention`; `blockhost job retry|cancel`, `blockhost sub set-key`',
  );
}
