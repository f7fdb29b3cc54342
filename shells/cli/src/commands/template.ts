import { DEFAULT_IMAGE_URL, ensureTemplate, imageSource } from '@blockhost/host';
import type { RequestEvent, TemplateStep } from '@blockhost/proxmox';
import { pveFailure } from '../failures.js';
import type { CommandSpec } from '../framework/command.js';
import { EXIT, UsageError } from '../framework/errors.js';
import { pveClient } from '../pve.js';

export { DEFAULT_IMAGE_URL };

/** What the build is doing, told from the API call it just made (the SDK reports steps only at the end). */
function stepOf(e: RequestEvent): string | null {
  if (e.method === 'POST' && e.pathTemplate.endsWith('/download-url'))
    return 'downloading the cloud image';
  if (e.method === 'POST' && /\/nodes\/[^/]+\/qemu$/.test(e.pathTemplate))
    return 'creating the VM and importing the disk';
  if (e.method === 'PUT' && e.pathTemplate.endsWith('/resize')) return 'growing the disk';
  if (e.method === 'POST' && e.pathTemplate.endsWith('/template'))
    return 'converting the VM to a template';
  return null;
}

function positiveInt(v: unknown, flag: string, max: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`--${flag}: expected an integer 1..${max}, got ${JSON.stringify(v)}`);
  return n;
}

export const templateBuild: CommandSpec = {
  path: ['template', 'build'],
  summary:
    'build the VM template (proxmox.template_vmid) from a cloud image; resumable, idempotent',
  description:
    'Downloads the cloud image into an import storage on the node (download-url), creates the VM with\n' +
    'its disk imported, a cloud-init drive, serial console and the guest agent, then converts it to a\n' +
    'template. A rerun after a failure continues where it stopped; a finished template is left alone;\n' +
    'a different VM at the VMID is never touched. Uses the configured (least-privilege) token.',
  options: {
    'image-url': { type: 'string', description: `cloud image (default ${DEFAULT_IMAGE_URL})` },
    checksum: {
      type: 'string',
      description: 'verify the download: sha256:<hex> or sha512:<hex> (from the SHA512SUMS file)',
    },
    'import-storage': {
      type: 'string',
      description: 'storage with `import` content to download to (default local)',
    },
    node: { type: 'string', description: 'node to build on (default the first configured node)' },
    name: { type: 'string', description: 'VM name of the template (default blockhost-debian-13)' },
    disk: { type: 'string', description: 'grow the imported disk to this many GiB' },
    memory: { type: 'string', description: "the template's memory in MiB (default 2048)" },
    cores: { type: 'string', description: "the template's cores (default 2)" },
  },
  examples: [
    'blockhost template build',
    'blockhost template build --checksum sha512:5f3e… --disk 10',
  ],
  json: true,
  async run(ctx, _p, v) {
    const config = ctx.config();
    const px = config.blockhost.proxmox;
    const url = (v['image-url'] as string | undefined) ?? DEFAULT_IMAGE_URL;
    const source = imageSource(url, v.checksum === undefined ? undefined : String(v.checksum));
    if (source.isErr()) {
      const e = source.error;
      throw new UsageError(
        e.what === 'checksum' ? `--checksum: ${e.expected}` : `--image-url: ${e.expected}`,
      );
    }
    const { filename, checksum } = source.value;
    const node = (v.node as string | undefined) ?? px.local_node ?? px.nodes[0]!;
    if (!px.nodes.includes(node))
      throw new UsageError(
        `--node: ${node} is not in proxmox.nodes (${px.nodes.join(', ')})`,
        'BlockHost clones the template from the node it is on; add the node to blockhost.yaml first',
      );
    const name = (v.name as string | undefined) ?? 'blockhost-debian-13';
    const importStorage = (v['import-storage'] as string | undefined) ?? 'local';

    const progress = ctx.progress(`building template ${px.template_vmid} on ${node}`);
    const client = pveClient(px, {
      tokenId: px.token_id,
      tokenSecret: config.pveTokenSecret.reveal(),
      onRequest: (e) => {
        const step = stepOf(e);
        if (step) progress.update(`template ${px.template_vmid}: ${step}`);
      },
    });
    try {
      const r = await ensureTemplate(client, {
        node,
        vmid: px.template_vmid,
        name,
        image: { ...source.value, storage: importStorage },
        storage: px.storage,
        pool: px.pool,
        bridge: px.bridge,
        memoryMiB: positiveInt(v.memory, 'memory', 4_194_304),
        cores: positiveInt(v.cores, 'cores', 512),
        diskGiB: positiveInt(v.disk, 'disk', 65_536),
      });
      if (r.isErr()) {
        progress.fail(`template ${px.template_vmid} not built`);
        throw pveFailure(
          `building template ${px.template_vmid} on ${node}`,
          r.error.cause as Error,
        );
      }
      const steps: TemplateStep[] = r.value.steps;
      progress.done(
        steps.length ? `template ${px.template_vmid} built` : `template ${px.template_vmid} ready`,
      );
      const view = {
        vmid: r.value.vmid,
        node: r.value.node,
        name,
        changed: steps.length > 0,
        steps,
        image: { url, filename, storage: importStorage, checksumVerified: Boolean(checksum) },
      };
      ctx.out.data(view);
      ctx.out.line(
        steps.length
          ? `template ${view.vmid} (${name}) on ${view.node} built: ${steps.join(', ')}`
          : `template ${view.vmid} (${name}) on ${view.node} is already complete; nothing changed`,
      );
      if (steps.includes('download') && !checksum)
        ctx.out.warn('the image was not checked against a checksum (pass --checksum sha512:…)');
      return EXIT.ok;
    } finally {
      await client.close();
    }
  },
};
