/**
 * Test fixture for the IPv6 broker client: anvil with BlockHost's contracts (the host's NFT
 * contract) and the reference broker (broker-kit) answering from its pool, plus a HostConfig
 * for a journal in a temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BrokerResponder,
  createPrefixPool,
  type DeployedBroker,
  deployBroker,
  type ResponderFault,
  startBrokerResponder,
} from '@blockhost/broker-kit';
import { publicKeyFromSecretKey } from '@blockhost/chain';
import { type Anvil, deployTestBlockhost, startAnvil } from '@blockhost/chain/testkit';
import { parseConfig } from '@blockhost/core';
import type { Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import { type HostConfig, Secret } from '../../src/index.js';

export const BROKER_SECRET: Hex =
  '0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba';
export const SERVER_ACCOUNT = 1;
export const RESPONDER_ACCOUNT = 5;

export interface BrokerFixture {
  readonly anvil: Anvil;
  readonly broker: DeployedBroker;
  readonly nft: `0x${string}`;
  readonly faults: Map<bigint, ResponderFault>;
  responder: BrokerResponder;
  /** Host configs share the chain; each gets its own directory (journal, IPv6 files). */
  hostConfig(o?: { ipv6?: string; dir?: string; bridge?: string }): HostConfig;
  /** Restarts the responder with other WireGuard details (what the answers carry). */
  startResponder(o: {
    wireguardPublicKey: string;
    endpoint: string;
    gateway: string;
    onAssign?: (a: { requestId: bigint; wgPubkey: string; prefix: string }) => Promise<void>;
  }): void;
  readonly dirs: string[];
  stop(): Promise<void>;
}

/** A valid WireGuard key for answers that never reach a real tunnel. */
export const SOME_WG_KEY = 'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=';

export async function startBrokerFixture(): Promise<BrokerFixture> {
  const anvil = await startAnvil();
  const dirs: string[] = [];
  try {
    const d = (
      await deployTestBlockhost(anvil.clients(SERVER_ACCOUNT), {
        admin: anvil.accounts[0]!.address,
      })
    )._unsafeUnwrap();
    const broker = await deployBroker(anvil.clients(0), {
      publicKey: publicKeyFromSecretKey(BROKER_SECRET)._unsafeUnwrap(),
      responder: anvil.accounts[RESPONDER_ACCOUNT]!.address,
    });
    const faults = new Map<bigint, ResponderFault>();
    const pool = createPrefixPool('2001:db8:100::/112');
    const start = (o: Parameters<BrokerFixture['startResponder']>[0]) =>
      startBrokerResponder({
        clients: anvil.clients(RESPONDER_ACCOUNT),
        secretKey: BROKER_SECRET,
        requests: broker.requests,
        fromBlock: broker.deployBlock,
        pool,
        gateway: o.gateway,
        wireguardPublicKey: o.wireguardPublicKey,
        endpoint: o.endpoint,
        dnsZone: 'hosts.broker.test',
        fault: (id) => faults.get(id),
        ...(o.onAssign ? { onAssign: o.onAssign } : {}),
        pollIntervalMs: 50,
      });
    const fx: BrokerFixture = {
      anvil,
      broker,
      nft: d.nft,
      faults,
      dirs,
      responder: start({
        wireguardPublicKey: SOME_WG_KEY,
        endpoint: '192.0.2.1:51820',
        gateway: '2001:db8:ffff::1',
      }),
      startResponder(o) {
        void fx.responder.stop();
        fx.responder = start(o);
      },
      hostConfig(o = {}) {
        const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'bh-ipv6-'));
        if (!o.dir) dirs.push(dir);
        return buildHostConfig({
          dir,
          ipv6:
            o.ipv6 ??
            [
              'ipv6:',
              '  mode: broker',
              '  broker:',
              `    registry: "${broker.registry}"`,
              `    requests: "${broker.requests}"`,
              '    answer_timeout_s: 60',
              '    max_requests: 2',
            ].join('\n'),
          rpcUrl: anvil.rpcUrl,
          subscriptions: d.subscriptions,
          nft: d.nft,
          serverKey: anvil.accounts[SERVER_ACCOUNT]!.privateKey,
          ...(o.bridge ? { bridge: o.bridge } : {}),
        });
      },
      async stop() {
        await fx.responder.stop();
        await anvil.stop();
        for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
      },
    };
    return fx;
  } catch (e) {
    await anvil.stop();
    throw e;
  }
}

/** A HostConfig from YAML snippets, without files (the journal goes under `dir`). */
export function buildHostConfig(o: {
  dir: string;
  ipv6: string;
  rpcUrl?: string;
  subscriptions?: string;
  nft?: string;
  serverKey?: Hex;
  bridge?: string;
}): HostConfig {
  const db = parseConfig(
    'db',
    [
      `database_path: ${join(o.dir, 'state', 'blockhost.db')}`,
      'ipv4_pool: { cidr: 10.77.0.0/24, gateway: 10.77.0.1 }',
      o.ipv6,
    ].join('\n'),
  )._unsafeUnwrap();
  const web3 = parseConfig(
    'web3',
    [
      'chain_id: 31337',
      `rpc_url: ${o.rpcUrl ?? 'http://127.0.0.1:8545'}`,
      'contracts:',
      `  subscriptions: "${o.subscriptions ?? '0x5FbDB2315678afecb367f032d93F642f64180aa3'}"`,
      `  nft: "${o.nft ?? '0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512'}"`,
    ].join('\n'),
  )._unsafeUnwrap();
  const blockhost = parseConfig(
    'blockhost',
    [
      'proxmox:',
      '  api_url: https://127.0.0.1:8006',
      '  token_id: blockhost@pve!blockhost',
      '  nodes: [pve]',
      '  template_vmid: 9000',
      '  storage: local-lvm',
      `  bridge: ${o.bridge ?? 'vmbr0'}`,
    ].join('\n'),
  )._unsafeUnwrap();
  return {
    dir: o.dir,
    db,
    web3,
    blockhost,
    serverKey: new Secret(
      o.serverKey ?? '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
    ),
    pveTokenSecret: new Secret('00000000-0000-0000-0000-000000000000'),
    sshKey: null,
  };
}

export const serverAddress = (fx: BrokerFixture) =>
  privateKeyToAddress(fx.anvil.accounts[SERVER_ACCOUNT]!.privateKey);
