import { timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Verb } from '@blockhost/proxmox/schema';
import { matchPath, pveSchema, type RawParams, validateParams } from '@blockhost/proxmox/schema';
import { normalizeAclPath, privilegesAt, splitTokenId } from './access.js';
import { createSelfSignedCert, type SelfSignedCert } from './cert.js';
import { type RequestRecord, SimCore } from './core.js';
import { allocVolume, formatSize } from './disks.js';
import { blobStore, guestView } from './guest.js';
import { accessHandlers } from './handlers/access.js';
import { agentHandlers } from './handlers/agent.js';
import { clusterHandlers } from './handlers/cluster.js';
import { nodeHandlers } from './handlers/nodes.js';
import { poolHandlers } from './handlers/pools.js';
import { qemuHandlers } from './handlers/qemu.js';
import { storageHandlers } from './handlers/storage.js';
import type { HandlerTable } from './handlers/types.js';
import type {
  PveSimulatorOptions,
  ResolvedOptions,
  SimNodeSpec,
  SimTemplateSpec,
} from './options.js';
import { checkMethodPermissions } from './permissions.js';
import { checkReturns } from './returns.js';
import { SimHttpError } from './sim-error.js';
import {
  type ExecRecord,
  emptyState,
  type FileWriteRecord,
  GiB,
  type GuestFile,
  type GuestState,
  MiB,
  newGuest,
  type SimState,
  type SimTask,
  type SimVm,
  type SimVolume,
} from './state.js';

const HANDLERS: HandlerTable = {
  ...clusterHandlers,
  ...nodeHandlers,
  ...storageHandlers,
  ...qemuHandlers,
  ...poolHandlers,
  ...agentHandlers,
  ...accessHandlers,
};

/** Every `VERB /path` the simulator implements (the rest of the schema answers 501). */
export const SIMULATED_METHODS: readonly string[] = Object.keys(HANDLERS).sort();

export const BOOTSTRAP_TOKEN_ID = 'root@pam!bootstrap';
const MAX_BODY = 1024 * 1024;
const JSON_TYPE = 'application/json;charset=UTF-8';

/** A VM as tests see it (a copy: changing it changes nothing). */
export interface SimVmView {
  vmid: number;
  node: string;
  status: SimVm['status'];
  config: Record<string, string>;
  template: boolean;
  tags: string[];
  guest: GuestState<GuestFile>;
}

export interface SimAclGrant {
  path: string;
  roleid: string;
  users?: string[];
  tokens?: string[];
  groups?: string[];
  propagate?: boolean;
}

/** A running simulator: its address, credentials, and handles for tests. */
export interface PveSimulator {
  /** Base URL, e.g. `http://127.0.0.1:41234` (the API is below `/api2/json`). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly protocol: 'http' | 'https';
  /** The HTTPS certificate (PEM, usable as a CA) and its SHA-256 fingerprint; null for HTTP. */
  readonly tls: { certPem: string; fingerprint256: string } | null;
  /** The bootstrap token `root@pam!bootstrap` (privilege separation off: full root). */
  readonly rootToken: { id: string; secret: string };
  readonly nodes: readonly string[];
  /** Where snippets of `node` live (what `cicustom user=local:snippets/…` reads on start). */
  snippetsDir(node?: string): string;

  vm(vmid: number): SimVmView | undefined;
  vms(): SimVmView[];
  tasks(filter?: { type?: string; id?: string }): SimTask[];
  volumes(filter?: { node?: string; storage?: string; vmid?: number }): SimVolume[];
  /** Every request answered so far (secrets redacted). */
  requests(): RequestRecord[];
  clearRequests(): void;
  /** Guest agent activity of a VM: commands run and files written. */
  agentLog(vmid: number): { execs: ExecRecord[]; fileWrites: FileWriteRecord[] };
  /** Highest number of clones seen running at once, per `node/storage`. */
  cloneConcurrency(): Record<string, number>;
  /** A copy of the whole state. */
  snapshot(): SimState;

  access: {
    createUser(userid: string, opts?: { comment?: string }): void;
    /** Creates an API token; returns its id and secret. */
    createToken(
      userid: string,
      name: string,
      opts?: { privsep?: boolean },
    ): { id: string; secret: string };
    createRole(roleid: string, privs: readonly string[]): void;
    setAcl(grant: SimAclGrant): void;
    /** Convenience: a role `roleid` with `privs`, granted to the token and its user on each path. */
    grant(
      tokenId: string,
      roleid: string,
      privs: readonly string[],
      paths: readonly string[],
    ): void;
    privileges(authid: string, path: string): string[];
    roles(): Record<string, string[]>;
    /** Creates (or extends) a resource pool with these members, as an administrator would. */
    pool(poolid: string, members?: { vms?: readonly number[]; storage?: readonly string[] }): void;
    /** Every pool with its members. */
    pools(): Record<string, { vms: number[]; storage: string[] }>;
  };

  faults: {
    /** The next `count` tasks (of `type`, if given) fail with `message`. */
    failNextTasks(count: number, opts?: { type?: string; message?: string }): void;
    /** A seeded share (0..1) of all tasks (of `types`, if given) fails; null turns it off. */
    taskFailureRate(opts: { rate: number; types?: string[]; message?: string } | null): void;
    /** Answer a share of requests with these statuses (500/595/503) before running them. */
    errorRate(
      opts: { rate: number; statuses?: number[]; path?: RegExp; methods?: string[] } | null,
    ): void;
    /** Delay every answer by `ms`, or by a seeded value in [min, max]. */
    latency(ms: number | { minMs: number; maxMs: number } | null): void;
    /** Run the next `count` matching requests, then drop the connection without an answer. */
    dropResponses(method: string, path: RegExp, count?: number): void;
    /** Status/log reads of a task younger than `ms` answer 400/404. */
    taskInvisibleFor(ms: number): void;
    /** Hold a VM's config lock (like a long task); returns the release function. */
    holdLock(vmid: number, ms?: number): Promise<() => void>;
    /** The guest ignores ACPI shutdown (a hung guest). */
    ignoreShutdown(vmid: number, on?: boolean): void;
    /**
     * The customer breaks a program inside their VM (they are root there): agent execs of it
     * exit with `exitcode` and `stderr`; null repairs it.
     */
    breakGuestProgram(
      vmid: number,
      program: string,
      outcome: { exitcode: number; stderr: string } | null,
    ): void;
    nodeOnline(node: string, online: boolean): void;
  };

  seedTemplate(spec: SimTemplateSpec): void;
  /** Write the state file now (also done on every change and on close). */
  save(): void;
  close(): Promise<void>;
}

/** Temporary snippet roots of running simulators, removed even if a process exits without close(). */
const tmpRoots = new Set<string>();
let exitHook = false;
function trackTmpRoot(dir: string): void {
  tmpRoots.add(dir);
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const d of tmpRoots) rmSync(d, { recursive: true, force: true });
  });
}

function resolveNodes(specs: Array<string | SimNodeSpec> | undefined): SimNodeSpec[] {
  return (specs ?? ['pve1']).map((s) => (typeof s === 'string' ? { name: s } : s));
}

function initialState(opts: PveSimulatorOptions): SimState {
  const state = emptyState();
  for (const s of opts.storages ?? [
    {
      id: 'local',
      type: 'dir' as const,
      content: ['iso', 'vztmpl', 'backup', 'snippets', 'import'] as const,
      path: '/var/lib/vz',
    },
    { id: 'local-lvm', type: 'lvmthin' as const, content: ['images', 'rootdir'] as const },
  ]) {
    state.storages[s.id] = {
      id: s.id,
      type: s.type,
      content: [...s.content],
      shared: 'shared' in s ? Boolean(s.shared) : false,
      path: 'path' in s ? s.path : undefined,
      size: 'sizeGiB' in s && s.sizeGiB !== undefined ? s.sizeGiB * GiB : undefined,
    };
  }
  for (const n of resolveNodes(opts.nodes)) {
    const sizes: Record<string, number> = {};
    const given = n.storageGiB ?? { local: 100, 'local-lvm': 500 };
    for (const s of Object.values(state.storages)) {
      if (s.shared) continue;
      const gib = given[s.id] ?? (n.storageGiB ? undefined : s.id === 'local' ? 100 : 500);
      if (gib !== undefined) sizes[s.id] = gib * GiB;
    }
    state.nodes[n.name] = {
      name: n.name,
      memory: (n.memoryMiB ?? 65536) * MiB,
      cores: n.cores ?? 16,
      bridges: n.bridges ?? ['vmbr0'],
      hostMemory: 2 * GiB,
      storageSize: sizes,
      ip: n.ip ?? '127.0.0.1',
    };
  }
  return state;
}

function loadState(path: string): SimState {
  const state = JSON.parse(readFileSync(path, 'utf8')) as SimState;
  if (state.version !== 1)
    throw new Error(`${path}: unsupported simulator state version ${String(state.version)}`);
  state.access.pools ??= {}; // state files from before pools were simulated
  // Workers do not survive a restart: their tasks end like PVE's after a crash.
  for (const t of state.tasks) {
    if (t.status === 'running') {
      t.status = 'stopped';
      t.exitstatus = 'unexpected status';
      t.endtime = t.starttime;
    }
  }
  return state;
}

function seedTemplateInto(sim: SimCore, spec: SimTemplateSpec): void {
  const node = spec.node ?? Object.keys(sim.state.nodes)[0]!;
  if (!sim.state.nodes[node]) throw new Error(`seedTemplate: no node '${node}'`);
  if (sim.state.vms[String(spec.vmid)]) return;
  const storage = spec.storage ?? 'local-lvm';
  const vm: SimVm = {
    vmid: spec.vmid,
    node,
    config: {},
    status: 'stopped',
    startedAt: null,
    guest: newGuest(spec.name ?? 'debian-template'),
  };
  sim.state.vms[String(spec.vmid)] = vm;
  const disk = allocVolume(sim, node, storage, spec.vmid, (spec.diskGiB ?? 3) * GiB, 'base');
  const ci = allocVolume(sim, node, storage, spec.vmid, 4 * MiB, 'cloudinit');
  Object.assign(vm.config, {
    name: spec.name ?? 'debian-template',
    memory: '2048',
    cores: '2',
    cpu: 'host',
    ostype: 'l26',
    scsihw: 'virtio-scsi-single',
    scsi0: `${disk.volid},discard=on,iothread=1,size=${formatSize(disk.size)}`,
    ide2: `${ci.volid},media=cdrom`,
    boot: 'order=scsi0',
    serial0: 'socket',
    vga: 'serial0',
    agent: 'enabled=1',
    net0: `virtio=BC:24:11:00:00:01,bridge=${spec.bridge ?? 'vmbr0'}`,
    tags: 'blockhost-template',
    template: '1',
    smbios1: 'uuid=00000000-0000-4000-a000-000000000001',
  });
  sim.markDirty();
}

function flatten(search: URLSearchParams, into: Record<string, string | string[]>): void {
  for (const key of new Set(search.keys())) {
    const all = search.getAll(key);
    into[key] = all.length === 1 ? all[0]! : all;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new SimHttpError(413, 'request entity too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseBody(req: IncomingMessage, body: Buffer): RawParams {
  if (body.length === 0) return {};
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json') {
    let v: unknown;
    try {
      v = JSON.parse(body.toString('utf8'));
    } catch {
      throw new SimHttpError(400, 'malformed JSON request body');
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v))
      throw new SimHttpError(400, 'JSON request body must be an object');
    return v as RawParams;
  }
  if (type === 'application/x-www-form-urlencoded' || type === '') {
    const out: Record<string, string | string[]> = {};
    flatten(new URLSearchParams(body.toString('utf8')), out);
    return out;
  }
  throw new SimHttpError(415, `unsupported content type '${type}'`);
}

const TOKEN_HEADER =
  /^PVEAPIToken=([^\s!=]+@[A-Za-z][A-Za-z0-9.\-_]*![A-Za-z][A-Za-z0-9.\-_]*)[=:](\S+)$/;

function authenticate(sim: SimCore, header: string | undefined): string {
  if (!header) throw new SimHttpError(401, 'No ticket');
  const m = TOKEN_HEADER.exec(header.trim());
  if (!m) throw new SimHttpError(401, 'authentication failure');
  const authid = m[1]!;
  const { user, token } = splitTokenId(authid);
  const u = sim.state.access.users[user];
  const t = token === undefined ? undefined : u?.tokens[token];
  const now = Math.floor(sim.now() / 1000);
  const same = (a: string, b: string) => {
    const x = Buffer.from(a);
    const y = Buffer.from(b);
    return x.length === y.length && timingSafeEqual(x, y);
  };
  if (!u || !t || !same(t.secret, m[2]!)) throw new SimHttpError(401, 'authentication failure');
  if (!u.enable || (u.expire && u.expire < now) || (t.expire && t.expire < now)) {
    throw new SimHttpError(401, 'authentication failure');
  }
  return authid;
}

function send(res: ServerResponse, status: number, message: string, body: unknown): void {
  const text = JSON.stringify(body);
  // PVE puts the error in the status line; it must stay one line of Latin-1.
  res.statusMessage =
    message
      .split('\n')[0]!
      .replace(/[^\x20-\x7e]/g, '?')
      .slice(0, 500) || 'OK';
  res.writeHead(status, {
    'Content-Type': JSON_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'max-age=0',
  });
  res.end(text);
}

async function handle(sim: SimCore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const url = new URL(req.url ?? '/', 'http://sim');
  const method = (req.method ?? 'GET').toUpperCase();
  const record: RequestRecord = {
    seq: sim.nextRequestSeq(),
    at: sim.now(),
    method,
    path: url.pathname,
    template: null,
    authid: null,
    status: 0,
    ms: 0,
    params: {},
  };
  let drop = false;
  try {
    const f = sim.faults;
    if (f.latency) {
      const { minMs, maxMs } = f.latency;
      record.delayedMs = minMs + Math.floor(sim.rng() * (maxMs - minMs + 1));
      await sim.delay(record.delayedMs);
    }
    if (!url.pathname.startsWith('/api2/json/') && url.pathname !== '/api2/json') {
      throw new SimHttpError(
        501,
        `Unsupported format or path '${url.pathname}' (only /api2/json is simulated)`,
      );
    }
    const apiPath = url.pathname.slice('/api2/json'.length) || '/';
    const body = await readBody(req);
    const authid = authenticate(sim, req.headers.authorization);
    record.authid = authid;
    const match = matchPath(pveSchema(), apiPath);
    const def = match?.methods[method as Verb];
    if (!match || !def)
      throw new SimHttpError(501, `Method '${method} ${url.pathname}' not implemented`);
    record.template = match.template;
    const raw: RawParams = {};
    flatten(url.searchParams, raw as Record<string, string | string[]>);
    Object.assign(raw, parseBody(req, body));
    for (const [k, v] of Object.entries(match.pathParams)) {
      if (raw[k] !== undefined && String(raw[k]) !== v) {
        throw new SimHttpError(400, 'Parameter verification failed.', {
          [k]: 'duplicate parameter (path and body differ)',
        });
      }
      raw[k] = v;
    }
    record.params = sim.redact(raw);
    const er = f.errorRate;
    if (er && (!er.path || er.path.test(apiPath)) && (!er.methods || er.methods.includes(method))) {
      if (sim.rng() < er.rate) {
        const status = er.statuses[Math.floor(sim.rng() * er.statuses.length)] ?? 500;
        record.fault = `errorRate ${status}`;
        throw new SimHttpError(
          status,
          status === 595
            ? 'Connection timed out'
            : status === 503
              ? 'Service Unavailable - too many requests'
              : 'got no worker upid - already finished',
        );
      }
    }
    const validated = validateParams(def, raw);
    const denied = checkMethodPermissions(sim, def, authid, validated.params);
    if (denied) throw denied;
    if (Object.keys(validated.errors).length > 0) {
      throw new SimHttpError(400, 'Parameter verification failed.', validated.errors);
    }
    const handler = HANDLERS[`${method} ${match.template}`];
    if (!handler) {
      throw new SimHttpError(
        501,
        `Method '${method} ${match.template}' is in the PVE ${pveSchema().source.version} schema but not implemented by blockhost-pve-sim`,
      );
    }
    if (def.proxyto && typeof validated.params[def.proxyto] === 'string') {
      sim.node(validated.params[def.proxyto] as string);
    }
    const data = await handler({ sim, params: validated.params, authid });
    if (sim.opts.validateResponses) {
      const problems = checkReturns(def.returns, data);
      if (problems.length > 0) {
        throw new SimHttpError(
          500,
          `simulator bug: ${method} ${match.template} answer does not match the schema: ${problems.slice(0, 5).join('; ')}`,
        );
      }
    }
    const di = f.drops.findIndex(
      (d) => d.remaining > 0 && d.method === method && d.path.test(apiPath),
    );
    if (di >= 0) {
      f.drops[di]!.remaining--;
      record.fault = 'dropped response';
      drop = true;
      req.socket.destroy();
      record.status = 0;
      return;
    }
    record.status = 200;
    send(res, 200, 'OK', { data: data ?? null });
  } catch (e) {
    if (drop) return;
    const err =
      e instanceof SimHttpError
        ? e
        : new SimHttpError(
            500,
            `internal simulator error: ${e instanceof Error ? e.message : String(e)}`,
          );
    record.status = err.status;
    const message = err.message.endsWith('\n') ? err.message : `${err.message}\n`;
    send(res, err.status, err.message, {
      data: null,
      ...(err.errors ? { errors: err.errors } : {}),
      message,
    });
  } finally {
    record.ms = performance.now() - started;
    sim.requestLog.push(record);
    if (sim.requestLog.length > 100_000) sim.requestLog.splice(0, 50_000);
  }
}

const clone = <T>(v: T): T => structuredClone(v);

function view(state: SimState, vm: SimVm): SimVmView {
  return {
    vmid: vm.vmid,
    node: vm.node,
    status: vm.status,
    config: clone(vm.config),
    template: vm.config.template === '1',
    tags: (vm.config.tags ?? '').split(';').filter(Boolean),
    guest: guestView(blobStore(state), vm.guest),
  };
}

/**
 * Starts a Proxmox VE API simulator in this process. Every request is
 * checked against the PVE 9.2.3 schema (path, method, parameters, types,
 * formats) and the caller's privileges before a handler runs.
 */
export async function startPveSimulator(options: PveSimulatorOptions = {}): Promise<PveSimulator> {
  const opts: ResolvedOptions = {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    https: options.https ?? false,
    taskMs: options.taskMs ?? 0,
    bootMs: options.bootMs ?? 0,
    lockTimeoutMs: options.lockTimeoutMs ?? 1000,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 50,
    seed: options.seed ?? 1,
    validateResponses: options.validateResponses ?? true,
    downloads: options.downloads ?? {},
    now: options.now ?? Date.now,
  };
  const state =
    options.statePath && existsSync(options.statePath)
      ? loadState(options.statePath)
      : initialState(options);
  const nodes = Object.keys(state.nodes);
  let tmpRoot: string | undefined;
  const snippetsDirs: Record<string, string> = {};
  for (const n of nodes) {
    const given = options.snippetsDir;
    if (typeof given === 'string') snippetsDirs[n] = given;
    else if (given?.[n]) snippetsDirs[n] = given[n];
    else {
      if (!tmpRoot) {
        tmpRoot = mkdtempSync(join(tmpdir(), 'blockhost-pve-sim-'));
        trackTmpRoot(tmpRoot);
      }
      snippetsDirs[n] = join(tmpRoot, n, 'snippets');
    }
    mkdirSync(snippetsDirs[n]!, { recursive: true });
  }
  const sim = new SimCore(state, opts, snippetsDirs, options.statePath);
  const root = state.access.users['root@pam']!;
  const bootstrap = root.tokens.bootstrap ?? {
    privsep: false,
    expire: 0,
    comment: 'simulator bootstrap',
    secret: sim.newSecret(),
  };
  if (options.rootTokenSecret) bootstrap.secret = options.rootTokenSecret;
  root.tokens.bootstrap = bootstrap;
  if (options.template) seedTemplateInto(sim, options.template);

  let cert: SelfSignedCert | null = null;
  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    void sim.track(handle(sim, req, res));
  };
  let server: http.Server | https.Server;
  if (opts.https) {
    cert =
      options.certificate ??
      createSelfSignedCert('blockhost-pve-sim', ['localhost', '127.0.0.1', '::1', opts.host]);
    sim.tlsFingerprint = cert.fingerprint256;
    server = https.createServer({ cert: cert.certPem, key: cert.keyPem }, onRequest);
  } else {
    server = http.createServer(onRequest);
  }
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const protocol = opts.https ? 'https' : 'http';
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  sim.saveNow();

  const tokenSecret = (userid: string, name: string) =>
    state.access.users[userid]?.tokens[name]?.secret;
  const access: PveSimulator['access'] = {
    createUser(userid, o = {}) {
      state.access.users[userid] ??= {
        enable: true,
        expire: 0,
        comment: o.comment,
        groups: [],
        tokens: {},
      };
      sim.markDirty();
    },
    createToken(userid, name, o = {}) {
      const u = state.access.users[userid];
      if (!u) throw new Error(`createToken: no user ${userid}`);
      u.tokens[name] = { privsep: o.privsep ?? true, expire: 0, secret: sim.newSecret() };
      sim.markDirty();
      return { id: `${userid}!${name}`, secret: tokenSecret(userid, name)! };
    },
    createRole(roleid, privs) {
      state.access.roles[roleid] = { privs: [...privs].sort(), special: false };
      sim.markDirty();
    },
    setAcl(g) {
      const path = normalizeAclPath(g.path);
      const add = (type: 'user' | 'token' | 'group', ugid: string) => {
        state.access.acl = state.access.acl.filter(
          (e) => !(e.path === path && e.type === type && e.ugid === ugid && e.roleid === g.roleid),
        );
        state.access.acl.push({
          path,
          type,
          ugid,
          roleid: g.roleid,
          propagate: g.propagate ?? true,
        });
      };
      for (const u of g.users ?? []) add('user', u);
      for (const t of g.tokens ?? []) add('token', t);
      for (const gr of g.groups ?? []) add('group', gr);
      sim.markDirty();
    },
    grant(tokenId, roleid, privs, paths) {
      const { user } = splitTokenId(tokenId);
      access.createRole(roleid, privs);
      for (const path of paths) access.setAcl({ path, roleid, users: [user], tokens: [tokenId] });
    },
    privileges: (authid, path) => [...privilegesAt(state.access, authid, path)].sort(),
    roles: () =>
      Object.fromEntries(Object.entries(state.access.roles).map(([k, r]) => [k, [...r.privs]])),
    pool(poolid, members = {}) {
      state.access.pools[poolid] ??= { vms: [], storage: [] };
      const p = state.access.pools[poolid];
      for (const vmid of members.vms ?? []) {
        for (const other of Object.values(state.access.pools))
          other.vms = other.vms.filter((v) => v !== vmid);
        p.vms.push(vmid);
      }
      for (const s of members.storage ?? []) if (!p.storage.includes(s)) p.storage.push(s);
      sim.markDirty();
    },
    pools: () =>
      Object.fromEntries(
        Object.entries(state.access.pools).map(([k, p]) => [
          k,
          { vms: [...p.vms].sort((a, b) => a - b), storage: [...p.storage].sort() },
        ]),
      ),
  };

  const faults: PveSimulator['faults'] = {
    failNextTasks(count, o = {}) {
      sim.faults.tasks.push({
        remaining: count,
        type: o.type,
        message: o.message ?? 'simulated task failure',
      });
    },
    taskFailureRate(o) {
      sim.faults.taskFailureRate = o
        ? { rate: o.rate, types: o.types, message: o.message ?? 'simulated task failure' }
        : null;
    },
    errorRate(o) {
      sim.faults.errorRate = o
        ? {
            rate: o.rate,
            statuses: o.statuses ?? [500, 595, 503],
            path: o.path,
            methods: o.methods,
          }
        : null;
    },
    latency(ms) {
      sim.faults.latency =
        ms === null ? null : typeof ms === 'number' ? { minMs: ms, maxMs: ms } : ms;
    },
    dropResponses(method, path, count = 1) {
      sim.faults.drops.push({ method: method.toUpperCase(), path, remaining: count });
    },
    taskInvisibleFor(ms) {
      sim.faults.newTaskInvisibleMs = ms;
    },
    async holdLock(vmid, ms) {
      const holder = `test-hold-${vmid}`;
      await sim.acquireLock(vmid, holder, 60_000);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        sim.releaseLock(vmid);
      };
      if (ms !== undefined) sim.later(ms, release);
      return release;
    },
    ignoreShutdown(vmid, on = true) {
      const vm = state.vms[String(vmid)];
      if (!vm) throw new Error(`ignoreShutdown: no VM ${vmid}`);
      vm.ignoreShutdown = on;
    },
    breakGuestProgram(vmid, program, outcome) {
      const vm = state.vms[String(vmid)];
      if (!vm) throw new Error(`breakGuestProgram: no VM ${vmid}`);
      const broken = { ...(vm.brokenPrograms ?? {}) };
      if (outcome) broken[program] = outcome;
      else delete broken[program];
      vm.brokenPrograms = broken;
      sim.markDirty();
    },
    nodeOnline(node, online) {
      if (online) sim.faults.offlineNodes.delete(node);
      else sim.faults.offlineNodes.add(node);
    },
  };

  let closing: Promise<void> | null = null;
  return {
    url: `${protocol}://${hostForUrl}:${port}`,
    host: opts.host,
    port,
    protocol,
    tls: cert ? { certPem: cert.certPem, fingerprint256: cert.fingerprint256 } : null,
    rootToken: { id: BOOTSTRAP_TOKEN_ID, secret: bootstrap.secret },
    nodes,
    snippetsDir: (node = nodes[0]!) => {
      const d = snippetsDirs[node];
      if (!d) throw new Error(`no node '${node}'`);
      return d;
    },
    vm: (vmid) => {
      const vm = state.vms[String(vmid)];
      return vm ? view(state, vm) : undefined;
    },
    vms: () => Object.values(state.vms).map((vm) => view(state, vm)),
    tasks: (filter = {}) =>
      clone(
        state.tasks.filter(
          (t) => (!filter.type || t.type === filter.type) && (!filter.id || t.id === filter.id),
        ),
      ),
    volumes: (filter = {}) =>
      clone(
        Object.values(state.volumes).filter(
          (v) =>
            (!filter.node || v.node === filter.node || v.node === '') &&
            (!filter.storage || v.storage === filter.storage) &&
            (filter.vmid === undefined || v.vmid === filter.vmid),
        ),
      ),
    requests: () => [...sim.requestLog],
    clearRequests: () => {
      sim.requestLog.length = 0;
    },
    agentLog: (vmid) => {
      const g = state.vms[String(vmid)]?.guest;
      return { execs: clone(g?.execs ?? []), fileWrites: clone(g?.fileWrites ?? []) };
    },
    cloneConcurrency: () =>
      Object.fromEntries([...sim.cloneConcurrency].map(([k, v]) => [k, v.max])),
    snapshot: () => clone(state),
    access,
    faults,
    seedTemplate: (spec) => seedTemplateInto(sim, spec),
    save: () => sim.saveNow(),
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await sim.close();
        if (tmpRoot) {
          rmSync(tmpRoot, { recursive: true, force: true });
          tmpRoots.delete(tmpRoot);
        }
      })();
      return closing;
    },
  };
}
