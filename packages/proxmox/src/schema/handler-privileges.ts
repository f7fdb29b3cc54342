import { bridgePath, type Need, perm } from './privileges.js';
import { configParamsNeeds } from './qemu-privileges.js';
import type { PermCheck } from './types.js';

/** Replaces `{param}` in a permission path with the request's value. */
export function fillPath(path: string, params: Readonly<Record<string, unknown>>): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    params[name] === undefined ? `{${name}}` : String(params[name]),
  );
}

/**
 * A schema check expression as a `Need`, for the forms used by VM, storage
 * and node calls (`perm`, `and`, `or`). Returns `null` for the forms that
 * need the caller's identity (`userid-param`, `userid-group`, `perm-modify`).
 */
export function expressionNeed(
  check: PermCheck,
  params: Readonly<Record<string, unknown>>,
): Need | null {
  const [op, ...rest] = check;
  if (op === 'perm') {
    const [path, privs, ...opts] = rest as [string, string[], ...unknown[]];
    let any = false;
    for (let i = 0; i < opts.length; i += 2) {
      if (opts[i] === 'any') any = Boolean(opts[i + 1]);
      // A `require_param` branch only counts when the parameter is present.
      if (opts[i] === 'require_param' && params[String(opts[i + 1])] === undefined) {
        return { kind: 'or', of: [] };
      }
    }
    return perm(fillPath(path, params), privs, any);
  }
  if (op === 'and' || op === 'or') {
    const of: Need[] = [];
    for (const sub of rest) {
      const n = Array.isArray(sub) ? expressionNeed(sub, params) : null;
      if (!n) return null;
      of.push(n);
    }
    return { kind: op, of };
  }
  return null;
}

/** Facts a handler knows beyond the parameters (what PVE reads from the VM's config). */
export interface CallFacts {
  /** Storages a clone writes to (target storage, or the source disks' storages). */
  readonly storages?: readonly string[];
  /** Bridges of the source VM's network devices (clone). */
  readonly bridges?: readonly string[];
  /** The storage of the disk a resize grows. */
  readonly diskStorage?: string;
  /** Where `suspend todisk=1` writes the VM state. */
  readonly stateStorage?: string;
}

/**
 * Checks PVE's handlers make beyond the schema's expression: stated in the
 * method's permission description (clone, suspend) or done in qemu-server's
 * code (create/update per config key, resize on the storage).
 */
export function handlerNeeds(
  verb: string,
  template: string,
  params: Readonly<Record<string, unknown>>,
  facts: CallFacts = {},
): Need[] {
  const vmPath = `/vms/${String(params.vmid ?? '{vmid}')}`;
  switch (`${verb} ${template}`) {
    case 'POST /nodes/{node}/qemu': {
      // Stated in the description: "You need 'VM.Allocate' permissions on /vms/{vmid} or on
      // the VM pool /pool/{pool}"; the per-key checks accept the pool too (check_vm_perm).
      const pool = params.pool === undefined ? undefined : `/pool/${String(params.pool)}`;
      const allocate = perm(vmPath, ['VM.Allocate']);
      return [
        pool ? { kind: 'or', of: [allocate, perm(pool, ['VM.Allocate'])] } : allocate,
        ...configParamsNeeds(params, vmPath, pool),
      ];
    }
    case 'POST /nodes/{node}/qemu/{vmid}/config':
    case 'PUT /nodes/{node}/qemu/{vmid}/config':
      return configParamsNeeds(params, vmPath);
    case 'POST /nodes/{node}/qemu/{vmid}/clone':
      return [
        ...(facts.storages ?? []).map((s) => perm(`/storage/${s}`, ['Datastore.AllocateSpace'])),
        ...(facts.bridges ?? []).map((b) => perm(bridgePath(b), ['SDN.Use'])),
      ];
    case 'PUT /nodes/{node}/qemu/{vmid}/resize':
      return facts.diskStorage
        ? [perm(`/storage/${facts.diskStorage}`, ['Datastore.AllocateSpace'])]
        : [];
    case 'POST /nodes/{node}/qemu/{vmid}/status/suspend':
      if (!params.todisk) return [];
      return [
        perm(vmPath, ['VM.Config.Disk']),
        ...(facts.stateStorage
          ? [perm(`/storage/${facts.stateStorage}`, ['Datastore.AllocateSpace'])]
          : []),
      ];
    default:
      return [];
  }
}
