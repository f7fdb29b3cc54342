/** A node of the simulated cluster; every field has a default. */
export interface SimNodeSpec {
  name: string;
  /** RAM in MiB (default 65536). */
  memoryMiB?: number;
  /** CPU cores (default 16). */
  cores?: number;
  /** Sizes in GiB of the node-local storages (default `local` 100, `local-lvm` 500). */
  storageGiB?: Record<string, number>;
  /** Linux bridges on the node (default `vmbr0`). */
  bridges?: string[];
  /** Address reported in `/cluster/status` (default 127.0.0.1). */
  ip?: string;
}

/** A storage definition (cluster-wide, as in /etc/pve/storage.cfg). */
export interface SimStorageSpec {
  id: string;
  type: 'dir' | 'lvmthin' | 'nfs';
  content: Array<'images' | 'rootdir' | 'iso' | 'vztmpl' | 'import' | 'snippets' | 'backup'>;
  shared?: boolean;
  path?: string;
  /** GiB, for shared storages. */
  sizeGiB?: number;
}

/** A pre-seeded template VM, as `buildTemplate` would leave it. */
export interface SimTemplateSpec {
  vmid: number;
  node?: string;
  name?: string;
  /** Storage of its disks (default `local-lvm`). */
  storage?: string;
  diskGiB?: number;
  bridge?: string;
}

/** What a `download-url` of a given URL yields (default: any URL, 2 GiB of synthetic data). */
export interface SimDownloadFixture {
  /** Bytes of the file; its SHA-256/512 etc. is what `checksum` is compared to. */
  data?: Uint8Array;
  /** Size in bytes when there is no `data`. */
  size?: number;
  /** Make the download fail with this message (e.g. `404 Not Found`). */
  error?: string;
}

export interface PveSimulatorOptions {
  /** TCP port (default 0: a free one). */
  port?: number;
  /** Listen address (default 127.0.0.1). */
  host?: string;
  /** Serve HTTPS with a fresh self-signed certificate (default false: plain HTTP). */
  https?: boolean;
  /**
   * The HTTPS certificate to serve (default: a fresh self-signed one). A restarted simulator
   * given its predecessor's certificate keeps the fingerprint clients pinned.
   */
  certificate?: { certPem: string; keyPem: string; fingerprint256: string };
  /** Cluster nodes (default one node `pve1`). */
  nodes?: Array<string | SimNodeSpec>;
  /** Storages (default `local` dir with iso/vztmpl/backup/snippets/import, `local-lvm` lvmthin with images/rootdir). */
  storages?: SimStorageSpec[];
  /** Duration of every task in ms, or per task type (`qmclone`, `qmstart`, …). Default 0. */
  taskMs?: number | Record<string, number>;
  /** Time from VM start until the guest agent answers (default 0). */
  bootMs?: number;
  /** How long a call waits for a VM's config lock before "got timeout" (default 1000 ms). */
  lockTimeoutMs?: number;
  /** Upper bound for a shutdown a hung guest ignores (time compressed, default 50 ms). */
  shutdownTimeoutMs?: number;
  /**
   * Snippets directories: one directory for every node, or one per node.
   * Default: a fresh temporary directory per node, removed on `close()`.
   */
  snippetsDir?: string | Record<string, string>;
  /** Persist state here (JSON, mode 0600) and load it on start. */
  statePath?: string;
  /** Seed for fault injection and generated values (default 1). */
  seed?: number;
  /** Pre-seed a template VM. */
  template?: SimTemplateSpec;
  /** Secret of the bootstrap token `root@pam!bootstrap` (default: random UUID). */
  rootTokenSecret?: string;
  /** Results of `download-url` by URL. */
  downloads?: Record<string, SimDownloadFixture>;
  /** Check every response against the schema's `returns` (default true). */
  validateResponses?: boolean;
  /** Clock (ms epoch), for uptime and metrics (default Date.now). */
  now?: () => number;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  https: boolean;
  taskMs: number | Record<string, number>;
  bootMs: number;
  lockTimeoutMs: number;
  shutdownTimeoutMs: number;
  seed: number;
  validateResponses: boolean;
  downloads: Record<string, SimDownloadFixture>;
  now: () => number;
}
