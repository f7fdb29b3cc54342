import type { FileOwner } from '@blockhost/host';
import { z } from 'zod';

/** What the wizard knows about the machine it sets up; its defaults come from here. */
export const factsSchema = z.strictObject({
  /** This node's name in the Proxmox cluster. */
  nodeName: z.string(),
  nodes: z.array(z.string()).min(1),
  bridges: z.array(
    z.strictObject({
      name: z.string(),
      /** The host's own address on it and the subnet, e.g. 192.168.1.5/24. */
      address: z.string().optional(),
    }),
  ),
  gateway: z.string().optional(),
  dns: z.array(z.string()),
  storages: z.array(
    z.strictObject({
      id: z.string(),
      type: z.string(),
      content: z.array(z.string()),
      path: z.string().optional(),
      shared: z.boolean().optional(),
    }),
  ),
  /** VMs and templates already there (VMIDs in use, templates to pick). */
  vms: z.array(
    z.strictObject({
      vmid: z.number().int(),
      name: z.string().optional(),
      node: z.string(),
      template: z.boolean(),
    }),
  ),
  pve: z.strictObject({
    url: z.string(),
    fingerprint: z.string().optional(),
  }),
});

export type MachineFacts = z.output<typeof factsSchema>;

export interface AdminToken {
  readonly id: string;
  readonly secret: string;
}

/** What the finalize does to the machine besides writing files (root's part). */
export interface MachineEffects {
  /** Owner of the config and secret files (root:blockhost), or none (keep ours). */
  fileOwner(): FileOwner | undefined;
  /** An administrator's Proxmox token for the duration of `use` (created and removed on a host). */
  withAdminToken<T>(use: (token: AdminToken) => Promise<T>): Promise<T>;
  enableUnits(units: readonly string[]): Promise<void>;
  reboot(): Promise<void>;
}
