import type { DerivedPrivileges } from '../access/role.js';
import { type CallFacts, expressionNeed, handlerNeeds } from './handler-privileges.js';
import { type Need, perm } from './privileges.js';
import { pveSchema } from './schema.js';
import type { CompactSchema, Verb } from './types.js';

export type { DerivedPrivileges };

/**
 * Every API call the SDK makes, with the parameters it sends. Values in
 * braces are placeholders for what the operator configures (`{storage}` the
 * VM disk storage, `{importStorage}` where cloud images are downloaded,
 * `{bridge}`, `{node}`, `{pool}` BlockHost's resource pool), `{vmid}` a VM in
 * that pool and `{newid}` a VM a create or clone call is making (not in the
 * pool yet). The role's privileges are derived from this table and the
 * schema, and a test checks the SDK makes exactly these calls.
 */
export interface SdkCall {
  verb: Verb;
  path: string;
  /** The SDK function(s) making it. */
  usedBy: string;
  params: Record<string, unknown>;
  facts?: CallFacts;
  /**
   * Needs the schema does not state because the call is open to every
   * user but filters its answer by privilege (`/cluster/resources` lists a
   * node's numbers only with Sys.Audit, a VM only with VM.Audit, a storage
   * only with Datastore.Audit or AllocateSpace).
   */
  visibility?: Need[];
}

const VM = { node: '{node}', vmid: '{vmid}' };
const DRIVE_IMPORT = '{storage}:0,import-from={importStorage}:import/image.qcow2,discard=on';

export const SDK_CALLS: readonly SdkCall[] = [
  {
    verb: 'GET',
    path: '/cluster/resources',
    usedBy: 'getClusterResources, placeVm, findSubscriptionVm, getVmidsInUse, inspectVms',
    params: { type: 'vm' },
    visibility: [
      perm('/vms/{vmid}', ['VM.Audit']),
      perm('/nodes/{node}', ['Sys.Audit']),
      perm('/storage/{storage}', ['Datastore.Audit', 'Datastore.AllocateSpace'], true),
    ],
  },
  {
    verb: 'GET',
    path: '/cluster/nextid',
    usedBy: 'isVmidFree, nextFreeVmid, getVmidsInUse (VMs outside the pool are invisible)',
    params: { vmid: 100 },
  },
  {
    verb: 'GET',
    path: '/nodes/{node}/tasks/{upid}/status',
    usedBy: 'waitForTask',
    params: { node: '{node}', upid: 'UPID' },
  },
  {
    verb: 'GET',
    path: '/nodes/{node}/tasks/{upid}/log',
    usedBy: 'waitForTask',
    params: { node: '{node}', upid: 'UPID', start: 0, limit: 5000 },
  },
  {
    verb: 'GET',
    path: '/nodes/{node}/qemu/{vmid}/config',
    usedBy: 'getVmConfig, configureVm, inspectVms',
    params: VM,
  },
  {
    verb: 'POST',
    path: '/nodes/{node}/qemu/{vmid}/clone',
    usedBy: 'cloneVm',
    params: {
      ...VM,
      newid: '{newid}',
      name: 'bh',
      description: 'd',
      full: true,
      target: '{node}',
      storage: '{storage}',
      pool: '{pool}',
    },
    facts: { storages: ['{storage}'], bridges: ['{bridge}'] },
  },
  {
    verb: 'PUT',
    path: '/nodes/{node}/qemu/{vmid}/config',
    usedBy: 'configureVm, setOnboot, buildTemplate (tags)',
    params: {
      ...VM,
      digest: 'x',
      cores: 2,
      memory: '2048',
      net0: 'virtio=BC:24:11:00:00:01,bridge={bridge}',
      ipconfig0: 'ip=10.0.0.5/24,gw=10.0.0.1',
      nameserver: '10.0.0.1',
      ciuser: 'user',
      cicustom: 'user={snippetStorage}:snippets/x.yaml',
      tags: 'blockhost',
      description: 'd',
      agent: '1',
      onboot: true,
    },
  },
  {
    verb: 'PUT',
    path: '/nodes/{node}/qemu/{vmid}/resize',
    usedBy: 'resizeVmDisk',
    params: { ...VM, disk: 'scsi0', size: '32G' },
    facts: { diskStorage: '{storage}' },
  },
  {
    verb: 'GET',
    path: '/nodes/{node}/qemu/{vmid}/status/current',
    usedBy: 'getVmStatus',
    params: VM,
  },
  {
    verb: 'POST',
    path: '/nodes/{node}/qemu/{vmid}/status/start',
    usedBy: 'startVm, resumeVm',
    params: VM,
  },
  {
    verb: 'POST',
    path: '/nodes/{node}/qemu/{vmid}/status/stop',
    usedBy: 'stopVm, suspendVm, destroyVm',
    params: VM,
  },
  {
    verb: 'POST',
    path: '/nodes/{node}/qemu/{vmid}/status/shutdown',
    usedBy: 'shutdownVm, suspendVm',
    params: { ...VM, timeout: 120, forceStop: false },
  },
  {
    verb: 'POST',
    path: '/nodes/{node}/qemu/{vmid}/status/suspend',
    usedBy: 'suspendVm (hibernate)',
    params: { ...VM, todisk: true },
    facts: { stateStorage: '{storage}' },
  },
  {
    verb: 'POST',
    path: '/nodes/{node}/qemu/{vmid}/status/resume',
    usedBy: 'startVm (paused VM)',
    params: VM,
  },
  {
    verb: 'POST',
    path: '/nodes/{node}/qemu/{vmid}/agent/ping',
    usedBy: 'waitForAgent',
    params: VM,
  },
  {
    verb: 'POST',
    path: '/nodes/{node}/qemu/{vmid}/agent/exec',
    usedBy: 'guestExec, setLoginWallet',
    params: { ...VM, command: ['usermod'], 'input-data': '' },
  },
  {
    verb: 'GET',
    path: '/nodes/{node}/qemu/{vmid}/agent/exec-status',
    usedBy: 'guestExec',
    params: { ...VM, pid: 1 },
  },
  {
    verb: 'POST',
    path: '/nodes/{node}/qemu/{vmid}/agent/file-write',
    usedBy: 'guestFileWrite',
    params: { ...VM, file: '/x', content: 'eA==', encode: false },
  },
  {
    verb: 'GET',
    path: '/nodes/{node}/qemu/{vmid}/rrddata',
    usedBy: 'getVmMetrics',
    params: { ...VM, timeframe: 'hour' },
  },
  {
    verb: 'DELETE',
    path: '/nodes/{node}/qemu/{vmid}',
    usedBy: 'destroyVm',
    params: { ...VM, purge: true, 'destroy-unreferenced-disks': true },
  },
  {
    verb: 'GET',
    path: '/nodes/{node}/storage/{storage}/content',
    usedBy: 'listStorageContent, downloadUrl',
    params: { node: '{node}', storage: '{importStorage}', content: 'import' },
  },
  {
    verb: 'POST',
    path: '/nodes/{node}/storage/{storage}/download-url',
    usedBy: 'downloadUrl, buildTemplate',
    params: {
      node: '{node}',
      storage: '{importStorage}',
      url: 'https://x/image.qcow2',
      filename: 'image.qcow2',
      content: 'import',
      checksum: 'x',
      'checksum-algorithm': 'sha512',
    },
  },
  {
    verb: 'POST',
    path: '/nodes/{node}/qemu',
    usedBy: 'buildTemplate',
    // No `tags` here: a create checks them on /vms/{newid} alone (assert_tag_permissions), where
    // a pool-scoped token holds nothing; buildTemplate sets them once the VM is in the pool.
    params: {
      node: '{node}',
      vmid: '{newid}',
      pool: '{pool}',
      name: 't',
      memory: '2048',
      cores: 2,
      ostype: 'l26',
      scsihw: 'virtio-scsi-single',
      scsi0: DRIVE_IMPORT,
      ide2: '{storage}:cloudinit',
      boot: 'order=scsi0',
      serial0: 'socket',
      vga: 'serial0',
      agent: 'enabled=1',
      net0: 'virtio,bridge={bridge}',
      description: 'd',
    },
  },
  { verb: 'POST', path: '/nodes/{node}/qemu/{vmid}/template', usedBy: 'buildTemplate', params: VM },
];

/** A privilege the role needs and the (templated) ACL paths where it is checked. */
/** All requirement trees of one call: the schema's expression, the handler's own checks, visibility. */
export function callNeeds(call: SdkCall, schema: CompactSchema = pveSchema()): Need[] {
  const def = schema.paths[call.path]?.[call.verb];
  if (!def) throw new Error(`${call.verb} ${call.path} is not in the PVE schema`);
  const needs: Need[] = [];
  const perms = def.permissions;
  if (!perms || (!perms.check && !perms.user)) needs.push({ kind: 'root' });
  else if (perms.check) {
    const n = expressionNeed(perms.check, call.params);
    if (!n) throw new Error(`${call.verb} ${call.path}: permission check needs a user context`);
    needs.push(n);
  }
  needs.push(...handlerNeeds(call.verb, call.path, call.params, call.facts));
  needs.push(...(call.visibility ?? []));
  return needs;
}

type Grant = { priv: string; path: string };

/**
 * BlockHost grants on its pool, and a VM joins the pool only when its create
 * or clone has finished: what those calls need on the new VM itself can not
 * be granted without granting it on every VMID (`/vms`).
 */
const NOT_GRANTABLE = new Set(['/vms/{newid}']);

/** Privileges that satisfy `need` given `have`, or the cheapest addition. */
function satisfy(need: Need, have: Set<string>): Grant[] | null {
  switch (need.kind) {
    case 'root':
      return null;
    case 'perm': {
      if (NOT_GRANTABLE.has(need.path)) return null;
      if (!need.any) return need.privs.map((priv) => ({ priv, path: need.path }));
      const held = need.privs.find((p) => have.has(p));
      return [{ priv: held ?? need.privs[0]!, path: need.path }];
    }
    case 'and': {
      const out: Grant[] = [];
      for (const n of need.of) {
        const g = satisfy(n, new Set([...have, ...out.map((x) => x.priv)]));
        if (!g) return null;
        out.push(...g);
      }
      return out;
    }
    case 'or': {
      // Cheapest alternative: fewest new privileges, then fewest privileges at all
      // (download-url: Sys.AccessNetwork on the node beats Sys.Audit + Sys.Modify on /).
      const score = (g: Grant[]) => [g.filter((x) => !have.has(x.priv)).length, g.length] as const;
      let best: Grant[] | null = null;
      for (const n of need.of) {
        const g = satisfy(n, have);
        if (!g) continue;
        if (!best) {
          best = g;
          continue;
        }
        const [a1, a2] = score(g);
        const [b1, b2] = score(best);
        if (a1 < b1 || (a1 === b1 && a2 < b2)) best = g;
      }
      return best;
    }
  }
}

function isMandatory(n: Need): boolean {
  return n.kind === 'perm' ? !n.any : n.kind === 'and' ? n.of.every(isMandatory) : false;
}

/**
 * The least privileges the SDK's calls need: first every privilege some call
 * cannot do without, then, for checks with alternatives ("any of",
 * "or"), nothing if one is already held, else the cheapest alternative.
 */
export function deriveRequiredPrivileges(
  calls: readonly SdkCall[] = SDK_CALLS,
  schema: CompactSchema = pveSchema(),
): DerivedPrivileges {
  const all = calls.flatMap((c) =>
    callNeeds(c, schema).map((need) => ({ call: `${c.verb} ${c.path}`, need })),
  );
  const have = new Set<string>();
  const paths = new Set<string>();
  const neededBy: Record<string, Set<string>> = {};
  const grant = (g: Grant[], call: string) => {
    for (const x of g) {
      have.add(x.priv);
      paths.add(x.path);
      const set = neededBy[x.priv] ?? new Set<string>();
      set.add(call);
      neededBy[x.priv] = set;
    }
  };
  const ordered = [
    ...all.filter((a) => isMandatory(a.need)),
    ...all.filter((a) => !isMandatory(a.need)),
  ];
  for (const { call, need } of ordered) {
    const g = satisfy(need, have);
    if (!g)
      throw new Error(
        `${call} needs root@pam or a privilege on the new VM itself: the SDK must not make it`,
      );
    grant(g, call);
  }
  return {
    privileges: [...have].sort(),
    paths: [...paths].sort(),
    neededBy: Object.fromEntries(Object.entries(neededBy).map(([k, v]) => [k, [...v].sort()])),
  };
}
