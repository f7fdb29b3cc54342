import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAMES, deploymentTag, formatConfigIssue, parseConfig } from '@blockhost/core';
import { listVms, openDb, setupProxmoxToken } from '@blockhost/host';
import {
  LEGACY_VMS_ACL,
  type OutsideVm,
  type SetupAccessReturnType,
  type TokenCheck,
} from '@blockhost/proxmox';
import { type AdminToken, parseAdminToken } from '../admin-token.js';
import type { Context } from '../context.js';
import { pveFailure } from '../failures.js';
import { readYamlDocument, writeYamlDocument } from '../files.js';
import type { CommandSpec } from '../framework/command.js';
import { CliError, EXIT, UsageError } from '../framework/errors.js';
import { confirm } from '../framework/prompt.js';
import { readSecretFile, readSecretStdin } from '../framework/secret-input.js';
import { describePrivileges, pveClient } from '../pve.js';

const USER = /^[^\s:/@!]+@(pve|pam)$/;
const NAME = /^[A-Za-z][A-Za-z0-9.\-_]+$/;

/** Where the admin credential comes from: a file, or stdin (piped, or typed without echo). */
async function readAdminToken(ctx: Context, file: string | undefined): Promise<AdminToken> {
  if (file !== undefined && file !== '-') {
    return parseAdminToken(readSecretFile(file, 'Proxmox admin token'));
  }
  const stdin = ctx.stdin ?? process.stdin;
  const text = await readSecretStdin(
    'Proxmox admin API token (user@realm!name=secret): ',
    stdin,
    ctx.stderr ?? process.stderr,
  );
  if (!text.trim()) {
    throw new UsageError(
      'no admin credential on stdin',
      'pipe it in (`blockhost pve setup-token < /root/pve-admin-token`) or pass --admin-token-file',
    );
  }
  return parseAdminToken(text);
}

/** VMIDs the daemon's journal records (none before the daemon first ran). */
function journalVmids(configDir: string): number[] {
  const file = join(configDir, CONFIG_FILE_NAMES.db);
  if (!existsSync(file)) return [];
  const db = parseConfig('db', readFileSync(file, 'utf8'), file);
  if (db.isErr() || !existsSync(db.value.database_path)) return [];
  const journal = openDb(db.value.database_path, { readonly: true });
  try {
    return listVms(journal)
      .map((v) => v.vmid)
      .filter((v): v is number => v !== null);
  } finally {
    journal.close();
  }
}

/** The deployment's VM tag, once web3-defaults.yaml names the contracts. */
function ourDeploymentTag(configDir: string): string | undefined {
  const file = join(configDir, CONFIG_FILE_NAMES.web3);
  if (!existsSync(file)) return undefined;
  const web3 = parseConfig('web3', readFileSync(file, 'utf8'), file);
  if (web3.isErr()) return undefined;
  const tag = deploymentTag({
    chainId: web3.value.chain_id,
    contract: web3.value.contracts.subscriptions,
  });
  return tag.isOk() ? tag.value : undefined;
}

/** What to tell the operator about BlockHost VMs the token can not reach. */
function outsideText(pool: string, outside: readonly OutsideVm[]): string {
  const list = (xs: readonly OutsideVm[]) =>
    xs.map((v) => `${v.vmid}${v.name ? ` (${v.name})` : ''}`).join(', ');
  const free = outside.filter((v) => v.pool === undefined);
  const elsewhere = outside.filter((v) => v.pool !== undefined);
  return [
    free.length ? `${list(free)} in no pool` : '',
    elsewhere.length ? elsewhere.map((v) => `${list([v])} in pool '${v.pool}'`).join(', ') : '',
  ]
    .filter(Boolean)
    .join('; ')
    .concat(`: BlockHost's VMs outside pool '${pool}'`);
}

export const pveSetupToken: CommandSpec = {
  path: ['pve', 'setup-token'],
  summary:
    'create the least-privilege Proxmox role, user and API token BlockHost runs with (idempotent)',
  description:
    'Needs a Proxmox administrator API token, read from --admin-token-file or from stdin (never from the\n' +
    'command line). Creates role BlockHost with exactly the privileges the SDK needs, user blockhost@pve,\n' +
    'a privilege-separated token, resource pool proxmox.pool (default blockhost) holding the storages and\n' +
    'the template, and ACLs on that pool, the configured nodes and the bridge only: the token can not\n' +
    "see or touch any other VM. The new token's secret goes to proxmox.token_file (mode 0600), its id\n" +
    'into blockhost.yaml. A setup from before pools (a grant on /vms) is migrated: BlockHost VMs in no\n' +
    'pool are listed, --adopt-vms moves them into the pool, and the /vms grant is removed once none is\n' +
    'left outside. A second run changes nothing and says so. The admin token can be deleted afterwards.',
  options: {
    'admin-token-file': {
      type: 'string',
      description: 'file holding user@realm!name=secret of an admin token (default: read stdin)',
    },
    user: { type: 'string', description: 'Proxmox user to create (default blockhost@pve)' },
    'token-name': { type: 'string', description: 'token name (default blockhost)' },
    role: { type: 'string', description: 'role name (default BlockHost)' },
    'import-storage': {
      type: 'string',
      description: 'storage `template build` downloads cloud images to (default local)',
    },
    regenerate: {
      type: 'boolean',
      description: 'issue a new secret for an existing token (the old one stops working)',
    },
    'adopt-vms': {
      type: 'boolean',
      description:
        "move BlockHost's VMs that are in no pool into its pool (a deployment from before pools)",
    },
  },
  examples: [
    'blockhost pve setup-token --admin-token-file /root/pve-admin-token',
    'blockhost pve setup-token          # asks for the admin token, not echoed',
    'blockhost pve setup-token --regenerate --yes < /root/pve-admin-token',
    'blockhost pve setup-token --adopt-vms --admin-token-file /root/pve-admin-token',
  ],
  json: true,
  async run(ctx, _p, v) {
    const file = join(ctx.configDir, CONFIG_FILE_NAMES.blockhost);
    const doc = readYamlDocument(file);
    const current = String(doc.getIn(['proxmox', 'token_id']) ?? '');
    const [curUser, curName] = /^([^!]+)!(.+)$/.exec(current)?.slice(1) ?? [];
    const user = (v.user as string | undefined) ?? (curUser && USER.test(curUser) ? curUser : null);
    const name =
      (v['token-name'] as string | undefined) ?? (curName && NAME.test(curName) ? curName : null);
    const userid = user ?? 'blockhost@pve';
    const tokenName = name ?? 'blockhost';
    if (!USER.test(userid))
      throw new UsageError(`--user: expected user@pve or user@pam, got ${JSON.stringify(userid)}`);
    if (!NAME.test(tokenName))
      throw new UsageError(
        `--token-name: expected letters, digits, . - _ (starting with a letter)`,
      );
    const tokenId = `${userid}!${tokenName}`;
    const idChanged = current !== tokenId;
    if (idChanged) doc.setIn(['proxmox', 'token_id'], tokenId);
    // Validated with the id it will have, so a first run needs no token_id yet.
    const parsed = parseConfig('blockhost', doc.toString(), file);
    if (parsed.isErr()) {
      throw new CliError(
        parsed.error.issues.map(formatConfigIssue).join('\n'),
        EXIT.usage,
        'fix blockhost.yaml (api_url, nodes, storage, bridge) and run again',
      );
    }
    const px = parsed.value.proxmox;
    const importStorage = (v['import-storage'] as string | undefined) ?? 'local';
    const scope = {
      pool: px.pool,
      nodes: px.nodes,
      storages: [px.storage],
      importStorage,
      bridges: [px.bridge],
    };

    const admin = await readAdminToken(ctx, v['admin-token-file'] as string | undefined);
    if (admin.id === tokenId)
      throw new UsageError(
        `the admin credential is BlockHost's own token ${tokenId}`,
        'use an administrator token (e.g. root@pam!setup) to set BlockHost up',
      );
    if (v.regenerate) {
      await confirm(
        `Issue a new secret for ${tokenId}? The old one stops working (restart blockhostd afterwards)`,
        { yes: ctx.yes, stdin: ctx.stdin, stderr: ctx.stderr },
      );
    }

    const client = pveClient(px, { tokenId: admin.id, tokenSecret: admin.secret });
    let result: SetupAccessReturnType;
    let check: TokenCheck;
    let secretWritten = false;
    try {
      const progress = ctx.progress(`setting up ${tokenId}`);
      // The host layer's token setup: setupAccess, the secret into its file, then proof it works.
      const r = await setupProxmoxToken(client, {
        scope,
        userid,
        tokenName,
        roleId: (v.role as string | undefined) ?? 'BlockHost',
        templateVmid: px.template_vmid,
        knownVmids: journalVmids(ctx.configDir),
        deploymentTag: ourDeploymentTag(ctx.configDir),
        adoptVms: Boolean(v['adopt-vms']),
        regenerate: Boolean(v.regenerate),
        lostSecret: 'fail',
        tokenFile: px.token_file,
        connect: (id, secret) => pveClient(px, { tokenId: id, tokenSecret: secret }),
      });
      if (r.isErr()) {
        progress.fail();
        const e = r.error;
        // The SDK's hint for a 403 points at setup-token, which is what is running.
        const cause = e.cause as { shortMessage?: string; hint?: string } | undefined;
        throw e.reason === 'INVALID_INPUT'
          ? new CliError(cause?.shortMessage ?? e.shortMessage, EXIT.failed, cause?.hint)
          : e.reason === 'PVE_PERMISSION'
            ? new CliError(
                `setting up Proxmox access: the admin token may not do this (${cause?.shortMessage ?? e.shortMessage})`,
                EXIT.failed,
                'use an administrator token without privilege separation, e.g. `pveum user token add root@pam setup --privsep 0`',
              )
            : e.kind === 'remote'
              ? pveFailure(e.shortMessage.replace(/: .*$/s, ''), (e.cause as Error) ?? e)
              : new CliError(e.shortMessage, EXIT.failed, e.hint);
      }
      result = r.value.access;
      check = r.value.check;
      secretWritten = r.value.secretWritten;
      progress.done(`${tokenId} ready`);
    } finally {
      await client.close();
    }
    if (idChanged) writeYamlDocument(file, doc);

    const changed =
      result.role.change !== 'unchanged' ||
      result.user.change !== 'unchanged' ||
      result.token.change !== 'unchanged' ||
      result.pool.change !== 'unchanged' ||
      result.members.some((m) => m.change !== 'unchanged') ||
      result.acls.some((a) => a.change !== 'unchanged') ||
      idChanged ||
      secretWritten;
    const view = {
      changed,
      role: { id: result.role.id, change: result.role.change, privileges: result.role.privileges },
      user: result.user,
      token: {
        id: result.token.id,
        change: result.token.change,
        privilegeSeparation: true,
        secretWritten,
        tokenFile: px.token_file,
      },
      pool: result.pool,
      members: result.members,
      outside: result.outside,
      acls: result.acls,
      config: { file, tokenIdUpdated: idChanged },
      check: { missing: check.missing, extra: check.extra },
    };
    ctx.out.data(view);
    ctx.out.table(
      [
        {
          object: 'role',
          id: result.role.id,
          change: result.role.change,
          detail: `${result.role.privileges.length} privileges`,
        },
        { object: 'user', id: result.user.id, change: result.user.change, detail: null },
        {
          object: 'token',
          id: result.token.id,
          change: result.token.change,
          detail: secretWritten
            ? `privilege separation; secret written to ${px.token_file}`
            : 'privilege separation',
        },
        { object: 'pool', id: result.pool.id, change: result.pool.change, detail: null },
        ...result.members.map((m) => ({
          object: m.type === 'storage' ? 'pool storage' : 'pool VM',
          id: m.id,
          change: m.change,
          detail: m.type === 'qemu' && Number(m.id) === px.template_vmid ? 'the template' : null,
        })),
        ...result.acls.map((a) => ({
          object: 'acl',
          id: a.path,
          change: a.change,
          detail:
            a.path === LEGACY_VMS_ACL
              ? a.change === 'removed'
                ? 'the old grant on every VM, no longer needed'
                : 'the old grant on every VM, kept for the VMs outside the pool'
              : `${result.role.id} for user and token`,
        })),
      ],
      ['object', 'id', 'change', 'detail'],
    );
    if (idChanged) ctx.out.line(`${file}: proxmox.token_id set to ${tokenId}`);
    if (check.missing.length > 0) {
      throw new CliError(
        `${tokenId} still lacks ${describePrivileges(check.missing)}`,
        EXIT.failed,
        'another ACL or role may override it: check `pveum acl list` on the host',
      );
    }
    if (result.outside.length > 0) {
      ctx.out.warn(
        `${outsideText(result.pool.id, result.outside)}; ${tokenId} keeps its old grant on ${LEGACY_VMS_ACL} (every VM in the cluster) until they are in the pool`,
      );
      ctx.out.warn(
        result.outside.some((o) => o.pool === undefined)
          ? 'run again with --adopt-vms to move those in no pool into it; a VM in another pool the operator moves (pvesh set /pools --poolid … --vms … --allow-move 1)'
          : 'move them into the pool (pvesh set /pools --poolid … --vms … --allow-move 1), then run again',
      );
    }
    if (check.extra.length > 0) {
      ctx.out.warn(
        `${tokenId} holds more than BlockHost needs: ${describePrivileges(check.extra)}`,
      );
    }
    const scoped = result.outside.length === 0 && check.extra.length === 0;
    ctx.out.line(
      changed
        ? `done: ${tokenId} holds ${scoped ? 'exactly ' : ''}the privileges BlockHost needs${scoped ? `, on pool '${result.pool.id}' only` : ''}${v.regenerate ? '; restart blockhostd to use the new secret' : ''}`
        : `nothing changed: ${tokenId} was already set up and holds the privileges BlockHost needs`,
    );
    return EXIT.ok;
  },
};
