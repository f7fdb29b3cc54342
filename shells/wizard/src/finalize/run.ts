/**
 * The finalize: the confirmed settings turned into a running host, one
 * idempotent step at a time (server key, contracts, funding, plan, Proxmox
 * token, config files, template, services, completion marker, reboot). Every
 * step checks the world before it acts, so a rerun after a failure or a kill
 * continues from where it stopped and never deploys, creates or builds twice.
 * The steps are the host layer's (`@blockhost/host` setup), like the CLI's.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createBlockhostClients, type WriteClients } from '@blockhost/chain';
import { formatConfigIssue } from '@blockhost/core';
import {
  beginDeployment,
  type ConfigFileValues,
  creationBlock,
  ensureDeployment,
  ensureFunded,
  ensurePaymentTokens,
  ensurePlan,
  ensureServerKey,
  ensureServerRoles,
  ensureSnippetsDir,
  ensureTemplate,
  errorText,
  imageSource,
  readServerKey,
  renderConfigFiles,
  setupProxmoxToken,
  validateConfigDir,
  writeConfigFiles,
} from '@blockhost/host';
import { createPveClient, type PveClient } from '@blockhost/proxmox';
import type { Address } from 'viem';
import { finalizeFiles, type Layout, runFiles } from '../layout.js';
import type { MachineEffects } from '../machine/types.js';
import { type Settings, settingsSchema } from '../settings.js';
import {
  emptyState,
  FINALIZE_STEPS,
  type FinalizeState,
  type FinalizeStepId,
  readState,
  saveState,
  takeLock,
} from './state.js';

/** Units the finalize enables: the daemon and the daily cleanup. */
export const SERVICE_UNITS = ['blockhost-monitor.service', 'blockhost-gc.timer'] as const;

export interface FinalizeLog {
  info(msg: string): void;
  error(msg: string): void;
}

/**
 * Test seam: `BLOCKHOST_FINALIZE_KILL_AT=<step>:<point>` makes this process
 * SIGKILL itself there (points: start, end, and a step's own, e.g.
 * contracts:after-subscriptions, proxmox-token:after-create).
 */
function checkpoint(step: FinalizeStepId, point: string): void {
  if (process.env.BLOCKHOST_FINALIZE_KILL_AT === `${step}:${point}`)
    process.kill(process.pid, 'SIGKILL');
}

class StepFailure extends Error {}

function orFail<T>(r: { isErr(): boolean; value?: T; error?: unknown }): T {
  if (r.isErr()) throw new StepFailure(errorText((r as { error: unknown }).error));
  return (r as { value: T }).value;
}

function readSettings(file: string): Settings {
  const r = settingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!r.success)
    throw new StepFailure(
      `${file}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return r.data;
}

function chainClients(s: Settings, key: `0x${string}`): WriteClients {
  const c = createBlockhostClients({
    chainId: s.chain.chainId,
    rpcUrls: s.chain.rpcUrls,
    privateKey: key,
    pollingIntervalMs: 250,
  });
  if (c.isErr()) throw new StepFailure(c.error.shortMessage);
  return { publicClient: c.value.publicClient, walletClient: c.value.walletClient! };
}

function pve(s: Settings, id: string, secret: string): PveClient {
  const r = createPveClient({
    url: s.proxmox.apiUrl,
    tokenId: id,
    tokenSecret: secret,
    fingerprint: s.proxmox.fingerprint,
    timeoutMs: 30_000,
    retry: { attempts: 3, baseDelayMs: 500, maxDelayMs: 5_000 },
  });
  if (r.isErr()) throw new StepFailure(r.error.shortMessage);
  return r.value;
}

/** db.yaml's ipv6 section: the broker assigns the prefix in broker mode, so none is written. */
function ipv6Section(v: Settings['ipv6']): NonNullable<ConfigFileValues['db']['ipv6']> {
  if (v.mode === 'manual') return { mode: 'manual', prefix: v.prefix };
  if (v.mode === 'broker' && v.broker)
    return { mode: 'broker', broker: { registry: v.broker.registry, requests: v.broker.requests } };
  return { mode: 'off' };
}

/** The three config files from the settings, the layout's paths and what earlier steps made. */
export function configValues(s: Settings, l: Layout, d: FinalizeState['data']): ConfigFileValues {
  return {
    db: {
      database_path: l.databasePath,
      ipv4_pool: {
        cidr: s.network.cidr,
        gateway: s.network.gateway,
        range: { start: s.network.rangeStart, end: s.network.rangeEnd },
        dns: s.network.dns,
        reserved: s.network.reserved,
      },
      ipv6: ipv6Section(s.ipv6),
      grace_days: s.chain.graceDays,
    },
    web3: {
      chain_id: s.chain.chainId,
      rpc_url: s.chain.rpcUrls.length === 1 ? s.chain.rpcUrls[0]! : s.chain.rpcUrls,
      contracts: {
        subscriptions: d.contracts?.subscriptions ?? '',
        nft: d.contracts?.nft ?? '',
        deploy_block: Number(d.contracts?.deployBlock ?? 0),
      },
    },
    blockhost: {
      server_key_file: l.serverKeyFile,
      proxmox: {
        api_url: s.proxmox.apiUrl,
        ...(s.proxmox.fingerprint ? { tls_fingerprint: s.proxmox.fingerprint } : {}),
        token_id: `${s.proxmox.userid}!${s.proxmox.tokenName}`,
        token_file: l.tokenFile,
        nodes: s.proxmox.nodes,
        local_node: s.proxmox.localNode,
        template_vmid: s.proxmox.template.vmid,
        pool: s.proxmox.pool,
        storage: s.storage.vmStorage,
        snippets_storage: s.storage.snippetsStorage,
        snippets_dir: l.snippetsDir ?? s.storage.snippetsDir,
        bridge: s.network.bridge,
      },
      vm: { login_bundle_dir: l.loginBundleDir },
      ...(l.daemonListen ? { http: { listen: l.daemonListen } } : {}),
    },
  };
}

export type FinalizeOutcome = 'finished' | 'failed' | 'locked';

/** Runs (or continues) the finalize; returns when finished, failed, or another run holds the lock. */
export async function runFinalize(
  l: Layout,
  machine: MachineEffects,
  log: FinalizeLog,
): Promise<FinalizeOutcome> {
  const files = finalizeFiles(l);
  const run = runFiles(l);
  const lock = takeLock(files.lock, run.running);
  if ('heldBy' in lock) {
    log.error(`another finalize (pid ${lock.heldBy}) is running`);
    return 'locked';
  }
  const state = readState(files.state) ?? emptyState();
  const save = () => saveState(files.state, run.progress, state);
  let current: FinalizeStepId | null = null;
  try {
    const s = readSettings(run.settings);
    state.running = true;
    for (const st of FINALIZE_STEPS)
      if (state.steps[st.id].status !== 'done') state.steps[st.id] = { status: 'pending' };
    save();
    const deployerKey = (): `0x${string}` => {
      if (!existsSync(run.deployerKey))
        throw new StepFailure(
          'the deployer key is needed again: enter it on the Blockchain step and continue',
        );
      return readFileSync(run.deployerKey, 'utf8').trim() as `0x${string}`;
    };
    const owner = machine.fileOwner();
    const steps: Record<FinalizeStepId, () => Promise<string>> = {
      'server-key': async () => {
        const k = orFail(ensureServerKey(l.serverKeyFile, owner));
        state.data.serverAddress = k.address;
        return `${k.created ? 'generated' : 'kept'} ${k.address}`;
      },
      contracts: async () => {
        const deployer = chainClients(s, deployerKey());
        const server = state.data.serverAddress!;
        if (s.chain.mode === 'existing') {
          const c = {
            subscriptions: s.chain.subscriptions as Address,
            nft: s.chain.nft as Address,
            server,
          };
          const roles = orFail(await ensureServerRoles(deployer, c));
          const tokens = orFail(
            await ensurePaymentTokens(deployer, {
              subscriptions: c.subscriptions,
              tokens: s.chain.paymentTokens as Address[],
            }),
          );
          const block = await creationBlock(deployer.publicClient, c.subscriptions);
          state.data.contracts = {
            subscriptions: c.subscriptions,
            nft: c.nft,
            deployBlock: block.toString(),
          };
          return `verified; granted ${roles.granted.join(', ') || 'nothing'}; accepted ${tokens.added.length} more token(s)`;
        }
        if (!state.data.deployment) {
          // Persisted before anything is sent: a rerun finds the contracts by this nonce.
          state.data.deployment = orFail(
            await beginDeployment(deployer.publicClient, deployer.walletClient.account.address),
          );
          save();
        }
        const r = orFail(
          await ensureDeployment(deployer, state.data.deployment, {
            admin: s.chain.admin as Address,
            server,
            paymentTokens: s.chain.paymentTokens as Address[],
            onProgress: (t) => {
              if (t.startsWith('deploying AccessCredentialNFT'))
                checkpoint('contracts', 'after-subscriptions');
              log.info(`contracts: ${t}`);
            },
          }),
        );
        state.data.contracts = {
          subscriptions: r.subscriptions,
          nft: r.nft,
          deployBlock: r.deployBlock.toString(),
        };
        return `${r.subscriptions} (subscriptions), ${r.nft} (NFT)${r.created.length ? '' : ', already deployed'}`;
      },
      'fund-server': async () => {
        const r = orFail(
          await ensureFunded(chainClients(s, deployerKey()), {
            to: state.data.serverAddress!,
            minimumWei: BigInt(s.chain.serverFundingWei),
          }),
        );
        return r.sentWei > 0n ? `sent ${r.sentWei} wei` : 'already funded';
      },
      plan: async () => {
        const server = chainClients(s, orFail(readServerKey(l.serverKeyFile)));
        const p = s.chain.plan;
        const r = orFail(
          await ensurePlan(server, {
            address: state.data.contracts!.subscriptions,
            plan: {
              name: p.name,
              pricePerDayUsdCents: BigInt(p.priceCents),
              cores: p.cores,
              memoryMiB: p.memoryMiB,
              diskGiB: p.diskGiB,
            },
          }),
        );
        state.data.planId = r.planId.toString();
        return `plan ${r.planId} ${r.created ? 'created' : 'exists'}`;
      },
      'proxmox-token': async () =>
        machine.withAdminToken(async (admin) => {
          const client = pve(s, admin.id, admin.secret);
          try {
            const r = orFail(
              await setupProxmoxToken(client, {
                scope: {
                  pool: s.proxmox.pool,
                  nodes: s.proxmox.nodes,
                  storages: [s.storage.vmStorage],
                  importStorage: s.storage.importStorage,
                  bridges: [s.network.bridge],
                },
                userid: s.proxmox.userid,
                tokenName: s.proxmox.tokenName,
                roleId: s.proxmox.roleId,
                templateVmid: s.proxmox.template.vmid,
                // Our own earlier run made the token and was stopped before writing its secret.
                lostSecret: 'regenerate',
                tokenFile: l.tokenFile,
                owner,
                afterAccess: () => checkpoint('proxmox-token', 'after-create'),
                connect: (id, secret) => pve(s, id, secret),
              }),
            );
            if (r.check.missing.length)
              throw new StepFailure(
                `${r.tokenId} lacks privileges: ${JSON.stringify(r.check.missing)}`,
              );
            state.data.tokenId = r.tokenId;
            return `${r.tokenId}: ${r.access.token.change}`;
          } finally {
            await client.close();
          }
        }),
      'config-files': async () => {
        const texts = renderConfigFiles(configValues(s, l, state.data));
        if (texts.isErr()) throw new StepFailure(texts.error.map(formatConfigIssue).join('; '));
        orFail(writeConfigFiles(l.configDir, texts.value, owner));
        // The daemon writes a snippet per VM there; Proxmox made it root's alone.
        orFail(ensureSnippetsDir(l.snippetsDir ?? s.storage.snippetsDir, owner));
        // What `blockhost config validate` checks, secrets included.
        const v = validateConfigDir(l.configDir);
        if (v.isErr()) throw new StepFailure(v.error.map(formatConfigIssue).join('; '));
        return `written to ${l.configDir} and valid`;
      },
      template: async () => {
        const t = s.proxmox.template;
        const cfg = validateConfigDir(l.configDir);
        if (cfg.isErr()) throw new StepFailure(cfg.error.map(formatConfigIssue).join('; '));
        const client = pve(
          s,
          state.data.tokenId ?? `${s.proxmox.userid}!${s.proxmox.tokenName}`,
          cfg.value.pveTokenSecret.reveal(),
        );
        try {
          if (t.mode === 'existing') return `using template ${t.vmid}`;
          const image = orFail(imageSource(t.imageUrl, t.checksum));
          const r = orFail(
            await ensureTemplate(client, {
              node: s.proxmox.localNode,
              vmid: t.vmid,
              name: t.name,
              image: { ...image, storage: s.storage.importStorage },
              storage: s.storage.vmStorage,
              pool: s.proxmox.pool,
              bridge: s.network.bridge,
            }),
          );
          return r.steps.length
            ? `template ${t.vmid} built (${r.steps.join(', ')})`
            : `template ${t.vmid} present`;
        } finally {
          await client.close();
        }
      },
      services: async () => {
        await machine.enableUnits(SERVICE_UNITS);
        return `enabled ${SERVICE_UNITS.join(', ')}`;
      },
      complete: async () => {
        mkdirSync(dirname(l.setupComplete), { recursive: true });
        writeFileSync(l.setupComplete, `${new Date().toISOString()}\n`);
        // Not needed any more: the deployer key leaves the machine's memory and disk.
        rmSync(run.deployerKey, { force: true });
        rmSync(l.issueFile, { force: true });
        return `marked ${l.setupComplete}`;
      },
      reboot: async () => {
        await new Promise((r) => setTimeout(r, l.rebootDelaySeconds * 1000));
        await machine.reboot();
        return 'reboot requested';
      },
    };
    for (const st of FINALIZE_STEPS) {
      if (state.steps[st.id].status === 'done') continue;
      current = st.id;
      state.steps[st.id] = { status: 'running' };
      save();
      log.info(`${st.id}: started`);
      checkpoint(st.id, 'start');
      const detail = await steps[st.id]();
      checkpoint(st.id, 'end');
      state.steps[st.id] = { status: 'done', detail };
      if (st.id === 'complete') state.finished = true;
      save();
      log.info(`${st.id}: ${detail}`);
    }
    state.running = false;
    save();
    return 'finished';
  } catch (e) {
    const message = errorText(e);
    if (current) state.steps[current] = { status: 'failed', error: message };
    state.running = false;
    save();
    log.error(`${current ?? 'finalize'}: ${message}`);
    return 'failed';
  } finally {
    lock.release();
  }
}
