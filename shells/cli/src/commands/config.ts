import { formatConfigIssue, maskUrl } from '@blockhost/core';
import { validateConfigDir } from '@blockhost/host';
import { privateKeyToAddress } from 'viem/accounts';
import type { CommandSpec } from '../framework/command.js';
import { CliError, EXIT } from '../framework/errors.js';

export const configValidate: CommandSpec = {
  path: ['config', 'validate'],
  summary: 'check the config files and secret files; list every problem',
  examples: [
    'blockhost config validate',
    'blockhost config validate --config-dir /tmp/staging --json',
  ],
  json: true,
  async run(ctx) {
    const r = validateConfigDir(ctx.configDir);
    if (r.isErr()) {
      const issues = r.error;
      ctx.out.data({ valid: false, issues });
      for (const i of issues) ctx.out.line(formatConfigIssue(i));
      ctx.out.line(
        `\n${issues.length} problem${issues.length === 1 ? '' : 's'} in ${ctx.configDir}`,
      );
      return EXIT.usage;
    }
    ctx.out.data({ valid: true, issues: [] });
    ctx.out.line(`configuration in ${ctx.configDir} is valid`);
    return EXIT.ok;
  },
};

export const configShow: CommandSpec = {
  path: ['config', 'show'],
  summary:
    'print the effective configuration with defaults filled in (secrets never shown, RPC URL paths masked)',
  examples: ['blockhost config show', 'blockhost config show --json | jq .web3.rpc_url'],
  json: true,
  async run(ctx) {
    const c = ctx.config();
    let serverAddress: string;
    try {
      serverAddress = privateKeyToAddress(c.serverKey.reveal());
    } catch {
      throw new CliError('the server key file does not hold a valid key', EXIT.usage);
    }
    // RPC URLs often hold a provider's API key in their path or query.
    const web3 = { ...c.web3, rpc_url: c.web3.rpc_url.map(maskUrl) };
    const blockhost = {
      ...c.blockhost,
      vm: { ...c.blockhost.vm, rpc_urls: c.blockhost.vm.rpc_urls.map(maskUrl) },
    };
    const view = {
      dir: c.dir,
      db: c.db,
      web3,
      blockhost,
      secrets: {
        server_key: {
          file: c.blockhost.server_key_file,
          address: serverAddress,
          value: '[hidden]',
        },
        pve_token: {
          file: c.blockhost.proxmox.token_file,
          token_id: c.blockhost.proxmox.token_id,
          value: '[hidden]',
        },
      },
    };
    ctx.out.data(view);
    if (!ctx.out.json) {
      const { stringify } = await import('yaml');
      for (const [name, body] of Object.entries({
        'db.yaml': c.db,
        'web3-defaults.yaml': web3,
        'blockhost.yaml': blockhost,
      })) {
        ctx.out.line(`# ${name} (effective)`);
        ctx.out.line(stringify(body).trimEnd());
        ctx.out.line();
      }
      ctx.out.line('# secrets (values never shown)');
      ctx.out.line(stringify(view.secrets).trimEnd());
    }
    return EXIT.ok;
  },
};
