/** Doctor's chain side: every RPC URL, the contracts, the server key's roles and gas, the clock. */
import {
  createBlockhostClients,
  DeploymentVerificationError,
  hasRole,
  type ReadClient,
  verifyDeployment,
} from '@blockhost/chain';
import type { HostConfig } from '@blockhost/host';
import { formatEther } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { type CheckResult, duration, fail, ok, skip, warn } from './check.js';

const RPC_HINT = 'check rpc_url in web3-defaults.yaml and that the node is up and reachable';
/** Gas a mint or a plan transaction may take, to tell the operator how many are left. */
const GAS_PER_TX = 250_000n;
const LOW_TX_COUNT = 50n;

interface Probe {
  url: string;
  client: ReadClient | null;
  chainId: number | null;
  block: { number: bigint; timestamp: bigint } | null;
  error: string | null;
}

const firstLine = (e: unknown) =>
  ((e as { shortMessage?: string }).shortMessage ?? (e as Error).message ?? String(e)).split(
    '\n',
  )[0]!;

/** One URL alone: a fallback transport would hide a dead or wrong-chain URL behind a good one. */
async function probe(config: HostConfig, url: string): Promise<Probe> {
  const c = createBlockhostClients({
    chainId: config.web3.chain_id,
    rpcUrls: [url],
    timeoutMs: 5_000,
    retryCount: 0,
  });
  if (c.isErr())
    return { url, client: null, chainId: null, block: null, error: c.error.shortMessage };
  const client = c.value.publicClient;
  try {
    const [chainId, block] = await Promise.all([
      client.getChainId(),
      client.getBlock({ blockTag: 'latest' }),
    ]);
    return {
      url,
      client,
      chainId,
      block: { number: block.number, timestamp: block.timestamp },
      error: null,
    };
  } catch (e) {
    return { url, client, chainId: null, block: null, error: firstLine(e) };
  }
}

function rpcCheck(config: HostConfig, probes: Probe[]): CheckResult {
  const want = config.web3.chain_id;
  const wrong = probes.filter((p) => p.chainId !== null && p.chainId !== want);
  if (wrong.length > 0) {
    return fail(
      'rpc',
      wrong
        .map((p) => `${p.url} serves chain ${p.chainId}, web3-defaults.yaml says chain_id ${want}`)
        .join('; '),
      'fix chain_id or rpc_url in web3-defaults.yaml: every URL must serve the chain the contracts are on',
    );
  }
  const up = probes.filter((p) => p.block);
  const down = probes.filter((p) => !p.block);
  const downText = down.map((p) => `${p.url} unreachable (${p.error})`).join('; ');
  if (up.length === 0) return fail('rpc', downText, RPC_HINT);
  const head = up[0]!;
  const upText = `chain ${want} at ${up.map((p) => p.url).join(', ')} (block ${head.block!.number})`;
  if (down.length > 0) return warn('rpc', `${upText}; ${downText}`, RPC_HINT);
  return ok('rpc', upText);
}

async function contractChecks(
  config: HostConfig,
  client: ReadClient,
  server: `0x${string}`,
): Promise<CheckResult[]> {
  const { subscriptions, nft } = config.web3.contracts;
  const r = await verifyDeployment(client, { subscriptions, nft, server });
  let contracts: CheckResult;
  if (r.isOk()) {
    const v = r.value;
    const n = (x: bigint, what: string) => `${x} ${what}${x === 1n ? '' : 's'}`;
    const where = `BlockhostSubscriptions at ${subscriptions}, AccessCredentialNFT at ${nft} (${n(v.planCount, 'plan')}, ${n(v.subscriptionCount, 'subscription')})`;
    contracts =
      v.subscriptionsCodeMatches && v.nftCodeMatches
        ? ok('contracts', where)
        : warn(
            'contracts',
            `${where}; their code differs from this BlockHost version's contracts`,
            'fine after an upgrade of BlockHost; otherwise check the addresses in web3-defaults.yaml',
          );
  } else if (r.error instanceof DeploymentVerificationError) {
    // Role findings are the next check's to report.
    const problems = r.error.problems.filter((p) => !/ lacks /.test(p));
    contracts = problems.length
      ? fail(
          'contracts',
          problems.join('; '),
          'check contracts.subscriptions and contracts.nft in web3-defaults.yaml (or `blockhost chain deploy`)',
        )
      : ok(
          'contracts',
          `BlockhostSubscriptions at ${subscriptions}, AccessCredentialNFT at ${nft}`,
        );
  } else {
    return [
      fail('contracts', `could not check: ${r.error.shortMessage}`, RPC_HINT),
      skip('roles', 'contracts not checked'),
    ];
  }
  if (contracts.status === 'fail') return [contracts, skip('roles', 'contracts not verified')];

  const [operator, minter] = await Promise.all([
    hasRole(client, { address: subscriptions, role: 'OPERATOR_ROLE', account: server }),
    hasRole(client, { address: nft, role: 'MINTER_ROLE', account: server }),
  ]);
  if (operator.isErr() || minter.isErr()) {
    const e = operator.isErr() ? operator.error : (minter as { error: Error }).error;
    return [contracts, fail('roles', `could not read roles: ${firstLine(e)}`, RPC_HINT)];
  }
  const lacking = [
    ...(operator.value ? [] : [`OPERATOR_ROLE on subscriptions ${subscriptions}`]),
    ...(minter.value ? [] : [`MINTER_ROLE on the NFT ${nft}`]),
  ];
  return [
    contracts,
    lacking.length
      ? fail(
          'roles',
          `server key ${server} lacks ${lacking.join(' and ')}`,
          `grant it from the admin wallet (grantRole), or check server_key_file in blockhost.yaml`,
        )
      : ok('roles', `server key ${server} holds OPERATOR_ROLE and MINTER_ROLE`),
  ];
}

async function gasCheck(client: ReadClient, server: `0x${string}`): Promise<CheckResult> {
  const [balance, price] = await Promise.all([
    client.getBalance({ address: server }),
    client.getGasPrice(),
  ]);
  const perTx = GAS_PER_TX * (price > 0n ? price : 1n);
  const txs = balance / perTx;
  const [whole, frac = ''] = formatEther(balance).split('.');
  const amount = frac ? `${whole}.${frac.slice(0, 4).replace(/0+$/, '') || '0'}` : whole;
  const text = `server key ${server} holds ${amount} of the native coin (about ${txs} transactions at the current gas price)`;
  const hint = `send native coin to ${server}: it pays for minting the access NFTs`;
  if (txs < 1n) return fail('gas', text, hint);
  if (txs < LOW_TX_COUNT) return warn('gas', text, hint);
  return ok('gas', text);
}

function clockCheck(blockTimestamp: bigint, blockNumber: bigint, nowMs: number): CheckResult {
  const skew = nowMs / 1000 - Number(blockTimestamp);
  const at = `block ${blockNumber}`;
  if (Math.abs(skew) <= 60)
    return ok('clock', `host clock and the newest block (${at}) agree within ${duration(skew)}`);
  const severe = Math.abs(skew) > 3600;
  if (skew < 0) {
    const s = `host clock is ${duration(skew)} behind the newest block (${at})`;
    const hint = 'check time sync on this host (`timedatectl status`)';
    return severe ? fail('clock', s, hint) : warn('clock', s, hint);
  }
  const s = `the newest block (${at}) is ${duration(skew)} older than the host clock`;
  const hint =
    'either the chain (or this RPC) stopped producing blocks, or the host clock runs ahead (`timedatectl status`); lifecycle decisions use chain time';
  return severe ? fail('clock', s, hint) : warn('clock', s, hint);
}

/** rpc, contracts, roles, gas, clock. */
export async function chainChecks(config: HostConfig, nowMs: () => number): Promise<CheckResult[]> {
  const probes = await Promise.all(config.web3.rpc_url.map((u) => probe(config, u)));
  const rpc = rpcCheck(config, probes);
  const usable = probes.find((p) => p.block && p.chainId === config.web3.chain_id);
  if (rpc.status === 'fail' || !usable?.client) {
    const why = 'no usable RPC';
    return [rpc, skip('contracts', why), skip('roles', why), skip('gas', why), skip('clock', why)];
  }
  const server = privateKeyToAddress(config.serverKey.reveal());
  const [contracts, gas] = await Promise.all([
    contractChecks(config, usable.client, server),
    gasCheck(usable.client, server).catch((e) =>
      fail('gas', `could not read the balance: ${firstLine(e)}`, RPC_HINT),
    ),
  ]);
  return [
    rpc,
    ...contracts,
    gas,
    clockCheck(usable.block!.timestamp, usable.block!.number, nowMs()),
  ];
}
