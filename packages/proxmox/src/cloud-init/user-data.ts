import { gzipSync } from 'node:zlib';
import { type Address, InvalidInputError, isAddress } from '@blockhost/core';
import { err, ok, type Result } from 'neverthrow';
import { stringify } from 'yaml';

/** A file cloud-init writes (`write_files`), e.g. the VM login config from @blockhost/pam-verifier. */
export interface WriteFile {
  /** Absolute path in the guest. */
  path: string;
  content: string | Uint8Array;
  /** Octal mode, e.g. `0644`. */
  permissions?: string;
  /** `user:group` (default root:root). */
  owner?: string;
  /** Write after packages and users are set up (cloud-init's `defer`). */
  defer?: boolean;
  append?: boolean;
}

export interface UserDataParameters {
  /** Host name (a DNS label; `vmName` from @blockhost/core). */
  hostname: string;
  fqdn?: string;
  user: {
    /** Linux user name the customer logs in as. */
    name: string;
    /** The wallet allowed to log in (written to GECOS). */
    wallet: Address;
    /** The access NFT id (NFT mode): GECOS `wallet=…,nft=<id>`. */
    nftTokenId?: bigint;
    /** Supplementary groups (e.g. the login group the PAM config matches). */
    groups?: readonly string[];
    shell?: string;
    sshAuthorizedKeys?: readonly string[];
  };
  /** Extra files (login config, units, …), written as given (large ones gzipped). */
  writeFiles?: readonly WriteFile[];
  /** Commands run once at first boot, in order (strings go through sh, arrays do not). */
  runcmd?: ReadonlyArray<string | readonly string[]>;
  packages?: readonly string[];
  timezone?: string;
}

/** `wallet=<address>[,nft=<id>]`: what the login helper reads from GECOS. */
export function walletGecos(wallet: Address, nftTokenId?: bigint): string {
  return `wallet=${wallet}${nftTokenId === undefined ? '' : `,nft=${nftTokenId}`}`;
}

/**
 * Files from this size on are written gzipped (`gz+b64`, which cloud-init decodes): the login
 * programs are hundreds of KiB of JavaScript that YAML would otherwise quote and escape, half the
 * user-data's size and most of its parsing on the VM.
 */
export const GZIP_FROM_BYTES = 8 * 1024;

function fileContent(content: string | Uint8Array): { encoding?: string; content: string } {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  if (bytes.length >= GZIP_FROM_BYTES)
    return { encoding: 'gz+b64', content: gzipSync(bytes, { level: 9 }).toString('base64') };
  if (typeof content !== 'string') return { encoding: 'b64', content: bytes.toString('base64') };
  return { content };
}

const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const USER = /^[a-z_][a-z0-9_-]{0,31}$/;

/**
 * Renders `#cloud-config` user-data: the login user with GECOS
 * `wallet=…[,nft=…]`, passwordless sudo and a locked password, the host
 * name, and the caller's `write_files`, `runcmd` and `packages`.
 */
export function renderUserData(p: UserDataParameters): Result<string, InvalidInputError> {
  if (!LABEL.test(p.hostname))
    return err(new InvalidInputError('hostname', `'${p.hostname}' is not a DNS label`));
  if (!USER.test(p.user.name))
    return err(new InvalidInputError('user.name', `'${p.user.name}' is not a Linux user name`));
  if (!isAddress(p.user.wallet))
    return err(new InvalidInputError('user.wallet', 'expected a 20-byte hex address'));
  if (p.user.nftTokenId !== undefined && p.user.nftTokenId < 0n) {
    return err(new InvalidInputError('user.nftTokenId', 'must not be negative'));
  }
  for (const g of p.user.groups ?? []) {
    if (!USER.test(g))
      return err(new InvalidInputError('user.groups', `'${g}' is not a group name`));
  }
  const files = [];
  for (const f of p.writeFiles ?? []) {
    if (!f.path.startsWith('/') || f.path.includes('\n')) {
      return err(
        new InvalidInputError('writeFiles.path', `expected an absolute path, got '${f.path}'`),
      );
    }
    if (f.permissions !== undefined && !/^0?[0-7]{3,4}$/.test(f.permissions)) {
      return err(
        new InvalidInputError(
          'writeFiles.permissions',
          `expected an octal mode like 0644, got '${f.permissions}'`,
        ),
      );
    }
    files.push({
      path: f.path,
      ...fileContent(f.content),
      ...(f.permissions ? { permissions: f.permissions } : {}),
      ...(f.owner ? { owner: f.owner } : {}),
      ...(f.defer ? { defer: true } : {}),
      ...(f.append ? { append: true } : {}),
    });
  }
  const doc: Record<string, unknown> = {
    hostname: p.hostname,
    ...(p.fqdn ? { fqdn: p.fqdn } : {}),
    manage_etc_hosts: true,
    preserve_hostname: false,
    users: [
      {
        name: p.user.name,
        gecos: walletGecos(p.user.wallet, p.user.nftTokenId),
        ...(p.user.groups?.length ? { groups: [...p.user.groups] } : {}),
        sudo: 'ALL=(ALL) NOPASSWD:ALL',
        shell: p.user.shell ?? '/bin/bash',
        lock_passwd: true,
        ...(p.user.sshAuthorizedKeys?.length
          ? { ssh_authorized_keys: [...p.user.sshAuthorizedKeys] }
          : {}),
      },
    ],
    ...(p.timezone ? { timezone: p.timezone } : {}),
    ...(p.packages?.length ? { packages: [...p.packages] } : {}),
    ...(files.length ? { write_files: files } : {}),
    ...(p.runcmd?.length
      ? { runcmd: p.runcmd.map((c) => (typeof c === 'string' ? c : [...c])) }
      : {}),
  };
  return ok(`#cloud-config\n${stringify(doc, { lineWidth: 0 })}`);
}
