import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { SimCore } from '../core.js';
import { TaskFailure } from '../core.js';
import {
  addFileVolume,
  findVolume,
  freeVolume,
  storageTotal,
  storageUsed,
  volumeKey,
} from '../disks.js';
import { fail, paramError, SimHttpError } from '../sim-error.js';
import { GiB, type SimStorage, type VolumeContent } from '../state.js';
import { can } from './cluster.js';
import { b01, type HandlerTable, int, str } from './types.js';

const FILE_EXT: Record<string, RegExp> = {
  iso: /\.(iso|img)$/i,
  vztmpl: /\.tar\.(gz|xz|zst|bz2)$/i,
  import: /\.(ova|ovf|qcow2|raw|vmdk|img)$/i,
};

function storageOnNode(sim: SimCore, node: string, id: string): SimStorage {
  sim.node(node);
  const s = sim.state.storages[id];
  if (!s || (!s.shared && sim.state.nodes[node]!.storageSize[id] === undefined)) {
    throw fail(`storage '${id}' does not exist on node '${node}'`);
  }
  return s;
}

function statusEntry(sim: SimCore, s: SimStorage, node: string) {
  const total = storageTotal(sim, s, node);
  const used = Math.min(total, storageUsed(sim, s.id, node));
  return {
    storage: s.id,
    type: s.type,
    content: s.content.join(','),
    active: 1,
    enabled: 1,
    shared: b01(s.shared),
    total,
    used,
    avail: total - used,
    used_fraction: total > 0 ? used / total : 0,
  };
}

/** Snippets are real files in the node's snippets directory; the rest live in the state. */
function snippetVolumes(sim: SimCore, node: string, s: SimStorage) {
  const dir = sim.snippetsDirs[node];
  if (!dir || !s.content.includes('snippets')) return [];
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => !n.startsWith('.'))
    .map((n) => {
      const st = statSync(join(dir, n));
      return {
        volid: `${s.id}:snippets/${n}`,
        content: 'snippets',
        format: 'snippet',
        size: st.size,
        ctime: Math.floor(st.mtimeMs / 1000),
      };
    });
}

const DIGESTS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'] as const;

export const storageHandlers: HandlerTable = {
  'GET /storage': ({ sim, params, authid }) => {
    const type = str(params.type);
    return Object.values(sim.state.storages)
      .filter((s) => !type || s.type === type)
      .filter((s) =>
        can(sim, authid, `/storage/${s.id}`, ['Datastore.Audit', 'Datastore.AllocateSpace'], true),
      )
      .map((s) => ({
        storage: s.id,
        type: s.type,
        content: s.content.join(','),
        shared: b01(s.shared),
        ...(s.path ? { path: s.path } : {}),
        digest: '0'.repeat(40),
      }));
  },

  'GET /storage/{storage}': ({ sim, params }) => {
    const s = sim.state.storages[str(params.storage)!];
    if (!s) throw fail(`storage '${str(params.storage)}' does not exist`);
    return {
      storage: s.id,
      type: s.type,
      content: s.content.join(','),
      shared: b01(s.shared),
      ...(s.path ? { path: s.path } : {}),
      digest: '0'.repeat(40),
    };
  },

  'GET /nodes/{node}/storage': ({ sim, params, authid }) => {
    const node = str(params.node)!;
    sim.node(node);
    const content = str(params.content);
    const only = str(params.storage);
    return Object.values(sim.state.storages)
      .filter((s) => s.shared || sim.state.nodes[node]!.storageSize[s.id] !== undefined)
      .filter((s) => !only || s.id === only)
      .filter((s) => !content || content.split(',').every((c) => s.content.includes(c)))
      .filter((s) =>
        can(sim, authid, `/storage/${s.id}`, ['Datastore.Audit', 'Datastore.AllocateSpace'], true),
      )
      .map((s) => statusEntry(sim, s, node));
  },

  'GET /nodes/{node}/storage/{storage}': ({ sim, params }) => {
    storageOnNode(sim, str(params.node)!, str(params.storage)!);
    return ['content', 'download-url', 'status', 'rrd', 'rrddata', 'upload'].map((subdir) => ({
      subdir,
    }));
  },

  'GET /nodes/{node}/storage/{storage}/status': ({ sim, params }) => {
    const node = str(params.node)!;
    return statusEntry(sim, storageOnNode(sim, node, str(params.storage)!), node);
  },

  'GET /nodes/{node}/storage/{storage}/content': ({ sim, params }) => {
    const node = str(params.node)!;
    const s = storageOnNode(sim, node, str(params.storage)!);
    const content = str(params.content);
    const vmid = int(params.vmid);
    const vols = Object.values(sim.state.volumes)
      .filter((v) => v.storage === s.id && (v.node === '' || v.node === node))
      .map((v) => ({
        volid: v.volid,
        content: v.content,
        format: v.format,
        size: v.size,
        ctime: v.ctime,
        ...(v.vmid !== undefined ? { vmid: v.vmid } : {}),
      }));
    return [...vols, ...snippetVolumes(sim, node, s)]
      .filter((v) => !content || v.content === content)
      .filter((v) => vmid === undefined || ('vmid' in v && v.vmid === vmid));
  },

  'DELETE /nodes/{node}/storage/{storage}/content/{volume}': ({ sim, params, authid }) => {
    const node = str(params.node)!;
    const id = str(params.storage)!;
    storageOnNode(sim, node, id);
    sim.require(authid, {
      kind: 'perm',
      path: `/storage/${id}`,
      privs: ['Datastore.Allocate'],
      any: false,
    });
    const volume = str(params.volume)!;
    const volid = volume.includes(':') ? volume : `${id}:${volume}`;
    const vol = findVolume(sim, volid, node);
    if (!vol) throw fail(`volume '${volid}' does not exist`);
    if (vol.content === 'images' && vol.vmid !== undefined && sim.state.vms[String(vol.vmid)]) {
      throw fail(`volume '${volid}' is in use by VM ${vol.vmid}`);
    }
    return sim.startTask({
      node,
      type: 'imgdel',
      id: volid,
      user: authid,
      run: () => freeVolume(sim, volid, node),
    });
  },

  'POST /nodes/{node}/storage/{storage}/download-url': ({ sim, params, authid }) => {
    const node = str(params.node)!;
    const s = storageOnNode(sim, node, str(params.storage)!);
    const content = str(params.content)! as VolumeContent;
    const filename = str(params.filename)!;
    const url = str(params.url)!;
    if (!s.content.includes(content)) {
      throw fail(`storage '${s.id}' does not support content type '${content}'`);
    }
    if (!/^https?:\/\/[^\s/]+/.test(url)) throw paramError({ url: 'invalid URL' });
    if (filename.includes('/') || !FILE_EXT[content]?.test(filename)) {
      throw paramError({ filename: 'invalid filename or wrong extension' });
    }
    const checksum = str(params.checksum);
    const algo = str(params['checksum-algorithm']);
    if ((checksum === undefined) !== (algo === undefined)) {
      throw paramError({ checksum: "'checksum' and 'checksum-algorithm' must be given together" });
    }
    if (algo && !DIGESTS.includes(algo as (typeof DIGESTS)[number]))
      throw paramError({ 'checksum-algorithm': 'invalid' });
    return sim.startTask({
      node,
      type: 'download',
      id: s.id,
      user: authid,
      run: (log) => {
        const volid = `${s.id}:${content}/${filename}`;
        if (sim.state.volumes[volumeKey(s.shared ? '' : node, volid)]) {
          throw new TaskFailure(`refusing to override existing file '${filename}'`);
        }
        log(
          `downloading ${url} to ${s.path ?? '/var/lib/vz'}/${content === 'import' ? 'import' : 'template/iso'}/${filename}`,
        );
        const fixture = sim.opts.downloads[url];
        if (fixture?.error) throw new TaskFailure(`download failed: ${fixture.error}`);
        const data = fixture?.data;
        let sha256: string | undefined;
        if (data) {
          sha256 = createHash('sha256').update(data).digest('hex');
          if (checksum && algo) {
            const got = createHash(algo).update(data).digest('hex');
            if (got !== checksum.toLowerCase()) {
              throw new TaskFailure(`checksum mismatch: got '${got}' != expect '${checksum}'`);
            }
            log(`calculating checksum...OK, checksum verified`);
          }
        } else if (checksum) {
          log('checksum not verified: the simulator has no bytes for this URL');
        }
        const size = data ? data.length : (fixture?.size ?? 2 * GiB);
        addFileVolume(sim, node, s, content, filename, size, sha256);
        log(`download of '${url}' to '${volid}' finished`);
      },
    });
  },

  'POST /nodes/{node}/storage/{storage}/upload': () => {
    throw new SimHttpError(501, 'uploads are not simulated by blockhost-pve-sim');
  },
};
