import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { parse as parseYaml } from 'yaml';
import type {
  ExecRecord,
  GuestFile,
  GuestState,
  GuestUser,
  SimState,
  StoredGuestFile,
} from './state.js';

/**
 * The simulated guest: what cloud-init makes of the user-data on first boot
 * (users with GECOS, sudo, hostname, write_files, runcmd, packages), and a
 * guest agent that runs a few commands against that state.
 */

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const asList = (v: unknown): string[] => {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  return [];
};

/** Files up to this many bytes are kept inline; larger ones once per content (`blobs`). */
export const INLINE_FILE_MAX = 16 * 1024;

/** Where large guest file contents live: the state's `blobs`, by SHA-256. */
export type BlobStore = Record<string, string>;

export function blobStore(state: SimState): BlobStore {
  state.blobs ??= {};
  return state.blobs;
}

/** The stored form of `bytes`, putting large contents into `blobs` (once per content). */
export function storeGuestFile(
  blobs: BlobStore,
  bytes: Buffer,
  meta: Pick<StoredGuestFile, 'permissions' | 'owner'> = {},
): StoredGuestFile {
  if (bytes.length <= INLINE_FILE_MAX) return { contentBase64: bytes.toString('base64'), ...meta };
  let sha = shaOf.get(bytes);
  if (sha === undefined) {
    sha = createHash('sha256').update(bytes).digest('hex');
    shaOf.set(bytes, sha);
  }
  blobs[sha] ??= bytes.toString('base64');
  return { blob: sha, ...meta };
}

/** Hashes of contents decoded from a cache (below): each is hashed once. */
const shaOf = new WeakMap<Buffer, string>();

/** The bytes of a stored guest file. */
export function guestFileBytes(blobs: BlobStore, f: StoredGuestFile): Buffer {
  if (f.contentBase64 !== undefined) return Buffer.from(f.contentBase64, 'base64');
  const b64 = f.blob === undefined ? undefined : blobs[f.blob];
  if (b64 === undefined) throw new Error(`simulator state: guest file content ${f.blob} missing`);
  return Buffer.from(b64, 'base64');
}

/** A guest as tests see it: every file with its bytes. */
export function guestView(blobs: BlobStore, guest: GuestState): GuestState<GuestFile> {
  const files: Record<string, GuestFile> = {};
  for (const [path, f] of Object.entries(guest.files)) {
    files[path] = {
      contentBase64: guestFileBytes(blobs, f).toString('base64'),
      ...(f.permissions !== undefined ? { permissions: f.permissions } : {}),
      ...(f.owner !== undefined ? { owner: f.owner } : {}),
    };
  }
  return { ...structuredClone({ ...guest, files: {} }), files };
}

/** Drops blobs no guest file refers to any more (VMs destroyed, files replaced). */
export function pruneBlobs(state: SimState): void {
  if (!state.blobs) return;
  const used = new Set<string>();
  for (const vm of Object.values(state.vms))
    for (const f of Object.values(vm.guest.files)) if (f.blob) used.add(f.blob);
  for (const sha of Object.keys(state.blobs)) if (!used.has(sha)) delete state.blobs[sha];
}

/** What applying user-data did, for the boot log. */
export interface CloudInitResult {
  applied: boolean;
  problems: string[];
}

/**
 * Applies cloud-config user-data the way cloud-init's per-instance modules
 * would: only when it differs from what was applied last (a new instance).
 */
export function applyUserData(
  guest: GuestState,
  text: string,
  defaultHostname: string,
  blobs: BlobStore,
): CloudInitResult {
  const hash = createHash('sha256').update(text).digest('hex');
  if (guest.appliedUserData === hash) return { applied: false, problems: [] };
  const problems: string[] = [];
  if (!text.startsWith('#cloud-config')) {
    // cloud-init treats other user-data as a script or ignores it; no users get created.
    guest.appliedUserData = hash;
    return { applied: true, problems: ['user-data does not start with #cloud-config'] };
  }
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (e) {
    return { applied: false, problems: [`user-data is not valid YAML: ${(e as Error).message}`] };
  }
  if (!isObj(doc)) return { applied: false, problems: ['user-data is not a YAML mapping'] };
  guest.hostname =
    typeof doc.hostname === 'string'
      ? doc.hostname
      : typeof doc.fqdn === 'string'
        ? doc.fqdn.split('.')[0]!
        : defaultHostname;
  let uid = 1000 + Object.values(guest.users).filter((u) => u.uid >= 1000).length;
  for (const entry of Array.isArray(doc.users) ? doc.users : []) {
    if (entry === 'default') continue;
    if (!isObj(entry) || typeof entry.name !== 'string') {
      problems.push(`users: entry without a name: ${JSON.stringify(entry)}`);
      continue;
    }
    const existing = guest.users[entry.name];
    const sudo = Array.isArray(entry.sudo) ? entry.sudo.map(String).join('; ') : entry.sudo;
    const user: GuestUser = {
      name: entry.name,
      uid: existing?.uid ?? uid++,
      gecos: typeof entry.gecos === 'string' ? entry.gecos : (existing?.gecos ?? ''),
      groups: asList(entry.groups),
      shell: typeof entry.shell === 'string' ? entry.shell : '/bin/sh',
      home: typeof entry.homedir === 'string' ? entry.homedir : `/home/${entry.name}`,
      sudo: typeof sudo === 'string' ? sudo : undefined,
      lockPasswd: entry.lock_passwd !== false,
      sshAuthorizedKeys: asList(entry.ssh_authorized_keys),
    };
    guest.users[entry.name] = user;
  }
  for (const f of Array.isArray(doc.write_files) ? doc.write_files : []) {
    if (!isObj(f) || typeof f.path !== 'string') {
      problems.push('write_files: entry without a path');
      continue;
    }
    const content = typeof f.content === 'string' ? f.content : '';
    const enc = typeof f.encoding === 'string' ? f.encoding : 'text/plain';
    const bytes = decodeContent(content, enc, f.path, problems);
    if (bytes === null) continue;
    const prev = guest.files[f.path];
    guest.files[f.path] = storeGuestFile(
      blobs,
      f.append === true && prev ? Buffer.concat([guestFileBytes(blobs, prev), bytes]) : bytes,
      {
        permissions: typeof f.permissions === 'string' ? f.permissions : undefined,
        owner: typeof f.owner === 'string' ? f.owner : undefined,
      },
    );
  }
  guest.runcmd = Array.isArray(doc.runcmd)
    ? doc.runcmd.map((c) => (Array.isArray(c) ? c.map(String) : String(c)))
    : [];
  guest.packages = asList(doc.packages);
  guest.appliedUserData = hash;
  return { applied: true, problems };
}

/**
 * A `write_files` content as cloud-init decodes it: `b64`/`base64`, gzipped and base64
 * (`gz+b64`, `gzip+base64`, …), else text. Null (and a problem) when gzipped content does not
 * inflate: cloud-init fails that file.
 */
function decodeContent(
  content: string,
  encoding: string,
  path: string,
  problems: string[],
): Buffer | null {
  const coded = /^(?:(gz|gzip)\+)?(?:b64|base64)$/.exec(encoding.toLowerCase());
  if (!coded) return Buffer.from(content);
  const gzip = coded[1] !== undefined;
  if (content.length < CACHE_FROM) return inflate(content, encoding, gzip, path, problems);
  const hit = decoded.get(content);
  if (hit && hit.gzip === gzip) return hit.bytes;
  const bytes = inflate(content, encoding, gzip, path, problems);
  if (bytes === null) return null;
  if (decoded.size >= CACHED) decoded.delete(decoded.keys().next().value as string);
  decoded.set(content, { gzip, bytes });
  return bytes;
}

// Every VM's user-data carries the same large files (the login programs): decoded once. The
// bytes are shared, never written to (an appended file is a new buffer).
const CACHE_FROM = 4096;
const CACHED = 16;
const decoded = new Map<string, { gzip: boolean; bytes: Buffer }>();

function inflate(
  content: string,
  encoding: string,
  gzip: boolean,
  path: string,
  problems: string[],
): Buffer | null {
  const raw = Buffer.from(content.replace(/\s+/g, ''), 'base64');
  if (!gzip) return raw;
  try {
    return gunzipSync(raw);
  } catch (e) {
    problems.push(
      `write_files: ${path}: ${encoding} content does not inflate (${(e as Error).message})`,
    );
    return null;
  }
}

/** `name:x:uid:gid:gecos:home:shell`, as `getent passwd` prints it. */
export function passwdLine(u: GuestUser): string {
  return `${u.name}:x:${u.uid}:${u.uid}:${u.gecos}:${u.home}:${u.shell}`;
}

type Outcome = Pick<ExecRecord, 'exitcode' | 'outData' | 'errData' | 'simulated'>;

/**
 * Runs a command against the guest state. Modelled: `usermod -c|--comment
 * <gecos> <user>`, `getent passwd [user]`, `cat <file>`, `hostname`, `true`,
 * `false`. Anything else is recorded and fails with exit 127 and a message
 * saying it is not simulated, so a test cannot pass on a command that did
 * nothing.
 */
export function runGuestCommand(
  guest: GuestState,
  blobs: BlobStore,
  command: readonly string[],
  inputData?: string,
): Outcome {
  const [prog, ...args] = command;
  const ok = (outData = ''): Outcome => ({ exitcode: 0, outData, errData: '', simulated: true });
  const bad = (exitcode: number, errData: string): Outcome => ({
    exitcode,
    outData: '',
    errData,
    simulated: true,
  });
  switch (prog) {
    case 'true':
      return ok();
    case 'false':
      return bad(1, '');
    case 'hostname':
      return ok(`${guest.hostname}\n`);
    case 'cat': {
      if (args.length === 0) return ok(inputData ?? '');
      let out = '';
      for (const a of args) {
        const f = guest.files[a];
        if (!f) return bad(1, `cat: ${a}: No such file or directory\n`);
        out += guestFileBytes(blobs, f).toString('utf8');
      }
      return ok(out);
    }
    case 'getent': {
      if (args[0] !== 'passwd') return bad(1, `getent: Unknown database: ${args[0] ?? ''}\n`);
      if (args.length === 1)
        return ok(
          Object.values(guest.users)
            .map((u) => `${passwdLine(u)}\n`)
            .join(''),
        );
      const u = guest.users[args[1]!];
      return u
        ? ok(`${passwdLine(u)}\n`)
        : { exitcode: 2, outData: '', errData: '', simulated: true };
    }
    case 'usermod': {
      const i = args.findIndex((a) => a === '-c' || a === '--comment');
      const gecos = i >= 0 ? args[i + 1] : undefined;
      const name = args[args.length - 1];
      if (i < 0 || gecos === undefined || args.length !== i + 3 || !name) {
        return bad(2, 'usermod: only `usermod -c <comment> <user>` is simulated\n');
      }
      if (/[:\n]/.test(gecos)) return bad(3, `usermod: invalid field '${gecos}'\n`);
      const u = guest.users[name];
      if (!u) return bad(6, `usermod: user '${name}' does not exist\n`);
      u.gecos = gecos;
      return ok();
    }
    default:
      return {
        exitcode: 127,
        outData: '',
        errData: `blockhost-pve-sim: '${prog ?? ''}' is not simulated (the call was recorded)\n`,
        simulated: false,
      };
  }
}
