import { ResultAsync } from 'neverthrow';
import { unwrap } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import { getClusterResources } from '../../cluster/resources.js';
import { Semaphore } from '../../concurrency/semaphore.js';
import { type PveError, toPveError } from '../../errors.js';
import { getVmConfig, isVmMissing, type VmConfig } from './config.js';
import { toVmRef, type VmRef } from './find.js';

/** The addresses a VM's cloud-init config gives it (`ipconfigN`), without prefix length. */
export interface VmAddresses {
  ipv4: string[];
  ipv6: string[];
}

const ADDRESS = /^([^/]+)\/[0-9]{1,3}$/;

/**
 * Every static address in `ipconfig0` … `ipconfigN` (`ip=10.0.0.5/24`,
 * `ip6=2001:db8::5/64`); `dhcp` and `auto` name none.
 */
export function vmAddresses(config: VmConfig): VmAddresses {
  const out: VmAddresses = { ipv4: [], ipv6: [] };
  for (const [k, v] of Object.entries(config)) {
    if (!/^ipconfig[0-9]+$/.test(k) || typeof v !== 'string') continue;
    for (const part of v.split(',')) {
      const [name, value = ''] = part.split('=', 2);
      const address = ADDRESS.exec(value)?.[1];
      if (!address) continue;
      if (name === 'ip') out.ipv4.push(address);
      else if (name === 'ip6') out.ipv6.push(address.toLowerCase());
    }
  }
  return out;
}

export interface VmInspection extends VmRef {
  /** Starts with its node (`onboot`). */
  onboot: boolean;
  description: string;
  addresses: VmAddresses;
  /** The address of `ipconfig0`, the VM's first interface: what BlockHost configures. */
  primary: { ipv4: string | null; ipv6: string | null };
}

export interface InspectVmsParameters {
  /** Only VMs these are true for are read (default: every VM that is not a template). */
  filter?: (vm: VmRef) => boolean;
  /** Config reads at once (default 8). */
  concurrency?: number;
}

/**
 * Every VM of the cluster with what its config says: addresses, `onboot`,
 * description. One `/cluster/resources` listing and one config read per VM
 * (bounded concurrency). A VM removed between the listing and its read is
 * left out.
 */
export function inspectVms(
  client: PveClient,
  p: InspectVmsParameters = {},
): ResultAsync<VmInspection[], PveError> {
  return ResultAsync.fromPromise(
    (async () => {
      const resources = await unwrap(getClusterResources(client, { type: 'vm' }));
      const refs = resources
        .filter((r) => r.type === 'qemu' && typeof r.vmid === 'number')
        .map(toVmRef)
        .filter((vm) => !vm.template && (p.filter?.(vm) ?? true));
      const gate = new Semaphore(p.concurrency ?? 8);
      const read = await Promise.all(
        refs.map((vm) =>
          gate.run(async (): Promise<VmInspection | null> => {
            const config = await getVmConfig(client, vm);
            if (config.isErr()) {
              if (isVmMissing(config.error)) return null;
              throw config.error;
            }
            const c = config.value;
            const first = vmAddresses({ ipconfig0: c.ipconfig0 });
            return {
              ...vm,
              onboot: String(c.onboot ?? '0') === '1',
              description: String(c.description ?? ''),
              addresses: vmAddresses(c),
              primary: { ipv4: first.ipv4[0] ?? null, ipv6: first.ipv6[0] ?? null },
            };
          }),
        ),
      );
      return read.filter((x): x is VmInspection => x !== null);
    })(),
    toPveError,
  );
}
