import type { BlockhostContracts, WriteClients } from '@blockhost/chain';
import { policyFromConfig } from '@blockhost/core';
import type { HostConfig } from '../config/load.js';
import type { JobRow } from '../db/jobs.js';
import type { Db } from '../db/open.js';
import type { RefusalRow } from '../db/refusals.js';
import type { Logger } from '../log.js';
import { chainViews, trustSettings } from '../trust/views.js';
import { createChainPort } from '../wiring/chain-port.js';
import { jobDefinitions, type UserDataInput } from './definitions.js';
import type { ChainPort, ProxmoxPort } from './ports.js';
import { JobRunner, type StepOutcome } from './runner.js';

/** Proxmox access and cloud-init rendering, built from the config by the shell's wiring. */
export interface HostPorts {
  proxmox: ProxmoxPort;
  renderUserData: (input: UserDataInput) => string;
  /** Replaces the chain side (tests); default: the server key on the configured RPC. */
  chain?: ChainPort;
  /** Releases connections (SSH for snippets). */
  close?: () => Promise<void>;
}

export interface CreateJobRunnerOptions {
  db: Db;
  config: HostConfig;
  log: Logger;
  ports: HostPorts;
  clients: WriteClients;
  chainNow: () => number | null;
  onStep?: (job: JobRow, step: string, outcome: StepOutcome['kind']) => void;
  onFinished?: (job: JobRow, state: 'done' | 'failed' | 'needs_operator' | 'cancelled') => void;
  onProvisioned?: (job: JobRow, latencyMs: number) => void;
  onRefusal?: (refusal: RefusalRow) => void;
}

/** The job runner with every job kind wired to Proxmox and the chain: the daemon's and the CLI's. */
export function createJobRunner(o: CreateJobRunnerOptions): JobRunner {
  const { db, config, log, ports } = o;
  const contracts: BlockhostContracts = {
    subscriptions: config.web3.contracts.subscriptions,
    nft: config.web3.contracts.nft,
  };
  const chain =
    ports.chain ??
    createChainPort({
      clients: o.clients,
      contracts,
      serverKey: config.serverKey,
      views: chainViews(config),
      ...trustSettings(config),
      graceSeconds: policyFromConfig(config.db).graceSeconds,
    });
  const d = config.blockhost.daemon;
  return new JobRunner({
    db,
    log,
    definitions: jobDefinitions({
      db,
      config,
      deployment: { chainId: config.web3.chain_id, contract: config.web3.contracts.subscriptions },
      proxmox: ports.proxmox,
      chain,
      renderUserData: ports.renderUserData,
      clock: Date.now,
      chainNow: o.chainNow,
      onProvisioned: o.onProvisioned,
      onRefusal: o.onRefusal,
    }),
    maxConcurrent: d.max_concurrent_jobs,
    maxProvisionsPerNode: config.blockhost.concurrency.max_parallel_provisions,
    maxAttempts: d.max_attempts,
    retryBaseMs: d.retry_base_ms,
    retryMaxMs: d.retry_max_ms,
    onStep: o.onStep,
    onFinished: o.onFinished,
  });
}
