/**
 * The three config files as a setup writes them: validated with the same
 * schemas the daemon loads them with before anything is written, then written
 * atomically (directory 0750, files 0640 root:blockhost on a host).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  type BlockhostConfigInput,
  CONFIG_FILE_NAMES,
  type ConfigIssue,
  type DbConfigInput,
  validateConfig,
  type Web3ConfigInput,
} from '@blockhost/core';
import { err, ok, type Result } from 'neverthrow';
import { stringify } from 'yaml';
import { type HostConfig, HostConfigError, loadHostConfig } from '../config/load.js';
import { SetupError } from './errors.js';
import { type FileOwner, writeFileAtomic } from './files.js';

export interface ConfigFileValues {
  readonly db: DbConfigInput;
  readonly web3: Web3ConfigInput;
  readonly blockhost: BlockhostConfigInput;
}

export interface ConfigFileTexts {
  readonly db: string;
  readonly web3: string;
  readonly blockhost: string;
}

const HEADERS: Record<keyof ConfigFileTexts, string> = {
  db: '# BlockHost: VM pools and lifecycle policy (written by the setup wizard; `blockhost config validate` checks it)',
  web3: '# BlockHost: the chain and the contracts',
  blockhost: '# BlockHost: server key, Proxmox access, daemon behaviour',
};

/** Validates each file's values with its schema and renders the YAML; every problem at once. */
export function renderConfigFiles(
  v: ConfigFileValues,
): Result<ConfigFileTexts, readonly ConfigIssue[]> {
  const issues: ConfigIssue[] = [];
  for (const kind of ['db', 'web3', 'blockhost'] as const) {
    const r = validateConfig(kind, v[kind]);
    if (r.isErr()) issues.push(...r.error.issues);
  }
  if (issues.length > 0) return err(issues);
  const text = (k: keyof ConfigFileTexts) => `${HEADERS[k]}\n${stringify(v[k], { lineWidth: 0 })}`;
  return ok({ db: text('db'), web3: text('web3'), blockhost: text('blockhost') });
}

/** Writes the three files into `dir` (created 0750), each 0640 with `owner` (else ours). */
export function writeConfigFiles(
  dir: string,
  texts: ConfigFileTexts,
  owner?: FileOwner,
): Result<string[], SetupError> {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o750 });
  } catch (e) {
    return err(new SetupError('io', `cannot create ${dir}: ${(e as NodeJS.ErrnoException).code}`));
  }
  const written: string[] = [];
  for (const kind of ['db', 'web3', 'blockhost'] as const) {
    const file = join(dir, CONFIG_FILE_NAMES[kind]);
    const w = writeFileAtomic(file, texts[kind], 0o640, owner);
    if (w.isErr()) return err(w.error);
    written.push(file);
  }
  return ok(written);
}

/**
 * What `blockhost config validate` checks: the three files and the secret
 * files they name, loaded as the daemon loads them; every problem listed.
 */
export function validateConfigDir(dir: string): Result<HostConfig, readonly ConfigIssue[]> {
  try {
    return ok(loadHostConfig(dir));
  } catch (e) {
    if (e instanceof HostConfigError) return err(e.issues);
    throw e;
  }
}
