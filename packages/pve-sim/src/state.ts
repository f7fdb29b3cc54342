import { type AccessState, emptyAccess } from './access.js';

/** A node of the simulated cluster. */
export interface SimNode {
  name: string;
  /** Bytes of RAM. */
  memory: number;
  cores: number;
  bridges: string[];
  /** Bytes the host itself uses (counted in the node's `mem`). */
  hostMemory: number;
  /** Bytes per local storage id. */
  storageSize: Record<string, number>;
  /** Address other nodes (and SFTP snippet delivery) use. */
  ip: string;
}

export type StorageType = 'dir' | 'lvmthin' | 'nfs';

export interface SimStorage {
  id: string;
  type: StorageType;
  content: string[];
  shared: boolean;
  /** Mount path for file-based storages (`dir`, `nfs`). */
  path?: string | undefined;
  /** Bytes, for shared storages (local ones are sized per node). */
  size?: number | undefined;
}

export type VolumeContent =
  | 'images'
  | 'rootdir'
  | 'iso'
  | 'vztmpl'
  | 'import'
  | 'snippets'
  | 'backup';

export interface SimVolume {
  volid: string;
  storage: string;
  /** The node holding it; `''` on shared storage. */
  node: string;
  size: number;
  format: string;
  content: VolumeContent;
  vmid?: number | undefined;
  ctime: number;
  /** For imports: the downloaded bytes' SHA-256, when the fixture had bytes. */
  sha256?: string | undefined;
}

export interface GuestUser {
  name: string;
  uid: number;
  gecos: string;
  groups: string[];
  shell: string;
  home: string;
  sudo?: string | undefined;
  lockPasswd: boolean;
  sshAuthorizedKeys: string[];
}

export interface ExecRecord {
  pid: number;
  at: number;
  command: string[];
  inputData?: string | undefined;
  exitcode: number;
  outData: string;
  errData: string;
  /** False for commands the simulator does not model (see the README). */
  simulated: boolean;
}

export interface FileWriteRecord {
  at: number;
  file: string;
  /** The written bytes as base64. */
  contentBase64: string;
}

/** A file in the simulated guest, as the state keeps it. */
export interface StoredGuestFile {
  /** The bytes as base64 (files up to `INLINE_FILE_MAX` bytes). */
  contentBase64?: string | undefined;
  /**
   * Larger files: the SHA-256 of the bytes, kept once in `SimState.blobs` — every VM gets the
   * same login programs, and the state file is rewritten on each change.
   */
  blob?: string | undefined;
  permissions?: string | undefined;
  owner?: string | undefined;
}

/** A guest file as tests see it (`PveSimulator.vm()`): always with its bytes. */
export interface GuestFile {
  contentBase64: string;
  permissions?: string | undefined;
  owner?: string | undefined;
}

export interface GuestState<F = StoredGuestFile> {
  hostname: string;
  users: Record<string, GuestUser>;
  /** Files written by cloud-init `write_files` or the agent. */
  files: Record<string, F>;
  /** SHA-256 of the last applied user-data (cloud-init runs its modules once per instance). */
  appliedUserData?: string | undefined;
  /** `runcmd` entries of the applied user-data, as cloud-init would run them. */
  runcmd: Array<string | string[]>;
  packages: string[];
  execs: ExecRecord[];
  fileWrites: FileWriteRecord[];
  nextPid: number;
}

export interface SimVm {
  vmid: number;
  node: string;
  /** The config as PVE stores it: one string per key (`cores: "2"`). */
  config: Record<string, string>;
  status: 'stopped' | 'running' | 'paused';
  /** ms epoch of the last start (uptime, agent boot time). */
  startedAt: number | null;
  /** Hibernated (suspend to disk): the VM state volume. */
  guest: GuestState;
  /** Ignore ACPI shutdown requests (fault: a hung guest). */
  ignoreShutdown?: boolean | undefined;
  /**
   * Programs the customer broke inside the guest (they are root there): an agent exec of one
   * exits with this code and stderr (fault).
   */
  brokenPrograms?: Record<string, { exitcode: number; stderr: string }> | undefined;
}

export interface SimTask {
  upid: string;
  node: string;
  type: string;
  id: string;
  user: string;
  pid: number;
  pstart: number;
  starttime: number;
  status: 'running' | 'stopped';
  exitstatus?: string | undefined;
  endtime?: number | undefined;
  log: string[];
  vmid?: number | undefined;
}

export interface SimState {
  version: 1;
  nodes: Record<string, SimNode>;
  storages: Record<string, SimStorage>;
  volumes: Record<string, SimVolume>;
  vms: Record<string, SimVm>;
  tasks: SimTask[];
  access: AccessState;
  /** Counter for task pids and other ids. */
  seq: number;
  /** Contents of large guest files by SHA-256, base64 (see `StoredGuestFile.blob`). */
  blobs?: Record<string, string> | undefined;
}

export function emptyState(): SimState {
  return {
    version: 1,
    nodes: {},
    storages: {},
    volumes: {},
    vms: {},
    tasks: [],
    access: emptyAccess(),
    seq: 1,
    blobs: {},
  };
}

export function newGuest(hostname: string): GuestState {
  return {
    hostname,
    users: {
      root: {
        name: 'root',
        uid: 0,
        gecos: 'root',
        groups: ['root'],
        shell: '/bin/bash',
        home: '/root',
        lockPasswd: true,
        sshAuthorizedKeys: [],
      },
    },
    files: {},
    runcmd: [],
    packages: [],
    execs: [],
    fileWrites: [],
    nextPid: 1000,
  };
}

export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;
