/**
 * IPv6 inside blockhostd: drives the broker client (broker mode) and keeps network.json in
 * step with the address plan and the VMs' allocations, for `blockhost ipv6 apply` to make real.
 * Never touches the network itself and never throws into the daemon: IPv4 service goes on
 * whatever happens here.
 */
import { existsSync, mkdirSync } from 'node:fs';
import {
  createBlockhostClients,
  publicKeyFromSecretKey,
  type WriteClients,
} from '@blockhost/chain';
import { ipv6InCidr, parseIpv6, parseIpv6Cidr } from '@blockhost/core';
import type { Hex } from 'viem';
import { privateKeyToAddress } from 'viem/accounts';
import type { HostConfig } from '../config/load.js';
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';
import { stepBrokerClient } from './broker-client.js';
import { readApplyStatus } from './host-apply.js';
import { desiredIpv6Network, ipv6StateDir, wireguardKeyFile, writeIpv6Network } from './network.js';
import { type Ipv6Status, ipv6Status } from './status.js';
import { ensureWireguardKey } from './wg-key.js';

export interface Ipv6Service {
  /** The IPv6 files' directory (network.json, status.json, the WireGuard key). */
  readonly dir: string;
  /** One broker-client step (broker mode), then `refresh()`. Never rejects. */
  tick(): Promise<void>;
  /** Rewrites network.json if the plan or the VM addresses changed; true when it did. */
  refresh(): boolean;
  status(): Ipv6Status;
}

export interface CreateIpv6ServiceOptions {
  readonly db: Db;
  readonly config: HostConfig;
  readonly log: Logger;
  /** The daemon's chain clients (server key); the broker's chain gets its own when configured. */
  readonly clients: WriteClients;
  readonly now?: () => number;
}

/** VMs holding an IPv6 address inside `prefix`, described for an operator. */
export function ipv6Holders(db: Db, prefix: string): string[] {
  const cidr = parseIpv6Cidr(prefix);
  if (cidr.isErr()) return [];
  const rows = db
    .prepare(
      `SELECT a.value AS address, v.vmid, v.subscription_id AS sub FROM allocations a
       JOIN vms v ON v.id = a.vm_id WHERE a.kind = 'ipv6'`,
    )
    .all() as { address: string; vmid: number | null; sub: string }[];
  return rows
    .filter((r) => {
      const a = parseIpv6(r.address);
      return a.isOk() && ipv6InCidr(a.value, cidr.value);
    })
    .map((r) => `VM ${r.vmid ?? '?'} of subscription ${r.sub} (${r.address})`);
}

export function createIpv6Service(o: CreateIpv6ServiceOptions): Ipv6Service {
  const { db, config, log } = o;
  const now = o.now ?? Date.now;
  const dir = ipv6StateDir(config);
  const broker = config.db.ipv6.mode === 'broker' ? config.db.ipv6.broker : undefined;
  let clients = o.clients;
  if (broker?.rpc_url && broker.chain_id !== undefined) {
    const c = createBlockhostClients({
      chainId: broker.chain_id,
      rpcUrls: broker.rpc_url,
      privateKey: config.serverKey.reveal(),
    });
    if (c.isErr()) throw c.error;
    clients = { publicClient: c.value.publicClient, walletClient: c.value.walletClient! };
  }
  const serverKey = config.serverKey;
  // Only the broker client needs these; worked out on its first step, not at every start (the
  // first secp256k1 multiplication builds a table of base point multiples).
  let serverIds: { address: `0x${string}`; publicKey: Hex } | null = null;
  const serverIdsOf = () =>
    (serverIds ??= {
      address: privateKeyToAddress(serverKey.reveal()),
      publicKey: publicKeyFromSecretKey(serverKey.reveal())._unsafeUnwrap() as Hex,
    });
  let last = '';

  const refresh = () => {
    // IPv6 never used here: no directory, no file (switching it off later still tears down).
    if (config.db.ipv6.mode === 'off' && !existsSync(dir)) return false;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o750 });
      const changed = writeIpv6Network(dir, desiredIpv6Network(db, config));
      if (changed) log.info({ dir }, 'IPv6: network.json updated for `blockhost ipv6 apply`');
      return changed;
    } catch (e) {
      log.warn({ error: (e as Error).message }, 'IPv6: writing network.json failed');
      return false;
    }
  };

  const status = () => ipv6Status(db, config, readApplyStatus(dir), now());

  return {
    dir,
    refresh,
    status,
    async tick() {
      if (broker) {
        try {
          mkdirSync(dir, { recursive: true, mode: 0o750 });
          const wgPublicKey = ensureWireguardKey(wireguardKeyFile(config));
          await stepBrokerClient({
            db,
            broker,
            client: clients.publicClient,
            writer: clients,
            serverKey,
            serverAddress: serverIdsOf().address,
            serverPublicKey: serverIdsOf().publicKey,
            nftContract: config.web3.contracts.nft,
            wgPublicKey,
            now,
            holders: (prefix) => ipv6Holders(db, prefix),
          });
        } catch (e) {
          log.warn({ error: (e as Error).message }, 'IPv6: broker client step failed; next time');
        }
      }
      refresh();
      const s = status();
      const key = `${s.state}|${s.reason}|${s.prefix}`;
      if (key !== last) {
        last = key;
        const level = s.state === 'failed' || s.state === 'no-handshake' ? 'warn' : 'info';
        log[level]({ state: s.state, reason: s.reason, prefix: s.prefix }, `IPv6: ${s.message}`);
      }
    },
  };
}
