import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BlockhostConfig,
  CONFIG_FILE_NAMES,
  type ConfigIssue,
  type DbConfig,
  formatConfigIssue,
  parseConfig,
  type Web3Config,
} from '@blockhost/core';
import { Secret } from './secret.js';
import { readSecretFileChecked } from './secret-file.js';

export interface HostConfig {
  readonly dir: string;
  readonly db: DbConfig;
  readonly web3: Web3Config;
  readonly blockhost: BlockhostConfig;
  /** The server's secp256k1 private key (0x + 64 hex): operator, minter, ECIES recipient. */
  readonly serverKey: Secret<`0x${string}`>;
  /** The Proxmox API token secret (the UUID part of `user@realm!name=<secret>`). */
  readonly pveTokenSecret: Secret<string>;
  /** The SSH private key for snippet delivery to other nodes (`proxmox.ssh.key_file`), if set. */
  readonly sshKey: Secret<string> | null;
}

export class HostConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly issues: readonly ConfigIssue[]) {
    super(
      `configuration has ${issues.length} problem${issues.length === 1 ? '' : 's'}:\n${issues.map((i) => `  ${formatConfigIssue(i)}`).join('\n')}`,
    );
  }
}

function readText(path: string, issues: ConfigIssue[]): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    issues.push({
      file: path,
      path: [],
      message: code === 'ENOENT' ? 'file not found' : `cannot read (${code})`,
    });
    return null;
  }
}

/** Reads a secret file, refusing one that other users could read. */
function readSecretFile(path: string, what: string, issues: ConfigIssue[]): string | null {
  const r = readSecretFileChecked(path, what);
  if (!r.ok) {
    issues.push({ file: path, path: [], message: r.message });
    return null;
  }
  return r.text.trim();
}

/**
 * Loads `db.yaml`, `web3-defaults.yaml`, `blockhost.yaml` and the secret
 * files they name. Collects every problem before failing, so the operator
 * sees the whole list at once; nothing starts half-configured.
 */
export function loadHostConfig(dir: string): HostConfig {
  const issues: ConfigIssue[] = [];
  const parsed: Partial<{ db: DbConfig; web3: Web3Config; blockhost: BlockhostConfig }> = {};
  for (const kind of ['db', 'web3', 'blockhost'] as const) {
    const file = join(dir, CONFIG_FILE_NAMES[kind]);
    const text = readText(file, issues);
    if (text === null) continue;
    const r = parseConfig(kind, text, file);
    if (r.isErr()) issues.push(...r.error.issues);
    else (parsed as Record<string, unknown>)[kind] = r.value;
  }
  let serverKey: string | null = null;
  let tokenSecret: string | null = null;
  let sshKey: string | null = null;
  if (parsed.blockhost) {
    const keyFile = parsed.blockhost.server_key_file;
    serverKey = readSecretFile(keyFile, 'server key', issues);
    if (serverKey !== null && !/^(0x)?[0-9a-fA-F]{64}$/.test(serverKey)) {
      issues.push({
        file: keyFile,
        path: [],
        message: 'expected a secp256k1 private key: 64 hex digits, optionally 0x-prefixed',
      });
      serverKey = null;
    }
    const tokenFile = parsed.blockhost.proxmox.token_file;
    tokenSecret = readSecretFile(tokenFile, 'Proxmox token', issues);
    const ssh = parsed.blockhost.proxmox.ssh;
    if (ssh) sshKey = readSecretFile(ssh.key_file, 'SSH key', issues);
    if (tokenSecret !== null && !/^[A-Za-z0-9-]{8,128}$/.test(tokenSecret)) {
      issues.push({
        file: tokenFile,
        path: [],
        message: 'expected the token secret (a UUID), alone on one line',
      });
      tokenSecret = null;
    }
  }
  if (
    issues.length > 0 ||
    !parsed.db ||
    !parsed.web3 ||
    !parsed.blockhost ||
    !serverKey ||
    !tokenSecret
  ) {
    throw new HostConfigError(issues);
  }
  const key = (
    serverKey.startsWith('0x') ? serverKey : `0x${serverKey}`
  ).toLowerCase() as `0x${string}`;
  return {
    dir,
    db: parsed.db,
    web3: parsed.web3,
    blockhost: parsed.blockhost,
    serverKey: new Secret(key),
    pveTokenSecret: new Secret(tokenSecret),
    sshKey: sshKey === null ? null : new Secret(`${sshKey}\n`),
  };
}
