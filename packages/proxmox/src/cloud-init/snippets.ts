import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { InvalidInputError } from '@blockhost/core';
import { err, ok, type Result, ResultAsync } from 'neverthrow';
import type { NodeSSH } from 'node-ssh';
import { SnippetError } from '../errors.js';

type SFTPWrapper = Awaited<ReturnType<NodeSSH['requestSFTP']>>;

/** Where cloud-init snippets go: the snippets directory of each node. */
export interface SnippetStore {
  /** Writes (atomically) `filename` into the snippets directory of `node`. */
  write(node: string, filename: string, content: string): ResultAsync<void, SnippetError>;
  /** Removes it; a missing file is fine. */
  remove(node: string, filename: string): ResultAsync<void, SnippetError>;
  /** The file's content, or null when absent. */
  read(node: string, filename: string): ResultAsync<string | null, SnippetError>;
  /** Closes SSH connections. */
  close(): Promise<void>;
}

const asSnippetError = (what: string) => (e: unknown) =>
  e instanceof SnippetError
    ? e
    : new SnippetError(what, { cause: e, details: (e as Error)?.message });

export interface SnippetSshOptions {
  /** SSH user on the nodes (PVE: root). */
  username: string;
  port?: number;
  /** Private key (PEM/OpenSSH text) or a path to it. */
  privateKey?: string;
  privateKeyPath?: string;
  /** Address per node (default: the node name). */
  hosts?: Record<string, string>;
  /**
   * Expected host key per node as OpenSSH prints it (`SHA256:…`). A node
   * without one is refused unless `acceptUnknownHostKeys` is set.
   */
  hostKeys?: Record<string, string>;
  acceptUnknownHostKeys?: boolean;
  readyTimeoutMs?: number;
}

export interface SnippetStoreOptions {
  /** Snippets directory, the same path on every node (default /var/lib/vz/snippets). */
  dir?: string;
  /** Snippets for this node are written to the local file system. */
  localNode?: string;
  /** How to reach the other nodes (SFTP). */
  ssh?: SnippetSshOptions;
  /** File mode (default 0640: readable by root and the www-data/PVE group only). */
  mode?: number;
}

const FILENAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

function checkName(filename: string): void {
  if (!FILENAME.test(filename)) {
    throw new SnippetError(`snippet name '${filename}' is not a plain file name`, {
      hint: 'use letters, digits, dot, dash and underscore only',
    });
  }
}

/** OpenSSH's `SHA256:<base64>` fingerprint of a raw public key blob. */
export function sshFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

const sftpCall = <T>(fn: (cb: (e: Error | null | undefined, v?: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((e, v) => (e ? reject(e) : resolve(v as T))));

/**
 * Snippet delivery: a local atomic write when the VM's node is this host,
 * SFTP (node-ssh, key auth, pinned host keys) to any other node.
 */
export function createSnippetStore(
  opts: SnippetStoreOptions,
): Result<SnippetStore, InvalidInputError> {
  const dir = opts.dir ?? '/var/lib/vz/snippets';
  if (!dir.startsWith('/'))
    return err(new InvalidInputError('snippets dir', `expected an absolute path, got '${dir}'`));
  const ssh = opts.ssh;
  if (ssh && !ssh.privateKey && !ssh.privateKeyPath) {
    return err(
      new InvalidInputError('ssh', 'a private key (privateKey or privateKeyPath) is required'),
    );
  }
  const mode = opts.mode ?? 0o640;
  const conns = new Map<string, Promise<NodeSSH>>();

  const connect = (node: string): Promise<NodeSSH> => {
    let c = conns.get(node);
    if (c) return c;
    if (!ssh) {
      return Promise.reject(
        new SnippetError(`node '${node}' is not this host and no SSH access is configured`, {
          hint: 'set proxmox.ssh in blockhost.yaml (user, key_file) to deliver snippets to other nodes',
        }),
      );
    }
    c = (async () => {
      // Loaded on first use: a single-node host never needs SSH (and ssh2 is ~5 MiB resident).
      const { NodeSSH } = await import('node-ssh');
      const conn = new NodeSSH();
      const expected = ssh.hostKeys?.[node];
      let seen: string | undefined;
      try {
        const privateKey = ssh.privateKey ?? (await readFile(ssh.privateKeyPath!, 'utf8'));
        await conn.connect({
          host: ssh.hosts?.[node] ?? node,
          port: ssh.port ?? 22,
          username: ssh.username,
          privateKey,
          readyTimeout: ssh.readyTimeoutMs ?? 10_000,
          hostVerifier: (key: Buffer) => {
            seen = sshFingerprint(key);
            return expected ? seen === expected : ssh.acceptUnknownHostKeys === true;
          },
        });
      } catch (e) {
        conns.delete(node);
        conn.dispose();
        const hostKeyProblem =
          seen !== undefined && (expected ? seen !== expected : !ssh.acceptUnknownHostKeys);
        throw new SnippetError(
          hostKeyProblem
            ? `node '${node}': host key ${seen} is ${expected ? `not the expected ${expected}` : 'not known'}`
            : `node '${node}': SSH connection failed`,
          { cause: e, details: (e as Error).message, retryable: !hostKeyProblem },
        );
      }
      conn.connection?.on('close', () => conns.delete(node));
      return conn;
    })();
    conns.set(node, c);
    return c;
  };

  const withSftp = async <T>(node: string, fn: (sftp: SFTPWrapper) => Promise<T>): Promise<T> => {
    const conn = await connect(node);
    const sftp = await conn.requestSFTP();
    try {
      return await fn(sftp);
    } finally {
      sftp.end();
    }
  };

  const impl = {
    async write(node: string, filename: string, content: string): Promise<void> {
      checkName(filename);
      const target = join(dir, filename);
      const tmp = join(dir, `.${filename}.${process.pid}.${Date.now()}.tmp`);
      if (node === opts.localNode) {
        try {
          await mkdir(dirname(target), { recursive: true });
          await writeFile(tmp, content, { mode });
          await rename(tmp, target);
        } catch (e) {
          await rm(tmp, { force: true });
          throw new SnippetError(`cannot write snippet ${target}`, {
            cause: e,
            details: (e as Error).message,
          });
        }
        return;
      }
      await withSftp(node, async (sftp) => {
        try {
          await sftpCall<void>((cb) => sftp.writeFile(tmp, content, { mode }, cb));
          // posix-rename replaces the target atomically (plain SFTP rename refuses to).
          await sftpCall<void>((cb) => sftp.ext_openssh_rename(tmp, target, cb));
        } catch (e) {
          await sftpCall<void>((cb) => sftp.unlink(tmp, () => cb(null))).catch(() => {});
          throw new SnippetError(`node '${node}': cannot write snippet ${target}`, {
            cause: e,
            details: (e as Error).message,
          });
        }
      });
    },
    async remove(node: string, filename: string): Promise<void> {
      checkName(filename);
      const target = join(dir, filename);
      if (node === opts.localNode) {
        await rm(target, { force: true });
        return;
      }
      await withSftp(node, (sftp) =>
        sftpCall<void>((cb) =>
          sftp.unlink(target, (e) => cb(e && (e as { code?: number }).code !== 2 ? e : null)),
        ),
      );
    },
    async read(node: string, filename: string): Promise<string | null> {
      checkName(filename);
      const target = join(dir, filename);
      if (node === opts.localNode) {
        try {
          return await readFile(target, 'utf8');
        } catch (e) {
          if ((e as { code?: string }).code === 'ENOENT') return null;
          throw e;
        }
      }
      return withSftp(node, async (sftp) => {
        try {
          const buf = await sftpCall<Buffer>((cb) => sftp.readFile(target, cb));
          return buf.toString('utf8');
        } catch (e) {
          if ((e as { code?: number }).code === 2) return null;
          throw e;
        }
      });
    },
  };
  const store: SnippetStore = {
    write: (node, filename, content) =>
      ResultAsync.fromPromise(
        impl.write(node, filename, content),
        asSnippetError(`cannot write snippet ${filename} on ${node}`),
      ),
    remove: (node, filename) =>
      ResultAsync.fromPromise(
        impl.remove(node, filename),
        asSnippetError(`cannot remove snippet ${filename} on ${node}`),
      ),
    read: (node, filename) =>
      ResultAsync.fromPromise(
        impl.read(node, filename),
        asSnippetError(`cannot read snippet ${filename} on ${node}`),
      ),
    async close() {
      const all = [...conns.values()];
      conns.clear();
      for (const c of all) {
        try {
          (await c).dispose();
        } catch {
          // a failed connection has nothing to close
        }
      }
    },
  };
  return ok(store);
}
