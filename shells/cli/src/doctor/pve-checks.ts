/** Doctor's Proxmox side: reachability, the token's privileges, the template, storage and bridge. */
import type { HostConfig } from '@blockhost/host';
import {
  checkTokenPrivileges,
  getClusterResources,
  LEGACY_VMS_ACL,
  type PveClient,
  pveCall,
} from '@blockhost/proxmox';
import { describePrivileges } from '../pve.js';
import { bytes, type CheckResult, fail, ok, skip, warn } from './check.js';

const SETUP_HINT =
  'run `blockhost pve setup-token` with an admin token to repair the role and ACLs';

interface StorageStatus {
  storage: string;
  content?: string;
  active?: number | boolean;
  enabled?: number | boolean;
  total?: number;
  avail?: number;
}

const reasonOf = (e: { shortMessage?: string; message: string }) =>
  (e.shortMessage ?? e.message).split('\n')[0]!;

export interface PveCheckOutcome {
  results: CheckResult[];
  /** VMIDs in use in the cluster as the token sees them (null when Proxmox could not be asked). */
  usedVmids: Set<number> | null;
  /** VMs the token holds privileges on one by one: its pool's members (null when not known). */
  tokenVms?: number[] | null;
  /** Whether the token still holds the grant on `/vms` (every VM) of a setup from before pools. */
  legacyVmsGrant?: boolean;
}

async function templateCheck(
  config: HostConfig,
  client: PveClient,
): Promise<{ result: CheckResult; used: Set<number> | null }> {
  const vmid = config.blockhost.proxmox.template_vmid;
  const r = await getClusterResources(client, { type: 'vm' });
  if (r.isErr())
    return {
      result: fail('template', `could not list VMs: ${reasonOf(r.error)}`, r.error.hint ?? null),
      used: null,
    };
  const used = new Set(r.value.filter((x) => typeof x.vmid === 'number').map((x) => x.vmid!));
  const t = r.value.find((x) => x.vmid === vmid);
  if (!t) {
    return {
      result: fail(
        'template',
        `template VM ${vmid} (proxmox.template_vmid) not found in the cluster`,
        `run \`blockhost template build\` (or set proxmox.template_vmid to your template); BlockHost's token sees only VMs in pool '${config.blockhost.proxmox.pool}': \`blockhost pve setup-token\` puts an existing template there`,
      ),
      used,
    };
  }
  const isTemplate = t.template === 1 || t.template === true;
  if (!isTemplate) {
    return {
      result: fail(
        'template',
        `VM ${vmid} (${t.name ?? 'unnamed'}) on ${t.node} is not a template`,
        'finish it with `blockhost template build`, or point proxmox.template_vmid at the template',
      ),
      used,
    };
  }
  return { result: ok('template', `template ${vmid} (${t.name ?? 'unnamed'}) on ${t.node}`), used };
}

async function storageCheck(config: HostConfig, client: PveClient): Promise<CheckResult> {
  const px = config.blockhost.proxmox;
  const found: string[] = [];
  const problems: string[] = [];
  const low: string[] = [];
  for (const node of px.nodes) {
    const r = await pveCall(client, (api) =>
      api.nodes.$(node).storage.$get({ storage: px.storage }),
    );
    if (r.isErr()) {
      problems.push(`${node}: ${reasonOf(r.error)}`);
      continue;
    }
    const s = (r.value as unknown as StorageStatus[]).find((x) => x.storage === px.storage);
    if (!s) {
      problems.push(`storage ${px.storage} not found on ${node} (or the token may not see it)`);
      continue;
    }
    const content = (s.content ?? '').split(',');
    if (!content.includes('images')) {
      problems.push(
        `storage ${px.storage} on ${node} does not hold VM disks (content: ${s.content})`,
      );
      continue;
    }
    if (s.active === 0 || s.active === false || s.enabled === 0 || s.enabled === false) {
      problems.push(`storage ${px.storage} on ${node} is not active`);
      continue;
    }
    const free = s.avail ?? 0;
    const text = `${px.storage} on ${node}: ${bytes(free)} free`;
    found.push(text);
    if (s.total && free / s.total < 0.1) low.push(text);
  }
  if (problems.length)
    return fail(
      'storage',
      problems.join('; '),
      'set proxmox.storage in blockhost.yaml to a storage with `images` content on every node in proxmox.nodes',
    );
  if (low.length)
    return warn('storage', low.join('; '), 'less than 10 % left: free space or add storage');
  return ok('storage', found.join('; '));
}

async function bridgeCheck(config: HostConfig, client: PveClient): Promise<CheckResult> {
  const px = config.blockhost.proxmox;
  const problems: string[] = [];
  for (const node of px.nodes) {
    const r = await pveCall(client, (api) =>
      api.nodes.$(node).network.$get({ type: 'any_bridge' }),
    );
    if (r.isErr()) {
      problems.push(`${node}: ${reasonOf(r.error)}`);
      continue;
    }
    const names = (r.value as unknown as { iface: string }[]).map((i) => i.iface);
    if (!names.includes(px.bridge))
      problems.push(
        `bridge ${px.bridge} not found on ${node} (bridges there: ${names.join(', ') || 'none'})`,
      );
  }
  return problems.length
    ? fail(
        'bridge',
        problems.join('; '),
        'set proxmox.bridge in blockhost.yaml to a bridge that exists on every node',
      )
    : ok('bridge', `${px.bridge} on ${px.nodes.join(', ')}`);
}

/** proxmox, token, template, storage, bridge. */
export async function pveChecks(
  config: HostConfig,
  client: PveClient,
  importStorage: string,
): Promise<PveCheckOutcome> {
  const px = config.blockhost.proxmox;
  const version = await pveCall(client, (api) => api.version.$get());
  if (version.isErr()) {
    const e = version.error;
    const why = 'Proxmox API not usable';
    return {
      results: [
        fail(
          'proxmox',
          `${px.api_url}: ${reasonOf(e)}`,
          e.code === 'PVE_AUTH'
            ? `${SETUP_HINT} (the token id or secret is wrong)`
            : (e.hint ?? null),
        ),
        skip('token', why),
        skip('template', why),
        skip('storage', why),
        skip('bridge', why),
      ],
      usedVmids: null,
    };
  }
  const v = version.value as unknown as { version?: string; release?: string };
  const proxmox = ok(
    'proxmox',
    `Proxmox VE ${v.version ?? '?'} at ${px.api_url} as ${px.token_id}`,
  );

  const scope = {
    pool: px.pool,
    nodes: px.nodes,
    storages: [px.storage],
    importStorage,
    bridges: [px.bridge],
  };
  const [tokenR, template, storage, bridge] = await Promise.all([
    checkTokenPrivileges(client, scope),
    templateCheck(config, client),
    storageCheck(config, client),
    bridgeCheck(config, client),
  ]);
  let token: CheckResult;
  if (tokenR.isErr()) {
    token = fail(
      'token',
      `could not read the token's privileges: ${reasonOf(tokenR.error)}`,
      SETUP_HINT,
    );
  } else if (tokenR.value.missing.length > 0) {
    token = fail(
      'token',
      `${px.token_id} lacks ${describePrivileges(tokenR.value.missing)}`,
      SETUP_HINT,
    );
  } else if (tokenR.value.extra.some((x) => x.path === LEGACY_VMS_ACL)) {
    token = warn(
      'token',
      `${px.token_id} holds privileges on ${LEGACY_VMS_ACL}: every VM in the cluster, not only pool '${px.pool}' (a setup from before pools)`,
      "run `blockhost pve setup-token --adopt-vms` with an admin token: it moves BlockHost's VMs into the pool and removes that grant",
    );
  } else if (tokenR.value.extra.length > 0) {
    token = warn(
      'token',
      `${px.token_id} holds more than BlockHost needs: ${describePrivileges(tokenR.value.extra)}`,
      'least privilege: use the token `blockhost pve setup-token` creates (privilege separation on)',
    );
  } else {
    token = ok(
      'token',
      `${px.token_id} holds exactly the privileges BlockHost needs, on pool '${px.pool}' only`,
    );
  }
  return {
    results: [proxmox, token, template.result, storage, bridge],
    usedVmids: template.used,
    tokenVms: tokenR.isOk() ? tokenR.value.vms : null,
    legacyVmsGrant: tokenR.isOk() && tokenR.value.extra.some((x) => x.path === LEGACY_VMS_ACL),
  };
}
