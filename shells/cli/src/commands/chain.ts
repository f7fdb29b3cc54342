import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBlockhostClients } from '@blockhost/chain';
import { deployTestStablecoin } from '@blockhost/chain/testkit';
import { CONFIG_FILE_NAMES, isAddress, maskUrl, parseConfig } from '@blockhost/core';
import {
  beginDeployment,
  ensureDeployment,
  ensurePlan,
  readServerKey as readServerKeyFile,
  setContractAddresses,
} from '@blockhost/host';
import { chainFailure } from '../failures.js';
import { readYamlDocument, writeYamlDocument } from '../files.js';
import type { CommandSpec } from '../framework/command.js';
import { CliError, EXIT, UsageError } from '../framework/errors.js';
import { confirm } from '../framework/prompt.js';

function readServerKey(configDir: string): `0x${string}` {
  const file = join(configDir, CONFIG_FILE_NAMES.blockhost);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CliError(`cannot read ${file}`, EXIT.usage);
  }
  const c = parseConfig('blockhost', text, file);
  if (c.isErr()) throw new CliError(c.error.message, EXIT.usage);
  // The daemon's rule: a key other users can read is refused, not used.
  const key = readServerKeyFile(c.value.server_key_file);
  if (key.isErr()) throw new CliError(key.error.shortMessage, EXIT.usage, key.error.hint);
  return key.value;
}

export const chainDeploy: CommandSpec = {
  path: ['chain', 'deploy'],
  summary:
    'deploy fresh contracts (server key pays and operates) and write their addresses into web3-defaults.yaml',
  options: {
    admin: {
      type: 'string',
      description: "the operator's own wallet: admin role (payment tokens, withdraw, roles)",
    },
    stablecoin: { type: 'string', description: 'accepted USD stablecoin (ERC-20 address)' },
    'test-stablecoin': {
      type: 'boolean',
      description: 'deploy a mintable 6-decimals test stablecoin (local chains, testnets)',
    },
    'plan-name': { type: 'string', description: 'also create a first plan with this name' },
    'plan-price-cents': { type: 'string', description: 'first plan: price per day in US cents' },
    'plan-cores': { type: 'string', description: 'first plan: cores' },
    'plan-memory': { type: 'string', description: 'first plan: memory in MiB' },
    'plan-disk': { type: 'string', description: 'first plan: disk in GiB' },
  },
  examples: [
    'blockhost chain deploy --admin 0xYourWallet --stablecoin 0xA0b8…eB48',
    'blockhost chain deploy --admin 0xYourWallet --test-stablecoin --plan-name small --plan-price-cents 100 --plan-cores 1 --plan-memory 1024 --plan-disk 20',
  ],
  json: true,
  async run(ctx, _p, v) {
    const admin = v.admin;
    if (typeof admin !== 'string' || !isAddress(admin))
      throw new UsageError('--admin: expected the operator wallet address (0x + 40 hex)');
    if (v.stablecoin !== undefined && !isAddress(v.stablecoin))
      throw new UsageError('--stablecoin: expected an ERC-20 address');
    if (v.stablecoin && v['test-stablecoin'])
      throw new UsageError('--stablecoin and --test-stablecoin exclude each other');
    const planKeys = ['plan-name', 'plan-price-cents', 'plan-cores', 'plan-memory', 'plan-disk'];
    const given = planKeys.filter((k) => v[k] !== undefined);
    if (given.length > 0 && given.length < planKeys.length) {
      throw new UsageError(`a first plan needs all of ${planKeys.map((k) => `--${k}`).join(' ')}`);
    }
    const num = (k: string) => {
      const n = Number(v[k]);
      if (!Number.isInteger(n) || n <= 0)
        throw new UsageError(`--${k}: expected a positive integer`);
      return n;
    };
    const firstPlan = given.length
      ? {
          name: String(v['plan-name']),
          pricePerDayUsdCents: BigInt(num('plan-price-cents')),
          cores: num('plan-cores'),
          memoryMiB: num('plan-memory'),
          diskGiB: num('plan-disk'),
        }
      : undefined;

    const web3File = join(ctx.configDir, CONFIG_FILE_NAMES.web3);
    const doc = readYamlDocument(web3File);
    const chainId = Number(doc.get('chain_id'));
    const rpc = doc.toJS()?.rpc_url as string | string[] | undefined;
    const rpcUrls = Array.isArray(rpc) ? rpc : rpc ? [rpc] : [];
    ctx.out.maskUrls(rpcUrls);
    if (!Number.isInteger(chainId) || chainId <= 0 || rpcUrls.length === 0) {
      throw new CliError(`${web3File}: chain_id and rpc_url are needed to deploy`, EXIT.usage);
    }
    if (doc.hasIn(['contracts', 'subscriptions'])) {
      await confirm(`${web3File} already names contracts; deploy new ones and replace them?`, {
        yes: ctx.yes,
        stdin: ctx.stdin,
        stderr: ctx.stderr,
      });
    }
    const clients = createBlockhostClients({
      chainId,
      rpcUrls,
      privateKey: readServerKey(ctx.configDir),
    });
    if (clients.isErr()) throw new CliError(clients.error.message, EXIT.usage);
    const { publicClient, walletClient } = clients.value;
    const actual = await publicClient.getChainId().catch((e: Error) => {
      throw chainFailure(`RPC ${rpcUrls.map(maskUrl).join(', ')} unreachable`, e);
    });
    if (actual !== chainId)
      throw new CliError(
        `the RPC serves chain ${actual}, web3-defaults.yaml says ${chainId}`,
        EXIT.usage,
        'fix chain_id or rpc_url in web3-defaults.yaml',
      );

    const clientsW = { publicClient, walletClient: walletClient! };
    const server = walletClient!.account.address;
    const progress = ctx.progress('deploying contracts');
    let stablecoin = (v.stablecoin as `0x${string}` | undefined) ?? null;
    if (v['test-stablecoin']) {
      const coin = await deployTestStablecoin(clientsW, { decimals: 6 });
      if (coin.isErr()) {
        progress.fail('deployment failed');
        throw chainFailure('deploying the test stablecoin', coin.error);
      }
      stablecoin = coin.value.address;
    }
    // The host layer's deployment: the server key deploys, operates and mints; --admin administers.
    const r = await beginDeployment(publicClient, server).andThen((start) =>
      ensureDeployment(clientsW, start, {
        admin,
        server,
        paymentTokens: stablecoin ? [stablecoin] : [],
        onProgress: (t) => progress.update(t),
      }),
    );
    if (r.isErr()) {
      progress.fail('deployment failed');
      throw r.error.kind === 'state'
        ? new CliError(`the new deployment does not verify: ${r.error.shortMessage}`, EXIT.failed)
        : chainFailure('deployment failed', r.error);
    }
    let firstPlanId: bigint | null = null;
    if (firstPlan) {
      progress.update(`creating plan ${firstPlan.name}`);
      const plan = await ensurePlan(clientsW, { address: r.value.subscriptions, plan: firstPlan });
      if (plan.isErr()) {
        progress.fail('plan not created');
        throw chainFailure('creating the first plan', plan.error);
      }
      firstPlanId = plan.value.planId;
    }
    progress.done('contracts deployed and verified');

    setContractAddresses(doc, r.value);
    writeYamlDocument(web3File, doc);

    const result = {
      chainId,
      subscriptions: r.value.subscriptions,
      nft: r.value.nft,
      deployBlock: r.value.deployBlock.toString(),
      stablecoin,
      firstPlanId: firstPlanId?.toString() ?? null,
      configFile: web3File,
    };
    ctx.out.data(result);
    ctx.out.fields(result);
    return EXIT.ok;
  },
};
