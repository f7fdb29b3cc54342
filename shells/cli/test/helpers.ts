import {
  chmodSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { type Document, parseDocument } from 'yaml';
import { type RunCliOptions, runCli } from '../src/cli.js';

const made: string[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes every directory the helpers made (call from afterAll). */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface ConfigDirOptions {
  rpcUrl?: string;
  subscriptions?: string;
  nft?: string;
  chainId?: number;
  pveUrl?: string;
  dbPath?: string;
  extraDb?: string;
  extraBlockhost?: string;
  serverKey?: string;
  tokenSecret?: string;
  keyMode?: number;
}

/** A complete, valid config directory in a temp dir (adjust with options). */
export function makeConfigDir(o: ConfigDirOptions = {}): string {
  const dir = tempDir('bh-cli-');
  mkdirSync(join(dir, 'secrets'));
  const keyFile = join(dir, 'secrets', 'server.key');
  const tokenFile = join(dir, 'secrets', 'pve-token');
  writeFileSync(
    keyFile,
    `${o.serverKey ?? '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d'}\n`,
  );
  chmodSync(keyFile, o.keyMode ?? 0o600);
  writeFileSync(tokenFile, `${o.tokenSecret ?? '11111111-2222-3333-4444-555555555555'}\n`);
  chmodSync(tokenFile, 0o600);
  writeFileSync(
    join(dir, 'db.yaml'),
    `database_path: ${o.dbPath ?? join(dir, 'state', 'blockhost.db')}\nipv4_pool:\n  cidr: 10.10.0.0/24\n  gateway: 10.10.0.1\n  range: { start: 10.10.0.10, end: 10.10.0.250 }\n${o.extraDb ?? ''}`,
  );
  writeFileSync(
    join(dir, 'web3-defaults.yaml'),
    `chain_id: ${o.chainId ?? 31337}\nrpc_url: ${o.rpcUrl ?? 'http://127.0.0.1:9'}\ncontracts:\n  subscriptions: "${o.subscriptions ?? '0x5FbDB2315678afecb367f032d93F642f64180aa3'}"\n  nft: "${o.nft ?? '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'}"\n`,
  );
  writeFileSync(
    join(dir, 'blockhost.yaml'),
    `server_key_file: ${keyFile}\nproxmox:\n  api_url: ${o.pveUrl ?? 'https://127.0.0.1:9'}\n  token_id: blockhost@pve!blockhost\n  token_file: ${tokenFile}\n  nodes: [pve1]\n  template_vmid: 9000\n  storage: local-lvm\n${o.extraBlockhost ?? ''}`,
  );
  return dir;
}

export interface ConfigEdits {
  db?: (doc: Document) => void;
  web3?: (doc: Document) => void;
  blockhost?: (doc: Document) => void;
  /** A different server key (written to a fresh 0600 file). */
  serverKey?: string;
}

/**
 * A copy of a config directory with some keys changed (comments kept): one
 * fault at a time for doctor and the error-path tests. Secret files stay
 * where the original points.
 */
export function variantConfig(configDir: string, edits: ConfigEdits): string {
  const dir = tempDir('bh-cli-variant-');
  const files = { db: 'db.yaml', web3: 'web3-defaults.yaml', blockhost: 'blockhost.yaml' } as const;
  for (const [kind, name] of Object.entries(files) as [keyof typeof files, string][]) {
    const edit = edits[kind];
    if (!edit) {
      copyFileSync(join(configDir, name), join(dir, name));
      continue;
    }
    const doc = parseDocument(readFileSync(join(configDir, name), 'utf8'));
    edit(doc);
    writeFileSync(join(dir, name), doc.toString());
  }
  if (edits.serverKey) {
    const keyFile = join(dir, 'server.key');
    writeFileSync(keyFile, `${edits.serverKey}\n`, { mode: 0o600 });
    const doc = parseDocument(readFileSync(join(dir, files.blockhost), 'utf8'));
    doc.set('server_key_file', keyFile);
    writeFileSync(join(dir, files.blockhost), doc.toString());
  }
  return dir;
}

/** A file with `content` and `mode` in a fresh temp dir. */
export function tempFile(name: string, content: string, mode = 0o600): string {
  const path = join(tempDir('bh-cli-file-'), name);
  writeFileSync(path, content, { mode });
  chmodSync(path, mode);
  return path;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

function collect(s: PassThrough): () => string {
  const chunks: Buffer[] = [];
  s.on('data', (c: Buffer) => chunks.push(c));
  return () => Buffer.concat(chunks).toString('utf8');
}

/** Runs the CLI in-process with captured output (and `stdin` as piped input, if given). */
export async function cli(
  argv: string[],
  options: {
    ports?: RunCliOptions['ports'];
    env?: NodeJS.ProcessEnv;
    stdinTty?: boolean;
    stdin?: string;
  } = {},
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdin.isTTY = options.stdinTty ?? false;
  stdin.end(options.stdin ?? '');
  const out = collect(stdout);
  const err = collect(stderr);
  const code = await runCli({
    argv,
    env: options.env ?? {},
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stderr as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    ports:
      options.ports ??
      (() => {
        throw new Error('this test gives the CLI no Proxmox');
      }),
  });
  stdout.end();
  stderr.end();
  const result = { code, stdout: out(), stderr: err() };
  return {
    ...result,
    json<T>() {
      try {
        return JSON.parse(result.stdout) as T;
      } catch {
        throw new Error(
          `stdout is not one JSON document (exit ${result.code}):\n${result.stdout}\nstderr:\n${result.stderr}`,
        );
      }
    },
  };
}

/** Parsed `--json` output in assertions: its shape is what `expect` checks, not the compiler. */
// biome-ignore lint/suspicious/noExplicitAny: the tests assert JSON shapes with expect
export type Json = Record<string, any>;
