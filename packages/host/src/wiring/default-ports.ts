import {
  BLOCKHOST_TAG,
  type BlockhostError,
  type ClusterVm,
  type Deployment,
  deploymentTag,
  formatIpv6,
  parseIpv6,
  parseVmDescription,
} from '@blockhost/core';
import { LoginConfigError, vmLoginCloudInit } from '@blockhost/pam-verifier';
import {
  createPveClient,
  createSnippetStore,
  destroyVm,
  findSubscriptionVm,
  findVm,
  getClusterResources,
  getVmidsInUse,
  inspectVms,
  type PveClient,
  type PveError,
  placeVm,
  provisionVmStep,
  renderUserData,
  resumeVm,
  setLoginWallet,
  suspendVm,
  type VmInspection,
} from '@blockhost/proxmox';
import type { ResultAsync } from 'neverthrow';
import type { HostConfig } from '../config/load.js';
import type { HostPorts } from '../jobs/create-runner.js';
import type { UserDataInput } from '../jobs/definitions.js';
import {
  type ClusterInventory,
  okResult,
  type PortResult,
  type ProxmoxPort,
} from '../jobs/ports.js';
import { vmSigningTls } from '../jobs/signing-tls.js';
import type { Logger } from '../log.js';
import { memoizeUserData } from './user-data-cache.js';

/**
 * A failed Proxmox task or a timeout is worth another try later (each step is
 * idempotent and the job backs off); a refused parameter or privilege, a plan
 * no node fits, a conflict, a missing template are not: a person must act.
 */
function portErr(e: BlockhostError & { retryable?: boolean }): PortResult<never> {
  const detail = e.details ? ` (${e.details})` : '';
  const retryable = (e.retryable ?? false) || e.code === 'PVE_TASK' || e.code === 'PVE_TIMEOUT';
  // A full cluster is waited out; a plan larger than every node is not (not retryable). An API
  // that does not answer is waited out too: a pveproxy restart must not use up a provision's
  // attempts and leave a paid subscription with a failed VM.
  const wait =
    e.code === 'PVE_NO_NODE_FITS' && retryable
      ? 'capacity'
      : e.code === 'PVE_CONNECTION'
        ? 'unreachable'
        : undefined;
  return { ok: false, error: { message: `${e.shortMessage}${detail}`, retryable, wait } };
}

async function run<T, E extends BlockhostError & { retryable?: boolean }>(
  r: ResultAsync<T, E>,
): Promise<PortResult<T>> {
  const x = await r;
  return x.isOk() ? okResult(x.value) : portErr(x.error);
}

/**
 * Cloud-init user-data: the login user (wallet in GECOS, in the wallet group),
 * the wallet-login programs and their config, the signing page's TLS key and
 * certificate for this VM (its fingerprint goes into the NFT's details),
 * Debian's nodejs to run them, and the installer run once at first boot to
 * wire PAM and sshd. A missing bundle directory makes provisioning fail with
 * this message.
 */
export function createUserDataRenderer(config: HostConfig): (input: UserDataInput) => string {
  const loginConfig = {
    chainId: config.web3.chain_id,
    rpcUrls: config.blockhost.vm.rpc_urls.length ? config.blockhost.vm.rpc_urls : undefined,
    nftContract: config.web3.contracts.nft,
    signing: { enabled: true, port: config.blockhost.vm.signing_port },
  };
  // Reading the bundles and writing their YAML is the costly part: done for a template, not per VM.
  const render = (input: UserDataInput) => {
    const login = vmLoginCloudInit({
      config: loginConfig,
      bundleDir: config.blockhost.vm.login_bundle_dir,
      signingTls: vmSigningTls(config, input.hostname),
    });
    if (login.isErr()) {
      const e = login.error;
      throw new Error(
        e instanceof LoginConfigError
          ? `the VM login config: ${e.message}`
          : `vm.login_bundle_dir (${config.blockhost.vm.login_bundle_dir}): ${e.message}; ` +
              'it must hold the wallet-login programs of @blockhost/pam-verifier (its dist/bin)',
      );
    }
    const { groups, ...rest } = login.value;
    const r = renderUserData({
      hostname: input.hostname,
      user: {
        name: input.user,
        wallet: input.wallet as `0x${string}`,
        ...(input.tokenId === null ? {} : { nftTokenId: input.tokenId }),
        groups,
      },
      ...rest,
    });
    if (r.isErr()) throw r.error;
    return r.value;
  };
  return memoizeUserData(render, (hostname) => vmSigningTls(config, hostname));
}

/** The Proxmox API client of blockhost.yaml: its token, its pinned certificate. */
export function pveClientFromConfig(
  config: HostConfig,
  log: Logger,
  retry?: { attempts: number; timeoutMs: number },
): PveClient {
  const px = config.blockhost.proxmox;
  const clientR = createPveClient({
    url: px.api_url,
    tokenId: px.token_id,
    tokenSecret: config.pveTokenSecret.reveal(),
    fingerprint: px.tls_fingerprint,
    clonesPerStorage: config.blockhost.concurrency.clones_per_storage,
    ...(retry ? { retry: { attempts: retry.attempts }, timeoutMs: retry.timeoutMs } : {}),
    onRetry: (e) =>
      log.debug(
        { attempt: e.attempt, delayMs: e.delayMs, error: e.error.message },
        'Proxmox call retried',
      ),
  });
  if (clientR.isErr()) throw clientR.error;
  return clientR.value;
}

/** RFC 5952 text, as the journal keeps addresses (the allocator's form). */
const canonicalIpv6 = (a: string) => parseIpv6(a).map(formatIpv6).unwrapOr(a);

/** The deployment's VMs and every configured address, from one inspection of the cluster. */
export function clusterInventory(vms: VmInspection[], deployment: Deployment): ClusterInventory {
  const ours = deploymentTag(deployment);
  const ipv4 = new Set<string>();
  const ipv6 = new Set<string>();
  const mine: ClusterVm[] = [];
  for (const vm of vms) {
    for (const a of vm.addresses.ipv4) ipv4.add(a);
    for (const a of vm.addresses.ipv6) ipv6.add(canonicalIpv6(a));
    if (ours.isErr() || !vm.tags.includes(BLOCKHOST_TAG) || !vm.tags.includes(ours.value)) continue;
    const sub = vm.tags.map((t) => /^sub-([0-9]+)$/.exec(t)?.[1]).find(Boolean);
    if (!sub) continue;
    const meta = parseVmDescription(vm.description);
    mine.push({
      subscriptionId: BigInt(sub),
      vmid: vm.vmid,
      node: vm.node,
      // BlockHost's suspend clears onboot; its resume and provisioning set it. A running VM is
      // never taken for suspended: a suspend cut short (onboot cleared, the shutdown never
      // came) must be driven again, or the VM runs on unpaid.
      suspended: !vm.onboot && vm.status !== 'running',
      running: vm.status === 'running',
      ipv4: vm.primary.ipv4,
      ipv6: vm.primary.ipv6 === null ? null : canonicalIpv6(vm.primary.ipv6),
      owner: meta?.owner ?? null,
      purchase: meta?.purchase ?? null,
    });
  }
  return { deployment: mine, addresses: { ipv4, ipv6 } };
}

/** Proxmox access for the daemon and the CLI, from blockhost.yaml and the token file. */
export function createDefaultPorts(config: HostConfig, log: Logger): HostPorts {
  const px = config.blockhost.proxmox;
  const client = pveClientFromConfig(config, log);
  // Readiness asks once and quickly: retrying is the job steps' business, not the probe's.
  const probe = pveClientFromConfig(config, log, { attempts: 1, timeoutMs: 5000 });
  const localNode = px.local_node ?? (px.nodes.length === 1 ? px.nodes[0] : undefined);
  const storeR = createSnippetStore({
    dir: px.snippets_dir,
    localNode,
    ssh: px.ssh
      ? {
          username: px.ssh.user,
          port: px.ssh.port,
          // Read (and its mode checked) with the rest of the config.
          privateKey: config.sshKey?.reveal() ?? '',
        }
      : undefined,
  });
  if (storeR.isErr()) throw storeR.error;
  const store = storeR.value;
  const deployment = {
    chainId: config.web3.chain_id,
    contract: config.web3.contracts.subscriptions,
  };
  let templateNode: string | null = null;
  let inventory: { at: number; value: ClusterInventory } | null = null;

  const proxmox: ProxmoxPort = {
    async ping() {
      const r = await getClusterResources(probe, { type: 'node' });
      return r.isOk() ? okResult(undefined) : portErr(r.error as PveError);
    },
    place: (need) =>
      run(
        placeVm(client, {
          nodes: px.nodes,
          needs: { ...need, storage: px.storage },
          strategy: config.blockhost.placement,
        }).map((p) => ({ node: p.node })),
      ),
    // The token sees only its pool: VMIDs of other VMs in the range are found by asking for them.
    // Probing stops at the first free VMID past the journal's own: the one allocated next.
    usedVmids: (reserved = []) =>
      run(
        getVmidsInUse(client, {
          probe: { range: config.db.vmid_range, free: 1, reserved },
        }).map((s) => [...s]),
      ),
    async inspectCluster(o = {}) {
      const now = Date.now();
      if (inventory && now - inventory.at <= (o.maxAgeMs ?? 0)) return okResult(inventory.value);
      const r = await run(inspectVms(client).map((vms) => clusterInventory(vms, deployment)));
      if (r.ok) inventory = { at: now, value: r.value };
      return r;
    },
    findSubscriptionVm: (subscriptionId) =>
      run(
        findSubscriptionVm(client, { deployment, subscriptionId }).map((v) =>
          v ? { node: v.node, vmid: v.vmid } : null,
        ),
      ),
    async provision(step, spec, o) {
      if (!templateNode) {
        const t = await findVm(client, px.template_vmid);
        if (t.isErr()) return portErr(t.error);
        if (!t.value) {
          return {
            ok: false,
            error: {
              message: `template VM ${px.template_vmid} not found (run \`blockhost template build\`)`,
              retryable: false,
            },
          };
        }
        templateNode = t.value.node;
      }
      return run(
        provisionVmStep(client, step, {
          deployment,
          subscriptionId: spec.subscriptionId,
          owner: spec.owner as `0x${string}`,
          ...(spec.purchase ? { purchase: spec.purchase } : {}),
          vmid: spec.vmid,
          node: spec.node,
          template: { vmid: px.template_vmid, node: templateNode },
          storage: px.storage,
          pool: px.pool,
          resources: { cores: spec.cores, memoryMiB: spec.memoryMiB, diskGiB: spec.diskGiB },
          network: {
            bridge: px.bridge,
            ipv4: { address: spec.ipv4.cidr, gateway: spec.ipv4.gateway },
            ...(spec.ipv6 ? { ipv6: { address: spec.ipv6.cidr, gateway: spec.ipv6.gateway } } : {}),
            nameservers: [...spec.nameservers],
          },
          cloudInit: { userData: o.userData, snippetStorage: px.snippets_storage, snippets: store },
          agentTimeoutMs: o.agentTimeoutMs,
          signal: o.signal,
        }).map((r) => ({ vm: r.vm, next: r.next })),
      );
    },
    suspend: (node, vmid, mode) =>
      run(suspendVm(client, { node, vmid, mode }).map(() => undefined)),
    resume: (node, vmid) => run(resumeVm(client, { node, vmid }).map(() => undefined)),
    destroy: ({ node, vmid, subscriptionId, snippet }) =>
      run(
        destroyVm(client, {
          vmid,
          node,
          expect: { deployment, subscriptionId },
          ...(snippet ? { snippet: { store, filename: snippet } } : {}),
        }).map(() => undefined),
      ),
    setLoginWallet: ({ node, vmid, user, wallet, tokenId }) =>
      run(
        setLoginWallet(client, { node, vmid, user, wallet: wallet as `0x${string}`, tokenId }).map(
          () => undefined,
        ),
      ),
  };

  return {
    proxmox,
    renderUserData: createUserDataRenderer(config),
    close: () => store.close(),
  };
}
