/**
 * `blockhost portal config`: writes the customer site's config.json from the host's config. The
 * RPC URLs are given explicitly: they reach every customer's browser, and the daemon's own may
 * carry a provider key.
 */
import { renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publicKeyFromSecretKey } from '@blockhost/chain';
import { type PortalConfig, parsePortalConfig } from '@blockhost/core';
import type { CommandSpec } from '../framework/command.js';
import { CliError, EXIT, UsageError } from '../framework/errors.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export const portalConfig: CommandSpec = {
  path: ['portal', 'config'],
  summary: "write the customer site's config.json (chain, contracts, public key, operator)",
  description:
    'Reads chain id, contracts and grace days from the config files and the public key from the server key; ' +
    'the public RPC URLs, operator name and support contact come from the options. --out is the ' +
    "site's directory (config.json is written into it) or a file path. The file holds nothing secret.",
  examples: [
    'blockhost portal config --out /var/www/blockhost --rpc-url https://rpc.example.net --operator-name "Example Hosting" --support mailto:help@example.net',
  ],
  json: true,
  options: {
    out: { type: 'string', description: 'the site directory, or the file to write' },
    'rpc-url': {
      type: 'string',
      multiple: true,
      description: 'public JSON-RPC URL for customers (repeat for fallbacks)',
    },
    'operator-name': { type: 'string', description: 'your name as customers see it' },
    support: { type: 'string', description: 'https:// or mailto: URL for help' },
    'chain-name': { type: 'string', description: 'the network name wallets show' },
    'currency-symbol': { type: 'string', description: 'native coin symbol (default ETH)' },
    explorer: { type: 'string', description: 'block explorer base URL (optional)' },
    'signing-origin': {
      type: 'string',
      description: "origin of the VMs' signing page, when not the VM itself",
    },
  },
  async run(ctx, _positionals, values) {
    const out = str(values.out);
    const rpcUrls = (values['rpc-url'] as string[] | undefined) ?? [];
    const name = str(values['operator-name']);
    const support = str(values.support);
    if (!out || rpcUrls.length === 0 || !name || !support)
      throw new UsageError('--out, --rpc-url, --operator-name and --support are required');
    const c = ctx.config();
    const pub = publicKeyFromSecretKey(c.serverKey.reveal() as `0x${string}`);
    if (pub.isErr())
      throw new CliError('the server key file does not hold a valid key', EXIT.usage);
    const symbol = str(values['currency-symbol']) ?? 'ETH';
    const candidate = {
      chainId: c.web3.chain_id,
      chainName: str(values['chain-name']) ?? `Chain ${c.web3.chain_id}`,
      nativeCurrency: { name: symbol, symbol, decimals: 18 },
      rpcUrls,
      ...(str(values.explorer) ? { blockExplorerUrl: str(values.explorer) } : {}),
      contracts: c.web3.contracts,
      serverPublicKey: pub.value,
      graceDays: c.db.grace_days,
      operator: { name, support },
      ...(str(values['signing-origin'])
        ? { signingPageOrigin: str(values['signing-origin']) }
        : {}),
    };
    const parsed = parsePortalConfig(candidate);
    if (parsed.isErr())
      throw new UsageError(
        `config.json would be invalid: ${parsed.error.issues.map((i) => `${i.key}: ${i.message}`).join('; ')}`,
      );
    const config: PortalConfig = parsed.value;
    let file = out;
    try {
      if (statSync(out).isDirectory()) file = join(out, 'config.json');
    } catch {
      // not there yet: a file path
    }
    // Written whole or not at all: a half-written config.json would break the site.
    const tmp = `${file}.tmp-${process.pid}`;
    try {
      writeFileSync(tmp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o644 });
      renameSync(tmp, file);
    } catch (e) {
      throw new CliError(`cannot write ${file}: ${(e as Error).message}`, EXIT.failed);
    }
    ctx.out.data({ file, config });
    ctx.out.line(`wrote ${file}`);
    ctx.out.line(
      `chain ${config.chainId}, subscriptions ${config.contracts.subscriptions}, RPC ${config.rpcUrls.join(', ')}`,
    );
    return EXIT.ok;
  },
};
