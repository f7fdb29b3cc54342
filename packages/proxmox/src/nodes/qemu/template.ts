import { InvalidInputError } from '@blockhost/core';
import { errAsync, ResultAsync } from 'neverthrow';
import { pveCall, unwrap } from '../../client/call.js';
import type { PveClient } from '../../client/create-client.js';
import {
  type PveError,
  PveHttpError,
  PvePermissionError,
  toSdkError,
  VmConflictError,
  VmidUnavailableError,
} from '../../errors.js';
import { downloadUrl } from '../storage/download-url.js';
import { runTaskOrThrow } from '../tasks/wait.js';
import { waitUnlockedOrThrow } from './clone.js';
import { getVmConfig } from './config.js';
import { findVm, splitTags } from './find.js';
import { resizeVmDisk } from './resize.js';

export const TEMPLATE_TAG = 'blockhost-template';

export interface BuildTemplateParameters {
  node: string;
  vmid: number;
  /** VM name of the template, e.g. `blockhost-debian-13`. */
  name: string;
  /** The cloud image (e.g. Debian's genericcloud qcow2). */
  image: {
    url: string;
    /** File name in the import storage (must end in .qcow2, .raw, .img or .vmdk). */
    filename: string;
    checksum?: { algorithm: 'sha256' | 'sha512'; value: string };
    /** Storage with `import` content (default `local`). */
    storage?: string;
  };
  /** Where the template's disk and cloud-init drive go (e.g. `local-lvm`). */
  storage: string;
  /** Resource pool the template joins (BlockHost's): a pool-scoped token creates it there. */
  pool?: string;
  bridge: string;
  memoryMiB?: number;
  cores?: number;
  /** Grow the imported disk to this size. */
  diskGiB?: number;
  description?: string;
  timeoutMs?: number;
}

export type TemplateStep = 'download' | 'create' | 'tag' | 'resize' | 'template';

export interface BuildTemplateReturnType {
  vmid: number;
  node: string;
  /** The steps this run performed (empty when the template was already complete). */
  steps: TemplateStep[];
}

/**
 * Builds the VM template from a cloud image: `download-url` into an
 * import-capable storage, create the VM with `scsi0` imported from it
 * (`import-from`), a cloud-init drive, serial console, guest agent, then
 * convert it to a template. Each step checks the world first, so a rerun
 * after a failure continues where it stopped and a complete template is left
 * alone. A different VM at `vmid` is a conflict, never overwritten.
 */
export function buildTemplate(
  client: PveClient,
  p: BuildTemplateParameters,
): ResultAsync<BuildTemplateReturnType, PveError | InvalidInputError> {
  if (!/^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/i.test(p.name)) {
    return errAsync(new InvalidInputError('name', `'${p.name}' is not a valid VM name (DNS name)`));
  }
  const importStorage = p.image.storage ?? 'local';
  const loc = { node: p.node, vmid: p.vmid };
  return ResultAsync.fromPromise(
    (async (): Promise<BuildTemplateReturnType> => {
      const steps: TemplateStep[] = [];
      const existing = await unwrap(findVm(client, p.vmid));
      if (existing && (existing.name !== p.name || existing.node !== p.node)) {
        throw new VmConflictError(
          `VMID ${p.vmid} is taken by '${existing.name ?? '?'}' on ${existing.node}, not the template '${p.name}'`,
          [p.vmid],
        );
      }
      if (existing?.template) return { vmid: p.vmid, node: p.node, steps };
      if (!existing) {
        const dl = await unwrap(
          downloadUrl(client, {
            node: p.node,
            storage: importStorage,
            url: p.image.url,
            filename: p.image.filename,
            content: 'import',
            checksum: p.image.checksum,
            timeoutMs: p.timeoutMs,
          }),
        );
        if (dl.downloaded) steps.push('download');
        try {
          await runTaskOrThrow(
            client,
            () =>
              client.api.nodes.$(p.node).qemu.$post({
                vmid: p.vmid,
                name: p.name,
                memory: String(p.memoryMiB ?? 2048),
                cores: p.cores ?? 2,
                ostype: 'l26',
                scsihw: 'virtio-scsi-single',
                scsi0: `${p.storage}:0,import-from=${dl.volid},discard=on`,
                ide2: `${p.storage}:cloudinit`,
                boot: 'order=scsi0',
                serial0: 'socket',
                vga: 'serial0',
                agent: 'enabled=1',
                net0: `virtio,bridge=${p.bridge}`,
                // Tags come after: a create checks them on /vms/<vmid> alone, before the VM
                // is in the pool, where a pool-scoped token holds nothing.
                ...(p.pool !== undefined ? { pool: p.pool } : {}),
                description:
                  p.description ?? 'BlockHost VM template, built by blockhost template build.',
              } as never),
            { node: p.node, timeoutMs: p.timeoutMs, label: `create template ${p.vmid}` },
          );
        } catch (e) {
          // An earlier attempt created it and its answer was lost: adopt it if it is ours.
          if (!(e instanceof PveHttpError && /already exists/.test(e.reason))) throw e;
          const read = await getVmConfig(client, loc);
          if (read.isErr() && read.error instanceof PvePermissionError)
            throw new VmidUnavailableError(p.vmid);
          if (read.isErr()) throw read.error;
          const c = read.value;
          if (c.name !== p.name)
            throw new VmConflictError(`VMID ${p.vmid} is taken by '${String(c.name)}'`, [p.vmid]);
        }
        steps.push('create');
      }
      await waitUnlockedOrThrow(client, p.node, p.vmid, p.timeoutMs ?? 30 * 60_000);
      const config = await unwrap(getVmConfig(client, loc));
      const tags = splitTags(typeof config.tags === 'string' ? config.tags : undefined);
      if (!tags.includes(TEMPLATE_TAG)) {
        await unwrap(
          pveCall(client, (api) =>
            api.nodes
              .$(p.node)
              .qemu.$(p.vmid)
              .config.$put({ tags: [...tags, TEMPLATE_TAG].join(';') }),
          ),
        );
        steps.push('tag');
      }
      if (p.diskGiB !== undefined) {
        const r = await unwrap(resizeVmDisk(client, { ...loc, sizeGiB: p.diskGiB }));
        if (r.resized) steps.push('resize');
      }
      await runTaskOrThrow(
        client,
        () => client.api.nodes.$(p.node).qemu.$(p.vmid).template.$post({}),
        {
          node: p.node,
          timeoutMs: p.timeoutMs,
          label: `convert ${p.vmid} to a template`,
        },
      );
      steps.push('template');
      return { vmid: p.vmid, node: p.node, steps };
    })(),
    toSdkError,
  );
}
