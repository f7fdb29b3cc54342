import {
  type BlockhostClients,
  type BlockhostContracts,
  createBlockhostClients,
} from '@blockhost/chain';
import {
  DatabaseMissingError,
  type Db,
  type HostConfig,
  HostConfigError,
  type HostPorts,
  type Logger,
  loadHostConfig,
  maskUrlsInLogs,
  openDb,
} from '@blockhost/host';
import type { PveClient } from '@blockhost/proxmox';
import { CliError, EXIT } from './framework/errors.js';
import type { Output } from './framework/output.js';
import { type Progress, startProgress } from './framework/progress.js';
import { pveClient } from './pve.js';

export interface ContextOptions {
  out: Output;
  configDir: string;
  yes: boolean;
  log: Logger;
  /** Builds Proxmox access from the config (the daemon's wiring; tests may swap it). */
  ports: (config: HostConfig, log: Logger) => HostPorts | Promise<HostPorts>;
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stderr?: NodeJS.WriteStream;
}

/** What a command may use, each part loaded on first use and closed at exit. */
export class Context {
  readonly out: Output;
  readonly configDir: string;
  readonly yes: boolean;
  readonly log: Logger;
  readonly stdin: (NodeJS.ReadableStream & { isTTY?: boolean }) | undefined;
  readonly stderr: NodeJS.WriteStream | undefined;
  readonly #ports: ContextOptions['ports'];
  #config: HostConfig | null = null;
  #db: Db | null = null;
  #chain: (BlockhostClients & { contracts: BlockhostContracts }) | null = null;
  #proxmox: HostPorts | null = null;
  #pve: PveClient | null = null;

  constructor(o: ContextOptions) {
    this.out = o.out;
    this.configDir = o.configDir;
    this.yes = o.yes;
    this.log = o.log;
    this.stdin = o.stdin;
    this.stderr = o.stderr;
    this.#ports = o.ports;
  }

  /** The validated configuration; a bad one is a usage error (exit 2) listing every problem. */
  config(): HostConfig {
    if (this.#config) return this.#config;
    try {
      this.#config = loadHostConfig(this.configDir);
      // RPC URLs often carry a provider's API key: never printed or logged whole.
      const urls = [...this.#config.web3.rpc_url, ...this.#config.blockhost.vm.rpc_urls];
      this.out.maskUrls(urls);
      maskUrlsInLogs(this.log, urls);
      return this.#config;
    } catch (e) {
      if (e instanceof HostConfigError) {
        throw new CliError(
          e.message,
          EXIT.usage,
          'fix the files and run `blockhost config validate`',
        );
      }
      throw e;
    }
  }

  /** The daemon's journal; never created by the CLI. */
  db(): Db {
    if (this.#db) return this.#db;
    const path = this.config().db.database_path;
    try {
      this.#db = openDb(path, { mustExist: true });
      return this.#db;
    } catch (e) {
      if (e instanceof DatabaseMissingError) {
        throw new CliError(
          `no BlockHost database at ${path}`,
          EXIT.usage,
          'start blockhostd once (it creates the database), or check database_path in db.yaml',
        );
      }
      throw e;
    }
  }

  chain(): BlockhostClients & { contracts: BlockhostContracts } {
    if (this.#chain) return this.#chain;
    const { web3, serverKey } = this.config();
    const clients = createBlockhostClients({
      chainId: web3.chain_id,
      rpcUrls: web3.rpc_url,
      privateKey: serverKey.reveal(),
      timeoutMs: 10_000,
      retryCount: 1,
    });
    if (clients.isErr()) throw new CliError(clients.error.message, EXIT.usage);
    this.#chain = {
      ...clients.value,
      contracts: { subscriptions: web3.contracts.subscriptions, nft: web3.contracts.nft },
    };
    return this.#chain;
  }

  /** Proxmox as the job runner uses it (the daemon's wiring). */
  async proxmox(): Promise<HostPorts> {
    if (!this.#proxmox) this.#proxmox = await this.#ports(this.config(), this.log);
    return this.#proxmox;
  }

  /** The Proxmox API itself, with the configured token (doctor, template build). */
  pve(): PveClient {
    if (this.#pve) return this.#pve;
    const config = this.config();
    this.#pve = pveClient(config.blockhost.proxmox, {
      tokenId: config.blockhost.proxmox.token_id,
      tokenSecret: config.pveTokenSecret.reveal(),
    });
    return this.#pve;
  }

  /** A spinner on this invocation's stderr (silent unless it is a terminal). */
  progress(text: string): Progress {
    return startProgress(text, this.stderr ?? process.stderr, (t) => this.out.clean(t));
  }

  async close(): Promise<void> {
    this.#db?.close();
    this.#db = null;
    const pve = this.#pve;
    const ports = this.#proxmox;
    this.#pve = null;
    this.#proxmox = null;
    await pve?.close().catch(() => {});
    await ports?.close?.().catch(() => {});
  }
}
